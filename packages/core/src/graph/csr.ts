/**
 * Compact undirected graph in CSR form (compressed sparse rows): the neighbours of
 * node `v` are `targets[offsets[v] .. offsets[v+1])`, sorted ascending. Every
 * algorithm in `graph/` works on this shape, never on objects per node.
 *
 * The graph is simple: self-loops are dropped and parallel edges merged, so an
 * actor's "relationship to itself" or a duplicate relationship never changes a
 * metric (documented in the README's metric definitions).
 */
export interface Graph {
  /** Number of nodes; nodes are 0..n-1. */
  readonly n: number;
  /** Number of undirected edges (each counted once). */
  readonly m: number;
  /** Length n+1. */
  readonly offsets: Int32Array;
  /** Length 2m: each edge appears once from each end. */
  readonly targets: Int32Array;
}

/** Builds a simple undirected CSR graph from an edge list of node indices (self-loops dropped, duplicates merged). */
export function buildGraph(n: number, from: ArrayLike<number>, to: ArrayLike<number>): Graph {
  if (from.length !== to.length) throw new RangeError('buildGraph: from and to differ in length');
  const deg = new Int32Array(n + 1);
  for (let i = 0; i < from.length; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (a < 0 || a >= n || b < 0 || b >= n)
      throw new RangeError(`buildGraph: edge ${i} (${a}, ${b}) out of range 0..${n - 1}`);
    if (a === b) continue;
    deg[a]!++;
    deg[b]!++;
  }
  const raw = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) raw[v + 1] = raw[v]! + deg[v]!;
  const fill = raw.slice(0, n);
  const tmp = new Int32Array(raw[n]!);
  for (let i = 0; i < from.length; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (a === b) continue;
    tmp[fill[a]!++] = b;
    tmp[fill[b]!++] = a;
  }
  // Sort each row and drop duplicates.
  const offsets = new Int32Array(n + 1);
  let w = 0;
  for (let v = 0; v < n; v++) {
    const row = tmp.subarray(raw[v], raw[v + 1]).sort();
    offsets[v] = w;
    let prev = -1;
    for (let k = 0; k < row.length; k++) {
      const t = row[k]!;
      if (t !== prev) tmp[w++] = t;
      prev = t;
    }
  }
  offsets[n] = w;
  const targets = tmp.slice(0, w);
  return { n, m: w / 2, offsets, targets };
}

/** Degree of node v (number of distinct neighbours). */
export function degreeOf(g: Graph, v: number): number {
  return g.offsets[v + 1]! - g.offsets[v]!;
}
