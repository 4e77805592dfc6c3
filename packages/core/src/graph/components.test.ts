import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectedComponents } from './components.ts';
import { arbGraph, bfs, componentCount } from './test-arbitraries.ts';

describe('connected components', () => {
  it('partition the nodes into reachability classes numbered by smallest node', () => {
    fc.assert(
      fc.property(arbGraph(25), (g) => {
        const cc = connectedComponents(g);
        if (cc.count !== componentCount(g) || cc.sizes.reduce((a, b) => a + b, 0) !== g.n) return false;
        let next = 0;
        for (let v = 0; v < g.n; v++) {
          const id = cc.ids[v]!;
          if (id === next) next++;
          else if (id > next) return false;
          const d = bfs(g, v);
          for (let w = 0; w < g.n; w++) if (d[w]! >= 0 !== (cc.ids[w] === id)) return false;
        }
        return Array.from(cc.sizes).every((s, c) => s === cc.ids.filter((x) => x === c).length);
      }),
    );
  });

  it('handles an empty graph', () => {
    expect(
      connectedComponents({ n: 0, m: 0, offsets: new Int32Array(1), targets: new Int32Array(0) }).count,
    ).toBe(0);
  });
});
