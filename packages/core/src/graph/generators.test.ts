import { describe, expect, it } from 'vitest';
import { connectedComponents } from './components.ts';
import { barabasiAlbert, erdosRenyi } from './generators.ts';

describe('generators', () => {
  it('Barabási–Albert: m + (n-m-1)m edges, connected, min degree m, deterministic per seed', () => {
    const g = barabasiAlbert(1000, 3, 7);
    expect(g.m).toBe(3 + 996 * 3);
    expect(connectedComponents(g).count).toBe(1);
    for (let v = 1; v < g.n; v++)
      expect(g.offsets[v + 1]! - g.offsets[v]!).toBeGreaterThanOrEqual(v <= 3 ? 1 : 3);
    expect(barabasiAlbert(1000, 3, 7).targets).toEqual(g.targets);
    expect(barabasiAlbert(1000, 3, 8).targets).not.toEqual(g.targets);
    expect(() => barabasiAlbert(3, 3, 1)).toThrow(RangeError);
  });

  it('Erdős–Rényi: p = 0 and p = 1 are exact, the edge count is near p n(n-1)/2', () => {
    expect(erdosRenyi(30, 0, 1).m).toBe(0);
    expect(erdosRenyi(30, 1, 1).m).toBe(435);
    const g = erdosRenyi(2000, 0.01, 3);
    const expected = 0.01 * 1999 * 1000;
    expect(Math.abs(g.m - expected)).toBeLessThan(5 * Math.sqrt(expected));
    expect(erdosRenyi(2000, 0.01, 3).targets).toEqual(g.targets);
  });
});
