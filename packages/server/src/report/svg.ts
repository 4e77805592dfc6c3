/**
 * Small server-side SVG charts for the executive report: they need no script,
 * work offline, and print (the report is also rendered to PDF). Every chart is
 * `role="img"` with an accessible label and a <title>; text is escaped.
 */

/** Escapes text for HTML and SVG. */
export function esc(s: unknown): string {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export const COLORS = {
  green: '#2b8a3e',
  amber: '#e67700',
  red: '#c92a2a',
  grey: '#868e96',
  light: '#e9ecef',
  ink: '#212529',
  muted: '#495057',
  brand: '#1c7ed6',
  teal: '#0c8599',
  violet: '#6741d9',
} as const;

export const RAG_COLORS: Record<string, string> = {
  green: COLORS.green,
  amber: COLORS.amber,
  red: COLORS.red,
};

const num = (n: number) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : 0);

function frame(width: number, height: number, label: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${num(width)} ${num(height)}" width="${num(width)}" height="${num(height)}" role="img" aria-label="${esc(label)}" class="chart"><title>${esc(label)}</title>${body}</svg>`;
}

export interface BarRow {
  label: string;
  value: number;
  /** Text after the bar (default: the value). */
  valueLabel?: string;
  color?: string;
}

/** Horizontal bars on a shared scale from 0 to `max` (default: the largest value). */
export function hbarChart(
  rows: readonly BarRow[],
  opts: {
    label: string;
    max?: number;
    width?: number;
    labelWidth?: number;
    barHeight?: number;
    valueWidth?: number;
  },
): string {
  const width = opts.width ?? 640;
  const labelWidth = opts.labelWidth ?? 220;
  const valueWidth = opts.valueWidth ?? 70;
  const bh = opts.barHeight ?? 18;
  const gap = 8;
  const max = opts.max ?? Math.max(1e-9, ...rows.map((r) => r.value));
  const plot = width - labelWidth - valueWidth;
  const height = rows.length * (bh + gap) + gap;
  const body = rows
    .map((r, i) => {
      const y = gap + i * (bh + gap);
      const w = Math.max(0, Math.min(1, r.value / max)) * plot;
      return (
        `<text x="${labelWidth - 8}" y="${num(y + bh * 0.72)}" text-anchor="end" font-size="12" fill="${COLORS.ink}">${esc(truncate(r.label, Math.floor(labelWidth / 6.5)))}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${num(plot)}" height="${bh}" rx="3" fill="${COLORS.light}"/>` +
        `<rect x="${labelWidth}" y="${y}" width="${num(w)}" height="${bh}" rx="3" fill="${r.color ?? COLORS.brand}"/>` +
        `<text x="${num(labelWidth + plot + 8)}" y="${num(y + bh * 0.72)}" font-size="12" font-weight="600" fill="${COLORS.ink}">${esc(r.valueLabel ?? String(num(r.value)))}</text>`
      );
    })
    .join('');
  return frame(width, height, opts.label, body);
}

/** Two bars per row (e.g. contributed and received), on one scale, with a legend. */
export function pairedBarChart(
  rows: readonly { label: string; a: number; b: number }[],
  opts: {
    label: string;
    legend: [string, string];
    format?: (n: number) => string;
    width?: number;
    labelWidth?: number;
  },
): string {
  const width = opts.width ?? 640;
  const labelWidth = opts.labelWidth ?? 200;
  const valueWidth = 64;
  const bh = 11;
  const rowH = bh * 2 + 12;
  const fmt = opts.format ?? ((n: number) => String(num(n)));
  const max = Math.max(1e-9, ...rows.flatMap((r) => [r.a, r.b]));
  const plot = width - labelWidth - valueWidth;
  const legendH = 22;
  const height = legendH + rows.length * rowH + 4;
  const colors = [COLORS.brand, COLORS.teal];
  const legend = opts.legend
    .map(
      (l, i) =>
        `<rect x="${labelWidth + i * 150}" y="4" width="12" height="12" rx="2" fill="${colors[i]}"/><text x="${labelWidth + i * 150 + 18}" y="14" font-size="12" fill="${COLORS.muted}">${esc(l)}</text>`,
    )
    .join('');
  const body = rows
    .map((r, i) => {
      const y = legendH + i * rowH + 4;
      const bar = (v: number, k: number) => {
        const w = Math.max(0, v / max) * plot;
        const yy = y + k * (bh + 2);
        return `<rect x="${labelWidth}" y="${yy}" width="${num(Math.max(w, v > 0 ? 1.5 : 0))}" height="${bh}" rx="2" fill="${colors[k]}"/><text x="${num(labelWidth + w + 6)}" y="${num(yy + bh - 1.5)}" font-size="10.5" fill="${COLORS.ink}">${esc(fmt(v))}</text>`;
      };
      return `<text x="${labelWidth - 8}" y="${num(y + bh + 4)}" text-anchor="end" font-size="12" fill="${COLORS.ink}">${esc(truncate(r.label, Math.floor(labelWidth / 6.5)))}</text>${bar(r.a, 0)}${bar(r.b, 1)}`;
    })
    .join('');
  return frame(width, height, opts.label, legend + body);
}

