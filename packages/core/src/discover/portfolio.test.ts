import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../model/problem.ts';
import {
  minimumPartners,
  needsFromActor,
  recommendPortfolio,
  type PortfolioCandidate,
  type WeightedNeed,
} from './portfolio.ts';
import { actor } from './test-factory.ts';

const needs: WeightedNeed[] = [
  { need: 'a', weight: 3 },
  { need: 'b', weight: 2 },
  { need: 'c', weight: 2 },
  { need: 'd', weight: 1 },
];
const candidates: PortfolioCandidate[] = [
  { id: 'p1', name: 'P1', capabilities: ['A', 'b'] },
  { id: 'p2', name: 'P2', capabilities: ['c', ' d '] },
  { id: 'p3', name: 'P3', capabilities: ['a', 'c'] },
  { id: 'p4', name: 'P4', capabilities: ['b'] },
  { id: 'p5', name: 'P5', capabilities: ['x'] },
];

describe('recommendPortfolio', () => {
  it('covers every need with two partners when there is no cap, explaining each pick', () => {
    const p = recommendPortfolio({ needs, candidates, k: 2 });
    expect(p.method).toBe('exact');
    expect(p.picks.map((x) => x.candidate)).toEqual(['p1', 'p2']);
    expect(p).toMatchObject({ coveredValue: 8, totalValue: 8, coverage: 1, uncovered: [] });
    expect(p.picks[0]).toMatchObject({ adds: [needs[0], needs[1]], addedValue: 5, share: 5 / 8 });
    expect(p.picks[0]!.explanation).toBe(
      'P1 adds 2 need(s) worth 5 (a, b); carries 62.5% of the covered value.',
    );
    expect(p.skipped).toEqual([{ candidate: 'p5', name: 'P5', reason: 'covers none of the weighted needs' }]);
    expect(p.guarantee).toContain('exact');
  });

  it('respects the dependency cap by choosing a balanced pair, splitting shared needs equally', () => {
    const p = recommendPortfolio({ needs, candidates, k: 2, maxShare: 0.6 });
    expect(p.picks.map((x) => x.candidate)).toEqual(['p1', 'p3']);
    expect(p.coveredValue).toBe(7);
    // a is covered by both: 1.5 each; P1 gets 1.5 + 2 (b), P3 gets 1.5 + 2 (c)
    expect(p.picks.map((x) => [x.credited, x.share])).toEqual([
      [3.5, 0.5],
      [3.5, 0.5],
    ]);
    expect(p.picks[1]).toMatchObject({ adds: [{ need: 'c', weight: 2 }], alsoCovers: ['a'] });
    expect(p.picks[1]!.explanation).toContain('also covers a (shared with earlier picks)');
    expect(p.uncovered).toEqual([{ need: 'd', weight: 1 }]);
    expect(p.notes).toContain('A cap of 60% needs at least 2 partners (the shares add up to 100%).');
  });

  it('greedy skips the candidate that would breach the cap, and says so', () => {
    const p = recommendPortfolio({ needs, candidates, k: 2, maxShare: 0.6, method: 'greedy' });
    expect(p.method).toBe('greedy');
    expect(p.picks.map((x) => x.candidate)).toEqual(['p1', 'p3']);
    expect(p.skipped).toContainEqual({
      candidate: 'p2',
      name: 'P2',
      reason: 'would carry 62.5% of the covered value, above the 60% cap',
    });
    expect(p.guarantee).toContain('(1−1/e)');
  });

  it('returns an empty portfolio when k is too small for the cap', () => {
    const p = recommendPortfolio({ needs, candidates, k: 3, maxShare: 0.3 });
    expect(p.picks).toEqual([]);
    expect(p.coveredValue).toBe(0);
    expect(p.notes).toContain('With at most 3 partner(s), no portfolio can stay within the 30% cap.');
  });

  it('handles k > pool, k = 0, no candidates and empty needs', () => {
    const big = recommendPortfolio({ needs, candidates, k: 10 });
    expect(big.picks.map((x) => x.candidate)).toEqual(['p1', 'p2']); // fewest picks for full coverage
    expect(big.notes[0]).toBe('k = 10 but only 4 candidate(s) cover a weighted need, so at most 4.');
    expect(recommendPortfolio({ needs, candidates, k: 0 })).toMatchObject({
      picks: [],
      guarantee: 'exact: k = 0, so no partner is picked',
    });
    // Nothing to pick is said as such, not blamed on the cap.
    expect(recommendPortfolio({ needs, candidates: [], k: 3 })).toMatchObject({
      picks: [],
      coverage: 0,
      coveredValue: 0,
      guarantee: 'exact: nothing to pick, no candidate covers a weighted need',
    });
    const none = recommendPortfolio({ needs: [], candidates, k: 2 });
    expect(none).toMatchObject({ picks: [], coverage: 0, totalValue: 0 });
    expect(none.skipped).toHaveLength(5);
  });

  it('switches to greedy when there are too many selections to check', () => {
    const p = recommendPortfolio({ needs, candidates, k: 2, exactLimit: 5 });
    expect(p.method).toBe('greedy');
    expect(p.guarantee).toBe('greedy, within (1−1/e) ≈ 63% of optimal');
    expect(p.coveredValue).toBe(8);
  });

  it('throws a ValidationError for bad input', () => {
    expect(() => recommendPortfolio({ needs, candidates, k: -1 })).toThrow(ValidationError);
    expect(() => recommendPortfolio({ needs, candidates, k: 1.5 })).toThrow(/whole number/);
    expect(() => recommendPortfolio({ needs, candidates, k: 1, maxShare: 0 })).toThrow(/maxShare/);
    expect(() =>
      recommendPortfolio({ needs: [...needs, { need: ' A', weight: 1 }], candidates, k: 1 }),
    ).toThrow(/duplicate need/);
    expect(() => recommendPortfolio({ needs: [{ need: 'a', weight: -1 }], candidates, k: 1 })).toThrow(
      /weight/,
    );
    expect(() => recommendPortfolio({ needs, candidates: [...candidates, candidates[0]!], k: 1 })).toThrow(
      /duplicate candidate/,
    );
  });
});

