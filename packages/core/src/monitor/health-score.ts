/**
 * The partnership health score: 0–100 with red / amber / green, a weighted mean
 * of seven components, each a value from 0 (bad) to 1 (good) that says how it
 * was computed. A component without data is left out and the remaining weights
 * are scaled up to sum to 1 (each explanation says so), so a partnership is
 * never scored on what nobody measured. With no data at all the score is a
 * neutral 50 (amber: nothing is measured yet, which itself needs attention).
 *
 * Inputs are plain numbers and lists, so the document (from-document.ts) and
 * the store can both feed it.
 */
import { dayNumber, toIsoDate, type DateInput } from './dates.ts';
import { clamp, fmt, mean, median, pct, plural } from './format.ts';
import type { KpiStatus } from './kpi.ts';
import type { MilestoneStatus } from './schema.ts';

/** Component weights (they sum to 1). Shown with every score. */
export const HEALTH_SCORE_WEIGHTS = {
  /** KPIs on track (1), at risk (0.5), off track (0); mean over KPIs with data. */
  kpiProgress: 0.25,
  /** Share of due milestones done on time. */
  milestonesOnTime: 0.15,
  /** Latest closed health check's mean, 1–5 mapped to 0–1. */
  healthCheck: 0.2,
  /** Evenness of contributions across members: 1 − normalized Herfindahl index. */
  contributionBalance: 0.1,
  /** Activity per member organization over the last 90 days, against ENGAGED_ACTIVITY. */
  engagement: 0.1,
  /** Open disputes: none = 1, each takes a third off. */
  disputes: 0.1,
  /** Median days from a decision being opened to it being taken. */
  decisionLatency: 0.1,
} as const;
export type HealthComponentName = keyof typeof HEALTH_SCORE_WEIGHTS;

/** The rules that turn inputs into component values, and the red/amber/green bands. */
export const HEALTH_SCORE_RULES = {
  /** Score ≥ 70 is green, ≥ 50 amber, below red. */
  green: 70,
  amber: 50,
  /** Score when no component has data. */
  noData: 50,
  /** Activities per member organization in 90 days that count as fully engaged (about one a month). */
  engagedActivity: 3,
  /** Open disputes at which the disputes component reaches 0. */
  disputesForZero: 3,
  /** Median decision latency (days) that still scores 1, and the one that scores 0 (linear between). */
  latencyGoodDays: 14,
  latencyBadDays: 60,
  /** Value of each KPI status. */
  kpiStatusValue: { 'on-track': 1, 'at-risk': 0.5, 'off-track': 0 } as Record<
    Exclude<KpiStatus, 'no-data'>,
    number
  >,
} as const;

export type Rag = 'green' | 'amber' | 'red';

export interface HealthScoreInputs {
  /** Member organization ids (for engagement and balance: members without entries count as 0). */
  members?: readonly string[];
  /** Display names by actor id, for the explanations. */
  names?: Readonly<Record<string, string>>;
  kpiStatuses?: readonly KpiStatus[];
  milestones?: readonly { due: string; status: MilestoneStatus; completed?: string | undefined }[];
  /** Overall means (1–5) of closed health-check cycles, oldest first; the latest is scored. */
  healthCheckMeans?: readonly number[];
  /** Contributions per member (any non-negative amounts; only the shares matter). */
  contributions?: Readonly<Record<string, number>>;
  /** Activities per member organization over the last 90 days. */
  activity?: Readonly<Record<string, number>>;
  openDisputes?: number;
  /** Days from a decision being opened to being taken, for decisions taken. */
  decisionLatencies?: readonly number[];
}

export interface HealthComponent {
  name: HealthComponentName;
  label: string;
  /** The documented weight. */
  weight: number;
  /** The weight after leaving out components without data (0 when left out). */
  effectiveWeight: number;
  /** 0 (bad) to 1 (good); null without data. */
  value: number | null;
  /** Points of the 100 this component adds: effectiveWeight × value × 100. */
  contribution: number;
  included: boolean;
  explanation: string;
}

export interface HealthScore {
  score: number;
  rag: Rag;
  components: HealthComponent[];
  explanation: string;
}

const LABELS: Record<HealthComponentName, string> = {
  kpiProgress: 'KPI progress',
  milestonesOnTime: 'Milestones on time',
  healthCheck: 'Health-check mean',
  contributionBalance: 'Contribution balance',
  engagement: 'Engagement',
  disputes: 'Open disputes',
  decisionLatency: 'Decision latency',
};

type Part = { value: number | null; explanation: string };

/** Herfindahl–Hirschman index of non-negative amounts: the sum of squared shares (1/n when even, 1 when one holds all). */
export function herfindahl(amounts: readonly number[]): number {
  const total = amounts.reduce((s, a) => s + Math.max(0, a), 0);
  if (total <= 0) return 0;
  return amounts.reduce((s, a) => s + (Math.max(0, a) / total) ** 2, 0);
}

