import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt, sampleWithoutReplacement, shuffleInPlace } from './random.ts';

describe('seeded random', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = mulberry32(seed);
        const b = mulberry32(seed);
        for (let i = 0; i < 50; i++) {
          const x = a();
          if (x !== b() || x < 0 || x >= 1) return false;
        }
        return true;
      }),
    );
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it('samples distinct values and shuffles into a permutation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer(), (n, seed) => {
        const k = Math.floor(n / 2);
        const s = sampleWithoutReplacement(n, k, mulberry32(seed));
        const arr = Int32Array.from({ length: n }, (_, i) => i);
        shuffleInPlace(arr, mulberry32(seed));
        return (
          new Set(s).size === k &&
          s.every((x) => x >= 0 && x < n) &&
          Array.from(arr)
            .sort((a, b) => a - b)
            .every((x, i) => x === i)
        );
      }),
    );
    expect(() => sampleWithoutReplacement(3, 4, mulberry32(1))).toThrow(RangeError);
  });

  it('randomInt is roughly uniform', () => {
    const rng = mulberry32(42);
    const counts = new Array<number>(4).fill(0);
    for (let i = 0; i < 40_000; i++) counts[randomInt(rng, 4)]!++;
    expect(counts.every((c) => Math.abs(c - 10_000) < 500)).toBe(true);
  });
});
