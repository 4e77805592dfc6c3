/**
 * React Query hooks over the client: one query key per resource, so a change
 * invalidates exactly the lists, counts, map and activity it affects.
 */
import { keepPreviousData, QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  api,
  type ActorListParams,
  type PartnershipListParams,
  type RelationshipListParams,
} from './client.ts';
import { ApiError } from './errors.ts';
import type { Me } from './types.ts';

export const keys = {
  me: ['me'] as const,
  ecosystems: ['ecosystems'] as const,
  ecosystem: (id: string) => ['ecosystem', id] as const,
  actors: (id: string, params?: ActorListParams) =>
    params ? (['actors', id, params] as const) : (['actors', id] as const),
  relationships: (id: string, params?: RelationshipListParams) =>
    params ? (['relationships', id, params] as const) : (['relationships', id] as const),
  partnerships: (id: string, params?: PartnershipListParams) =>
    params ? (['partnerships', id, params] as const) : (['partnerships', id] as const),
  graph: (id: string) => ['graph', id] as const,
  audit: (id: string, cursor?: string | null, limit?: number) =>
    cursor === undefined ? (['audit', id] as const) : (['audit', id, cursor, limit] as const),
  users: ['users'] as const,
  organizations: ['organizations'] as const,
  roles: (id: string) => ['roles', id] as const,
  ecosystemOrganizations: (id: string) => ['ecosystem-organizations', id] as const,
};

/** The query client: no retries on 4xx (they will not change), one retry otherwise. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1,
      },
      mutations: { retry: false },
    },
  });
}

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return await api.me();
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useEcosystems() {
  return useQuery({ queryKey: keys.ecosystems, queryFn: () => api.ecosystems() });
}

export function useEcosystem(id: string) {
  return useQuery({ queryKey: keys.ecosystem(id), queryFn: () => api.ecosystem(id) });
}

export function useActors(id: string, params: ActorListParams, enabled = true) {
  return useQuery({
    queryKey: keys.actors(id, params),
    queryFn: () => api.actors(id, params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRelationships(id: string, params: RelationshipListParams) {
  return useQuery({
    queryKey: keys.relationships(id, params),
    queryFn: () => api.relationships(id, params),
    placeholderData: keepPreviousData,
  });
}

export function usePartnerships(id: string, params: PartnershipListParams) {
  return useQuery({
    queryKey: keys.partnerships(id, params),
    queryFn: () => api.partnerships(id, params),
    placeholderData: keepPreviousData,
  });
}

export function useGraph(id: string) {
  return useQuery({
    queryKey: keys.graph(id),
    queryFn: ({ signal }) => api.graph(id, signal),
    staleTime: 60_000,
  });
}

export function useAudit(id: string, cursor: string | null, limit: number, enabled = true) {
  return useQuery({
    queryKey: keys.audit(id, cursor, limit),
    queryFn: () => api.audit(id, { cursor, limit }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUsers() {
  return useQuery({ queryKey: keys.users, queryFn: () => api.users() });
}

export function useOrganizations() {
  return useQuery({ queryKey: keys.organizations, queryFn: () => api.organizations() });
}

export function useRoles(id: string, enabled = true) {
  return useQuery({ queryKey: keys.roles(id), queryFn: () => api.roles(id), enabled });
}

export function useEcosystemOrganizations(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.ecosystemOrganizations(id),
    queryFn: () => api.ecosystemOrganizations(id),
    enabled,
  });
}

/** After a change to actors, relationships or partnerships: refresh the lists, counts, map and activity. */
export function useInvalidateEcosystem() {
  const qc = useQueryClient();
  return (id: string, what: ('actors' | 'relationships' | 'partnerships' | 'people')[]) => {
    const jobs: Promise<void>[] = [];
    for (const w of what) {
      if (w === 'people') {
        jobs.push(
          qc.invalidateQueries({ queryKey: keys.roles(id) }),
          qc.invalidateQueries({ queryKey: keys.users }),
          qc.invalidateQueries({ queryKey: keys.ecosystemOrganizations(id) }),
        );
      } else {
        jobs.push(qc.invalidateQueries({ queryKey: [w, id] }));
      }
    }
    // A removed actor takes its relationships and memberships with it.
    if (what.includes('actors'))
      jobs.push(
        qc.invalidateQueries({ queryKey: ['relationships', id] }),
        qc.invalidateQueries({ queryKey: ['partnerships', id] }),
      );
    jobs.push(
      qc.invalidateQueries({ queryKey: keys.ecosystem(id) }),
      qc.invalidateQueries({ queryKey: keys.ecosystems }),
      qc.invalidateQueries({ queryKey: keys.graph(id) }),
      qc.invalidateQueries({ queryKey: keys.audit(id) }),
    );
    return Promise.all(jobs);
  };
}
