/**
 * The searches behind recommendPortfolio (see portfolio.ts for the rules):
 * exact enumeration, the greedy with the dependency cap and its local search,
 * and the order in which picks are explained. Works on need and pool indices.
 */

/** Tolerance for comparing values and shares. */
export const EPS = 1e-9;
export const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Σ_{s=0..k} C(n, s), stopping early once above `limit`. */
export function selectionCount(n: number, k: number, limit: number): number {
  let term = 1;
  let sum = 1;
  for (let s = 1; s <= Math.min(n, k); s++) {
    term = (term * (n - s + 1)) / s;
    sum += term;
    if (sum > limit) return sum;
  }
  return sum;
}

/** A pool prepared for search: need weights and, per candidate, the needs it covers. */
export interface Prepared {
  w: Float64Array;
  /** pool index → indices of the positive-weight needs it covers */
  covers: Int32Array[];
  pool: { id: string; name: string }[];
  /** A zeroed buffer, one slot per need, that evaluate() borrows and leaves zeroed. */
  scratch: Int32Array;
}

/** Credited value per pick, covered value, and the largest share, for a selection. */
export function evaluate(
  sel: readonly number[],
  p: Prepared,
): { covered: number; credited: number[]; top: number } {
  const count = p.scratch;
  for (const c of sel) for (const j of p.covers[c]!) count[j]!++;
  // Each covered need's weight is split among its providers, so the credits add up to the covered value.
  let covered = 0;
  let best = 0;
  const credited = sel.map((c) => {
    let v = 0;
    for (const j of p.covers[c]!) v += p.w[j]! / count[j]!;
    covered += v;
    if (v > best) best = v;
    return v;
  });
  for (const c of sel) for (const j of p.covers[c]!) count[j]!--;
  return { covered, credited, top: covered > 0 ? best / covered : 0 };
}

export const withinCap = (top: number, cap: number) => top <= cap + EPS;

/** Exact search over every selection of m0..k pool members (depth-first, lexicographic). */
export function exactSearch(p: Prepared, k: number, cap: number, m0: number): number[] {
  const n = p.pool.length;
  const count = new Int32Array(p.w.length);
  let best: number[] = [];
  let bestCovered = 0;
  let bestTop = Infinity;
  const sel: number[] = [];
  let covered = 0;
  const visit = (start: number) => {
    if (sel.length >= m0) {
      const better =
        covered > bestCovered + EPS ||
        (Math.abs(covered - bestCovered) <= EPS && best.length > 0 && sel.length < best.length);
      const tieSize = Math.abs(covered - bestCovered) <= EPS && sel.length === best.length;
      if (better || tieSize) {
        const { top } = evaluate(sel, p);
        if (withinCap(top, cap) && (better || top < bestTop - EPS)) {
          best = [...sel];
          bestCovered = covered;
          bestTop = top;
        }
      }
    }
    if (sel.length === k) return;
    for (let c = start; c < n; c++) {
      sel.push(c);
      for (const j of p.covers[c]!) if (count[j]!++ === 0) covered += p.w[j]!;
      visit(c + 1);
      for (const j of p.covers[c]!) if (--count[j]! === 0) covered -= p.w[j]!;
      sel.pop();
    }
  };
  visit(0);
  return best;
}

/** How many other first picks the capped greedy also tries (the largest standalone values). */
const GREEDY_RESTARTS = 6;

/**
 * One greedy run by marginal coverage with the cap (optionally forcing the first
 * pick); returns the picks in order and the candidates skipped for the cap.
 */
function greedyRun(
  p: Prepared,
  k: number,
  cap: number,
  m0: number,
  first?: number,
): { sel: number[]; skipped: Map<number, string> } {
  const n = p.pool.length;
  const sel: number[] = [];
  const covered = new Uint8Array(p.w.length);
  const skipped = new Map<number, string>();
  const take = (c: number) => {
    skipped.delete(c);
    sel.push(c);
    for (const j of p.covers[c]!) covered[j] = 1;
  };
  if (first !== undefined && k > 0) take(first);
  while (sel.length < k) {
    const inSel = new Set(sel);
    const within = sel.length >= m0 && withinCap(evaluate(sel, p).top, cap);
    const options: { c: number; gain: number; top: number }[] = [];
    for (let c = 0; c < n; c++) {
      if (inSel.has(c)) continue;
      let gain = 0;
      for (const j of p.covers[c]!) if (!covered[j]) gain += p.w[j]!;
      if (gain <= EPS && within) continue; // adds nothing and no dilution is needed
      sel.push(c);
      options.push({ c, gain, top: evaluate(sel, p).top });
      sel.pop();
    }
    if (options.length === 0) break;
    options.sort((a, b) => b.gain - a.gain || a.top - b.top || a.c - b.c);
    let chosen: number | undefined;
    for (const o of options) {
      // A selection smaller than m0 cannot meet the cap yet; it is checked once it can.
      if (sel.length + 1 < m0 || withinCap(o.top, cap)) {
        chosen = o.c;
        break;
      }
      if (o.gain > EPS && !skipped.has(o.c)) {
        skipped.set(o.c, `would carry ${pct(o.top)} of the covered value, above the ${pct(cap)} cap`);
      }
    }
    if (chosen === undefined) {
      if (sel.length + 1 === k) break;
      // Nothing keeps the portfolio within the cap now: take the pick that leaves the smallest top share; later picks may dilute it.
      chosen = [...options].sort((a, b) => a.top - b.top || b.gain - a.gain || a.c - b.c)[0]!.c;
    }
    take(chosen);
  }
  return { sel, skipped };
}

