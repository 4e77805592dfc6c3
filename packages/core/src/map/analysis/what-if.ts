/**
 * What-if exit: remove one or several actors and report what is lost. `criticality`
 * ranks every actor by what linear-time structure gives (capabilities only it provides,
 * actors its exit would cut off); `whatIfExit` answers for a chosen set and adds the
 * average path length before and after (one breadth-first search per actor).
 */
import { connectedComponents, cutOffCounts } from '../../graph/index.ts';
import type { EcosystemDocument } from '../../model/document.ts';
import { ValidationError, type Problem } from '../../model/problem.ts';
import { buildCatalog, type Catalog } from './catalog.ts';
import { compareText, type GraphReuse } from './coverage.ts';
import { ecosystemGraph } from './ecosystem-graph.ts';
import { averagePathLength } from './network-report.ts';

/** A capability that nobody is left to provide. */
export interface LostCapability {
  capability: string;
  /** The removed actors that provided it. */
  providedBy: string[];
  /** Remaining actors that need it. */
  neededBy: string[];
}

/** A partnership that loses one or more members. */
export interface PartnershipLoss {
  partnership: string;
  name: string;
  lost: string[];
  /** Members left (distinct actors). */
  remaining: number;
  reason: string;
}

/** What is lost when the given actors leave. */
export interface ExitImpact {
  removed: string[];
  lostCapabilities: LostCapability[];
  /** Remaining actors that lose their connection to the largest remaining part of the network part they were in. */
  cutOff: string[];
  components: { before: number; after: number };
  /** Mean number of steps over all ordered pairs of actors joined by a path (0 when no pair is). */
  averagePathLength: { before: number; after: number };
  /** Distinct ties that disappear with the removed actors. */
  lostTies: number;
  partnerships: PartnershipLoss[];
  explanation: string;
}

/** One actor's place in the criticality ranking. */
export interface CriticalityEntry {
  actor: string;
  /** 1 = most critical. */
  rank: number;
  /** cutOff + uniqueCapabilities.length + dependents.length. */
  score: number;
  /** Actors that would lose their connection to the rest of their network part if this actor left. */
  cutOff: number;
  /** Capabilities no other actor provides. */
  uniqueCapabilities: string[];
  /** Other actors that need one of those capabilities. */
  dependents: string[];
  degree: number;
  reason: string;
}

const plural = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
const list = (ids: readonly string[], max = 5) =>
  ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;

/** Throws a ValidationError naming every id that is not an actor of the document. */
function checkIds(doc: EcosystemDocument, actorIds: readonly string[]): string[] {
  const known = new Set(doc.actors.map((a) => a.id));
  const problems: Problem[] = [];
  actorIds.forEach((id, i) => {
    if (!known.has(id))
      problems.push({
        path: ['actorIds', i],
        code: 'unknown_reference',
        message: `unknown actor "${id}": no actor has this id`,
      });
  });
  if (problems.length > 0) {
    const names = problems.map((p) => p.message.split('"')[1]).join('", "');
    throw new ValidationError(
      problems,
      `what-if exit: unknown actor${problems.length === 1 ? '' : 's'} "${names}"`,
    );
  }
  return [...new Set(actorIds)];
}

/**
 * Removes the given actors and reports what is lost (see ExitImpact). An unknown id is a
 * ValidationError naming it; a repeated id counts once; removing no actor changes nothing.
 */
