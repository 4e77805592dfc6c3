/**
 * Opportunities: "introduce A to B" suggestions, where B provides something A needs and
 * the two are not tied yet. Ranked by how many of A's needs B covers, then by how easy
 * the introduction is: through a mutual contact (two steps) before elsewhere in the same
 * network, before not connected at all; then by the number of mutual contacts, then by
 * document order of A and of B (so the ranking is stable).
 */
import type { EcosystemDocument } from '../../model/document.ts';
import { buildCatalog, type Catalog } from './catalog.ts';
import type { GraphReuse } from './coverage.ts';
import { connectedComponents } from '../../graph/index.ts';
import { ecosystemGraph } from './ecosystem-graph.ts';

/** How close the two actors already are. */
export type Proximity = 'mutual-contact' | 'same-network' | 'not-connected';

/** One suggested introduction. */
export interface Opportunity {
  /** The actor with the needs. */
  from: string;
  /** The actor that provides them. */
  to: string;
  /** The needs of `from` that `to` provides (labels as first written). */
  needs: string[];
  /** needs.length + 0.5 (mutual contact) or + 0.25 (same network) or + 0 (not connected). */
  score: number;
  proximity: Proximity;
  /** Actors tied to both (at most 5 listed; `mutualContactCount` has the total). */
  mutualContacts: string[];
  mutualContactCount: number;
  reason: string;
}

export interface OpportunityOptions extends GraphReuse {
  /** How many suggestions to return, best first (default 20). */
  limit?: number;
  catalog?: Catalog;
}

const BONUS: Record<Proximity, number> = { 'mutual-contact': 0.5, 'same-network': 0.25, 'not-connected': 0 };
const RANK: Record<Proximity, number> = { 'mutual-contact': 2, 'same-network': 1, 'not-connected': 0 };

interface Candidate {
  from: number;
  to: number;
  needs: string[];
  proximity: Proximity;
  mutual: number;
}

/** Negative when a ranks before b. */
function compare(a: Candidate, b: Candidate): number {
  return (
    b.needs.length - a.needs.length ||
    RANK[b.proximity] - RANK[a.proximity] ||
    b.mutual - a.mutual ||
    a.from - b.from ||
    a.to - b.to
  );
}

/** A binary heap keeping the `limit` best candidates; the worst kept is at the root. */
class TopK {
  private readonly heap: Candidate[] = [];
  constructor(private readonly limit: number) {}
  /** Whether a candidate with this many needs could still enter (cheap pre-check). */
  wants(needs: number): boolean {
    return this.heap.length < this.limit || needs >= this.heap[0]!.needs.length;
  }
  push(c: Candidate): void {
    const h = this.heap;
    if (h.length < this.limit) {
      h.push(c);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (compare(h[i]!, h[p]!) <= 0) break;
        [h[i], h[p]] = [h[p]!, h[i]!];
        i = p;
      }
    } else if (h.length > 0 && compare(c, h[0]!) < 0) {
      h[0] = c;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let worst = i;
        if (l < h.length && compare(h[l]!, h[worst]!) > 0) worst = l;
        if (r < h.length && compare(h[r]!, h[worst]!) > 0) worst = r;
        if (worst === i) break;
        [h[i], h[worst]] = [h[worst]!, h[i]!];
        i = worst;
      }
    }
  }
  sorted(): Candidate[] {
    return [...this.heap].sort(compare);
  }
}

/** Ranked introductions (see the module comment); needs an actor provides itself are not suggested. */
export function findOpportunities(doc: EcosystemDocument, options: OpportunityOptions = {}): Opportunity[] {
  const limit = Math.max(0, Math.floor(options.limit ?? 20));
  const eg = options.graph ?? ecosystemGraph(doc);
  const catalog = options.catalog ?? buildCatalog(doc, eg);
  const { graph: g, ids } = eg;
  if (limit === 0) return [];
  const component = connectedComponents(g).ids;
  const contact = new Int32Array(g.n).fill(-1);
  const top = new TopK(limit);
  for (let a = 0; a < g.n; a++) {
    const needs = catalog.needsOf[a]!;
    if (needs.length === 0) continue;
    const own = new Set(catalog.capabilitiesOf[a]);
    const offers = new Map<number, string[]>();
    for (const key of needs) {
      if (own.has(key)) continue;
      for (const b of catalog.providers.get(key) ?? []) {
        const list = offers.get(b);
        if (list) list.push(key);
        else offers.set(b, [key]);
      }
    }
    if (offers.size === 0) continue;
    for (let e = g.offsets[a]!; e < g.offsets[a + 1]!; e++) contact[g.targets[e]!] = a;
    for (const [b, keys] of offers) {
      if (contact[b] === a || !top.wants(keys.length)) continue;
      let mutual = 0;
      for (let e = g.offsets[b]!; e < g.offsets[b + 1]!; e++) if (contact[g.targets[e]!] === a) mutual++;
      const proximity: Proximity =
        mutual > 0 ? 'mutual-contact' : component[a] === component[b] ? 'same-network' : 'not-connected';
      top.push({ from: a, to: b, needs: keys, proximity, mutual });
    }
  }
  return top.sorted().map((c) => describe(c, ids, catalog, g.offsets, g.targets));
}

function describe(
  c: Candidate,
  ids: readonly string[],
  catalog: Catalog,
  offsets: Int32Array,
  targets: Int32Array,
): Opportunity {
  const from = ids[c.from]!;
  const to = ids[c.to]!;
  const needs = c.needs.map((k) => catalog.labels.get(k) ?? k);
  const mutualContacts: string[] = [];
  if (c.mutual > 0) {
    // Both rows are sorted: merge them to list the first few mutual contacts.
    let i = offsets[c.from]!;
    let j = offsets[c.to]!;
    while (i < offsets[c.from + 1]! && j < offsets[c.to + 1]! && mutualContacts.length < 5) {
      const x = targets[i]!;
      const y = targets[j]!;
      if (x === y) {
        mutualContacts.push(ids[x]!);
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
  }
  const quoted = needs.map((s) => `"${s}"`).join(', ');
  const how =
    c.proximity === 'mutual-contact'
      ? `they are two steps apart: ${mutualContacts.join(', ')}${c.mutual > mutualContacts.length ? ` and ${c.mutual - mutualContacts.length} more` : ''} ${c.mutual === 1 ? 'knows' : 'know'} both and can introduce them (+0.5)`
      : c.proximity === 'same-network'
        ? 'they are in the same network but more than two steps apart (+0.25)'
        : 'they are in parts of the ecosystem with no path between them (+0)';
  const reason = `${to} provides ${quoted}, which ${from} needs (${needs.length} need${needs.length === 1 ? '' : 's'} covered); they are not tied yet and ${how}.`;
  return {
    from,
    to,
    needs,
    score: needs.length + BONUS[c.proximity],
    proximity: c.proximity,
    mutualContacts,
    mutualContactCount: c.mutual,
    reason,
  };
}
