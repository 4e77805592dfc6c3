/**
 * Coalitions as bitmasks: member i of an n-member game is bit i, so a coalition of up
 * to 30 members is one integer and a characteristic function is a Float64Array indexed
 * by mask (`values[0]` is the empty coalition, worth 0).
 */

/** Largest number of members a bitmask game (coalition table, enumeration) accepts. */
export const MAX_MASK_MEMBERS = 30;

/** Writes a coalition the way users read it: `{a, c}` (members in the order given). */
export function formatCoalition(members: readonly string[]): string {
  return `{${members.join(', ')}}`;
}

/** The member ids of a bitmask coalition, in member order. */
export function membersOfMask(mask: number, ids: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) if ((mask >>> i) & 1) out.push(ids[i]!);
  return out;
}

/** Number of members in each mask 0..2^n-1 (a table, so hot loops do no bit counting). */
export function popcountTable(n: number): Uint8Array {
  const size = 2 ** n;
  const pc = new Uint8Array(size);
  for (let mask = 1; mask < size; mask++) pc[mask] = pc[mask >>> 1]! + (mask & 1);
  return pc;
}

/**
 * Shapley weights w[s] = s!(n-s-1)!/n! for s = 0..n-1: the probability that a given
 * member finds exactly a given coalition of size s before it in a uniformly random order.
 * Computed as a running product (w[0] = 1/n, w[s] = w[s-1]·s/(n-s)) so nothing overflows.
 */
export function shapleyWeights(n: number): Float64Array {
  const w = new Float64Array(Math.max(n, 0));
  if (n <= 0) return w;
  w[0] = 1 / n;
  for (let s = 1; s < n; s++) w[s] = (w[s - 1]! * s) / (n - s);
  return w;
}

/** log(k!) for k = 0..n, summed exactly in order (accurate to a few ulps for n in the thousands). */
export function logFactorials(n: number): Float64Array {
  const lf = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) lf[k] = lf[k - 1]! + Math.log(k);
  return lf;
}