/** A small line of values over time, with its last point marked; one value draws a dot. */
export function sparkline(
  values: readonly number[],
  opts: { label: string; width?: number; height?: number; min?: number; max?: number; color?: string },
): string {
  const width = opts.width ?? 120;
  const height = opts.height ?? 28;
  const pad = 3;
  const min = opts.min ?? Math.min(...values);
  const max = opts.max ?? Math.max(...values);
  const span = max - min;
  const x = (i: number) =>
    values.length === 1 ? width - pad : pad + (i / (values.length - 1)) * (width - 2 * pad);
  // A flat line (or one value) without a given scale sits in the middle.
  const y = (v: number) => (span ? height - pad - ((v - min) / span) * (height - 2 * pad) : height / 2);
  const color = opts.color ?? COLORS.brand;
  if (!values.length) return frame(width, height, opts.label, '');
  const pts = values.map((v, i) => `${num(x(i))},${num(y(v))}`).join(' ');
  const last = values.length - 1;
  const line =
    values.length > 1
      ? `<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="1.8" stroke-linejoin="round"/>`
      : `<line x1="${pad}" x2="${width - pad}" y1="${num(y(values[0]!))}" y2="${num(y(values[0]!))}" stroke="${COLORS.light}" stroke-dasharray="3 3"/>`;
  return frame(
    width,
    height,
    opts.label,
    `${line}<circle cx="${num(x(last))}" cy="${num(y(values[last]!))}" r="3" fill="${color}"/>`,
  );
}

