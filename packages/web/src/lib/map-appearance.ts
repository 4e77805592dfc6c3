/**
 * How the ecosystem map colours, sizes and highlights actors: by kind or by
 * community, by any network metric, with single points of failure and silo
 * communities picked out. Read from and written to the URL, so a view can be
 * shared. Pure, so the map and the tests agree.
 */
import type { ActorMetrics } from '@valueweb/core';
import type { GraphNode } from '../api/types.ts';
import { communityColor, metricOf, METRIC_BY_KEY, type MetricKey } from './map-metrics.ts';

export type ColorBy = 'kind' | 'community';

export interface AppearanceOptions {
  colorBy: ColorBy;
  sizeBy: MetricKey;
  /** Highlight the articulation points (actors whose exit splits the network). */
  spof: boolean;
  /** Highlight the members of silo communities. */
  silos: boolean;
}

export const DEFAULT_APPEARANCE: AppearanceOptions = {
  colorBy: 'kind',
  sizeBy: 'degree',
  spof: false,
  silos: false,
};

/** The metrics the map can size actors by, in menu order. */
export const SIZE_BY: readonly MetricKey[] = [
  'degree',
  'betweenness',
  'closeness',
  'pagerank',
  'clustering',
  'constraint',
  'effectiveSize',
];

/** Reads `color`, `size`, `spof` and `silos` from the URL (unknown values fall back to the defaults). */
export function parseAppearance(params: URLSearchParams): AppearanceOptions {
  const color = params.get('color');
  const size = params.get('size');
  return {
    colorBy: color === 'community' ? 'community' : 'kind',
    sizeBy: SIZE_BY.includes(size as MetricKey) ? (size as MetricKey) : 'degree',
    spof: params.get('spof') === '1',
    silos: params.get('silos') === '1',
  };
}

/** Writes the options into URL parameters, leaving defaults out (and every other parameter as it was). */
export function writeAppearance(params: URLSearchParams, a: AppearanceOptions): URLSearchParams {
  const n = new URLSearchParams(params);
  const set = (k: string, v: string | null) => (v === null ? n.delete(k) : n.set(k, v));
  set('color', a.colorBy === 'kind' ? null : a.colorBy);
  set('size', a.sizeBy === 'degree' ? null : a.sizeBy);
  set('spof', a.spof ? '1' : null);
  set('silos', a.silos ? '1' : null);
  return n;
}

/** What the renderer applies on top of its kind colours and degree sizes. */
export interface MapAppearance {
  colorBy: ColorBy;
  sizeBy: MetricKey;
  /** Colour per actor; null keeps the kind colours. */
  colors: Map<string, string> | null;
  /** The metric value per actor to size by; null keeps the sizes by degree. */
  sizeValues: Map<string, number> | null;
  /** Actors to pick out (the rest fade); null highlights nothing. */
  highlight: Set<string> | null;
}

/** What the map knows about the network: from the analysis, or from the graph when the analysis is not there. */
export interface NetworkFacts {
  actors: Record<string, ActorMetrics>;
  articulationPoints: readonly string[];
  /** Members of each silo community. */
  siloMembers: readonly string[];
}

const METRIC_KEYS = [
  'degree',
  'degreeCentrality',
  'betweenness',
  'closeness',
  'pagerank',
  'clustering',
  'constraint',
  'community',
] as const;

/**
 * Network facts from the graph's nodes (the graph endpoint carries the same
 * per-actor metrics as the analysis): actors missing a metric are left out.
 */
export function factsFromGraph(nodes: readonly GraphNode[]): NetworkFacts {
  const actors: Record<string, ActorMetrics> = {};
  const articulationPoints: string[] = [];
  const siloMembers: string[] = [];
  for (const n of nodes) {
    if (METRIC_KEYS.every((k) => typeof n[k] === 'number' && Number.isFinite(n[k])))
      actors[n.id] = Object.fromEntries(
        METRIC_KEYS.map((k) => [k, n[k] as number]),
      ) as unknown as ActorMetrics;
    if (n.articulationPoint === true) articulationPoints.push(n.id);
    if (n.inSilo === true) siloMembers.push(n.id);
  }
  return { actors, articulationPoints, siloMembers };
}

/** Colours, size values and highlights for the options. */
export function computeAppearance(facts: NetworkFacts, a: AppearanceOptions): MapAppearance {
  let colors: Map<string, string> | null = null;
  if (a.colorBy === 'community') {
    colors = new Map();
    for (const [id, m] of Object.entries(facts.actors)) colors.set(id, communityColor(m.community));
  }
  let sizeValues: Map<string, number> | null = null;
  if (a.sizeBy !== 'degree') {
    sizeValues = new Map();
    const invert = METRIC_BY_KEY[a.sizeBy].lowIsNotable;
    for (const [id, m] of Object.entries(facts.actors)) {
      const v = metricOf(m, a.sizeBy);
      // Constraint: a low value is the notable one (brokerage), so low constraint draws large;
      // an isolate's constraint is 0 by convention and it brokers nothing, so it draws smallest.
      sizeValues.set(id, !invert ? v : m.degree === 0 ? 0 : 1 - Math.min(1, Math.max(0, v)));
    }
  }
  let highlight: Set<string> | null = null;
  if (a.spof || a.silos) {
    highlight = new Set();
    if (a.spof) for (const id of facts.articulationPoints) highlight.add(id);
    if (a.silos) for (const id of facts.siloMembers) highlight.add(id);
  }
  return { colorBy: a.colorBy, sizeBy: a.sizeBy, colors, sizeValues, highlight };
}

/** One line under the legend saying what a circle's size means. */
export function sizeLegend(sizeBy: MetricKey): string {
  if (sizeBy === 'degree') return 'A larger circle has more relationships.';
  if (sizeBy === 'constraint')
    return 'A larger circle has lower constraint: it bridges more structural holes.';
  return `A larger circle has a higher ${METRIC_BY_KEY[sizeBy].label.toLowerCase()}.`;
}