function kpiPart(statuses: readonly KpiStatus[] | undefined): Part {
  const known = (statuses ?? []).filter((s): s is Exclude<KpiStatus, 'no-data'> => s !== 'no-data');
  if (!known.length)
    return {
      value: null,
      explanation: statuses?.length ? 'No KPI has measurements yet.' : 'No KPIs defined.',
    };
  const count = (s: KpiStatus) => known.filter((k) => k === s).length;
  const value = mean(known.map((s) => HEALTH_SCORE_RULES.kpiStatusValue[s]));
  return {
    value,
    explanation: `${count('on-track')} on track, ${count('at-risk')} at risk, ${count('off-track')} off track of ${plural(known.length, 'KPI')} with data (on track = 1, at risk = 0.5, off track = 0; mean ${fmt(value)}).`,
  };
}

/** Milestones counted on time / late on `today` (day number): cancelled and not-yet-due open ones are left out. */
export function countMilestonesOnTime(
  ms: readonly { due: string; status: MilestoneStatus; completed?: string | undefined }[] | undefined,
  today: number,
): { onTime: number; late: number; assumed: number } {
  let onTime = 0;
  let late = 0;
  let assumed = 0;
  for (const m of ms ?? []) {
    if (m.status === 'cancelled') continue;
    if (m.status === 'done') {
      if (m.completed === undefined) {
        onTime++;
        assumed++;
      } else if (dayNumber(m.completed) <= dayNumber(m.due)) onTime++;
      else late++;
    } else if (m.status === 'slipped' || dayNumber(m.due) < today) late++;
  }
  return { onTime, late, assumed };
}

/** The rule, in words, for the explanations. */
export const MILESTONE_ON_TIME_RULE =
  'late = slipped, done after the due date, or past due and not done; a milestone done without a completion date counts as on time';

function milestonePart(ms: HealthScoreInputs['milestones'], today: number): Part {
  const { onTime, late, assumed } = countMilestonesOnTime(ms, today);
  const n = onTime + late;
  if (!n)
    return {
      value: null,
      explanation: ms?.length ? 'No milestone is due or done yet.' : 'No milestones defined.',
    };
  return {
    value: onTime / n,
    explanation:
      `${onTime} of ${plural(n, 'due or done milestone')} on time (${pct(onTime / n)}); late = slipped, done after the due date, or past due and not done.` +
      (assumed ? ` ${assumed} done without a completion date counted as on time.` : ''),
  };
}

function healthCheckPart(means: readonly number[] | undefined): Part {
  const last = means?.at(-1);
  if (last === undefined) return { value: null, explanation: 'No closed health-check cycle yet.' };
  const prev = means!.at(-2);
  const value = clamp((last - 1) / 4);
  return {
    value,
    explanation: `Latest closed health check: mean ${fmt(last)} of 5 (1 → 0, 5 → 1)${prev !== undefined ? `; previous ${fmt(prev)}` : ''}.`,
  };
}

function memberAmounts(
  members: readonly string[] | undefined,
  amounts: Readonly<Record<string, number>>,
): [string, number][] {
  const ids = members?.length ? [...members] : Object.keys(amounts);
  return ids.map((id) => [id, Math.max(0, amounts[id] ?? 0)]);
}

function balancePart(
  members: readonly string[] | undefined,
  contributions: HealthScoreInputs['contributions'],
  name: (id: string) => string,
): Part {
  if (!contributions) return { value: null, explanation: 'No ledger of contributions.' };
  const rows = memberAmounts(members, contributions);
  const total = rows.reduce((s, [, a]) => s + a, 0);
  if (rows.length < 2) return { value: null, explanation: 'Balance needs at least two members.' };
  if (total <= 0) return { value: null, explanation: 'No contributions recorded yet.' };
  const n = rows.length;
  const hhi = herfindahl(rows.map(([, a]) => a));
  const value = clamp(1 - (hhi - 1 / n) / (1 - 1 / n));
  const shares = rows.map(([id, a]) => `${name(id)} ${pct(a / total)}`).join(', ');
  return {
    value,
    explanation: `Contribution shares: ${shares}. Herfindahl index ${fmt(hhi, 3)} (even = ${fmt(1 / n, 3)}, one member = 1); balance = 1 − normalized index = ${fmt(value)}.`,
  };
}

function engagementPart(
  members: readonly string[] | undefined,
  activity: HealthScoreInputs['activity'],
  name: (id: string) => string,
): Part {
  if (!activity) return { value: null, explanation: 'No activity recorded.' };
  const rows = memberAmounts(members, activity);
  if (!rows.length) return { value: null, explanation: 'No member organizations.' };
  const full = HEALTH_SCORE_RULES.engagedActivity;
  const value = mean(rows.map(([, a]) => Math.min(1, a / full)));
  const quiet = rows.filter(([, a]) => a === 0).map(([id]) => id);
  return {
    value,
    explanation:
      `Activities in the last 90 days: ${rows.map(([id, a]) => `${name(id)} ${a}`).join(', ')}; ${full} or more per member counts as fully engaged (mean ${fmt(value)}).` +
      (quiet.length ? ` No activity from ${quiet.map(name).join(', ')}.` : ''),
  };
}

