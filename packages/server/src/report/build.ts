/**
 * What the portfolio, the executive report and the health endpoints read from
 * the store: the document as the viewer may see it, health and signals from
 * `computeHealth` (the one place they are computed), the score history the
 * monitoring agent keeps in `health_history`, and who has answered each open
 * health-check cycle (only who, never what: answers stay private until the
 * cycle closes).
 */
import { monitor, type EcosystemDocument, type Viewer } from '@valueweb/core';
import type { Queryable, Store } from '@valueweb/store';
import { computeHealth, type PartnershipHealth } from '../monitor/health.ts';

/** Today's date on the server clock (UTC). */
export const serverToday = (): string => new Date().toISOString().slice(0, 10);

export interface HistoryPoint {
  day: string;
  score: number;
  rag: string | null;
}

/** Days of history read for trends. */
export const HISTORY_DAYS = 365;

/** The health score history per partnership (oldest first, the last HISTORY_DAYS days up to `today`). */
export async function readHealthHistory(
  q: Queryable,
  ecosystemId: string,
  today: string,
  partnershipIds?: readonly string[],
): Promise<Record<string, HistoryPoint[]>> {
  const from = monitor.addDays(today, -HISTORY_DAYS);
  const rows = await q.query<{
    partnership_id: string;
    day: string;
    score: number | null;
    rag: string | null;
  }>(
    `select partnership_id, day, score, rag from health_history
      where ecosystem_id = $1 and day >= $2 and day <= $3 and score is not null${partnershipIds ? ' and partnership_id = any($4::text[])' : ''}
      order by partnership_id, day`,
    partnershipIds ? [ecosystemId, from, today, partnershipIds] : [ecosystemId, from, today],
  );
  const out: Record<string, HistoryPoint[]> = {};
  for (const r of rows)
    (out[r.partnership_id] ??= []).push({ day: r.day, score: Math.round(Number(r.score)), rag: r.rag });
  return out;
}

/** Organizations that have answered each cycle (partnership → cycle → organizations): who, not what. */
export async function readRespondents(
  q: Queryable,
  ecosystemId: string,
  partnershipIds?: readonly string[],
): Promise<Record<string, Record<string, string[]>>> {
  const rows = await q.query<{ partnership_id: string; cycle_id: string; organization: string }>(
    `select distinct partnership_id, cycle_id, organization from health_check_answers
      where ecosystem_id = $1${partnershipIds ? ' and partnership_id = any($2::text[])' : ''} order by partnership_id, cycle_id, organization`,
    partnershipIds ? [ecosystemId, partnershipIds] : [ecosystemId],
  );
  const out: Record<string, Record<string, string[]>> = {};
  for (const r of rows) ((out[r.partnership_id] ??= {})[r.cycle_id] ??= []).push(r.organization);
  return out;
}

export interface MonitoringView {
  today: string;
  /** The ecosystem as the viewer may see it. */
  doc: EcosystemDocument;
  health: Record<string, PartnershipHealth>;
  history: Record<string, HistoryPoint[]>;
  respondents: Record<string, Record<string, string[]>>;
}

/** Everything the portfolio and the report need, for one viewer (none: everything, as the CLI reads it). */
export async function monitoringView(
  store: Store,
  ecosystemId: string,
  opts: { viewer?: Viewer; today?: string; partnershipIds?: readonly string[] } = {},
): Promise<MonitoringView> {
  const today = opts.today ?? serverToday();
  const doc = await store.ecosystems.export(ecosystemId, opts.viewer, { today });
  const health = await computeHealth(store, ecosystemId, {
    today,
    ...(opts.partnershipIds ? { partnershipIds: opts.partnershipIds } : {}),
  });
  const history = await readHealthHistory(store.db, ecosystemId, today, opts.partnershipIds);
  const respondents = await readRespondents(store.db, ecosystemId, opts.partnershipIds);
  return { today, doc, health, history, respondents };
}

/** The executive report (portfolio, or one partnership) from a monitoring view. */
export function reportFromView(view: MonitoringView, partnershipId?: string): monitor.ExecutiveReport {
  return monitor.buildExecutiveReport(view.doc, view.health, {
    today: view.today,
    ...(partnershipId !== undefined ? { partnershipId } : {}),
    history: view.history,
    respondents: view.respondents,
  });
}

/** The executive report straight from the store. */
export async function buildReport(
  store: Store,
  ecosystemId: string,
  opts: { viewer?: Viewer; today?: string; partnershipId?: string } = {},
): Promise<monitor.ExecutiveReport> {
  const view = await monitoringView(store, ecosystemId, {
    ...(opts.viewer ? { viewer: opts.viewer } : {}),
    ...(opts.today ? { today: opts.today } : {}),
    ...(opts.partnershipId ? { partnershipIds: [opts.partnershipId] } : {}),
  });
  return reportFromView(view, opts.partnershipId);
}
