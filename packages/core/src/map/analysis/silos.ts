/**
 * Silos and brokers, from a community assignment: ties inside and leaving each
 * community, the communities that keep to themselves, and the actors that connect them.
 */
import type { EcosystemGraph } from './ecosystem-graph.ts';

/** One community and its ties. */
export interface Community {
  /** Index in the community list (0 = largest). */
  id: number;
  size: number;
  members: string[];
  /** Ties with both actors inside. */
  internalTies: number;
  /** Ties from a member to an actor of another community. */
  externalTies: number;
  /** externalTies / (internalTies + externalTies); 0 when it has no ties. */
  externalShare: number;
  silo: boolean;
  /** Members with ties leaving the community, most such ties first (at most 5). */
  connectors: string[];
  explanation: string;
}

/** A community that keeps to itself. */
export interface Silo {
  community: number;
  size: number;
  internalTies: number;
  externalTies: number;
  externalShare: number;
  /** The members that tie it to the rest (at most 5); empty when nothing leaves it. */
  connectors: string[];
  reason: string;
}

/** An actor tied into communities other than its own. */
export interface Broker {
  actor: string;
  community: number;
  /** Every community it has a tie into, its own included, ascending. */
  communities: number[];
  /** Its ties to actors of other communities. */
  externalTies: number;
  betweenness: number;
  reason: string;
}

export interface SiloOptions {
  /** Silo when the share of ties leaving the community is below this (default 0.1). */
  siloThreshold?: number;
  /** Brokers listed (default 20). */
  brokerLimit?: number;
}

const plural = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/**
 * Community ties, silos and brokers. `community[v]` in 0..count-1 for each node;
 * `betweenness` ranks brokers touching the same number of communities.
 * A silo has at least two members, at least one other community exists, and fewer
 * than `siloThreshold` of its ties leave it. A lone actor is an isolate, not a silo.
 */
export function findSilosAndBrokers(
  eg: EcosystemGraph,
  community: Int32Array,
  count: number,
  betweenness: Float64Array,
  options: SiloOptions = {},
): { communities: Community[]; silos: Silo[]; brokers: Broker[] } {
  const { siloThreshold = 0.1, brokerLimit = 20 } = options;
  const { graph: g, ids } = eg;
  const members: number[][] = Array.from({ length: count }, () => []);
  const internal = new Int32Array(count);
  const external = new Int32Array(count);
  const outTies = new Int32Array(g.n);
  const touched: number[][] = Array.from({ length: g.n }, () => []);
  const seen = new Int32Array(count).fill(-1);
  for (let v = 0; v < g.n; v++) {
    const c = community[v]!;
    members[c]!.push(v);
    seen[c] = v;
    touched[v]!.push(c);
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      const w = g.targets[e]!;
      const d = community[w]!;
      if (d === c) {
        if (v < w) internal[c]!++;
        continue;
      }
      external[c]!++;
      outTies[v]!++;
      if (seen[d] !== v) {
        seen[d] = v;
        touched[v]!.push(d);
      }
    }
  }
  const byConnection = (a: number, b: number) =>
    outTies[b]! - outTies[a]! || betweenness[b]! - betweenness[a]! || a - b;

  const communities: Community[] = [];
  const silos: Silo[] = [];
  for (let c = 0; c < count; c++) {
    const list = members[c]!;
    const ties = internal[c]! + external[c]!;
    const externalShare = ties > 0 ? external[c]! / ties : 0;
    const silo = count >= 2 && list.length >= 2 && externalShare < siloThreshold;
    const connectors = list
      .filter((v) => outTies[v]! > 0)
      .sort(byConnection)
      .slice(0, 5)
      .map((v) => ids[v]!);
    const shape = `${plural(list.length, 'actor')}, ${plural(internal[c]!, 'tie')} inside and ${plural(external[c]!, 'tie')} out (${pct(externalShare)} of its ties leave it)`;
    const explanation = silo
      ? `Community ${c} is a silo: ${shape}, below the ${pct(siloThreshold)} threshold${connectors.length ? `; its links out run through ${connectors.join(', ')}` : '; nothing connects it to the rest'}.`
      : `Community ${c}: ${shape}.`;
    communities.push({
      id: c,
      size: list.length,
      members: list.map((v) => ids[v]!),
      internalTies: internal[c]!,
      externalTies: external[c]!,
      externalShare,
      silo,
      connectors,
      explanation,
    });
    if (silo)
      silos.push({
        community: c,
        size: list.length,
        internalTies: internal[c]!,
        externalTies: external[c]!,
        externalShare,
        connectors,
        reason: explanation,
      });
  }

  const candidates: number[] = [];
  for (let v = 0; v < g.n; v++) if (touched[v]!.length >= 2) candidates.push(v);
  candidates.sort(
    (a, b) => touched[b]!.length - touched[a]!.length || betweenness[b]! - betweenness[a]! || a - b,
  );
  const brokers = candidates.slice(0, Math.max(0, brokerLimit)).map((v) => {
    const own = community[v]!;
    const others = touched[v]!.filter((c) => c !== own).sort((a, b) => a - b);
    const bc = betweenness[v] ?? 0;
    return {
      actor: ids[v]!,
      community: own,
      communities: [...touched[v]!].sort((a, b) => a - b),
      externalTies: outTies[v]!,
      betweenness: bc,
      reason: `${ids[v]!} (community ${own}) has ${plural(outTies[v]!, 'tie')} into ${others.length === 1 ? 'community' : 'communities'} ${others.join(', ')}; betweenness ${bc.toPrecision(3)}.`,
    };
  });
  return { communities, silos, brokers };
}
