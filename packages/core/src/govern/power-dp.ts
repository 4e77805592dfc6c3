/**
 * Exact power indices of an integer weighted game with veto members by generating functions
 * (Brams & Affuso 1976; Bilbao, Fernández, Jiménez & López 2000), without enumerating coalitions.
 *
 * Veto members are fixed in: a coalition can only win when it holds all of them, so with
 * F their total weight, O the other members and q' = q − F,
 *  - member i of O swings exactly for T ⊆ O∖{i} with w(T) in [q' − w_i, q' − 1] (plus all veto members);
 *  - a veto member swings exactly for T ⊆ O with w(T) ≥ q' (plus the other veto members).
 * Counts are kept as probabilities of a uniform random subset (or, for Shapley–Shubik, of a
 * uniform random subset of each size), so nothing overflows for hundreds of members.
 */
import { logFactorials } from '../games/coalition.ts';
import { GameInputError } from '../games/errors.ts';
import type { PowerIndices, WeightedGame } from './weighted-game.ts';

/** Largest number of members (2^−1000 is still a normal double, so no probability underflows). */
export const MAX_DP_MEMBERS = 1000;
/** Largest dynamic-programming table, in cells (8 bytes each). */
export const MAX_DP_CELLS = 40_000_000;

interface Split {
  readonly n: number;
  readonly vetoes: number[];
  readonly others: number[];
  readonly othersWeight: number;
  /** q' = quota − weight of the veto members. */
  readonly quotaOthers: number;
}

function split(game: WeightedGame): Split {
  const n = game.weights.length;
  if (n > MAX_DP_MEMBERS)
    throw new GameInputError(
      ['members'],
      `power analysis is limited to ${MAX_DP_MEMBERS} members (got ${n})`,
    );
  const vetoes: number[] = [];
  const others: number[] = [];
  let vetoWeight = 0;
  let othersWeight = 0;
  for (let i = 0; i < n; i++) {
    const w = game.weights[i]!;
    if (!Number.isInteger(w) || w < 0)
      throw new GameInputError(
        ['weights'],
        `the generating function needs whole, non-negative weights (got ${w})`,
      );
    if (game.veto[i]) {
      vetoes.push(i);
      vetoWeight += w;
    } else {
      others.push(i);
      othersWeight += w;
    }
  }
  return { n, vetoes, others, othersWeight, quotaOthers: game.quota - vetoWeight };
}

/** Adds a member of weight w to a subset-weight distribution (each member in with probability ½). */
function addHalf(dist: Float64Array, w: number): void {
  if (w === 0) return;
  for (let k = dist.length - 1; k >= w; k--) dist[k] = 0.5 * (dist[k]! + dist[k - w]!);
  for (let k = Math.min(w, dist.length) - 1; k >= 0; k--) dist[k] = 0.5 * dist[k]!;
}

/** Probability that a uniform random subset of `weights` weighs at most `bound` (exact zeros stay zero). */
function lowerTail(weights: readonly number[], bound: number): number {
  if (bound < 0) return 0;
  const dist = new Float64Array(bound + 1);
  dist[0] = 1;
  for (const w of weights) addHalf(dist, w);
  return dist.reduce((a, b) => a + b, 0);
}

/**
 * Penrose (raw Banzhaf) index of each member, swings / 2^(n−1), by prefix and suffix
 * generating functions over the non-veto members: O(n·q) time and memory, and a member
 * with no swing gets exactly 0 (sums of exact zeros), so dummies are found exactly.
 */
