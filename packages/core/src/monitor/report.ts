/**
 * The executive report: one page per portfolio or per partnership that leads
 * with what needs attention (seed 002: "transform complexity into clarity"),
 * then progress (milestones, KPIs, pilots, the latest health check) and value
 * (the ledger's contributions and benefits per member).
 *
 * Pure: it takes the document as the reader may see it, the health and signals
 * already computed for each partnership (`analyzePartnershipHealth`, the same
 * numbers the API and `valueweb analyze` show), and the day. Every item says
 * where its numbers come from; the rules are listed in `rules`.
 *
 * What needs attention, in this order (most severe first, then the weakest
 * partnership first):
 * - a health score in the red band (critical) or the amber band (warning),
 *   with its two weakest components;
 * - every vitality signal, with its severity, evidence, since and action;
 * - each milestone past its due date and not done (warning; critical after
 *   OVERDUE_CRITICAL_DAYS);
 * - each KPI off track (warning);
 * - each open health-check cycle still awaiting answers (info).
 */
import type { EcosystemDocument, Partnership } from '../model/document.ts';
import { ledgerTotals, mainCurrency } from '../govern/ledger-schema.ts';
import { assessFairness } from '../value/fairness.ts';
import { dayNumber, toIsoDate, type DateInput } from './dates.ts';
import { fmt, pct, plural } from './format.ts';
import type { PartnershipHealth } from './from-document.ts';
import { cycleDimensions, healthCheckResults, isCycleClosed } from './health-check.ts';
import { HEALTH_SCORE_RULES, HEALTH_SCORE_WEIGHTS, type HealthScore, type Rag } from './health-score.ts';
import { evaluateKpis, type KpiStatus } from './kpi.ts';
import type { Signal, SignalKind, SignalSeverity } from './signals-common.ts';

/** How people call each vitality signal. */
export const SIGNAL_LABELS: Record<SignalKind, string> = {
  'rising-disputes': 'Rising formal disputes',
  'innovation-slowdown': 'Innovation slowdown',
  fragmentation: 'Fragmentation',
  'information-hoarding': 'Information hoarding',
  'contribution-imbalance': 'Contribution imbalance',
  'decision-gridlock': 'Decision gridlock',
  dependency: 'Dependency on one member',
  'defection-risk': 'Defection risk',
  'loss-of-direction': 'Loss of direction',
  'perception-gap': 'Perception gap',
};

/** Sort order of severities: critical first. */
export const SEVERITY_RANK: Record<SignalSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** Days past due after which an overdue milestone is critical rather than a warning. */
export const OVERDUE_CRITICAL_DAYS = 60;
/** Upcoming milestones shown: those due within this many days (at most UPCOMING_LIMIT). */
export const UPCOMING_DAYS = 120;
export const UPCOMING_LIMIT = 5;

export type AttentionKind =
  SignalKind | 'health-score' | 'milestone-overdue' | 'kpi-off-track' | 'health-check-open';

export interface AttentionItem {
  severity: SignalSeverity;
  kind: AttentionKind;
  partnershipId: string;
  partnershipName: string;
  title: string;
  /** What was observed, with the numbers. */
  evidence: string[];
  since?: string;
  /** What to do about it. */
  action: string;
}

export interface ReportMilestone {
  id: string;
  name: string;
  due: string;
  status: string;
  owner: string;
  ownerName: string;
  value?: string;
  completed?: string;
  /** Days past the due date (overdue ones). */
  daysLate?: number;
}

export interface ReportKpi {
  id: string;
  name: string;
  unit?: string;
  status: KpiStatus;
  /** Share of the way from baseline to target covered by the latest value (0..1). */
  progress: number;
  baseline: number;
  target: number;
  targetDate: string;
  direction: 'increase' | 'decrease';
  latest?: { date: string; value: number };
  forecast?: number;
  series: { date: string; value: number }[];
  explanation: string;
}

export interface ReportValueMember {
  actor: string;
  name: string;
  contributed: number;
  received: number;
  /** received / contributed; null when nothing was contributed. */
  ratio: number | null;
  flagged: boolean;
}

