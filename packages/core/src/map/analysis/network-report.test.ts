import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDoc } from './test-arbitraries.ts';
import { analyzeNetwork } from './network-report.ts';
import { actor, ecosystem, pathDoc, tie, twoTriangles } from './test-factory.ts';

/** Every number anywhere in a value, with its path. */
function numbers(value: unknown, path = '', out: [string, number][] = []): [string, number][] {
  if (typeof value === 'number') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => numbers(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) numbers(v, `${path}.${k}`, out);
  return out;
}
const nonFinite = (value: unknown) => numbers(value).filter(([, x]) => !Number.isFinite(x));

const CONTRACT_ACTOR_KEYS = [
  'betweenness',
  'closeness',
  'clustering',
  'community',
  'constraint',
  'degree',
  'degreeCentrality',
  'pagerank',
];

/** Two cliques of size k (ids p0.., q0..) joined by one tie p0–q0. */
function twoCliques(k: number) {
  const ps = Array.from({ length: k }, (_, i) => `p${i}`);
  const qs = Array.from({ length: k }, (_, i) => `q${i}`);
  const ties = [ps, qs].flatMap((ids) => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => tie(a, b))));
  return ecosystem(
    [...ps, ...qs].map((id) => actor(id)),
    [...ties, tie('p0', 'q0')],
  );
}

