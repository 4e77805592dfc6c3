/**
 * Sensitivity of a partner ranking to its weights: which candidates could change
 * rank if one criterion's weight moved by ±20% (one at a time, the others fixed).
 * Works from a scoring result's term values, so nothing is recomputed but the
 * weighted sums; missing terms stay missing, exactly as in the score.
 */
import type { ScoringResult } from './scoring.ts';
import { rankScores, weightedScore } from './scoring.ts';

/** One weight change that moves a candidate. */
export interface RankMove {
  criterion: string;
  criterionName: string;
  /** The factor applied to that criterion's weight, e.g. 0.8 or 1.2. */
  factor: number;
  fromRank: number;
  toRank: number;
  /** The candidate's score under the changed weights (0–100, or null). */
  score: number | null;
}

export interface CandidateSensitivity {
  candidate: string;
  name: string;
  rank: number;
  /** True when no single weight change of the tested sizes moves this candidate's rank. */
  stable: boolean;
  moves: RankMove[];
}

/** The ranking under one changed weight. */
export interface SensitivityScenario {
  criterion: string;
  factor: number;
  weight: number;
  /** Candidate ids best first, with ranks (tied candidates keep their order in the base ranking). */
  ranking: { candidate: string; rank: number; score: number | null }[];
  /** How many candidates changed rank in this scenario. */
  changed: number;
}

export interface SensitivityReport {
  factors: number[];
  /** Per candidate, in the base ranking's order. */
  candidates: CandidateSensitivity[];
  scenarios: SensitivityScenario[];
  /** True when every candidate is stable. */
  stable: boolean;
  explanation: string;
}

/**
 * For each criterion and each factor (default ×0.8 and ×1.2), recomputes every
 * candidate's score with only that weight changed, re-ranks (ties share a rank,
 * as in scoring), and reports who moves, under which change, to what rank.
 * A criterion of weight 0 stays 0 under scaling, so it never moves anyone.
 */
export function analyzeSensitivity(
  result: ScoringResult,
  options: { factors?: readonly number[] } = {},
): SensitivityReport {
  const factors = [...(options.factors ?? [0.8, 1.2])];
  for (const f of factors) {
    if (!Number.isFinite(f) || f < 0)
      throw new RangeError(`sensitivity factor must be a finite number ≥ 0, got ${f}`);
  }
  const crit = result.criteria;
  const rows = result.ranking;
  const values = rows.map((r) => crit.map((c) => r.terms.find((t) => t.criterion === c.id)?.value ?? null));
  const baseWeights = crit.map((c) => c.weight);
  const baseRanks = rankScores(rows.map((_, i) => weightedScore(values[i]!, baseWeights))).ranks;

  const moves: RankMove[][] = rows.map(() => []);
  const scenarios: SensitivityScenario[] = [];
  crit.forEach((c, ci) => {
    for (const factor of factors) {
      const weights = baseWeights.map((w, i) => (i === ci ? w * factor : w));
      const scores = rows.map((_, i) => weightedScore(values[i]!, weights));
      const { order, ranks } = rankScores(scores);
      let changed = 0;
      rows.forEach((_, i) => {
        if (ranks[i] !== baseRanks[i]) {
          changed++;
          moves[i]!.push({
            criterion: c.id,
            criterionName: c.name,
            factor,
            fromRank: baseRanks[i]!,
            toRank: ranks[i]!,
            score: scores[i]!,
          });
        }
      });
      scenarios.push({
        criterion: c.id,
        factor,
        weight: weights[ci]!,
        ranking: order.map((i) => ({ candidate: rows[i]!.candidate, rank: ranks[i]!, score: scores[i]! })),
        changed,
      });
    }
  });

  const candidates = rows.map((r, i) => ({
    candidate: r.candidate,
    name: r.name,
    rank: baseRanks[i]!,
    stable: moves[i]!.length === 0,
    moves: moves[i]!,
  }));
  const unstable = candidates.filter((c) => !c.stable);
  const pct = factors.map((f) => `×${f}`).join(' and ');
  const explanation =
    rows.length === 0
      ? 'No candidates to test.'
      : unstable.length === 0
        ? `The ranking holds when any one weight is multiplied by ${pct}.`
        : `${unstable.length} of ${rows.length} candidates could change rank when one weight is multiplied by ${pct}: ${unstable
            .map((c) => {
              const m = c.moves[0]!;
              return `${c.name} (rank ${c.rank} → ${m.toRank} if ${m.criterionName} ×${m.factor}${c.moves.length > 1 ? `, and ${c.moves.length - 1} more` : ''})`;
            })
            .join('; ')}.`;
  return { factors, candidates, scenarios, stable: unstable.length === 0, explanation };
}