export interface ReportValue {
  /** The currency the totals are in (the one most entries use); null without a ledger. */
  currency: string | null;
  entries: number;
  totalContributed: number;
  totalReceived: number;
  members: ReportValueMember[];
  /** Currencies left out of the totals. */
  otherCurrencies: string[];
  explanation: string[];
}

export interface ReportHealthCheck {
  cycle: string;
  closed: string;
  mean: number;
  respondents: number;
  dimensions: {
    id: string;
    name: string;
    mean: number;
    byOrganization: { organization: string; name: string; mean: number }[];
    lowest?: { organization: string; name: string; mean: number };
    highest?: { organization: string; name: string; mean: number };
    gap: number;
    flagged: boolean;
  }[];
  explanation: string;
}

export interface ReportOpenCycle {
  id: string;
  opened: string;
  respondents: string[];
  awaiting: string[];
}

export interface PartnershipReport {
  id: string;
  name: string;
  stage: string;
  purpose?: string;
  members: { id: string; name: string; role?: string }[];
  health: HealthScore;
  signals: Signal[];
  /** Health score over time, oldest first (the agent's history, else the live score alone). */
  trend: { day: string; score: number }[];
  milestones: {
    total: number;
    done: number;
    doneOnTime: number;
    overdue: ReportMilestone[];
    upcoming: ReportMilestone[];
    recentlyDone: ReportMilestone[];
  };
  kpis: ReportKpi[];
  pilots: { id: string; name: string; status: string; decision?: string; hypotheses: number; met: number }[];
  healthCheck?: ReportHealthCheck;
  openCycles: ReportOpenCycle[];
  value: ReportValue;
  attention: AttentionItem[];
}

export interface ExecutiveReport {
  scope: 'portfolio' | 'partnership';
  title: string;
  ecosystem: { id: string; name: string; purpose?: string };
  today: string;
  /** One or two sentences: the state of things and where to look first. */
  headline: string;
  summary: {
    partnerships: number;
    green: number;
    amber: number;
    red: number;
    /** Mean health score of the partnerships (null without any). */
    meanScore: number | null;
    critical: number;
    warning: number;
    info: number;
  };
  /** Everything that needs attention, most severe first. */
  attention: AttentionItem[];
  partnerships: PartnershipReport[];
  /** How the numbers are computed, in words. */
  rules: string[];
}

/** What the report reads of the document (an EcosystemDocument fits). */
export type ReportDocument = Pick<EcosystemDocument, 'ecosystem' | 'actors' | 'partnerships'>;

export interface ReportOptions {
  today: DateInput;
  /** Only this partnership (a partnership report); default: the whole portfolio. */
  partnershipId?: string;
  /** Health score history per partnership id, oldest first (from the monitoring agent). */
  history?: Readonly<Record<string, readonly { day: string; score: number }[]>>;
  /**
   * Who has answered each open cycle (partnership id → cycle id → organizations), when the
   * document given holds only the answers the reader may see.
   */
  respondents?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

const bySeverity = (a: { severity: SignalSeverity }, b: { severity: SignalSeverity }) =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];