/**
 * The greedy search. Without a cap: one greedy run (the (1 − 1/e) bound). With a
 * cap: the greedy run and runs forced to start from the next few largest
 * candidates, each improved by local search; the best result within the cap wins.
 */
export function greedySearch(
  p: Prepared,
  k: number,
  cap: number,
  m0: number,
): { sel: number[]; skipped: Map<number, string>; notes: string[] } {
  const notes: string[] = [];
  const base = greedyRun(p, k, cap, m0);
  if (cap >= 1) return { ...base, notes };
  const value = (c: number) => p.covers[c]!.reduce((a, j) => a + p.w[j]!, 0);
  const starts = p.pool
    .map((_, c) => c)
    .filter((c) => c !== base.sel[0])
    .sort((a, b) => value(b) - value(a) || a - b)
    .slice(0, GREEDY_RESTARTS);
  let best = { ...improveBySwaps(base.sel, p, k, cap), run: base, start: -1 };
  let bestStanding = standing(best.sel, p, cap);
  for (const start of starts) {
    const run = greedyRun(p, k, cap, m0, start);
    const improved = improveBySwaps(run.sel, p, k, cap);
    const s = standing(improved.sel, p, cap);
    if (isBetter(s, bestStanding)) {
      best = { ...improved, run, start };
      bestStanding = s;
    }
  }
  if (best.start >= 0)
    notes.push(
      `The best portfolio within the cap came from a greedy run started at ${p.pool[best.start]!.name}.`,
    );
  if (best.moves > 0) notes.push(`Local search then made ${best.moves} swap(s), addition(s) or removal(s).`);
  if (best.sel.length > 0 && !withinCap(bestStanding.top, cap)) {
    notes.push(
      `The greedy search found no portfolio within the ${pct(cap)} cap; try a larger k, a higher cap, or the exact method.`,
    );
    return { sel: [], skipped: best.run.skipped, notes };
  }
  return { sel: best.sel, skipped: best.run.skipped, notes };
}

interface Standing {
  /** How far the top share is above the cap (0 when within it; 1 for an empty selection, which helps nobody). */
  excess: number;
  covered: number;
  size: number;
  top: number;
}

function standing(sel: readonly number[], p: Prepared, cap: number): Standing {
  const { covered, top } = evaluate(sel, p);
  const excess = sel.length ? Math.max(0, top - cap) : 1;
  return { excess, covered, size: sel.length, top };
}

/** Within the cap first (less excess), then more covered value, fewer picks, lower top share. */
function isBetter(a: Standing, b: Standing): boolean {
  if (Math.abs(a.excess - b.excess) > EPS) return a.excess < b.excess;
  if (Math.abs(a.covered - b.covered) > EPS) return a.covered > b.covered;
  if (a.size !== b.size) return a.size < b.size;
  return a.top < b.top - EPS;
}

/**
 * Local search after the greedy when there is a cap: repeatedly makes the best
 * single swap, addition or removal, first to bring every partner within the cap,
 * then to cover more. It never makes a result worse, so the greedy's bound holds.
 */
function improveBySwaps(
  start: readonly number[],
  p: Prepared,
  k: number,
  cap: number,
): { sel: number[]; moves: number } {
  let sel = [...start];
  let cur = standing(sel, p, cap);
  let moves = 0;
  const n = p.pool.length;
  for (let iter = 0; iter < 4 * k + 20; iter++) {
    let best: number[] | undefined;
    let bestStanding = cur;
    const consider = (next: number[]) => {
      const s = standing(next, p, cap);
      if (isBetter(s, bestStanding)) {
        best = next;
        bestStanding = s;
      }
    };
    const inSel = new Set(sel);
    for (let i = 0; i < sel.length; i++) consider(sel.filter((_, j) => j !== i));
    for (let c = 0; c < n; c++) {
      if (inSel.has(c)) continue;
      if (sel.length < k) consider([...sel, c]);
      for (let i = 0; i < sel.length; i++) consider(sel.map((x, j) => (j === i ? c : x)));
    }
    if (!best) break;
    sel = best;
    cur = bestStanding;
    moves++;
  }
  return { sel, moves };
}

/** Orders a selection for explanation: largest marginal gain first (ties: input order). */
export function explainOrder(sel: readonly number[], p: Prepared): number[] {
  const left = [...sel].sort((a, b) => a - b);
  const covered = new Uint8Array(p.w.length);
  const out: number[] = [];
  while (left.length) {
    let bi = 0;
    let bg = -1;
    left.forEach((c, i) => {
      let g = 0;
      for (const j of p.covers[c]!) if (!covered[j]) g += p.w[j]!;
      if (g > bg + EPS) {
        bg = g;
        bi = i;
      }
    });
    const c = left.splice(bi, 1)[0]!;
    out.push(c);
    for (const j of p.covers[c]!) covered[j] = 1;
  }
  return out;
}
