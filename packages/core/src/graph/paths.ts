/** Density and shortest-path lengths per connected component. */
import type { Graph } from './csr.ts';
import { distanceSums, type DistanceSums } from './centrality.ts';
import { connectedComponents, type Components } from './components.ts';

/** nx.density for an undirected graph: 2m / (n(n-1)); 0 when n <= 1. */
export function density(g: Graph): number {
  return g.n <= 1 ? 0 : (2 * g.m) / (g.n * (g.n - 1));
}

/** Average shortest-path lengths: one per component, and two overall means. */
export interface AveragePathLengths {
  /** nx.average_shortest_path_length of each component (indexed by component id); 0 for a single node. */
  perComponent: Float64Array;
  /** Mean of perComponent over components with more than one node, weighted by their node counts; 0 if none. */
  nodeWeighted: number;
  /** Total distance over all connected ordered pairs / their number; 0 if none. */
  pairWeighted: number;
}

/**
 * Per component C with c > 1 nodes: sum of d(u, v) over ordered pairs in C / (c(c-1)),
 * as nx.average_shortest_path_length(G.subgraph(C)). Reuses distance sums when given.
 */
export function averagePathLengths(
  g: Graph,
  sums: DistanceSums = distanceSums(g),
  components: Components = connectedComponents(g),
): AveragePathLengths {
  const total = new Float64Array(components.count);
  for (let v = 0; v < g.n; v++) total[components.ids[v]!]! += sums.sums[v]!;
  const perComponent = new Float64Array(components.count);
  let weighted = 0;
  let nodes = 0;
  let distance = 0;
  let pairs = 0;
  for (let c = 0; c < components.count; c++) {
    const size = components.sizes[c]!;
    if (size < 2) continue;
    perComponent[c] = total[c]! / (size * (size - 1));
    weighted += perComponent[c]! * size;
    nodes += size;
    distance += total[c]!;
    pairs += size * (size - 1);
  }
  return {
    perComponent,
    nodeWeighted: nodes > 0 ? weighted / nodes : 0,
    pairWeighted: pairs > 0 ? distance / pairs : 0,
  };
}
