/** Actor names by id, from the map's graph (one cached request), for tables that hold only ids. */
import { useMemo } from 'react';
import { useGraph } from '../api/queries.ts';

export function useActorNames(ecosystemId: string): Record<string, string> {
  const graph = useGraph(ecosystemId);
  return useMemo(() => {
    const names: Record<string, string> = {};
    for (const n of graph.data?.nodes ?? []) names[n.id] = n.name;
    return names;
  }, [graph.data]);
}