/** A line chart of dated values with a labelled y axis (e.g. the health score over time, 0–100 with the RAG bands). */
export function lineChart(
  points: readonly { x: string; y: number }[],
  opts: {
    label: string;
    width?: number;
    height?: number;
    min: number;
    max: number;
    bands?: { from: number; to: number; color: string }[];
    color?: string;
  },
): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 160;
  const left = 34;
  const right = 12;
  const top = 10;
  const bottom = 24;
  const pw = width - left - right;
  const ph = height - top - bottom;
  const span = opts.max - opts.min || 1;
  const y = (v: number) => top + ph - ((v - opts.min) / span) * ph;
  const x = (i: number) => (points.length <= 1 ? left + pw : left + (i / (points.length - 1)) * pw);
  const bands = (opts.bands ?? [])
    .map(
      (b) =>
        `<rect x="${left}" y="${num(y(b.to))}" width="${pw}" height="${num(y(b.from) - y(b.to))}" fill="${b.color}" opacity="0.09"/>`,
    )
    .join('');
  const ticks = [opts.min, (opts.min + opts.max) / 2, opts.max]
    .map(
      (t) =>
        `<text x="${left - 6}" y="${num(y(t) + 4)}" text-anchor="end" font-size="10" fill="${COLORS.muted}">${num(t)}</text><line x1="${left}" x2="${left + pw}" y1="${num(y(t))}" y2="${num(y(t))}" stroke="${COLORS.light}"/>`,
    )
    .join('');
  const color = opts.color ?? COLORS.brand;
  const line =
    points.length > 1
      ? `<polyline points="${points.map((p, i) => `${num(x(i))},${num(y(p.y))}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`
      : '';
  const dots = points
    .map((p, i) => `<circle cx="${num(x(i))}" cy="${num(y(p.y))}" r="3" fill="${color}"/>`)
    .join('');
  const first = points[0];
  const last = points.at(-1);
  const xlabels =
    (first
      ? `<text x="${points.length > 1 ? left : left + pw}" y="${height - 6}" font-size="10" fill="${COLORS.muted}" text-anchor="${points.length > 1 ? 'start' : 'end'}">${esc(first.x)}</text>`
      : '') +
    (last && points.length > 1
      ? `<text x="${left + pw}" y="${height - 6}" font-size="10" fill="${COLORS.muted}" text-anchor="end">${esc(last.x)}</text>`
      : '');
  return frame(width, height, opts.label, bands + ticks + line + dots + xlabels);
}

/**
 * The perception gap, dimension by dimension: each organization's mean as a dot
 * on the 1–5 scale, the span between the lowest and the highest drawn as a bar
 * (red when flagged), lowest and highest named.
 */
export function gapChart(
  rows: readonly { label: string; points: { name: string; value: number }[]; flagged: boolean }[],
  opts: { label: string; width?: number; labelWidth?: number },
): string {
  const width = opts.width ?? 640;
  const labelWidth = opts.labelWidth ?? 170;
  const right = 16;
  const rowH = 30;
  const top = 18;
  const pw = width - labelWidth - right;
  const x = (v: number) => labelWidth + ((v - 1) / 4) * pw;
  const scale = [1, 2, 3, 4, 5]
    .map(
      (t) =>
        `<text x="${num(x(t))}" y="12" text-anchor="middle" font-size="10" fill="${COLORS.muted}">${t}</text><line x1="${num(x(t))}" x2="${num(x(t))}" y1="${top}" y2="${top + rows.length * rowH}" stroke="${COLORS.light}"/>`,
    )
    .join('');
  const body = rows
    .map((r, i) => {
      const cy = top + i * rowH + rowH / 2;
      const vals = r.points.map((p) => p.value);
      const lo = Math.min(...vals);
      const hi = Math.max(...vals);
      const color = r.flagged ? COLORS.red : COLORS.grey;
      const span =
        vals.length > 1
          ? `<rect x="${num(x(lo))}" y="${num(cy - 3)}" width="${num(Math.max(1, x(hi) - x(lo)))}" height="6" rx="3" fill="${color}" opacity="${r.flagged ? 0.35 : 0.2}"/>`
          : '';
      const dots = r.points
        .map(
          (p) =>
            `<circle cx="${num(x(p.value))}" cy="${num(cy)}" r="4.5" fill="${r.flagged && (p.value === lo || p.value === hi) ? COLORS.red : COLORS.brand}" stroke="#fff" stroke-width="1"><title>${esc(`${p.name}: ${num(p.value)}`)}</title></circle>`,
        )
        .join('');
      const lowName = r.points.find((p) => p.value === lo)?.name ?? '';
      const note = r.flagged
        ? `<text x="${num(x(lo))}" y="${num(cy + 13)}" font-size="9.5" fill="${COLORS.red}">${esc(truncate(lowName, 28))}</text>`
        : '';
      return `<text x="${labelWidth - 10}" y="${num(cy + 4)}" text-anchor="end" font-size="12" font-weight="${r.flagged ? 700 : 400}" fill="${r.flagged ? COLORS.red : COLORS.ink}">${esc(truncate(r.label, 26))}</text>${span}${dots}${note}`;
    })
    .join('');
  return frame(width, top + rows.length * rowH + 6, opts.label, scale + body);
}

/** A thin progress bar (0..1) for tables. */
export function progressBar(share: number, opts: { label: string; color?: string; width?: number }): string {
  const width = opts.width ?? 90;
  const s = Math.max(0, Math.min(1, Number.isFinite(share) ? share : 0));
  return frame(
    width,
    8,
    opts.label,
    `<rect width="${width}" height="8" rx="4" fill="${COLORS.light}"/><rect width="${num(s * width)}" height="8" rx="4" fill="${opts.color ?? COLORS.brand}"/>`,
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, Math.max(1, n - 1))}…` : s;
}
