/**
 * The monitoring agent's results: the health history (one row per
 * partnership per day), alerts (deduplicated on `(ecosystem, dedupe_key)`
 * while not resolved, acknowledged by a person, resolved when their signal is
 * gone) and the log of agent runs. `reconcile` writes one run's results in
 * one transaction, with the webhook deliveries they cause and their audit
 * events, so nothing is half-written and no alert is raised without its
 * deliveries. Alerts are aggregates every participant of the ecosystem may
 * read; the filter is applied in SQL all the same.
 */
import { effectiveRole, type Viewer } from '@valueweb/core';
import type { Db, Queryable } from './db.ts';
import { writeAudit, type AuditContext } from './audit.ts';
import { StoreError } from './errors.ts';
import { Params, clampLimit, decodeCursor, encodeCursor } from './query-kit.ts';
import { enqueueDeliveries, type EventToDeliver } from './webhooks.ts';

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** An alert as the API returns it. `detail` says why: the evidence, the rule and the recommended action. */
export interface AlertItem {
  id: number;
  ecosystemId: string;
  partnershipId: string | null;
  partnershipName: string | null;
  kind: string;
  dedupeKey: string;
  severity: AlertSeverity;
  title: string;
  detail: Record<string, unknown>;
  status: AlertStatus;
  firstRaisedAt: string;
  lastSeenAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; name: string; organization: string | null } | null;
  resolvedAt: string | null;
}

/** An alert the agent wants open now. */
export interface AlertDraft {
  partnershipId: string;
  kind: string;
  dedupeKey: string;
  severity: AlertSeverity;
  title: string;
  detail: Record<string, unknown>;
}

/** The health of one partnership on the run's day. */
export interface HealthRecord {
  partnershipId: string;
  score: number | null;
  rag: string | null;
  components: unknown;
  signals: unknown;
}

export interface ReconcileInput {
  /** The day the run computed for (YYYY-MM-DD). */
  day: string;
  /** The partnerships computed; open alerts of other partnerships are left alone unless the partnership is gone. */
  partnershipIds: readonly string[];
  health: readonly HealthRecord[];
  alerts: readonly AlertDraft[];
  /** Who made the change, for the audit log (the agent: via 'agent'). */
  audit?: AuditContext;
}

export interface ReconcileResult {
  raised: AlertItem[];
  /** Seen again (last seen, evidence and severity brought up to date). */
  updated: number;
  /** Seen again more severe than before: reopened when acknowledged, and reported again. */
  escalated: AlertItem[];
  resolved: AlertItem[];
  historyRows: number;
  deliveries: number;
}

export interface AgentRun {
  id: number;
  ecosystemId: string | null;
  reason: string;
  instance: string | null;
  startedAt: string;
  finishedAt: string | null;
  stats: Record<string, unknown> | null;
  error: string | null;
}

export interface AlertListQuery {
  status?: readonly AlertStatus[];
  severity?: readonly AlertSeverity[];
  partnershipId?: string;
  /** Only partnerships the viewer's organization is a member of. */
  mine?: boolean;
  /** 'severity' (default: most severe first, then newest) or 'recent' (newest first). */
  sort?: 'severity' | 'recent';
  limit?: number;
  cursor?: string;
}

const RANK: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };
const RANK_SQL = `(case a.severity when 'critical' then 0 when 'warning' then 1 else 2 end)`;
const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

interface AlertRow {
  id: number | string;
  ecosystem_id: string;
  partnership_id: string | null;
  partnership_name: string | null;
  kind: string;
  dedupe_key: string;
  severity: AlertSeverity;
  title: string;
  detail: Record<string, unknown>;
  status: AlertStatus;
  first_raised_at: Date | string;
  last_seen_at: Date | string;
  acknowledged_at: Date | string | null;
  acknowledged_by: string | null;
  ack_name: string | null;
  ack_org: string | null;
  resolved_at: Date | string | null;
}

