import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeClock,
  isPlanningMonth,
  milestoneClockWarnings,
  planningWindows,
  suggestStaging,
  syncPoints,
  type MemberClock,
  type PlanningClock,
} from './clocks.ts';
import { monthIndex, monthLabel } from './dates.ts';
import { BIOTECH, HOSPITAL, MINISTRY, milestone } from './test-fixtures.ts';

const quarterly: PlanningClock = { cadence: 'quarterly' };
const annual: PlanningClock = { cadence: 'annual', fiscalYearStart: 1 };
const annualJuly: PlanningClock = { cadence: 'annual', fiscalYearStart: 7 };
const multiyear: PlanningClock = { cadence: 'multiyear' };
const planningMonths = (c: PlanningClock, from: string, to: string) => {
  const out: string[] = [];
  for (let m = monthIndex(from); m <= monthIndex(to); m++) if (isPlanningMonth(c, m)) out.push(monthLabel(m));
  return out;
};

describe('planning windows', () => {
  it('quarterly: the month before each fiscal quarter', () => {
    expect(planningMonths(quarterly, '2025-01', '2025-12')).toEqual([
      '2025-03',
      '2025-06',
      '2025-09',
      '2025-12',
    ]);
    expect(planningMonths({ cadence: 'quarterly', fiscalYearStart: 4 }, '2025-01', '2025-12')).toEqual([
      '2025-03',
      '2025-06',
      '2025-09',
      '2025-12',
    ]);
    expect(planningMonths({ cadence: 'quarterly', fiscalYearStart: 2 }, '2025-01', '2025-06')).toEqual([
      '2025-01',
      '2025-04',
    ]);
  });

  it('semiannual: two months before each half; annual: three months before the fiscal year', () => {
    expect(planningMonths({ cadence: 'semiannual', fiscalYearStart: 1 }, '2025-01', '2025-12')).toEqual([
      '2025-05',
      '2025-06',
      '2025-11',
      '2025-12',
    ]);
    expect(planningMonths(annual, '2025-01', '2025-12')).toEqual(['2025-10', '2025-11', '2025-12']);
    expect(planningMonths(annualJuly, '2025-01', '2025-12')).toEqual(['2025-04', '2025-05', '2025-06']);
  });

  it('multiyear: six months before a cycle starting in years divisible by three, unless anchored', () => {
    expect(planningMonths(multiyear, '2025-01', '2028-12')).toEqual([
      '2027-07',
      '2027-08',
      '2027-09',
      '2027-10',
      '2027-11',
      '2027-12',
    ]);
    expect(
      planningMonths({ cadence: 'multiyear', anchorYear: 2026, cycleYears: 4 }, '2025-01', '2026-12'),
    ).toEqual(['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
  });

  it('lists windows with the period they plan', () => {
    expect(planningWindows(annualJuly, '2025-01-01', '2026-12-31')).toEqual([
      { start: '2025-04', end: '2025-06', periodStart: '2025-07', period: 'FY2026' },
      { start: '2026-04', end: '2026-06', periodStart: '2026-07', period: 'FY2027' },
    ]);
    expect(planningWindows(quarterly, '2025-03', '2025-06').map((w) => w.period)).toEqual([
      'FY2025 Q2',
      'FY2025 Q3',
    ]);
    expect(
      planningWindows({ cadence: 'semiannual', fiscalYearStart: 7 }, '2025-05', '2025-05')[0]!.period,
    ).toBe('FY2026 H1');
    expect(planningWindows(multiyear, '2027-10', '2027-10')[0]).toEqual({
      start: '2027-07',
      end: '2027-12',
      periodStart: '2028-01',
      period: 'FY2028–FY2030',
    });
  });

  it('agrees with isPlanningMonth for every cadence and fiscal-year start (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('quarterly' as const, 'semiannual' as const, 'annual' as const, 'multiyear' as const),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2000 * 12, max: 2100 * 12 }),
        fc.integer({ min: 0, max: 60 }),
        (cadence, fys, a, len) => {
          const c = { cadence, fiscalYearStart: fys };
          const fromWindows = new Set<string>();
          for (const w of planningWindows(c, monthLabel(a), monthLabel(a + len))) {
            for (let m = monthIndex(w.start); m <= monthIndex(w.end); m++) fromWindows.add(monthLabel(m));
          }
          for (let m = a; m <= a + len; m++)
            expect(fromWindows.has(monthLabel(m))).toBe(isPlanningMonth(c, m));
        },
      ),
    );
  });

  it('describes a clock in words', () => {
    expect(describeClock(annual)).toBe(
      'plans annually (budget window October–December, before its fiscal year starting in January)',
    );
    expect(describeClock(quarterly)).toMatch(/^plans quarterly \(in the month before each fiscal quarter/);
  });

  it('refuses a reversed or huge range', () => {
    expect(() => planningWindows(annual, '2026-01', '2025-01')).toThrow(/before it starts/);
    expect(() => planningWindows(annual, '2000-01', '2100-01')).toThrow(/at most 600/);
  });
});

const biotech: MemberClock = { actor: BIOTECH, name: 'Helix Bio', clock: quarterly };
const hospital: MemberClock = { actor: HOSPITAL, name: 'City Hospital', clock: annual };
const ministry: MemberClock = { actor: MINISTRY, name: 'Health Ministry', clock: multiyear };

