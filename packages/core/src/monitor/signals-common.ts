/**
 * What every vitality signal shares: the signal's shape, the inputs, the
 * thresholds (SIGNAL_THRESHOLDS, all in one place) and the 90-day windows.
 * The signals themselves are in signals.ts and signals-balance.ts.
 */
import { addDays, dayNumber, toIsoDate, type DateInput } from './dates.ts';
import type { PerceptionGap } from './health-check.ts';
import type { KpiStatus } from './kpi.ts';
import type { MilestoneStatus } from './schema.ts';

export const SIGNAL_KINDS = [
  'rising-disputes',
  'innovation-slowdown',
  'fragmentation',
  'information-hoarding',
  'contribution-imbalance',
  'decision-gridlock',
  'dependency',
  'defection-risk',
  'loss-of-direction',
  'perception-gap',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];
export type SignalSeverity = 'info' | 'warning' | 'critical';

export interface Signal {
  kind: SignalKind;
  severity: SignalSeverity;
  /** What was observed, one fact per line, with the numbers. */
  evidence: string[];
  /** ISO date the condition has held since. */
  since: string;
  /** What to do about it, in the seeds' words. */
  action: string;
  /** Member organizations the signal is about, when it is about some. */
  actors?: string[];
}

/** Every threshold the signals use. */
export const SIGNAL_THRESHOLDS = {
  /** Length of the "recent" window (and of each earlier one), in days. */
  windowDays: 90,
  disputes: { minRecent: 2, criticalRecent: 4 },
  innovation: { quarters: 4, minPreviousPerQuarter: 2, dropWarning: 0.5, dropCritical: 0.8 },
  fragmentation: { modularityRise: 0.05, modularityRiseCritical: 0.15, isolatedShareCritical: 0.5 },
  /** A member's share below this fraction of the other members' mean share is "far below"; only with at least minTotal items. */
  hoarding: { shareOfOthers: 0.25, minTotal: 10 },
  /** Benefit share / contribution share below `ratio` (or above 1/ratio) is an imbalance; without benefits, a contribution share below `evenShare` × 1/n. */
  imbalance: { ratio: 0.5, ratioCritical: 0.25, evenShare: 0.5 },
  gridlock: { warningCount: 2, criticalCount: 5 },
  /** Share of contributions or capability coverage held by one member. */
  dependency: { shareWarning: 0.6, shareCritical: 0.8 },
  defection: {
    ratio: 0.5,
    ratioCritical: 0.25,
    activityDrop: 0.5,
    activityDropCritical: 0.75,
    minPreviousActivity: 2,
  },
  direction: { kpiOffTrackShare: 0.5, milestonesSlippingShare: 0.3, minSlipping: 2 },
  perceptionGap: { warning: 1.5, critical: 2.5 },
} as const;

/** An activity or shared item by a member organization on a date. */
export interface DatedActor {
  actor: string;
  date: string;
}

/** A ledger entry: something a member put in or took out, valued. */
export interface SignalLedgerEntry {
  kind: 'contribution' | 'benefit';
  actor: string;
  value: number;
  date: string;
}

export interface SignalInputs {
  /** Member organization ids. */
  members: readonly string[];
  /** Display names by actor id, for the evidence. */
  names?: Readonly<Record<string, string>>;
  disputes?: readonly { opened: string; status?: string; formal?: boolean }[];
  /** Dates of new pilots, ideas and lessons. */
  innovation?: { pilots?: readonly string[]; ideas?: readonly string[]; lessons?: readonly string[] };
  fragmentation?: {
    /** Members with no tie to any other member in the map. */
    isolated?: readonly string[];
    /** Groups of members with ties inside but none between (from the map), when more than one. */
    groups?: readonly (readonly string[])[];
    /** Modularity of the ecosystem map per snapshot. */
    modularity?: readonly { date: string; value: number }[];
  };
  activity?: readonly DatedActor[];
  sharedItems?: readonly DatedActor[];
  ledger?: readonly SignalLedgerEntry[];
  decisions?: readonly { status: string; deadline?: string; opened?: string; decided?: string }[];
  /** Capabilities per member (from the map). */
  capabilities?: Readonly<Record<string, readonly string[]>>;
  kpis?: readonly { id: string; name: string; status: KpiStatus }[];
  milestones?: readonly {
    id: string;
    name: string;
    due: string;
    status: MilestoneStatus;
    completed?: string | undefined;
  }[];
  /** Closed health-check cycles, oldest first, with their perception gaps. */
  healthChecks?: readonly { cycle: string; closed: string; gaps: readonly PerceptionGap[] }[];
}

/** Context every signal function receives. */
export interface SignalContext {
  today: number;
  now: string;
  name: (id: string) => string;
}

/** Builds the context: today's day number and ISO date, and display names. */
export function signalContext(inputs: Pick<SignalInputs, 'names'>, now: DateInput): SignalContext {
  const iso = toIsoDate(now);
  return { today: dayNumber(iso), now: iso, name: (id) => inputs.names?.[id] ?? id };
}

const W = SIGNAL_THRESHOLDS.windowDays;
/** Index of the 90-day window a day falls in: 0 = recent, 1 = previous, … (−1 = after now). */
export const windowOf = (ctx: SignalContext, day: number): number =>
  day > ctx.today ? -1 : Math.floor((ctx.today - day) / W);
/** First day of window k. */
export const windowStart = (ctx: SignalContext, k: number): string => addDays(ctx.now, -(k + 1) * W + 1);

/** The earliest of some ISO dates, or `fallback` when it is earlier or there are none. */
export const sinceMin = (dates: readonly string[], fallback: string): string =>
  dates.reduce((a, d) => (d < a ? d : a), fallback);
