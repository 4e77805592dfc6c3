/**
 * From the ecosystem document to the health score and vitality signals of a
 * partnership: reads its monitoring lists (milestones, kpis, healthChecks,
 * pilots, lessons) with their schemas, and — when present, typed loosely
 * because other modules define them — `ledger` entries
 * `{kind: 'contribution'|'benefit', actor, value, date}`, `disputes`
 * `{status, opened, formal?}`, `decisions` `{status, deadline?, opened?, decided?}`
 * and `ideas` `{date}`. Loose entries of another shape are skipped.
 *
 * Activity of a member organization (engagement, hoarding, defection) counts:
 * its ledger entries, milestones it owns that were completed, health-check
 * cycles it answered (dated by the cycle's close, else its opening), lessons
 * it logged (`by`), checklist items it ticked and stage moves it made. Its
 * shared items are its ledger contributions.
 */
import type { z } from 'zod';
import type { Path } from '../model/problem.ts';
import { ValidationError } from '../model/problem.ts';
import { LessonsSchema, PilotsSchema, StageHistorySchema, GatesSchema } from '../pilot/schema.ts';
import type { MemberClock } from './clocks.ts';
import { dayNumber, isIsoDate, toIsoDate, type DateInput } from './dates.ts';
import { healthCheckResults, isCycleClosed } from './health-check.ts';
import { healthScore, type HealthScore, type HealthScoreInputs } from './health-score.ts';
import { evaluateKpis } from './kpi.ts';
import { HealthChecksSchema, KpisSchema, MilestonesSchema } from './schema.ts';
import { partnershipSignals } from './signals.ts';
import type { DatedActor, SignalLedgerEntry, Signal, SignalInputs } from './signals-common.ts';

