import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageShapley, coverageWorth, synergyShapley, synergyWorth } from './rule-games.ts';
import { shapleyFromTable } from './shapley.ts';

const rules = (n: number) =>
  fc.array(
    fc.record({
      members: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }),
      value: fc.integer({ min: -40, max: 100 }),
    }),
    { maxLength: 6 },
  );

const tableOf = (n: number, worth: (m: number) => number): Float64Array =>
  Float64Array.from({ length: 2 ** n }, (_, m) => worth(m));

describe('synergy rules (Ieong & Shoham 2005)', () => {
  it('split each rule equally among its members', () => {
    const phi = synergyShapley(3, [
      { members: [0, 1], value: 100 },
      { members: [1, 2], value: -30 },
      { members: [2], value: 9 },
    ]);
    expect(Array.from(phi)).toEqual([50, 35, -6]);
  });

  it('agree with the exact Shapley value of the same game as a table', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.constant(n), rules(n))),
        ([n, rs]) => {
          const exact = shapleyFromTable(
            n,
            tableOf(n, (m) => synergyWorth(rs, m)),
          );
          const fast = synergyShapley(n, rs);
          for (let i = 0; i < n; i++) expect(fast[i]!).toBeCloseTo(exact[i]!, 9);
        },
      ),
    );
  });
});

describe('coverage games', () => {
  it('split each capability equally among its providers', () => {
    const phi = coverageShapley(3, [
      { providers: [0, 2], value: 60 },
      { providers: [1], value: 10 },
      { providers: [], value: 99 },
    ]);
    expect(Array.from(phi)).toEqual([30, 10, 30]);
  });

  it('agree with the exact Shapley value of the same game as a table', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(
              fc.record({
                providers: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }),
                value: fc.integer({ min: 0, max: 100 }),
              }),
              { maxLength: 5 },
            ),
          ),
        ),
        ([n, items]) => {
          const exact = shapleyFromTable(
            n,
            tableOf(n, (m) => coverageWorth(items, m)),
          );
          const fast = coverageShapley(n, items);
          for (let i = 0; i < n; i++) expect(fast[i]!).toBeCloseTo(exact[i]!, 9);
        },
      ),
    );
  });
});
