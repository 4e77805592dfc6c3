import { Group, Select, Text, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useActors } from '../api/queries.ts';
import { actorKindColor } from '../lib/graph-style.ts';

/**
 * Chooses an actor by name, searching on the server (ecosystems may hold
 * thousands of actors). The value is the actor's id.
 */
export function ActorPicker(
  props: {
    ecosystemId: string;
    value: string | null;
    onChange: (id: string | null) => void;
    /** Known names for ids (so a chosen actor keeps its label). */
    names?: Record<string, string>;
    exclude?: readonly string[];
  } & Omit<SelectProps, 'value' | 'onChange' | 'data'>,
) {
  const { ecosystemId, value, onChange, names, exclude, ...rest } = props;
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const actors = useActors(ecosystemId, { q: q || undefined, limit: 20, sort: 'name' });
  const known = useRef<Record<string, { name: string; kind: string }>>({});
  for (const a of actors.data?.items ?? []) known.current[a.id] = { name: a.name, kind: a.kind };
  const data = useMemo(() => {
    const items = (actors.data?.items ?? [])
      .filter((a) => !exclude?.includes(a.id))
      .map((a) => ({ value: a.id, label: a.name }));
    if (value && !items.some((i) => i.value === value))
      items.unshift({ value, label: known.current[value]?.name ?? names?.[value] ?? value });
    return items;
  }, [actors.data, value, exclude, names]);
  return (
    <Select
      searchable
      clearable
      placeholder="Search actors by name"
      nothingFoundMessage={actors.isFetching ? 'Searching…' : 'No actor matches'}
      {...rest}
      data={data}
      value={value}
      onChange={(v) => onChange(v)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      renderOption={({ option }) => {
        const k = known.current[option.value];
        return (
          <Group gap={8} wrap="nowrap">
            <span className="vw-dot" style={{ background: actorKindColor(k?.kind ?? '') }} aria-hidden />
            <Text fz="sm">{option.label}</Text>
            <Text fz="xs" c="dimmed">
              {option.value}
            </Text>
          </Group>
        );
      }}
    />
  );
}
