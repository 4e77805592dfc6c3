/**
 * Obligation reminders and recurrence: which obligations need a reminder on a
 * given day, how severe, and in what words (who owes what to whom by when,
 * the rule, what to do), and how a recurring obligation rolls forward when
 * it is done. Pure: the day and the policy are parameters.
 *
 * The rule, on day `today` for an obligation that is neither done nor waived:
 * - due in more than `leadDays` days: nothing;
 * - due in 0..`leadDays` days (today included): a reminder, `obligation-due`, info;
 * - past its due date (or marked overdue): `obligation-overdue`, warning, and
 *   critical from `criticalAfterDays` days after the due date.
 * Done or waived: no reminder (an open one resolves).
 *
 * A recurring obligation (`monthly`, `quarterly`, `annually`) that is done
 * rolls forward: the next occurrence falls due one period after the current
 * due date, on the obligation's day of the month (`dueDay`, else the due
 * date's day, a due date on its month's last day meaning the last day of
 * every month), clamped to the month's last day — Jan 31 + 1 month = Feb 28
 * (29 in a leap year), then Mar 31; Jan 30 → Feb 28 → Mar 30.
 */
import type { Obligation, Recurrence } from '../model/partnership-sections.ts';
import { addDays, daysBetween, isIsoDate, monthEnd, monthIndex, monthLabel } from '../monitor/dates.ts';

export const OBLIGATION_REMINDER_KINDS = ['obligation-due', 'obligation-overdue'] as const;
export type ObligationReminderKind = (typeof OBLIGATION_REMINDER_KINDS)[number];
export type ReminderSeverity = 'info' | 'warning' | 'critical';

export interface ReminderPolicy {
  /** Days before the due date a reminder starts (0: on the due date only). */
  leadDays: number;
  /** Days after the due date an overdue obligation becomes critical (at least 1). */
  criticalAfterDays: number;
}

export const DEFAULT_REMINDER_POLICY: Readonly<ReminderPolicy> = Object.freeze({
  leadDays: 14,
  criticalAfterDays: 30,
});

/** Limits of the policy (the server's configuration checks the same). */
export const REMINDER_POLICY_LIMITS = {
  leadDays: { min: 0, max: 366 },
  criticalAfterDays: { min: 1, max: 3660 },
} as const;

/** Months a recurrence advances by. */
export const RECURRENCE_MONTHS: Record<Recurrence, number> = { monthly: 1, quarterly: 3, annually: 12 };

export type ObligationLike = Pick<Obligation, 'id' | 'from' | 'to' | 'what' | 'due' | 'status'> &
  Partial<Pick<Obligation, 'recurring' | 'dueDay' | 'lastDone'>>;

/** Why and what to do, in words a partner can check. */
export interface ObligationReminder {
  kind: ObligationReminderKind;
  severity: ReminderSeverity;
  obligationId: string;
  from: string;
  to: string;
  what: string;
  due: string;
  recurring: Recurrence | null;
  status: Obligation['status'];
  /** Days from `today` to the due date (negative: overdue by that many). */
  dueIn: number;
  /** Days past the due date (0 when not overdue). */
  daysOverdue: number;
  /** The day the condition began: the reminder window's first day, or the day after the due date. */
  since: string;
  /** A recurring obligation's next due date once this occurrence is done. */
  nextDue: string | null;
  /** "Obligation due soon" / "Obligation overdue". */
  label: string;
  /** Short: `"Monthly report" due in 3 days`. */
  headline: string;
  evidence: string[];
  rule: string;
  action: string;
}

