import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../model/problem.ts';
import { arbitraryDoc } from './test-arbitraries.ts';
import { ecosystemGraph } from './ecosystem-graph.ts';
import { cutOffCounts } from '../../graph/index.ts';
import { actor, ecosystem, pathDoc, tie, twoTriangles } from './test-factory.ts';
import { averagePathLength } from './network-report.ts';
import { criticality, whatIfExit } from './what-if.ts';

describe('whatIfExit', () => {
  it('reports lost capabilities, cut-off actors, components, path lengths and partnerships', () => {
    const impact = whatIfExit(twoTriangles(), ['c']);
    expect(impact).toMatchObject({
      removed: ['c'],
      lostCapabilities: [{ capability: 'data', providedBy: ['c'], neededBy: ['e'] }],
      cutOff: ['a', 'b'],
      components: { before: 2, after: 3 },
      averagePathLength: { before: 1.8, after: 1 },
      lostTies: 3,
      partnerships: [{ partnership: 'p1', lost: ['c'], remaining: 2 }],
    });
    expect(impact.explanation).toContain('Without c');
  });

  it('removes several actors at once and keeps the part holding the earliest actor on a tie', () => {
    const impact = whatIfExit(pathDoc(5), ['c', 'c']);
    expect(impact.removed).toEqual(['c']);
    expect(impact.cutOff).toEqual(['d', 'e']);
    const two = whatIfExit(twoTriangles(), ['d', 'f']);
    expect(two.cutOff).toEqual(['e']);
    expect(two.lostCapabilities).toEqual([]); // g still provides funding
    expect(two.partnerships).toEqual([
      expect.objectContaining({ partnership: 'p1', lost: ['d'] }),
      expect.objectContaining({
        partnership: 'p2',
        lost: ['f'],
        remaining: 1,
        reason: expect.stringContaining('no longer a partnership'),
      }),
    ]);
  });

  it('throws a ValidationError naming unknown actors', () => {
    expect(() => whatIfExit(twoTriangles(), ['c', 'nobody', 'ghost'])).toThrow(ValidationError);
    expect(() => whatIfExit(twoTriangles(), ['nobody'])).toThrow(/unknown actor "nobody"/);
    try {
      whatIfExit(twoTriangles(), ['a', 'ghost']);
    } catch (e) {
      expect((e as ValidationError).problems).toEqual([
        expect.objectContaining({ path: ['actorIds', 1], code: 'unknown_reference' }),
      ]);
    }
  });

  it('handles one actor, no actors and removing everyone', () => {
    const solo = ecosystem([actor('solo', { capabilities: ['x'], needs: ['x'] })], [tie('solo', 'solo')]);
    expect(whatIfExit(solo, ['solo'])).toMatchObject({
      cutOff: [],
      components: { before: 1, after: 0 },
      averagePathLength: { before: 0, after: 0 },
      lostCapabilities: [{ capability: 'x', neededBy: [] }],
    });
    expect(whatIfExit(ecosystem([]), [])).toMatchObject({
      cutOff: [],
      components: { before: 0, after: 0 },
      explanation: 'No actor removed: nothing changes.',
    });
  });

  it('property: removing no actor changes nothing', () => {
    fc.assert(
      fc.property(arbitraryDoc(), (doc) => {
        const r = whatIfExit(doc, []);
        expect(r.cutOff).toEqual([]);
        expect(r.lostCapabilities).toEqual([]);
        expect(r.partnerships).toEqual([]);
        expect(r.lostTies).toBe(0);
        expect(r.components.after).toBe(r.components.before);
        expect(r.averagePathLength.after).toBe(r.averagePathLength.before);
      }),
    );
  });

  it('property: a single exit cuts off exactly as many actors as criticality counts', () => {
    fc.assert(
      fc.property(arbitraryDoc(), (doc) => {
        const ranking = criticality(doc);
        expect(ranking).toHaveLength(doc.actors.length);
        for (const e of ranking) expect(whatIfExit(doc, [e.actor]).cutOff).toHaveLength(e.cutOff);
      }),
    );
  });
});

describe('cutOffCounts and averagePathLength', () => {
  it('counts actors cut off from the largest remaining part on a path', () => {
    expect([...cutOffCounts(ecosystemGraph(pathDoc(5)).graph)]).toEqual([0, 1, 2, 1, 0]);
    expect([...cutOffCounts(ecosystemGraph(twoTriangles()).graph)]).toEqual([0, 0, 2, 2, 0, 0, 0]);
  });

  it('is 0 with no connected pair', () => {
    expect(averagePathLength(ecosystemGraph(ecosystem([actor('a'), actor('b')])).graph)).toBe(0);
    expect(averagePathLength(ecosystemGraph(pathDoc(3)).graph)).toBeCloseTo(4 / 3);
  });
});

describe('criticality', () => {
  it('ranks by actors cut off + unique capabilities + dependents, then degree, then document order', () => {
    const ranking = criticality(twoTriangles());
    expect(ranking.map((e) => [e.actor, e.score])).toEqual([
      ['c', 4],
      ['d', 2],
      ['a', 0],
      ['b', 0],
      ['e', 0],
      ['f', 0],
      ['g', 0],
    ]);
    expect(ranking[0]).toMatchObject({
      rank: 1,
      cutOff: 2,
      uniqueCapabilities: ['data'],
      dependents: ['e'],
      degree: 3,
    });
    expect(ranking[0]!.reason).toContain('it alone provides "data", needed by e');
    expect(ranking[6]!.reason).toContain('score 0');
  });

  it('handles empty and single-actor ecosystems', () => {
    expect(criticality(ecosystem([]))).toEqual([]);
    expect(criticality(ecosystem([actor('solo', { capabilities: ['x'] })]))).toEqual([
      expect.objectContaining({
        actor: 'solo',
        score: 1,
        cutOff: 0,
        uniqueCapabilities: ['x'],
        dependents: [],
      }),
    ]);
  });
});
