/**
 * One KPI's chart: the measurements, the target as a horizontal line (and the
 * target date as a vertical one), the plan from the dated baseline to the
 * target, the least-squares trend over the measurements and its forecast to
 * the target date — the series core's kpiChart computed with the status.
 */
import { Box } from '@mantine/core';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { KpiChartData } from './kpi-api.ts';

const DAY = 86_400_000;
const t = (d: string) => Date.parse(`${d}T00:00:00Z`);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const tick = (ms: number) => {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCFullYear()).slice(2)}`;
};
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const num = (v: number) =>
  Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : Number(v.toFixed(2)).toLocaleString('en');

/** Round axis bounds and 4–6 ticks at 1, 2, 2.5 or 5 × a power of ten; 0 stays the floor of positive data. */
export function niceScale(min: number, max: number): { lo: number; hi: number; ticks: number[] } {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  let lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  if (min >= 0 && lo < 0) lo = 0;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { lo, hi, ticks };
}

interface Row {
  x: number;
  measured?: number;
  baseline?: number;
  plan?: number;
  trend?: number;
  forecast?: number;
}

export function KpiChart(props: { chart: KpiChartData; today: string; height?: number }) {
  const c = props.chart;
  const rows = new Map<number, Row>();
  const at = (x: number) => {
    let r = rows.get(x);
    if (!r) rows.set(x, (r = { x }));
    return r;
  };
  for (const p of c.points) {
    if (p.kind === 'baseline') at(t(p.date)).baseline = p.value;
    else at(t(p.date)).measured = p.value;
  }
  if (c.plan) for (const p of c.plan) at(t(p.date)).plan = p.value;
  if (c.trend) for (const p of c.trend) at(t(p.date)).trend = p.value;
  if (c.forecast) for (const p of c.forecast) at(t(p.date)).forecast = p.value;
  const data = [...rows.values()].sort((a, b) => a.x - b.x);
  const lo = t(c.domain[0]) - 10 * DAY;
  const hi = t(c.domain[1]) + 10 * DAY;
  const unit = c.unit ? ` ${c.unit}` : '';
  const values = [
    ...c.points.map((p) => p.value),
    c.target,
    c.baseline,
    ...(c.forecast ? [c.forecast[1].value] : []),
  ];
  const minY = Math.min(...values);
  const maxY = Math.max(...values);
  const { lo: yLo, hi: yHi, ticks } = niceScale(minY, maxY);
  const label = `${c.name}: ${c.evaluation.explanation}`;

  return (
    <Box
      role="img"
      aria-label={label}
      data-testid={`kpi-chart-${c.kpi}`}
      data-has-forecast={Boolean(c.forecast)}
      style={{ width: '100%', height: props.height ?? 260 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 16, right: 24, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="var(--mantine-color-gray-2)" strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            scale="time"
            domain={[lo, hi]}
            tickFormatter={tick}
            fontSize={11}
            stroke="var(--mantine-color-gray-7)"
          />
          <YAxis
            domain={[yLo, yHi]}
            ticks={ticks}
            fontSize={11}
            width={52}
            stroke="var(--mantine-color-gray-7)"
            tickFormatter={(v: number) => num(v)}
          />
          <Tooltip
            labelFormatter={(v) => day(Number(v))}
            formatter={(v, name) => [`${num(Number(v))}${unit}`, String(name)]}
            contentStyle={{ fontSize: 12, borderRadius: 8 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine
            y={c.target}
            stroke="var(--mantine-color-teal-7)"
            strokeWidth={1.5}
            label={{
              value: `target ${num(c.target)}${unit}`,
              position: 'insideTopLeft',
              fontSize: 11,
              fill: 'var(--mantine-color-teal-9)',
            }}
          />
          <ReferenceLine
            x={t(c.targetDate)}
            stroke="var(--mantine-color-teal-7)"
            strokeDasharray="2 4"
            label={{
              value: c.targetDate,
              position: 'insideTopRight',
              fontSize: 11,
              fill: 'var(--mantine-color-teal-9)',
            }}
          />
          <ReferenceLine
            x={t(props.today)}
            stroke="var(--mantine-color-red-6)"
            strokeDasharray="4 3"
            label={{
              value: 'today',
              position: 'insideBottomRight',
              fontSize: 10,
              fill: 'var(--mantine-color-red-8)',
            }}
          />
          {c.plan && (
            <Line
              name="plan (baseline → target)"
              dataKey="plan"
              stroke="var(--mantine-color-gray-5)"
              strokeDasharray="6 4"
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          )}
          {c.trend && (
            <Line
              name="trend (least squares)"
              dataKey="trend"
              stroke="var(--mantine-color-grape-6)"
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          )}
          {c.forecast && (
            <Line
              name="forecast to target date"
              dataKey="forecast"
              stroke="var(--mantine-color-grape-6)"
              strokeWidth={2}
              strokeDasharray="5 4"
              dot={{ r: 3 }}
              connectNulls
              isAnimationActive={false}
            />
          )}
          {c.points.some((p) => p.kind === 'baseline') && (
            <Line
              name="baseline"
              dataKey="baseline"
              stroke="none"
              dot={{ r: 4, fill: 'var(--mantine-color-gray-6)' }}
              isAnimationActive={false}
              legendType="circle"
            />
          )}
          <Line
            name="measured"
            dataKey="measured"
            stroke="var(--mantine-color-brand-7)"
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </Box>
  );
}