/** The parts of the document this module reads (an EcosystemDocument fits). */
export interface MonitoredDocument {
  actors: readonly {
    id: string;
    name?: string;
    capabilities?: readonly string[];
    clock?: MemberClock['clock'];
  }[];
  relationships?: readonly { from: string; to: string }[];
  partnerships: readonly unknown[];
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const date = (x: unknown): string | undefined => (typeof x === 'string' && isIsoDate(x) ? x : undefined);

function parse<S extends z.ZodType>(schema: S, value: unknown, path: Path): z.infer<S> {
  const r = schema.safeParse(value ?? []);
  if (r.success) return r.data;
  throw new ValidationError(
    r.error.issues.map((i) => ({
      path: [...path, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: i.message,
      code: 'invalid_value',
    })),
  );
}

/** The partnership's monitoring and pilot lists, parsed (defaults filled); throws ValidationError with document paths. */
export function readMonitoring(partnership: Record<string, unknown>, path: Path = []) {
  return {
    milestones: parse(MilestonesSchema, partnership.milestones, [...path, 'milestones']),
    kpis: parse(KpisSchema, partnership.kpis, [...path, 'kpis']),
    healthChecks: parse(HealthChecksSchema, partnership.healthChecks, [...path, 'healthChecks']),
    gates: parse(GatesSchema, partnership.gates, [...path, 'gates']),
    pilots: parse(PilotsSchema, partnership.pilots, [...path, 'pilots']),
    lessons: parse(LessonsSchema, partnership.lessons, [...path, 'lessons']),
    stageHistory: parse(StageHistorySchema, partnership.stageHistory, [...path, 'stageHistory']),
  };
}

/** Loose ledger entries of the partnership (entries of another shape skipped). */
export function readLedger(partnership: Record<string, unknown>): SignalLedgerEntry[] {
  return arr(partnership.ledger).flatMap((e) => {
    if (!isObj(e) || (e.kind !== 'contribution' && e.kind !== 'benefit') || typeof e.actor !== 'string')
      return [];
    const d = date(e.date);
    return typeof e.value === 'number' && Number.isFinite(e.value) && d
      ? [{ kind: e.kind, actor: e.actor, value: e.value, date: d }]
      : [];
  });
}

/** Dispute statuses that count as no longer open. */
export const CLOSED_DISPUTE_STATUSES: readonly string[] = [
  'resolved',
  'closed',
  'settled',
  'withdrawn',
  'dismissed',
];

/** Finds a partnership by id; throws a ValidationError naming the known ids when there is none. */
export function findPartnership(
  doc: MonitoredDocument,
  partnershipId: string,
): { partnership: Record<string, unknown>; index: number } {
  const index = doc.partnerships.findIndex((p) => isObj(p) && p.id === partnershipId);
  const partnership = doc.partnerships[index];
  if (!isObj(partnership)) {
    const known = doc.partnerships.flatMap((p) => (isObj(p) && typeof p.id === 'string' ? [p.id] : []));
    throw new ValidationError([
      {
        path: ['partnerships'],
        message: `unknown partnership id "${partnershipId}"${known.length ? `; known: ${known.join(', ')}` : ''}`,
        code: 'unknown_reference',
      },
    ]);
  }
  return { partnership, index };
}

/** The members' planning clocks, for the clock-alignment functions. */
export function partnershipClocks(doc: MonitoredDocument, partnershipId: string): MemberClock[] {
  const { partnership } = findPartnership(doc, partnershipId);
  const actors = new Map(doc.actors.map((a) => [a.id, a]));
  return memberIds(partnership).map((id) => ({
    actor: id,
    name: actors.get(id)?.name,
    clock: actors.get(id)?.clock,
  }));
}

function memberIds(p: Record<string, unknown>): string[] {
  return arr(p.members).flatMap((m) => (isObj(m) && typeof m.actor === 'string' ? [m.actor] : []));
}

/** Ties among members in the map: who is isolated, and the groups with no ties between them (undefined without ties). */
function memberTies(doc: MonitoredDocument, members: readonly string[]): SignalInputs['fragmentation'] {
  const set = new Set(members);
  const adj = new Map(members.map((m) => [m, new Set<string>()]));
  let ties = 0;
  for (const r of doc.relationships ?? []) {
    if (r.from !== r.to && set.has(r.from) && set.has(r.to)) {
      adj.get(r.from)!.add(r.to);
      adj.get(r.to)!.add(r.from);
      ties++;
    }
  }
  if (!ties || members.length < 2) return undefined;
  const isolated = members.filter((m) => adj.get(m)!.size === 0);
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const m of members) {
    if (seen.has(m) || adj.get(m)!.size === 0) continue;
    const group: string[] = [];
    const stack = [m];
    seen.add(m);
    while (stack.length) {
      const x = stack.pop()!;
      group.push(x);
      for (const y of adj.get(x)!) {
        if (seen.has(y)) continue;
        seen.add(y);
        stack.push(y);
      }
    }
    groups.push(group);
  }
  return { isolated, ...(groups.length > 1 ? { groups } : {}) };
}

/** The plain inputs of the health score and the signals, derived from one partnership of the document on `now`. */
export function partnershipMonitoringInputs(
  doc: MonitoredDocument,
  partnershipId: string,
  now: DateInput,
): { health: HealthScoreInputs; signals: SignalInputs } {
  const today = dayNumber(toIsoDate(now));
  const { partnership: p, index } = findPartnership(doc, partnershipId);
  const m = readMonitoring(p, ['partnerships', index]);
  const members = memberIds(p);
  const actors = new Map(doc.actors.map((a) => [a.id, a]));
  const names = Object.fromEntries(members.map((id) => [id, actors.get(id)?.name ?? id]));

  const kpiEvaluations = evaluateKpis(m.kpis, now);
  const closed = m.healthChecks
    .filter((h) => isCycleClosed(h, now))
    .map((h) => healthCheckResults(h, now, { members }))
    .filter((r) => r.mean !== undefined)
    .sort((a, b) => dayNumber(a.closed!) - dayNumber(b.closed!));

  const ledger = 'ledger' in p ? readLedger(p) : undefined;
  const pastLedger = ledger?.filter((e) => dayNumber(e.date) <= today);
  const disputes =
    'disputes' in p
      ? arr(p.disputes).flatMap((d) => {
          const opened = isObj(d) ? date(d.opened) : undefined;
          return opened && isObj(d)
            ? [
                {
                  opened,
                  ...(typeof d.status === 'string' ? { status: d.status } : {}),
                  ...(typeof d.formal === 'boolean' ? { formal: d.formal } : {}),
                },
              ]
            : [];
        })
      : undefined;
  const decisions =
    'decisions' in p
      ? arr(p.decisions).flatMap((d) => {
          if (!isObj(d) || typeof d.status !== 'string') return [];
          const deadline = date(d.deadline);
          const opened = date(d.opened);
          const decided = date(d.decided);
          return [
            {
              status: d.status,
              ...(deadline ? { deadline } : {}),
              ...(opened ? { opened } : {}),
              ...(decided ? { decided } : {}),
            },
          ];
        })
      : undefined;

  const activity: DatedActor[] = [];
  for (const e of ledger ?? []) activity.push({ actor: e.actor, date: e.date });
  for (const ms of m.milestones) if (ms.completed) activity.push({ actor: ms.owner, date: ms.completed });
  for (const h of m.healthChecks) {
    for (const org of new Set(h.answers.map((a) => a.organization)))
      activity.push({ actor: org, date: h.closed ?? h.opened });
  }
  for (const l of m.lessons) if (l.by) activity.push({ actor: l.by, date: l.date });
  for (const g of m.gates)
    for (const t of g.met ?? []) if (t.by && t.at) activity.push({ actor: t.by, date: t.at });
  for (const s of m.stageHistory) if (s.by) activity.push({ actor: s.by, date: s.at });
  const pastActivity = activity.filter((a) => dayNumber(a.date) <= today);
  const memberActivity = pastActivity.filter((a) => members.includes(a.actor));

  const contributions = pastLedger
    ? Object.fromEntries(
        members.map((id) => [
          id,
          pastLedger
            .filter((e) => e.kind === 'contribution' && e.actor === id)
            .reduce((s, e) => s + Math.max(0, e.value), 0),
        ]),
      )
    : undefined;
  const recentActivity = memberActivity.length
    ? Object.fromEntries(
        members.map((id) => [
          id,
          memberActivity.filter((a) => a.actor === id && today - dayNumber(a.date) < 90).length,
        ]),
      )
    : undefined;

  const health: HealthScoreInputs = {
    members,
    names,
    ...(m.kpis.length ? { kpiStatuses: kpiEvaluations.map((k) => k.status) } : {}),
    ...(m.milestones.length ? { milestones: m.milestones } : {}),
    ...(closed.length ? { healthCheckMeans: closed.map((r) => r.mean!) } : {}),
    ...(contributions ? { contributions } : {}),
    ...(recentActivity ? { activity: recentActivity } : {}),
    ...(disputes
      ? {
          openDisputes: disputes.filter(
            (d) => dayNumber(d.opened) <= today && !CLOSED_DISPUTE_STATUSES.includes(d.status ?? 'open'),
          ).length,
        }
      : {}),
    ...(decisions
      ? {
          decisionLatencies: decisions.flatMap((d) =>
            d.opened && d.decided && dayNumber(d.decided) <= today
              ? [dayNumber(d.decided) - dayNumber(d.opened)]
              : [],
          ),
        }
      : {}),
  };

  const capabilities = members.some((id) => (actors.get(id)?.capabilities?.length ?? 0) > 0)
    ? Object.fromEntries(members.map((id) => [id, [...(actors.get(id)?.capabilities ?? [])]]))
    : undefined;
  const fragmentation = memberTies(doc, members);
  const ideas = arr(p.ideas).flatMap((i) => (isObj(i) && date(i.date) ? [date(i.date)!] : []));
  const signals: SignalInputs = {
    members,
    names,
    ...(disputes ? { disputes: disputes.map((d) => ({ ...d, status: d.status ?? 'open' })) } : {}),
    innovation: {
      pilots: m.pilots.flatMap((x) => (x.started ? [x.started] : [])),
      ideas,
      lessons: m.lessons.map((l) => l.date),
    },
    ...(fragmentation ? { fragmentation } : {}),
    ...(memberActivity.length ? { activity: memberActivity } : {}),
    ...(pastLedger
      ? {
          sharedItems: pastLedger
            .filter((e) => e.kind === 'contribution')
            .map((e) => ({ actor: e.actor, date: e.date })),
        }
      : {}),
    ...(pastLedger ? { ledger: pastLedger } : {}),
    ...(decisions ? { decisions } : {}),
    ...(capabilities ? { capabilities } : {}),
    kpis: kpiEvaluations.map((k) => ({ id: k.kpi, name: k.name, status: k.status })),
    milestones: m.milestones,
    healthChecks: closed.map((r) => ({ cycle: r.cycle, closed: r.closed!, gaps: r.perceptionGaps })),
  };
  return { health, signals };
}

/** What `valueweb analyze` shows per partnership: the health score and the vitality signals. */
export interface PartnershipHealth {
  health: HealthScore;
  signals: Signal[];
}

/** Health score and vitality signals of one partnership of the document on `now`. */
export function analyzePartnershipHealth(
  doc: MonitoredDocument,
  partnershipId: string,
  now: DateInput,
): PartnershipHealth {
  const inputs = partnershipMonitoringInputs(doc, partnershipId, now);
  return { health: healthScore(inputs.health, now), signals: partnershipSignals(inputs.signals, now) };
}

/** The same for every partnership, keyed by partnership id. */
export function analyzeAllPartnershipsHealth(
  doc: MonitoredDocument,
  now: DateInput,
): Record<string, PartnershipHealth> {
  const out: Record<string, PartnershipHealth> = {};
  for (const p of doc.partnerships) {
    if (isObj(p) && typeof p.id === 'string') out[p.id] = analyzePartnershipHealth(doc, p.id, now);
  }
  return out;
}
