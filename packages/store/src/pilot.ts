/**
 * Moving a partnership between stages: the gate is evaluated on the
 * partnership as it is under a row lock, and the new stage, the stage-history
 * entry (with an override's rationale and the criteria not met) and the audit
 * event are written in one transaction, so the stage and its history never
 * disagree.
 */
import { pilot, ValidationError, type PartnershipStage } from '@valueweb/core';
import type { Db } from './db.ts';
import { writeAudit, type AuditContext } from './audit.ts';
import type { RecordRepository } from './records.ts';
import { recordKey } from './sections.ts';

export interface StageMoveResult {
  stage: PartnershipStage;
  /** The stage-history entry written. */
  entry: pilot.StageMove['entry'];
  /** The gate as evaluated when the move was made. */
  gate: pilot.GateResult;
  /** The partnership's version after the move. */
  version: number;
}

export interface StageMoveOptions {
  /** The day of the move (YYYY-MM-DD). */
  today: string;
  /** The actor (organization) making the move, recorded as `by`. */
  by?: string | null;
  override?: { rationale: string };
  /** Called under the lock with the partnership's current stage; throws to refuse. */
  authorize: (current: { stage: PartnershipStage }) => void;
  audit?: AuditContext;
}

/**
 * Moves the partnership to `to`. Throws core's StageMoveError when the gate
 * does not pass and no override with a rationale is given (nothing written).
 */
export async function moveStage(
  db: Db,
  records: RecordRepository,
  ecosystemId: string,
  partnershipId: string,
  to: PartnershipStage,
  opts: StageMoveOptions,
): Promise<StageMoveResult> {
  return db.transaction(async (tx) => {
    const { partnership } = await records.context(tx, ecosystemId, partnershipId, true);
    opts.authorize({ stage: partnership.stage });
    const move = pilot.moveStage(partnership, to, {
      now: opts.today,
      ...(opts.by ? { by: opts.by } : {}),
      ...(opts.override ? { override: opts.override } : {}),
    });
    const parsed = pilot.StageChangeSchema.safeParse(move.entry);
    if (!parsed.success) {
      throw new ValidationError(
        parsed.error.issues.map((i) => ({
          path: i.path.map((x) => (typeof x === 'symbol' ? String(x) : x)),
          message: i.message,
          code: 'invalid_value',
        })),
      );
    }
    const entry = parsed.data;
    // Keys are ordinals (as on import); after a deleted entry the next one still gets a fresh key.
    const last = await tx.query<{ key: string }>(
      `select key from partnership_records where ecosystem_id = $1 and partnership_id = $2 and section = 'stageHistory' order by key desc limit 1`,
      [ecosystemId, partnershipId],
    );
    const ordinal = Math.max(
      (partnership.stageHistory?.length ?? 0) + 1,
      last[0] ? Number(last[0].key) + 1 : 1,
    );
    const key = recordKey('stageHistory', entry, ordinal);
    await tx.query(
      `insert into partnership_records (ecosystem_id, partnership_id, section, key, position, data, owner_organization_id)
       values ($1, $2, 'stageHistory', $3, (select coalesce(max(position) + 1, 0) from partnership_records where ecosystem_id = $1 and partnership_id = $2 and section = 'stageHistory'), $4::jsonb, null)`,
      [ecosystemId, partnershipId, key, JSON.stringify(entry)],
    );
    const rows = await tx.query<{ version: number }>(
      'update partnerships set stage = $3, version = version + 1 where ecosystem_id = $1 and id = $2 returning version',
      [ecosystemId, partnershipId, move.stage],
    );
    await writeAudit(tx, opts.audit, {
      ecosystemId,
      action: entry.override ? 'partnership.stage.override' : 'partnership.stage.move',
      entity: 'partnership',
      entityId: partnershipId,
      before: { stage: partnership.stage },
      after: { stage: move.stage, entry, gate: { pass: move.gate.pass, summary: move.gate.summary } },
    });
    return { stage: move.stage, entry, gate: move.gate, version: rows[0]!.version };
  });
}
