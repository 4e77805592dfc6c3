/**
 * Suggests the quota of a weighted rule that brings voting power closest to weight: the quota
 * q in [⌊W/2⌋+1, W] minimizing Σ_i |Banzhaf_i(q) − w_i/W| (the L1 distance between normalized
 * Banzhaf power and weight shares, in the spirit of Słomczyński & Życzkowski's (2006) optimal
 * quota for the Jagiellonian compromise). Every quota is scored in one pass: a member's swings
 * at quota q are the subsets of the others weighing in [q − w_i, q − 1], read off a cumulative
 * distribution computed once per distinct weight.
 */
import { GameInputError } from '../games/errors.ts';
import { formatNumber, formatPercent } from '../games/format.ts';
import { toIntegerGame } from './weighted-game.ts';

/** The suggested quota, its distance, and the power it gives each member. */
export interface QuotaSuggestion {
  readonly quota: number;
  /** Σ |banzhaf − weightShare| at the suggested quota (0 = power exactly proportional to weight). */
  readonly distance: number;
  readonly banzhaf: Record<string, number>;
  readonly weightShare: Record<string, number>;
  /** The distance at the charter's current quota, when one was given. */
  readonly current?: { readonly quota: number; readonly distance: number };
  readonly explanation: string[];
}

/** Options for suggestQuota. */
export interface QuotaOptions {
  /** Veto members (kept in every winning coalition while the quota varies). */
  readonly veto?: readonly string[];
  /** The charter's current quota, to compare against. */
  readonly current?: number;
}

/** Largest total weight (in whole units after rescaling) scored quota by quota. */
const MAX_TOTAL_UNITS = 5_000_000;

/** Adds a member of weight w to a subset-weight distribution (each member in with probability ½). */
function addHalf(dist: Float64Array, w: number): void {
  if (w === 0) return;
  for (let k = dist.length - 1; k >= w; k--) dist[k] = 0.5 * (dist[k]! + dist[k - w]!);
  for (let k = Math.min(w, dist.length) - 1; k >= 0; k--) dist[k] = 0.5 * dist[k]!;
}

/** Running sums: cum[k] = Σ_{j ≤ k} dist[j]. */
function cumulative(dist: Float64Array): Float64Array {
  const cum = new Float64Array(dist.length);
  let run = 0;
  for (let k = 0; k < dist.length; k++) cum[k] = run += dist[k]!;
  return cum;
}

/**
 * The quota in [⌊W/2⌋+1, W] whose normalized Banzhaf power is closest (L1) to the weight shares;
 * ties go to the smallest such quota. Weights need at most 6 decimals.
 */
export function suggestQuota(
  weights: Readonly<Record<string, number>>,
  options: QuotaOptions = {},
): QuotaSuggestion {
  const ids = Object.keys(weights);
  if (ids.length === 0) throw new GameInputError(['weights'], 'at least one member weight is needed');
  for (const id of ids) {
    const w = weights[id]!;
    if (!Number.isFinite(w) || w < 0)
      throw new GameInputError(['weights', id], `must be a non-negative number (got ${w})`);
  }
  const vetoSet = new Set(options.veto ?? []);
  (options.veto ?? []).forEach((id, j) => {
    if (!(id in weights))
      throw new GameInputError(['veto', j], `veto member ${id} has no weight: not a member`);
  });
  const real = ids.map((id) => weights[id]!);
  const total = real.reduce((a, b) => a + b, 0);
  if (total <= 0) throw new GameInputError(['weights'], 'the total weight must be above 0');
  const game = toIntegerGame({ quota: total, weights: real, veto: ids.map((id) => vetoSet.has(id)) });
  if (game === null) throw new GameInputError(['weights'], 'weights need at most 6 decimals');
  const ws = game.weights;
  const W = ws.reduce((a, b) => a + b, 0);
  if (W > MAX_TOTAL_UNITS)
    throw new GameInputError(
      ['weights'],
      `the weights are too fine-grained to score every quota (${W} units)`,
    );

  const others = ids.map((_, i) => i).filter((i) => !game.veto[i]);
  const vetoes = ids.map((_, i) => i).filter((i) => game.veto[i]);
  const F = vetoes.reduce((a, i) => a + ws[i]!, 0);
  const WO = W - F;
  const full = new Float64Array(WO + 1);
  full[0] = 1;
  for (const i of others) addHalf(full, ws[i]!);
  const cumFull = cumulative(full);
  // Distribution without one member of weight w: D[k] = 2·P[k] − D[k − w] (undoing addHalf).
  const cumWithout = new Map<number, Float64Array>();
  for (const i of others) {
    const w = ws[i]!;
    if (w === 0 || cumWithout.has(w)) continue;
    const d = new Float64Array(WO - w + 1);
    for (let k = 0; k < d.length; k++) d[k] = 2 * full[k]! - (k >= w ? d[k - w]! : 0);
    cumWithout.set(w, cumulative(d));
  }
  const at = (cum: Float64Array, k: number): number => (k < 0 ? 0 : cum[Math.min(k, cum.length - 1)]!);
  const share = ws.map((w) => w / W);
  const v = vetoes.length;

  const powerAt = (Q: number): number[] => {
    const q = Q - F;
    const raw = ws.map((w, i) => {
      if (game.veto[i]) return (q <= 0 ? 1 : 1 - at(cumFull, q - 1)) * 2 ** -(v - 1);
      const cum = cumWithout.get(w);
      if (cum === undefined || q <= 0) return 0;
      return Math.max(0, at(cum, q - 1) - at(cum, q - w - 1)) * 2 ** -v;
    });
    const sum = raw.reduce((a, b) => a + b, 0);
    return raw.map((x) => (sum > 0 ? x / sum : 0));
  };
  const distanceOf = (power: number[]): number => power.reduce((a, p, i) => a + Math.abs(p - share[i]!), 0);

  const from = Math.floor(W / 2) + 1;
  let best = from;
  let bestDistance = Infinity;
  for (let Q = from; Q <= W; Q++) {
    const d = distanceOf(powerAt(Q));
    if (d < bestDistance - 1e-12) {
      best = Q;
      bestDistance = d;
    }
  }
  const power = powerAt(best);
  const quota = best * game.unit;
  const explanation = [
    `scored every quota from ${formatNumber(from * game.unit)} to ${formatNumber(total)} (more than half of the total weight ${formatNumber(total)}) by Σ |Banzhaf power − weight share| over the members`,
    `quota ${formatNumber(quota)} (${formatPercent(quota / total)} of the weight) is closest: distance ${formatNumber(bestDistance)} (0 would be power exactly proportional to weight)`,
  ];
  let current: QuotaSuggestion['current'];
  if (options.current !== undefined) {
    const c = Math.ceil(options.current / game.unit - 1e-9);
    if (c >= 1 && c <= W) {
      current = { quota: options.current, distance: distanceOf(powerAt(c)) };
      explanation.push(
        `the current quota ${formatNumber(options.current)} is at distance ${formatNumber(current.distance)}`,
      );
    }
  }
  if (v > 0)
    explanation.push(`veto members (${vetoes.map((i) => ids[i]).join(', ')}) stay required at every quota`);
  return {
    quota,
    distance: bestDistance,
    banzhaf: Object.fromEntries(ids.map((id, i) => [id, power[i]!])),
    weightShare: Object.fromEntries(ids.map((id, i) => [id, share[i]!])),
    ...(current ? { current } : {}),
    explanation,
  };
}
