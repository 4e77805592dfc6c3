import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from './csr.ts';
import { pagerank } from './pagerank.ts';
import { arbGraph, graphOf } from './test-arbitraries.ts';

describe('pagerank', () => {
  it('sums to 1, is positive and converges', () => {
    fc.assert(
      fc.property(arbGraph(30, 1), (g) => {
        const pr = pagerank(g);
        const sum = pr.values.reduce((a, b) => a + b, 0);
        return pr.converged && Math.abs(sum - 1) < 1e-9 && pr.values.every((x) => x > 0);
      }),
    );
  });

  it('is uniform on a regular graph and on isolates', () => {
    const cycle = graphOf(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 0],
    ]);
    expect(Array.from(pagerank(cycle).values).every((x) => Math.abs(x - 0.2) < 1e-12)).toBe(true);
    expect(Array.from(pagerank(buildGraph(4, [], [])).values)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('handles the empty graph and reports non-convergence instead of throwing', () => {
    expect(pagerank(buildGraph(0, [], [])).values.length).toBe(0);
    const star = graphOf(4, [
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
    expect(pagerank(star, { maxIter: 2 })).toMatchObject({ converged: false, iterations: 2 });
  });
});
