/** Number formatting for explanations: what a partner reads must match what they can recompute. */

/** A number as people write it: integers as is, others to 6 significant digits without trailing zeros. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  if (!Number.isFinite(x)) return String(x);
  const s = Math.abs(x) >= 1e-4 && Math.abs(x) < 1e15 ? x.toPrecision(6) : x.toExponential(4);
  return s.includes('e') ? s : s.replace(/\.?0+$/, '');
}

/** A fraction as a percentage with two decimals, e.g. 0.12345 → "12.35%". */
export function formatPercent(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}
