import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constraint, effectiveSize } from './structural-holes.ts';
import { arbGraph, graphOf } from './test-arbitraries.ts';

describe('structural holes', () => {
  it('isolates get 0 (never NaN); effective size lies in [1, deg] otherwise; constraint is positive', () => {
    fc.assert(
      fc.property(arbGraph(20), (g) => {
        const c = constraint(g);
        const es = effectiveSize(g);
        for (let v = 0; v < g.n; v++) {
          const d = g.offsets[v + 1]! - g.offsets[v]!;
          if (Number.isNaN(c[v]) || Number.isNaN(es[v])) return false;
          if (d === 0 ? c[v] !== 0 || es[v] !== 0 : !(c[v]! > 0 && es[v]! >= 1 - 1e-12 && es[v]! <= d))
            return false;
        }
        return true;
      }),
    );
  });

  it("a star centre has effective size deg and constraint 1/deg (Burt's broker)", () => {
    const star = graphOf(5, [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
    expect(effectiveSize(star)[0]).toBe(4);
    expect(constraint(star)[0]).toBeCloseTo(0.25, 15);
    expect(constraint(star)[1]).toBe(1);
  });
});
