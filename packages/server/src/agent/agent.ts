/**
 * The monitoring agent: a background job that recomputes the health score
 * and the vitality signals of an ecosystem's partnerships (healthOfDocument,
 * as computeHealth: the one place they are computed), keeps the health
 * history, reminds of obligations due soon or overdue (obligation-alerts.ts),
 * and raises, updates and resolves alerts, each saying why (the signal's
 * evidence, the rule that fired and the recommended action). It decides
 * nothing on its own: a person acknowledges an alert and acts.
 *
 * It runs on a schedule (every `intervalMs`), a few seconds after changes
 * (debounced per ecosystem), and when an orchestrator asks. Each run of an
 * ecosystem happens once across instances: on a PostgreSQL server a
 * transaction-scoped advisory lock (`pg_try_advisory_xact_lock`) is taken
 * and an instance that finds it held skips; a scheduled run also skips when
 * another instance ran less than half an interval ago. The embedded store is
 * one process, where a per-store registry does the same.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { govern } from '@valueweb/core';
import type { AuditContext, AgentRun, AlertDraft, HealthRecord, Store } from '@valueweb/store';
import { healthOfDocument } from '../monitor/health.ts';
import { SIGNAL_LABELS, SIGNAL_RULES } from './rules.ts';
import { obligationAlertDrafts } from './obligation-alerts.ts';

/** First key of the two-key advisory lock; the second is hashtext(ecosystem id). */
export const AGENT_LOCK = 0x56_57_41_47; // "VWAG"

export interface AgentOptions {
  /** Milliseconds between scheduled runs (0: no schedule). */
  intervalMs?: number;
  /** Run a few seconds after successful changes to an ecosystem (default true). */
  runAfterChanges?: boolean;
  /** Quiet time after the last change before the run (default 5 s)… */
  debounceMs?: number;
  /** …but never later than this after the first change (default 60 s). */
  maxWaitMs?: number;
  /** Delay of the first scheduled run after start (default 10 s). */
  firstRunDelayMs?: number;
  /** Start the timers when the app is ready (default true; tests drive the agent themselves). */
  autoStart?: boolean;
  /** The name this instance writes in agent_runs. */
  instance?: string;
  /** The day to compute for (default: today, UTC). */
  today?: () => string;
  /** When obligations are reminded of (default: 14 days ahead; critical 30 days overdue). */
  reminders?: Partial<govern.ReminderPolicy>;
}

export type RunReason = 'schedule' | 'change' | 'manual';

export type RunOutcome =
  | { status: 'ran'; run: AgentRun }
  | { status: 'failed'; run: AgentRun; error: string }
  | { status: 'skipped'; reason: 'busy' | 'fresh' | 'gone'; message: string };

interface Log {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
}

/** Ecosystems whose run is in progress in this process, per store (two apps on one store share it). */
const RUNNING = new WeakMap<Store, Set<string>>();

const isoDay = () => new Date().toISOString().slice(0, 10);

export class MonitoringAgent {
  readonly intervalMs: number;
  readonly instance: string;
  /** The obligation reminder policy this agent applies (the API shows the same). */
  readonly reminderPolicy: govern.ReminderPolicy;
  private readonly opts: AgentOptions;
  private readonly dirty = new Map<string, { timer: NodeJS.Timeout; since: number }>();
  private schedule: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = true;
  private closed = false;

  constructor(
    private readonly store: Store,
    opts: AgentOptions = {},
    private readonly hooks: { afterRun?: () => void; log?: Log } = {},
  ) {
    this.opts = opts;
    this.intervalMs = opts.intervalMs ?? 0;
    this.instance = opts.instance ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.reminderPolicy = { ...govern.DEFAULT_REMINDER_POLICY, ...opts.reminders };
    const bad = govern.checkReminderPolicy(this.reminderPolicy);
    if (bad.length)
      throw new RangeError(`reminder policy: ${bad.map((b) => `${b.field}: ${b.message}`).join('; ')}`);
  }

  /** The day a run computes for. */
  today(): string {
    return (this.opts.today ?? isoDay)();
  }

  get runsAfterChanges(): boolean {
    return this.opts.runAfterChanges ?? true;
  }

