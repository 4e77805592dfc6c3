/**
 * Live re-ranking in the browser: the server sends each candidate's term
 * values once; moving a weight recomputes every score, its terms and the
 * sensitivity with core's own pure functions (the same rule as the server:
 * score = 100 × Σ weight × value / Σ weight over the criteria evaluated).
 */
import { discover } from '@valueweb/core';
import type { Criterion, ScoreRow, Scores, Sensitivity } from './discover-api.ts';

export interface Reranked {
  criteria: Criterion[];
  ranking: ScoreRow[];
  sensitivity: Sensitivity;
  /** Candidate id → how many places it moved up (positive) or down (negative) against the saved weights. */
  moved: Record<string, number>;
}

/** The scores under other weights (criterion id → weight ≥ 0; absent: the weight as saved). */
export function rerank(scores: Scores, weights: Record<string, number>): Reranked {
  const criteria = scores.criteria.map((c) =>
    weights[c.id] !== undefined ? { ...c, weight: weights[c.id]! } : c,
  );
  const w = criteria.map((c) => c.weight);
  const rows = scores.ranking.map((row) => {
    const values = criteria.map((c) => row.terms.find((t) => t.criterion === c.id)?.value ?? null);
    const counted = values.reduce<number>((a, v, i) => (v === null ? a : a + w[i]!), 0);
    const terms = row.terms.map((t) => {
      const i = criteria.findIndex((c) => c.id === t.criterion);
      const weight = i >= 0 ? w[i]! : t.weight;
      const share = t.value === null || counted === 0 ? 0 : weight / counted;
      return { ...t, weight, share, contribution: t.value === null ? 0 : 100 * share * t.value };
    });
    return { row, terms, score: discover.weightedScore(values, w) };
  });
  const { order, ranks } = discover.rankScores(rows.map((r) => r.score));
  const ranking: ScoreRow[] = order.map((i) => ({
    ...rows[i]!.row,
    terms: rows[i]!.terms,
    score: rows[i]!.score,
    rank: ranks[i]!,
  }));
  const before = new Map(scores.ranking.map((r) => [r.candidate, r.rank]));
  const moved: Record<string, number> = {};
  for (const r of ranking) moved[r.candidate] = (before.get(r.candidate) ?? r.rank) - r.rank;
  const sensitivity = discover.analyzeSensitivity({
    focal: scores.focal,
    criteria,
    ranking,
    ignoredRatings: [],
    rule: scores.rule,
  });
  return { criteria, ranking, sensitivity, moved };
}

/** True when the weights differ from the saved ones. */
export function weightsChanged(criteria: readonly Criterion[], weights: Record<string, number>): boolean {
  return criteria.some((c) => weights[c.id] !== undefined && weights[c.id] !== c.weight);
}
