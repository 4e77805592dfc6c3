/**
 * The access policy: who may read or change what, by organization and role.
 * Decided here and nowhere else; the store applies the same visibility rule
 * in SQL (so nothing a caller may not see ever leaves the database), and the
 * access-matrix test checks the two agree.
 */
import type { Visibility } from '../model/document.ts';

/** A user's role in one ecosystem. */
export const ROLES = ['orchestrator', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, in the context of one ecosystem. */
export interface Viewer {
  userId: string;
  organizationId: string;
  /** Platform administrators act as orchestrators everywhere. */
  isAdmin: boolean;
  /** The caller's role in this ecosystem, or null (no access). */
  role: Role | null;
  /** The actor the caller's organization is in this ecosystem, if linked. */
  actorId: string | null;
  /** Partnerships whose members include the caller's organization's actor. */
  partnershipIds: readonly string[];
  /** What the credential allows: a session or a write token can write; a read token only reads. */
  scope: 'read' | 'write';
}

/** Something that may be confidential. */
export interface Confidential {
  visibility?: Visibility | null | undefined;
  ownerOrganizationId?: string | null | undefined;
  /** For visibility 'partnership': the partnership it is shared with. */
  partnershipId?: string | null | undefined;
  /** For an actor's attributes shared with 'partnership': every partnership the actor is a member of. */
  partnershipIds?: readonly string[] | undefined;
  /** For an actor's attributes: the actor itself (its organization always sees them). */
  actorId?: string | null | undefined;
}

export type Action =
  | 'ecosystem.read'
  | 'ecosystem.update'
  | 'ecosystem.delete'
  | 'ecosystem.import'
  | 'ecosystem.create'
  | 'roles.manage'
  | 'invites.create'
  | 'organizations.manage'
  | 'audit.read'
  | 'actor.create'
  | 'actor.update'
  | 'actor.delete'
  | 'relationship.create'
  | 'relationship.update'
  | 'relationship.delete'
  | 'partnership.create'
  | 'partnership.update'
  | 'partnership.delete'
  | 'members.manage';

/** The effective role: admins are orchestrators everywhere. */
export function effectiveRole(v: Viewer): Role | null {
  return v.isAdmin ? 'orchestrator' : v.role;
}

/** True when the viewer may see a confidential item (the rule the store mirrors in SQL). */
export function canSee(v: Viewer, item: Confidential): boolean {
  const role = effectiveRole(v);
  if (role === null) return false;
  if (role === 'orchestrator') return true;
  const vis = item.visibility ?? 'ecosystem';
  if (vis === 'ecosystem') return true;
  const owner = item.ownerOrganizationId != null && item.ownerOrganizationId === v.organizationId;
  const self = item.actorId != null && item.actorId === v.actorId;
  if (owner || self) return true;
  if (vis === 'partnership') {
    if (item.partnershipId != null && v.partnershipIds.includes(item.partnershipId)) return true;
    return (item.partnershipIds ?? []).some((p) => v.partnershipIds.includes(p));
  }
  return false;
}

/**
 * True when the viewer may do `action`. `item` is the thing acted on, when
 * there is one: members change only what their organization owns (its own
 * actor, relationships it owns, partnerships it belongs to).
 */
export function can(
  v: Viewer,
  action: Action,
  item?: Confidential & { partnershipId?: string | null },
): boolean {
  const role = effectiveRole(v);
  if (action === 'ecosystem.create' || action === 'organizations.manage')
    return v.isAdmin && v.scope === 'write';
  if (role === null) return false;
  if (action === 'ecosystem.read') return true;
  if (v.scope === 'read') return false;
  if (role === 'orchestrator') return true;
  if (role === 'observer') return false;
  // member
  switch (action) {
    case 'actor.update':
      return item !== undefined && ((item.actorId != null && item.actorId === v.actorId) || ownedBy(v, item));
    case 'relationship.create':
      return true;
    case 'relationship.update':
    case 'relationship.delete':
      return item !== undefined && ownedBy(v, item);
    case 'partnership.update':
      return item?.partnershipId != null && v.partnershipIds.includes(item.partnershipId);
    case 'ecosystem.update':
    case 'ecosystem.delete':
    case 'ecosystem.import':
    case 'roles.manage':
    case 'invites.create':
    case 'audit.read':
    case 'actor.create':
    case 'actor.delete':
    case 'partnership.create':
    case 'partnership.delete':
    case 'members.manage':
      return false;
  }
}

function ownedBy(v: Viewer, item: Confidential): boolean {
  return item.ownerOrganizationId != null && item.ownerOrganizationId === v.organizationId;
}
