import { describe, expect, it } from 'vitest';
import { kpiChart } from './kpi-chart.ts';
import { KpiSchema } from './schema.ts';
import { kpi } from './test-fixtures.ts';

const K = (over: Parameters<typeof kpi>[0]) => KpiSchema.parse(kpi(over));

describe('kpiChart', () => {
  it('draws the points, the plan, the trend over the points and its forecast to the target date', () => {
    const c = kpiChart(
      K({
        baselineDate: '2025-01-01',
        measurements: [
          { date: '2025-03-01', value: 20 },
          { date: '2025-02-01', value: 10, note: 'first clinic' },
        ],
      }),
      '2025-03-15',
    );
    expect(c.points.map((p) => [p.date, p.value, p.kind])).toEqual([
      ['2025-01-01', 0, 'baseline'],
      ['2025-02-01', 10, 'measurement'],
      ['2025-03-01', 20, 'measurement'],
    ]);
    expect(c.points[1]!.note).toBe('first clinic');
    expect(c.plan).toEqual([
      { date: '2025-01-01', value: 0 },
      { date: '2025-12-31', value: 100 },
    ]);
    expect(c.trend![0].date).toBe('2025-01-01');
    expect(c.trend![1].date).toBe('2025-03-01');
    expect(c.forecast![0]).toEqual(c.trend![1]);
    expect(c.forecast![1].date).toBe('2025-12-31');
    // The forecast's end is the evaluation's forecast: the picture and the status agree.
    expect(c.forecast![1].value).toBeCloseTo(c.evaluation.forecast!, 9);
    expect(c.evaluation.status).toBe('on-track');
    expect(c.domain).toEqual(['2025-01-01', '2025-12-31']);
    expect([c.target, c.baseline, c.unit]).toEqual([100, 0, 'patients']);
  });

  it('has no trend with one point, no plan without a baseline date, no forecast past the target date', () => {
    const one = kpiChart(K({ measurements: [{ date: '2025-06-01', value: 40 }] }), '2025-06-10');
    expect(one.trend).toBeUndefined();
    expect(one.forecast).toBeUndefined();
    expect(one.plan).toBeUndefined();
    expect(one.evaluation.expectedProgress).toBeDefined();
    const late = kpiChart(
      K({
        measurements: [
          { date: '2025-06-01', value: 40 },
          { date: '2026-02-01', value: 90 },
        ],
      }),
      '2026-03-01',
    );
    expect(late.trend).toBeDefined();
    expect(late.forecast).toBeUndefined();
    expect(late.evaluation.status).toBe('off-track');
    expect(late.domain).toEqual(['2025-06-01', '2026-03-01']);
  });

  it('has only the target and today without measurements', () => {
    const none = kpiChart(K({}), '2025-01-10');
    expect(none.points).toEqual([]);
    expect(none.evaluation.status).toBe('no-data');
    expect(none.domain).toEqual(['2025-01-10', '2025-12-31']);
  });
});
