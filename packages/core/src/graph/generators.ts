/** Seeded random-graph generators for tests and benchmarks. */
import { buildGraph, type Graph } from './csr.ts';
import { mulberry32, randomInt } from './random.ts';

/**
 * Barabási–Albert preferential attachment, NetworkX's variant: start from a star on
 * m+1 nodes, then each new node links to m distinct existing nodes drawn with
 * probability proportional to degree. Requires 1 <= m < n.
 */
export function barabasiAlbert(n: number, m: number, seed: number): Graph {
  if (!(m >= 1 && m < n)) throw new RangeError(`barabasiAlbert: need 1 <= m < n, got n=${n}, m=${m}`);
  const rng = mulberry32(seed);
  const edges = m + (n - m - 1) * m;
  const from = new Int32Array(edges);
  const to = new Int32Array(edges);
  // Every edge end is written once to `repeated`, so drawing from it is drawing by degree.
  const repeated = new Int32Array(2 * edges);
  let e = 0;
  let r = 0;
  for (let leaf = 1; leaf <= m; leaf++) {
    from[e] = 0;
    to[e++] = leaf;
    repeated[r++] = 0;
    repeated[r++] = leaf;
  }
  const mark = new Int32Array(n).fill(-1);
  const chosen = new Int32Array(m);
  for (let source = m + 1; source < n; source++) {
    let c = 0;
    while (c < m) {
      const t = repeated[randomInt(rng, r)]!;
      if (mark[t] === source) continue;
      mark[t] = source;
      chosen[c++] = t;
    }
    for (let i = 0; i < m; i++) {
      from[e] = source;
      to[e++] = chosen[i]!;
      repeated[r++] = chosen[i]!;
      repeated[r++] = source;
    }
  }
  return buildGraph(n, from, to);
}

/** Erdős–Rényi G(n, p): each of the n(n-1)/2 pairs is an edge with probability p (Batagelj–Brandes 2005 geometric skipping). */
export function erdosRenyi(n: number, p: number, seed: number): Graph {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`erdosRenyi: p=${p} outside [0, 1]`);
  const from: number[] = [];
  const to: number[] = [];
  if (p === 1) {
    for (let v = 1; v < n; v++) {
      for (let w = 0; w < v; w++) {
        from.push(v);
        to.push(w);
      }
    }
  } else if (p > 0) {
    const rng = mulberry32(seed);
    const lp = Math.log(1 - p);
    let v = 1;
    let w = -1;
    while (v < n) {
      w += 1 + Math.floor(Math.log(1 - rng()) / lp);
      while (w >= v && v < n) {
        w -= v;
        v++;
      }
      if (v < n) {
        from.push(v);
        to.push(w);
      }
    }
  }
  return buildGraph(n, from, to);
}
