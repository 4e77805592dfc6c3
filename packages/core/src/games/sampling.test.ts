import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.ts';
import { functionGame, sampleShapley, tableGame } from './sampling.ts';
import { shapleyFromTable } from './shapley.ts';

describe('sampleShapley', () => {
  it('covers the exact value with its 95% interval and is reproducible from its seed', () => {
    const n = 8;
    const random = seededRandom(7);
    const values = Float64Array.from({ length: 2 ** n }, (_, m) =>
      m === 0 ? 0 : Math.round(random() * 100) + 10 * (m & 3),
    );
    const exact = shapleyFromTable(n, values);
    const est = sampleShapley(tableGame(n, values), { samples: 20_000, seed: 3 });
    let covered = 0;
    for (let i = 0; i < n; i++) if (Math.abs(est.mean[i]! - exact[i]!) <= est.halfWidth[i]!) covered++;
    expect(covered).toBeGreaterThanOrEqual(n - 2);
    for (let i = 0; i < n; i++)
      expect(Math.abs(est.mean[i]! - exact[i]!)).toBeLessThan(4 * est.halfWidth[i]! + 1e-9);
    const again = sampleShapley(tableGame(n, values), { samples: 20_000, seed: 3 });
    expect(Array.from(again.mean)).toEqual(Array.from(est.mean));
  });

  it('is exact for every order when the game is additive (zero variance)', () => {
    const w = [3, 1, 4, 1, 5];
    const est = sampleShapley(
      functionGame(5, (s) => s.reduce((a, x, i) => a + x * w[i]!, 0)),
      { samples: 50 },
    );
    expect(Array.from(est.mean)).toEqual(w);
    expect(Array.from(est.halfWidth)).toEqual([0, 0, 0, 0, 0]);
  });

  it('rejects fewer than two samples', () => {
    expect(() =>
      sampleShapley(
        functionGame(2, () => 0),
        { samples: 1 },
      ),
    ).toThrow(/samples/);
  });
});
