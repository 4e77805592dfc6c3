import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageClustering, clustering, transitivity, triangles } from './clustering.ts';
import { buildGraph } from './csr.ts';
import { arbGraph, graphOf } from './test-arbitraries.ts';

describe('clustering', () => {
  it('triangle counts match a brute-force count and clustering lies in [0, 1]', () => {
    fc.assert(
      fc.property(arbGraph(18), (g) => {
        const adj = (a: number, b: number): boolean =>
          g.targets.subarray(g.offsets[a], g.offsets[a + 1]).includes(b);
        const t = triangles(g);
        for (let v = 0; v < g.n; v++) {
          let count = 0;
          for (let a = 0; a < g.n; a++)
            for (let b = a + 1; b < g.n; b++) if (adj(v, a) && adj(v, b) && adj(a, b)) count++;
          if (t[v] !== count) return false;
        }
        const c = clustering(g);
        const tr = transitivity(g);
        return c.every((x) => x >= 0 && x <= 1) && tr >= 0 && tr <= 1;
      }),
    );
  });

  it('is 1 on a clique, 0 on a tree, and the average of the empty graph is 0', () => {
    const k4 = graphOf(4, [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(Array.from(clustering(k4))).toEqual([1, 1, 1, 1]);
    expect(transitivity(k4)).toBe(1);
    expect(
      averageClustering(
        graphOf(3, [
          [0, 1],
          [1, 2],
        ]),
      ),
    ).toBe(0);
    expect(averageClustering(buildGraph(0, [], []))).toBe(0);
  });
});
