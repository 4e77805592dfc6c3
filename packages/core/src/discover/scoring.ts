/**
 * Partner scoring: each candidate's weighted score over the selection criteria,
 * with every term shown.
 *
 * The rule: score = 100 × Σ wᵢ·xᵢ / Σ wᵢ over the criteria that could be
 * evaluated for that candidate, with xᵢ in [0, 1]. A rated criterion's value is
 * the mean of its raters' scores mapped 1–5 → 0–1 by (mean − 1) / 4. A criterion
 * that cannot be evaluated (a rated one nobody has rated yet, or clock fit when a
 * clock is missing) is marked missing and left out: the remaining weights are
 * re-normalized, and the candidate's explanation says so. Leaving it out rather
 * than counting it as 0 keeps a not-yet-rated candidate from looking like a bad one.
 */
import { z } from 'zod';
import { IdSchema } from '../model/partnership-base.ts';
import { ValidationError, type Problem } from '../model/problem.ts';
import { computeCriterion, type ProfileActor } from './computed.ts';
import { validateCriteria, type Criterion, type CriterionSource } from './criteria.ts';

export const RatingSchema = z.strictObject({
  candidate: IdSchema,
  criterion: IdSchema,
  rater: z.string().trim().min(1, { error: 'expected the rater (a non-empty string)' }).max(200),
  score: z
    .number({ error: 'expected a score from 1 to 5' })
    .min(1, { error: 'expected a score from 1 to 5' })
    .max(5, { error: 'expected a score from 1 to 5' }),
});
/** One rater's 1–5 score of one candidate on one rated criterion. */
export type Rating = z.infer<typeof RatingSchema>;

/** One term of a candidate's score. */
export interface ScoreTerm {
  criterion: string;
  name: string;
  source: CriterionSource;
  /** The criterion's weight as set. */
  weight: number;
  /** The weight's share of the weights counted for this candidate (0 when missing). */
  share: number;
  /** In [0, 1], or null when missing. */
  value: number | null;
  /** Points this term adds to the 0–100 score: 100 × share × value. The contributions add up to the score. */
  contribution: number;
  missing: boolean;
  explanation: string;
  /** For rated criteria: the ratings used, one per rater. */
  ratings?: { rater: string; score: number }[];
}

export interface CandidateScore {
  candidate: string;
  name: string;
  /** 1 = best; tied scores share a rank (1, 2, 2, 4). */
  rank: number;
  /** 0–100, or null when no criterion with a positive weight could be evaluated. */
  score: number | null;
  terms: ScoreTerm[];
  /** Ids of the criteria left out as missing. */
  missing: string[];
  explanation: string;
}

export interface ScoringResult {
  focal: string;
  criteria: Criterion[];
  /** Best first; ties keep the order the candidates were given in. */
  ranking: CandidateScore[];
  /** Ratings not used, with why (unknown candidate or criterion, or a computed criterion). */
  ignoredRatings: { rating: Rating; reason: string }[];
  rule: string;
}

export const SCORING_RULE =
  'score = 100 × Σ weight × value / Σ weight over the criteria evaluated for the candidate; rated criteria: mean of raters mapped 1–5 → 0–1 by (mean − 1)/4; a missing criterion is left out and the other weights re-normalized.';

/** Scores closer than this (on the 0–100 scale) count as tied. */
const TIE_DIGITS = 1e9;
const tieKey = (s: number | null) => (s === null ? -Infinity : Math.round(s * TIE_DIGITS) / TIE_DIGITS);

/**
 * Combines values with weights: 100 × Σ wᵢ·xᵢ / Σ wᵢ over the non-null values;
 * null when those weights add up to 0.
 */
export function weightedScore(values: readonly (number | null)[], weights: readonly number[]): number | null {
  let acc = 0;
  let total = 0;
  values.forEach((v, i) => {
    if (v === null) return;
    const w = weights[i] ?? 0;
    acc += w * v;
    total += w;
  });
  return total > 0 ? (100 * acc) / total : null;
}

/**
 * Orders scores best first (null last; equal scores keep their input order) and
 * gives competition ranks: tied scores share a rank, the next rank skips.
 * Returns, for each input index, its rank, and the order of indices.
 */
export function rankScores(scores: readonly (number | null)[]): { order: number[]; ranks: number[] } {
  const keys = scores.map(tieKey);
  const order = scores.map((_, i) => i).sort((a, b) => keys[b]! - keys[a]! || a - b);
  const ranks = new Array<number>(scores.length).fill(0);
  order.forEach((idx, pos) => {
    const prev = pos > 0 ? order[pos - 1]! : -1;
    ranks[idx] = prev >= 0 && keys[prev] === keys[idx] ? ranks[prev]! : pos + 1;
  });
  return { order, ranks };
}

const fmt = (x: number) => x.toFixed(2);

function ratedTerm(
  c: Criterion,
  byRater: Map<string, number> | undefined,
): Pick<ScoreTerm, 'value' | 'explanation' | 'ratings'> {
  if (!byRater || byRater.size === 0) {
    return {
      value: null,
      explanation: 'Missing: no rating yet, so left out and the other weights re-normalized.',
    };
  }
  const ratings = [...byRater].map(([rater, score]) => ({ rater, score }));
  const mean = ratings.reduce((a, r) => a + r.score, 0) / ratings.length;
  const value = (mean - 1) / 4;
  const who = ratings.map((r) => `${r.rater} ${r.score}`).join(', ');
  const n = ratings.length;
  return {
    value,
    ratings,
    explanation: `${n} rater${n > 1 ? 's' : ''} (${who}): mean ${fmt(mean)} → (${fmt(mean)} − 1)/4 = ${fmt(value)}.`,
  };
}

