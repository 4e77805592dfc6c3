/**
 * Shapley values estimated by permutation sampling (Castro, Gómez & Tejada 2009): the
 * mean marginal contribution over uniformly random orders of arrival, with a 95% confidence
 * interval per member from the normal approximation (mean ± 1.96·sd/√samples).
 */
import { GameInputError } from './errors.ts';
import { seededRandom, shuffleInPlace } from './random.ts';

/** A game walked one arrival at a time: `reset` empties the coalition and returns v(∅); `add` returns v after the arrival. */
export interface IncrementalGame {
  readonly n: number;
  reset(): number;
  add(member: number): number;
}

/** Per-member estimates from permutation sampling. */
export interface SampledShapley {
  readonly mean: Float64Array;
  /** Sample standard deviation of the member's marginal contributions. */
  readonly sd: Float64Array;
  /** Half-width of the 95% confidence interval: 1.96·sd/√samples. */
  readonly halfWidth: Float64Array;
  readonly samples: number;
  readonly seed: number;
}

/** Options for permutation sampling. */
export interface SamplingOptions {
  /** Number of random orders (default 10,000). */
  readonly samples?: number;
  /** Seed of the generator (default 1): the same seed gives the same estimate. */
  readonly seed?: number;
}

/** Estimates Shapley values by permutation sampling (Castro et al. 2009), with Welford's running variance per member. */
export function sampleShapley(game: IncrementalGame, options: SamplingOptions = {}): SampledShapley {
  const samples = options.samples ?? 10_000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(samples) || samples < 2)
    throw new GameInputError(['samples'], `must be an integer of at least 2 (got ${samples})`);
  const n = game.n;
  const random = seededRandom(seed);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const mean = new Float64Array(n);
  const m2 = new Float64Array(n);
  for (let s = 1; s <= samples; s++) {
    shuffleInPlace(order, random);
    let before = game.reset();
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const after = game.add(i);
      const x = after - before;
      before = after;
      const delta = x - mean[i]!;
      mean[i] = mean[i]! + delta / s;
      m2[i] = m2[i]! + delta * (x - mean[i]);
    }
  }
  const sd = new Float64Array(n);
  const halfWidth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sd[i] = Math.sqrt(m2[i]! / (samples - 1));
    halfWidth[i] = (1.96 * sd[i]!) / Math.sqrt(samples);
  }
  return { mean, sd, halfWidth, samples, seed };
}

/** An incremental view of a coalition table `values[mask]` (n ≤ 30). */
export function tableGame(n: number, values: Float64Array): IncrementalGame {
  let mask = 0;
  return {
    n,
    reset: () => {
      mask = 0;
      return values[0] ?? 0;
    },
    add: (member) => {
      mask |= 1 << member;
      return values[mask >>> 0]!;
    },
  };
}

/** An incremental view of any characteristic function over member sets (n unbounded; `worth` sees a 0/1 membership array). */
export function functionGame(n: number, worth: (members: Uint8Array) => number): IncrementalGame {
  const members = new Uint8Array(n);
  return {
    n,
    reset: () => {
      members.fill(0);
      return worth(members);
    },
    add: (member) => {
      members[member] = 1;
      return worth(members);
    },
  };
}
