/**
 * Network metrics as people read them: a label, a plain definition, a value
 * formatted for its kind, the actor's rank among all actors, and one sentence
 * that says what the number means for this actor. Also the map's "size by"
 * scale and the community palette. Pure, so pages and tests agree.
 */
import type { ActorMetrics } from '@valueweb/core';

/** The metrics a person can rank, size the map by, or sort a table by. */
export type MetricKey =
  | 'degree'
  | 'degreeCentrality'
  | 'betweenness'
  | 'closeness'
  | 'pagerank'
  | 'clustering'
  | 'constraint'
  | 'effectiveSize';

export interface MetricInfo {
  key: MetricKey;
  label: string;
  /** One plain sentence for a tooltip or a column header. */
  meaning: string;
  /** What a high value says. */
  high: string;
  /** Whether a low value is the notable end (constraint: low = spans structural holes). */
  lowIsNotable?: boolean;
}

export const METRICS: readonly MetricInfo[] = [
  {
    key: 'degree',
    label: 'Degree',
    meaning: 'Number of distinct actors it has a relationship with.',
    high: 'many direct partners',
  },
  {
    key: 'degreeCentrality',
    label: 'Degree centrality',
    meaning: 'Share of all other actors it is tied to directly (degree ÷ (actors − 1)).',
    high: 'tied to a large part of the ecosystem',
  },
  {
    key: 'betweenness',
    label: 'Betweenness',
    meaning:
      'Share of shortest paths between other actors that pass through it: how much others rely on it to reach each other.',
    high: 'a broker',
  },
  {
    key: 'closeness',
    label: 'Closeness',
    meaning:
      'How few steps it needs to reach everyone else (1 = tied to all directly); lower when part of the ecosystem is out of reach.',
    high: 'close to everyone',
  },
  {
    key: 'pagerank',
    label: 'PageRank',
    meaning:
      'Its share of attention in the network: ties from well-connected actors count more. All actors add up to 1.',
    high: 'influential',
  },
  {
    key: 'clustering',
    label: 'Clustering',
    meaning: 'Share of pairs of its contacts that are tied to each other: how tight-knit its circle is.',
    high: 'a tight-knit circle',
  },
  {
    key: 'constraint',
    label: 'Constraint',
    meaning:
      "Burt's constraint: how much its contacts are tied to each other. Low means it bridges structural holes; high means a closed circle.",
    high: 'a closed circle',
    lowIsNotable: true,
  },
  {
    key: 'effectiveSize',
    label: 'Effective size',
    meaning: 'How many of its contacts are non-redundant, that is not already tied to its other contacts.',
    high: 'a wide, non-overlapping network',
  },
];

export const METRIC_BY_KEY: Record<MetricKey, MetricInfo> = Object.fromEntries(
  METRICS.map((m) => [m.key, m]),
) as Record<MetricKey, MetricInfo>;

/** The technical definition (NetworkX) of the derived metric, which the server does not send. */
export const EFFECTIVE_SIZE_DEFINITION =
  "Burt's effective size, unweighted (nx.effective_size): degree − 2·t / degree, t = ties among its contacts; equal to degree − clustering × (degree − 1). 0 for an actor with no ties.";

/**
 * Burt's effective size from the metrics the server sends: with t ties among
 * the d contacts, clustering = 2t / (d(d−1)) and effective size = d − 2t/d,
 * so effective size = d − clustering·(d−1). 0 for an isolate.
 */
export function effectiveSize(m: Pick<ActorMetrics, 'degree' | 'clustering'>): number {
  if (m.degree <= 0) return 0;
  return m.degree - m.clustering * (m.degree - 1);
}

/** One metric of an actor, derived ones included. */
export function metricOf(m: ActorMetrics, key: MetricKey): number {
  return key === 'effectiveSize' ? effectiveSize(m) : m[key];
}

