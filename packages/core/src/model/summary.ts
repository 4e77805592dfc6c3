/** The summary part of `valueweb analyze`: counts, kinds and flows of a document. */
import type { EcosystemDocument } from './document.ts';

export interface DocumentSummary {
  ecosystem: { id: string; name: string };
  counts: { actors: number; relationships: number; partnerships: number; members: number };
  actorKinds: Record<string, number>;
  relationshipKinds: Record<string, number>;
  flows: Record<string, number>;
  stages: Record<string, number>;
  capabilities: number;
  needs: number;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/** Sorts a count map by count descending, then key. */
function sorted(map: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(map).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/** Counts actors, relationships and partnerships by kind, flows by name, distinct capabilities and needs. */
export function summarize(doc: EcosystemDocument): DocumentSummary {
  const actorKinds: Record<string, number> = {};
  const relationshipKinds: Record<string, number> = {};
  const flows: Record<string, number> = {};
  const stages: Record<string, number> = {};
  const caps = new Set<string>();
  const needs = new Set<string>();
  for (const a of doc.actors) {
    bump(actorKinds, a.kind);
    a.capabilities.forEach((c) => caps.add(c));
    a.needs.forEach((n) => needs.add(n));
  }
  for (const r of doc.relationships) {
    bump(relationshipKinds, r.kind);
    for (const f of r.flows ?? []) bump(flows, f);
  }
  let members = 0;
  for (const p of doc.partnerships) {
    bump(stages, p.stage);
    members += p.members.length;
  }
  return {
    ecosystem: { id: doc.ecosystem.id, name: doc.ecosystem.name },
    counts: {
      actors: doc.actors.length,
      relationships: doc.relationships.length,
      partnerships: doc.partnerships.length,
      members,
    },
    actorKinds: sorted(actorKinds),
    relationshipKinds: sorted(relationshipKinds),
    flows: sorted(flows),
    stages: sorted(stages),
    capabilities: caps.size,
    needs: needs.size,
  };
}
