/**
 * The Map analytics over REST API v1 (packages/server/src/routes/map.ts):
 * the analysis, what-if exits, snapshots and their diff, with React Query
 * hooks. Shapes are core's exported types, so web and server cannot drift.
 *
 * Query keys start with `['graph', id]`: every change to the ecosystem
 * already invalidates that prefix (`useInvalidateEcosystem`), so an edited
 * actor refreshes the analysis, a pending what-if and a diff against now.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DocumentDiff, ExitImpact, MapReport } from '@valueweb/core';
import { api } from './client.ts';

export type { DocumentDiff, ExitImpact, MapReport };

/** A saved snapshot (`GET /ecosystems/:id/snapshots`). */
export interface SnapshotInfo {
  id: number;
  ecosystemId: string;
  /** ISO time it was saved. */
  at: string;
  /** Why it was saved: "on demand", or by the server before an import replaced the ecosystem. */
  reason: string;
  label: string | null;
}

/** A side of a diff: a snapshot id, or the ecosystem as it is now. */
export type SnapshotRef = number | 'current';

/** Opportunities the pages ask for (one cached analysis serves every Map page). */
export const OPPORTUNITY_LIMIT = 100;

const seg = (s: string | number) => encodeURIComponent(String(s));

export const mapApi = {
  analysis(id: string, opts: { seed?: number; opportunities?: number } = {}, signal?: AbortSignal) {
    return api.request<MapReport>('GET', `/ecosystems/${seg(id)}/analysis`, {
      query: { seed: opts.seed, opportunities: opts.opportunities },
      ...(signal ? { signal } : {}),
    });
  },
  whatIf(id: string, actors: readonly string[], signal?: AbortSignal) {
    return api.request<ExitImpact>('POST', `/ecosystems/${seg(id)}/what-if`, {
      body: { actors },
      ...(signal ? { signal } : {}),
    });
  },
  snapshots(id: string) {
    return api.request<{ items: SnapshotInfo[] }>('GET', `/ecosystems/${seg(id)}/snapshots`);
  },
  saveSnapshot(id: string, label?: string) {
    const l = label?.trim();
    return api.request<SnapshotInfo>('POST', `/ecosystems/${seg(id)}/snapshots`, {
      body: l ? { label: l } : {},
    });
  },
  diff(id: string, from: SnapshotRef, to: SnapshotRef, signal?: AbortSignal) {
    return api.request<DocumentDiff>('GET', `/ecosystems/${seg(id)}/diff`, {
      query: { from, to },
      ...(signal ? { signal } : {}),
    });
  },
};

export const mapKeys = {
  analysis: (id: string) => ['graph', id, 'analysis', OPPORTUNITY_LIMIT] as const,
  whatIf: (id: string, actors: readonly string[]) =>
    ['graph', id, 'what-if', [...actors].sort().join('\u0000')] as const,
  diff: (id: string, from: SnapshotRef, to: SnapshotRef) => ['graph', id, 'diff', from, to] as const,
  snapshots: (id: string) => ['snapshots', id] as const,
};

/** Everything the Map pages read: metrics, communities, gaps, opportunities, criticality. */
export function useMapAnalysis(id: string, enabled = true) {
  return useQuery({
    queryKey: mapKeys.analysis(id),
    queryFn: ({ signal }) => mapApi.analysis(id, { opportunities: OPPORTUNITY_LIMIT }, signal),
    staleTime: 60_000,
    enabled,
  });
}

/** What is lost if these actors leave (no request while none is chosen). */
export function useWhatIf(id: string, actors: readonly string[]) {
  return useQuery({
    queryKey: mapKeys.whatIf(id, actors),
    queryFn: ({ signal }) => mapApi.whatIf(id, actors, signal),
    enabled: actors.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useSnapshots(id: string) {
  return useQuery({ queryKey: mapKeys.snapshots(id), queryFn: () => mapApi.snapshots(id) });
}

/** Differences between two snapshots, or a snapshot and now (`enabled` false while a side is missing). */
export function useSnapshotDiff(id: string, from: SnapshotRef | null, to: SnapshotRef | null) {
  return useQuery({
    queryKey: mapKeys.diff(id, from ?? 'current', to ?? 'current'),
    queryFn: ({ signal }) => mapApi.diff(id, from ?? 'current', to ?? 'current', signal),
    enabled: from !== null && to !== null,
    staleTime: 30_000,
  });
}

/** Saves a snapshot of the ecosystem now and refreshes the list. */
export function useSaveSnapshot(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (label?: string) => mapApi.saveSnapshot(id, label),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: mapKeys.snapshots(id) }),
        qc.invalidateQueries({ queryKey: ['audit', id] }),
      ]),
  });
}
