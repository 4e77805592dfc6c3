/**
 * Which actors and relationships the ecosystem map shows, given the filters,
 * and which actors match a search. Pure, so the map and the tests agree.
 */
import type { Graph, GraphNode } from '../api/types.ts';

export interface MapFilters {
  /** Actor kinds to show; empty shows every kind. */
  actorKinds: string[];
  /** Relationship kinds to show; empty shows every kind. */
  relationshipKinds: string[];
  /** Show only actors with this capability (and relationships between them). */
  capability: string | null;
  /** Show only relationships carrying this flow. */
  flow: string | null;
}

export const NO_FILTERS: MapFilters = { actorKinds: [], relationshipKinds: [], capability: null, flow: null };

export interface Visible {
  nodes: Set<string>;
  edges: Set<string>;
}

/** True when no filter is set. */
export const isUnfiltered = (f: MapFilters): boolean =>
  f.actorKinds.length === 0 && f.relationshipKinds.length === 0 && !f.capability && !f.flow;

/**
 * The actors and relationships that pass the filters. An actor passes its kind
 * and capability filters; a relationship passes its kind and flow filters and
 * needs both ends visible.
 */
export function visibleItems(graph: Graph, f: MapFilters): Visible {
  const kinds = new Set(f.actorKinds);
  const relKinds = new Set(f.relationshipKinds);
  const nodes = new Set<string>();
  for (const n of graph.nodes) {
    if (kinds.size > 0 && !kinds.has(n.kind)) continue;
    if (f.capability && !(n.capabilities ?? []).includes(f.capability)) continue;
    nodes.add(n.id);
  }
  const edges = new Set<string>();
  for (const e of graph.edges) {
    if (!nodes.has(e.from) || !nodes.has(e.to)) continue;
    if (relKinds.size > 0 && !relKinds.has(e.kind)) continue;
    if (f.flow && !(e.flows ?? []).includes(f.flow)) continue;
    edges.add(String(e.id));
  }
  return { nodes, edges };
}

/** Every capability and flow in the graph, sorted, for the filter menus. */
export function filterOptions(graph: Graph): { capabilities: string[]; flows: string[] } {
  const caps = new Set<string>();
  const flows = new Set<string>();
  for (const n of graph.nodes) for (const c of n.capabilities ?? []) caps.add(c);
  for (const e of graph.edges) for (const fl of e.flows ?? []) flows.add(fl);
  const sort = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return { capabilities: sort(caps), flows: sort(flows) };
}

/**
 * Actors whose name or id matches `query` (case-insensitive): names that start
 * with it first, then names that contain it, then ids; at most `limit`.
 */
export function searchActors(nodes: readonly GraphNode[], query: string, limit = 20): GraphNode[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const starts: GraphNode[] = [];
  const contains: GraphNode[] = [];
  const byId: GraphNode[] = [];
  for (const n of nodes) {
    const name = n.name.toLowerCase();
    if (name.startsWith(q)) starts.push(n);
    else if (name.includes(q)) contains.push(n);
    else if (n.id.toLowerCase().includes(q)) byId.push(n);
  }
  const byName = (a: GraphNode, b: GraphNode) => a.name.localeCompare(b.name);
  return [...starts.sort(byName), ...contains.sort(byName), ...byId.sort(byName)].slice(0, limit);
}

/** The actor's neighbours (either direction) in the graph. */
export function neighbours(graph: Graph, id: string): Set<string> {
  const out = new Set<string>();
  for (const e of graph.edges) {
    if (e.from === id) out.add(e.to);
    else if (e.to === id) out.add(e.from);
  }
  return out;
}
