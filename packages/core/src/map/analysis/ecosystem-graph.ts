/**
 * The ecosystem as a graph: actors are nodes (in document order), relationships are
 * undirected ties. Every Map analysis starts here, so they all count ties the same way.
 */
import { buildGraph, type Graph } from '../../graph/index.ts';
import type { EcosystemDocument } from '../../model/document.ts';

/** A document's actors as graph nodes: `ids[i]` is node i, `index` maps an actor id back. */
export interface EcosystemGraph {
  graph: Graph;
  /** Actor ids in document order (node i is ids[i]). */
  ids: string[];
  index: Map<string, number>;
  /** Relationships not counted as ties, and why (self-ties, duplicates of another tie, unknown actors). */
  ignored: { selfTies: number; duplicates: number; unknownActors: number };
}

/**
 * Builds the undirected tie graph of a document. A relationship to itself adds no tie,
 * several relationships between the same two actors (any kinds, either direction) count
 * as one tie, and a relationship naming an actor not in the document is skipped.
 * `without` leaves the named actors (and their ties) out, for what-if questions.
 */
export function ecosystemGraph(
  doc: EcosystemDocument,
  without: ReadonlySet<string> = new Set(),
): EcosystemGraph {
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const a of doc.actors) {
    if (without.has(a.id) || index.has(a.id)) continue;
    index.set(a.id, ids.length);
    ids.push(a.id);
  }
  const from: number[] = [];
  const to: number[] = [];
  let selfTies = 0;
  let unknownActors = 0;
  for (const r of doc.relationships) {
    if (r.from === r.to) {
      selfTies++;
      continue;
    }
    const a = index.get(r.from);
    const b = index.get(r.to);
    if (a === undefined || b === undefined) {
      if (!without.has(r.from) && !without.has(r.to)) unknownActors++;
      continue;
    }
    from.push(a);
    to.push(b);
  }
  const graph = buildGraph(ids.length, from, to);
  return { graph, ids, index, ignored: { selfTies, duplicates: from.length - graph.m, unknownActors } };
}
