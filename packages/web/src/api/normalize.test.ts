import { describe, expect, it } from 'vitest';
import { normalizeEcosystem, normalizeOrganizationLink, normalizeUser } from './normalize.ts';

describe('normalize', () => {
  it('reads counts nested (contract) or flat', () => {
    const nested = normalizeEcosystem({
      id: 'e',
      name: 'E',
      version: 2,
      counts: { actors: 3, relationships: 4, partnerships: 1 },
      role: 'member',
    });
    const flat = normalizeEcosystem({
      id: 'e',
      name: 'E',
      version: 2,
      actors: 3,
      relationships: 4,
      partnerships: 1,
      goals: null,
    });
    expect(nested.counts).toEqual({ actors: 3, relationships: 4, partnerships: 1 });
    expect(flat.counts).toEqual(nested.counts);
    expect(flat.goals).toEqual([]);
    expect(flat.role).toBeNull();
  });
  it('reads users and organization links in either shape', () => {
    const org = { id: 'o1', name: 'Org' };
    expect(
      normalizeUser({ id: 'u', email: 'a@b', name: 'A', isAdmin: true, organization: org }).organization,
    ).toEqual(org);
    expect(
      normalizeUser({ id: 'u', email: 'a@b', name: 'A', organizationId: 'o1', organizationName: 'Org' }),
    ).toEqual({ id: 'u', email: 'a@b', name: 'A', isAdmin: false, organization: org });
    expect(normalizeUser({ id: 'u' }).organization).toBeNull();
    expect(
      normalizeOrganizationLink({ organizationId: 'o1', organizationName: 'Org', actorId: 'acme' }),
    ).toEqual({ id: 'o1', name: 'Org', actorId: 'acme' });
    expect(normalizeOrganizationLink({ id: 'o1', name: 'Org' })).toEqual({
      id: 'o1',
      name: 'Org',
      actorId: null,
    });
  });
});
