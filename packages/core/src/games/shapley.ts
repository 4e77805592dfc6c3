/**
 * Exact Shapley values (Shapley 1953) of a game given as a characteristic function:
 * φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S)).
 */
import { MAX_MASK_MEMBERS, popcountTable, shapleyWeights } from './coalition.ts';
import { GameInputError } from './errors.ts';

/** Largest coalition table solved exactly (2^20 − 1 values, about 8 MB). */
export const MAX_EXACT_TABLE_MEMBERS = 20;

/**
 * Exact Shapley values from a table `values[mask]` (length 2^n, values[0] = 0), by the
 * weighted sum of marginal contributions over all coalitions: O(n·2^n) time, no extra memory
 * beyond a popcount table.
 */
export function shapleyFromTable(n: number, values: Float64Array): Float64Array {
  if (n > MAX_EXACT_TABLE_MEMBERS) {
    throw new GameInputError(
      [],
      `an exact Shapley value from a table is limited to ${MAX_EXACT_TABLE_MEMBERS} members (got ${n})`,
    );
  }
  const size = 2 ** n;
  if (values.length !== size)
    throw new GameInputError([], `the table needs 2^${n} = ${size} values (got ${values.length})`);
  const weight = shapleyWeights(n);
  const pc = popcountTable(n);
  const phi = new Float64Array(n);
  const full = size - 1;
  for (let mask = 0; mask < full; mask++) {
    const w = weight[pc[mask]!]!;
    const base = values[mask]!;
    // Visit only the members missing from `mask`: each step clears the lowest missing bit.
    let missing = full & ~mask;
    while (missing !== 0) {
      const bit = missing & -missing;
      const i = 31 - Math.clz32(bit);
      phi[i] = phi[i]! + w * (values[mask | bit]! - base);
      missing ^= bit;
    }
  }
  return phi;
}

/**
 * Shapley values by the definition itself: the average marginal contribution over all
 * n! orders of arrival (Heap's algorithm). A reference for tests and benchmarks, n ≤ 10.
 */
export function shapleyByPermutations(n: number, worth: (mask: number) => number): Float64Array {
  if (n > 10) throw new GameInputError([], `enumerating all n! orders is limited to 10 members (got ${n})`);
  if (n > MAX_MASK_MEMBERS) throw new GameInputError([], 'too many members');
  const phi = new Float64Array(n);
  if (n === 0) return phi;
  const order = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  const empty = worth(0);
  let count = 0;
  const visit = (): void => {
    let mask = 0;
    let before = empty;
    for (const i of order) {
      mask |= 1 << i;
      const after = worth(mask);
      phi[i] = phi[i]! + (after - before);
      before = after;
    }
    count++;
  };
  visit();
  let k = 1;
  while (k < n) {
    if (c[k]! < k) {
      const j = k % 2 === 0 ? 0 : c[k]!;
      const t = order[j]!;
      order[j] = order[k]!;
      order[k] = t;
      visit();
      c[k]!++;
      k = 1;
    } else {
      c[k] = 0;
      k++;
    }
  }
  for (let i = 0; i < n; i++) phi[i] = phi[i]! / count;
  return phi;
}
