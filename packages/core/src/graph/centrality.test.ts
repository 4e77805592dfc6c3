import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  betweenness,
  betweennessCentrality,
  betweennessErrorBound,
  betweennessFromSources,
  closenessCentrality,
  degreeCentrality,
  degrees,
  distanceSums,
  sampledBetweenness,
} from './centrality.ts';
import { buildGraph, type Graph } from './csr.ts';
import { barabasiAlbert } from './generators.ts';
import { arbGraph, bfs, graphOf, relabelGraph } from './test-arbitraries.ts';

/** Betweenness from its definition: sum over ordered pairs s != t of sigma_sv sigma_vt / sigma_st, normalized. */
function bruteBetweenness(g: Graph): number[] {
  const n = g.n;
  const dist = Array.from({ length: n }, (_, s) => bfs(g, s));
  const sigma = dist.map((d, s) => {
    const sg = new Float64Array(n);
    sg[s] = 1;
    const order = Array.from({ length: n }, (_, v) => v)
      .filter((v) => d[v]! >= 0)
      .sort((a, b) => d[a]! - d[b]!);
    for (const v of order)
      for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++)
        if (d[g.targets[e]!] === d[v]! + 1) sg[g.targets[e]!]! += sg[v]!;
    return sg;
  });
  const out = new Array<number>(n).fill(0);
  for (let v = 0; v < n; v++)
    for (let s = 0; s < n; s++)
      for (let t = 0; t < n; t++) {
        if (s === t || s === v || t === v) continue;
        const dst = dist[s]![t]!;
        if (dst > 0 && dist[s]![v]! >= 0 && dist[s]![v]! + dist[v]![t]! === dst)
          out[v]! += (sigma[s]![v]! * sigma[v]![t]!) / sigma[s]![t]!;
      }
  return n > 2 ? out.map((x) => x / ((n - 1) * (n - 2))) : out;
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12): boolean =>
  Array.from(a).every((x, i) => Math.abs(x - b[i]!) <= tol);

describe('degree', () => {
  it('degree centrality is deg/(n-1), and 1 for a lone node as in NetworkX', () => {
    expect(Array.from(degreeCentrality(buildGraph(1, [], [])))).toEqual([1]);
    expect(Array.from(degreeCentrality(graphOf(3, [[0, 1]])))).toEqual([0.5, 0.5, 0]);
    expect(
      Array.from(
        degrees(
          graphOf(3, [
            [0, 1],
            [1, 2],
          ]),
        ),
      ),
    ).toEqual([1, 2, 1]);
  });
});

describe('betweenness', () => {
  it('equals the definition (sum of sigma_sv sigma_vt / sigma_st) on random graphs, leaves folded or not', () => {
    fc.assert(
      fc.property(arbGraph(16), (g) => close(betweennessCentrality(g), bruteBetweenness(g))),
      { numRuns: 150 },
    );
  });

  it('is invariant under relabelling the nodes', () => {
    const arb = arbGraph(20).chain((g) =>
      fc.tuple(
        fc.constant(g),
        fc.shuffledSubarray(
          Array.from({ length: g.n }, (_, i) => i),
          { minLength: g.n },
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ([g, perm]) => {
        const a = betweennessCentrality(g);
        const b = betweennessCentrality(relabelGraph(g, perm));
        return Array.from(a).every((x, v) => Math.abs(x - b[perm[v]!]!) < 1e-12);
      }),
    );
  });

  it('star centre is 1 and a path is exact', () => {
    const star = graphOf(6, [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
      [0, 5],
    ]);
    expect(Array.from(betweennessCentrality(star))).toEqual([1, 0, 0, 0, 0, 0]);
    const path = graphOf(4, [
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(close(betweennessCentrality(path), [0, 2 / 3, 2 / 3, 0])).toBe(true);
  });

  it('all nodes as sources (sampled with k = n) equals exact, with error bound 0', () => {
    fc.assert(
      fc.property(arbGraph(18), fc.integer(), (g, seed) => {
        const all = Int32Array.from({ length: g.n }, (_, i) => i);
        const exact = betweennessCentrality(g);
        const s = sampledBetweenness(g, g.n, seed);
        return (
          close(betweennessFromSources(g, all), exact) &&
          close(s.values, exact) &&
          s.errorBound === 0 &&
          s.samples === g.n &&
          !s.exact
        );
      }),
    );
  });

  it('sampled betweenness is deterministic for a seed, finite and non-negative', () => {
    const g = barabasiAlbert(300, 2, 5);
    const a = sampledBetweenness(g, 40, 9);
    const b = sampledBetweenness(g, 40, 9);
    expect(a.values).toEqual(b.values);
    expect(a.samples).toBe(40);
    expect(Array.from(a.values).every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    expect(sampledBetweenness(g, 40, 10).values).not.toEqual(a.values);
  });

  it('sampled estimate is near exact on a BA graph, within its own bound', () => {
    const g = barabasiAlbert(400, 3, 1);
    const exact = betweennessCentrality(g);
    const s = sampledBetweenness(g, 200, 3);
    const worst = Math.max(...Array.from(exact, (x, v) => Math.abs(x - s.values[v]!)));
    expect(worst).toBeLessThan(s.errorBound!);
  });

  it('error bound follows the Hoeffding–Serfling formula and shrinks with k', () => {
    const k = 101;
    const n = 1000;
    expect(betweennessErrorBound(n, k)).toBeCloseTo(Math.sqrt(((1 - 99 / 999) * Math.log(40)) / 200), 15);
    expect(betweennessErrorBound(n, 200)).toBeLessThan(betweennessErrorBound(n, 100));
    expect(betweennessErrorBound(n, n)).toBe(0);
    expect(betweennessErrorBound(n, 1)).toBe(1);
  });

  it('rejects repeated sources', () => {
    expect(() =>
      betweennessFromSources(
        graphOf(4, [
          [0, 1],
          [1, 2],
          [2, 3],
        ]),
        [1, 1],
      ),
    ).toThrow(RangeError);
  });

  it('chooses exact up to the threshold and sampled above it', () => {
    const g = barabasiAlbert(120, 2, 2);
    const exact = betweenness(g);
    expect(exact.exact).toBe(true);
    expect(exact.values).toEqual(betweennessCentrality(g));
    const sampled = betweenness(g, { threshold: 100, samples: 30, seed: 4 });
    expect(sampled).toMatchObject({ exact: false, samples: 30 });
    expect(sampled.values).toEqual(sampledBetweenness(g, 30, 4).values);
    expect(sampled.errorBound).toBe(betweennessErrorBound(120, 30));
  });
});

describe('closeness', () => {
  it('lies in [0, 1], is 0 for isolates, and distance sums match BFS', () => {
    fc.assert(
      fc.property(arbGraph(20), (g) => {
        const c = closenessCentrality(g);
        const ds = distanceSums(g);
        for (let v = 0; v < g.n; v++) {
          const d = Array.from(bfs(g, v)).filter((x) => x >= 0);
          if (ds.reach[v] !== d.length || ds.sums[v] !== d.reduce((a, b) => a + b, 0)) return false;
          if (!(c[v]! >= 0 && c[v]! <= 1 + 1e-12)) return false;
          if (g.offsets[v + 1] === g.offsets[v] && c[v] !== 0) return false;
        }
        return true;
      }),
    );
  });
});
