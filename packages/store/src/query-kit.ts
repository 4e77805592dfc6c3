/** Small helpers the item repositories share: numbered parameters, keyset cursors, the visibility predicate. */
import { effectiveRole, ValidationError, type Viewer } from '@valueweb/core';

/** Collects parameters and hands out their $n placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** An opaque keyset cursor: the sort value and the tie-breaking id of the last row of a page. */
export function encodeCursor(sortValue: unknown, id: string | number): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

/** Decodes a cursor or raises a validation error on `cursor`. */
export function decodeCursor(cursor: string): [unknown, string | number] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && (typeof v[1] === 'string' || typeof v[1] === 'number'))
      return [v[0], v[1]];
  } catch {
    /* fall through */
  }
  throw new ValidationError([
    { path: ['cursor'], message: 'not a cursor this API gave out', code: 'invalid_cursor' },
  ]);
}

/**
 * The SQL form of `canSee` (core/access/policy.ts) for a table alias: the
 * orchestrator sees all; others see ecosystem-wide items, what their
 * organization owns, their own actor, and items of their partnerships.
 */
export function visibleSql(
  v: Viewer,
  p: Params,
  alias: string,
  opts: { selfActorColumn?: string; visibilityColumn?: string } = {},
): string {
  if (effectiveRole(v) === 'orchestrator') return 'true';
  const vis = `${alias}.${opts.visibilityColumn ?? 'visibility'}`;
  const parts = [
    `coalesce(${vis}, 'ecosystem') = 'ecosystem'`,
    `${alias}.owner_organization_id = ${p.add(v.organizationId)}::uuid`,
  ];
  if (opts.selfActorColumn && v.actorId) parts.push(`${alias}.${opts.selfActorColumn} = ${p.add(v.actorId)}`);
  if (v.partnershipIds.length > 0 && alias !== 'a') {
    parts.push(
      `(${vis} = 'partnership' and ${alias}.partnership_id = any(${p.add(v.partnershipIds)}::text[]))`,
    );
  }
  if (v.partnershipIds.length > 0 && alias === 'a') {
    // An actor's attributes shared with 'partnership' are seen by members of any partnership the actor is in.
    parts.push(
      `(${vis} = 'partnership' and exists (select 1 from partnership_members pm where pm.ecosystem_id = a.ecosystem_id and pm.actor_id = a.id and pm.partnership_id = any(${p.add(v.partnershipIds)}::text[])))`,
    );
  }
  return `coalesce((${parts.join(' or ')}), false)`;
}

export const clampLimit = (limit: number | undefined) => Math.min(Math.max(limit ?? 50, 1), 200);
