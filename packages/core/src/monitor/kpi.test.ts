import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import { evaluateKpi, fitLine, KPI_STATUSES, valueAt } from './kpi.ts';
import { KpiSchema, type KpiInput } from './schema.ts';
import { kpi } from './test-fixtures.ts';

const k = (over: Partial<KpiInput>) => KpiSchema.parse(kpi(over));
const series = (start: string, step: number, values: number[]) =>
  values.map((value, i) => ({ date: addDays(start, i * step), value }));

describe('fitLine', () => {
  it('fits least squares and needs two distinct x', () => {
    const f = fitLine([
      { x: 0, y: 1 },
      { x: 1, y: 3 },
      { x: 2, y: 5 },
    ])!;
    expect(f.slope).toBeCloseTo(2, 12);
    expect(f.intercept).toBeCloseTo(1, 12);
    expect(valueAt(f, 10)).toBeCloseTo(21, 12);
    expect(fitLine([{ x: 1, y: 1 }])).toBeUndefined();
    expect(
      fitLine([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toBeUndefined();
  });

  it('fits noisy data by least squares (known values)', () => {
    // x = 0..3, y = 1, 2, 2, 4 → slope 0.9, intercept 0.9
    const f = fitLine([0, 1, 2, 3].map((x, i) => ({ x, y: [1, 2, 2, 4][i]! })))!;
    expect(f.slope).toBeCloseTo(0.9, 12);
    expect(f.intercept).toBeCloseTo(0.9, 12);
  });
});

describe('evaluateKpi', () => {
  it('is on track when the trend reaches the target by the target date', () => {
    // 10, 20, 30 every 30 days from 2025-01-01: 1/3 per day; day 364 → 131.3
    const e = evaluateKpi(k({ measurements: series('2025-01-01', 30, [10, 20, 30]) }), '2025-03-02');
    expect(e.status).toBe('on-track');
    expect(e.progress).toBeCloseTo(0.3, 12);
    expect(e.forecast).toBeCloseTo(10 + 364 / 3, 9);
    expect(e.trend).toEqual({ slopePerDay: expect.closeTo(1 / 3, 12), points: 3, direction: 'improving' });
    expect(e.reachesTargetOn).toBe('2025-09-28'); // day 270: 10 + 270/3 = 100
    expect(e.explanation).toContain('forecasts 131.33 patients on 2025-12-31, 131% of the way: on track');
  });

  it('is at risk from 80% of the way, off track below', () => {
    expect(
      evaluateKpi(k({ measurements: series('2025-01-01', 30, [10, 17, 24]) }), '2025-03-02').status,
    ).toBe('at-risk'); // forecast 94.9
    expect(
      evaluateKpi(k({ measurements: series('2025-01-01', 30, [10, 15, 20]) }), '2025-03-02').status,
    ).toBe('off-track'); // forecast 70.7
  });

  it('handles a decreasing KPI', () => {
    const e = evaluateKpi(
      k({
        baseline: 50,
        target: 20,
        direction: 'decrease',
        measurements: series('2025-01-01', 30, [50, 45, 40]),
      }),
      '2025-03-02',
    );
    expect(e.progress).toBeCloseTo(1 / 3, 12);
    expect(e.forecastProgress).toBeCloseTo((50 - (50 - 364 / 6)) / 30, 9);
    expect(e.status).toBe('on-track');
    const worse = evaluateKpi(
      k({
        baseline: 50,
        target: 20,
        direction: 'decrease',
        measurements: series('2025-01-01', 30, [50, 55]),
      }),
      '2025-03-02',
    );
    expect(worse.trend!.direction).toBe('worsening');
    expect(worse.progress).toBe(0);
    expect(worse.status).toBe('off-track');
  });

  it('uses the baseline as a point when baselineDate is given', () => {
    const e = evaluateKpi(
      k({ baselineDate: '2025-01-01', measurements: [{ date: '2025-07-02', value: 40 }] }),
      '2025-07-02',
    );
    expect(e.trend!.points).toBe(2);
    expect(e.forecast).toBeCloseTo(80, 9); // 40 per 182 days → 80 on day 364
    expect(e.status).toBe('at-risk');
  });

  it('with one point compares progress to elapsed time', () => {
    const early = evaluateKpi(k({ measurements: [{ date: '2025-07-02', value: 40 }] }), '2025-07-02');
    expect(early.expectedProgress).toBe(0);
    expect(early.status).toBe('on-track');
    const behind = evaluateKpi(
      k({ baselineDate: '2025-01-01', measurements: [{ date: '2025-01-01', value: 20 }] }),
      '2025-07-02',
    );
    expect(behind.expectedProgress).toBeCloseTo(182 / 364, 12);
    expect(behind.status).toBe('off-track'); // 20% vs 50% of the time
    const close = evaluateKpi(
      k({ baselineDate: '2025-01-01', measurements: [{ date: '2025-01-01', value: 45 }] }),
      '2025-07-02',
    );
    expect(close.status).toBe('at-risk'); // 45% ≥ 0.8 × 50%
  });

  it('judges the latest value once the target date has passed', () => {
    const m = series('2025-01-01', 100, [10, 50, 80]);
    expect(evaluateKpi(k({ measurements: m }), '2026-01-15').status).toBe('off-track');
    expect(
      evaluateKpi(k({ measurements: [...m, { date: '2025-12-01', value: 100 }] }), '2026-01-15').status,
    ).toBe('on-track');
  });

  it('has no data without measurements', () => {
    const e = evaluateKpi(k({}), '2025-03-01');
    expect(e).toMatchObject({ status: 'no-data', progress: 0 });
    expect(e.explanation).toMatch(/No measurements/);
  });

  it('treats baseline == target as "keep it there", never NaN', () => {
    const keep = (values: number[]) =>
      evaluateKpi(
        k({ baseline: 100, target: 100, measurements: series('2025-01-01', 30, values) }),
        '2025-03-02',
      );
    expect(keep([105, 110])).toMatchObject({ status: 'on-track', progress: 1, forecastProgress: 1 });
    expect(keep([95, 90])).toMatchObject({ status: 'off-track', progress: 0, forecastProgress: 0 });
    expect(keep([95]).status).toBe('off-track'); // one point below the level, 16% of the time gone
    expect(JSON.stringify(keep([95, 90]))).not.toMatch(/NaN|null/);
    const down = evaluateKpi(
      k({ baseline: 5, target: 5, direction: 'decrease', measurements: [{ date: '2025-01-01', value: 4 }] }),
      '2025-01-01',
    );
    expect(down.progress).toBe(1);
  });

  it('forecasts exact linear data exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: 0, max: 1500 }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 0, max: 3000 }),
        (a, b, days, t) => {
          const start = '2024-01-01';
          const e = evaluateKpi(
            k({
              baseline: 0,
              target: 1,
              targetDate: addDays(start, t),
              measurements: days.map((d) => ({ date: addDays(start, d), value: a + b * d })),
            }),
            start,
          );
          const expected = a + b * t;
          expect(Math.abs(e.forecast! - expected)).toBeLessThanOrEqual(
            1e-7 * (1 + Math.abs(a) + Math.abs(b) * 3000),
          );
          expect(e.trend!.slopePerDay).toBeCloseTo(b, 9);
        },
      ),
    );
  });

  it('never yields NaN and keeps progress in [0, 1] (property)', () => {
    const num = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(
        num,
        num,
        fc.constantFrom('increase' as const, 'decrease' as const),
        fc.array(fc.record({ d: fc.integer({ min: 0, max: 800 }), v: num }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 0, max: 900 }),
        (baseline, target, direction, ms, t, now) => {
          const uniq = [...new Map(ms.map((m) => [m.d, m])).values()];
          const e = evaluateKpi(
            k({
              baseline,
              target,
              direction,
              targetDate: addDays('2024-01-01', t),
              measurements: uniq.map((m) => ({ date: addDays('2024-01-01', m.d), value: m.v })),
            }),
            addDays('2024-01-01', now),
          );
          expect(KPI_STATUSES).toContain(e.status);
          expect(e.progress).toBeGreaterThanOrEqual(0);
          expect(e.progress).toBeLessThanOrEqual(1);
          if (e.forecast !== undefined) expect(Number.isFinite(e.forecast)).toBe(true);
          if (e.forecastProgress !== undefined) expect(Number.isNaN(e.forecastProgress)).toBe(false);
          expect(e.explanation).not.toMatch(/NaN/);
        },
      ),
    );
  });
});