describe('syncPoints', () => {
  it('finds the months where all members plan at once', () => {
    const s = syncPoints([biotech, hospital], '2025-01', '2026-12');
    expect(s.all).toBe(true);
    expect(s.points).toEqual([
      { month: '2025-12', planning: [BIOTECH, HOSPITAL], missing: [] },
      { month: '2026-12', planning: [BIOTECH, HOSPITAL], missing: [] },
    ]);
    expect(
      syncPoints([biotech, { actor: HOSPITAL, clock: annualJuly }], '2025-01', '2025-12').points.map(
        (p) => p.month,
      ),
    ).toEqual(['2025-06']);
  });

  it('falls back to the months where most members plan, naming who is missing', () => {
    const s = syncPoints([biotech, hospital, ministry], '2025-01', '2026-12');
    expect(s.all).toBe(false);
    expect(s.points).toEqual([
      { month: '2025-12', planning: [BIOTECH, HOSPITAL], missing: [MINISTRY] },
      { month: '2026-12', planning: [BIOTECH, HOSPITAL], missing: [MINISTRY] },
    ]);
    expect(s.explanation).toMatch(/at best 2 of 3/);
    expect(
      syncPoints([biotech, hospital, ministry], '2027-01', '2027-12').points.map((p) => p.month),
    ).toEqual(['2027-12']);
  });

  it('lets members without a clock constrain nothing', () => {
    const s = syncPoints([biotech, { actor: 'x' }], '2025-01', '2025-06');
    expect(s.points.map((p) => p.month)).toEqual(['2025-03', '2025-06']);
    expect(s.unconstrained).toEqual(['x']);
    expect(syncPoints([{ actor: 'x' }], '2025-01', '2025-03').points).toHaveLength(3);
  });
});

describe('milestoneClockWarnings', () => {
  it("warns when a decision is needed outside the decider's planning window", () => {
    const ms = [
      milestone({ id: 'm1', name: 'Regional rollout', due: '2026-05-15', decisionBy: [HOSPITAL, BIOTECH] }),
      milestone({ id: 'm2', due: '2026-11-15', decisionBy: [HOSPITAL] }),
      milestone({ id: 'm3', due: '2026-05-15', decisionBy: [HOSPITAL], status: 'done' }),
      milestone({ id: 'm4', due: '2026-05-15' }),
    ];
    const w = milestoneClockWarnings(ms, [biotech, hospital]);
    expect(w.map((x) => [x.milestone, x.actor])).toEqual([
      ['m1', HOSPITAL],
      ['m1', BIOTECH],
    ]);
    expect(w[0]).toMatchObject({
      cadence: 'annual',
      previousWindow: { start: '2025-10', end: '2025-12', period: 'FY2026' },
      nextWindow: { start: '2026-10', end: '2026-12', period: 'FY2027' },
    });
    expect(w[0]!.message).toBe(
      '"Regional rollout" is due 2026-05-15 and needs a decision from City Hospital, which plans annually (budget window October–December, before its fiscal year starting in January). ' +
        'May 2026 is outside its planning window: bring the decision into its window of October 2025–December 2025 (planning FY2026), or move the milestone after its next window, October 2026–December 2026. ' +
        'Align the clocks: make the trade-off explicit early.',
    );
    expect(w[1]).toMatchObject({
      previousWindow: { start: '2026-03', end: '2026-03' },
      nextWindow: { start: '2026-06', end: '2026-06' },
    });
  });
});

describe('suggestStaging', () => {
  it('moves each milestone to the nearest sync point at or before its due date', () => {
    const s = suggestStaging(
      [
        milestone({ id: 'm1', name: 'First patients', due: '2026-05-15' }),
        milestone({ id: 'm2', due: '2025-12-10' }),
        milestone({ id: 'm3', due: '2026-05-15', decisionBy: [BIOTECH] }),
        milestone({ id: 'm4', due: '2026-05-15', status: 'cancelled' }),
      ],
      [biotech, hospital],
    );
    expect(s.map((x) => [x.milestone, x.suggestedMonth, x.monthsEarlier, x.basis])).toEqual([
      ['m1', '2025-12', 5, 'all'],
      ['m2', '2025-12', 0, 'all'],
      ['m3', '2026-03', 2, 'all'],
    ]);
    expect(s[0]!.explanation).toBe(
      'Stage "First patients" on the nearest sync point of all members: December 2025, 5 months before its due date 2026-05-15, when they all plan at once.',
    );
    expect(s[1]!.explanation).toMatch(/its due month December 2025 already is one/);
  });

  it('falls back to the best month and names who is missing; respects `from`', () => {
    const [s] = suggestStaging([milestone({ id: 'm1', due: '2026-05-15' })], [biotech, hospital, ministry], {
      from: '2025-06-01',
    });
    expect(s).toMatchObject({
      suggestedMonth: '2025-12',
      basis: 'most',
      missing: [MINISTRY],
      planning: [BIOTECH, HOSPITAL],
    });
    expect(s!.explanation).toMatch(/missing: ministry/);
  });

  it('keeps milestones without any clock on their due date, and notes dependencies staged later', () => {
    expect(suggestStaging([milestone({ id: 'm1', due: '2026-05-15' })], [{ actor: 'x' }])[0]).toMatchObject({
      basis: 'none',
      suggestedMonth: '2026-05',
      monthsEarlier: 0,
    });
    const s = suggestStaging(
      [
        milestone({ id: 'a', due: '2026-12-20' }),
        milestone({ id: 'b', due: '2026-11-01', dependsOn: ['a'] }),
      ],
      [biotech, hospital],
    );
    expect(s[1]!.explanation).toMatch(/depends on a, staged later/);
  });
});
