/**
 * Cut structure of an undirected graph from one iterative depth-first search
 * (Hopcroft–Tarjan 1973 low-links): articulation points, bridges, and for every node
 * the pieces its removal splits its component into. No recursion: fine at 100k+ nodes.
 */
import type { Graph } from './csr.ts';

/** DFS numbering: discovery time, low-link, DFS parent (-1 at roots), subtree size, and component size. */
interface LowPoints {
  disc: Int32Array;
  low: Int32Array;
  parent: Int32Array;
  subtree: Int32Array;
  componentSize: Int32Array;
  bridgeFrom: number[];
  bridgeTo: number[];
}

function lowPoints(g: Graph): LowPoints {
  const { n, offsets, targets } = g;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const subtree = new Int32Array(n).fill(1);
  const componentSize = new Int32Array(n);
  const next = offsets.slice(0, n);
  const stack = new Int32Array(n);
  const members = new Int32Array(n);
  const bridgeFrom: number[] = [];
  const bridgeTo: number[] = [];
  let time = 0;
  for (let root = 0; root < n; root++) {
    if (disc[root]! >= 0) continue;
    const first = time;
    disc[root] = low[root] = time;
    members[time++] = root;
    stack[0] = root;
    let top = 1;
    while (top > 0) {
      const v = stack[top - 1]!;
      const e = next[v]!;
      if (e < offsets[v + 1]!) {
        next[v] = e + 1;
        const w = targets[e]!;
        if (disc[w]! < 0) {
          parent[w] = v;
          disc[w] = low[w] = time;
          members[time++] = w;
          stack[top++] = w;
        } else if (w !== parent[v] && disc[w]! < low[v]!) {
          low[v] = disc[w]!; // back edge; the graph is simple, so skipping the parent is exact
        }
        continue;
      }
      top--;
      const p = parent[v]!;
      if (p < 0) continue;
      if (low[v]! < low[p]!) low[p] = low[v]!;
      subtree[p]! += subtree[v]!;
      if (low[v]! > disc[p]!) {
        bridgeFrom.push(Math.min(p, v));
        bridgeTo.push(Math.max(p, v));
      }
    }
    for (let i = first; i < time; i++) componentSize[members[i]!] = time - first;
  }
  return { disc, low, parent, subtree, componentSize, bridgeFrom, bridgeTo };
}

/**
 * For every node v, the sizes of the connected pieces left when v is removed from its
 * component (descending): node v's pieces are sizes[offsets[v] .. offsets[v+1]). An
 * articulation point has >= 2 pieces, any other node of a component of size c > 1 has one
 * piece of size c-1, an isolate none. Linear time: a DFS child u of v with low[u] >= disc[v]
 * is a piece of size subtree[u]; the rest of the component (if any) is one more piece.
 */
export interface SeparatedPieces {
  offsets: Int32Array;
  sizes: Int32Array;
}

/** The pieces each node's removal leaves of its component (see SeparatedPieces). */
export function separatedPieces(g: Graph): SeparatedPieces {
  return piecesFrom(g.n, lowPoints(g));
}

function piecesFrom(n: number, lp: LowPoints): SeparatedPieces {
  const { disc, low, parent, subtree, componentSize } = lp;
  const count = new Int32Array(n);
  const cut = new Int32Array(n); // nodes cut off by the child pieces of v
  for (let u = 0; u < n; u++) {
    const p = parent[u]!;
    if (p >= 0 && low[u]! >= disc[p]!) {
      count[p]!++;
      cut[p]! += subtree[u]!;
    }
  }
  const offsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++)
    offsets[v + 1] = offsets[v]! + count[v]! + (componentSize[v]! - 1 - cut[v]! > 0 ? 1 : 0);
  const sizes = new Int32Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  for (let u = 0; u < n; u++) {
    const p = parent[u]!;
    if (p >= 0 && low[u]! >= disc[p]!) sizes[fill[p]!++] = subtree[u]!;
  }
  for (let v = 0; v < n; v++) {
    const rest = componentSize[v]! - 1 - cut[v]!;
    if (rest > 0) sizes[fill[v]!++] = rest;
    if (offsets[v + 1]! - offsets[v]! > 1)
      sizes
        .subarray(offsets[v], offsets[v + 1])
        .sort()
        .reverse();
  }
  return { offsets, sizes };
}

/**
 * For each node v: how many nodes of v's component end up cut off from the largest
 * remaining piece when v is removed, i.e. (component size - 1) - (largest piece of
 * component - v). Positive exactly at articulation points; 0 for every other node
 * (isolates included). Linear time from the DFS low-links.
 */
export function cutOffCounts(g: Graph): Int32Array {
  const pieces = separatedPieces(g);
  const out = new Int32Array(g.n);
  for (let v = 0; v < g.n; v++) {
    const a = pieces.offsets[v]!;
    const b = pieces.offsets[v + 1]!;
    let total = 0;
    for (let i = a; i < b; i++) total += pieces.sizes[i]!;
    if (b - a >= 2) out[v] = total - pieces.sizes[a]!; // sizes are sorted descending
  }
  return out;
}

/** Articulation points (nx.articulation_points), ascending: nodes whose removal disconnects their component. */
export function articulationPoints(g: Graph): Int32Array {
  const { disc, low, parent } = lowPoints(g);
  // A root cuts with >= 2 DFS children; another node v with a child u where low[u] >= disc[v].
  const pieces = new Int32Array(g.n);
  for (let u = 0; u < g.n; u++) {
    const p = parent[u]!;
    if (p >= 0 && low[u]! >= disc[p]!) pieces[p]!++;
  }
  const out: number[] = [];
  for (let v = 0; v < g.n; v++) if (pieces[v]! >= (parent[v]! < 0 ? 2 : 1)) out.push(v);
  return Int32Array.from(out);
}

/** Bridges (nx.bridges) as parallel arrays with from < to, sorted by (from, to): edges whose removal disconnects their component. */
export function bridges(g: Graph): { from: Int32Array; to: Int32Array } {
  const lp = lowPoints(g);
  const idx = lp.bridgeFrom
    .map((_, i) => i)
    .sort((a, b) => lp.bridgeFrom[a]! - lp.bridgeFrom[b]! || lp.bridgeTo[a]! - lp.bridgeTo[b]!);
  return {
    from: Int32Array.from(idx, (i) => lp.bridgeFrom[i]!),
    to: Int32Array.from(idx, (i) => lp.bridgeTo[i]!),
  };
}