function disputesPart(open: number | undefined): Part {
  if (open === undefined) return { value: null, explanation: 'No dispute log.' };
  const n = Math.max(0, Math.floor(open));
  const value = clamp(1 - n / HEALTH_SCORE_RULES.disputesForZero);
  return {
    value,
    explanation: `${plural(n, 'open dispute')}; none scores 1, ${HEALTH_SCORE_RULES.disputesForZero} or more score 0.`,
  };
}

function latencyPart(latencies: readonly number[] | undefined): Part {
  const xs = (latencies ?? []).filter((x) => Number.isFinite(x) && x >= 0);
  if (!xs.length) return { value: null, explanation: 'No decisions taken yet.' };
  const { latencyGoodDays: good, latencyBadDays: bad } = HEALTH_SCORE_RULES;
  const d = median(xs);
  const value = clamp((bad - d) / (bad - good));
  return {
    value,
    explanation: `Median ${fmt(d, 1)} days from opening a decision to taking it, over ${plural(xs.length, 'decision')} (≤ ${good} days = 1, ≥ ${bad} days = 0).`,
  };
}

/** Red / amber / green band of a score (HEALTH_SCORE_RULES). */
export function ragOf(score: number): Rag {
  return score >= HEALTH_SCORE_RULES.green ? 'green' : score >= HEALTH_SCORE_RULES.amber ? 'amber' : 'red';
}

/** The health score on `now`: weighted mean of the components with data, each explained. */
export function healthScore(inputs: HealthScoreInputs, now: DateInput): HealthScore {
  const today = dayNumber(toIsoDate(now));
  const name = (id: string) => inputs.names?.[id] ?? id;
  const parts: Record<HealthComponentName, Part> = {
    kpiProgress: kpiPart(inputs.kpiStatuses),
    milestonesOnTime: milestonePart(inputs.milestones, today),
    healthCheck: healthCheckPart(inputs.healthCheckMeans),
    contributionBalance: balancePart(inputs.members, inputs.contributions, name),
    engagement: engagementPart(inputs.members, inputs.activity, name),
    disputes: disputesPart(inputs.openDisputes),
    decisionLatency: latencyPart(inputs.decisionLatencies),
  };
  const names = Object.keys(HEALTH_SCORE_WEIGHTS) as HealthComponentName[];
  const included = names.filter((n) => parts[n].value !== null);
  const totalWeight = included.reduce((s, n) => s + HEALTH_SCORE_WEIGHTS[n], 0);
  const scaled = included.length < names.length;
  const components: HealthComponent[] = names.map((name) => {
    const part = parts[name];
    const weight = HEALTH_SCORE_WEIGHTS[name];
    if (part.value === null) {
      return {
        name,
        label: LABELS[name],
        weight,
        effectiveWeight: 0,
        value: null,
        contribution: 0,
        included: false,
        explanation: `${part.explanation} Left out of the score.`,
      };
    }
    const effectiveWeight = weight / totalWeight;
    const value = clamp(part.value);
    return {
      name,
      label: LABELS[name],
      weight,
      effectiveWeight,
      value,
      contribution: Math.round(effectiveWeight * value * 1000) / 10,
      included: true,
      explanation:
        part.explanation +
        (scaled
          ? ` Weight ${fmt(weight)} scaled to ${fmt(effectiveWeight, 3)} because components without data are left out.`
          : ` Weight ${fmt(weight)}.`),
    };
  });
  if (!included.length) {
    const score = HEALTH_SCORE_RULES.noData;
    return {
      score,
      rag: ragOf(score),
      components,
      explanation: `Nothing is measured yet (no KPIs with data, milestones due, health checks, ledger, activity, disputes or decisions), so the score is a neutral ${score}: start monitoring.`,
    };
  }
  const raw =
    included.reduce((s, n) => s + (HEALTH_SCORE_WEIGHTS[n] / totalWeight) * clamp(parts[n].value!), 0) * 100;
  const score = Math.round(clamp(raw, 0, 100));
  const rag = ragOf(score);
  const weakest = components.filter((c) => c.included).sort((a, b) => a.value! - b.value!)[0]!;
  return {
    score,
    rag,
    components,
    explanation:
      `Score ${score} (${rag}: green ≥ ${HEALTH_SCORE_RULES.green}, amber ≥ ${HEALTH_SCORE_RULES.amber}) = weighted mean of ${included.length} of ${names.length} components × 100` +
      (scaled ? `, weights scaled to sum to 1 over the components with data` : '') +
      `. Weakest: ${weakest.label} (${fmt(weakest.value!)}).`,
  };
}
