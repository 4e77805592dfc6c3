import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articulationPoints, bridges, cutOffCounts, separatedPieces } from './articulation.ts';
import { buildGraph } from './csr.ts';
import { arbGraph, bfs, componentCount, edgesOf, graphOf, withoutNode } from './test-arbitraries.ts';

describe('articulation points and bridges', () => {
  it('removing an articulation point disconnects its component; removing any other node does not', () => {
    fc.assert(
      fc.property(arbGraph(20), (g) => {
        const cut = new Set(articulationPoints(g));
        const before = componentCount(g);
        for (let v = 0; v < g.n; v++) {
          // v stays as an isolate, so a non-cut node with neighbours adds exactly one component.
          const deg = g.offsets[v + 1]! - g.offsets[v]!;
          const after = componentCount(withoutNode(g, v)) - (deg > 0 ? 1 : 0);
          if (cut.has(v) !== after > before) return false;
        }
        return true;
      }),
    );
  });

  it('removing a bridge increases the component count; removing any other edge does not', () => {
    fc.assert(
      fc.property(arbGraph(20), (g) => {
        const b = bridges(g);
        const isBridge = new Set(Array.from(b.from, (u, i) => `${u}-${b.to[i]}`));
        const edges = edgesOf(g);
        const before = componentCount(g);
        return edges.every(([u, v]) => {
          const after = componentCount(
            graphOf(
              g.n,
              edges.filter(([a, c]) => a !== u || c !== v),
            ),
          );
          return isBridge.has(`${u}-${v}`) === after > before;
        });
      }),
    );
  });

  it('pieces and cut-off counts match removing each node and measuring what is left', () => {
    fc.assert(
      fc.property(arbGraph(20), (g) => {
        const pieces = separatedPieces(g);
        const cut = cutOffCounts(g);
        for (let v = 0; v < g.n; v++) {
          const reach = bfs(g, v);
          const h = withoutNode(g, v);
          const seen = new Uint8Array(g.n);
          const sizes: number[] = [];
          for (let u = 0; u < g.n; u++) {
            if (u === v || reach[u]! < 0 || seen[u]) continue;
            const d = bfs(h, u);
            let size = 0;
            for (let w = 0; w < g.n; w++) {
              if (d[w]! < 0) continue;
              seen[w] = 1;
              size++;
            }
            sizes.push(size);
          }
          sizes.sort((a, b) => b - a);
          const got = Array.from(pieces.sizes.subarray(pieces.offsets[v], pieces.offsets[v + 1]));
          if (JSON.stringify(got) !== JSON.stringify(sizes)) return false;
          const expected = sizes.length >= 2 ? sizes.reduce((a, b) => a + b, 0) - sizes[0]! : 0;
          if (cut[v] !== expected) return false;
        }
        return true;
      }),
    );
  });

  it('runs without recursion on a 200,000-node path', () => {
    const n = 200_000;
    const from = Int32Array.from({ length: n - 1 }, (_, i) => i);
    const to = Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
    const g = buildGraph(n, from, to);
    expect(articulationPoints(g).length).toBe(n - 2);
    expect(bridges(g).from.length).toBe(n - 1);
    const cut = cutOffCounts(g);
    expect(cut[0]).toBe(0);
    expect(cut[1]).toBe(1);
    expect(cut[n / 2]).toBe(n / 2 - 1);
  });

  it('a star centre cuts off all leaves but one', () => {
    const star = graphOf(5, [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
    expect(Array.from(cutOffCounts(star))).toEqual([3, 0, 0, 0, 0]);
    expect(Array.from(articulationPoints(star))).toEqual([0]);
  });
});
