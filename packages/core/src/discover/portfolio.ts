/**
 * Portfolio recommendation: pick up to k partners that together cover the most
 * weighted needs (weighted maximum coverage), without letting any one partner
 * carry more than a set share of the covered value (seed 000, "Risk of
 * Dependency": "cultivate a diverse portfolio of relationships").
 *
 * Credit rule (how covered value is attributed to partners): a need covered by
 * several picks is split equally among them. A partner's share is its credited
 * value over the portfolio's covered value; the shares add up to 1, so a cap c
 * needs at least ⌈1/c⌉ partners. Splitting equally rewards redundancy: a second
 * provider of a need halves the first one's credit for it, which is exactly how
 * a backup lowers dependency.
 *
 * Search: exact (every selection of up to k partners) when there are at most
 * `exactLimit` selections (default 200,000); otherwise greedy by marginal
 * coverage, which is within (1 − 1/e) of optimal without the cap (Nemhauser,
 * Wolsey & Fisher 1978). With a cap the greedy skips any candidate whose
 * addition would leave a partner above the cap, and says so; a partial portfolio
 * smaller than ⌈1/cap⌉ is exempt (it cannot meet the cap yet). Then a local
 * search makes single swaps, additions or removals while they help, first to
 * bring every partner within the cap, then to cover more; this is repeated from
 * a few other first picks and the best result kept. With a cap the (1 − 1/e)
 * bound no longer applies, and the result says so.
 */
import type { Actor } from '../model/document.ts';
import { ValidationError, type Problem } from '../model/problem.ts';
import { labelKey } from '../map/analysis/catalog.ts';
import {
  EPS,
  evaluate,
  exactSearch,
  explainOrder,
  greedySearch,
  pct,
  selectionCount,
  type Prepared,
} from './portfolio-search.ts';

export interface WeightedNeed {
  need: string;
  /** ≥ 0; a need of weight 0 counts for nothing. */
  weight: number;
}

export interface PortfolioCandidate {
  id: string;
  name?: string;
  capabilities: readonly string[];
}

export interface PortfolioInput {
  /** The focal organization's needs with weights (see needsFromActor). */
  needs: readonly WeightedNeed[];
  candidates: readonly PortfolioCandidate[];
  /** At most this many partners (an integer ≥ 0). */
  k: number;
  /** The most any one partner may carry of the covered value, in (0, 1]; default 1 (no cap). */
  maxShare?: number;
  /** Exact search when the number of selections to check is at most this; default 200,000. */
  exactLimit?: number;
  /** Force a method; default 'auto' (exact when small enough). */
  method?: 'auto' | 'exact' | 'greedy';
}

export interface PortfolioPick {
  candidate: string;
  name: string;
  /** 1-based, in the order the picks are explained (greedy: the order picked). */
  order: number;
  /** Needs this pick covers that no earlier pick did. */
  adds: WeightedNeed[];
  /** Needs this pick covers that an earlier pick covers too (redundancy). */
  alsoCovers: string[];
  /** Total weight of `adds`. */
  addedValue: number;
  /** Covered value credited to this partner under the equal-split rule. */
  credited: number;
  /** credited / covered value of the portfolio. */
  share: number;
  explanation: string;
}

export interface Portfolio {
  method: 'exact' | 'greedy';
  guarantee: string;
  picks: PortfolioPick[];
  coveredValue: number;
  totalValue: number;
  /** coveredValue / totalValue, 0 when there is no weighted need. */
  coverage: number;
  maxShare: number;
  uncovered: WeightedNeed[];
  /** Candidates not picked for a stated reason (cover no need, or would breach the cap). */
  skipped: { candidate: string; name: string; reason: string }[];
  notes: string[];
  rule: string;
}

export const SHARE_RULE =
  'A need covered by several picks is split equally among them; a partner’s share = its credited value / the covered value.';
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/**
 * The needs of an actor as weighted needs: distinct by label (trimmed,
 * case-insensitive), weight from `weights` (keyed by the label as written or
 * lower-cased), default 1.
 */
