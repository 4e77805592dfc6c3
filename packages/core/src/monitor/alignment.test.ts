import { describe, expect, it } from 'vitest';
import { clockAlignment, milestoneTimeliness, planningRule, roadmapRange } from './alignment.ts';
import type { MemberClock } from './clocks.ts';
import { BIOTECH, HOSPITAL, MINISTRY, milestone } from './test-fixtures.ts';

const biotech: MemberClock = { actor: BIOTECH, name: 'Helix Bio', clock: { cadence: 'quarterly' } };
const hospital: MemberClock = {
  actor: HOSPITAL,
  name: 'City Hospital',
  clock: { cadence: 'annual', fiscalYearStart: 1 },
};
const ministry: MemberClock = { actor: MINISTRY, name: 'Ministry' };

describe('roadmapRange', () => {
  it('shows three months before today and a year after, widened to every milestone', () => {
    expect(roadmapRange([], '2026-05-20')).toEqual({ from: '2026-02', to: '2027-05' });
    expect(roadmapRange([{ due: '2025-11-30' }, { due: '2028-01-15' }], '2026-05-20')).toEqual({
      from: '2025-08',
      to: '2028-03',
    });
  });

  it('never spans more than the calendar allows, keeping today in view', () => {
    const r = roadmapRange([{ due: '1990-01-01' }, { due: '2090-01-01' }], '2026-05-20');
    const months = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
    expect(months(r.to) - months(r.from) + 1).toBe(600);
    expect(months(r.from)).toBeLessThanOrEqual(months('2026-05'));
    expect(months(r.to)).toBeGreaterThanOrEqual(months('2026-05'));
  });
});

describe('clockAlignment', () => {
  const milestones = [
    milestone({ id: 'rollout', name: 'Regional rollout', due: '2026-05-15', decisionBy: [HOSPITAL] }),
    milestone({ id: 'protocol', due: '2026-01-31', status: 'done', completed: '2026-01-20' }),
  ];

  it('gives each member its bands, the sync points, warnings and staging over the roadmap range', () => {
    const a = clockAlignment([biotech, hospital, ministry], milestones, { today: '2026-01-10' });
    expect([a.from, a.to, a.today]).toEqual(['2025-10', '2027-01', '2026-01-10']);
    expect(a.members.map((m) => [m.actor, m.windows.length, m.description !== null])).toEqual([
      [BIOTECH, 5, true], // Dec 2025, Mar, Jun, Sep, Dec 2026
      [HOSPITAL, 2, true], // Oct–Dec 2025, Oct–Dec 2026
      [MINISTRY, 0, false],
    ]);
    expect(a.members[1]!.windows[0]).toMatchObject({ start: '2025-10', end: '2025-12', period: 'FY2026' });
    expect(a.calendar).toHaveLength(16);
    // Both clocks plan in December: the sync points; the ministry has no clock and constrains nothing.
    expect(a.syncPoints.all).toBe(true);
    expect(a.syncPoints.points.map((p) => p.month)).toEqual(['2025-12', '2026-12']);
    expect(a.syncPoints.unconstrained).toEqual([MINISTRY]);
    expect(a.warnings.map((w) => [w.milestone, w.actor])).toEqual([['rollout', HOSPITAL]]);
    // Staged no earlier than the current month: January 2026 has no sync point for the hospital before May.
    expect(a.staging).toHaveLength(1);
    expect(a.staging[0]).toMatchObject({ milestone: 'rollout', basis: 'most' });
    expect(a.rule).toBe(planningRule());
    expect(a.rule).toMatch(/1 month before a fiscal quarter.*3 before an annual budget year/);
  });

  it('stages only milestones not yet past due', () => {
    const late = milestone({ id: 'late', due: '2025-11-30', status: 'in-progress' });
    const a = clockAlignment([biotech, hospital], [late, ...milestones], { today: '2026-01-10' });
    expect(a.staging.map((s) => s.milestone)).toEqual(['rollout']);
  });

  it('takes an explicit range (dates or months) and refuses one that ends before it starts', () => {
    const a = clockAlignment([biotech], [], { today: '2026-01-10', from: '2026-03-15', to: '2026-06' });
    expect([a.from, a.to]).toEqual(['2026-03', '2026-06']);
    expect(a.members[0]!.windows.map((w) => w.start)).toEqual(['2026-03', '2026-06']);
    expect(() =>
      clockAlignment([biotech], [], { today: '2026-01-10', from: '2026-06', to: '2026-03' }),
    ).toThrow(RangeError);
  });
});

describe('milestoneTimeliness', () => {
  const at = (over: Parameters<typeof milestone>[0]) => milestoneTimeliness(milestone(over), '2026-05-01');
  it('follows the on-time rule of the health score, with due soon within 30 days', () => {
    expect(at({ id: 'a', status: 'done', completed: '2026-04-01', due: '2026-04-30' })).toEqual({
      state: 'done-on-time',
      explanation: 'Done on 2026-04-01, 29 days before its due date 2026-04-30.',
    });
    expect(at({ id: 'b', status: 'done', completed: '2026-05-01', due: '2026-04-30' }).state).toBe(
      'done-late',
    );
    expect(at({ id: 'c', status: 'done', due: '2026-04-30' }).state).toBe('done-on-time');
    expect(at({ id: 'd', status: 'slipped', due: '2026-09-30' }).state).toBe('late');
    expect(at({ id: 'e', status: 'in-progress', due: '2026-04-30' })).toEqual({
      state: 'late',
      explanation: 'Past due: due 2026-04-30, 1 day ago, and not done.',
    });
    expect(at({ id: 'f', status: 'planned', due: '2026-05-31' }).state).toBe('due-soon');
    expect(at({ id: 'g', status: 'planned', due: '2026-06-01' }).state).toBe('upcoming');
    expect(at({ id: 'h', status: 'cancelled', due: '2026-01-01' }).state).toBe('cancelled');
  });
});
