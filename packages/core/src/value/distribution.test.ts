import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distribute } from './distribution.ts';
import { largestRemainder } from './rounding.ts';

const members = ['a', 'b', 'c'];
const cents = (xs: number[]): number => Math.round(xs.reduce((s, x) => s + x * 100, 0));

describe('distribute', () => {
  it('equal: rounds by largest remainder so the shares add up', () => {
    const d = distribute(100, { rule: 'equal' }, { members });
    expect(d.shares.map((s) => s.amount)).toEqual([33.34, 33.33, 33.33]);
    expect(d.shares[0]!.explanation.at(-1)).toMatch(/rounded up to 33.34/);
  });

  it('proportional to the contributions of the period', () => {
    const d = distribute(
      1000,
      { rule: 'proportional' },
      { members, contributions: { a: 300, b: 700 }, period: '2025-Q3' },
    );
    expect(d.shares.map((s) => s.amount)).toEqual([300, 700, 0]);
    expect(d.shares[0]!.explanation[0]).toBe('contributed 300 of 1000 in 2025-Q3 (30.00%)');
  });

  it('proportional with nobody contributing is an error naming contributions', () => {
    expect(() => distribute(10, { rule: 'proportional' }, { members, contributions: {} })).toThrow(
      /^contributions: no member contributed/,
    );
  });

  it('shapley: amount × φ_i / v(N), explained rule by rule', () => {
    const d = distribute(
      600,
      {
        rule: 'shapley',
        game: {
          synergies: [
            { members: ['a', 'b'], value: 100 },
            { members: ['c'], value: 200 },
          ],
        },
      },
      { members },
    );
    // φ = (50, 50, 200) of v(N) = 300 → 100, 100, 400.
    expect(d.shares.map((s) => s.amount)).toEqual([100, 100, 400]);
    expect(d.shares[0]!.explanation).toContain('synergy {a, b} worth 100 → 50 to each of 2 members (rule 0)');
    expect(d.method).toBe('exact');
  });

  it('shapley over a coalition table states sampling when it is used', () => {
    const coalitions = [
      { members: ['a'], value: 10 },
      { members: ['b'], value: 10 },
      { members: ['c'], value: 10 },
      { members: ['a', 'b'], value: 40 },
      { members: ['a', 'c'], value: 40 },
      { members: ['b', 'c'], value: 40 },
      { members: ['a', 'b', 'c'], value: 90 },
    ];
    const d = distribute(
      90,
      { rule: 'shapley', game: { coalitions } },
      { members, exactLimit: 2, samples: 1000, seed: 4 },
    );
    expect(d.method).toBe('sampling');
    expect(d.samples).toBe(1000);
    expect(cents(d.shares.map((s) => s.amount))).toBe(9000);
    expect(d.shares[0]!.explanation.join(' ')).toMatch(/95% interval/);
  });

  it('rejects a negative amount, sub-cent amounts and games worth nothing, naming the field', () => {
    expect(() => distribute(-1, { rule: 'equal' }, { members })).toThrow(
      /^amount: must be a non-negative number/,
    );
    expect(() => distribute(1.005, { rule: 'equal' }, { members })).toThrow(/^amount: /);
    expect(() =>
      distribute(10, { rule: 'shapley', game: { synergies: [{ members: ['a'], value: -5 }] } }, { members }),
    ).toThrow(/^value\.game: /);
    expect(() =>
      distribute(
        10,
        {
          rule: 'shapley',
          game: {
            synergies: [
              { members: ['a'], value: 5 },
              { members: ['b'], value: -1 },
            ],
          },
        },
        { members },
      ),
    ).toThrow(/b's Shapley value is negative/);
    expect(() => distribute(10, { rule: 'shapley' }, { members })).toThrow(/^value\.game: /);
  });

  it('always adds up to the amount, to the cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 })
          .filter((c) => c.some((x) => x > 0)),
        (amountCents, contributions) => {
          const ids = contributions.map((_, i) => `m${i}`);
          const d = distribute(
            amountCents / 100,
            { rule: 'proportional' },
            { members: ids, contributions: Object.fromEntries(ids.map((id, i) => [id, contributions[i]!])) },
          );
          expect(cents(d.shares.map((s) => s.amount))).toBe(amountCents);
          d.shares.forEach((s) =>
            expect(Math.abs(s.amount - (amountCents / 100) * s.fraction)).toBeLessThan(0.01 + 1e-9),
          );
        },
      ),
    );
  });
});

describe('largestRemainder', () => {
  it('gives leftover units to the largest remainders, ties to the first', () => {
    expect(largestRemainder(10, [1 / 3, 1 / 3, 1 / 3]).units).toEqual([4, 3, 3]);
    expect(largestRemainder(7, [0.5, 0.25, 0.25]).units).toEqual([3, 2, 2]);
  });
});