export function needsFromActor(
  actor: Pick<Actor, 'needs'>,
  weights: Record<string, number> = {},
): WeightedNeed[] {
  const byKey = new Map(Object.entries(weights).map(([k, w]) => [labelKey(k), w]));
  const seen = new Set<string>();
  const out: WeightedNeed[] = [];
  for (const n of actor.needs) {
    const k = labelKey(n);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push({ need: n.trim(), weight: byKey.get(k) ?? 1 });
  }
  return out;
}

/** The fewest partners that can all stay within a cap: ⌈1 / maxShare⌉. */
export function minimumPartners(maxShare: number): number {
  return Math.max(1, Math.ceil((1 - EPS) / maxShare));
}

/** Σ_{s=0..k} C(n, s), stopping early once above `limit`. */
function validate(input: PortfolioInput): void {
  const problems: Problem[] = [];
  if (!Number.isInteger(input.k) || input.k < 0) {
    problems.push({
      path: ['k'],
      message: `expected k to be a whole number ≥ 0, got ${input.k}`,
      code: 'invalid_value',
    });
  }
  const cap = input.maxShare ?? 1;
  if (!(cap > 0 && cap <= 1)) {
    problems.push({
      path: ['maxShare'],
      message: `expected maxShare in (0, 1], got ${cap}`,
      code: 'invalid_value',
    });
  }
  const keys = new Map<string, number>();
  input.needs.forEach((n, i) => {
    if (!Number.isFinite(n.weight) || n.weight < 0) {
      problems.push({
        path: ['needs', i, 'weight'],
        message: 'expected a weight ≥ 0',
        code: 'invalid_value',
      });
    }
    const k = labelKey(n.need);
    if (!k)
      problems.push({
        path: ['needs', i, 'need'],
        message: 'expected a non-empty need',
        code: 'invalid_value',
      });
    else if (keys.has(k)) {
      problems.push({
        path: ['needs', i, 'need'],
        message: `duplicate need "${n.need}" (first at needs[${keys.get(k)}])`,
        code: 'duplicate_id',
      });
    } else keys.set(k, i);
  });
  const ids = new Set<string>();
  input.candidates.forEach((c, i) => {
    if (ids.has(c.id)) {
      problems.push({
        path: ['candidates', i, 'id'],
        message: `duplicate candidate id "${c.id}"`,
        code: 'duplicate_id',
      });
    }
    ids.add(c.id);
  });
  if (problems.length) throw new ValidationError(problems);
}

/**
 * Recommends up to k partners covering the most weighted needs, with no partner
 * above `maxShare` of the covered value; each pick explained by the needs it adds.
 * Throws ValidationError for a bad k, cap, weight, or duplicate need or candidate.
 */
