/**
 * Weighted voting games with veto members: a coalition wins when its total weight reaches
 * the quota AND it contains every veto member (a composite game: the weighted game
 * [q; w1..wn] intersected with the unanimity game of the veto members).
 */
import { MAX_MASK_MEMBERS, popcountTable, shapleyWeights } from '../games/coalition.ts';
import { GameInputError, throwIfProblems } from '../games/errors.ts';
import { checkDecisionRule, type DecisionRuleInput, memberWeights } from './decision-schema.ts';

/** [quota; weights] with veto members (veto[i] true when member i must be in every winning coalition). */
export interface WeightedGame {
  readonly quota: number;
  readonly weights: readonly number[];
  readonly veto: readonly boolean[];
}

/** The same game with whole-number weights: real weight = integer weight × unit. */
export interface IntegerWeightedGame extends WeightedGame {
  /** The real value of one integer unit of weight (1 when the weights were already coprime integers). */
  readonly unit: number;
}

/** Largest game enumerated coalition by coalition (2^22 coalitions, about 50 MB of tables). */
export const MAX_ENUMERATION_MEMBERS = 22;

/** Decimal places tried when turning real weights into integers. */
const MAX_DECIMALS = 6;

const nearInteger = (x: number): boolean => Math.abs(x - Math.round(x)) <= 1e-9 * Math.max(1, Math.abs(x));

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The weighted game a decision rule defines over its members: unanimity [n; 1..1], majority
 * [⌊n/2⌋+1; 1..1], qualified [quota; 1..1], weighted [quota; weights, default 1], plus vetoes.
 * Power analysis assumes every member votes yes or no: quorum and abstention do not enter.
 */
export function weightedGameOfRule(rule: DecisionRuleInput, memberIds: readonly string[]): WeightedGame {
  throwIfProblems(checkDecisionRule(rule, memberIds));
  const n = memberIds.length;
  const vetoSet = new Set(rule.veto ?? []);
  const quota =
    rule.rule === 'unanimity' ? n : rule.rule === 'majority' ? Math.floor(n / 2) + 1 : rule.quota!;
  return { quota, weights: memberWeights(rule, memberIds), veto: memberIds.map((id) => vetoSet.has(id)) };
}

/**
 * Rescales a game to coprime integer weights when the weights have at most 6 decimals:
 * weights × 10^d / g (g their gcd) and quota ⌈q × 10^d / g⌉, which wins exactly the same
 * coalitions. Returns null when no such scaling exists.
 */
export function toIntegerGame(game: WeightedGame): IntegerWeightedGame | null {
  for (let d = 0; d <= MAX_DECIMALS; d++) {
    const scale = 10 ** d;
    const scaled = game.weights.map((w) => w * scale);
    if (!scaled.every(nearInteger)) continue;
    const ints = scaled.map((x) => Math.round(x));
    const g = ints.reduce((a, b) => gcd(a, b), 0) || 1;
    const q = (game.quota * scale) / g;
    const quota = nearInteger(q) ? Math.round(q) : Math.ceil(q);
    return { quota, weights: ints.map((x) => x / g), veto: game.veto, unit: g / scale };
  }
  return null;
}

/** Whether a coalition (bitmask, n ≤ 30) wins: weight at least the quota (to a 1e-9 tolerance) and every veto member in. */
export function isWinning(game: WeightedGame, mask: number): boolean {
  let weight = 0;
  for (let i = 0; i < game.weights.length; i++) {
    if ((mask >>> i) & 1) weight += game.weights[i]!;
    else if (game.veto[i]) return false;
  }
  return weight >= game.quota - 1e-9 * Math.max(1, Math.abs(game.quota));
}

/** Raw power counts: Penrose (swings / 2^(n−1)) and Shapley–Shubik per member. */
export interface PowerIndices {
  readonly penrose: Float64Array;
  readonly shapleyShubik: Float64Array;
}

/**
 * Penrose–Banzhaf and Shapley–Shubik indices by their definitions, over all 2^n coalitions:
 * a swing is a winning coalition S ∋ i with S∖{i} losing; SS sums |S∖{i}|!(n−|S|)!/n! over swings.
 */
export function powerByEnumeration(game: WeightedGame): PowerIndices {
  const n = game.weights.length;
  if (n > MAX_ENUMERATION_MEMBERS) {
    throw new GameInputError(
      ['members'],
      `enumerating coalitions is limited to ${MAX_ENUMERATION_MEMBERS} members (got ${n})`,
    );
  }
  if (n > MAX_MASK_MEMBERS) throw new GameInputError(['members'], 'too many members');
  const size = 2 ** n;
  const weightOf = new Float64Array(size);
  const win = new Uint8Array(size);
  let vetoMask = 0;
  game.veto.forEach((v, i) => {
    if (v) vetoMask |= 1 << i;
  });
  const threshold = game.quota - 1e-9 * Math.max(1, Math.abs(game.quota));
  for (let mask = 1; mask < size; mask++) {
    const low = mask & -mask;
    weightOf[mask] = weightOf[mask ^ low]! + game.weights[31 - Math.clz32(low)]!;
    win[mask] = (mask & vetoMask) === vetoMask && weightOf[mask]! >= threshold ? 1 : 0;
  }
  const pc = popcountTable(n);
  const omega = shapleyWeights(n);
  const swings = new Float64Array(n);
  const ss = new Float64Array(n);
  for (let mask = 1; mask < size; mask++) {
    if (!win[mask]) continue;
    const w = omega[pc[mask]! - 1]!;
    let rest = mask;
    while (rest !== 0) {
      const bit = rest & -rest;
      rest ^= bit;
      if (!win[mask ^ bit]) {
        const i = 31 - Math.clz32(bit);
        swings[i]!++;
        ss[i] = ss[i]! + w;
      }
    }
  }
  const half = 2 ** (n - 1);
  return { penrose: swings.map((s) => s / half), shapleyShubik: ss };
}