export function penroseByGeneratingFunction(game: WeightedGame): Float64Array {
  const { n, vetoes, others, othersWeight, quotaOthers } = split(game);
  const penrose = new Float64Array(n);
  const m = others.length;
  const K = Math.max(0, quotaOthers); // windows lie in [0, q' − 1]
  if (K > 0 && m > 0) {
    if (m * K > MAX_DP_CELLS)
      throw new GameInputError(
        ['weights'],
        `the weights are too large for an exact analysis (${m} × ${K} table cells)`,
      );
    const prefixes = new Float64Array(m * K);
    const cur = new Float64Array(K);
    cur[0] = 1;
    for (let j = 0; j < m; j++) {
      prefixes.set(cur, j * K);
      addHalf(cur, game.weights[others[j]!]!);
    }
    const suffix = new Float64Array(K);
    suffix[0] = 1;
    const cum = new Float64Array(K);
    const scale = 2 ** -vetoes.length; // P over O∖{i} × 2^(m−1) / 2^(n−1)
    for (let j = m - 1; j >= 0; j--) {
      const i = others[j]!;
      const w = game.weights[i]!;
      if (w > 0) {
        let run = 0;
        for (let k = 0; k < K; k++) cum[k] = run += suffix[k]!;
        const a = Math.max(0, K - w);
        let total = 0;
        const base = j * K;
        for (let k = 0; k < K; k++) {
          const p = prefixes[base + k]!;
          if (p === 0) continue;
          const lo = a - k - 1;
          total += p * (cum[K - 1 - k]! - (lo >= 0 ? cum[lo]! : 0));
        }
        penrose[i] = total * scale;
      }
      addHalf(suffix, w);
    }
  }
  if (vetoes.length > 0) {
    // P(w(T) ≥ q') = P(w(O∖T) ≤ W_O − q'): a lower tail, so small values stay accurate.
    const tail =
      quotaOthers <= 0
        ? 1
        : lowerTail(
            others.map((i) => game.weights[i]!),
            othersWeight - quotaOthers,
          );
    const value = tail * 2 ** -(vetoes.length - 1);
    for (const i of vetoes) penrose[i] = value;
  }
  return penrose;
}

/**
 * Shapley–Shubik index of each member by the size-and-weight generating function
 * (Bilbao et al. 2000) over the non-veto members, one member removed per distinct weight
 * (Mann & Shapley's deletion, run only on subset sizes ≤ (m−1)/2 where it is stable; larger
 * subsets are counted through their complements). Veto members share what is left (efficiency).
 */