/** A metric value for reading: integers as integers, small shares with three significant digits. */
export function formatMetric(key: MetricKey | 'community', value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (key === 'degree' || key === 'community') return Math.round(value).toLocaleString('en');
  if (value === 0) return '0';
  if (key === 'effectiveSize') return value.toLocaleString('en', { maximumFractionDigits: 1 });
  if (Math.abs(value) >= 0.01) return value.toLocaleString('en', { maximumFractionDigits: 3 });
  return value.toLocaleString('en', { maximumSignificantDigits: 2 });
}

/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/**
 * Competition ranks (1 = highest; equal values share a rank) of every actor
 * for one metric; `ascending` ranks the lowest first.
 */
export function rankActors(
  actors: Record<string, ActorMetrics>,
  key: MetricKey,
  ascending = false,
): Map<string, number> {
  const rows = Object.entries(actors).map(([id, m]) => [id, metricOf(m, key)] as const);
  rows.sort((a, b) => (ascending ? a[1] - b[1] : b[1] - a[1]));
  const ranks = new Map<string, number>();
  let previous = Number.NaN;
  let rank = 0;
  rows.forEach(([id, v], i) => {
    if (v !== previous) {
      rank = i + 1;
      previous = v;
    }
    ranks.set(id, rank);
  });
  return ranks;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export interface ExplainContext {
  /** The actor's rank for this metric (1 = highest; for constraint, 1 = lowest). */
  rank?: number;
  /** Actors in the ecosystem. */
  count: number;
  /** Whether every actor can reach every other (closeness then reads as steps). */
  connected?: boolean;
}

/** "(3rd of 49)", or "" without a rank. */
function rankNote(key: MetricKey, ctx: ExplainContext): string {
  if (!ctx.rank || ctx.count < 2) return '';
  const lowest = METRIC_BY_KEY[key].lowIsNotable;
  return ` (${ctx.rank === 1 ? (lowest ? 'lowest' : 'highest') : `${ordinal(ctx.rank)} ${lowest ? 'lowest' : 'highest'}`} of ${ctx.count})`;
}

/** In the top tenth (at least the top 3) of the ranking. */
const isTop = (ctx: ExplainContext) =>
  ctx.rank !== undefined && ctx.rank <= Math.max(3, Math.ceil(ctx.count / 10));

/**
 * One plain sentence saying what a metric value means for an actor, e.g.
 * "Betweenness 0.12 — 12% of the shortest paths between other actors pass
 * through Nordgen: a broker (highest of 49)."
 */
export function explainMetric(
  key: MetricKey,
  value: number,
  name: string,
  ctx: ExplainContext,
  degree?: number,
): string {
  const head = `${METRIC_BY_KEY[key].label} ${formatMetric(key, value)} — `;
  const rank = rankNote(key, ctx);
  switch (key) {
    case 'degree':
      return value === 0
        ? `${head}${name} has no relationship with any other actor: it is isolated.`
        : `${head}${name} is tied to ${value} other ${value === 1 ? 'actor' : 'actors'}${rank}.`;
    case 'degreeCentrality':
      return `${head}${name} is tied directly to ${pct(value)} of the other actors${rank}.`;
    case 'betweenness':
      if (value === 0)
        return `${head}no shortest path between two other actors passes through ${name}: nobody relies on it to reach anyone.`;
      return `${head}${value < 0.01 ? 'under 1%' : pct(value)} of the shortest paths between other actors pass through ${name}${isTop(ctx) ? ': a broker others rely on to reach each other' : ''}${rank}.`;
    case 'closeness':
      if (value === 0) return `${head}${name} reaches no other actor.`;
      return ctx.connected
        ? `${head}${name} reaches any other actor in ${(1 / value).toLocaleString('en', { maximumFractionDigits: 1 })} steps on average${rank}.`
        : `${head}the higher, the fewer steps ${name} needs to reach everyone else; actors it cannot reach at all lower it${rank}.`;
    case 'pagerank': {
      const average = ctx.count > 0 ? 1 / ctx.count : 0;
      const ratio = average > 0 ? value / average : 0;
      const times =
        ratio >= 1.15
          ? `${ratio.toLocaleString('en', { maximumFractionDigits: 1 })}× the average actor's`
          : ratio <= 0.85
            ? `below the average actor's`
            : `about the average actor's`;
      return `${head}${name}'s share of attention in the network, ${times}${isTop(ctx) ? ': influential' : ''}${rank}.`;
    }
    case 'clustering':
      if (degree !== undefined && degree < 2)
        return `${head}${name} has fewer than two contacts, so there is no circle to measure.`;
      return `${head}${pct(value)} of the pairs of ${name}'s contacts are tied to each other: ${
        value >= 0.6
          ? 'a tight-knit circle'
          : value <= 0.2
            ? 'its contacts mostly do not know each other'
            : 'a partly connected circle'
      }.`;
    case 'constraint':
      if (degree === 0) return `${head}${name} has no ties, so nothing constrains it.`;
      return `${head}${
        value <= 0.3
          ? `${name}'s contacts are seldom tied to each other: it bridges structural holes and can broker between them`
          : value >= 0.6
            ? `${name}'s contacts are tied to each other and to few others: a closed circle with little brokerage`
            : `${name}'s contacts are partly tied to each other`
      }${rank}.`;
    case 'effectiveSize':
      if (degree === 0) return `${head}${name} has no contacts.`;
      return `${head}${degree !== undefined ? `of its ${degree} ${degree === 1 ? 'contact' : 'contacts'}, about ` : 'about '}${formatMetric(key, value)} are non-redundant (not tied to its other contacts)${rank}.`;
  }
}

/**
 * Node radius per actor for "size by": square root of the value's share of
 * the largest, so area grows with the value, between `min` and `max`. When
 * every value is equal (or zero) every actor gets the middle size.
 */
export function sizeByMetric(
  values: ReadonlyMap<string, number>,
  min: number,
  max: number,
): Map<string, number> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values.values()) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const out = new Map<string, number>();
  const flat = !(hi > lo);
  for (const [id, v] of values) {
    if (flat || !Number.isFinite(v)) out.set(id, flat ? (min + max) / 2 : min);
    else out.set(id, min + (max - min) * Math.sqrt((v - lo) / (hi - lo)));
  }
  return out;
}

/** Distinct colours for communities on a light background (the first ones are the most distinct). */
export const COMMUNITY_COLORS: readonly string[] = [
  '#4263eb',
  '#e8590c',
  '#2f9e44',
  '#c2255c',
  '#7048e8',
  '#1098ad',
  '#f59f00',
  '#5c940d',
  '#9c36b5',
  '#d6336c',
  '#0b7285',
  '#862e9c',
];

/** Communities beyond the palette share this grey. */
export const OTHER_COMMUNITY_COLOR = '#adb5bd';

export const communityColor = (community: number): string =>
  community >= 0 && community < COMMUNITY_COLORS.length
    ? COMMUNITY_COLORS[community]!
    : OTHER_COMMUNITY_COLOR;

/** Communities are numbered from 0 by the analysis (largest first); people count from 1. */
export const communityLabel = (community: number): string => `Community ${community + 1}`;

/** A definition for a tooltip: what the metric means, then how it is computed. */
export function metricHelp(key: MetricKey, definitions: Record<string, string>): string {
  // Degree's technical definition says the same as its meaning.
  if (key === 'degree') return METRIC_BY_KEY.degree.meaning;
  const technical = key === 'effectiveSize' ? EFFECTIVE_SIZE_DEFINITION : (definitions[key] ?? '');
  return `${METRIC_BY_KEY[key].meaning} ${technical}`.trim();
}

/** Modularity in words (after Newman: above about 0.3 a community structure is clear). */
export function modularityWords(q: number, communities: number): string {
  if (communities < 2) return 'one community, so no division to measure';
  if (q >= 0.5) return 'communities are sharply separated';
  if (q >= 0.3) return 'communities are clearly visible';
  if (q >= 0.1) return 'communities are weakly separated';
  return 'hardly any community structure: the ecosystem is well mixed';
}
