import { describe, expect, it } from 'vitest';
import { discover } from '@valueweb/core';
import type { Scores } from './discover-api.ts';
import { rerank, weightsChanged } from './rerank.ts';

const actor = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  name: id.toUpperCase(),
  kind: 'other' as const,
  capabilities: [],
  needs: [],
  values: [],
  ...fields,
});

/** Scores as the server sends them, computed with core. */
function scores(): Scores {
  const focal = actor('f', { needs: ['x', 'y'], values: ['v'] });
  const cands = [actor('a', { capabilities: ['x', 'y'] }), actor('b', { values: ['v'] })];
  const result = discover.scoreCandidates(focal, cands, discover.DEFAULT_CRITERIA, [
    { candidate: 'a', criterion: 'culture', rater: 'r', score: 1 },
    { candidate: 'b', criterion: 'culture', rater: 'r', score: 5 },
  ]);
  return {
    focal: 'f',
    candidates: { ids: ['a', 'b'], source: 'given', explanation: '' },
    defaultCriteria: true,
    criteria: result.criteria,
    ranking: result.ranking,
    ignoredRatings: [],
    rule: result.rule,
    sensitivity: discover.analyzeSensitivity(result),
    ratingsCounted: 2,
    basis: '',
  };
}

describe('live re-ranking', () => {
  it('gives the server’s scores with the saved weights', () => {
    const s = scores();
    const r = rerank(s, {});
    expect(r.ranking.map((x) => [x.candidate, x.score])).toEqual(
      s.ranking.map((x) => [x.candidate, x.score]),
    );
    expect(Object.values(r.moved).every((m) => m === 0)).toBe(true);
  });

  it('matches a server computation under the new weights, and says who moved', () => {
    const s = scores();
    const weights = { complementarity: 100, culture: 0, values: 0 };
    const r = rerank(s, weights);
    const focal = actor('f', { needs: ['x', 'y'], values: ['v'] });
    const expected = discover.scoreCandidates(
      focal,
      [actor('a', { capabilities: ['x', 'y'] }), actor('b', { values: ['v'] })],
      discover.DEFAULT_CRITERIA.map((c) => ({
        ...c,
        weight: weights[c.id as keyof typeof weights] ?? c.weight,
      })),
      [
        { candidate: 'a', criterion: 'culture', rater: 'r', score: 1 },
        { candidate: 'b', criterion: 'culture', rater: 'r', score: 5 },
      ],
    );
    expect(r.ranking.map((x) => x.candidate)).toEqual(expected.ranking.map((x) => x.candidate));
    r.ranking.forEach((row, i) => {
      expect(row.score).toBeCloseTo(expected.ranking[i]!.score!, 9);
      expect(row.terms.reduce((a, t) => a + t.contribution, 0)).toBeCloseTo(row.score!, 9);
    });
    expect(s.ranking[0]!.candidate).toBe('b');
    expect(r.ranking[0]!.candidate).toBe('a');
    expect(r.moved).toEqual({ a: 1, b: -1 });
    expect(weightsChanged(s.criteria, weights)).toBe(true);
    expect(weightsChanged(s.criteria, { culture: 15 })).toBe(false);
  });
});
