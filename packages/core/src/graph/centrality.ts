/**
 * Degree, betweenness and closeness centrality on a simple undirected graph,
 * matching NetworkX 3.x defaults (normalized, endpoints excluded, wf_improved).
 */
import type { Graph } from './csr.ts';
import { mulberry32, sampleWithoutReplacement } from './random.ts';

/** Degree of every node (number of distinct neighbours). */
export function degrees(g: Graph): Int32Array {
  const out = new Int32Array(g.n);
  for (let v = 0; v < g.n; v++) out[v] = g.offsets[v + 1]! - g.offsets[v]!;
  return out;
}

/** nx.degree_centrality: deg/(n-1); a lone node gets 1, as in NetworkX. */
export function degreeCentrality(g: Graph): Float64Array {
  if (g.n === 1) return Float64Array.of(1);
  const out = new Float64Array(g.n);
  const s = 1 / (g.n - 1);
  for (let v = 0; v < g.n; v++) out[v] = (g.offsets[v + 1]! - g.offsets[v]!) * s;
  return out;
}

/** Betweenness values and, when sampled, how many sources were used and the error bound. */
export interface BetweennessResult {
  values: Float64Array;
  exact: boolean;
  samples?: number;
  errorBound?: number;
}

/**
 * Brandes (2001) accumulation from each source into `bc` (raw, over ordered pairs).
 * One BFS queue doubles as the stack. The forward pass is branch-free and records each
 * node's successors (neighbours one level further) contiguously, in queue order, so the
 * backward pass pulls delta[v] = sigma[v] * sum of coef[w] over successors w, where
 * coef[w] = (1 + delta[w]) / sigma[w]. Every buffer is allocated once, before the loop.
 *
 * `leaves[v]` counts degree-1 neighbours folded into v (absent from the rows given):
 * each adds 1 to delta[v] when v is not the source, and a source v stands for its
 * leaves too (weight 1+leaves[v]) plus leaves[v]*(c-2) for the paths from each leaf
 * through v (c = component size). See betweennessCentrality for why this is exact.
 */
function brandes(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  sources: ArrayLike<number>,
  leaves: Int32Array,
  bc: Float64Array,
): void {
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const coef = new Float64Array(n);
  const queue = new Int32Array(n + 1);
  const succ = new Int32Array((targets.length >> 1) + 1);
  const succEnd = new Int32Array(n);
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    dist[s] = 0;
    sigma[s] = 1;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    let ptr = 0;
    while (head < tail) {
      const v = queue[head]!;
      const next = dist[v]! + 1;
      const sv = sigma[v]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const w = targets[e]!;
        const d = dist[w]!;
        // Branch-free: unseen (d = -1) gets dist next and joins the queue; a node at
        // dist next gains sigma[v] and becomes a successor of v.
        const unseen = d >> 31;
        const dw = (next & unseen) | (d & ~unseen);
        dist[w] = dw;
        queue[tail] = w;
        tail -= unseen;
        const isNext = +(dw === next);
        sigma[w]! += sv * isNext;
        succ[ptr] = w;
        ptr += isNext;
      }
      succEnd[head++] = ptr;
    }
    const weight = 1 + leaves[s]!;
    let size = weight;
    for (let q = tail - 1; q > 0; q--) {
      const v = queue[q]!;
      let sum = 0;
      for (let p = succEnd[q - 1]!, end = succEnd[q]!; p < end; p++) sum += coef[succ[p]!]!;
      const lv = leaves[v]!;
      const delta = sigma[v]! * sum + lv;
      size += 1 + lv;
      coef[v] = (1 + delta) / sigma[v]!;
      bc[v]! += weight * delta;
    }
    if (leaves[s]! > 0) bc[s]! += leaves[s]! * (size - 2);
    for (let q = 0; q < tail; q++) {
      const v = queue[q]!;
      dist[v] = -1;
      sigma[v] = 0;
    }
  }
}

/**
 * Renumbers nodes in BFS order (each component from its highest-degree node) so that
 * neighbours sit close in memory, dropping `drop`-marked nodes (folded leaves) from the
 * rows. Returns the new CSR and perm (old id -> new id). Measured ~10% faster Brandes on BA graphs.
 */