const ALERT_SELECT = `select a.id, a.ecosystem_id, a.partnership_id, p.name as partnership_name, a.kind, a.dedupe_key, a.severity, a.title, a.detail, a.status,
  a.first_raised_at, a.last_seen_at, a.acknowledged_at, a.acknowledged_by, u.name as ack_name, o.name as ack_org, a.resolved_at
  from alerts a
  left join partnerships p on p.ecosystem_id = a.ecosystem_id and p.id = a.partnership_id
  left join users u on u.id = a.acknowledged_by
  left join organizations o on o.id = u.organization_id`;

function alertOf(r: AlertRow): AlertItem {
  return {
    id: Number(r.id),
    ecosystemId: r.ecosystem_id,
    partnershipId: r.partnership_id,
    partnershipName:
      r.partnership_name ?? (typeof r.detail.partnershipName === 'string' ? r.detail.partnershipName : null),
    kind: r.kind,
    dedupeKey: r.dedupe_key,
    severity: r.severity,
    title: r.title,
    detail: r.detail,
    status: r.status,
    firstRaisedAt: iso(r.first_raised_at)!,
    lastSeenAt: iso(r.last_seen_at)!,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by
      ? { id: r.acknowledged_by, name: r.ack_name ?? 'a former user', organization: r.ack_org }
      : null,
    resolvedAt: iso(r.resolved_at),
  };
}

/**
 * The SQL filter of alerts a viewer may read. Health and signals are
 * aggregates every participant of the ecosystem may see, and partnerships
 * are visible ecosystem-wide, so this keeps alerts of partnerships that
 * exist (and ecosystem-level ones); orchestrators see every alert.
 */
function visibleAlertsSql(v: Viewer): string {
  if (effectiveRole(v) === 'orchestrator') return 'true';
  return '(a.partnership_id is null or p.id is not null)';
}

/** The alert as sent in a webhook payload. */
export function alertPayload(a: AlertItem): Record<string, unknown> {
  return {
    id: a.id,
    partnershipId: a.partnershipId,
    partnershipName: a.partnershipName,
    kind: a.kind,
    severity: a.severity,
    title: a.title,
    status: a.status,
    why: a.detail,
    firstRaisedAt: a.firstRaisedAt,
    lastSeenAt: a.lastSeenAt,
    acknowledgedAt: a.acknowledgedAt,
    resolvedAt: a.resolvedAt,
  };
}

export class AlertRepository {
  constructor(private readonly db: Db) {}

