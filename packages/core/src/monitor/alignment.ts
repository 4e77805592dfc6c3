/**
 * A partnership's clock alignment in one answer (seed 002, "Align the
 * clocks"): for the months a roadmap shows, each member's planning windows
 * (drawn as bands), the sync points where every member plans at once, the
 * milestones that need a member's decision outside its window, and a
 * suggested staging of the open milestones onto sync points. Built from the
 * functions of clocks.ts; this module only chooses the range and gathers the
 * parts with the rule that produced them.
 */
import { dayNumber, monthIndex, monthLabel, toIsoDate, type DateInput } from './dates.ts';
import { plural } from './format.ts';
import {
  describeClock,
  MAX_CALENDAR_MONTHS,
  milestoneClockWarnings,
  planningCalendar,
  planningWindows,
  PLANNING_WINDOW_MONTHS,
  suggestStaging,
  syncPoints,
  type CalendarMonth,
  type ClockWarning,
  type MemberClock,
  type PlanningClock,
  type PlanningWindow,
  type StagingSuggestion,
  type SyncPoints,
} from './clocks.ts';
import type { Milestone } from './schema.ts';

/** How far a roadmap reaches around today and around its milestones, in months. */
export const ROADMAP_RANGE = {
  /** Months shown before today (or before the earliest milestone, when earlier). */
  before: 3,
  /** Months shown after today at least. */
  after: 12,
  /** Months shown after the latest milestone's due month. */
  afterLastMilestone: 2,
} as const;

/**
 * The months a roadmap shows: from ROADMAP_RANGE.before months before the
 * earlier of today and the first milestone due, to the later of
 * ROADMAP_RANGE.after months after today and ROADMAP_RANGE.afterLastMilestone
 * months after the last one; at most MAX_CALENDAR_MONTHS months (the end is
 * cut, keeping today in view).
 */
export function roadmapRange(
  milestones: readonly Pick<Milestone, 'due'>[],
  today: DateInput,
): { from: string; to: string } {
  const now = monthIndex(today);
  const dues = milestones.map((m) => monthIndex(m.due));
  let from = Math.min(now, ...dues) - ROADMAP_RANGE.before;
  let to = Math.max(now + ROADMAP_RANGE.after, ...dues.map((d) => d + ROADMAP_RANGE.afterLastMilestone));
  if (to - from + 1 > MAX_CALENDAR_MONTHS) {
    from = Math.max(from, now - Math.floor(MAX_CALENDAR_MONTHS / 4));
    to = from + MAX_CALENDAR_MONTHS - 1;
  }
  return { from: monthLabel(from), to: monthLabel(to) };
}

export interface MemberAlignment {
  actor: string;
  name?: string | undefined;
  clock?: PlanningClock | undefined;
  /** The clock in words, or null when the member has none (it constrains nothing). */
  description: string | null;
  /** Its planning windows overlapping the range: the bands of the roadmap. */
  windows: PlanningWindow[];
}

export interface ClockAlignment {
  /** First and last month shown (YYYY-MM). */
  from: string;
  to: string;
  today: string;
  members: MemberAlignment[];
  /** Who plans in each month of the range. */
  calendar: CalendarMonth[];
  syncPoints: SyncPoints;
  /** Open milestones needing a member's decision outside its planning window. */
  warnings: ClockWarning[];
  /**
   * Where to stage each open milestone due this month or later (never before the
   * current month); a past-due milestone is late and needs re-planning, not staging.
   */
  staging: StagingSuggestion[];
  /** The rule, in words, so the bands can be checked. */
  rule: string;
}

/** Describes PLANNING_WINDOW_MONTHS in one sentence. */
export function planningRule(): string {
  const w = PLANNING_WINDOW_MONTHS;
  return (
    `A member plans in the months just before each of its planning periods starts: ${w.quarterly} month before a fiscal quarter, ` +
    `${w.semiannual} before a half-year, ${w.annual} before an annual budget year, ${w.multiyear} before a multi-year policy cycle ` +
    `(counted from its fiscal-year start). A sync point is a month in which every member with a clock plans; ` +
    `members without a clock constrain nothing.`
  );
}

/**
 * The clock alignment of a partnership: members with their clocks, the
 * milestones of its roadmap, on `today`. `from` / `to` (dates or YYYY-MM)
 * override the range of roadmapRange.
 */
export function clockAlignment(
  members: readonly MemberClock[],
  milestones: readonly Milestone[],
  options: { today: DateInput; from?: DateInput; to?: DateInput },
): ClockAlignment {
  const today = toIsoDate(options.today);
  const auto = roadmapRange(milestones, today);
  const from = options.from !== undefined ? monthLabel(monthIndex(options.from)) : auto.from;
  const to = options.to !== undefined ? monthLabel(monthIndex(options.to)) : auto.to;
  const calendar = planningCalendar(members, from, to); // checks the range
  return {
    from,
    to,
    today,
    members: members.map((m) => ({
      actor: m.actor,
      ...(m.name !== undefined ? { name: m.name } : {}),
      ...(m.clock ? { clock: m.clock } : {}),
      description: m.clock ? describeClock(m.clock) : null,
      windows: m.clock ? planningWindows(m.clock, from, to) : [],
    })),
    calendar,
    syncPoints: syncPoints(members, from, to),
    warnings: milestoneClockWarnings(milestones, members),
    staging: suggestStaging(
      milestones.filter((m) => monthIndex(m.due) >= monthIndex(today)),
      members,
      { from: today },
    ),
    rule: planningRule(),
  };
}

/** Days ahead within which an open milestone counts as due soon. */
export const MILESTONE_DUE_SOON_DAYS = 30;

export type MilestoneTimeliness =
  'done-on-time' | 'done-late' | 'late' | 'due-soon' | 'upcoming' | 'cancelled';

/**
 * Where a milestone stands on `today`, by the health score's rule (late =
 * slipped, done after the due date, or past due and not done; done without a
 * completion date counts as on time), with due soon = open and due within
 * MILESTONE_DUE_SOON_DAYS days.
 */
export function milestoneTimeliness(
  m: Pick<Milestone, 'due' | 'status' | 'completed'>,
  today: DateInput,
): { state: MilestoneTimeliness; explanation: string } {
  const t = dayNumber(today);
  const due = dayNumber(m.due);
  if (m.status === 'cancelled')
    return { state: 'cancelled', explanation: 'Cancelled: left out of the on-time count.' };
  if (m.status === 'done') {
    if (m.completed === undefined)
      return {
        state: 'done-on-time',
        explanation: `Done (no completion date given: counted as on time; due ${m.due}).`,
      };
    const d = dayNumber(m.completed) - due;
    return d <= 0
      ? {
          state: 'done-on-time',
          explanation: `Done on ${m.completed}, ${d === 0 ? 'on its due date' : `${plural(-d, 'day')} before its due date ${m.due}`}.`,
        }
      : {
          state: 'done-late',
          explanation: `Done on ${m.completed}, ${plural(d, 'day')} after its due date ${m.due}.`,
        };
  }
  if (m.status === 'slipped') return { state: 'late', explanation: `Marked slipped (due ${m.due}).` };
  if (due < t)
    return {
      state: 'late',
      explanation: `Past due: due ${m.due}, ${plural(t - due, 'day')} ago, and not done.`,
    };
  if (due - t <= MILESTONE_DUE_SOON_DAYS)
    return { state: 'due-soon', explanation: `Due in ${plural(due - t, 'day')} (${m.due}).` };
  return { state: 'upcoming', explanation: `Due ${m.due}, in ${plural(due - t, 'day')}.` };
}