function bfsRelabel(
  g: Graph,
  drop: Uint8Array | null,
): { offsets: Int32Array; targets: Int32Array; perm: Int32Array } {
  const { n, offsets, targets } = g;
  const order = new Int32Array(n);
  const perm = new Int32Array(n).fill(-1);
  const byDegree = new Int32Array(n);
  for (let v = 0; v < n; v++) byDegree[v] = v;
  byDegree.sort((a, b) => offsets[b + 1]! - offsets[b]! - (offsets[a + 1]! - offsets[a]!) || a - b);
  let tail = 0;
  for (let i = 0; i < n; i++) {
    const root = byDegree[i]!;
    if (perm[root]! >= 0) continue;
    perm[root] = tail;
    order[tail++] = root;
    for (let head = tail - 1; head < tail; head++) {
      const v = order[head]!;
      for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
        const w = targets[e]!;
        if (perm[w]! < 0) {
          perm[w] = tail;
          order[tail++] = w;
        }
      }
    }
  }
  const rOffsets = new Int32Array(n + 1);
  const rTargets = new Int32Array(targets.length);
  let k = 0;
  for (let i = 0; i < n; i++) {
    rOffsets[i] = k;
    const v = order[i]!;
    if (drop?.[v]) continue;
    const start = k;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      const w = targets[e]!;
      if (!drop?.[w]) rTargets[k++] = perm[w]!;
    }
    rTargets.subarray(start, k).sort();
  }
  rOffsets[n] = k;
  return { offsets: rOffsets, targets: rTargets.slice(0, k), perm };
}

/**
 * Exact betweenness, nx.betweenness_centrality(G) defaults: Brandes (2001), normalized by
 * 1/((n-1)(n-2)) over ordered pairs (= 2/((n-1)(n-2)) over unordered), endpoints excluded.
 */
export function betweennessCentrality(g: Graph): Float64Array {
  const { n, offsets, targets } = g;
  const out = new Float64Array(n);
  if (n <= 2) return out;
  // Fold leaves (degree 1, neighbour of degree >= 2) into their neighbour u: a leaf is
  // never inside a shortest path and its BFS DAG is u's plus one edge, so
  // delta_leaf(x) = delta_u(x) for x != u and delta_leaf(u) = c-2. Exact; one level only.
  const folded = new Uint8Array(n);
  const leavesOld = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    if (offsets[v + 1]! - offsets[v]! !== 1) continue;
    const u = targets[offsets[v]!]!;
    if (offsets[u + 1]! - offsets[u]! >= 2) {
      folded[v] = 1;
      leavesOld[u]!++;
    }
  }
  const r = bfsRelabel(g, folded);
  const leaves = new Int32Array(n);
  const sources = new Int32Array(n);
  let k = 0;
  for (let v = 0; v < n; v++) {
    leaves[r.perm[v]!] = leavesOld[v]!;
    if (!folded[v]) sources[k++] = r.perm[v]!;
  }
  sources.subarray(0, k).sort();
  const bc = new Float64Array(n);
  brandes(n, r.offsets, r.targets, sources.subarray(0, k), leaves, bc);
  const scale = 1 / ((n - 1) * (n - 2));
  for (let v = 0; v < n; v++) out[v] = bc[r.perm[v]!]! * scale;
  return out;
}

/**
 * Betweenness from the given distinct sources, scaled as NetworkX 3.6 does for a sample
 * of k sources: a node among the sources by 1/((k-1)(n-2)), any other by 1/(k(n-2)).
 * Both are unbiased; with every node as a source this is the exact value. A source when
 * k = 1 gets 0 (NetworkX gives NaN).
 */
export function betweennessFromSources(g: Graph, sources: ArrayLike<number>): Float64Array {
  const { n } = g;
  const k = sources.length;
  const bc = new Float64Array(n);
  if (n <= 2 || k === 0) return bc;
  const isSource = new Uint8Array(n);
  for (let i = 0; i < k; i++) {
    const s = sources[i]!;
    if (s < 0 || s >= n || isSource[s])
      throw new RangeError(`betweennessFromSources: source ${s} out of range or repeated`);
    isSource[s] = 1;
  }
  const r = bfsRelabel(g, null);
  const mapped = new Int32Array(k);
  for (let i = 0; i < k; i++) mapped[i] = r.perm[sources[i]!]!;
  brandes(n, r.offsets, r.targets, mapped, new Int32Array(n), bc);
  const inSample = k > 1 ? 1 / ((k - 1) * (n - 2)) : 0;
  const outSample = 1 / (k * (n - 2));
  const out = new Float64Array(n);
  for (let v = 0; v < n; v++) out[v] = bc[r.perm[v]!]! * (isSource[v] ? inSample : outSample);
  return out;
}

