/**
 * Capability coverage and value gaps: for every need in the ecosystem, who provides it
 * and whether each actor that needs it has a provider within two steps (itself, a
 * direct tie, or a tie of a tie). Needs match capabilities as `labelKey` says.
 */
import type { EcosystemDocument } from '../../model/document.ts';
import { buildCatalog, type Catalog } from './catalog.ts';
import { ecosystemGraph, type EcosystemGraph } from './ecosystem-graph.ts';

/** How far one actor that needs something is from its nearest provider. */
export interface NeedReach {
  actor: string;
  /** The nearest provider (document order breaks ties), or null when none is within two steps. */
  provider: string | null;
  /** 0 = the actor provides it itself, 1 = a direct tie, 2 = through a mutual contact; null = further or unreachable. */
  steps: 0 | 1 | 2 | null;
}

/** Coverage of one need. */
export interface NeedCoverage {
  need: string;
  neededBy: string[];
  providers: string[];
  reach: NeedReach[];
  /** Actors that need it with no provider within two steps. */
  outOfReach: string[];
  explanation: string;
}

/** One value gap: a need, the actors it concerns, its providers, and why it is a gap. */
export interface Gap {
  need: string;
  neededBy: string[];
  providers: string[];
  reason: string;
}

/**
 * The three kinds of gap. A need can be both single-provider and out of reach.
 * unprovided: nobody provides it; singleProvider: exactly one actor does (a dependency);
 * outOfReach: providers exist but some actors that need it have none within two steps
 * (`neededBy` lists only those actors).
 */
export interface Gaps {
  unprovided: Gap[];
  singleProvider: Gap[];
  outOfReach: Gap[];
  explanation: string;
}

/** Options shared by the Map analyses: reuse a graph already built for the same document. */
export interface GraphReuse {
  graph?: EcosystemGraph;
}

const plural = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
const list = (ids: readonly string[], max = 5) =>
  ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;

/**
 * Distance (0, 1 or 2) from the nearest provider to every node within two steps of one,
 * by breadth-first search from all providers at once. `stamp` marks nodes of this round.
 */
function nearestWithinTwo(
  eg: EcosystemGraph,
  providers: readonly number[],
  round: number,
  stamp: Int32Array,
  dist: Int8Array,
  via: Int32Array,
  level: Int32Array,
): void {
  const { offsets, targets } = eg.graph;
  for (const p of providers) {
    stamp[p] = round;
    dist[p] = 0;
    via[p] = p;
  }
  let count = 0;
  for (const p of providers) {
    for (let e = offsets[p]!, end = offsets[p + 1]!; e < end; e++) {
      const w = targets[e]!;
      if (stamp[w] === round) continue;
      stamp[w] = round;
      dist[w] = 1;
      via[w] = p;
      level[count++] = w;
    }
  }
  for (let i = 0; i < count; i++) {
    const u = level[i]!;
    for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
      const w = targets[e]!;
      if (stamp[w] === round) continue;
      stamp[w] = round;
      dist[w] = 2;
      via[w] = via[u]!;
    }
  }
}

/** Coverage of every need, most-needed first (then alphabetically by need). */
export function needCoverage(
  doc: EcosystemDocument,
  options: GraphReuse & { catalog?: Catalog } = {},
): NeedCoverage[] {
  const eg = options.graph ?? ecosystemGraph(doc);
  const catalog = options.catalog ?? buildCatalog(doc, eg);
  const n = eg.graph.n;
  const stamp = new Int32Array(n).fill(-1);
  const dist = new Int8Array(n);
  const via = new Int32Array(n);
  const level = new Int32Array(n);
  const out: NeedCoverage[] = [];
  let round = 0;
  for (const [key, needers] of catalog.needers) {
    const need = catalog.labels.get(key) ?? key;
    const providerNodes = catalog.providers.get(key) ?? [];
    nearestWithinTwo(eg, providerNodes, round, stamp, dist, via, level);
    const reach: NeedReach[] = needers.map((v) => {
      const inReach = stamp[v] === round;
      return {
        actor: eg.ids[v]!,
        provider: inReach ? eg.ids[via[v]!]! : null,
        steps: inReach ? (dist[v] as 0 | 1 | 2) : null,
      };
    });
    round++;
    const neededBy = needers.map((v) => eg.ids[v]!);
    const providers = providerNodes.map((v) => eg.ids[v]!);
    const outOfReach = reach.filter((r) => r.steps === null).map((r) => r.actor);
    let explanation: string;
    if (providers.length === 0)
      explanation = `"${need}" is needed by ${plural(neededBy.length, 'actor')} and no actor lists it as a capability.`;
    else
      explanation =
        `"${need}" is needed by ${plural(neededBy.length, 'actor')} and provided by ${plural(providers.length, 'actor')} (${list(providers)}); ` +
        (outOfReach.length === 0
          ? 'every actor that needs it has a provider within two steps.'
          : `${plural(outOfReach.length, 'actor')} (${list(outOfReach)}) ${outOfReach.length === 1 ? 'has' : 'have'} no provider within two steps.`);
    out.push({ need, neededBy, providers, reach, outOfReach, explanation });
  }
  return out.sort((a, b) => b.neededBy.length - a.neededBy.length || compareText(a.need, b.need));
}

/** Locale-independent string order, so results do not depend on the machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Value gaps from coverage: needs nobody provides, needs exactly one actor provides, needs provided only out of reach. */
export function gapsFromCoverage(coverage: readonly NeedCoverage[]): Gaps {
  const unprovided: Gap[] = [];
  const singleProvider: Gap[] = [];
  const outOfReach: Gap[] = [];
  for (const c of coverage) {
    const { need, neededBy, providers } = c;
    if (providers.length === 0) {
      unprovided.push({
        need,
        neededBy,
        providers,
        reason: `Nobody in the ecosystem provides "${need}", which ${plural(neededBy.length, 'actor')} (${list(neededBy)}) ${neededBy.length === 1 ? 'needs' : 'need'}.`,
      });
      continue;
    }
    if (providers.length === 1) {
      const p = providers[0]!;
      singleProvider.push({
        need,
        neededBy,
        providers,
        reason: `Only ${p} provides "${need}": ${plural(neededBy.length, 'actor')} (${list(neededBy)}) ${neededBy.length === 1 ? 'depends' : 'depend'} on it; if ${p} leaves, the need is unprovided.`,
      });
    }
    if (c.outOfReach.length > 0) {
      outOfReach.push({
        need,
        neededBy: c.outOfReach,
        providers,
        reason: `${list(c.outOfReach)} ${c.outOfReach.length === 1 ? 'needs' : 'need'} "${need}", provided by ${list(providers)}, but no provider is within two steps (a direct tie or a tie of a tie).`,
      });
    }
  }
  const explanation =
    `${plural(unprovided.length, 'need')} nobody provides, ${plural(singleProvider.length, 'need')} only one actor provides, ` +
    `${plural(outOfReach.length, 'need')} provided only out of reach (no provider within two steps) for some actors. ` +
    'A need matches a capability when the labels are equal ignoring case and surrounding spaces.';
  return { unprovided, singleProvider, outOfReach, explanation };
}

/** Value gaps of a document (see Gaps). */
export function findGaps(doc: EcosystemDocument, options: GraphReuse = {}): Gaps {
  return gapsFromCoverage(needCoverage(doc, options));
}
