/**
 * Seeded pseudo-random numbers for graph algorithms. Core never calls Math.random:
 * every randomised algorithm takes a seed and builds its generator here, so a
 * result is reproducible from its inputs.
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** Mulberry32 (Tommy Ettinger, 2017): a 32-bit-state generator, fast and good enough for sampling and shuffling. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in 0..bound-1 (bound at most 2^32; the bias is below bound/2^32). */
export function randomInt(rng: Rng, bound: number): number {
  return Math.floor(rng() * bound);
}

/** Fisher–Yates shuffle in place (Durstenfeld's version). */
export function shuffleInPlace(values: Int32Array | number[], rng: Rng): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
}

/** k distinct integers drawn uniformly without replacement from 0..n-1 (partial Fisher–Yates), in draw order. */
export function sampleWithoutReplacement(n: number, k: number, rng: Rng): Int32Array {
  if (k < 0 || k > n) throw new RangeError(`sampleWithoutReplacement: k=${k} outside 0..${n}`);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + randomInt(rng, n - i);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, k);
}
