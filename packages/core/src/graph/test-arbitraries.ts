/** Shared test data for graph/ tests: fast-check arbitraries and small fixed graphs (not exported from index). */
import fc from 'fast-check';
import { buildGraph, type Graph } from './csr.ts';

/** Random simple graphs up to maxN nodes; a mix of sparse (leaves, isolates, several components) and dense. */
export function arbGraph(maxN = 24, minN = 0): fc.Arbitrary<Graph> {
  return fc
    .integer({ min: minN, max: maxN })
    .chain((n) =>
      fc.tuple(
        fc.constant(n),
        n < 2
          ? fc.constant<[number, number][]>([])
          : fc
              .constantFrom(1, 2, 4)
              .chain((f) => fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: f * n })),
      ),
    )
    .map(([n, edges]) =>
      buildGraph(
        n,
        edges.map((e) => e[0]),
        edges.map((e) => e[1]),
      ),
    );
}

/** Graph from an edge list. */
export function graphOf(n: number, edges: readonly (readonly [number, number])[]): Graph {
  return buildGraph(
    n,
    edges.map((e) => e[0]),
    edges.map((e) => e[1]),
  );
}

/** The same graph with node v renamed perm[v]. */
export function relabelGraph(g: Graph, perm: ArrayLike<number>): Graph {
  const from: number[] = [];
  const to: number[] = [];
  for (const [a, b] of edgesOf(g)) {
    from.push(perm[a]!);
    to.push(perm[b]!);
  }
  return buildGraph(g.n, from, to);
}

/** Edge list (u < v) of a graph. */
export function edgesOf(g: Graph): [number, number][] {
  const out: [number, number][] = [];
  for (let v = 0; v < g.n; v++)
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++)
      if (g.targets[e]! > v) out.push([v, g.targets[e]!]);
  return out;
}

/** The graph without node x's edges (x stays, isolated). */
export function withoutNode(g: Graph, x: number): Graph {
  return graphOf(
    g.n,
    edgesOf(g).filter(([a, b]) => a !== x && b !== x),
  );
}

/** BFS distances from s (-1 when unreachable) — a plain reference for tests. */
export function bfs(g: Graph, s: number): Int32Array {
  const dist = new Int32Array(g.n).fill(-1);
  dist[s] = 0;
  const queue = [s];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      const w = g.targets[e]!;
      if (dist[w]! < 0) {
        dist[w] = dist[v]! + 1;
        queue.push(w);
      }
    }
  }
  return dist;
}

/** Number of connected components, counted by BFS. */
export function componentCount(g: Graph): number {
  const seen = new Uint8Array(g.n);
  let count = 0;
  for (let v = 0; v < g.n; v++) {
    if (seen[v]) continue;
    count++;
    const d = bfs(g, v);
    for (let w = 0; w < g.n; w++) if (d[w]! >= 0) seen[w] = 1;
  }
  return count;
}