/** The report on `today`. Throws when `partnershipId` names no partnership (the message lists the known ids). */
export function buildExecutiveReport(
  doc: ReportDocument,
  health: Readonly<Record<string, PartnershipHealth>>,
  options: ReportOptions,
): ExecutiveReport {
  const today = toIsoDate(options.today);
  const names = new Map(doc.actors.map((a) => [a.id, a.name]));
  const name = (id: string) => names.get(id) ?? id;
  let chosen: readonly Partnership[] = doc.partnerships;
  if (options.partnershipId !== undefined) {
    chosen = doc.partnerships.filter((p) => p.id === options.partnershipId);
    if (!chosen.length) {
      throw new RangeError(
        `no partnership "${options.partnershipId}" in ecosystem "${doc.ecosystem.id}"; known: ${doc.partnerships.map((p) => p.id).join(', ') || 'none'}`,
      );
    }
  }
  const partnerships = chosen
    .filter((p) => health[p.id] !== undefined)
    .map((p) => partnershipReport(p, health[p.id]!, today, name, options));
  const scoreOf = new Map(partnerships.map((p) => [p.id, p.health.score]));
  const attention = partnerships
    .flatMap((p) => p.attention)
    .sort(
      (a, b) =>
        bySeverity(a, b) ||
        scoreOf.get(a.partnershipId)! - scoreOf.get(b.partnershipId)! ||
        a.partnershipName.localeCompare(b.partnershipName),
    );
  const count = (rag: Rag) => partnerships.filter((p) => p.health.rag === rag).length;
  const sev = (s: SignalSeverity) => attention.filter((a) => a.severity === s).length;
  const summary = {
    partnerships: partnerships.length,
    green: count('green'),
    amber: count('amber'),
    red: count('red'),
    meanScore: partnerships.length
      ? Math.round(partnerships.reduce((s, p) => s + p.health.score, 0) / partnerships.length)
      : null,
    critical: sev('critical'),
    warning: sev('warning'),
    info: sev('info'),
  };
  const single = options.partnershipId !== undefined ? partnerships[0] : undefined;
  return {
    scope: single ? 'partnership' : 'portfolio',
    title: single ? `${single.name}: executive report` : `${doc.ecosystem.name}: portfolio report`,
    ecosystem: {
      id: doc.ecosystem.id,
      name: doc.ecosystem.name,
      ...(doc.ecosystem.purpose ? { purpose: doc.ecosystem.purpose } : {}),
    },
    today,
    headline: single ? partnershipHeadline(single) : portfolioHeadline(summary, partnerships, attention),
    summary,
    attention,
    partnerships,
    rules: reportRules(),
  };
}

function portfolioHeadline(
  s: ExecutiveReport['summary'],
  ps: readonly PartnershipReport[],
  attention: readonly AttentionItem[],
): string {
  if (!ps.length) return 'No partnerships yet: nothing to report.';
  const bands = [s.red && `${s.red} red`, s.amber && `${s.amber} amber`, s.green && `${s.green} green`]
    .filter(Boolean)
    .join(', ');
  const head = `${plural(ps.length, 'partnership')} (${bands}), mean health score ${s.meanScore}.`;
  const urgent = attention.filter((a) => a.severity !== 'info');
  if (!urgent.length) return `${head} Nothing needs attention today.`;
  const perPartnership = new Map<string, number>();
  for (const a of urgent)
    perPartnership.set(a.partnershipName, (perPartnership.get(a.partnershipName) ?? 0) + 1);
  const weakest = [...ps].sort((a, b) => a.health.score - b.health.score)[0]!;
  return `${head} ${plural(s.critical, 'critical item')} and ${plural(s.warning, 'warning')} need attention; start with ${weakest.name} (score ${weakest.health.score}, ${weakest.health.rag}).`;
}

function partnershipHeadline(p: PartnershipReport): string {
  const crit = p.attention.filter((a) => a.severity === 'critical').length;
  const warn = p.attention.filter((a) => a.severity === 'warning').length;
  const weakest = p.health.components.filter((c) => c.included).sort((a, b) => a.value! - b.value!)[0];
  return (
    `${p.name} scores ${p.health.score} of 100 (${p.health.rag}).` +
    (crit || warn
      ? ` ${plural(crit, 'critical item')} and ${plural(warn, 'warning')} need attention.`
      : ' Nothing needs attention today.') +
    (weakest ? ` Weakest: ${weakest.label} (${fmt(weakest.value!)} of 1).` : '')
  );
}

/** The rules behind the report's numbers, in words. */
export function reportRules(): string[] {
  const w = HEALTH_SCORE_WEIGHTS;
  return [
    `Health score 0–100 = weighted mean of seven components (KPI progress ${w.kpiProgress}, milestones on time ${w.milestonesOnTime}, health-check mean ${w.healthCheck}, contribution balance ${w.contributionBalance}, engagement ${w.engagement}, open disputes ${w.disputes}, decision latency ${w.decisionLatency}); components without data are left out and the other weights scaled up. Green ≥ ${HEALTH_SCORE_RULES.green}, amber ≥ ${HEALTH_SCORE_RULES.amber}, else red.`,
    'Vitality signals are early warnings (seed 000 §8): each names its evidence, since when it holds and a recommended action; "recent" is the last 90 days.',
    `Milestones: overdue = past the due date and not done or cancelled (critical after ${OVERDUE_CRITICAL_DAYS} days); upcoming = due in the next ${UPCOMING_DAYS} days.`,
    'KPIs: a least-squares trend through the measurements, forecast at the target date: reaches the target = on track, at least 80% of the way = at risk, else off track.',
    'Health checks: each member organization scores each dimension 1–5; organizations weigh equally; a gap of 1.5 points or more between organizations is a perception gap. Answers stay private until the cycle closes.',
    'Value: contributions and benefits recorded in the ledger (reversed entries left out), in the currency most entries use; ratio = benefits received per unit contributed.',
  ];
}

