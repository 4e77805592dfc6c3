import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../games/random.ts';
import { shapleyByPermutations } from '../games/shapley.ts';
import { powerByGeneratingFunction } from './power-dp.ts';
import { votingPower, weightedGamePower } from './voting-power.ts';
import { isWinning, powerByEnumeration, type WeightedGame } from './weighted-game.ts';

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `m${i}`);
const game = (quota: number, weights: number[], veto: number[] = []): WeightedGame => ({
  quota,
  weights,
  veto: weights.map((_, i) => veto.includes(i)),
});
const expectAll = (actual: ArrayLike<number>, expected: number[], digits = 12): void => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, i) => expect(actual[i]!).toBeCloseTo(x, digits));
};

describe('textbook values', () => {
  it('[51; 50, 49, 1]: SS (2/3, 1/6, 1/6), Banzhaf (3/5, 1/5, 1/5)', () => {
    const p = weightedGamePower(game(51, [50, 49, 1]), ['a', 'b', 'c']);
    expectAll(
      p.members.map((m) => m.shapleyShubik),
      [2 / 3, 1 / 6, 1 / 6],
    );
    expectAll(
      p.members.map((m) => m.banzhaf),
      [3 / 5, 1 / 5, 1 / 5],
    );
    expectAll(
      p.members.map((m) => m.penrose),
      [3 / 4, 1 / 4, 1 / 4],
    );
    expect(p.dummies).toEqual([]);
    expect(p.dictator).toBeNull();
  });

  it('UN Security Council (5 permanent with veto, 10 elected, 9 votes): SS 421/2145 and 4/2145', () => {
    const veto = [0, 1, 2, 3, 4];
    // Both models: explicit vetoes with quota 9, and the classic weights [39; 7×5, 1×10].
    for (const g of [
      game(9, Array<number>(15).fill(1), veto),
      game(39, [7, 7, 7, 7, 7, ...Array<number>(10).fill(1)]),
    ]) {
      const p = weightedGamePower(g, ids(15));
      expect(p.members[0]!.shapleyShubik).toBeCloseTo(421 / 2145, 12);
      expect(p.members[0]!.shapleyShubik).toBeCloseTo(0.19627, 5);
      expect(p.members[14]!.shapleyShubik).toBeCloseTo(4 / 2145, 12);
      expect(p.members[14]!.shapleyShubik).toBeCloseTo(0.001865, 6);
      // 848 and 84 swings out of 2^14.
      expect(p.members[0]!.penrose).toBeCloseTo(848 / 16384, 14);
      expect(p.members[14]!.penrose).toBeCloseTo(84 / 16384, 14);
      expect(p.members[0]!.banzhaf).toBeCloseTo(848 / 5080, 12);
      expect(p.vetoPlayers).toEqual(ids(5));
    }
  });

  it('EEC Council of Ministers 1958 [12; 4, 4, 4, 2, 2, 1]: Luxembourg is a dummy', () => {
    const p = weightedGamePower(game(12, [4, 4, 4, 2, 2, 1]), ['FR', 'DE', 'IT', 'BE', 'NL', 'LU']);
    expectAll(
      p.members.map((m) => m.shapleyShubik),
      [14 / 60, 14 / 60, 14 / 60, 9 / 60, 9 / 60, 0],
    );
    expectAll(
      p.members.map((m) => m.banzhaf),
      [5 / 21, 5 / 21, 5 / 21, 3 / 21, 3 / 21, 0],
    );
    expect(p.dummies).toEqual(['LU']);
    expect(p.members[5]!.powerToWeight).toBe(0);
    expect(p.members[5]!.explanation.join(' ')).toMatch(/dummy/);
  });

  it('[6; 4, 3, 2, 1]: swings 5, 3, 3, 1', () => {
    const p = weightedGamePower(game(6, [4, 3, 2, 1]), ids(4));
    expectAll(
      p.members.map((m) => m.penrose),
      [5 / 8, 3 / 8, 3 / 8, 1 / 8],
    );
    expectAll(
      p.members.map((m) => m.banzhaf),
      [5 / 12, 3 / 12, 3 / 12, 1 / 12],
    );
    expectAll(
      p.members.map((m) => m.shapleyShubik),
      [5 / 12, 3 / 12, 3 / 12, 1 / 12],
    );
  });

  it('flags a dictator and veto players by weight', () => {
    const p = weightedGamePower(game(5, [6, 2, 2]), ['boss', 'x', 'y']);
    expect(p.dictator).toBe('boss');
    expect(p.vetoPlayers).toEqual(['boss']);
    expect(p.dummies).toEqual(['x', 'y']);
    expect(weightedGamePower(game(5, [3, 2, 1]), ['a', 'b', 'c']).vetoPlayers).toEqual(['a', 'b']);
  });
});