describe('analyzeNetwork', () => {
  it('reports the contract keys with hand-checked values', () => {
    const net = analyzeNetwork(twoTriangles());
    expect(Object.keys(net.actors)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    for (const m of Object.values(net.actors)) expect(Object.keys(m).sort()).toEqual(CONTRACT_ACTOR_KEYS);
    expect(net.components).toBe(2);
    expect(net.articulationPoints).toEqual(['c', 'd']);
    expect(net.bridges).toEqual([{ from: 'c', to: 'd' }]);
    expect(net.density).toBeCloseTo(1 / 3);
    expect(net.averagePathLength).toBeCloseTo(1.8);
    expect(net.largestComponentPathLength).toBeCloseTo(1.8);
    expect(net.isolates).toEqual(['g']);
    expect(net.actors.c).toMatchObject({ degree: 3, degreeCentrality: 0.5, community: 0 });
    expect(net.actors.c!.betweenness).toBeCloseTo(0.4);
    expect(net.actors.a!.betweenness).toBe(0);
    expect(net.actors.g).toMatchObject({
      degree: 0,
      closeness: 0,
      clustering: 0,
      constraint: 0,
      community: 2,
    });
    expect(net.communities.map((c) => c.members)).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
    expect(net.communities[0]).toMatchObject({
      size: 3,
      internalTies: 3,
      externalTies: 1,
      externalShare: 0.25,
      silo: false,
      connectors: ['c'],
    });
    expect(net.modularity).toBeCloseTo(2 * (3 / 7 - 0.25));
    expect(net.silos).toEqual([]);
    expect(net.brokers.map((b) => [b.actor, b.communities])).toEqual([
      ['c', [0, 1]],
      ['d', [0, 1]],
    ]);
    expect(net.betweennessMethod).toMatchObject({ method: 'exact', samples: 7, errorBound: 0 });
    expect(net.definitions.betweenness).toContain('nx.betweenness_centrality');
  });

  it('finds silos: communities with few ties out, and the actors that bridge them', () => {
    const net = analyzeNetwork(twoCliques(5));
    expect(net.communities.map((c) => [c.size, c.internalTies, c.externalTies, c.silo])).toEqual([
      [5, 10, 1, true],
      [5, 10, 1, true],
    ]);
    expect(net.silos.map((s) => s.connectors)).toEqual([['p0'], ['q0']]);
    expect(net.silos[0]!.reason).toContain('silo');
    expect(analyzeNetwork(twoCliques(5), { siloThreshold: 0.05 }).silos).toEqual([]);
    const apart = analyzeNetwork(
      ecosystem([actor('a'), actor('b'), actor('c'), actor('d')], [tie('a', 'b'), tie('c', 'd')]),
    );
    expect(apart.silos.map((s) => [s.community, s.connectors, s.externalShare])).toEqual([
      [0, [], 0],
      [1, [], 0],
    ]);
  });

  it('does not call a whole connected ecosystem, or a lone actor, a silo', () => {
    expect(analyzeNetwork(pathDoc(3)).silos).toEqual([]);
    expect(
      analyzeNetwork(ecosystem([actor('a'), actor('b'), actor('c')], [tie('a', 'b')])).silos,
    ).toHaveLength(1);
  });

  it('gives defined results for degenerate ecosystems', () => {
    const cases = {
      empty: ecosystem([]),
      solo: ecosystem([actor('solo')]),
      selfTie: ecosystem([actor('solo')], [tie('solo', 'solo')]),
      noTies: ecosystem([actor('a'), actor('b'), actor('c')]),
      duplicates: ecosystem(
        [actor('a'), actor('b')],
        [tie('a', 'b'), tie('b', 'a', { kind: 'data' }), tie('a', 'b')],
      ),
    };
    for (const [name, doc] of Object.entries(cases)) {
      const net = analyzeNetwork(doc);
      expect(nonFinite(net), name).toEqual([]);
      expect(Object.keys(net.actors)).toEqual(doc.actors.map((a) => a.id));
    }
    expect(analyzeNetwork(cases.empty)).toMatchObject({
      components: 0,
      modularity: 0,
      density: 0,
      averagePathLength: 0,
      communities: [],
    });
    expect(analyzeNetwork(cases.solo).actors.solo).toMatchObject({
      degree: 0,
      degreeCentrality: 1,
      betweenness: 0,
      pagerank: 1,
      community: 0,
    });
    expect(analyzeNetwork(cases.selfTie)).toMatchObject({ ties: 0, ignored: { selfTies: 1, duplicates: 0 } });
    const dup = analyzeNetwork(cases.duplicates);
    expect(dup).toMatchObject({ ties: 1, density: 1, ignored: { duplicates: 2 } });
    expect(dup.actors.a!.degree).toBe(1);
  });

  it('samples betweenness above the limit and states the sample size and error bound', () => {
    const net = analyzeNetwork(pathDoc(8), { exactBetweennessLimit: 5, betweennessSamples: 4 });
    expect(net.betweennessMethod).toMatchObject({ method: 'sampled', samples: 4 });
    expect(net.betweennessMethod.errorBound).toBeGreaterThan(0);
    expect(net.betweennessMethod.errorBound).toBeLessThanOrEqual(1);
    expect(net.betweennessMethod.explanation).toContain('4 of 8 actors');
  });

  it('is the same for the same seed', () => {
    expect(analyzeNetwork(twoCliques(4), { seed: 3 })).toEqual(analyzeNetwork(twoCliques(4), { seed: 3 }));
  });

  it('property: no NaN, every actor in exactly one community, community sizes sorted', () => {
    fc.assert(
      fc.property(arbitraryDoc(), fc.integer({ min: 0, max: 1000 }), (doc, seed) => {
        const net = analyzeNetwork(doc, { seed });
        expect(nonFinite(net)).toEqual([]);
        const all = net.communities.flatMap((c) => c.members).sort();
        expect(all).toEqual(doc.actors.map((a) => a.id).sort());
        for (const c of net.communities)
          for (const m of c.members) expect(net.actors[m]!.community).toBe(c.id);
        for (let i = 1; i < net.communities.length; i++)
          expect(net.communities[i - 1]!.size).toBeGreaterThanOrEqual(net.communities[i]!.size);
        const sumTies = net.communities.reduce((s, c) => s + 2 * c.internalTies + c.externalTies, 0);
        expect(sumTies).toBe(2 * net.ties);
      }),
    );
  });
});