  /** Starts the schedule (first run shortly after start, then every interval) and change-triggered runs. */
  start(): void {
    this.stopped = false;
    if (this.intervalMs > 0) {
      const tick = (delay: number) => {
        this.schedule = setTimeout(() => {
          void this.track(this.sweep('schedule')).finally(() => {
            if (!this.stopped) tick(this.intervalMs);
          });
        }, delay);
        this.schedule.unref?.();
      };
      tick(this.opts.firstRunDelayMs ?? 10_000);
    }
  }

  /** Stops the timers and waits for runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closed = true;
    if (this.schedule) clearTimeout(this.schedule);
    this.schedule = null;
    for (const d of this.dirty.values()) clearTimeout(d.timer);
    this.dirty.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Something changed in an ecosystem: run after it has been quiet for a moment. */
  markDirty(ecosystemId: string): void {
    if (this.stopped || !this.runsAfterChanges) return;
    const debounce = this.opts.debounceMs ?? 5_000;
    const maxWait = this.opts.maxWaitMs ?? 60_000;
    const prev = this.dirty.get(ecosystemId);
    const since = prev?.since ?? Date.now();
    if (prev) clearTimeout(prev.timer);
    const wait = Math.max(0, Math.min(debounce, since + maxWait - Date.now()));
    const timer = setTimeout(() => {
      this.dirty.delete(ecosystemId);
      void this.track(this.run(ecosystemId, 'change')).then((r) => {
        // Another run was in progress (perhaps on data from before the change): look again.
        if (r.status === 'skipped' && r.reason === 'busy') this.markDirty(ecosystemId);
      });
    }, wait);
    timer.unref?.();
    this.dirty.set(ecosystemId, { timer, since });
  }

  /** Runs every ecosystem, one after the other. */
  async sweep(reason: RunReason = 'schedule'): Promise<Record<string, RunOutcome>> {
    const out: Record<string, RunOutcome> = {};
    let ids: string[];
    try {
      ids = (await this.store.db.query<{ id: string }>('select id from ecosystems order by id')).map(
        (r) => r.id,
      );
    } catch (e) {
      this.hooks.log?.error({ err: e }, 'monitoring agent: cannot list ecosystems');
      return out;
    }
    for (const id of ids) {
      if (this.closed) break;
      out[id] = await this.run(id, reason);
    }
    return out;
  }

