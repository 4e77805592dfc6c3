import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA, type Criterion } from './criteria.ts';
import { scoreCandidates, type Rating } from './scoring.ts';
import { analyzeSensitivity } from './sensitivity.ts';
import { actor } from './test-factory.ts';

const crit: Criterion[] = [
  { id: 'c1', name: 'One', description: '', weight: 50, source: 'rated' },
  { id: 'c2', name: 'Two', description: '', weight: 50, source: 'rated' },
];
const r = (candidate: string, criterion: string, score: number): Rating => ({
  candidate,
  criterion,
  rater: 'x',
  score,
});

describe('analyzeSensitivity', () => {
  it('finds the weight changes that swap two close candidates and keeps a distant one stable', () => {
    // A: c1 = 1.0, c2 = 0 → 50; B: c1 = 0.25, c2 = 0.875 → 56.25; C: 0.
    const ratings = [
      r('a', 'c1', 5),
      r('a', 'c2', 1),
      r('b', 'c1', 2),
      r('b', 'c2', 4.5),
      r('c', 'c1', 1),
      r('c', 'c2', 1),
    ];
    const scoring = scoreCandidates(actor('us'), [actor('a'), actor('b'), actor('c')], crit, ratings);
    expect(scoring.ranking.map((c) => c.candidate)).toEqual(['b', 'a', 'c']);
    const rep = analyzeSensitivity(scoring);
    expect(rep.stable).toBe(false);
    const [b, a, c] = rep.candidates;
    expect(c).toMatchObject({ candidate: 'c', stable: true, moves: [] });
    expect(a!.stable).toBe(false);
    expect(a!.moves.map((m) => [m.criterion, m.factor, m.fromRank, m.toRank])).toEqual([
      ['c1', 1.2, 2, 1],
      ['c2', 0.8, 2, 1],
    ]);
    // c1 ×1.2: A = 60/110, B = (15 + 43.75)/110
    expect(a!.moves[0]!.score).toBeCloseTo((100 * 60) / 110, 10);
    expect(b!.moves.map((m) => [m.criterion, m.factor, m.toRank])).toEqual([
      ['c1', 1.2, 2],
      ['c2', 0.8, 2],
    ]);
    expect(rep.scenarios).toHaveLength(4);
    expect(
      rep.scenarios.find((s) => s.criterion === 'c1' && s.factor === 1.2)!.ranking.map((x) => x.candidate),
    ).toEqual(['a', 'b', 'c']);
    expect(rep.explanation).toContain('2 of 3 candidates could change rank');
    expect(rep.explanation).toContain('A (rank 2 → 1 if One ×1.2, and 1 more)');
  });

  it('treats breaking a tie as a rank change for the one that drops', () => {
    const ratings = [r('a', 'c1', 5), r('a', 'c2', 1), r('b', 'c1', 1), r('b', 'c2', 5)];
    const scoring = scoreCandidates(actor('us'), [actor('a'), actor('b')], crit, ratings);
    expect(scoring.ranking.map((c) => [c.candidate, c.rank])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    const rep = analyzeSensitivity(scoring);
    expect(rep.candidates[0]!.moves.map((m) => [m.criterion, m.factor, m.toRank])).toEqual([
      ['c1', 0.8, 2],
      ['c2', 1.2, 2],
    ]);
    expect(rep.candidates[1]!.moves.map((m) => [m.criterion, m.factor, m.toRank])).toEqual([
      ['c1', 1.2, 2],
      ['c2', 0.8, 2],
    ]);
  });

  it('keeps a missing criterion missing: a candidate rated on one criterion only is not moved by the other', () => {
    const scoring = scoreCandidates(actor('us'), [actor('a'), actor('b')], crit, [
      r('a', 'c1', 5),
      r('b', 'c2', 4),
    ]);
    expect(scoring.ranking.map((c) => [c.candidate, c.score])).toEqual([
      ['a', 100],
      ['b', 75],
    ]);
    expect(analyzeSensitivity(scoring).stable).toBe(true);
  });

  it('handles no candidates', () => {
    const rep = analyzeSensitivity(scoreCandidates(actor('us'), [], DEFAULT_CRITERIA));
    expect(rep).toMatchObject({ candidates: [], stable: true, explanation: 'No candidates to test.' });
  });

  it('agrees with re-scoring under the changed weight (property)', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const arbRatings = fc.array(
      fc.record({
        candidate: fc.constantFrom(...ids),
        criterion: fc.constantFrom('c1', 'c2', 'c3'),
        rater: fc.constantFrom('x', 'y'),
        score: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 24 },
    );
    const arbW = fc
      .array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 })
      .filter((w) => w.some((x) => x > 0));
    fc.assert(
      fc.property(arbRatings, arbW, (ratings, w) => {
        const criteria: Criterion[] = ['c1', 'c2', 'c3'].map((id, i) => ({
          id,
          name: id,
          description: '',
          weight: w[i]!,
          source: 'rated',
        }));
        const cands = ids.map((id) => actor(id));
        const base = scoreCandidates(actor('us'), cands, criteria, ratings);
        const rep = analyzeSensitivity(base);
        for (const s of rep.scenarios) {
          const changed = criteria.map((c) =>
            c.id === s.criterion ? { ...c, weight: c.weight * s.factor } : c,
          );
          if (changed.every((c) => c.weight === 0)) continue;
          const again = scoreCandidates(actor('us'), cands, changed, ratings);
          const byId = (rows: { candidate: string; rank: number }[]) =>
            Object.fromEntries(rows.map((x) => [x.candidate, x.rank]));
          expect(byId(s.ranking)).toEqual(byId(again.ranking));
        }
        for (const c of rep.candidates) expect(c.stable).toBe(c.moves.length === 0);
      }),
      { numRuns: 150 },
    );
  });
});