function partnershipReport(
  p: Partnership,
  ph: PartnershipHealth,
  today: string,
  name: (id: string) => string,
  options: ReportOptions,
): PartnershipReport {
  const todayN = dayNumber(today);
  const memberIds = p.members.map((m) => m.actor);
  const ms = (p.milestones ?? []).map((m): ReportMilestone => ({
    id: m.id,
    name: m.name,
    due: m.due,
    status: m.status,
    owner: m.owner,
    ownerName: name(m.owner),
    ...(m.value ? { value: m.value } : {}),
    ...(m.completed ? { completed: m.completed } : {}),
  }));
  const open = (m: ReportMilestone) => m.status !== 'done' && m.status !== 'cancelled';
  const overdue = ms
    .filter((m) => open(m) && dayNumber(m.due) < todayN)
    .map((m) => ({ ...m, daysLate: todayN - dayNumber(m.due) }))
    .sort((a, b) => b.daysLate - a.daysLate);
  const upcoming = ms
    .filter((m) => open(m) && dayNumber(m.due) >= todayN && dayNumber(m.due) - todayN <= UPCOMING_DAYS)
    .sort((a, b) => dayNumber(a.due) - dayNumber(b.due))
    .slice(0, UPCOMING_LIMIT);
  const done = ms.filter((m) => m.status === 'done');
  const doneOnTime = done.filter(
    (m) => m.completed === undefined || dayNumber(m.completed) <= dayNumber(m.due),
  ).length;
  const recentlyDone = done
    .filter(
      (m) =>
        m.completed !== undefined &&
        dayNumber(m.completed) <= todayN &&
        todayN - dayNumber(m.completed) <= 180,
    )
    .sort((a, b) => dayNumber(b.completed!) - dayNumber(a.completed!))
    .slice(0, UPCOMING_LIMIT);

  const kpiDefs = new Map((p.kpis ?? []).map((k) => [k.id, k]));
  const kpis = evaluateKpis(p.kpis ?? [], today).map((e): ReportKpi => {
    const k = kpiDefs.get(e.kpi)!;
    return {
      id: e.kpi,
      name: e.name,
      ...(k.unit ? { unit: k.unit } : {}),
      status: e.status,
      progress: e.progress,
      baseline: k.baseline,
      target: k.target,
      targetDate: k.targetDate,
      direction: k.direction,
      ...(e.latest ? { latest: { date: e.latest.date, value: e.latest.value } } : {}),
      ...(e.forecast !== undefined ? { forecast: e.forecast } : {}),
      series: k.measurements
        .filter((m) => dayNumber(m.date) <= todayN)
        .map((m) => ({ date: m.date, value: m.value })),
      explanation: e.explanation,
    };
  });

  const pilots = (p.pilots ?? []).map((x) => ({
    id: x.id,
    name: x.name,
    status: x.status,
    ...(x.decision ? { decision: x.decision } : {}),
    hypotheses: x.hypotheses.length,
    met: x.hypotheses.filter((h) => h.result?.met === true).length,
  }));

  const cycles = p.healthChecks ?? [];
  const closed = cycles
    .filter((c) => isCycleClosed(c, today))
    .map((c) => healthCheckResults(c, today, { members: memberIds }))
    .filter((r) => r.mean !== undefined)
    .sort((a, b) => dayNumber(a.closed!) - dayNumber(b.closed!));
  const latest = closed.at(-1);
  const healthCheck: ReportHealthCheck | undefined = latest
    ? {
        cycle: latest.cycle,
        closed: latest.closed!,
        mean: latest.mean!,
        respondents: latest.respondents.length,
        dimensions: latest.dimensions.map((d) => {
          const gap = latest.perceptionGaps.find((g) => g.dimension === d.dimension);
          return {
            id: d.dimension,
            name: d.name,
            mean: d.mean,
            byOrganization: d.byOrganization.map((o) => ({
              organization: o.organization,
              name: name(o.organization),
              mean: o.mean,
            })),
            gap: gap?.gap ?? 0,
            flagged: gap?.flagged ?? false,
            ...(gap
              ? {
                  lowest: { ...gap.lowest, name: name(gap.lowest.organization) },
                  highest: { ...gap.highest, name: name(gap.highest.organization) },
                }
              : {}),
          };
        }),
        explanation: latest.explanation,
      }
    : undefined;
  const openCycles: ReportOpenCycle[] = cycles
    .filter((c) => !isCycleClosed(c, today) && dayNumber(c.opened) <= todayN)
    .map((c) => {
      const given = options.respondents?.[p.id]?.[c.id];
      const respondents = given ? [...given] : [...new Set(c.answers.map((a) => a.organization))];
      return {
        id: c.id,
        opened: c.opened,
        respondents,
        awaiting: memberIds.filter((m) => !respondents.includes(m)),
      };
    });

  const value = valueOf(p, memberIds, today, name);
  const history = options.history?.[p.id]?.filter((h) => h.day <= today) ?? [];
  const trend = history.length ? [...history] : [{ day: today, score: ph.health.score }];
  if (history.length && history.at(-1)!.day !== today) trend.push({ day: today, score: ph.health.score });

  const report: PartnershipReport = {
    id: p.id,
    name: p.name,
    stage: p.stage,
    ...(p.purpose ? { purpose: p.purpose } : {}),
    members: p.members.map((m) => ({
      id: m.actor,
      name: name(m.actor),
      ...(m.role ? { role: m.role } : {}),
    })),
    health: ph.health,
    signals: [...ph.signals].sort(bySeverity),
    trend,
    milestones: { total: ms.length, done: done.length, doneOnTime, overdue, upcoming, recentlyDone },
    kpis,
    pilots,
    ...(healthCheck ? { healthCheck } : {}),
    openCycles,
    value,
    attention: [],
  };
  report.attention = attentionOf(
    report,
    cycles.map((c) => ({ id: c.id, dimensions: cycleDimensions(c).length })),
    name,
  );
  return report;
}