/** Checks a policy; the problems name the field. */
export function checkReminderPolicy(p: ReminderPolicy): { field: keyof ReminderPolicy; message: string }[] {
  const out: { field: keyof ReminderPolicy; message: string }[] = [];
  for (const field of ['leadDays', 'criticalAfterDays'] as const) {
    const { min, max } = REMINDER_POLICY_LIMITS[field];
    const v = p[field];
    if (!Number.isInteger(v) || v < min || v > max)
      out.push({ field, message: `expected a whole number of days from ${min} to ${max}, got ${String(v)}` });
  }
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The rule in words, with the policy's numbers. */
export function reminderRule(p: ReminderPolicy = DEFAULT_REMINDER_POLICY): string {
  const lead = p.leadDays === 0 ? 'on its due date' : `from ${plural(p.leadDays, 'day')} before its due date`;
  return (
    `An open obligation raises a reminder (info) ${lead}; past its due date and not done or waived ` +
    `it is overdue (warning), critical ${plural(p.criticalAfterDays, 'day')} after the due date. ` +
    `It resolves when the obligation is marked done (a recurring one then rolls forward to its next due date) or waived.`
  );
}

/** Whether an obligation is overdue on `today`: marked overdue, or open past its due date. */
export function isOverdue(o: Pick<Obligation, 'due' | 'status'>, today: string): boolean {
  return o.status === 'overdue' || (o.status === 'open' && o.due < today);
}

/** The day of the month a recurring obligation falls on: `dueDay`, else its due date's (31 when that is its month's last day). */
export function anchorDay(o: Pick<Obligation, 'due'> & { dueDay?: number | undefined }): number {
  if (o.dueDay !== undefined) return o.dueDay;
  const day = Number(o.due.slice(8, 10));
  return o.due === monthEnd(monthIndex(o.due)) ? 31 : day;
}

/**
 * The due date `periods` periods after `due`, on day `day` of the month
 * (default: the anchor day of `due`), clamped to the month's last day.
 */
export function nextDue(
  due: string,
  recurring: Recurrence,
  opts: { day?: number; periods?: number } = {},
): string {
  if (!isIsoDate(due)) throw new RangeError(`expected a due date as YYYY-MM-DD, got ${JSON.stringify(due)}`);
  const day = opts.day ?? anchorDay({ due });
  const target = monthIndex(due) + RECURRENCE_MONTHS[recurring] * (opts.periods ?? 1);
  const last = Number(monthEnd(target).slice(8, 10));
  return `${monthLabel(target)}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** When it is due, in words relative to `today`. */
function whenText(dueIn: number): string {
  if (dueIn === 0) return 'today';
  if (dueIn === 1) return 'tomorrow';
  if (dueIn > 1) return `in ${dueIn} days`;
  if (dueIn === -1) return 'yesterday';
  return `${-dueIn} days ago`;
}

/**
 * The reminder an obligation needs on `today`, or null. `name` turns actor
 * ids into names for the wording (default: the ids).
 */
export function obligationReminder(
  o: ObligationLike,
  today: string,
  policy: ReminderPolicy = DEFAULT_REMINDER_POLICY,
  name: (actorId: string) => string = (id) => id,
): ObligationReminder | null {
  if (o.status === 'done' || o.status === 'waived') return null;
  const dueIn = daysBetween(today, o.due);
  const overdue = isOverdue(o, today);
  if (!overdue && dueIn > policy.leadDays) return null;
  const daysOverdue = overdue ? Math.max(0, -dueIn) : 0;
  const severity: ReminderSeverity = !overdue
    ? 'info'
    : daysOverdue >= policy.criticalAfterDays
      ? 'critical'
      : 'warning';
  const from = name(o.from);
  const to = name(o.to);
  const recurring = o.recurring ?? null;
  const next = recurring ? nextDue(o.due, recurring, { day: anchorDay(o) }) : null;
  const dayAfterDue = addDays(o.due, 1);
  const since = overdue ? (dayAfterDue <= today ? dayAfterDue : today) : addDays(o.due, -policy.leadDays);
  const evidence = [`${from} owes ${to}: ${o.what}.`];
  if (!overdue) {
    evidence.push(
      `Due ${o.due} (${whenText(dueIn)}); status ${o.status}. Reminders start ${plural(policy.leadDays, 'day')} before the due date.`,
    );
  } else if (dueIn >= 0) {
    evidence.push(`Marked overdue; due ${o.due} (${whenText(dueIn)}).`);
  } else {
    const critical =
      severity === 'critical'
        ? ` — ${plural(policy.criticalAfterDays, 'day')} or more, so critical`
        : `; critical from ${addDays(o.due, policy.criticalAfterDays)} (${plural(policy.criticalAfterDays, 'day')} after the due date)`;
    evidence.push(
      `Due ${o.due}: overdue by ${plural(daysOverdue, 'day')}${critical}; status ${o.status}, neither done nor waived.`,
    );
  }
  if (recurring && next)
    evidence.push(`Recurs ${recurring}: once this one is done, the next is due ${next}.`);
  else evidence.push('A one-off obligation.');
  if (o.lastDone) evidence.push(`Last done ${o.lastDone}.`);
  const action = overdue
    ? `${from}: deliver it now and mark it done, or renegotiate the due date with ${to} (or agree to waive it) and record why; ` +
      `a late obligation left alone erodes the trust the partnership runs on.`
    : `${from}: deliver it by ${o.due} and mark it done; if that date cannot be met, renegotiate it with ${to} before it passes.`;
  return {
    kind: overdue ? 'obligation-overdue' : 'obligation-due',
    severity,
    obligationId: o.id,
    from: o.from,
    to: o.to,
    what: o.what,
    due: o.due,
    recurring,
    status: o.status,
    dueIn,
    daysOverdue,
    since,
    nextDue: next,
    label: overdue ? 'Obligation overdue' : 'Obligation due soon',
    headline: overdue
      ? dueIn < 0
        ? `"${o.what}" overdue by ${plural(daysOverdue, 'day')}`
        : `"${o.what}" marked overdue`
      : `"${o.what}" due ${whenText(dueIn)}`,
    evidence,
    rule: reminderRule(policy),
    action,
  };
}

/** The reminders a list of obligations needs on `today`, most severe first, then earliest due. */
export function obligationReminders(
  obligations: readonly ObligationLike[],
  today: string,
  policy: ReminderPolicy = DEFAULT_REMINDER_POLICY,
  name?: (actorId: string) => string,
): ObligationReminder[] {
  const rank: Record<ReminderSeverity, number> = { critical: 0, warning: 1, info: 2 };
  return obligations
    .flatMap((o) => {
      const r = obligationReminder(o, today, policy, name);
      return r ? [r] : [];
    })
    .sort(
      (a, b) =>
        rank[a.severity] - rank[b.severity] ||
        a.due.localeCompare(b.due) ||
        a.obligationId.localeCompare(b.obligationId),
    );
}

export type Completion<T extends ObligationLike> =
  | {
      ok: true;
      /** The obligation after: a one-off done; a recurring one open at its next due date. */
      obligation: T;
      /** The occurrence that was done: its due date and the day it was done. */
      completed: { due: string; on: string; late: boolean };
      /** A recurring obligation's new due date (null: one-off). */
      next: string | null;
    }
  | { ok: false; reason: string };

/**
 * Marks an obligation done on `on`: a one-off becomes done; a recurring one
 * rolls forward to its next occurrence (status open) and keeps its day of the
 * month in `dueDay`. Either way `lastDone` records the day. Done or waived
 * obligations are refused (nothing is owed).
 */
export function completeObligation<T extends ObligationLike>(o: T, on: string): Completion<T> {
  if (!isIsoDate(on))
    return { ok: false, reason: `expected the day it was done as YYYY-MM-DD, got ${JSON.stringify(on)}` };
  if (o.status === 'done')
    return {
      ok: false,
      reason: `obligation "${o.id}" is already done${o.lastDone ? ` (on ${o.lastDone})` : ''}`,
    };
  if (o.status === 'waived') return { ok: false, reason: `obligation "${o.id}" was waived: nothing is owed` };
  const completed = { due: o.due, on, late: on > o.due };
  if (!o.recurring)
    return { ok: true, obligation: { ...o, status: 'done', lastDone: on }, completed, next: null };
  const day = anchorDay(o);
  const next = nextDue(o.due, o.recurring, { day });
  return {
    ok: true,
    obligation: { ...o, due: next, dueDay: day, status: 'open', lastDone: on },
    completed,
    next,
  };
}
