/**
 * Louvain community detection (Blondel, Guillaume, Lambiotte & Lefebvre 2008) and
 * Newman–Girvan modularity, following nx.community.louvain_communities and
 * nx.community.modularity step for step (only the random source differs).
 */
import type { Graph } from './csr.ts';
import { mulberry32, shuffleInPlace } from './random.ts';

/**
 * nx.community.modularity: Q = sum over communities c of L_c/m - resolution * (D_c/2m)^2,
 * L_c = edges inside c, D_c = total degree of c. `communities[v]` is v's label, any
 * non-negative integer. 0 for a graph without edges (NetworkX divides by zero).
 */
export function modularity(g: Graph, communities: ArrayLike<number>, resolution = 1): number {
  const { n, offsets, targets, m } = g;
  if (communities.length !== n) throw new RangeError('modularity: one community label per node expected');
  const labels = new Int32Array(n);
  const index = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const c = communities[v]!;
    if (!(Number.isInteger(c) && c >= 0))
      throw new RangeError(`modularity: label ${c} of node ${v} is not a non-negative integer`);
    let i = index.get(c);
    if (i === undefined) index.set(c, (i = index.size));
    labels[v] = i;
  }
  if (m === 0) return 0;
  const inside = new Float64Array(index.size);
  const degree = new Float64Array(index.size);
  for (let v = 0; v < n; v++) {
    const c = labels[v]!;
    degree[c]! += offsets[v + 1]! - offsets[v]!;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) if (labels[targets[e]!] === c) inside[c]! += 0.5;
  }
  const norm = 1 / (2 * m) ** 2;
  let q = 0;
  for (let c = 0; c < index.size; c++) q += inside[c]! / m - resolution * degree[c]! * degree[c]! * norm;
  return q;
}

/** Louvain options, defaults as nx.community.louvain_communities (resolution 1, threshold 1e-7) plus a seed. */
export interface LouvainOptions {
  seed?: number;
  resolution?: number;
  threshold?: number;
  maxLevels?: number;
}

/** Community label per node (0..count-1, numbered by smallest member), and the partition's modularity. */
export interface LouvainResult {
  communities: Int32Array;
  count: number;
  modularity: number;
  levels: number;
}

/** A weighted graph of one Louvain level: rows without self-loops, loop weight and total degree per node. */
interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  loops: Float64Array;
  degree: Float64Array;
}

/** Local moving (nx _one_level): each node, in one shuffled order per level, joins the neighbouring community of best positive gain. */
function oneLevel(
  level: Level,
  m: number,
  resolution: number,
  rng: () => number,
): { node2com: Int32Array; improved: boolean } {
  const { n, offsets, targets, weights, degree } = level;
  const node2com = new Int32Array(n);
  const stot = Float64Array.from(degree);
  for (let u = 0; u < n; u++) node2com[u] = u;
  const order = new Int32Array(n);
  for (let u = 0; u < n; u++) order[u] = u;
  shuffleInPlace(order, rng);
  const toCom = new Float64Array(n).fill(-1);
  const touched = new Int32Array(n);
  const twoM2 = 2 * m * m;
  let improved = false;
  let moves = 1;
  while (moves > 0) {
    moves = 0;
    for (let i = 0; i < n; i++) {
      const u = order[i]!;
      let k = 0;
      for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
        const c = node2com[targets[e]!]!;
        if (toCom[c]! < 0) {
          toCom[c] = 0;
          touched[k++] = c;
        }
        toCom[c]! += weights[e]!;
      }
      const cur = node2com[u]!;
      const d = degree[u]!;
      stot[cur]! -= d;
      const removeCost = -Math.max(toCom[cur]!, 0) / m + (resolution * (stot[cur]! * d)) / twoM2;
      let bestGain = 0;
      let best = cur;
      for (let j = 0; j < k; j++) {
        const c = touched[j]!;
        const gain = removeCost + toCom[c]! / m - (resolution * (stot[c]! * d)) / twoM2;
        if (gain > bestGain) {
          bestGain = gain;
          best = c;
        }
        toCom[c] = -1;
      }
      stot[best]! += d;
      if (best !== cur) {
        node2com[u] = best;
        improved = true;
        moves++;
      }
    }
  }
  return { node2com, improved };
}

/** Renumbers labels to 0..count-1 by increasing old label (nx keeps communities in index order). */
function compact(labels: Int32Array, n: number): number {
  const map = new Int32Array(n).fill(-1);
  for (let v = 0; v < labels.length; v++) map[labels[v]!] = 0;
  let count = 0;
  for (let c = 0; c < n; c++) if (map[c] === 0) map[c] = count++;
  for (let v = 0; v < labels.length; v++) labels[v] = map[labels[v]!]!;
  return count;
}