/**
 * Scores and ranks candidates for the focal organization. Criteria are
 * validated (throws ValidationError listing the problems, e.g. all weights
 * zero); ratings outside 1–5 or malformed throw too. The focal organization is
 * skipped if it appears among the candidates; duplicate candidate ids throw.
 * When one rater rates the same candidate and criterion twice, the later rating counts.
 */
export function scoreCandidates(
  focal: ProfileActor,
  candidates: readonly ProfileActor[],
  criteria: readonly Criterion[],
  ratings: readonly Rating[] = [],
): ScoringResult {
  const checked = validateCriteria(criteria);
  if (!checked.ok)
    throw new ValidationError(checked.problems.map((p) => ({ ...p, path: ['criteria', ...p.path] })));
  const crit = checked.criteria;

  const problems: Problem[] = [];
  const pool = candidates.filter((c) => c.id !== focal.id);
  const ids = new Map<string, number>();
  pool.forEach((c, i) => {
    if (ids.has(c.id)) {
      problems.push({
        path: ['candidates', i, 'id'],
        message: `duplicate candidate id "${c.id}"`,
        code: 'duplicate_id',
      });
    } else ids.set(c.id, i);
  });
  ratings.forEach((r, i) => {
    const parsed = RatingSchema.safeParse(r);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          path: ['ratings', i, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
          message: issue.message,
          code: 'invalid_value',
        });
      }
    }
  });
  if (problems.length) throw new ValidationError(problems);

  // candidate → criterion → rater → score (later ratings replace earlier ones).
  const table = new Map<string, Map<string, Map<string, number>>>();
  const ignoredRatings: ScoringResult['ignoredRatings'] = [];
  const critById = new Map(crit.map((c) => [c.id, c]));
  for (const r of ratings) {
    const c = critById.get(r.criterion);
    let reason: string | undefined;
    if (!ids.has(r.candidate)) reason = `"${r.candidate}" is not among the candidates scored`;
    else if (!c) reason = `unknown criterion "${r.criterion}"`;
    else if (c.source === 'computed') reason = `"${c.name}" is computed from the map, not rated`;
    if (reason) {
      ignoredRatings.push({ rating: r, reason });
      continue;
    }
    let byCrit = table.get(r.candidate);
    if (!byCrit) table.set(r.candidate, (byCrit = new Map()));
    let byRater = byCrit.get(r.criterion);
    if (!byRater) byCrit.set(r.criterion, (byRater = new Map()));
    byRater.delete(r.rater.trim());
    byRater.set(r.rater.trim(), r.score);
  }

  const weights = crit.map((c) => c.weight);
  const scored = pool.map((cand) => {
    const parts = crit.map((c) => {
      if (c.source === 'computed') {
        const v = computeCriterion(c.computed!, focal, cand);
        return { value: v.value, explanation: v.explanation };
      }
      return ratedTerm(c, table.get(cand.id)?.get(c.id));
    });
    const values = parts.map((p) => p.value);
    const score = weightedScore(values, weights);
    const counted = values.reduce<number>((a, v, i) => (v === null ? a : a + weights[i]!), 0);
    const terms: ScoreTerm[] = crit.map((c, i) => {
      const p = parts[i]!;
      const share = p.value === null || counted === 0 ? 0 : c.weight / counted;
      return {
        criterion: c.id,
        name: c.name,
        source: c.source,
        weight: c.weight,
        share,
        value: p.value,
        contribution: p.value === null ? 0 : 100 * share * p.value,
        missing: p.value === null,
        explanation: p.explanation,
        ...('ratings' in p && p.ratings ? { ratings: p.ratings } : {}),
      };
    });
    const missing = terms.filter((t) => t.missing).map((t) => t.criterion);
    return { cand, score, terms, missing, counted };
  });

  const { order, ranks } = rankScores(scored.map((s) => s.score));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const ranking: CandidateScore[] = order.map((i) => {
    const s = scored[i]!;
    const missingNames = s.terms.filter((t) => t.missing).map((t) => t.name);
    let explanation: string;
    if (s.score === null) {
      explanation = `No score: no criterion with a positive weight could be evaluated${missingNames.length ? ` (missing: ${missingNames.join(', ')})` : ''}.`;
    } else {
      const shown = s.terms
        .filter((t) => !t.missing && t.weight > 0)
        .map((t) => `${t.name} ${fmt(t.contribution)}`)
        .join(' + ');
      explanation = `${fmt(s.score)} = ${shown}.`;
      if (missingNames.length) {
        explanation += ` Missing: ${missingNames.join(', ')}; left out, so the other weights (${fmt(s.counted)} of ${fmt(totalWeight)}) were re-normalized.`;
      }
    }
    return {
      candidate: s.cand.id,
      name: s.cand.name,
      rank: ranks[i]!,
      score: s.score,
      terms: s.terms,
      missing: s.missing,
      explanation,
    };
  });

  return { focal: focal.id, criteria: crit, ranking, ignoredRatings, rule: SCORING_RULE };
}