export function shapleyShubikByGeneratingFunction(game: WeightedGame, penrose: Float64Array): Float64Array {
  const { n, vetoes, others, othersWeight: WO, quotaOthers: qO } = split(game);
  const ss = new Float64Array(n);
  const m = others.length;
  const v = vetoes.length;
  if (m > 0 && qO > 0) {
    const L = Math.floor((m - 1) / 2);
    const K = Math.max(qO, WO - qO + 1);
    if ((L + 1) * K * 2 > MAX_DP_CELLS)
      throw new GameInputError(
        ['weights'],
        `the weights are too large for an exact analysis (${L + 1} × ${K} table cells)`,
      );
    const ws = others.map((i) => game.weights[i]!);
    // Support of layer t: between the sums of the t smallest and the t largest weights.
    const sorted = [...ws].sort((a, b) => a - b);
    const lo = new Int32Array(L + 1);
    const hi = new Int32Array(L + 1);
    for (let t = 1; t <= L; t++) {
      lo[t] = lo[t - 1]! + sorted[t - 1]!;
      hi[t] = Math.min(K - 1, hi[t - 1]! + sorted[m - t]!);
    }
    // Only weights that can still reach a window matter: a window of layer t' is read back
    // through layer t at k − (t' − t)·w, so layer t needs k ≥ needFrom(t, w) (decreasing in w).
    const Lc = m - 2 - L; // largest complement size used
    const needFrom = (t: number, w: number): number =>
      Math.max(lo[t]!, Math.min(qO - (L - t + 1) * w, t <= Lc ? WO - qO + 1 - (Lc - t + 1) * w : Infinity));
    const wMax = sorted[m - 1]!;
    const mainFrom = Int32Array.from({ length: L + 1 }, (_, t) => needFrom(t, wMax));
    // A[t·K + k] = P(a uniform random t-subset of the members added so far weighs k).
    // Members are added lightest first, so the upper end of each layer's support (hiNow) grows
    // slowly and early steps touch short ranges; the result does not depend on the order.
    const A = new Float64Array((L + 1) * K);
    A[0] = 1;
    const hiNow = new Int32Array(L + 1);
    for (let j = 0; j < m; j++) {
      const w = sorted[j]!;
      const count = j + 1;
      for (let t = Math.min(count, L); t >= 1; t--) {
        const alpha = (count - t) / count;
        const beta = t / count;
        const cur = A.subarray(t * K, (t + 1) * K);
        const prev = A.subarray((t - 1) * K, t * K);
        const kHi = Math.min(K - 1, Math.max(hiNow[t]!, hiNow[t - 1]! + w));
        hiNow[t] = kHi;
        const kLo = mainFrom[t]!;
        const kMid = Math.min(kHi + 1, Math.max(kLo, w));
        for (let k = kLo; k < kMid; k++) cur[k] = alpha * cur[k]!;
        for (let k = kMid; k <= kHi; k++) cur[k] = alpha * cur[k]! + beta * prev[k - w]!;
      }
    }
    // coef[t] = C(m−1, t)·(v+t)!(m−1−t)!/n!: the Shapley–Shubik weight of all t-subsets of O∖{i}.
    const lf = logFactorials(n);
    const coef = new Float64Array(m);
    for (let t = 0; t < m; t++) coef[t] = Math.exp(lf[m - 1]! + lf[v + t]! - lf[t]! - lf[n]!);

    const B = new Float64Array((L + 1) * K);
    const byWeight = new Map<number, number>();
    const windowSum = (t: number, from: number, to: number): number => {
      let s = 0;
      const row = t * K;
      for (let k = Math.max(from, lo[t]!); k <= Math.min(to, hi[t]!); k++) s += B[row + k]!;
      return s;
    };
    for (let j = 0; j < m; j++) {
      const i = others[j]!;
      const w = ws[j]!;
      if (w === 0 || penrose[i] === 0) continue; // no swing, no pivot
      const known = byWeight.get(w);
      if (known !== undefined) {
        ss[i] = known;
        continue;
      }
      // Remove one member of weight w: B[t][k] = (m·A[t][k] − t·B[t−1][k−w]) / (m − t).
      B[0] = 1;
      for (let t = 1; t <= L; t++) {
        const a = A.subarray(t * K, (t + 1) * K);
        const cur = B.subarray(t * K, (t + 1) * K);
        const prev = B.subarray((t - 1) * K, t * K);
        const x = m / (m - t);
        const y = t / (m - t);
        const kHi = hi[t]!;
        const kLo = needFrom(t, w);
        const kMid = Math.min(kHi + 1, Math.max(kLo, w));
        for (let k = kLo; k < kMid; k++) cur[k] = x * a[k]!;
        for (let k = kMid; k <= kHi; k++) cur[k] = x * a[k]! - y * prev[k - w]!;
      }
      const a = Math.max(0, qO - w);
      const b = qO - 1;
      let total = 0;
      for (let t = 0; t < m; t++) {
        // Subsets of O∖{i} of size t weighing in [a, b]; large ones through their complements of size m−1−t.
        const p = t <= L ? windowSum(t, a, b) : windowSum(m - 1 - t, WO - w - b, WO - w - a);
        total += coef[t]! * Math.max(0, p);
      }
      byWeight.set(w, total);
      ss[i] = total;
    }
  }
  if (v > 0) {
    let rest = 1;
    for (const i of others) rest -= ss[i]!;
    for (const i of vetoes) ss[i] = Math.max(0, rest) / v;
  }
  return ss;
}

/** Table cells the generating functions of a whole-number game need (compare with MAX_DP_CELLS). */
export function generatingFunctionCells(game: WeightedGame): number {
  let vetoWeight = 0;
  let othersWeight = 0;
  let m = 0;
  game.weights.forEach((w, i) => {
    if (game.veto[i]) vetoWeight += w;
    else {
      othersWeight += w;
      m++;
    }
  });
  const q = game.quota - vetoWeight;
  if (q <= 0 || m === 0) return 0;
  return Math.max(m * q, (Math.floor((m - 1) / 2) + 1) * Math.max(q, othersWeight - q + 1) * 2);
}

/** Both indices by generating functions (integer weights). */
export function powerByGeneratingFunction(game: WeightedGame): PowerIndices {
  const penrose = penroseByGeneratingFunction(game);
  return { penrose, shapleyShubik: shapleyShubikByGeneratingFunction(game, penrose) };
}