/**
 * Hoeffding–Serfling half-width for sampled normalized betweenness, per node, two-sided
 * at `confidence`: eps = sqrt((1 - (k'-1)/(n-1)) * ln(2/(1-confidence)) / (2k')), k' = k-1.
 * Each sampled source s contributes delta_s(v)/(n-2), which lies in [0, 1]; a node that is
 * itself sampled sees only k-1 other sources, hence k'. 0 when k >= n (exact), capped at 1.
 */
export function betweennessErrorBound(n: number, k: number, confidence = 0.95): number {
  if (k >= n) return 0;
  const kk = k - 1;
  if (kk < 1) return 1;
  const eps = Math.sqrt(((1 - (kk - 1) / (n - 1)) * Math.log(2 / (1 - confidence))) / (2 * kk));
  return Math.min(1, eps);
}

/** Sampled betweenness (Brandes–Pich 2007): k sources uniform without replacement from `seed`, scaled as betweennessFromSources. */
export function sampledBetweenness(g: Graph, k: number, seed: number, confidence = 0.95): BetweennessResult {
  const kk = Math.max(0, Math.min(g.n, Math.floor(k)));
  const sources = sampleWithoutReplacement(g.n, kk, mulberry32(seed));
  return {
    values: betweennessFromSources(g, sources),
    exact: false,
    samples: kk,
    errorBound: betweennessErrorBound(g.n, kk, confidence),
  };
}

/** Options for betweenness: exact up to `threshold` nodes (default 20,000), else `samples` sources (default 1,000). */
export interface BetweennessOptions {
  threshold?: number;
  samples?: number;
  seed?: number;
  confidence?: number;
}

/** Exact betweenness when n <= threshold, otherwise sampled (see sampledBetweenness). */
export function betweenness(g: Graph, options: BetweennessOptions = {}): BetweennessResult {
  const { threshold = 20_000, samples = 1_000, seed = 1, confidence = 0.95 } = options;
  if (g.n <= threshold) return { values: betweennessCentrality(g), exact: true };
  return sampledBetweenness(g, samples, seed, confidence);
}

/** For each node: the number of nodes it reaches (itself included) and the sum of its BFS distances to them. */
export interface DistanceSums {
  reach: Int32Array;
  sums: Float64Array;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Reach count and total hop distance of every node, by multi-source BFS (Then et al.,
 * VLDB 2014): 32 sources share one traversal, one bit each. Distances are symmetric, so
 * a node first reached at level L by c sources of the batch adds L*c to its own sum.
 */
export function distanceSums(g: Graph): DistanceSums {
  const { n, offsets, targets } = g;
  const reach = new Int32Array(n);
  const sums = new Float64Array(n);
  const seen = new Int32Array(n);
  const visit = new Int32Array(n);
  const next = new Int32Array(n);
  const frontier = new Int32Array(n);
  for (let base = 0; base < n; base += 32) {
    seen.fill(0);
    let size = 0;
    for (let i = 0; i < 32 && base + i < n; i++) {
      const s = base + i;
      seen[s] = visit[s] = 1 << i;
      reach[s]! += 1;
      frontier[size++] = s;
    }
    for (let level = 1; size > 0; level++) {
      for (let f = 0; f < size; f++) {
        const v = frontier[f]!;
        const bits = visit[v]!;
        for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) next[targets[e]!]! |= bits;
      }
      size = 0;
      for (let v = 0; v < n; v++) {
        const fresh = next[v]! & ~seen[v]!;
        next[v] = 0;
        visit[v] = fresh;
        if (fresh === 0) continue;
        seen[v]! |= fresh;
        const c = popcount32(fresh);
        reach[v]! += c;
        sums[v]! += level * c;
        frontier[size++] = v;
      }
    }
  }
  return { reach, sums };
}

/** nx.closeness_centrality (wf_improved): (r-1)/s * (r-1)/(n-1), r = reach incl. the node, s = distance sum; 0 if s = 0. */
export function closenessCentrality(g: Graph, sums: DistanceSums = distanceSums(g)): Float64Array {
  const out = new Float64Array(g.n);
  for (let v = 0; v < g.n; v++) {
    const s = sums.sums[v]!;
    const r1 = sums.reach[v]! - 1;
    out[v] = s > 0 && g.n > 1 ? (r1 / s) * (r1 / (g.n - 1)) : 0;
  }
  return out;
}
