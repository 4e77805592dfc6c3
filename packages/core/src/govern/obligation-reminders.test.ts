import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ObligationSchema, type Obligation } from '../model/partnership-sections.ts';
import { addDays, dateOfDay, dayNumber, monthEnd, monthIndex } from '../monitor/dates.ts';
import {
  anchorDay,
  checkReminderPolicy,
  completeObligation,
  DEFAULT_REMINDER_POLICY,
  nextDue,
  obligationReminder,
  obligationReminders,
  reminderRule,
  type ReminderPolicy,
} from './obligation-reminders.ts';

const base: Obligation = {
  id: 'monthly-report',
  from: 'hospital',
  to: 'payer',
  what: 'Monthly screening results summary',
  due: '2026-11-30',
  status: 'open',
};
const names: Record<string, string> = { hospital: 'Karolund Hospital', payer: 'Nordic HTA Council' };
const name = (id: string) => names[id] ?? id;
const RANK = { info: 0, warning: 1, critical: 2 } as const;

describe('obligationReminder: the day boundaries', () => {
  const P = DEFAULT_REMINDER_POLICY;
  const on = (today: string, o: Partial<Obligation> = {}) =>
    obligationReminder({ ...base, ...o }, today, P, name);

  it('nothing more than the lead time ahead; an info reminder from exactly the lead time to the due date', () => {
    expect(on('2026-11-15')).toBeNull(); // 15 days ahead
    const first = on('2026-11-16')!; // 14 days ahead
    expect(first).toMatchObject({
      kind: 'obligation-due',
      severity: 'info',
      dueIn: 14,
      daysOverdue: 0,
      since: '2026-11-16',
    });
    expect(first.headline).toBe('"Monthly screening results summary" due in 14 days');
    const dueDay = on('2026-11-30')!;
    expect(dueDay).toMatchObject({ kind: 'obligation-due', severity: 'info', dueIn: 0 });
    expect(dueDay.headline).toMatch(/due today$/);
    expect(on('2026-11-29')!.headline).toMatch(/due tomorrow$/);
  });

  it('overdue the day after the due date (warning), critical from the critical threshold', () => {
    const late = on('2026-12-01')!;
    expect(late).toMatchObject({
      kind: 'obligation-overdue',
      severity: 'warning',
      dueIn: -1,
      daysOverdue: 1,
      since: '2026-12-01',
    });
    expect(late.headline).toBe('"Monthly screening results summary" overdue by 1 day');
    expect(late.evidence.join(' ')).toMatch(
      /overdue by 1 day; critical from 2026-12-30 \(30 days after the due date\)/,
    );
    expect(on('2026-12-29')!.severity).toBe('warning'); // 29 days late
    const critical = on('2026-12-30')!; // 30 days late
    expect(critical).toMatchObject({ severity: 'critical', daysOverdue: 30, since: '2026-12-01' });
    expect(critical.evidence.join(' ')).toMatch(/30 days or more, so critical/);
  });

  it('says who owes what to whom by when, the rule and what to do', () => {
    const r = on('2026-11-25', { recurring: 'monthly' })!;
    expect(r.evidence[0]).toBe(
      'Karolund Hospital owes Nordic HTA Council: Monthly screening results summary.',
    );
    expect(r.evidence[1]).toBe(
      'Due 2026-11-30 (in 5 days); status open. Reminders start 14 days before the due date.',
    );
    expect(r.evidence[2]).toBe('Recurs monthly: once this one is done, the next is due 2026-12-31.');
    expect(r.nextDue).toBe('2026-12-31');
    expect(r.rule).toBe(reminderRule(DEFAULT_REMINDER_POLICY));
    expect(r.rule).toMatch(/from 14 days before its due date.*critical 30 days after the due date/);
    expect(r.action).toMatch(
      /^Karolund Hospital: deliver it by 2026-11-30 and mark it done; if that date cannot be met, renegotiate it with Nordic HTA Council/,
    );
    const late = on('2026-12-05')!;
    expect(late.action).toMatch(
      /deliver it now and mark it done, or renegotiate the due date with Nordic HTA Council/,
    );
    expect(late.evidence).toContain('A one-off obligation.');
  });

  it('done and waived obligations need no reminder; one marked overdue before its date is overdue', () => {
    for (const status of ['done', 'waived'] as const) {
      expect(on('2026-11-29', { status })).toBeNull();
      expect(on('2027-06-01', { status })).toBeNull();
    }
    const marked = on('2026-10-01', { status: 'overdue' })!;
    expect(marked).toMatchObject({
      kind: 'obligation-overdue',
      severity: 'warning',
      daysOverdue: 0,
      since: '2026-10-01',
    });
    expect(marked.headline).toMatch(/marked overdue$/);
  });

  it('a lead time of 0 reminds on the due date only', () => {
    const p: ReminderPolicy = { leadDays: 0, criticalAfterDays: 1 };
    expect(obligationReminder(base, '2026-11-29', p)).toBeNull();
    expect(obligationReminder(base, '2026-11-30', p)!.severity).toBe('info');
    expect(obligationReminder(base, '2026-12-01', p)!.severity).toBe('critical');
    expect(reminderRule(p)).toMatch(/on its due date.*critical 1 day after/);
  });

  it('lists the reminders most severe first, then by due date', () => {
    const list: Obligation[] = [
      { ...base, id: 'soon', due: '2026-12-10' },
      { ...base, id: 'late', due: '2026-11-20' },
      { ...base, id: 'very-late', due: '2026-09-01' },
      { ...base, id: 'far', due: '2027-03-01' },
      { ...base, id: 'done', due: '2026-11-01', status: 'done' },
    ];
    expect(obligationReminders(list, '2026-12-01').map((r) => [r.obligationId, r.severity])).toEqual([
      ['very-late', 'critical'],
      ['late', 'warning'],
      ['soon', 'info'],
    ]);
  });

  it('checks a policy, naming the field', () => {
    expect(checkReminderPolicy(DEFAULT_REMINDER_POLICY)).toEqual([]);
    expect(checkReminderPolicy({ leadDays: -1, criticalAfterDays: 0 }).map((p) => p.field)).toEqual([
      'leadDays',
      'criticalAfterDays',
    ]);
    expect(checkReminderPolicy({ leadDays: 2.5, criticalAfterDays: 30 })[0]!.message).toMatch(/whole number/);
  });
});

