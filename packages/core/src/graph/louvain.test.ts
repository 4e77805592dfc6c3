import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from './csr.ts';
import { barabasiAlbert } from './generators.ts';
import { louvain, modularity } from './louvain.ts';
import { arbGraph, graphOf } from './test-arbitraries.ts';

describe('modularity', () => {
  it('is 0 for the one-community partition and matches its definition', () => {
    fc.assert(
      fc.property(arbGraph(20, 1), fc.array(fc.nat(4), { minLength: 20, maxLength: 20 }), (g, raw) => {
        if (g.m === 0) return modularity(g, new Int32Array(g.n)) === 0;
        if (Math.abs(modularity(g, new Int32Array(g.n))) > 1e-12) return false;
        const labels = raw.slice(0, g.n);
        // Q = (1/2m) sum_ij [A_ij - k_i k_j / 2m] delta(c_i, c_j)
        let q = 0;
        const deg = (v: number): number => g.offsets[v + 1]! - g.offsets[v]!;
        const adj = (a: number, b: number): number =>
          g.targets.subarray(g.offsets[a], g.offsets[a + 1]).includes(b) ? 1 : 0;
        for (let i = 0; i < g.n; i++)
          for (let j = 0; j < g.n; j++)
            if (labels[i] === labels[j]) q += adj(i, j) - (deg(i) * deg(j)) / (2 * g.m);
        return Math.abs(modularity(g, labels) - q / (2 * g.m)) < 1e-12;
      }),
    );
  });

  it('accepts any non-negative integer labels and rejects others', () => {
    const g = graphOf(4, [
      [0, 1],
      [2, 3],
    ]);
    expect(modularity(g, [7, 7, 1000, 1000])).toBeCloseTo(0.5, 15);
    expect(() => modularity(g, [0, -1, 0, 0])).toThrow(RangeError);
    expect(() => modularity(g, [0, 0.5, 0, 0])).toThrow(RangeError);
  });
});

describe('louvain', () => {
  it('is deterministic for a seed and returns a valid labelling with its modularity', () => {
    fc.assert(
      fc.property(arbGraph(30), fc.integer(), (g, seed) => {
        const a = louvain(g, { seed });
        const b = louvain(g, { seed });
        if (JSON.stringify(Array.from(a.communities)) !== JSON.stringify(Array.from(b.communities)))
          return false;
        let next = 0;
        for (let v = 0; v < g.n; v++) {
          const c = a.communities[v]!;
          if (c === next) next++;
          else if (c > next) return false;
        }
        return (
          next === a.count &&
          Math.abs(a.modularity - modularity(g, a.communities)) < 1e-12 &&
          a.modularity >= -1e-12
        );
      }),
      { numRuns: 60 },
    );
  });

  it('finds the two cliques of a barbell and leaves edgeless graphs as singletons', () => {
    const edges: [number, number][] = [];
    for (let a = 0; a < 5; a++) for (let b = a + 1; b < 5; b++) edges.push([a, b], [a + 5, b + 5]);
    edges.push([4, 5]);
    const r = louvain(graphOf(10, edges), { seed: 3 });
    expect(Array.from(r.communities)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(louvain(buildGraph(3, [], []))).toMatchObject({ count: 3, modularity: 0 });
  });

  it('reaches high modularity on a BA graph, stable across seeds', () => {
    const g = barabasiAlbert(2000, 2, 1);
    const mods = [1, 2, 3].map((seed) => louvain(g, { seed }).modularity);
    expect(Math.min(...mods)).toBeGreaterThan(0.5);
    expect(Math.max(...mods) - Math.min(...mods)).toBeLessThan(0.03);
  });
});
