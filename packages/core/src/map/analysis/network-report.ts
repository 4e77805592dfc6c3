/**
 * The `network` part of `valueweb analyze`: per-actor metrics (NetworkX definitions,
 * see graph/), components, articulation points, bridges, Louvain communities with
 * modularity, silos and brokers. Every figure is defined in `definitions`.
 */
import type { EcosystemDocument } from '../../model/document.ts';
import { ecosystemGraph, type EcosystemGraph } from './ecosystem-graph.ts';
import {
  articulationPoints,
  averagePathLengths,
  betweenness,
  bridges,
  closenessCentrality,
  clustering,
  connectedComponents,
  constraint,
  degreeCentrality,
  density,
  distanceSums,
  louvain,
  modularity,
  pagerank,
  type DistanceSums,
  type Graph,
} from '../../graph/index.ts';
import { findSilosAndBrokers, type Broker, type Community, type Silo } from './silos.ts';

/** The metrics of one actor (keys are a contract). */
export interface ActorMetrics {
  /** Number of distinct actors it is tied to. */
  degree: number;
  degreeCentrality: number;
  betweenness: number;
  closeness: number;
  pagerank: number;
  clustering: number;
  constraint: number;
  /** Index into `communities` (largest community is 0). */
  community: number;
}

/** How betweenness was computed: exactly, or from a sample of source actors with an error bound. */
export interface BetweennessMethod {
  method: 'exact' | 'sampled';
  /** Source actors used (all actors when exact). */
  samples: number;
  /** Half-width of the 95% confidence interval of every normalized value (0 when exact). */
  errorBound: number;
  explanation: string;
}

/** The `network` report (the first eight keys are a contract). */
export interface NetworkReport {
  actors: Record<string, ActorMetrics>;
  /** Number of connected components (an isolated actor is one). */
  components: number;
  articulationPoints: string[];
  bridges: { from: string; to: string }[];
  modularity: number;
  communities: Community[];
  density: number;
  averagePathLength: number;
  /** nx.average_shortest_path_length of the largest component (0 when it has one actor or none). */
  largestComponentPathLength: number;
  /** Distinct ties between two different actors. */
  ties: number;
  betweennessMethod: BetweennessMethod;
  silos: Silo[];
  brokers: Broker[];
  /** Actors with no tie at all. */
  isolates: string[];
  /** Relationships that add no tie: to itself, a repeat of a tie already counted, naming an unknown actor. */
  ignored: { selfTies: number; duplicates: number; unknownActors: number };
  definitions: Record<string, string>;
}

/** Exact betweenness up to this many actors by default; above it, source-sampled (Brandes–Pich). */
export const DEFAULT_EXACT_BETWEENNESS_LIMIT = 10_000;

export interface NetworkOptions {
  /** Seed of Louvain's random node order and of betweenness sampling (default 1). */
  seed?: number;
  /**
   * Exact betweenness up to this many actors, sampled above (default 10,000: exact
   * betweenness is O(n·m); at 20,000 actors it alone takes about 20 s, sampled about 1 s).
   */
  exactBetweennessLimit?: number;
  /** Source actors sampled when betweenness is sampled (default 1,000). */
  betweennessSamples?: number;
  /** A community is a silo when fewer than this share of its ties leave it (default 0.1). */
  siloThreshold?: number;
  /** How many brokers to list (default 20). */
  brokerLimit?: number;
  /** Reuse a graph already built for the same document. */
  graph?: EcosystemGraph;
}

/** The definitions behind every number in the report (NetworkX defaults unless said). */
export const NETWORK_DEFINITIONS: Record<string, string> = {
  ties: 'Relationships are undirected ties between two actors; a relationship to itself is ignored and several relationships between the same two actors count as one tie.',
  degree: 'Number of distinct actors an actor is tied to.',
  degreeCentrality: 'degree / (n - 1), n = number of actors (nx.degree_centrality).',
  betweenness:
    'Share of shortest paths between other pairs of actors that pass through the actor, normalized by (n-1)(n-2)/2 (nx.betweenness_centrality).',
  closeness:
    'Reach over distance: (r-1)/(sum of steps to the r-1 actors it reaches) × (r-1)/(n-1) (nx.closeness_centrality, Wasserman–Faust).',
  pagerank: 'PageRank with damping 0.85 on the undirected ties (nx.pagerank).',
  clustering:
    "Share of pairs of the actor's contacts that are tied to each other (nx.clustering); 0 below two contacts.",
  constraint:
    "Burt's constraint: how much the actor's contacts are tied to each other (high = few structural holes) (nx.constraint); 0 for an actor with no ties.",
  community:
    'Louvain communities (nx.community.louvain_communities, seeded), numbered by size, largest first.',
  modularity:
    'Newman–Girvan modularity of the communities: share of ties inside communities minus the share expected at random (nx.community.modularity).',
  components:
    'Parts of the ecosystem with no path between them; an isolated actor is a component of its own.',
  articulationPoints: 'Actors whose exit would split their part of the network in two or more.',
  bridges: 'Ties whose loss would split their part of the network in two.',
  density: 'Ties / possible ties = 2m / (n(n-1)); 0 with fewer than two actors.',
  largestComponentPathLength:
    'Mean number of steps between two actors of the largest component (nx.average_shortest_path_length on it).',
  averagePathLength:
    'Mean number of steps over all ordered pairs of actors joined by a path (pairs in different components are left out); 0 when no pair is joined.',
  silo: 'A community of at least two actors, in an ecosystem with at least two communities, whose ties leaving it are fewer than the silo threshold share of all its ties.',
  broker:
    'An actor tied into at least one community other than its own; ranked by the number of communities it touches, then betweenness.',
};

