/** PageRank by power iteration, step for step as NetworkX's nx.pagerank (scipy variant). */
import type { Graph } from './csr.ts';

/** PageRank options; defaults follow nx.pagerank except tol (1e-10, so results agree to 1e-9). */
export interface PageRankOptions {
  alpha?: number;
  tol?: number;
  maxIter?: number;
}

/** PageRank scores and the number of iterations the power method took. */
export interface PageRankResult {
  values: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * nx.pagerank on an unweighted undirected graph: start uniform 1/N, uniform teleport and
 * dangling (isolated) nodes spread uniformly; x' = alpha*(x P + dangling/N) + (1-alpha)/N;
 * stop when sum |x' - x| < N*tol. Unlike NetworkX, hitting maxIter returns the last
 * iterate with converged=false instead of throwing.
 */
export function pagerank(g: Graph, options: PageRankOptions = {}): PageRankResult {
  const { alpha = 0.85, tol = 1e-10, maxIter = 1000 } = options;
  const { n, offsets, targets } = g;
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  if (n === 0) return { values: x, iterations: 0, converged: true };
  const share = new Float64Array(n);
  const invDeg = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const d = offsets[v + 1]! - offsets[v]!;
    invDeg[v] = d > 0 ? 1 / d : 0;
  }
  const teleport = (1 - alpha) / n;
  for (let it = 1; it <= maxIter; it++) {
    let dangling = 0;
    for (let v = 0; v < n; v++) {
      share[v] = x[v]! * invDeg[v]!;
      if (invDeg[v] === 0) dangling += x[v]!;
    }
    const base = dangling / n;
    let err = 0;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) sum += share[targets[e]!]!;
      const value = alpha * (sum + base) + teleport;
      next[v] = value;
      err += Math.abs(value - x[v]!);
    }
    [x, next] = [next, x];
    if (err < n * tol) return { values: x, iterations: it, converged: true };
  }
  return { values: x, iterations: maxIter, converged: false };
}
