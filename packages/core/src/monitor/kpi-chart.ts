/**
 * What a KPI chart draws, computed from the same evaluation as the status so
 * the picture and the words never disagree: the measured points (and the
 * baseline when it is dated), the target as a horizontal line, the plan (the
 * straight way from the dated baseline to the target on the target date), the
 * least-squares trend over the measured span, and its forecast from the last
 * point to the target date.
 */
import { dateOfDay, dayNumber, type DateInput } from './dates.ts';
import { evaluateKpi, fitLine, valueAt, type KpiEvaluation } from './kpi.ts';
import type { Kpi } from './schema.ts';

export interface ChartPoint {
  date: string;
  value: number;
}

export interface KpiChart {
  kpi: string;
  name: string;
  unit?: string | undefined;
  baseline: number;
  target: number;
  targetDate: string;
  direction: Kpi['direction'];
  evaluation: KpiEvaluation;
  /** Points in date order; the baseline is one when `baselineDate` is given and not also measured. */
  points: (ChartPoint & { kind: 'baseline' | 'measurement'; note?: string })[];
  /** From the dated baseline to the target on the target date (absent without `baselineDate`). */
  plan?: [ChartPoint, ChartPoint];
  /** The trend line over the fitted points (first to last), when two or more points exist. */
  trend?: [ChartPoint, ChartPoint];
  /** The trend extended from the last point to the target date, when that date is still ahead of the last point. */
  forecast?: [ChartPoint, ChartPoint];
  /** First and last date the chart spans (the points, the target date and today). */
  domain: [string, string];
}

/** The chart of one KPI on `now` (see the module comment). */
export function kpiChart(kpi: Kpi, now: DateInput): KpiChart {
  const evaluation = evaluateKpi(kpi, now);
  const measured = [...kpi.measurements].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const points: KpiChart['points'] = measured.map((m) => ({
    date: m.date,
    value: m.value,
    kind: 'measurement',
    ...(m.note !== undefined ? { note: m.note } : {}),
  }));
  if (kpi.baselineDate !== undefined && !measured.some((m) => m.date === kpi.baselineDate)) {
    points.push({ date: kpi.baselineDate, value: kpi.baseline, kind: 'baseline' });
    points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
  const chart: KpiChart = {
    kpi: kpi.id,
    name: kpi.name,
    ...(kpi.unit ? { unit: kpi.unit } : {}),
    baseline: kpi.baseline,
    target: kpi.target,
    targetDate: kpi.targetDate,
    direction: kpi.direction,
    evaluation,
    points,
    domain: ['', ''],
  };
  if (kpi.baselineDate !== undefined && kpi.baselineDate < kpi.targetDate) {
    chart.plan = [
      { date: kpi.baselineDate, value: kpi.baseline },
      { date: kpi.targetDate, value: kpi.target },
    ];
  }
  // The same points the evaluation fits (measurements plus the dated baseline).
  const fit = fitLine(points.map((p) => ({ x: dayNumber(p.date), y: p.value })));
  if (fit && points.length >= 2) {
    const first = dayNumber(points[0]!.date);
    const last = dayNumber(points.at(-1)!.date);
    chart.trend = [
      { date: dateOfDay(first), value: valueAt(fit, first) },
      { date: dateOfDay(last), value: valueAt(fit, last) },
    ];
    const target = dayNumber(kpi.targetDate);
    if (target > last) {
      chart.forecast = [
        { date: dateOfDay(last), value: valueAt(fit, last) },
        { date: kpi.targetDate, value: valueAt(fit, target) },
      ];
    }
  }
  const dates = [...points.map((p) => p.date), kpi.targetDate, dateOfDay(dayNumber(now))].sort();
  chart.domain = [dates[0]!, dates.at(-1)!];
  return chart;
}
