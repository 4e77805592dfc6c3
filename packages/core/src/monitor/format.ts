/** Number formatting for explanations: short, stable, never "NaN". */

/** A number with at most `digits` decimals and no trailing zeros (e.g. 0.5, 12, 3.14). */
export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : n < 0 ? '−∞' : 'n/a';
  const r = Number(n.toFixed(digits));
  return String(Object.is(r, -0) ? 0 : r);
}

/** A share 0..1 as a whole percentage, e.g. "40%". */
export function pct(share: number): string {
  return `${fmt(share * 100, 0)}%`;
}

/** "1 thing" / "3 things". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Clamps to [lo, hi]; NaN becomes lo. */
export function clamp(x: number, lo = 0, hi = 1): number {
  return Number.isNaN(x) ? lo : Math.min(hi, Math.max(lo, x));
}

/** Arithmetic mean (0 for an empty list). */
export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
}

/** Median (0 for an empty list). */
export function median(xs: readonly number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