/** Mean shortest-path length over ordered pairs of nodes joined by a path; 0 when there is none. */
export function averagePathLength(g: Graph, sums: DistanceSums = distanceSums(g)): number {
  return averagePathLengths(g, sums).pairWeighted;
}

/** Louvain labels renumbered so that community 0 is the largest (ties: the one holding the earliest actor). */
function orderedCommunities(labels: Int32Array): { community: Int32Array; count: number } {
  const n = labels.length;
  const size = new Map<number, number>();
  const first = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const c = labels[v]!;
    size.set(c, (size.get(c) ?? 0) + 1);
    if (!first.has(c)) first.set(c, v);
  }
  const order = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || first.get(a)! - first.get(b)!);
  const rank = new Map(order.map((c, i) => [c, i]));
  return { community: Int32Array.from(labels, (c) => rank.get(c)!), count: order.length };
}

/** Finite or 0: the graph metrics never give NaN, this keeps the report's promise if one ever did. */
const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : 0);

/** Network metrics of a document (see NetworkReport); defined for any document, empty included. */
export function analyzeNetwork(doc: EcosystemDocument, options: NetworkOptions = {}): NetworkReport {
  const {
    seed = 1,
    exactBetweennessLimit = DEFAULT_EXACT_BETWEENNESS_LIMIT,
    betweennessSamples = 1_000,
    siloThreshold = 0.1,
    brokerLimit = 20,
  } = options;
  const eg = options.graph ?? ecosystemGraph(doc);
  const { graph: g, ids } = eg;
  const n = g.n;

  const bc = betweenness(g, { threshold: exactBetweennessLimit, samples: betweennessSamples, seed });
  const sums = distanceSums(g);
  const components = connectedComponents(g);
  const paths = averagePathLengths(g, sums, components);
  let largest = -1;
  for (let c = 0; c < components.count; c++)
    if (largest < 0 || components.sizes[c]! > components.sizes[largest]!) largest = c;
  const dc = degreeCentrality(g);
  const cl = closenessCentrality(g, sums);
  const pr = n > 0 ? pagerank(g).values : new Float64Array(0);
  const cc = clustering(g);
  const cs = constraint(g);
  const { community, count } = orderedCommunities(louvain(g, { seed }).communities);

  const actors: Record<string, ActorMetrics> = {};
  for (let v = 0; v < n; v++) {
    actors[ids[v]!] = {
      degree: g.offsets[v + 1]! - g.offsets[v]!,
      degreeCentrality: finite(dc[v]),
      betweenness: finite(bc.values[v]),
      closeness: finite(cl[v]),
      pagerank: finite(pr[v]),
      clustering: finite(cc[v]),
      constraint: finite(cs[v]),
      community: community[v]!,
    };
  }

  const br = bridges(g);
  const { communities, silos, brokers } = findSilosAndBrokers(eg, community, count, bc.values, {
    siloThreshold,
    brokerLimit,
  });
  const samples = bc.exact ? n : (bc.samples ?? 0);
  const errorBound = bc.exact ? 0 : finite(bc.errorBound);
  const betweennessMethod: BetweennessMethod = {
    method: bc.exact ? 'exact' : 'sampled',
    samples,
    errorBound,
    explanation: bc.exact
      ? `Exact (Brandes 2001) over all ${n} actors.`
      : `Sampled: shortest paths from ${samples} of ${n} actors chosen at random (seed ${seed}, Brandes–Pich 2007), scaled to estimate the exact value; with 95% confidence every value is within ±${errorBound.toPrecision(3)} of it (Hoeffding–Serfling bound). Exact up to ${exactBetweennessLimit} actors.`,
  };
  const isolates: string[] = [];
  for (let v = 0; v < n; v++) if (g.offsets[v + 1] === g.offsets[v]) isolates.push(ids[v]!);

  return {
    actors,
    components: components.count,
    articulationPoints: Array.from(articulationPoints(g), (v) => ids[v]!),
    bridges: Array.from(br.from, (a, i) => ({ from: ids[a]!, to: ids[br.to[i]!]! })),
    modularity: finite(modularity(g, community)),
    communities,
    density: density(g),
    averagePathLength: paths.pairWeighted,
    largestComponentPathLength: largest >= 0 ? finite(paths.perComponent[largest]) : 0,
    ties: g.m,
    betweennessMethod,
    silos,
    brokers,
    isolates,
    ignored: eg.ignored,
    definitions: { ...NETWORK_DEFINITIONS },
  };
}
