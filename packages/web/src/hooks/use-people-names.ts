/** Names of the people and organizations the caller may see, by id (for the audit log). */
import { useMemo } from 'react';
import { useOrganizations, useRoles, useUsers } from '../api/queries.ts';
import type { PeopleNames } from '../lib/audit.ts';
import { itemsOf } from '../lib/items.ts';

export function usePeopleNames(ecosystemId: string, enabled: boolean): PeopleNames {
  const roles = useRoles(ecosystemId, enabled);
  const users = useUsers();
  const orgs = useOrganizations();
  return useMemo(() => {
    const u = new Map<string, string>();
    const o = new Map<string, string>();
    for (const org of itemsOf(orgs.data)) o.set(org.id, org.name);
    for (const x of itemsOf(users.data)) {
      u.set(x.id, x.name || x.email);
      if (x.organization) o.set(x.organization.id, x.organization.name);
    }
    for (const g of itemsOf(roles.data)) {
      if (g.name || g.email) u.set(g.userId, g.name || g.email || g.userId);
      if (g.organizationId && g.organizationName) o.set(g.organizationId, g.organizationName);
    }
    return { users: u, organizations: o };
  }, [roles.data, users.data, orgs.data]);
}