export function recommendPortfolio(input: PortfolioInput): Portfolio {
  validate(input);
  const cap = input.maxShare ?? 1;
  const limit = input.exactLimit ?? 200_000;
  const needs = input.needs.map((n) => ({ need: n.need.trim(), weight: n.weight }));
  const w = Float64Array.from(needs, (n) => n.weight);
  const needIndex = new Map(needs.map((n, i) => [labelKey(n.need), i]));
  const totalValue = needs.reduce((a, n) => a + n.weight, 0);

  const notes: string[] = [];
  const skippedOut: Portfolio['skipped'] = [];
  const pool: Prepared['pool'] = [];
  const covers: Int32Array[] = [];
  for (const c of input.candidates) {
    const idx = new Set<number>();
    for (const label of c.capabilities) {
      const j = needIndex.get(labelKey(label));
      if (j !== undefined && w[j]! > 0) idx.add(j);
    }
    const name = c.name ?? c.id;
    if (idx.size === 0) {
      skippedOut.push({ candidate: c.id, name, reason: 'covers none of the weighted needs' });
      continue;
    }
    pool.push({ id: c.id, name });
    covers.push(Int32Array.from([...idx].sort((a, b) => a - b)));
  }
  const p: Prepared = { w, covers, pool, scratch: new Int32Array(w.length) };
  const m0 = minimumPartners(cap);
  const k = Math.min(input.k, pool.length);
  if (input.k > pool.length) {
    notes.push(
      `k = ${input.k} but only ${pool.length} candidate(s) cover a weighted need, so at most ${pool.length}.`,
    );
  }
  if (cap < 1) notes.push(`A cap of ${pct(cap)} needs at least ${m0} partners (the shares add up to 100%).`);
  if (m0 > k && k > 0)
    notes.push(`With at most ${k} partner(s), no portfolio can stay within the ${pct(cap)} cap.`);

  const count = selectionCount(pool.length, k, limit);
  const method: Portfolio['method'] =
    input.method === 'exact' || (input.method !== 'greedy' && count <= limit) ? 'exact' : 'greedy';
  let order: number[];
  let guarantee: string;
  if (k === 0) {
    order = [];
    guarantee =
      input.k === 0
        ? `${method}: k = 0, so no partner is picked`
        : `${method}: nothing to pick, no candidate covers a weighted need`;
  } else if (m0 > k) {
    order = [];
    guarantee =
      method === 'exact' ? 'exact: no selection can meet the cap' : 'greedy: no selection can meet the cap';
  } else if (method === 'exact') {
    order = explainOrder(exactSearch(p, k, cap, m0), p);
    guarantee = `exact: every selection of up to ${k} partner(s) was checked (${Math.round(count)} selections)`;
  } else {
    const g = greedySearch(p, k, cap, m0);
    order = g.sel;
    notes.push(...g.notes);
    for (const [c, reason] of g.skipped) {
      if (!order.includes(c)) skippedOut.push({ candidate: pool[c]!.id, name: pool[c]!.name, reason });
    }
    guarantee =
      cap < 1
        ? 'greedy, within (1−1/e) of optimal without the cap; with the cap it skips candidates that would breach it and improves by swaps, and the bound no longer applies'
        : 'greedy, within (1−1/e) ≈ 63% of optimal';
  }

  const { covered: coveredValue, credited } = evaluate(order, p);
  const seen = new Uint8Array(w.length);
  const picks: PortfolioPick[] = order.map((c, i) => {
    const adds: WeightedNeed[] = [];
    const alsoCovers: string[] = [];
    for (const j of covers[c]!) {
      if (seen[j]) alsoCovers.push(needs[j]!.need);
      else adds.push(needs[j]!);
      seen[j] = 1;
    }
    const addedValue = adds.reduce((a, n) => a + n.weight, 0);
    const share = coveredValue > 0 ? credited[i]! / coveredValue : 0;
    const addsText = adds.length
      ? `adds ${adds.length} need(s) worth ${num(addedValue)} (${adds.map((n) => n.need).join(', ')})`
      : 'adds no new need';
    const alsoText = alsoCovers.length
      ? `; also covers ${alsoCovers.join(', ')} (shared with earlier picks)`
      : '';
    return {
      candidate: pool[c]!.id,
      name: pool[c]!.name,
      order: i + 1,
      adds,
      alsoCovers,
      addedValue,
      credited: credited[i]!,
      share,
      explanation: `${pool[c]!.name} ${addsText}${alsoText}; carries ${pct(share)} of the covered value.`,
    };
  });
  const uncovered = needs.filter((_, j) => !seen[j] && w[j]! > 0);
  if (needs.some((n) => n.weight === 0))
    notes.push('Needs of weight 0 count for nothing and are not covered on purpose.');
  return {
    method,
    guarantee,
    picks,
    coveredValue,
    totalValue,
    coverage: totalValue > 0 ? coveredValue / totalValue : 0,
    maxShare: cap,
    uncovered,
    skipped: skippedOut,
    notes,
    rule: SHARE_RULE,
  };
}