function valueOf(
  p: Partnership,
  members: readonly string[],
  today: string,
  name: (id: string) => string,
): ReportValue {
  const ledger = (p.ledger ?? []).filter((e) => e.date <= today);
  const currency = mainCurrency(ledger) ?? null;
  if (!currency) {
    return {
      currency: null,
      entries: 0,
      totalContributed: 0,
      totalReceived: 0,
      members: [],
      otherCurrencies: [],
      explanation: ['No ledger entries recorded yet.'],
    };
  }
  const totals = ledgerTotals(ledger, currency, today);
  const others = [...new Set(ledger.map((e) => e.currency))].filter((c) => c !== currency).sort();
  const inMembers = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).filter(([a]) => members.includes(a)));
  const fairness = assessFairness({
    members,
    contributed: inMembers(totals.contributed),
    received: inMembers(totals.received),
  });
  const rows = fairness.members.map((m) => ({
    actor: m.actorId,
    name: name(m.actorId),
    contributed: m.contributed,
    received: m.received,
    ratio: m.ratio,
    flagged: m.flagged,
  }));
  const totalContributed = rows.reduce((s, r) => s + r.contributed, 0);
  const totalReceived = rows.reduce((s, r) => s + r.received, 0);
  return {
    currency,
    entries: totals.entries,
    totalContributed,
    totalReceived,
    members: rows,
    otherCurrencies: others,
    explanation: [
      `${plural(totals.entries, 'ledger entry', 'ledger entries')} in ${currency} (reversed entries left out): ${fmtAmount(totalContributed)} contributed, ${fmtAmount(totalReceived)} received.`,
      ...(others.length ? [`Entries in ${others.join(', ')} are not added to these totals.`] : []),
      ...(fairness.flagged.length
        ? [
            `${fairness.flagged.map(name).join(', ')} receive${fairness.flagged.length === 1 ? 's' : ''} less than half the median benefit per unit contributed.`,
          ]
        : []),
    ],
  };
}

