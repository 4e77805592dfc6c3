/** Small ecosystem documents for the Map analysis tests, built in code so each is easy to check by hand. */
import type { Actor, EcosystemDocument, Partnership, Relationship } from '../../model/document.ts';

/** An actor with defaults: kind 'other', no capabilities, needs or values. */
export function actor(id: string, fields: Partial<Actor> = {}): Actor {
  return {
    id,
    name: fields.name ?? id.toUpperCase(),
    kind: 'other',
    capabilities: [],
    needs: [],
    values: [],
    ...fields,
  };
}

/** An undirected tie of kind 'other', strength 1. */
export function tie(from: string, to: string, fields: Partial<Relationship> = {}): Relationship {
  return { from, to, kind: 'other', strength: 1, directed: false, ...fields };
}

export function partnership(id: string, members: string[], fields: Partial<Partnership> = {}): Partnership {
  return { id, name: id, stage: 'pilot', members: members.map((a) => ({ actor: a })), ...fields };
}

/** A document from actors, relationships and partnerships. */
export function ecosystem(
  actors: Actor[],
  relationships: Relationship[] = [],
  partnerships: Partnership[] = [],
): EcosystemDocument {
  return { valueweb: 1, ecosystem: { id: 'test', name: 'Test' }, actors, relationships, partnerships };
}

/** Actors a, b, c, ... tied as a path a–b–c–... */
export function pathDoc(k: number): EcosystemDocument {
  const ids = Array.from({ length: k }, (_, i) => String.fromCharCode(97 + i));
  return ecosystem(
    ids.map((id) => actor(id)),
    ids.slice(1).map((id, i) => tie(ids[i]!, id)),
  );
}

/**
 * Two triangles joined through a bridge c–d:  a–b–c–a  and  d–e–f–d,  plus g isolated.
 * a needs "funding", provided by f (three steps away) and by g (unreachable);
 * e needs "Data", provided by c only (two steps: e–d–c); b needs "legal", which nobody provides.
 */
export function twoTriangles(): EcosystemDocument {
  return ecosystem(
    [
      actor('a', { needs: ['funding'] }),
      actor('b', { needs: ['legal'] }),
      actor('c', { capabilities: ['data'] }),
      actor('d'),
      actor('e', { needs: ['Data '] }),
      actor('f', { capabilities: ['funding'] }),
      actor('g', { capabilities: ['Funding'] }),
    ],
    [tie('a', 'b'), tie('b', 'c'), tie('c', 'a'), tie('c', 'd'), tie('d', 'e'), tie('e', 'f'), tie('f', 'd')],
    [partnership('p1', ['a', 'c', 'd']), partnership('p2', ['e', 'f'])],
  );
}

/** A deterministic random ecosystem (linear congruential generator) for property-style and scale tests. */
export function generatedDoc(
  n: number,
  tiesPerActor: number,
  vocabulary: number,
  seed = 7,
): EcosystemDocument {
  let s = seed >>> 0;
  const next = (bound: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % bound;
  };
  const label = (i: number) => `skill ${i}`;
  const actors = Array.from({ length: n }, (_, i) =>
    actor(`a${i}`, {
      capabilities: [label(next(vocabulary)), label(next(vocabulary))],
      needs: [label(next(vocabulary))],
    }),
  );
  const relationships: Relationship[] = [];
  for (let i = 1; i < n; i++) {
    for (let k = 0; k < tiesPerActor; k++) relationships.push(tie(`a${i}`, `a${next(i)}`));
  }
  return ecosystem(actors, relationships);
}
