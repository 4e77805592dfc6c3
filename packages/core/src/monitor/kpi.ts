/**
 * Shared goals and KPIs: where a KPI stands, where its trend is heading, and
 * whether it is on track. The trend is an ordinary least-squares line through
 * the measurements (x = days, y = value); the forecast is that line's value on
 * the target date.
 *
 * Status rule (KPI_STATUS_RULE):
 * - no measurements → `no-data`;
 * - the target date has passed → on track if the latest value reached the target, else off track;
 * - two or more dated points (measurements, plus the baseline when `baselineDate`
 *   is given) → the forecast at the target date: reaches the target → on track;
 *   reaches at least 80% of the way from baseline to target → at risk; else off track;
 * - one point → progress against elapsed time: the share of the way covered
 *   versus the share of the time (from baselineDate, or the measurement date,
 *   to the target date) gone by; at least as far → on track; at least 80% of
 *   that → at risk; else off track.
 * When baseline equals target the KPI means "keep it there": the way covered is
 * 1 when the value is on the right side of the target (per direction), else 0.
 */
import { dateOfDay, dayNumber, toIsoDate, type DateInput } from './dates.ts';
import { clamp, fmt, pct, plural } from './format.ts';
import type { Kpi, KpiDirection, Measurement } from './schema.ts';

export const KPI_STATUSES = ['on-track', 'at-risk', 'off-track', 'no-data'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

/** The thresholds of the status rule above. */
export const KPI_STATUS_RULE = {
  /** A forecast (or progress) that covers at least this share of what is needed is "at risk" rather than "off track". */
  atRiskShare: 0.8,
} as const;

export interface LinearFit {
  /** Change per day. */
  slope: number;
  /** Value on day 0 (1970-01-01); use `valueAt` rather than this for dates. */
  intercept: number;
  /** Number of points fitted. */
  n: number;
  /** Mean of x (days), kept for numerically stable evaluation. */
  meanX: number;
  meanY: number;
}

/**
 * Ordinary least squares y = a + b·x. Undefined when there are fewer than two
 * distinct x values (no line is determined).
 */
export function fitLine(points: readonly { x: number; y: number }[]): LinearFit | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
  }
  const meanX = sx / n;
  const meanY = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dx = p.x - meanX;
    sxx += dx * dx;
    sxy += dx * (p.y - meanY);
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX, n, meanX, meanY };
}

/** The fitted line's value at x. */
export function valueAt(fit: LinearFit, x: number): number {
  return fit.meanY + fit.slope * (x - fit.meanX);
}

export interface KpiEvaluation {
  kpi: string;
  name: string;
  status: KpiStatus;
  /** Share of the way from baseline to target covered by the latest value, clamped to 0..1. */
  progress: number;
  latest?: Measurement;
  /** The least-squares trend, when two or more dated points exist. */
  trend?: { slopePerDay: number; points: number; direction: 'improving' | 'worsening' | 'flat' };
  /** The trend's value on the target date. */
  forecast?: number;
  /** Share of the way the forecast covers (not clamped: 1.2 = overshoots). */
  forecastProgress?: number;
  /** Share of the time to the target date gone by (used with fewer than two points). */
  expectedProgress?: number;
  /** When the trend line reaches the target, if it is heading there and has not yet. */
  reachesTargetOn?: string;
  explanation: string;
}

/** Share of the way from baseline to target that `value` covers (unclamped); baseline == target handled per direction. */
export function wayCovered(value: number, baseline: number, target: number, direction: KpiDirection): number {
  if (target === baseline) return (direction === 'increase' ? value >= target : value <= target) ? 1 : 0;
  const w = (value - baseline) / (target - baseline);
  return Number.isFinite(w) ? w : 0;
}

function statusFromShare(share: number, needed: number): KpiStatus {
  if (share >= needed) return 'on-track';
  if (share >= needed * KPI_STATUS_RULE.atRiskShare) return 'at-risk';
  return 'off-track';
}

