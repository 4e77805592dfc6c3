/**
 * Which pairs of a subcategory's organizations get a `competition` tie.
 *
 * All pairs of n organizations is n(n-1)/2 ties: 19,900 for a subcategory of 200.
 * Above a budget we keep a sparse, deterministic, well-connected subset instead:
 * a ring over the organizations (sorted by id) plus "chords" of a circulant
 * graph, the long ones first (offsets ⌊n/2⌋, ⌊n/3⌋, …), so every organization
 * keeps a few competitors and the subcategory stays one connected piece with a
 * small diameter. Strength is computed from the real membership elsewhere; this
 * only decides which pairs are written.
 */

/** Default: all pairs up to 10 organizations (45 ties), else a ring plus two chord offsets (~3 ties per organization). */
export const DEFAULT_MIN_TIE_BUDGET = 45;
export const DEFAULT_TIES_PER_ORGANIZATION = 3;

/**
 * The number of ties a subcategory of n organizations may contribute.
 * `max` undefined: max(45, 3n). `max` = 0: none (competition ties off).
 * Otherwise max(max, n): never fewer than a ring, so no subcategory falls apart.
 */
export function tieBudget(n: number, max?: number): number {
  if (n < 2) return 0;
  if (max === undefined) return Math.max(DEFAULT_MIN_TIE_BUDGET, DEFAULT_TIES_PER_ORGANIZATION * n);
  if (max <= 0) return 0;
  return Math.max(Math.floor(max), n);
}

/** Offsets of the circulant graph in the order they are used: 1 (the ring), then ⌊n/2⌋, ⌊n/3⌋, …, then the rest ascending. */
function chordOffsets(n: number): number[] {
  const half = Math.floor(n / 2);
  const seen = new Set<number>([1]);
  const out = [1];
  for (let d = 2; d <= n; d++) {
    const k = Math.floor(n / d);
    if (k > 1 && !seen.has(k)) {
      seen.add(k);
      out.push(k);
    }
  }
  for (let k = 2; k <= half; k++) if (!seen.has(k)) out.push(k);
  return out;
}

/**
 * The pairs [i, j] (i < j, indices into a list of n organizations) to tie, at most
 * `budget` of them: all pairs when they fit, else ring + chords as described above.
 */
export function selectTies(n: number, budget: number): [number, number][] {
  const all = (n * (n - 1)) / 2;
  const pairs: [number, number][] = [];
  if (n < 2 || budget <= 0) return pairs;
  if (all <= budget) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
    return pairs;
  }
  const seen = new Set<number>();
  for (const k of chordOffsets(n)) {
    for (let i = 0; i < n; i++) {
      const j = (i + k) % n;
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      const key = a * n + b;
      if (a === b || seen.has(key)) continue;
      seen.add(key);
      pairs.push([a, b]);
      if (pairs.length >= budget) return pairs;
    }
  }
  return pairs;
}
