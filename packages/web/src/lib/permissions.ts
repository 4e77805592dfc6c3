/**
 * What the signed-in user may do in an ecosystem, from core's access policy
 * (the same rules the server applies). The server has the last word: this
 * only decides which buttons to show.
 */
import { can, type Action, type Role } from '@valueweb/core';
import type { User } from '../api/types.ts';

/** Actions a member may take on some items (their own organization's): shown, and the server decides. */
const DEPENDS_ON_ITEM: ReadonlySet<Action> = new Set<Action>([
  'actor.update',
  'relationship.update',
  'relationship.delete',
  'partnership.update',
]);

/** True when the user may (or, for item-dependent actions, may perhaps) do `action`. */
export function allowed(
  user: Pick<User, 'id' | 'isAdmin' | 'organization'> | undefined,
  role: Role | null | undefined,
  action: Action,
): boolean {
  if (!user) return false;
  const viewer = {
    userId: user.id,
    organizationId: user.organization?.id ?? '',
    isAdmin: user.isAdmin,
    role: role ?? null,
    actorId: null,
    partnershipIds: [],
    scope: 'write' as const,
  };
  if (can(viewer, action)) return true;
  return DEPENDS_ON_ITEM.has(action) && role === 'member';
}

/** The role a person reads: admins act as orchestrators everywhere. */
export function roleLabel(role: Role | null | undefined, isAdmin = false): string {
  if (isAdmin && role !== 'orchestrator') return 'Administrator';
  switch (role) {
    case 'orchestrator':
      return 'Orchestrator';
    case 'member':
      return 'Member';
    case 'observer':
      return 'Observer';
    case null:
    case undefined:
      return 'No access';
  }
}

/** Badge colour per role. */
export function roleColor(role: Role | null | undefined): string {
  switch (role) {
    case 'orchestrator':
      return 'indigo';
    case 'member':
      return 'teal';
    case 'observer':
    case null:
    case undefined:
      return 'gray';
  }
}