/** Modularity of a level partition, as nx.community.modularity on the weighted level graph (self-loops counted once in L_c). */
function levelModularity(
  level: Level,
  labels: Int32Array,
  count: number,
  m: number,
  resolution: number,
): number {
  const inside = new Float64Array(count);
  const deg = new Float64Array(count);
  for (let v = 0; v < level.n; v++) {
    const c = labels[v]!;
    deg[c]! += level.degree[v]!;
    inside[c]! += level.loops[v]!;
    for (let e = level.offsets[v]!; e < level.offsets[v + 1]!; e++)
      if (labels[level.targets[e]!] === c) inside[c]! += level.weights[e]! / 2;
  }
  const norm = 1 / (2 * m) ** 2;
  let q = 0;
  for (let c = 0; c < count; c++) q += inside[c]! / m - resolution * deg[c]! * deg[c]! * norm;
  return q;
}

/** Collapses each community of a level into one node (nx _gen_graph); internal weight becomes a self-loop. */
function aggregate(level: Level, labels: Int32Array, count: number): Level {
  const members = new Int32Array(level.n);
  const start = new Int32Array(count + 1);
  for (let v = 0; v < level.n; v++) start[labels[v]! + 1]!++;
  for (let c = 0; c < count; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, count);
  for (let v = 0; v < level.n; v++) members[fill[labels[v]!]!++] = v;
  const offsets = new Int32Array(count + 1);
  const targets: number[] = [];
  const weights: number[] = [];
  const loops = new Float64Array(count);
  const degree = new Float64Array(count);
  const acc = new Float64Array(count);
  const seen = new Int32Array(count).fill(-1);
  const touched: number[] = [];
  for (let c = 0; c < count; c++) {
    offsets[c] = targets.length;
    touched.length = 0;
    for (let i = start[c]!; i < start[c + 1]!; i++) {
      const v = members[i]!;
      loops[c]! += level.loops[v]!;
      degree[c]! += level.degree[v]!;
      for (let e = level.offsets[v]!; e < level.offsets[v + 1]!; e++) {
        const d = labels[level.targets[e]!]!;
        if (d === c) {
          loops[c]! += level.weights[e]! / 2;
          continue;
        }
        if (seen[d] !== c) {
          seen[d] = c;
          acc[d] = 0;
          touched.push(d);
        }
        acc[d]! += level.weights[e]!;
      }
    }
    touched.sort((a, b) => a - b);
    for (const d of touched) {
      targets.push(d);
      weights.push(acc[d]!);
    }
  }
  offsets[count] = targets.length;
  return {
    n: count,
    offsets,
    targets: Int32Array.from(targets),
    weights: Float64Array.from(weights),
    loops,
    degree,
  };
}

/**
 * Louvain communities (nx.community.louvain_communities): repeat local moving and
 * aggregation while a level raises modularity by more than `threshold`. Deterministic for
 * a seed; partitions differ from NetworkX's (other random source), modularity is comparable.
 */
export function louvain(g: Graph, options: LouvainOptions = {}): LouvainResult {
  const { seed = 1, resolution = 1, threshold = 1e-7, maxLevels = Infinity } = options;
  const { n, m } = g;
  const communities = new Int32Array(n);
  for (let v = 0; v < n; v++) communities[v] = v;
  if (m === 0) return { communities, count: n, modularity: 0, levels: 0 };
  const rng = mulberry32(seed);
  const degree = new Float64Array(n);
  for (let v = 0; v < n; v++) degree[v] = g.offsets[v + 1]! - g.offsets[v]!;
  let level: Level = {
    n,
    offsets: g.offsets,
    targets: g.targets,
    weights: new Float64Array(g.targets.length).fill(1),
    loops: new Float64Array(n),
    degree,
  };
  let mod = modularity(g, communities, resolution);
  let levels = 0;
  while (levels < maxLevels) {
    const { node2com, improved } = oneLevel(level, m, resolution, rng);
    if (levels > 0 && !improved) break;
    const count = compact(node2com, level.n);
    for (let v = 0; v < n; v++) communities[v] = node2com[communities[v]!]!;
    levels++;
    const newMod = levelModularity(level, node2com, count, m, resolution);
    if (newMod - mod <= threshold) break;
    mod = newMod;
    level = aggregate(level, node2com, count);
  }
  const count = compact(communities, n);
  // Number communities by their smallest member.
  const first = new Int32Array(count).fill(-1);
  let next = 0;
  for (let v = 0; v < n; v++) if (first[communities[v]!]! < 0) first[communities[v]!] = next++;
  for (let v = 0; v < n; v++) communities[v] = first[communities[v]!]!;
  return { communities, count, modularity: modularity(g, communities, resolution), levels };
}