export function whatIfExit(doc: EcosystemDocument, actorIds: readonly string[]): ExitImpact {
  const removed = checkIds(doc, actorIds);
  const gone = new Set(removed);
  const before = ecosystemGraph(doc);
  const after = ecosystemGraph(doc, gone);
  const catalog = buildCatalog(doc, before);

  const lostCapabilities: LostCapability[] = [];
  for (const [key, providers] of catalog.providers) {
    const ids = providers.map((v) => before.ids[v]!);
    if (ids.length === 0 || ids.some((id) => !gone.has(id))) continue;
    const neededBy = (catalog.needers.get(key) ?? [])
      .map((v) => before.ids[v]!)
      .filter((id) => !gone.has(id));
    lostCapabilities.push({ capability: catalog.labels.get(key) ?? key, providedBy: ids, neededBy });
  }
  lostCapabilities.sort(
    (a, b) => b.neededBy.length - a.neededBy.length || compareText(a.capability, b.capability),
  );

  // Cut off: within each original component that lost an actor, every remaining actor
  // outside the largest remaining part (ties: the part holding the earliest actor).
  const cb = connectedComponents(before.graph);
  const ca = connectedComponents(after.graph);
  const touched = new Set<number>();
  for (const id of gone) touched.add(cb.ids[before.index.get(id)!]!);
  const keep = new Map<number, number>(); // original component -> kept part (after-component)
  for (let v = 0; v < after.graph.n; v++) {
    const orig = cb.ids[before.index.get(after.ids[v]!)!]!;
    if (!touched.has(orig)) continue;
    const part = ca.ids[v]!;
    const kept = keep.get(orig);
    if (kept === undefined || ca.sizes[part]! > ca.sizes[kept]!) keep.set(orig, part);
  }
  const cutOff: string[] = [];
  for (let v = 0; v < after.graph.n; v++) {
    const orig = cb.ids[before.index.get(after.ids[v]!)!]!;
    if (touched.has(orig) && ca.ids[v] !== keep.get(orig)) cutOff.push(after.ids[v]!);
  }

  const partnerships: PartnershipLoss[] = [];
  for (const p of doc.partnerships) {
    const members = [...new Set(p.members.map((m) => m.actor))];
    const lost = members.filter((id) => gone.has(id));
    if (lost.length === 0) continue;
    const remaining = members.length - lost.length;
    const tail =
      remaining < 2 ? `; with ${plural(remaining, 'member')} left it is no longer a partnership` : '';
    partnerships.push({
      partnership: p.id,
      name: p.name,
      lost,
      remaining,
      reason: `${p.name} loses ${list(lost)} (${plural(remaining, 'member')} left)${tail}.`,
    });
  }

  const components = { before: cb.count, after: ca.count };
  const apl = { before: averagePathLength(before.graph), after: averagePathLength(after.graph) };
  const lostTies = before.graph.m - after.graph.m;
  const explanation =
    removed.length === 0
      ? 'No actor removed: nothing changes.'
      : `Without ${list(removed)}: ${plural(lostTies, 'tie')} disappear; ` +
        `${plural(lostCapabilities.length, 'capability', 'capabilities')} nobody else provides ${lostCapabilities.length ? `(${list(lostCapabilities.map((c) => `"${c.capability}"`))}) ` : ''}` +
        `${lostCapabilities.length === 1 ? 'is' : 'are'} lost; ${plural(cutOff.length, 'actor')} ${cutOff.length === 1 ? 'is' : 'are'} cut off from the rest of ${cutOff.length === 1 ? 'its' : 'their'} network; ` +
        `components go from ${components.before} to ${components.after}; the average path length (over pairs joined by a path) goes from ${round(apl.before)} to ${round(apl.after)} steps; ` +
        `${plural(partnerships.length, 'partnership')} ${partnerships.length === 1 ? 'loses' : 'lose'} a member.`;
  return {
    removed,
    lostCapabilities,
    cutOff,
    components,
    averagePathLength: apl,
    lostTies,
    partnerships,
    explanation,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Capabilities only one actor provides, per node, and the other actors that need them. */
function uniqueProvision(catalog: Catalog, n: number): { unique: string[][]; dependents: number[][] } {
  const unique: string[][] = Array.from({ length: n }, () => []);
  const dependents: number[][] = Array.from({ length: n }, () => []);
  for (const [key, providers] of catalog.providers) {
    if (providers.length !== 1) continue;
    const v = providers[0]!;
    unique[v]!.push(catalog.labels.get(key) ?? key);
    for (const w of catalog.needers.get(key) ?? []) if (w !== v) dependents[v]!.push(w);
  }
  return { unique, dependents };
}

/**
 * Every actor ranked by how much its exit would cost, from linear-time structure only:
 * score = actors cut off (block–cut tree) + capabilities only it provides + other actors
 * needing one of those. Ties: higher degree first, then document order.
 */
export function criticality(
  doc: EcosystemDocument,
  options: GraphReuse & { catalog?: Catalog } = {},
): CriticalityEntry[] {
  const eg = options.graph ?? ecosystemGraph(doc);
  const catalog = options.catalog ?? buildCatalog(doc, eg);
  const g = eg.graph;
  const cut = cutOffCounts(g);
  const { unique, dependents } = uniqueProvision(catalog, g.n);
  const entries = eg.ids.map((actor, v) => {
    const deps = [...new Set(dependents[v])].sort((a, b) => a - b).map((w) => eg.ids[w]!);
    const cutOff = cut[v]!;
    const uniqueCapabilities = unique[v]!;
    const degree = g.offsets[v + 1]! - g.offsets[v]!;
    const parts: string[] = [];
    if (cutOff > 0)
      parts.push(
        `its exit would cut off ${plural(cutOff, 'actor')} from the rest of ${cutOff === 1 ? 'its' : 'their'} network`,
      );
    if (uniqueCapabilities.length > 0)
      parts.push(
        `it alone provides ${uniqueCapabilities.map((c) => `"${c}"`).join(', ')}${deps.length ? `, needed by ${list(deps)}` : ', which no other actor needs'}`,
      );
    const score = cutOff + uniqueCapabilities.length + deps.length;
    const reason =
      parts.length > 0
        ? `${actor}: ${parts.join('; ')} (score ${cutOff} cut off + ${uniqueCapabilities.length} unique + ${deps.length} dependent = ${score}).`
        : `${actor}: no actor is cut off by its exit and every capability it has is also provided by others (score 0).`;
    return { actor, rank: 0, score, cutOff, uniqueCapabilities, dependents: deps, degree, reason, v };
  });
  entries.sort((a, b) => b.score - a.score || b.degree - a.degree || a.v - b.v);
  return entries.map(({ v: _v, ...e }, i) => ({ ...e, rank: i + 1 }));
}
