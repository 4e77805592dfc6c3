/** Triangles and local clustering (nx.triangles, nx.clustering, nx.average_clustering, nx.transitivity). */
import type { Graph } from './csr.ts';

/**
 * Triangles through each node (nx.triangles). Edges are oriented from lower to higher
 * (degree, id) rank, so each triangle is found once in O(m * sqrt(m)) (Chiba–Nishizeki 1985).
 */
export function triangles(g: Graph): Int32Array {
  const { n, offsets, targets } = g;
  const out = new Int32Array(n);
  const deg = (v: number): number => offsets[v + 1]! - offsets[v]!;
  const before = (a: number, b: number): boolean => deg(a) < deg(b) || (deg(a) === deg(b) && a < b);
  // Forward rows: neighbours ranked after v.
  const fOffsets = new Int32Array(n + 1);
  const fTargets = new Int32Array(g.m);
  let k = 0;
  for (let v = 0; v < n; v++) {
    fOffsets[v] = k;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++)
      if (before(v, targets[e]!)) fTargets[k++] = targets[e]!;
  }
  fOffsets[n] = k;
  const mark = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    for (let e = fOffsets[v]!; e < fOffsets[v + 1]!; e++) mark[fTargets[e]!] = v;
    for (let e = fOffsets[v]!; e < fOffsets[v + 1]!; e++) {
      const u = fTargets[e]!;
      for (let f = fOffsets[u]!; f < fOffsets[u + 1]!; f++) {
        const w = fTargets[f]!;
        if (mark[w] === v) {
          out[v]!++;
          out[u]!++;
          out[w]!++;
        }
      }
    }
  }
  return out;
}

/** nx.clustering (unweighted): 2T(v) / (deg(v)(deg(v)-1)), 0 when deg < 2. */
export function clustering(g: Graph, tri: Int32Array = triangles(g)): Float64Array {
  const out = new Float64Array(g.n);
  for (let v = 0; v < g.n; v++) {
    const d = g.offsets[v + 1]! - g.offsets[v]!;
    out[v] = d > 1 ? (2 * tri[v]!) / (d * (d - 1)) : 0;
  }
  return out;
}

/** nx.average_clustering: mean local clustering over all nodes (zeros included); 0 for the empty graph (NetworkX raises). */
export function averageClustering(g: Graph, local: Float64Array = clustering(g)): number {
  if (g.n === 0) return 0;
  let sum = 0;
  for (let v = 0; v < g.n; v++) sum += local[v]!;
  return sum / g.n;
}

/** nx.transitivity: 3 * triangles / connected triples (= sum 2T(v) / sum deg(deg-1)), 0 when there are no triangles. */
export function transitivity(g: Graph, tri: Int32Array = triangles(g)): number {
  let t = 0;
  let triads = 0;
  for (let v = 0; v < g.n; v++) {
    const d = g.offsets[v + 1]! - g.offsets[v]!;
    t += tri[v]!;
    triads += d * (d - 1);
  }
  return triads === 0 ? 0 : (2 * t) / triads;
}
