/**
 * Diff of two ecosystem documents (two snapshots of one ecosystem): actors and
 * relationships added, removed and changed, the actors whose metrics moved most, and
 * communities that merged or split.
 */
import type { EcosystemDocument, Relationship } from '../../model/document.ts';
import { analyzeNetwork, type NetworkOptions, type NetworkReport } from './network-report.ts';

/** One changed field. For lists of labels, `added` and `removed` say which items changed (order is ignored). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  added?: string[];
  removed?: string[];
}

export interface ActorChange {
  id: string;
  changes: FieldChange[];
}

/** A relationship is identified by its two actors (in either order) and its kind. */
export interface RelationshipRef {
  from: string;
  to: string;
  kind: string;
}

export interface RelationshipChange extends RelationshipRef {
  changes: FieldChange[];
}

/** How much one actor's metric moved between the snapshots. */
export interface MetricMover {
  actor: string;
  before: number;
  after: number;
  delta: number;
}

export interface CommunityMerge {
  /** Community id in the later snapshot. */
  into: number;
  /** Community ids in the earlier snapshot. */
  from: number[];
  /** Jaccard overlap of each `from` community with `into` (actors present in both snapshots only). */
  jaccard: number[];
  reason: string;
}

export interface CommunitySplit {
  /** Community id in the earlier snapshot. */
  from: number;
  /** Community ids in the later snapshot. */
  into: number[];
  jaccard: number[];
  reason: string;
}

export interface DocumentDiff {
  actors: { added: string[]; removed: string[]; changed: ActorChange[] };
  relationships: { added: RelationshipRef[]; removed: RelationshipRef[]; changed: RelationshipChange[] };
  /** Top movers among actors present in both snapshots, largest |delta| first. */
  movers: { degreeCentrality: MetricMover[]; betweenness: MetricMover[]; pagerank: MetricMover[] };
  communities: { before: number; after: number; merged: CommunityMerge[]; split: CommunitySplit[] };
  explanation: string;
}

export interface DiffOptions extends Omit<NetworkOptions, 'graph'> {
  /** Movers listed per metric (default 10). */
  top?: number;
  /** Network reports already computed for the two documents (same options). */
  networks?: { before: NetworkReport; after: NetworkReport };
}

const plural = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;

/** JSON with object keys sorted, so equal values compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

const isLabelList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Field-level changes between two objects (keys in `skip` ignored). */
function fieldChanges(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  skip: readonly string[],
): FieldChange[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !skip.includes(k));
  const out: FieldChange[] = [];
  for (const field of keys) {
    const before = a[field];
    const after = b[field];
    if (
      (isLabelList(before) || before === undefined) &&
      (isLabelList(after) || after === undefined) &&
      (before ?? after) !== undefined
    ) {
      const x = new Set(before ?? []);
      const y = new Set(after ?? []);
      const added = [...y].filter((s) => !x.has(s));
      const removed = [...x].filter((s) => !y.has(s));
      if (added.length || removed.length) out.push({ field, before, after, added, removed });
    } else if (canonical(before) !== canonical(after)) out.push({ field, before, after });
  }
  return out;
}

const relKey = (r: Relationship) =>
  (r.from < r.to ? `${r.from}\u0000${r.to}` : `${r.to}\u0000${r.from}`) + `\u0000${r.kind}`;
const ref = (r: Relationship): RelationshipRef => ({ from: r.from, to: r.to, kind: r.kind });

function diffRelationships(
  a: readonly Relationship[],
  b: readonly Relationship[],
): DocumentDiff['relationships'] {
  const group = (rs: readonly Relationship[]) => {
    const m = new Map<string, Relationship[]>();
    for (const r of rs) {
      const k = relKey(r);
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const ga = group(a);
  const gb = group(b);
  const added: RelationshipRef[] = [];
  const removed: RelationshipRef[] = [];
  const changed: RelationshipChange[] = [];
  for (const [k, before] of ga) {
    const after = gb.get(k) ?? [];
    // Repeats of one pair and kind are matched in document order; the surplus is added or removed.
    before.forEach((r, i) => {
      const s = after[i];
      if (!s) return removed.push(ref(r));
      const changes = fieldChanges(r, s, ['from', 'to', 'kind']);
      if ((r.directed || s.directed) && r.from !== s.from)
        changes.unshift({
          field: 'direction',
          before: `${r.from} -> ${r.to}`,
          after: `${s.from} -> ${s.to}`,
        });
      if (changes.length) changed.push({ ...ref(s), changes });
    });
    for (const s of after.slice(before.length)) added.push(ref(s));
  }
  for (const [k, after] of gb) if (!ga.has(k)) after.forEach((s) => added.push(ref(s)));
  return { added, removed, changed };
}

function movers(
  before: NetworkReport,
  after: NetworkReport,
  metric: 'degreeCentrality' | 'betweenness' | 'pagerank',
  top: number,
): MetricMover[] {
  const out: MetricMover[] = [];
  for (const [actor, m] of Object.entries(after.actors)) {
    const b = before.actors[actor];
    if (!b) continue;
    const delta = m[metric] - b[metric];
    if (Math.abs(delta) > 1e-12) out.push({ actor, before: b[metric], after: m[metric], delta });
  }
  return out.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta)).slice(0, Math.max(0, top));
}

