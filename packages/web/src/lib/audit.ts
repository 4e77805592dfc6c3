/** Audit events in words: who did what to which item. */
import type { AuditEvent, AuditParty } from '../api/types.ts';
import { humanize } from './format.ts';

/** The name of a person or organization as the audit log stores it (an id or an object). */
export function partyName(p: AuditParty | undefined): string | null {
  if (p === null || p === undefined) return null;
  if (typeof p === 'string') return p;
  return p.name || p.email || p.id || null;
}

const VERBS: Record<string, string> = {
  create: 'created',
  created: 'created',
  insert: 'created',
  update: 'changed',
  updated: 'changed',
  delete: 'deleted',
  deleted: 'deleted',
  remove: 'removed',
  import: 'imported',
  imported: 'imported',
  replace: 'replaced',
  login: 'signed in',
  invite: 'invited',
  accept: 'accepted',
};

/** Actions whose words are not "<entity> <verb>". */
const PHRASES: Record<string, (label: string | null) => string> = {
  'partnership.member.put': (l) => `Member added to partnership${l ? ` “${l}”` : ''}`,
  'partnership.member.remove': (l) => `Member removed from partnership${l ? ` “${l}”` : ''}`,
  'role.set': (l) => `Role given${l ? ` to ${l}` : ''}`,
  'role.remove': (l) => `Role taken away${l ? ` from ${l}` : ''}`,
  'organization.link': (l) => `Organization${l ? ` “${l}”` : ''} linked to its actor`,
  'user.password': () => 'Password changed',
  'snapshot.create': (l) => `Snapshot${l ? ` “${l}”` : ''} saved`,
  'invite.create': (l) => `Invitation sent${l ? ` to ${l}` : ''}`,
  'invite.accept': (l) => `Invitation accepted${l ? ` by ${l}` : ''}`,
};

/**
 * "Actor “Acme” created", "Partnership “p1” changed": the entity, its name or
 * id, and the verb of the action (`actor.create`, `update`, … are all read).
 */
export function describeAction(
  e: Pick<AuditEvent, 'action' | 'entity' | 'entityId' | 'after' | 'before'>,
): string {
  const label = entityLabel(e);
  const phrase = PHRASES[e.action];
  if (phrase) return phrase(label);
  const verbKey = e.action.split(/[.:/]/).pop() ?? e.action;
  const verb = VERBS[verbKey.toLowerCase()] ?? humanize(e.action.replace(/[.:/]+/g, ' ')).toLowerCase();
  return `${humanize(e.entity || 'item')} ${label ? `“${label}” ` : ''}${verb}`;
}

/** The item's name when the event carries it, else its id. */
export function entityLabel(e: Pick<AuditEvent, 'entityId' | 'after' | 'before'>): string | null {
  for (const side of [e.after, e.before]) {
    if (side && typeof side === 'object') {
      const r = side as Record<string, unknown>;
      for (const k of ['name', 'email', 'label']) if (typeof r[k] === 'string' && r[k]) return r[k];
    }
  }
  return e.entityId;
}

/** Names of people and organizations by id, to show audit events that carry only ids. */
export interface PeopleNames {
  users: ReadonlyMap<string, string>;
  organizations: ReadonlyMap<string, string>;
}

/** Who made the change and for which organization, in names when known. */
export function eventParties(
  e: Pick<AuditEvent, 'user' | 'organization' | 'userId' | 'organizationId' | 'via'>,
  names?: PeopleNames,
): { user: string; organization: string | null } {
  const user =
    partyName(e.user) ?? (e.userId ? (names?.users.get(e.userId) ?? `user ${e.userId.slice(0, 8)}`) : null);
  const organization =
    partyName(e.organization) ??
    (e.organizationId ? (names?.organizations.get(e.organizationId) ?? null) : null);
  return { user: user ?? (e.via === 'cli' ? 'Command line' : 'System'), organization };
}
