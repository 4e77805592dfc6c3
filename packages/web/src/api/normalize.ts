/**
 * Reads answers whose shape differs between the contract (docs/api-v1.md)
 * and what a server version sends (flat counts, organization ids and names
 * side by side), so the pages see one shape.
 */
import type { Ecosystem, OrganizationLink, User } from './types.ts';

type Raw = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** An ecosystem with `counts`, whether the server nests them or not. */
export function normalizeEcosystem(raw: unknown): Ecosystem {
  const r = (raw ?? {}) as Raw;
  const counts = (r.counts && typeof r.counts === 'object' ? r.counts : r) as Raw;
  return {
    ...(r as unknown as Ecosystem),
    goals: Array.isArray(r.goals) ? (r.goals as string[]) : [],
    counts: {
      actors: num(counts.actors),
      relationships: num(counts.relationships),
      partnerships: num(counts.partnerships),
    },
    role: (r.role as Ecosystem['role']) ?? null,
    version: num(r.version),
  };
}

/** A user with `organization: {id, name}`, also from `organizationId` and `organizationName`. */
export function normalizeUser(raw: unknown): User {
  const r = (raw ?? {}) as Raw;
  const org = r.organization && typeof r.organization === 'object' ? (r.organization as Raw) : null;
  const id = org ? str(org.id) : str(r.organizationId);
  const name = org ? str(org.name) : str(r.organizationName);
  return {
    id: str(r.id),
    email: str(r.email),
    name: str(r.name),
    isAdmin: r.isAdmin === true,
    organization: id || name ? { id, name } : null,
  };
}

/** An organization and its actor in an ecosystem, from `{id, name, actorId}` or `{organizationId, organizationName, actorId}`. */
export function normalizeOrganizationLink(raw: unknown): OrganizationLink {
  const r = (raw ?? {}) as Raw;
  return {
    id: str(r.id) || str(r.organizationId),
    name: str(r.name) || str(r.organizationName),
    actorId: typeof r.actorId === 'string' ? r.actorId : null,
  };
}