// Days 2000-01-01 .. 2099-12-31, as ISO dates.
const DAY0 = dayNumber('2000-01-01');
const DAY1 = dayNumber('2099-12-31');
const isoDate = fc.integer({ min: DAY0, max: DAY1 }).map(dateOfDay);
const policy = fc.record({
  leadDays: fc.integer({ min: 0, max: 120 }),
  criticalAfterDays: fc.integer({ min: 1, max: 400 }),
});
const openStatus = fc.constantFrom('open' as const, 'overdue' as const);

describe('obligationReminder: properties over every day', () => {
  it('an open obligation: nothing before the window, info inside it, warning past due, critical from the threshold', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -500, max: 500 }), policy, (due, offset, p) => {
        const today = addDays(due, offset); // offset > 0: past due
        const r = obligationReminder({ ...base, due, status: 'open' }, today, p);
        if (offset < -p.leadDays) return r === null;
        if (offset <= 0)
          return (
            r?.kind === 'obligation-due' &&
            r.severity === 'info' &&
            r.dueIn === -offset &&
            r.since === addDays(due, -p.leadDays)
          );
        return (
          r?.kind === 'obligation-overdue' &&
          r.daysOverdue === offset &&
          r.severity === (offset >= p.criticalAfterDays ? 'critical' : 'warning') &&
          r.since === addDays(due, 1)
        );
      }),
    );
  });

  it('severity never goes down as the days pass, and a reminder never stops while nothing is done', () => {
    fc.assert(
      fc.property(
        isoDate,
        openStatus,
        policy,
        fc.integer({ min: -200, max: 200 }),
        (due, status, p, start) => {
          let prev: number | null = null;
          for (let d = start; d < start + 60; d++) {
            const r = obligationReminder({ ...base, due, status }, addDays(due, d), p);
            const rank = r ? RANK[r.severity] : null;
            if (prev !== null && (rank === null || rank < prev)) return false;
            prev = rank;
          }
          return true;
        },
      ),
    );
  });

  it('done and waived obligations never need a reminder', () => {
    fc.assert(
      fc.property(
        isoDate,
        isoDate,
        policy,
        fc.constantFrom('done' as const, 'waived' as const),
        (due, today, p, status) => obligationReminder({ ...base, due, status }, today, p) === null,
      ),
    );
  });
});

