/** The audit log: every change, written in the same transaction as the change. */
import type { Queryable } from './db.ts';

/** Who made a change, and through what. */
export interface AuditContext {
  userId?: string | null;
  organizationId?: string | null;
  requestId?: string | null;
  /** 'cli', 'api', 'web', 'system' */
  via?: string;
}

export interface AuditEntry {
  ecosystemId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditEvent extends AuditEntry {
  id: number;
  at: string;
  userId: string | null;
  organizationId: string | null;
  requestId: string | null;
  via: string | null;
}

/** Writes one audit event with the caller's transaction. */
export async function writeAudit(tx: Queryable, ctx: AuditContext | undefined, e: AuditEntry): Promise<void> {
  await tx.query(
    `insert into audit_events (user_id, organization_id, ecosystem_id, action, entity, entity_id, before, after, request_id, via)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`,
    [
      ctx?.userId ?? null,
      ctx?.organizationId ?? null,
      e.ecosystemId,
      e.action,
      e.entity,
      e.entityId,
      e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
      e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
      ctx?.requestId ?? null,
      ctx?.via ?? null,
    ],
  );
}

/** Audit events, newest first, optionally for one ecosystem, with keyset pagination on id. */
export async function listAudit(
  q: Queryable,
  opts: { ecosystemId?: string; before?: number; limit?: number } = {},
): Promise<AuditEvent[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (opts.ecosystemId !== undefined) {
    params.push(opts.ecosystemId);
    where.push(`ecosystem_id = $${params.length}`);
  }
  if (opts.before !== undefined) {
    params.push(opts.before);
    where.push(`id < $${params.length}`);
  }
  params.push(Math.min(Math.max(opts.limit ?? 50, 1), 500));
  const rows = await q.query<AuditEvent & { at: Date | string; id: number | string }>(
    `select id, at, user_id as "userId", organization_id as "organizationId", ecosystem_id as "ecosystemId", action, entity,
       entity_id as "entityId", before, after, request_id as "requestId", via
     from audit_events ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit $${params.length}`,
    params,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at).toISOString() }));
}
