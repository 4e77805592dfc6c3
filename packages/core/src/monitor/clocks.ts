/**
 * Clock alignment (seed 002, "Align the clocks"): "biotechs live in quarters,
 * hospitals in annual budget cycles, and governments in multi-year policy
 * windows. Breaking execution into staged milestones with clear value at each
 * step helps synchronize these clocks."
 *
 * Model, in whole months. A member's clock (cadence + fiscal-year start, month
 * 1–12, default January) divides time into planning periods:
 * - quarterly: a period starts at each fiscal quarter (fiscal-year start + 0, 3, 6, 9 months);
 * - semiannual: at the fiscal-year start and six months later;
 * - annual: at the fiscal-year start;
 * - multiyear: every `cycleYears` (default 3) years at the fiscal-year start;
 *   the document's clock has no anchor year, so by default cycles begin in
 *   years divisible by the cycle length (2025, 2028, …; `anchorYear` moves them).
 * A member plans (and takes the decisions a period needs) in its planning
 * window: the PLANNING_WINDOW_MONTHS months just before a period starts — one
 * month for quarterly, two for semiannual, three for an annual budget, six for
 * a multi-year policy window. A sync point is a month in which every member
 * (with a clock) is in a planning window; members without a clock never
 * constrain one.
 */
import type { ClockCadence } from '../model/document.ts';
import { monthIndex, monthLabel, monthName, monthTitle, type DateInput } from './dates.ts';
import { plural } from './format.ts';
import type { Milestone } from './schema.ts';

/** A planning clock: the document's actor clock, plus the multi-year cycle's length and anchor when known. */
export interface PlanningClock {
  cadence: ClockCadence;
  /** Month 1–12 the fiscal year starts (default 1, January). */
  fiscalYearStart?: number | undefined;
  /** Multi-year only: years per cycle (default MULTIYEAR_CYCLE_YEARS). */
  cycleYears?: number | undefined;
  /** Multi-year only: a year in which a cycle starts (default: a year divisible by cycleYears). */
  anchorYear?: number | undefined;
}

/** A member and its clock (none = unknown, never constrains). */
export interface MemberClock {
  actor: string;
  name?: string | undefined;
  clock?: PlanningClock | undefined;
}

/** How many months before a period starts its planning window opens. */
export const PLANNING_WINDOW_MONTHS: Readonly<Record<ClockCadence, number>> = {
  quarterly: 1,
  semiannual: 2,
  annual: 3,
  multiyear: 6,
};

/** Default length of a multi-year policy cycle, in years. */
export const MULTIYEAR_CYCLE_YEARS = 3;

/** The longest range the calendar functions step through, in months (50 years). */
export const MAX_CALENDAR_MONTHS = 600;

/** Months between period starts. */
export function periodMonths(clock: PlanningClock): number {
  switch (clock.cadence) {
    case 'quarterly':
      return 3;
    case 'semiannual':
      return 6;
    case 'annual':
      return 12;
    case 'multiyear':
      return 12 * Math.max(1, Math.round(clock.cycleYears ?? MULTIYEAR_CYCLE_YEARS));
  }
}