describe('nextDue: recurrence and month ends', () => {
  it('Jan 31 + 1 month is Feb 28, or Feb 29 in a leap year, and the month end sticks', () => {
    expect(nextDue('2027-01-31', 'monthly')).toBe('2027-02-28');
    expect(nextDue('2028-01-31', 'monthly')).toBe('2028-02-29');
    expect(nextDue('2027-02-28', 'monthly', { day: 31 })).toBe('2027-03-31');
    expect(nextDue('2026-11-30', 'monthly')).toBe('2026-12-31'); // Nov 30 is its month's end
    expect(nextDue('2026-12-31', 'monthly')).toBe('2027-01-31');
    expect(nextDue('2026-12-31', 'quarterly')).toBe('2027-03-31');
    expect(nextDue('2026-11-30', 'quarterly')).toBe('2027-02-28');
    expect(nextDue('2028-02-29', 'annually')).toBe('2029-02-28');
    expect(nextDue('2026-12-15', 'annually')).toBe('2027-12-15');
    expect(nextDue('2026-05-15', 'quarterly')).toBe('2026-08-15');
    expect(() => nextDue('2026-02-30', 'monthly')).toThrow(/YYYY-MM-DD/);
  });

  it("the anchor day: dueDay when given, else the date's day, 31 for a month end", () => {
    expect(anchorDay({ due: '2027-01-30' })).toBe(30);
    expect(anchorDay({ due: '2027-02-28' })).toBe(31);
    expect(anchorDay({ due: '2028-02-28' })).toBe(28);
    expect(anchorDay({ due: '2027-02-28', dueDay: 28 })).toBe(28);
  });

  it('is on the anchor day clamped to the month, one period on, and periods add up', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.constantFrom('monthly' as const, 'quarterly' as const, 'annually' as const),
        fc.integer({ min: 1, max: 31 }),
        (due, rec, day) => {
          const k = { monthly: 1, quarterly: 3, annually: 12 }[rec];
          const next = nextDue(due, rec, { day });
          const last = Number(monthEnd(monthIndex(next)).slice(8, 10));
          const twice = nextDue(next, rec, { day });
          return (
            monthIndex(next) === monthIndex(due) + k &&
            Number(next.slice(8, 10)) === Math.min(day, last) &&
            next > due &&
            twice === nextDue(due, rec, { day, periods: 2 })
          );
        },
      ),
    );
  });
});

describe('completeObligation', () => {
  it('the document takes lastDone and dueDay (1–31) as optional fields', () => {
    expect(
      ObligationSchema.parse({ ...base, recurring: 'monthly', dueDay: 31, lastDone: '2026-11-02' }),
    ).toMatchObject({ dueDay: 31, lastDone: '2026-11-02' });
    const bad = ObligationSchema.safeParse({ ...base, dueDay: 0, lastDone: '2026-02-30' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['dueDay', 'expected a day of the month from 1 to 31'],
      ['lastDone', '"2026-02-30" is not a real calendar date'],
    ]);
  });

  it('a one-off is done, with the day it was done', () => {
    const r = completeObligation(base, '2026-11-28');
    expect(r).toEqual({
      ok: true,
      obligation: { ...base, status: 'done', lastDone: '2026-11-28' },
      completed: { due: '2026-11-30', on: '2026-11-28', late: false },
      next: null,
    });
    expect(ObligationSchema.parse(r.ok && r.obligation)).toEqual(r.ok && r.obligation);
  });

  it('a recurring one rolls forward through the month ends: Jan 31 → Feb 28 → Mar 31; Jan 30 → Feb 28 → Mar 30', () => {
    let o: Obligation = { ...base, due: '2027-01-31', recurring: 'monthly', status: 'overdue' };
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = completeObligation(o, '2027-06-01');
      if (!r.ok) throw new Error(r.reason);
      expect(r.obligation).toMatchObject({ status: 'open', lastDone: '2027-06-01', dueDay: 31 });
      seen.push(r.next!);
      o = ObligationSchema.parse(r.obligation);
    }
    expect(seen).toEqual(['2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);

    let p: Obligation = { ...base, due: '2027-01-30', recurring: 'monthly' };
    const got: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = completeObligation(p, '2027-01-29');
      if (!r.ok) throw new Error(r.reason);
      got.push(r.next!);
      p = r.obligation;
    }
    expect(got).toEqual(['2027-02-28', '2027-03-30', '2027-04-30']);
  });

  it('says when it was done late; refuses one already done, one waived and a bad day', () => {
    const r = completeObligation({ ...base, recurring: 'quarterly' }, '2026-12-03');
    expect(r.ok && r.completed).toEqual({ due: '2026-11-30', on: '2026-12-03', late: true });
    expect(r.ok && r.obligation.due).toBe('2027-02-28');
    const done = completeObligation({ ...base, status: 'done', lastDone: '2026-11-01' }, '2026-12-01');
    expect(done).toEqual({
      ok: false,
      reason: 'obligation "monthly-report" is already done (on 2026-11-01)',
    });
    expect(completeObligation({ ...base, status: 'waived' }, '2026-12-01')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/waived/),
    });
    expect(completeObligation(base, '2026-13-01')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/YYYY-MM-DD/),
    });
  });

  it('the reminder goes once done: the next occurrence is reminded only when its own window opens', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.constantFrom('monthly' as const, 'quarterly' as const, 'annually' as const),
        policy,
        (due, rec, p) => {
          const o: Obligation = { ...base, due, recurring: rec };
          const today = due; // done on its due date
          const r = completeObligation(o, today);
          if (!r.ok) return false;
          const after = obligationReminder(r.obligation, today, p);
          const window = addDays(r.next!, -p.leadDays);
          return after === null
            ? today < window
            : today >= window && after.due === r.next && after.kind === 'obligation-due';
        },
      ),
    );
  });
});