/** Evaluates one KPI on `now`: progress, trend, forecast at the target date, status and why. */
export function evaluateKpi(kpi: Kpi, now: DateInput): KpiEvaluation {
  const today = dayNumber(now);
  const targetDay = dayNumber(kpi.targetDate);
  const unit = kpi.unit ? ` ${kpi.unit}` : '';
  const v = (x: number) => `${fmt(x)}${unit}`;
  const base = { kpi: kpi.id, name: kpi.name };
  const measurements = [...kpi.measurements].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const latest = measurements.at(-1);
  if (!latest) {
    return {
      ...base,
      status: 'no-data',
      progress: 0,
      explanation: `No measurements yet for "${kpi.name}"; its status is unknown.`,
    };
  }
  const way = (x: number) => wayCovered(x, kpi.baseline, kpi.target, kpi.direction);
  const progress = clamp(way(latest.value));
  const where = `Latest ${v(latest.value)} (${latest.date}) is ${pct(progress)} of the way from baseline ${v(kpi.baseline)} to target ${v(kpi.target)} by ${kpi.targetDate}.`;

  const points = measurements.map((m) => ({ x: dayNumber(m.date), y: m.value }));
  if (kpi.baselineDate !== undefined && !measurements.some((m) => m.date === kpi.baselineDate)) {
    points.unshift({ x: dayNumber(kpi.baselineDate), y: kpi.baseline });
  }
  const fit = fitLine(points);
  const out: KpiEvaluation = { ...base, status: 'no-data', progress, latest, explanation: '' };
  if (fit) {
    const toward =
      kpi.target === kpi.baseline
        ? kpi.direction === 'increase'
          ? 1
          : -1
        : Math.sign(kpi.target - kpi.baseline);
    const span = points[points.length - 1]!.x - points[0]!.x || 1;
    const scale = Math.max(Math.abs(kpi.target - kpi.baseline), Math.abs(fit.meanY), 1e-12);
    const flat = Math.abs(fit.slope * span) <= 1e-9 * scale;
    out.trend = {
      slopePerDay: fit.slope,
      points: points.length,
      direction: flat ? 'flat' : fit.slope * toward > 0 ? 'improving' : 'worsening',
    };
    out.forecast = valueAt(fit, targetDay);
    out.forecastProgress = way(out.forecast);
    if (progress < 1 && fit.slope * toward > 0 && kpi.target !== kpi.baseline) {
      const day = fit.meanX + (kpi.target - fit.meanY) / fit.slope;
      if (Number.isFinite(day) && Math.abs(day - today) < 365 * 100)
        out.reachesTargetOn = dateOfDay(Math.ceil(day));
    }
  }
  if (today >= targetDay) {
    out.status = progress >= 1 ? 'on-track' : 'off-track';
    out.explanation = `${where} The target date has passed: ${progress >= 1 ? 'target reached, on track' : 'target not reached, off track'}.`;
    return out;
  }
  if (fit && out.forecast !== undefined && out.forecastProgress !== undefined) {
    out.status = statusFromShare(out.forecastProgress, 1);
    out.explanation =
      `${where} The least-squares trend over ${plural(points.length, 'point')} (${fmt(fit.slope * 30, 3)}${unit} per 30 days, ${out.trend!.direction}) ` +
      `forecasts ${v(out.forecast)} on ${kpi.targetDate}, ${pct(out.forecastProgress)} of the way: ${label(out.status)} ` +
      `(on track needs 100%, at risk ≥ ${pct(KPI_STATUS_RULE.atRiskShare)}).`;
    return out;
  }
  // One point: progress against elapsed time.
  const start = dayNumber(kpi.baselineDate ?? latest.date);
  const expected = start >= targetDay ? 1 : clamp((today - start) / (targetDay - start));
  out.expectedProgress = expected;
  out.status =
    expected === 0
      ? progress > 0 || way(latest.value) >= 0
        ? 'on-track'
        : 'at-risk'
      : statusFromShare(progress, expected);
  out.explanation =
    `${where} With one measurement there is no trend yet; ${pct(expected)} of the time to the target date has gone by, ` +
    `so progress ${pct(progress)} is ${label(out.status)} (on track when progress keeps pace with time, at risk at ≥ ${pct(KPI_STATUS_RULE.atRiskShare)} of that pace).`;
  return out;
}

function label(s: KpiStatus): string {
  return s === 'no-data' ? 'no data' : s.replace('-', ' ');
}

/** Evaluates every KPI. */
export function evaluateKpis(kpis: readonly Kpi[], now: DateInput): KpiEvaluation[] {
  toIsoDate(now);
  return kpis.map((k) => evaluateKpi(k, now));
}