/**
 * Merges and splits, matching communities by Jaccard overlap of the actors present in
 * both snapshots. Each earlier community's best match (highest Jaccard, then lowest id)
 * is its successor, each later community's best match its predecessor. A later community
 * that is the successor of two or more earlier ones, each bringing at least two actors,
 * is a merge; an earlier community that is the predecessor of two or more later ones,
 * each taking at least two of its actors, is a split.
 */
function communityChanges(
  before: NetworkReport,
  after: NetworkReport,
): Pick<DocumentDiff['communities'], 'merged' | 'split'> {
  const overlap = new Map<string, number>();
  const sizeA = new Map<number, number>();
  const sizeB = new Map<number, number>();
  for (const [actor, m] of Object.entries(after.actors)) {
    const b = before.actors[actor];
    if (!b) continue;
    const k = `${b.community} ${m.community}`;
    overlap.set(k, (overlap.get(k) ?? 0) + 1);
    sizeA.set(b.community, (sizeA.get(b.community) ?? 0) + 1);
    sizeB.set(m.community, (sizeB.get(m.community) ?? 0) + 1);
  }
  const pairs = [...overlap].map(([k, o]) => {
    const [x, y] = k.split(' ').map(Number) as [number, number];
    return { a: x, b: y, o, j: o / (sizeA.get(x)! + sizeB.get(y)! - o) };
  });
  const best = (key: 'a' | 'b') => {
    const m = new Map<number, (typeof pairs)[number]>();
    for (const p of pairs) {
      const cur = m.get(p[key]);
      const other = key === 'a' ? 'b' : 'a';
      if (!cur || p.j > cur.j || (p.j === cur.j && p[other] < cur[other])) m.set(p[key], p);
    }
    return m;
  };
  const successor = best('a');
  const predecessor = best('b');
  const merged: CommunityMerge[] = [];
  const split: CommunitySplit[] = [];
  const round = (x: number) => Math.round(x * 1000) / 1000;
  for (const c of [...sizeB.keys()].sort((x, y) => x - y)) {
    const parts = [...successor.values()].filter((p) => p.b === c && p.o >= 2).sort((x, y) => x.a - y.a);
    if (parts.length < 2) continue;
    merged.push({
      into: c,
      from: parts.map((p) => p.a),
      jaccard: parts.map((p) => round(p.j)),
      reason: `Earlier communities ${parts.map((p) => `${p.a} (${p.o} actors)`).join(', ')} now belong mostly to community ${c}.`,
    });
  }
  for (const c of [...sizeA.keys()].sort((x, y) => x - y)) {
    const parts = [...predecessor.values()].filter((p) => p.a === c && p.o >= 2).sort((x, y) => x.b - y.b);
    if (parts.length < 2) continue;
    split.push({
      from: c,
      into: parts.map((p) => p.b),
      jaccard: parts.map((p) => round(p.j)),
      reason: `Earlier community ${c} is now spread over communities ${parts.map((p) => `${p.b} (${p.o} of its actors)`).join(', ')}.`,
    });
  }
  return { merged, split };
}

/** Differences between an earlier document `a` and a later document `b` (see DocumentDiff). */
export function diffDocuments(
  a: EcosystemDocument,
  b: EcosystemDocument,
  options: DiffOptions = {},
): DocumentDiff {
  const { top = 10, networks, ...networkOptions } = options;
  const actorsA = new Map(a.actors.map((x) => [x.id, x]));
  const actorsB = new Map(b.actors.map((x) => [x.id, x]));
  const added = [...actorsB.keys()].filter((id) => !actorsA.has(id));
  const removed = [...actorsA.keys()].filter((id) => !actorsB.has(id));
  const changed: ActorChange[] = [];
  for (const [id, after] of actorsB) {
    const before = actorsA.get(id);
    if (!before) continue;
    const changes = fieldChanges(before, after, ['id']);
    if (changes.length) changed.push({ id, changes });
  }
  const relationships = diffRelationships(a.relationships, b.relationships);
  const before = networks?.before ?? analyzeNetwork(a, networkOptions);
  const after = networks?.after ?? analyzeNetwork(b, networkOptions);
  const moved = {
    degreeCentrality: movers(before, after, 'degreeCentrality', top),
    betweenness: movers(before, after, 'betweenness', top),
    pagerank: movers(before, after, 'pagerank', top),
  };
  const communities = {
    before: before.communities.length,
    after: after.communities.length,
    ...communityChanges(before, after),
  };
  const biggest = moved.betweenness[0];
  const explanation =
    `Actors: ${added.length} added, ${removed.length} removed, ${changed.length} changed. ` +
    `Relationships (identified by their two actors and kind): ${relationships.added.length} added, ${relationships.removed.length} removed, ${relationships.changed.length} changed. ` +
    `Communities: ${before.communities.length} before, ${after.communities.length} after; ${plural(communities.merged.length, 'merge')}, ${plural(communities.split.length, 'split')}.` +
    (biggest
      ? ` Biggest betweenness move: ${biggest.actor} (${biggest.before.toPrecision(3)} → ${biggest.after.toPrecision(3)}).`
      : '');
  return { actors: { added, removed, changed }, relationships, movers: moved, communities, explanation };
}