describe('decision rules as games', () => {
  it('majority of 4 needs 3; unanimity makes everyone a veto player', () => {
    const maj = votingPower({ rule: 'majority' }, ids(4));
    expect(maj.quota).toBe(3);
    expectAll(
      maj.members.map((m) => m.shapleyShubik),
      [0.25, 0.25, 0.25, 0.25],
    );
    const una = votingPower({ rule: 'unanimity' }, ids(3));
    expect(una.vetoPlayers).toEqual(ids(3));
  });

  it('a weighted rule with a zero-weight veto member', () => {
    const p = votingPower({ rule: 'weighted', quota: 3, weights: { a: 2, b: 2, c: 0 }, veto: ['c'] }, [
      'a',
      'b',
      'c',
    ]);
    expect(p.vetoPlayers).toEqual(['a', 'b', 'c']); // c by the charter, a and b by weight
    expect(p.members[2]!.powerToWeight).toBeNull();
    // Only {a, b, c} wins: every member is pivotal when it arrives last.
    expectAll(
      p.members.map((m) => m.shapleyShubik),
      [1 / 3, 1 / 3, 1 / 3],
    );
  });

  it('handles decimal weights exactly by rescaling, and enumerates otherwise', () => {
    const dec = votingPower({ rule: 'weighted', quota: 0.51, weights: { a: 0.5, b: 0.49, c: 0.01 } }, [
      'a',
      'b',
      'c',
    ]);
    expect(dec.method).toBe('generating-function');
    expectAll(
      dec.members.map((m) => m.shapleyShubik),
      [2 / 3, 1 / 6, 1 / 6],
    );
    const irr = votingPower(
      { rule: 'weighted', quota: 1, weights: { a: Math.PI / 4, b: Math.E / 5, c: Math.SQRT2 / 7 } },
      ['a', 'b', 'c'],
    );
    expect(irr.method).toBe('enumeration');
  });

  it('throws naming the field for a quota above the total weight or a veto non-member', () => {
    expect(() => votingPower({ rule: 'weighted', quota: 10, weights: { a: 4, b: 4 } }, ['a', 'b'])).toThrow(
      /decision\.quota: quota 10 is above the total weight 8/,
    );
    expect(() => votingPower({ rule: 'majority', veto: ['a', 'z'] }, ['a', 'b'])).toThrow(
      /decision\.veto\.1: veto member z/,
    );
  });
});

describe('generating functions agree with enumeration', () => {
  const randomGame = fc.integer({ min: 1, max: 11 }).chain((n) =>
    fc
      .tuple(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: n, maxLength: n }),
        fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        fc.double({ min: 0, max: 1, noNaN: true }),
      )
      .filter(([w]) => w.reduce((a, b) => a + b, 0) > 0)
      .map(([weights, veto, f]) => {
        const total = weights.reduce((a, b) => a + b, 0);
        return { quota: Math.max(1, Math.ceil(f * total)), weights, veto } satisfies WeightedGame;
      }),
  );

  it('on random weighted games with vetoes and zero weights', () => {
    fc.assert(
      fc.property(randomGame, (g) => {
        const dp = powerByGeneratingFunction(g);
        const en = powerByEnumeration(g);
        expectAll(dp.penrose, Array.from(en.penrose), 12);
        expectAll(dp.shapleyShubik, Array.from(en.shapleyShubik), 10);
        // Dummies are exact zeros in both.
        en.penrose.forEach((x, i) => expect(dp.penrose[i] === 0).toBe(x === 0));
      }),
      { numRuns: 300 },
    );
  });

  it('Shapley–Shubik is the Shapley value of the simple game (all n! orders)', () => {
    fc.assert(
      fc.property(
        randomGame.filter((g) => g.weights.length <= 7),
        (g) => {
          const byOrders = shapleyByPermutations(g.weights.length, (mask) => (isWinning(g, mask) ? 1 : 0));
          expectAll(powerByGeneratingFunction(g).shapleyShubik, Array.from(byOrders), 10);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('on larger random games (12–16 members), where most subsets are counted through complements', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 12, max: 16 }).chain((n) =>
          fc.tuple(
            fc.array(fc.integer({ min: 0, max: 60 }), { minLength: n, maxLength: n }),
            fc.array(
              fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
              { minLength: n, maxLength: n },
            ),
            fc.double({ min: 0.05, max: 1, noNaN: true }),
          ),
        ),
        ([weights, veto, f]) => {
          const total = weights.reduce((a, b) => a + b, 0);
          fc.pre(total > 0);
          const g: WeightedGame = { quota: Math.max(1, Math.ceil(f * total)), weights, veto };
          const dp = powerByGeneratingFunction(g);
          const en = powerByEnumeration(g);
          expectAll(dp.penrose, Array.from(en.penrose), 12);
          expectAll(dp.shapleyShubik, Array.from(en.shapleyShubik), 10);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('on an 18-member game with large weights', () => {
    const random = seededRandom(11);
    const weights = Array.from({ length: 18 }, () => 1 + Math.floor(random() * 500));
    const total = weights.reduce((a, b) => a + b, 0);
    const g = game(Math.floor((2 * total) / 3), weights, [2]);
    const dp = powerByGeneratingFunction(g);
    const en = powerByEnumeration(g);
    expectAll(dp.penrose, Array.from(en.penrose), 13);
    expectAll(dp.shapleyShubik, Array.from(en.shapleyShubik), 12);
  });

  it('solves 200 members with weights summing to about 20,000 (efficiency holds)', () => {
    const random = seededRandom(200);
    const weights = Array.from({ length: 200 }, () => 1 + Math.floor(random() * 199));
    const total = weights.reduce((a, b) => a + b, 0);
    const p = weightedGamePower(game(Math.floor(total / 2) + 1, weights), ids(200));
    expect(p.members.reduce((a, m) => a + m.shapleyShubik, 0)).toBeCloseTo(1, 10);
    expect(p.members.reduce((a, m) => a + m.banzhaf, 0)).toBeCloseTo(1, 12);
    // Members of equal weight have equal power; heavier members never have less.
    const byWeight = [...p.members].sort((a, b) => a.weight - b.weight);
    for (let i = 1; i < byWeight.length; i++)
      expect(byWeight[i]!.shapleyShubik).toBeGreaterThanOrEqual(byWeight[i - 1]!.shapleyShubik - 1e-15);
  });
});