/** Month index of some period start (all others are this plus multiples of periodMonths). */
function anchor(clock: PlanningClock): number {
  const fys = (clock.fiscalYearStart ?? 1) - 1;
  return clock.cadence === 'multiyear' ? (clock.anchorYear ?? 0) * 12 + fys : fys;
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** One planning window: the months `start`..`end` (inclusive) before the period starting `periodStart`. */
export interface PlanningWindow {
  start: string;
  end: string;
  periodStart: string;
  /** The period planned, e.g. "FY2026 Q2", "FY2026 H1", "FY2026", "FY2026–FY2028". */
  period: string;
}

function fiscalYearOf(clock: PlanningClock, m: number): number {
  const fyStart = m - mod(m - ((clock.fiscalYearStart ?? 1) - 1), 12);
  return Math.floor((fyStart + 11) / 12); // named by the calendar year it ends in
}

function periodLabel(clock: PlanningClock, ps: number): string {
  const fy = fiscalYearOf(clock, ps);
  const intoYear = mod(ps - ((clock.fiscalYearStart ?? 1) - 1), 12);
  switch (clock.cadence) {
    case 'quarterly':
      return `FY${fy} Q${intoYear / 3 + 1}`;
    case 'semiannual':
      return `FY${fy} H${intoYear / 6 + 1}`;
    case 'annual':
      return `FY${fy}`;
    case 'multiyear':
      return `FY${fy}–FY${fy + periodMonths(clock) / 12 - 1}`;
  }
}

function windowFor(clock: PlanningClock, ps: number): PlanningWindow {
  const w = PLANNING_WINDOW_MONTHS[clock.cadence];
  return {
    start: monthLabel(ps - w),
    end: monthLabel(ps - 1),
    periodStart: monthLabel(ps),
    period: periodLabel(clock, ps),
  };
}

/** Whether month index `m` lies in one of the clock's planning windows. */
export function isPlanningMonth(clock: PlanningClock, m: number): boolean {
  const p = periodMonths(clock);
  const w = Math.min(PLANNING_WINDOW_MONTHS[clock.cadence], p);
  // m is in a window when the next period start is 1..w months ahead.
  const ahead = mod(anchor(clock) - m, p) || p;
  return ahead <= w;
}

function range(from: DateInput, to: DateInput): [number, number] {
  const a = monthIndex(from);
  const b = monthIndex(to);
  if (b < a) throw new RangeError(`the range ends (${monthLabel(b)}) before it starts (${monthLabel(a)})`);
  if (b - a + 1 > MAX_CALENDAR_MONTHS)
    throw new RangeError(`the range spans ${b - a + 1} months; at most ${MAX_CALENDAR_MONTHS} are allowed`);
  return [a, b];
}

/** The clock's planning windows that overlap the months `from`..`to` (dates or YYYY-MM), in order. */
export function planningWindows(clock: PlanningClock, from: DateInput, to: DateInput): PlanningWindow[] {
  const [a, b] = range(from, to);
  const p = periodMonths(clock);
  const w = PLANNING_WINDOW_MONTHS[clock.cadence];
  const out: PlanningWindow[] = [];
  // First period start whose window (ps-w .. ps-1) ends at or after a.
  let ps = a + 1 + mod(anchor(clock) - (a + 1), p);
  for (; ps - w <= b; ps += p) out.push(windowFor(clock, ps));
  return out;
}

/** The window containing month `m`, or the nearest one before / after it. */
function nearestWindows(clock: PlanningClock, m: number): { previous: PlanningWindow; next: PlanningWindow } {
  const p = periodMonths(clock);
  const nextStart = m + (mod(anchor(clock) - m, p) || p); // first period start after m
  const w = PLANNING_WINDOW_MONTHS[clock.cadence];
  const next = nextStart - w > m ? nextStart : nextStart + p;
  const previous = next - p - w <= m && next - p - 1 >= m ? next - 2 * p : next - p;
  return { previous: windowFor(clock, previous), next: windowFor(clock, next) };
}

/** Describes a clock in words, e.g. "plans annually (window October–December before its fiscal year starting in January)". */
export function describeClock(clock: PlanningClock): string {
  const fys = clock.fiscalYearStart ?? 1;
  const w = PLANNING_WINDOW_MONTHS[clock.cadence];
  const win = w === 1 ? 'the month' : `the ${w} months`;
  switch (clock.cadence) {
    case 'quarterly':
      return `plans quarterly (in ${win} before each fiscal quarter; fiscal year starts in ${monthName(fys)})`;
    case 'semiannual':
      return `plans half-yearly (in ${win} before each half; fiscal year starts in ${monthName(fys)})`;
    case 'annual':
      return `plans annually (budget window ${monthName(fys - w)}–${monthName(fys - 1)}, before its fiscal year starting in ${monthName(fys)})`;
    case 'multiyear':
      return `plans in ${periodMonths(clock) / 12}-year policy cycles (in ${win} before a cycle starts in ${monthName(fys)})`;
  }
}

/** One month of the partnership's planning calendar: who plans then, who does not. */
export interface CalendarMonth {
  month: string;
  planning: string[];
  missing: string[];
}

/** Who plans in each month `from`..`to`. Members without a clock appear in neither list. */
export function planningCalendar(
  clocks: readonly MemberClock[],
  from: DateInput,
  to: DateInput,
): CalendarMonth[] {
  const [a, b] = range(from, to);
  const timed = clocks.filter((c) => c.clock);
  const out: CalendarMonth[] = [];
  for (let m = a; m <= b; m++) {
    const planning: string[] = [];
    const missing: string[] = [];
    for (const c of timed) (isPlanningMonth(c.clock!, m) ? planning : missing).push(c.actor);
    out.push({ month: monthLabel(m), planning, missing });
  }
  return out;
}

export interface SyncPoints {
  /** True when the points are months in which every member with a clock plans. */
  all: boolean;
  /** Sync points; when `all` is false, the months in which the most members plan, with who is missing. */
  points: CalendarMonth[];
  /** Members without a clock (they constrain nothing). */
  unconstrained: string[];
  explanation: string;
}

/**
 * Months `from`..`to` in which all members plan at once. When there is none,
 * falls back to the months in which the most members plan, naming who is missing.
 */
export function syncPoints(clocks: readonly MemberClock[], from: DateInput, to: DateInput): SyncPoints {
  const calendar = planningCalendar(clocks, from, to);
  const unconstrained = clocks.filter((c) => !c.clock).map((c) => c.actor);
  const timed = clocks.length - unconstrained.length;
  const note = unconstrained.length
    ? ` (${unconstrained.join(', ')} ha${unconstrained.length === 1 ? 's' : 've'} no clock and constrain${unconstrained.length === 1 ? 's' : ''} nothing)`
    : '';
  if (timed === 0) {
    return {
      all: true,
      points: calendar,
      unconstrained,
      explanation: `No member has a planning clock, so every month is a sync point${note}.`,
    };
  }
  const full = calendar.filter((c) => c.missing.length === 0);
  if (full.length) {
    return {
      all: true,
      points: full,
      unconstrained,
      explanation: `${plural(full.length, 'month')} in which all ${plural(timed, 'member')} with a clock plan at once${note}.`,
    };
  }
  const best = Math.max(...calendar.map((c) => c.planning.length));
  const points = best > 0 ? calendar.filter((c) => c.planning.length === best) : [];
  return {
    all: false,
    points,
    unconstrained,
    explanation: `No month in this range in which all ${plural(timed, 'member')} plan at once; at best ${best} of ${timed} do${note}.`,
  };
}

/** A milestone that needs a member's decision outside that member's planning window. */
export interface ClockWarning {
  milestone: string;
  actor: string;
  due: string;
  cadence: ClockCadence;
  previousWindow: PlanningWindow;
  nextWindow: PlanningWindow;
  message: string;
}

const open = (m: Pick<Milestone, 'status'>) => m.status !== 'done' && m.status !== 'cancelled';
const windowText = (w: PlanningWindow) =>
  w.start === w.end
    ? monthTitle(monthIndex(w.start))
    : `${monthTitle(monthIndex(w.start))}–${monthTitle(monthIndex(w.end))}`;

/**
 * For each open milestone with `decisionBy`, each decider (with a clock) whose
 * planning windows do not contain the milestone's due month: a warning with
 * the window before and after the due date.
 */
export function milestoneClockWarnings(
  milestones: readonly Milestone[],
  clocks: readonly MemberClock[],
): ClockWarning[] {
  const byActor = new Map(clocks.map((c) => [c.actor, c]));
  const out: ClockWarning[] = [];
  for (const ms of milestones) {
    if (!open(ms)) continue;
    const m = monthIndex(ms.due);
    for (const actor of ms.decisionBy ?? []) {
      const member = byActor.get(actor);
      const clock = member?.clock;
      if (!clock || isPlanningMonth(clock, m)) continue;
      const { previous, next } = nearestWindows(clock, m);
      const who = member.name ?? actor;
      out.push({
        milestone: ms.id,
        actor,
        due: ms.due,
        cadence: clock.cadence,
        previousWindow: previous,
        nextWindow: next,
        message:
          `"${ms.name}" is due ${ms.due} and needs a decision from ${who}, which ${describeClock(clock)}. ` +
          `${monthTitle(m)} is outside its planning window: bring the decision into its window of ${windowText(previous)} (planning ${previous.period}), ` +
          `or move the milestone after its next window, ${windowText(next)}. Align the clocks: make the trade-off explicit early.`,
      });
    }
  }
  return out;
}

/** Where a milestone could be staged: the nearest sync point at or before its due month. */
export interface StagingSuggestion {
  milestone: string;
  due: string;
  /** The month to stage the milestone (and its decisions) on, YYYY-MM. */
  suggestedMonth: string;
  /** How many months earlier than the due month (0 = already on a sync point). */
  monthsEarlier: number;
  /** all = every relevant member plans then; most = the best month available; none = no clock constrains it. */
  basis: 'all' | 'most' | 'none';
  planning: string[];
  missing: string[];
  explanation: string;
}

/**
 * Suggests staging each open milestone on the nearest sync point at or before
 * its due month, looking back at most `lookbackMonths` (default 36) and not
 * before `from`. The members that matter are the milestone's `decisionBy`, or
 * every member when it names none. With no such month, the latest month where
 * the most of them plan is suggested, naming who is missing.
 */
export function suggestStaging(
  milestones: readonly Milestone[],
  clocks: readonly MemberClock[],
  options: { from?: DateInput; lookbackMonths?: number } = {},
): StagingSuggestion[] {
  const lookback = Math.max(0, Math.floor(options.lookbackMonths ?? 36));
  const floor = options.from !== undefined ? monthIndex(options.from) : -Infinity;
  const out: StagingSuggestion[] = [];
  const suggested = new Map<string, number>();
  for (const ms of milestones) {
    if (!open(ms)) continue;
    const due = monthIndex(ms.due);
    const relevant = ms.decisionBy?.length ? clocks.filter((c) => ms.decisionBy!.includes(c.actor)) : clocks;
    const timed = relevant.filter((c) => c.clock);
    const whose = ms.decisionBy?.length
      ? `the deciders (${relevant.map((c) => c.name ?? c.actor).join(', ')})`
      : 'all members';
    if (!timed.length) {
      out.push({
        milestone: ms.id,
        due: ms.due,
        suggestedMonth: monthLabel(due),
        monthsEarlier: 0,
        basis: 'none',
        planning: [],
        missing: [],
        explanation: `No planning clock is known for ${whose}; keep "${ms.name}" on its due date.`,
      });
      suggested.set(ms.id, due);
      continue;
    }
    const earliest = Math.max(due - lookback, floor);
    let best: { m: number; planning: string[]; missing: string[] } | undefined;
    for (let m = due; m >= earliest; m--) {
      const planning = timed.filter((c) => isPlanningMonth(c.clock!, m)).map((c) => c.actor);
      if (!best || planning.length > best.planning.length) {
        best = { m, planning, missing: timed.filter((c) => !planning.includes(c.actor)).map((c) => c.actor) };
      }
      if (planning.length === timed.length) break;
    }
    if (!best) best = { m: due, planning: [], missing: timed.map((c) => c.actor) };
    const basis = best.missing.length === 0 ? 'all' : 'most';
    const earlier = due - best.m;
    const when =
      earlier === 0
        ? `its due month ${monthTitle(due)} already is one`
        : `${monthTitle(best.m)}, ${plural(earlier, 'month')} before its due date ${ms.due}`;
    let explanation =
      basis === 'all'
        ? `Stage "${ms.name}" on the nearest sync point of ${whose}: ${when}, when they all plan at once.`
        : `No month from ${monthTitle(earliest)} to ${monthTitle(due)} in which ${whose} all plan; the nearest best is ${monthTitle(best.m)} (${best.planning.length} of ${timed.length} plan; missing: ${best.missing.join(', ')}). Agree with them how their decision is taken outside their window.`;
    const laterDeps = (ms.dependsOn ?? []).filter((d) => (suggested.get(d) ?? -Infinity) > best.m);
    if (laterDeps.length)
      explanation += ` Note: it depends on ${laterDeps.join(', ')}, staged later; review the order.`;
    suggested.set(ms.id, best.m);
    out.push({
      milestone: ms.id,
      due: ms.due,
      suggestedMonth: monthLabel(best.m),
      monthsEarlier: earlier,
      basis,
      planning: best.planning,
      missing: best.missing,
      explanation,
    });
  }
  return out;
}
