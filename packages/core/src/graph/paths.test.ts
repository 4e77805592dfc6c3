import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectedComponents } from './components.ts';
import { buildGraph } from './csr.ts';
import { averagePathLengths, density } from './paths.ts';
import { arbGraph, bfs, graphOf } from './test-arbitraries.ts';

describe('paths', () => {
  it('density is 2m/(n(n-1)), 0 for n <= 1', () => {
    expect(density(buildGraph(1, [], []))).toBe(0);
    expect(
      density(
        graphOf(4, [
          [0, 1],
          [1, 2],
        ]),
      ),
    ).toBeCloseTo(2 / 6, 15);
  });

  it('average path length per component matches all-pairs BFS; overall means weight by nodes and by pairs', () => {
    fc.assert(
      fc.property(arbGraph(20), (g) => {
        const cc = connectedComponents(g);
        const apl = averagePathLengths(g);
        const total = new Float64Array(cc.count);
        for (let v = 0; v < g.n; v++) for (const d of bfs(g, v)) if (d > 0) total[cc.ids[v]!]! += d;
        let weighted = 0;
        let nodes = 0;
        let pairs = 0;
        let dist = 0;
        for (let c = 0; c < cc.count; c++) {
          const s = cc.sizes[c]!;
          const expected = s > 1 ? total[c]! / (s * (s - 1)) : 0;
          if (Math.abs(apl.perComponent[c]! - expected) > 1e-12) return false;
          if (s < 2) continue;
          weighted += expected * s;
          nodes += s;
          pairs += s * (s - 1);
          dist += total[c]!;
        }
        return (
          Math.abs(apl.nodeWeighted - (nodes ? weighted / nodes : 0)) < 1e-12 &&
          Math.abs(apl.pairWeighted - (pairs ? dist / pairs : 0)) < 1e-12
        );
      }),
    );
  });
});
