import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findGaps, needCoverage } from './coverage.ts';
import { findOpportunities } from './opportunities.ts';
import { actor, ecosystem, generatedDoc, tie, twoTriangles } from './test-factory.ts';
import { arbitraryDoc } from './test-arbitraries.ts';

describe('needCoverage', () => {
  it('lists providers and reach of every need, matching labels trimmed and case-insensitive', () => {
    const cov = needCoverage(twoTriangles());
    expect(cov.map((c) => c.need)).toEqual(['data', 'funding', 'legal']);
    const [data, funding, legal] = cov;
    expect(data).toMatchObject({
      neededBy: ['e'],
      providers: ['c'],
      outOfReach: [],
      reach: [{ actor: 'e', provider: 'c', steps: 2 }],
    });
    expect(funding).toMatchObject({
      neededBy: ['a'],
      providers: ['f', 'g'],
      outOfReach: ['a'],
      reach: [{ actor: 'a', provider: null, steps: null }],
    });
    expect(legal).toMatchObject({ neededBy: ['b'], providers: [], outOfReach: ['b'] });
    expect(funding!.explanation).toContain('no provider within two steps');
  });

  it('counts an actor that provides its own need as covered (0 steps), and a direct tie as 1 step', () => {
    const doc = ecosystem(
      [actor('a', { needs: ['x'], capabilities: ['X'] }), actor('b', { needs: ['x'] })],
      [tie('a', 'b')],
    );
    expect(needCoverage(doc)[0]!.reach).toEqual([
      { actor: 'a', provider: 'a', steps: 0 },
      { actor: 'b', provider: 'a', steps: 1 },
    ]);
  });
});

describe('findGaps', () => {
  it('finds unprovided, single-provider and out-of-reach needs with reasons', () => {
    const gaps = findGaps(twoTriangles());
    expect(gaps.unprovided).toEqual([
      { need: 'legal', neededBy: ['b'], providers: [], reason: expect.stringContaining('Nobody') },
    ]);
    expect(gaps.singleProvider).toEqual([
      {
        need: 'data',
        neededBy: ['e'],
        providers: ['c'],
        reason: expect.stringContaining('Only c provides "data"'),
      },
    ]);
    expect(gaps.outOfReach).toEqual([
      {
        need: 'funding',
        neededBy: ['a'],
        providers: ['f', 'g'],
        reason: expect.stringContaining('a needs "funding"'),
      },
    ]);
  });

  it('is empty for an ecosystem with no needs, one actor, or no actors', () => {
    for (const doc of [
      ecosystem([]),
      ecosystem([actor('solo', { capabilities: ['x'] })]),
      ecosystem([actor('a'), actor('b')], [tie('a', 'a')]),
    ]) {
      const gaps = findGaps(doc);
      expect([gaps.unprovided, gaps.singleProvider, gaps.outOfReach]).toEqual([[], [], []]);
    }
  });

  it('ignores blank labels and repeated labels on one actor', () => {
    const doc = ecosystem(
      [actor('a', { needs: ['  ', 'x', 'X'] }), actor('b', { capabilities: ['x', ' x'] })],
      [tie('a', 'b')],
    );
    const cov = needCoverage(doc);
    expect(cov).toHaveLength(1);
    expect(cov[0]).toMatchObject({ need: 'x', neededBy: ['a'], providers: ['b'] });
  });

  it('property: a need someone provides is never unprovided; out-of-reach actors really have no provider within two steps', () => {
    fc.assert(
      fc.property(arbitraryDoc(), (doc) => {
        const provided = new Set(
          doc.actors.flatMap((a) => a.capabilities.map((c) => c.trim().toLowerCase())),
        );
        const gaps = findGaps(doc);
        for (const g of gaps.unprovided) expect(provided.has(g.need.toLowerCase())).toBe(false);
        for (const c of needCoverage(doc)) {
          expect(c.providers.length === 0).toBe(!provided.has(c.need.toLowerCase()));
          for (const r of c.reach) {
            if (r.provider === null) continue;
            expect(c.providers).toContain(r.provider);
            if (r.steps === 0) expect(r.provider).toBe(r.actor);
          }
        }
      }),
    );
  });
});

describe('findOpportunities', () => {
  it('ranks by needs covered, then mutual contact before same network before not connected', () => {
    const ops = findOpportunities(twoTriangles());
    expect(ops.map((o) => [o.from, o.to, o.score, o.proximity])).toEqual([
      ['e', 'c', 1.5, 'mutual-contact'],
      ['a', 'f', 1.25, 'same-network'],
      ['a', 'g', 1, 'not-connected'],
    ]);
    expect(ops[0]).toMatchObject({ needs: ['data'], mutualContacts: ['d'], mutualContactCount: 1 });
    expect(ops[0]!.reason).toContain('d knows both');
  });

  it('puts an actor covering more needs first, respects the limit, and skips tied pairs and own capabilities', () => {
    const doc = ecosystem(
      [
        actor('a', { needs: ['x', 'y'], capabilities: ['z'] }),
        actor('b', { capabilities: ['x'] }),
        actor('c', { capabilities: ['x', 'y'] }),
        actor('d', { capabilities: ['x'], needs: ['z'] }),
      ],
      [tie('a', 'd')],
    );
    const ops = findOpportunities(doc);
    expect(ops.map((o) => `${o.from}>${o.to}:${o.needs.join('+')}`)).toEqual(['a>c:x+y', 'a>b:x']);
    expect(findOpportunities(doc, { limit: 1 })).toHaveLength(1);
    expect(findOpportunities(doc, { limit: 0 })).toEqual([]);
  });

  it('property: every opportunity pair is untied, distinct, and the provider has every listed need', () => {
    fc.assert(
      fc.property(arbitraryDoc(), fc.integer({ min: 1, max: 30 }), (doc, limit) => {
        const ties = new Set(doc.relationships.flatMap((r) => [`${r.from} ${r.to}`, `${r.to} ${r.from}`]));
        const ops = findOpportunities(doc, { limit });
        expect(ops.length).toBeLessThanOrEqual(limit);
        for (const o of ops) {
          expect(o.from).not.toBe(o.to);
          expect(ties.has(`${o.from} ${o.to}`)).toBe(false);
          const caps = doc.actors.find((a) => a.id === o.to)!.capabilities.map((c) => c.trim().toLowerCase());
          for (const need of o.needs) expect(caps).toContain(need.toLowerCase());
        }
        for (let i = 1; i < ops.length; i++) expect(ops[i - 1]!.score).toBeGreaterThanOrEqual(ops[i]!.score);
      }),
    );
  });

  it('keeps the same top suggestions whatever the limit', () => {
    const doc = generatedDoc(300, 2, 40);
    const all = findOpportunities(doc, { limit: 1000 });
    expect(findOpportunities(doc, { limit: 25 })).toEqual(all.slice(0, 25));
  });
});
