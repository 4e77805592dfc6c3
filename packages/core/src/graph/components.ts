/** Connected components (nx.connected_components) by iterative BFS. */
import type { Graph } from './csr.ts';

/** Component id per node (numbered in order of each component's smallest node), their count and sizes. */
export interface Components {
  ids: Int32Array;
  count: number;
  sizes: Int32Array;
}

/** Connected components of an undirected graph, linear time, no recursion. */
export function connectedComponents(g: Graph): Components {
  const { n, offsets, targets } = g;
  const ids = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  for (let root = 0; root < n; root++) {
    if (ids[root]! >= 0) continue;
    const id = sizes.length;
    ids[root] = id;
    queue[0] = root;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const v = queue[head]!;
      for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
        const w = targets[e]!;
        if (ids[w]! < 0) {
          ids[w] = id;
          queue[tail++] = w;
        }
      }
    }
    sizes.push(tail);
  }
  return { ids, count: sizes.length, sizes: Int32Array.from(sizes) };
}
