import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shapleyByPermutations, shapleyFromTable } from './shapley.ts';

/** A random game on n ≤ 6 members: integer values for every non-empty coalition. */
const game = (minN = 1, maxN = 6) =>
  fc.integer({ min: minN, max: maxN }).chain((n) =>
    fc
      .array(fc.integer({ min: -50, max: 100 }), { minLength: 2 ** n - 1, maxLength: 2 ** n - 1 })
      .map((xs) => ({
        n,
        values: Float64Array.from([0, ...xs]),
      })),
  );

const close = (a: ArrayLike<number>, b: ArrayLike<number>): void => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(a[i]!).toBeCloseTo(b[i]!, 9);
};

/** Swaps bits i and j of a mask. */
const swap = (mask: number, i: number, j: number): number => {
  const bi = (mask >>> i) & 1;
  const bj = (mask >>> j) & 1;
  return bi === bj ? mask : mask ^ ((1 << i) | (1 << j));
};

describe('shapleyFromTable', () => {
  it('solves the glove game: one left glove (0), two right gloves (1, 2)', () => {
    // v(S) = 1 when S holds a left and a right glove.
    const values = Float64Array.from({ length: 8 }, (_, m) => (m & 1 && m & 6 ? 1 : 0));
    close(shapleyFromTable(3, values), [2 / 3, 1 / 6, 1 / 6]);
  });

  it('matches the average over all n! orders (n ≤ 6)', () => {
    fc.assert(
      fc.property(game(), ({ n, values }) => {
        close(
          shapleyFromTable(n, values),
          shapleyByPermutations(n, (m) => values[m]!),
        );
      }),
    );
  });

  it('is efficient: the values add up to v(N)', () => {
    fc.assert(
      fc.property(game(), ({ n, values }) => {
        const phi = shapleyFromTable(n, values);
        expect(phi.reduce((a, b) => a + b, 0)).toBeCloseTo(values[2 ** n - 1]!, 9);
      }),
    );
  });

  it('is symmetric: members with the same role get the same value', () => {
    fc.assert(
      fc.property(game(2), fc.nat(), fc.nat(), ({ n, values }, a, b) => {
        const i = a % n;
        const j = (i + 1 + (b % (n - 1))) % n;
        // Symmetrise the game in i and j: v'(S) = (v(S) + v(σS)) / 2.
        const sym = values.map((v, m) => (v + values[swap(m, i, j)]!) / 2);
        const phi = shapleyFromTable(n, sym);
        expect(phi[i]!).toBeCloseTo(phi[j]!, 9);
      }),
    );
  });

  it('gives a null player nothing', () => {
    fc.assert(
      fc.property(game(2), fc.nat(), ({ n, values }, a) => {
        const k = a % n;
        // Make k null: v(S) = v(S without k).
        const nulled = values.map((_, m) => values[m & ~(1 << k)]!);
        expect(shapleyFromTable(n, nulled)[k]!).toBeCloseTo(0, 12);
      }),
    );
  });

  it('is additive: φ(v + w) = φ(v) + φ(w)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.integer({ min: -50, max: 100 }), { minLength: 2 ** n, maxLength: 2 ** n }),
              fc.array(fc.integer({ min: -50, max: 100 }), { minLength: 2 ** n, maxLength: 2 ** n }),
            ),
          ),
        ([n, xs, ys]) => {
          const v = Float64Array.from(xs, (x, m) => (m === 0 ? 0 : x));
          const w = Float64Array.from(ys, (y, m) => (m === 0 ? 0 : y));
          const sum = v.map((x, m) => x + w[m]!);
          const pv = shapleyFromTable(n, v);
          const pw = shapleyFromTable(n, w);
          close(
            shapleyFromTable(n, sum),
            Array.from(pv, (x, i) => x + pw[i]!),
          );
        },
      ),
    );
  });

  it('solves 20 members (about a million values) in well under two seconds', () => {
    const n = 20;
    const values = new Float64Array(2 ** n);
    for (let m = 1; m < values.length; m++) values[m] = Math.sqrt(m % 1000) + (m & 1 ? 5 : 0);
    const phi = shapleyFromTable(n, values);
    expect(phi.reduce((a, b) => a + b, 0)).toBeCloseTo(values[2 ** n - 1]!, 6);
  });

  it('rejects tables over 20 members and tables of the wrong size', () => {
    expect(() => shapleyFromTable(21, new Float64Array(1))).toThrow(/limited to 20 members/);
    expect(() => shapleyFromTable(3, new Float64Array(7))).toThrow(/2\^3 = 8 values/);
  });
});