  /** One run for one ecosystem, unless another is in progress (here or on another instance). */
  async run(ecosystemId: string, reason: RunReason, audit?: AuditContext): Promise<RunOutcome> {
    let running = RUNNING.get(this.store);
    if (!running) RUNNING.set(this.store, (running = new Set()));
    if (running.has(ecosystemId)) return busy();
    running.add(ecosystemId);
    try {
      if (this.store.kind === 'embedded') return await this.execute(ecosystemId, reason, audit);
      // The lock lives as long as this transaction; the run itself uses other connections.
      return await this.store.db.transaction(async (tx) => {
        const got = await tx.query<{ ok: boolean }>(
          'select pg_try_advisory_xact_lock($1, hashtext($2)) as ok',
          [AGENT_LOCK, ecosystemId],
        );
        if (!got[0]?.ok) return busy();
        return this.execute(ecosystemId, reason, audit);
      });
    } finally {
      running.delete(ecosystemId);
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  private async execute(ecosystemId: string, reason: RunReason, audit?: AuditContext): Promise<RunOutcome> {
    // A change may have been the ecosystem's deletion: nothing to run, nothing to record.
    const exists = await this.store.db.query('select 1 from ecosystems where id = $1', [ecosystemId]);
    if (!exists.length)
      return { status: 'skipped', reason: 'gone', message: `no ecosystem "${ecosystemId}"` };
    if (reason === 'schedule' && this.intervalMs > 0) {
      const last = await this.store.alerts.lastSuccessfulRunAt(ecosystemId);
      if (last && Date.now() - last.getTime() < this.intervalMs / 2) {
        return {
          status: 'skipped',
          reason: 'fresh',
          message: `ran ${Math.round((Date.now() - last.getTime()) / 1000)} s ago (on this or another instance)`,
        };
      }
    }
    const started = Date.now();
    const runId = await this.store.alerts.startRun(ecosystemId, reason, this.instance);
    try {
      const today = this.today();
      const names = new Map(
        (
          await this.store.db.query<{ id: string; name: string }>(
            'select id, name from partnerships where ecosystem_id = $1',
            [ecosystemId],
          )
        ).map((r) => [r.id, r.name]),
      );
      const actorNames = new Map(
        (
          await this.store.db.query<{ id: string; name: string }>(
            'select id, name from actors where ecosystem_id = $1',
            [ecosystemId],
          )
        ).map((r) => [r.id, r.name]),
      );
      const computedAt = Date.now();
      const doc = await this.store.ecosystems.export(ecosystemId, undefined, { today });
      const results = healthOfDocument(doc, { today });
      const computeMs = Date.now() - computedAt;
      const health: HealthRecord[] = [];
      const drafts: AlertDraft[] = [];
      for (const [pid, r] of Object.entries(results)) {
        health.push({
          partnershipId: pid,
          score: r.health.score,
          rag: r.health.rag,
          components: r.health.components,
          signals: r.signals,
        });
        const partnershipName = names.get(pid) ?? pid;
        for (const s of r.signals) {
          drafts.push({
            partnershipId: pid,
            kind: s.kind,
            dedupeKey: `${pid}:${s.kind}`,
            severity: s.severity,
            title: `${SIGNAL_LABELS[s.kind] ?? s.kind} in ${partnershipName}`,
            detail: {
              signal: s.kind,
              label: SIGNAL_LABELS[s.kind] ?? s.kind,
              partnershipName,
              evidence: s.evidence,
              rule: SIGNAL_RULES[s.kind] ?? '',
              action: s.action,
              since: s.since,
              ...(s.actors?.length
                ? { actors: s.actors.map((id) => ({ id, name: actorNames.get(id) ?? id })) }
                : {}),
              health: { score: r.health.score, rag: r.health.rag },
              computedFor: today,
            },
          });
        }
      }
      const signalCount = drafts.length;
      // Obligations due soon or overdue: reminders of their own kinds, through the same inbox and webhooks.
      drafts.push(
        ...obligationAlertDrafts(doc, today, this.reminderPolicy, actorNames, new Set(Object.keys(results))),
      );
      const writeAt = Date.now();
      const result = await this.store.alerts.reconcile(ecosystemId, {
        day: today,
        partnershipIds: Object.keys(results),
        health,
        alerts: drafts,
        audit: audit ? { ...audit } : { via: 'agent' },
      });
      const stats = {
        today,
        partnerships: health.length,
        signals: signalCount,
        reminders: drafts.length - signalCount,
        raised: result.raised.length,
        updated: result.updated,
        escalated: result.escalated.length,
        resolved: result.resolved.length,
        deliveries: result.deliveries,
        computeMs,
        writeMs: Date.now() - writeAt,
        durationMs: Date.now() - started,
      };
      const run = await this.store.alerts.finishRun(
        runId,
        { stats },
        reason === 'manual' ? audit : undefined,
      );
      if (result.deliveries > 0) this.hooks.afterRun?.();
      if (result.raised.length || result.resolved.length || result.escalated.length) {
        this.hooks.log?.info(
          { ecosystemId, ...stats },
          `monitoring agent: ${result.raised.length} alert(s) raised, ${result.escalated.length} escalated, ${result.resolved.length} resolved`,
        );
      }
      return { status: 'ran', run };
    } catch (e) {
      const error = (e as Error).message || String(e);
      this.hooks.log?.error({ err: e, ecosystemId }, 'monitoring agent run failed');
      const run = await this.store.alerts
        .finishRun(
          runId,
          { error, stats: { durationMs: Date.now() - started } },
          reason === 'manual' ? audit : undefined,
        )
        .catch(() => null);
      return run
        ? { status: 'failed', run, error }
        : {
            status: 'failed',
            run: {
              id: runId,
              ecosystemId,
              reason,
              instance: this.instance,
              startedAt: new Date(started).toISOString(),
              finishedAt: null,
              stats: null,
              error,
            },
            error,
          };
    }
  }
}

function busy(): RunOutcome {
  return {
    status: 'skipped',
    reason: 'busy',
    message: 'a run for this ecosystem is in progress (on this or another instance)',
  };
}