  /** Alerts of an ecosystem the viewer may read, filtered and paged (keyset). */
  async list(
    ecosystemId: string,
    viewer: Viewer,
    q: AlertListQuery = {},
  ): Promise<{ items: AlertItem[]; nextCursor: string | null }> {
    const p = new Params();
    const where = [`a.ecosystem_id = ${p.add(ecosystemId)}`, visibleAlertsSql(viewer)];
    if (q.status?.length) where.push(`a.status = any(${p.add(q.status)}::text[])`);
    if (q.severity?.length) where.push(`a.severity = any(${p.add(q.severity)}::text[])`);
    if (q.partnershipId !== undefined) where.push(`a.partnership_id = ${p.add(q.partnershipId)}`);
    if (q.mine) where.push(`a.partnership_id = any(${p.add([...viewer.partnershipIds])}::text[])`);
    const sort = q.sort ?? 'severity';
    if (q.cursor) {
      const [rank, id] = decodeCursor(q.cursor);
      if (sort === 'severity') {
        const r = p.add(Number(rank));
        const i = p.add(Number(id));
        where.push(`(${RANK_SQL} > ${r} or (${RANK_SQL} = ${r} and a.id < ${i}))`);
      } else where.push(`a.id < ${p.add(Number(id))}`);
    }
    const limit = clampLimit(q.limit);
    const rows = await this.db.query<AlertRow>(
      `${ALERT_SELECT} where ${where.join(' and ')} order by ${sort === 'severity' ? `${RANK_SQL}, ` : ''}a.id desc limit ${p.add(limit + 1)}`,
      p.values,
    );
    const items = rows.slice(0, limit).map(alertOf);
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(sort === 'severity' ? RANK[last.severity] : null, last.id)
          : null,
    };
  }

  /** One alert the viewer may read (404 otherwise). */
  async get(
    ecosystemId: string,
    id: number,
    viewer: Viewer | null,
    q: Queryable = this.db,
  ): Promise<AlertItem> {
    const rows = await q.query<AlertRow>(
      `${ALERT_SELECT} where a.ecosystem_id = $1 and a.id = $2 and ${viewer ? visibleAlertsSql(viewer) : 'true'}`,
      [ecosystemId, id],
    );
    if (!rows[0]) throw new StoreError('not_found', `no alert ${id} in ecosystem "${ecosystemId}"`);
    return alertOf(rows[0]);
  }

  /** Counts of open (unacknowledged) and acknowledged alerts, and open ones by severity. */
  async summary(
    ecosystemId: string,
    viewer: Viewer,
  ): Promise<{ open: number; acknowledged: number; openBySeverity: Record<AlertSeverity, number> }> {
    const rows = await this.db.query<{ status: AlertStatus; severity: AlertSeverity; n: number }>(
      `select a.status, a.severity, count(*)::int as n from alerts a
         left join partnerships p on p.ecosystem_id = a.ecosystem_id and p.id = a.partnership_id
        where a.ecosystem_id = $1 and a.status <> 'resolved' and ${visibleAlertsSql(viewer)} group by a.status, a.severity`,
      [ecosystemId],
    );
    const out = {
      open: 0,
      acknowledged: 0,
      openBySeverity: { critical: 0, warning: 0, info: 0 } as Record<AlertSeverity, number>,
    };
    for (const r of rows) {
      if (r.status === 'open') {
        out.open += r.n;
        out.openBySeverity[r.severity] = (out.openBySeverity[r.severity] ?? 0) + r.n;
      } else out.acknowledged += r.n;
    }
    return out;
  }

  /**
   * A person acknowledges an alert: they have seen it and will act. Audited;
   * `authorize` is called with the alert and throws when the viewer may not.
   * An alert is acknowledged once; a resolved one needs no acknowledgement.
   */
  async acknowledge(
    ecosystemId: string,
    id: number,
    viewer: Viewer,
    authorize: (a: AlertItem) => void,
    opts: { note?: string; audit?: AuditContext } = {},
  ): Promise<AlertItem> {
    return this.db.transaction(async (tx) => {
      const locked = await tx.query('select 1 from alerts where ecosystem_id = $1 and id = $2 for update', [
        ecosystemId,
        id,
      ]);
      if (!locked.length) throw new StoreError('not_found', `no alert ${id} in ecosystem "${ecosystemId}"`);
      const before = await this.get(ecosystemId, id, viewer, tx);
      authorize(before);
      if (before.status === 'resolved')
        throw new StoreError(
          'conflict',
          `alert ${id} was resolved on ${before.resolvedAt}: its signal is gone, there is nothing to acknowledge`,
        );
      if (before.status === 'acknowledged') {
        throw new StoreError(
          'conflict',
          `alert ${id} was already acknowledged by ${before.acknowledgedBy?.name ?? 'someone'} on ${before.acknowledgedAt}`,
        );
      }
      const note = opts.note?.trim() ? opts.note.trim() : null;
      await tx.query(
        `update alerts set status = 'acknowledged', acknowledged_at = now(), acknowledged_by = $3::uuid,
           detail = case when $4::text is null then detail - 'acknowledgement' else detail || jsonb_build_object('acknowledgement', jsonb_build_object('note', $4::text)) end
         where ecosystem_id = $1 and id = $2`,
        [ecosystemId, id, viewer.userId, note],
      );
      const after = await this.get(ecosystemId, id, viewer, tx);
      await writeAudit(tx, opts.audit, {
        ecosystemId,
        action: 'alert.acknowledge',
        entity: 'alert',
        entityId: String(id),
        before: { status: before.status, severity: before.severity, title: before.title },
        after: { status: after.status, ...(note ? { note } : {}) },
      });
      return after;
    });
  }

  /**
   * Writes one agent run's results in one transaction: the health history
   * (upsert per partnership and day), new alerts (a repeat only updates
   * last seen, severity, title and evidence; an escalation reopens an
   * acknowledged alert), alerts whose signal is gone resolved, the webhook
   * deliveries of every raised, escalated and resolved alert, and the audit
   * events of those changes.
   */
  async reconcile(ecosystemId: string, input: ReconcileInput): Promise<ReconcileResult> {
    return this.db.transaction(async (tx) => {
      const eco = await tx.query<{ id: string; name: string }>(
        'select id, name from ecosystems where id = $1',
        [ecosystemId],
      );
      if (!eco[0]) throw new StoreError('not_found', `no ecosystem with id "${ecosystemId}"`);
      const ecosystem = { id: eco[0].id, name: eco[0].name };

      // Health history: one row per partnership per day (a second run on a day replaces the first).
      let historyRows = 0;
      for (let i = 0; i < input.health.length; i += 1000) {
        const part = input.health
          .slice(i, i + 1000)
          .map((h) => ({
            pid: h.partnershipId,
            score: h.score,
            rag: h.rag,
            components: h.components ?? null,
            signals: h.signals ?? null,
          }));
        const r = await tx.query<{ n: number }>(
          `with up as (
             insert into health_history (ecosystem_id, partnership_id, day, score, rag, components, signals)
             select $2, x.pid, $3, x.score, x.rag, x.components, x.signals
               from jsonb_to_recordset($1::jsonb) as x(pid text, score double precision, rag text, components jsonb, signals jsonb)
              where exists (select 1 from partnerships p where p.ecosystem_id = $2 and p.id = x.pid)
             on conflict (ecosystem_id, partnership_id, day) do update
               set at = now(), score = excluded.score, rag = excluded.rag, components = excluded.components, signals = excluded.signals
             returning 1)
           select count(*)::int as n from up`,
          [JSON.stringify(part), ecosystemId, input.day],
        );
        historyRows += r[0]?.n ?? 0;
      }

      const current = await tx.query<{
        id: number | string;
        dedupe_key: string;
        severity: AlertSeverity;
        status: AlertStatus;
        partnership_id: string | null;
        exists: boolean;
      }>(
        `select a.id, a.dedupe_key, a.severity, a.status, a.partnership_id, (p.id is not null) as exists
           from alerts a left join partnerships p on p.ecosystem_id = a.ecosystem_id and p.id = a.partnership_id
          where a.ecosystem_id = $1 and a.status <> 'resolved' for update of a`,
        [ecosystemId],
      );
      const byKey = new Map(current.map((c) => [c.dedupe_key, c]));
      const wanted = new Map(input.alerts.map((a) => [a.dedupeKey, a]));
      const computed = new Set(input.partnershipIds);

      const fresh = input.alerts.filter((a) => !byKey.has(a.dedupeKey));
      const repeats = input.alerts.flatMap((a) => {
        const c = byKey.get(a.dedupeKey);
        return c ? [{ draft: a, cur: c, escalate: RANK[a.severity] < RANK[c.severity] }] : [];
      });
      const gone = current.filter(
        (c) =>
          !wanted.has(c.dedupe_key) &&
          c.partnership_id !== null &&
          (computed.has(c.partnership_id) || !c.exists),
      );

      // New alerts (the partial unique index keeps one unresolved alert per key even under a race).
      const newIds: number[] = [];
      for (let i = 0; i < fresh.length; i += 1000) {
        const part = fresh
          .slice(i, i + 1000)
          .map((a) => ({
            pid: a.partnershipId,
            kind: a.kind,
            key: a.dedupeKey,
            severity: a.severity,
            title: a.title,
            detail: a.detail,
          }));
        const rows = await tx.query<{ id: number | string }>(
          `insert into alerts (ecosystem_id, partnership_id, kind, dedupe_key, severity, title, detail)
           select $2, x.pid, x.kind, x.key, x.severity, x.title, x.detail
             from jsonb_to_recordset($1::jsonb) as x(pid text, kind text, key text, severity text, title text, detail jsonb)
           on conflict (ecosystem_id, dedupe_key) where status <> 'resolved' do nothing
           returning id`,
          [JSON.stringify(part), ecosystemId],
        );
        newIds.push(...rows.map((r) => Number(r.id)));
      }

      // Repeats: last seen now; kind (a reminder turns overdue), evidence, title and severity as computed; escalation reopens.
      for (let i = 0; i < repeats.length; i += 1000) {
        const part = repeats.slice(i, i + 1000).map((r) => ({
          id: Number(r.cur.id),
          kind: r.draft.kind,
          severity: r.draft.severity,
          title: r.draft.title,
          detail: r.escalate ? { ...r.draft.detail, escalatedFrom: r.cur.severity } : r.draft.detail,
          escalate: r.escalate,
        }));
        await tx.query(
          `update alerts a set last_seen_at = now(), kind = x.kind, severity = x.severity, title = x.title,
             detail = x.detail || case when a.detail ? 'acknowledgement' and not x.escalate then jsonb_build_object('acknowledgement', a.detail->'acknowledgement') else '{}'::jsonb end,
             status = case when x.escalate then 'open' else a.status end,
             acknowledged_at = case when x.escalate then null else a.acknowledged_at end,
             acknowledged_by = case when x.escalate then null else a.acknowledged_by end
           from jsonb_to_recordset($1::jsonb) as x(id bigint, kind text, severity text, title text, detail jsonb, escalate boolean)
           where a.id = x.id and a.ecosystem_id = $2`,
          [JSON.stringify(part), ecosystemId],
        );
      }

      // Gone: resolved.
      const goneIds = gone.map((g) => Number(g.id));
      if (goneIds.length) {
        await tx.query(
          `update alerts set status = 'resolved', resolved_at = now() where ecosystem_id = $1 and id = any($2::bigint[])`,
          [ecosystemId, goneIds],
        );
      }

      const load = async (ids: number[]): Promise<AlertItem[]> => {
        const out: AlertItem[] = [];
        for (let i = 0; i < ids.length; i += 5000) {
          const rows = await tx.query<AlertRow>(
            `${ALERT_SELECT} where a.ecosystem_id = $1 and a.id = any($2::bigint[]) order by a.id`,
            [ecosystemId, ids.slice(i, i + 5000)],
          );
          out.push(...rows.map(alertOf));
        }
        return out;
      };
      const raised = await load(newIds);
      const escalated = await load(repeats.filter((r) => r.escalate).map((r) => Number(r.cur.id)));
      const resolved = await load(goneIds);

      const events: EventToDeliver[] = [
        ...[...raised, ...escalated].map((a) => ({
          event: 'alert.raised',
          alertId: a.id,
          payload: { event: 'alert.raised', alert: alertPayload(a), ecosystem },
        })),
        ...resolved.map((a) => ({
          event: 'alert.resolved',
          alertId: a.id,
          payload: { event: 'alert.resolved', alert: alertPayload(a), ecosystem },
        })),
      ];
      const deliveries = await enqueueDeliveries(tx, ecosystemId, events);

      const audit = [
        ...raised.map((a) => ({
          action: 'alert.raise',
          id: a.id,
          before: null,
          after: { kind: a.kind, severity: a.severity, title: a.title, partnershipId: a.partnershipId },
        })),
        ...escalated.map((a) => ({
          action: 'alert.escalate',
          id: a.id,
          before: { severity: a.detail.escalatedFrom },
          after: { severity: a.severity, status: a.status },
        })),
        ...resolved.map((a) => ({
          action: 'alert.resolve',
          id: a.id,
          before: { severity: a.severity, title: a.title },
          after: { status: 'resolved' },
        })),
      ];
      for (let i = 0; i < audit.length; i += 1000) {
        const part = audit
          .slice(i, i + 1000)
          .map((e) => ({ action: e.action, entity_id: String(e.id), before: e.before, after: e.after }));
        await tx.query(
          `insert into audit_events (user_id, organization_id, ecosystem_id, action, entity, entity_id, before, after, request_id, via)
           select $3::uuid, $4::uuid, $2, x.action, 'alert', x.entity_id, x.before, x.after, $5, $6
             from jsonb_to_recordset($1::jsonb) as x(action text, entity_id text, before jsonb, after jsonb)`,
          [
            JSON.stringify(part),
            ecosystemId,
            input.audit?.userId ?? null,
            input.audit?.organizationId ?? null,
            input.audit?.requestId ?? null,
            input.audit?.via ?? 'agent',
          ],
        );
      }
      return { raised, updated: repeats.length, escalated, resolved, historyRows, deliveries };
    });
  }

  /** The health history of partnerships, oldest day first. */
  async history(
    ecosystemId: string,
    opts: { partnershipId?: string; since?: string } = {},
  ): Promise<{ partnershipId: string; day: string; score: number | null; rag: string | null; at: string }[]> {
    const p = new Params();
    const where = [`ecosystem_id = ${p.add(ecosystemId)}`];
    if (opts.partnershipId) where.push(`partnership_id = ${p.add(opts.partnershipId)}`);
    if (opts.since) where.push(`day >= ${p.add(opts.since)}`);
    const rows = await this.db.query<{
      partnership_id: string;
      day: string;
      score: number | null;
      rag: string | null;
      at: Date | string;
    }>(
      `select partnership_id, day, score, rag, at from health_history where ${where.join(' and ')} order by partnership_id, day`,
      p.values,
    );
    return rows.map((r) => ({
      partnershipId: r.partnership_id,
      day: r.day,
      score: r.score === null ? null : Number(r.score),
      rag: r.rag,
      at: iso(r.at)!,
    }));
  }

  // ---- agent runs ----

  /** Records the start of a run. */
  async startRun(
    ecosystemId: string | null,
    reason: string,
    instance: string,
    q: Queryable = this.db,
  ): Promise<number> {
    const rows = await q.query<{ id: number | string }>(
      'insert into agent_runs (ecosystem_id, reason, instance) values ($1, $2, $3) returning id',
      [ecosystemId, reason, instance],
    );
    return Number(rows[0]!.id);
  }

  /** Records the end of a run: its figures, or the error that stopped it. */
  async finishRun(
    id: number,
    outcome: { stats?: Record<string, unknown>; error?: string },
    audit?: AuditContext,
  ): Promise<AgentRun> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<RunRow>(
        'update agent_runs set finished_at = now(), stats = $2::jsonb, error = $3 where id = $1 returning *',
        [id, outcome.stats ? JSON.stringify(outcome.stats) : null, outcome.error?.slice(0, 2000) ?? null],
      );
      if (!rows[0]) throw new StoreError('not_found', `no agent run ${id}`);
      const run = runOf(rows[0]);
      // A run a person asked for is audited as theirs (scheduled runs are in agent_runs, their alert changes in the audit log).
      if (audit)
        await writeAudit(tx, audit, {
          ecosystemId: run.ecosystemId,
          action: 'agent.run',
          entity: 'agent_run',
          entityId: String(id),
          before: null,
          after: { reason: run.reason, ...(run.error ? { error: run.error } : {}), ...(run.stats ?? {}) },
        });
      return run;
    });
  }

  /** The latest runs of an ecosystem, newest first. */
  async runs(ecosystemId: string, limit = 20): Promise<AgentRun[]> {
    const rows = await this.db.query<RunRow>(
      'select * from agent_runs where ecosystem_id = $1 order by id desc limit $2',
      [ecosystemId, clampLimit(limit)],
    );
    return rows.map(runOf);
  }

  /** When the latest successful run of an ecosystem started (null: never). */
  async lastSuccessfulRunAt(ecosystemId: string, q: Queryable = this.db): Promise<Date | null> {
    const rows = await q.query<{ at: Date | string | null }>(
      'select max(started_at) as at from agent_runs where ecosystem_id = $1 and finished_at is not null and error is null',
      [ecosystemId],
    );
    return rows[0]?.at ? new Date(rows[0].at) : null;
  }
}

interface RunRow {
  id: number | string;
  ecosystem_id: string | null;
  reason: string;
  instance: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  stats: Record<string, unknown> | null;
  error: string | null;
}

function runOf(r: RunRow): AgentRun {
  return {
    id: Number(r.id),
    ecosystemId: r.ecosystem_id,
    reason: r.reason,
    instance: r.instance,
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
    stats: r.stats,
    error: r.error,
  };
}