describe('needsFromActor and minimumPartners', () => {
  it('dedupes needs and applies weights by label', () => {
    expect(needsFromActor(actor('a', { needs: ['Data', ' data', 'Funding'] }), { funding: 3 })).toEqual([
      { need: 'Data', weight: 1 },
      { need: 'Funding', weight: 3 },
    ]);
  });
  it('needs ⌈1/cap⌉ partners', () => {
    expect([1, 0.6, 0.5, 1 / 3, 0.3].map(minimumPartners)).toEqual([1, 2, 2, 3, 4]);
  });
});

/** Independent brute force over bitmasks: the best covered value within the cap, by the equal-split rule. */
function bruteForce(ns: WeightedNeed[], cs: PortfolioCandidate[], k: number, cap: number): number {
  const covers = cs.map((c) =>
    ns.map((n, j) => (n.weight > 0 && c.capabilities.includes(n.need) ? j : -1)).filter((j) => j >= 0),
  );
  let best = 0;
  for (let mask = 1; mask < 1 << cs.length; mask++) {
    const sel = covers.filter((_, i) => mask & (1 << i));
    if (sel.length > k || sel.some((c) => c.length === 0)) continue;
    const count = ns.map((_, j) => sel.filter((c) => c.includes(j)).length);
    const covered = ns.reduce((a, n, j) => a + (count[j]! > 0 ? n.weight : 0), 0);
    const top = Math.max(...sel.map((c) => c.reduce((a, j) => a + ns[j]!.weight / count[j]!, 0)));
    if (top <= cap * covered + 1e-9 && covered > best) best = covered;
  }
  return best;
}

describe('recommendPortfolio: properties', () => {
  const names = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];
  const instance = fc.record({
    weights: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 8 }),
    caps: fc.array(fc.subarray(names, { maxLength: 4 }), { maxLength: 8 }),
    k: fc.integer({ min: 0, max: 5 }),
    maxShare: fc.constantFrom(1, 0.75, 0.6, 0.5, 0.4, 0.34),
  });
  const build = (x: { weights: number[]; caps: string[][] }) => ({
    needs: x.weights.map((weight, j) => ({ need: names[j]!, weight })),
    candidates: x.caps.map((capabilities, i) => ({ id: `c${i}`, capabilities })),
  });

  it('exact is optimal (matches a brute force) and never below greedy; greedy ≥ (1−1/e)·exact without a cap', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const { needs: ns, candidates: cs } = build(x);
        const exact = recommendPortfolio({
          needs: ns,
          candidates: cs,
          k: x.k,
          maxShare: x.maxShare,
          method: 'exact',
        });
        const greedy = recommendPortfolio({
          needs: ns,
          candidates: cs,
          k: x.k,
          maxShare: x.maxShare,
          method: 'greedy',
        });
        expect(exact.coveredValue).toBeCloseTo(bruteForce(ns, cs, x.k, x.maxShare), 9);
        expect(exact.coveredValue).toBeGreaterThanOrEqual(greedy.coveredValue - 1e-9);
        if (x.maxShare === 1)
          expect(greedy.coveredValue).toBeGreaterThanOrEqual((1 - 1 / Math.E) * exact.coveredValue - 1e-9);
      }),
      { numRuns: 400 },
    );
  });

  it('every returned portfolio keeps each share within the cap, has at most k picks, and its numbers add up', () => {
    fc.assert(
      fc.property(instance, fc.constantFrom('exact' as const, 'greedy' as const), (x, method) => {
        const { needs: ns, candidates: cs } = build(x);
        const p = recommendPortfolio({ needs: ns, candidates: cs, k: x.k, maxShare: x.maxShare, method });
        expect(p.picks.length).toBeLessThanOrEqual(x.k);
        for (const pick of p.picks) expect(pick.share).toBeLessThanOrEqual(x.maxShare + 1e-9);
        if (p.picks.length) expect(p.picks.reduce((a, q) => a + q.share, 0)).toBeCloseTo(1, 9);
        expect(p.picks.reduce((a, q) => a + q.addedValue, 0)).toBeCloseTo(p.coveredValue, 9);
        expect(p.picks.reduce((a, q) => a + q.credited, 0)).toBeCloseTo(p.coveredValue, 9);
        expect(new Set(p.picks.map((q) => q.candidate)).size).toBe(p.picks.length);
      }),
      { numRuns: 400 },
    );
  });
});
