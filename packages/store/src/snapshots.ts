/** Snapshots: saved states of an ecosystem, to diff over time and to undo an import. */
import type { EcosystemDocument } from '@valueweb/core';
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import { writeAudit, type AuditContext } from './audit.ts';

export interface SnapshotInfo {
  id: number;
  ecosystemId: string;
  at: string;
  reason: string;
  label: string | null;
}

export class SnapshotRepository {
  constructor(private readonly db: Db) {}

  /** Saves a document as a snapshot. */
  async save(
    ecosystemId: string,
    document: EcosystemDocument,
    reason: string,
    label?: string,
    audit?: AuditContext,
  ): Promise<SnapshotInfo> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string; at: Date }>(
        'insert into snapshots (ecosystem_id, reason, label, document) values ($1, $2, $3, $4::jsonb) returning id, at',
        [ecosystemId, reason, label ?? null, JSON.stringify(document)],
      );
      const r = rows[0]!;
      const info = {
        id: Number(r.id),
        ecosystemId,
        at: new Date(r.at).toISOString(),
        reason,
        label: label ?? null,
      };
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'snapshot.create',
        entity: 'snapshot',
        entityId: String(info.id),
        before: null,
        after: { reason, label: info.label },
      });
      return info;
    });
  }

  async list(ecosystemId: string): Promise<SnapshotInfo[]> {
    const rows = await this.db.query<{ id: string; at: Date; reason: string; label: string | null }>(
      'select id, at, reason, label from snapshots where ecosystem_id = $1 order by id desc',
      [ecosystemId],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      ecosystemId,
      at: new Date(r.at).toISOString(),
      reason: r.reason,
      label: r.label,
    }));
  }

  async get(ecosystemId: string, id: number): Promise<EcosystemDocument> {
    const rows = await this.db.query<{ document: EcosystemDocument }>(
      'select document from snapshots where ecosystem_id = $1 and id = $2',
      [ecosystemId, id],
    );
    const r = rows[0];
    if (!r) throw new StoreError('not_found', `no snapshot ${id} of ecosystem "${ecosystemId}"`);
    return r.document;
  }
}