/** "Milestones on time" → "milestones on time"; "KPI progress" stays. */
const lowerFirst = (s: string) => (/^[A-Z]{2}/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

/** 12 400 000 → "12.4M", 270 000 → "270k". */
export function fmtAmount(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `${fmt(n / 1e9, 1)}bn`;
  if (a >= 1e6) return `${fmt(n / 1e6, 1)}M`;
  if (a >= 1e4) return `${fmt(n / 1e3, 0)}k`;
  return fmt(n, 0);
}

function attentionOf(
  p: PartnershipReport,
  cycles: readonly { id: string; dimensions: number }[],
  name: (id: string) => string,
): AttentionItem[] {
  const at = { partnershipId: p.id, partnershipName: p.name };
  const items: AttentionItem[] = [];
  if (p.health.rag !== 'green') {
    const weak = p.health.components
      .filter((c) => c.included)
      .sort((a, b) => a.value! - b.value!)
      .slice(0, 2);
    items.push({
      ...at,
      severity: p.health.rag === 'red' ? 'critical' : 'warning',
      kind: 'health-score',
      title: `Health score ${p.health.score} (${p.health.rag})`,
      evidence: [
        p.health.explanation,
        ...weak.map((c) => `${c.label} ${fmt(c.value!)} of 1: ${c.explanation}`),
      ],
      action: weak.length
        ? `Review ${weak.map((c) => lowerFirst(c.label)).join(' and ')} with the partners at the next steering meeting and agree who acts on each.`
        : 'Nothing is measured yet: agree KPIs and milestones, and run a first health check.',
    });
  }
  for (const s of p.signals) {
    items.push({
      ...at,
      severity: s.severity,
      kind: s.kind,
      title: SIGNAL_LABELS[s.kind],
      evidence: s.evidence,
      since: s.since,
      action: s.action,
    });
  }
  for (const m of p.milestones.overdue) {
    items.push({
      ...at,
      severity: m.daysLate! > OVERDUE_CRITICAL_DAYS ? 'critical' : 'warning',
      kind: 'milestone-overdue',
      title: `Milestone overdue: ${m.name}`,
      evidence: [
        `Due ${m.due}, ${plural(m.daysLate!, 'day')} ago; status ${m.status}; owner ${m.ownerName}.`,
        ...(m.value ? [`Value at this step: ${m.value}`] : []),
      ],
      since: m.due,
      action: `Agree a new date with ${m.ownerName} or re-stage the step onto the next point where every member plans, and say what value it still delivers.`,
    });
  }
  for (const k of p.kpis.filter((x) => x.status === 'off-track')) {
    items.push({
      ...at,
      severity: 'warning',
      kind: 'kpi-off-track',
      title: `KPI off track: ${k.name}`,
      evidence: [
        k.explanation,
        `Progress ${pct(k.progress)} of the way from ${fmt(k.baseline)} to ${fmt(k.target)}${k.unit ? ` ${k.unit}` : ''} by ${k.targetDate}.`,
      ],
      ...(k.latest ? { since: k.latest.date } : {}),
      action:
        'Revisit the plan behind this goal with the members who drive it, or agree a realistic target and date.',
    });
  }
  for (const c of p.openCycles) {
    if (!c.awaiting.length) continue;
    const dims = cycles.find((x) => x.id === c.id)?.dimensions ?? 0;
    items.push({
      ...at,
      severity: 'info',
      kind: 'health-check-open',
      title: `Health check "${c.id}" awaiting answers`,
      evidence: [
        `Opened ${c.opened}; ${c.respondents.length} of ${c.respondents.length + c.awaiting.length} member organizations answered (${plural(dims, 'dimension')}). Awaiting: ${c.awaiting.map(name).join(', ')}.`,
      ],
      since: c.opened,
      action:
        'Remind the members who have not answered; close the cycle when everyone has, so the results and perception gaps become visible.',
    });
  }
  return items.sort(bySeverity);
}
