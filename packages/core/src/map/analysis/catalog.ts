/**
 * Who provides and who needs what. A need matches a capability when the two labels are
 * equal after trimming and ignoring case ("Real-world data" = " real-world DATA "); no
 * other fuzziness (plurals, synonyms), so a match is always one a reader can check.
 */
import type { EcosystemDocument } from '../../model/document.ts';
import type { EcosystemGraph } from './ecosystem-graph.ts';

/** The matching key of a need or capability label: trimmed and lower-cased. */
export function labelKey(label: string): string {
  return label.trim().toLowerCase();
}

/** Capabilities and needs by matching key, with actors as node indices in document order. */
export interface Catalog {
  /** The label as first written in the document, per key. */
  labels: Map<string, string>;
  providers: Map<string, number[]>;
  needers: Map<string, number[]>;
  /** Keys of each node's needs (deduplicated, in the order written). */
  needsOf: string[][];
  /** Keys of each node's capabilities (deduplicated, in the order written). */
  capabilitiesOf: string[][];
}

function add(map: Map<string, number[]>, key: string, v: number): void {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}

/** Indexes every actor's capabilities and needs by key (empty labels are skipped; an actor appears once per key). */
export function buildCatalog(doc: EcosystemDocument, eg: EcosystemGraph): Catalog {
  const labels = new Map<string, string>();
  const providers = new Map<string, number[]>();
  const needers = new Map<string, number[]>();
  const needsOf: string[][] = eg.ids.map(() => []);
  const capabilitiesOf: string[][] = eg.ids.map(() => []);
  const seen = new Set<number>();
  for (const a of doc.actors) {
    const v = eg.index.get(a.id);
    if (v === undefined || seen.has(v)) continue;
    seen.add(v);
    const collect = (list: readonly string[], into: string[], map: Map<string, number[]>) => {
      for (const label of list) {
        const key = labelKey(label);
        if (key === '' || into.includes(key)) continue;
        if (!labels.has(key)) labels.set(key, label.trim());
        into.push(key);
        add(map, key, v);
      }
    };
    collect(a.capabilities, capabilitiesOf[v]!, providers);
    collect(a.needs, needsOf[v]!, needers);
  }
  return { labels, providers, needers, needsOf, capabilitiesOf };
}
