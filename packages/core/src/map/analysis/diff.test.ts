import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDoc } from './test-arbitraries.ts';
import { diffDocuments } from './diff.ts';
import { actor, ecosystem, tie, twoTriangles } from './test-factory.ts';

/** Two 4-cliques p0..p3 and q0..q3; `joined` ties every p to every q as well (one 8-clique). */
function cliques(joined: boolean) {
  const ids = ['p0', 'p1', 'p2', 'p3', 'q0', 'q1', 'q2', 'q3'];
  const ties = ids.flatMap((a, i) =>
    ids
      .slice(i + 1)
      .filter((b) => joined || a[0] === b[0] || (a === 'p0' && b === 'q0'))
      .map((b) => tie(a, b)),
  );
  return ecosystem(
    ids.map((id) => actor(id)),
    ties,
  );
}

describe('diffDocuments', () => {
  it('finds actors and relationships added, removed and changed, field by field', () => {
    const a = twoTriangles();
    const b = structuredClone(a);
    b.actors = b.actors.filter((x) => x.id !== 'g');
    b.actors.push(actor('h'));
    b.actors[2] = { ...b.actors[2]!, capabilities: ['data', 'legal'] };
    b.actors[3] = { ...b.actors[3]!, name: 'Dee', clock: { cadence: 'annual' } };
    b.relationships = b.relationships.filter((r) => !(r.from === 'e' && r.to === 'f'));
    b.relationships[3] = { ...b.relationships[3]!, strength: 2, flows: ['data'] }; // c–d
    b.relationships.push(tie('h', 'a'), tie('b', 'a', { kind: 'data' }), tie('b', 'a'));
    const d = diffDocuments(a, b);
    expect(d.actors).toEqual({
      added: ['h'],
      removed: ['g'],
      changed: [
        {
          id: 'c',
          changes: [
            {
              field: 'capabilities',
              before: ['data'],
              after: ['data', 'legal'],
              added: ['legal'],
              removed: [],
            },
          ],
        },
        {
          id: 'd',
          changes: [
            { field: 'name', before: 'D', after: 'Dee' },
            { field: 'clock', before: undefined, after: { cadence: 'annual' } },
          ],
        },
      ],
    });
    expect(d.relationships.removed).toEqual([{ from: 'e', to: 'f', kind: 'other' }]);
    // b–a of kind 'other' repeats a–b (same pair and kind), so it is a second relationship: added.
    expect(d.relationships.added).toEqual([
      { from: 'b', to: 'a', kind: 'other' },
      { from: 'h', to: 'a', kind: 'other' },
      { from: 'b', to: 'a', kind: 'data' },
    ]);
    expect(d.relationships.changed).toEqual([
      {
        from: 'c',
        to: 'd',
        kind: 'other',
        changes: [
          { field: 'strength', before: 1, after: 2 },
          { field: 'flows', before: undefined, after: ['data'], added: ['data'], removed: [] },
        ],
      },
    ]);
    expect(d.movers.degreeCentrality[0]).toMatchObject({ actor: 'a' });
    expect(d.explanation).toContain('1 added, 1 removed, 2 changed');
  });

  it('reports a direction change of a directed relationship, and ignores reordered labels', () => {
    const a = ecosystem([actor('a', { needs: ['x', 'y'] }), actor('b')], [tie('a', 'b', { directed: true })]);
    const b = ecosystem([actor('a', { needs: ['y', 'x'] }), actor('b')], [tie('b', 'a', { directed: true })]);
    const d = diffDocuments(a, b);
    expect(d.actors.changed).toEqual([]);
    expect(d.relationships.changed).toEqual([
      {
        from: 'b',
        to: 'a',
        kind: 'other',
        changes: [{ field: 'direction', before: 'a -> b', after: 'b -> a' }],
      },
    ]);
  });

  it('detects communities that merged and split', () => {
    const merged = diffDocuments(cliques(false), cliques(true));
    expect(merged.communities).toMatchObject({
      before: 2,
      after: 1,
      split: [],
      merged: [{ into: 0, from: [0, 1], jaccard: [0.5, 0.5] }],
    });
    const split = diffDocuments(cliques(true), cliques(false));
    expect(split.communities).toMatchObject({
      before: 1,
      after: 2,
      merged: [],
      split: [{ from: 0, into: [0, 1] }],
    });
    expect(split.communities.split[0]!.reason).toContain('spread over');
  });

  it('lists top metric movers by absolute change', () => {
    const d = diffDocuments(cliques(false), cliques(true), { top: 3 });
    expect(d.movers.degreeCentrality).toHaveLength(3);
    expect(d.movers.degreeCentrality[0]).toMatchObject({ actor: 'p1', before: 3 / 7, after: 1 });
    expect(d.movers.betweenness[0]!.actor).toBe('p0');
  });

  it('property: a document diffed with itself has no changes', () => {
    fc.assert(
      fc.property(arbitraryDoc(), (doc) => {
        const d = diffDocuments(doc, structuredClone(doc));
        expect(d.actors).toEqual({ added: [], removed: [], changed: [] });
        expect(d.relationships).toEqual({ added: [], removed: [], changed: [] });
        expect(d.movers).toEqual({ degreeCentrality: [], betweenness: [], pagerank: [] });
        expect(d.communities.merged).toEqual([]);
        expect(d.communities.split).toEqual([]);
      }),
    );
  });

  it('handles empty documents', () => {
    expect(diffDocuments(ecosystem([]), ecosystem([actor('a')])).actors.added).toEqual(['a']);
  });
});
