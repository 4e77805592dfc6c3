import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../model/problem.ts';
import { DEFAULT_CRITERIA, type Criterion } from './criteria.ts';
import { rankScores, scoreCandidates, type Rating } from './scoring.ts';
import { actor } from './test-factory.ts';

const us = actor('us', {
  name: 'Us',
  needs: ['Clinical trials', 'data platform', 'Distribution', 'funding'],
  capabilities: ['regulatory know-how', 'patient access'],
  values: ['openness', 'patient safety', 'speed'],
  clock: { cadence: 'annual', fiscalYearStart: 1 },
});
const them = actor('them', {
  name: 'Them',
  capabilities: ['clinical trials', 'data platform'],
  needs: ['regulatory know-how', 'capital'],
  values: ['openness', 'speed', 'profit'],
  clock: { cadence: 'annual' },
});
const other = actor('other', { name: 'Other' });
const r = (candidate: string, criterion: string, rater: string, score: number): Rating => ({
  candidate,
  criterion,
  rater,
  score,
});

describe('scoreCandidates', () => {
  it('computes the weighted score with every term shown, re-normalizing over missing criteria', () => {
    const res = scoreCandidates(us, [other, them], DEFAULT_CRITERIA, [
      r('them', 'culture', 'ana', 4),
      r('them', 'culture', 'bo', 5),
      r('them', 'vision', 'ana', 3),
    ]);
    expect(res.ranking.map((c) => [c.candidate, c.rank])).toEqual([
      ['them', 1],
      ['other', 2],
    ]);
    const t = res.ranking[0]!;
    // 30·0.5 + 20·0.5 + 15·0.875 + 15·0.5 + 10·1 = 55.625 over weight 90 (financial missing)
    expect(t.score).toBeCloseTo((100 * 55.625) / 90, 10);
    expect(t.missing).toEqual(['financial']);
    const culture = t.terms.find((x) => x.criterion === 'culture')!;
    expect(culture).toMatchObject({
      value: 0.875,
      weight: 15,
      ratings: [
        { rater: 'ana', score: 4 },
        { rater: 'bo', score: 5 },
      ],
    });
    expect(culture.share).toBeCloseTo(15 / 90, 12);
    expect(culture.explanation).toBe('2 raters (ana 4, bo 5): mean 4.50 → (4.50 − 1)/4 = 0.88.');
    const fin = t.terms.find((x) => x.criterion === 'financial')!;
    expect(fin).toMatchObject({ value: null, missing: true, contribution: 0, share: 0 });
    expect(t.terms.reduce((a, x) => a + x.contribution, 0)).toBeCloseTo(t.score!, 10);
    expect(t.explanation).toContain(
      'Missing: Financial strength; left out, so the other weights (90.00 of 100.00) were re-normalized.',
    );

    const o = res.ranking[1]!;
    expect(o.score).toBe(0);
    expect(o.missing).toEqual(['culture', 'vision', 'financial', 'clock']);
  });

  it('gives no score (ranked last) when no positive-weight criterion can be evaluated', () => {
    const crit: Criterion[] = [
      { id: 'culture', name: 'Culture', description: '', weight: 1, source: 'rated' },
      { id: 'values', name: 'Values', description: '', weight: 0, source: 'computed', computed: 'values' },
    ];
    const res = scoreCandidates(us, [other, them], crit, [r('them', 'culture', 'ana', 1)]);
    expect(res.ranking.map((c) => [c.candidate, c.score, c.rank])).toEqual([
      ['them', 0, 1],
      ['other', null, 2],
    ]);
    expect(res.ranking[1]!.explanation).toContain('No score');
  });

  it('keeps input order for ties and gives them the same rank', () => {
    const a = actor('a');
    const b = actor('b');
    const c = actor('c', { capabilities: ['funding'] });
    const res = scoreCandidates(us, [a, b, c], DEFAULT_CRITERIA);
    expect(res.ranking.map((x) => [x.candidate, x.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['b', 2],
    ]);
  });

  it('lets a rater’s later rating replace the earlier one, and ignores ratings it cannot use', () => {
    const res = scoreCandidates(us, [them], DEFAULT_CRITERIA, [
      r('them', 'culture', 'ana', 1),
      r('them', 'culture', 'ana', 5),
      r('ghost', 'culture', 'ana', 3),
      r('them', 'values', 'ana', 3),
      r('them', 'nope', 'ana', 3),
    ]);
    expect(res.ranking[0]!.terms.find((t) => t.criterion === 'culture')!.value).toBe(1);
    expect(res.ignoredRatings.map((i) => i.reason)).toEqual([
      '"ghost" is not among the candidates scored',
      '"Values alignment" is computed from the map, not rated',
      'unknown criterion "nope"',
    ]);
  });

  it('skips the focal organization and handles no candidates', () => {
    expect(scoreCandidates(us, [us, them], DEFAULT_CRITERIA).ranking.map((c) => c.candidate)).toEqual([
      'them',
    ]);
    expect(scoreCandidates(us, [], DEFAULT_CRITERIA).ranking).toEqual([]);
  });

  it('throws a ValidationError for all weights zero, bad ratings and duplicate candidates', () => {
    const zero = DEFAULT_CRITERIA.map((c) => ({ ...c, weight: 0 }));
    expect(() => scoreCandidates(us, [them], zero)).toThrow(/all criterion weights are zero/);
    expect(() => scoreCandidates(us, [them], DEFAULT_CRITERIA, [r('them', 'culture', 'ana', 6)])).toThrow(
      ValidationError,
    );
    expect(() => scoreCandidates(us, [them, them], DEFAULT_CRITERIA)).toThrow(
      /duplicate candidate id "them"/,
    );
  });
});

describe('rankScores', () => {
  it('gives competition ranks, null last', () => {
    expect(rankScores([50, null, 70, 50, 10])).toEqual({ order: [2, 0, 3, 4, 1], ranks: [2, 5, 1, 2, 4] });
  });
});

describe('scoreCandidates: properties', () => {
  const labels = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 4 });
  const arbActor = (id: string) =>
    fc
      .record({
        capabilities: labels,
        needs: labels,
        values: labels,
        clock: fc.option(
          fc.record({
            cadence: fc.constantFrom('quarterly' as const, 'annual' as const, 'multiyear' as const),
          }),
          { nil: undefined },
        ),
      })
      .map((f) => actor(id, f));
  const ids = ['c0', 'c1', 'c2', 'c3', 'c4'];
  const arbRatings = fc.array(
    fc.record({
      candidate: fc.constantFrom(...ids),
      criterion: fc.constantFrom('culture', 'vision', 'financial'),
      rater: fc.constantFrom('x', 'y', 'z'),
      score: fc.integer({ min: 1, max: 5 }),
    }),
    { maxLength: 20 },
  );
  const arbWeights = fc
    .array(fc.integer({ min: 0, max: 10 }), { minLength: 6, maxLength: 6 })
    .filter((w) => w.some((x) => x > 0));

  it('scores lie in [0, 100], contributions add up to the score, and the ranking is sorted', () => {
    fc.assert(
      fc.property(
        arbActor('us'),
        fc.tuple(...ids.map(arbActor)),
        arbRatings,
        arbWeights,
        (focal, cands, ratings, w) => {
          const crit = DEFAULT_CRITERIA.map((c, i) => ({ ...c, weight: w[i]! }));
          const res = scoreCandidates(focal, cands, crit, ratings);
          let prev = Infinity;
          for (const c of res.ranking) {
            if (c.score === null) {
              prev = -Infinity;
              continue;
            }
            expect(c.score).toBeGreaterThanOrEqual(0);
            expect(c.score).toBeLessThanOrEqual(100 + 1e-9);
            expect(c.score).toBeLessThanOrEqual(prev + 1e-9);
            prev = c.score;
            expect(c.terms.reduce((a, t) => a + t.contribution, 0)).toBeCloseTo(c.score, 9);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
