/**
 * The Map analyses said in people's words: gaps, introductions, exits,
 * criticality and snapshot changes as sentences that name actors by their
 * names (the server's reasons name them by id). Also client-side sorting for
 * tables that hold a whole analysis. Pure, so pages and tests agree.
 */
import type {
  CriticalityEntry,
  DocumentDiff,
  ExitImpact,
  FieldChange,
  Gap,
  Opportunity,
} from '@valueweb/core';

/** Names by actor id; an id without a name reads as itself. */
export type NameOf = (id: string) => string;

export const nameLookup =
  (names: ReadonlyMap<string, string> | Record<string, string>): NameOf =>
  (id) =>
    (names instanceof Map ? names.get(id) : (names as Record<string, string>)[id]) ?? id;

/** "A", "A and B", "A, B and C", "A, B, C and 4 more". */
export function listNames(items: readonly string[], max = 3): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  if (items.length <= max) return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

const quoted = (labels: readonly string[]) =>
  listNames(
    labels.map((l) => `“${l}”`),
    4,
  );
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces actor ids in a server sentence by their names. Longer ids first,
 * and only whole ids (not part of a longer id), so "hospital" never eats
 * into "hospital-santa-lucia"; a full stop right after an id ends the sentence.
 */
export function withNames(text: string, names: ReadonlyMap<string, string>): string {
  const ids = [...names.keys()].filter((id) => id && names.get(id) !== id);
  if (ids.length === 0 || !text) return text;
  ids.sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\w.:-])(?:${ids.map(escapeRe).join('|')})(?![\\w:-]|\\.[\\w])`, 'g');
  return text.replace(re, (id) => names.get(id) ?? id);
}

/** The three kinds of value gap. */
export type GapKind = 'unprovided' | 'singleProvider' | 'outOfReach';

/** A gap as one sentence with names. */
export function describeGap(kind: GapKind, gap: Gap, name: NameOf): string {
  const needers = listNames(gap.neededBy.map(name));
  const needs = gap.neededBy.length === 1 ? 'needs' : 'need';
  switch (kind) {
    case 'unprovided':
      return `${needers} ${needs} “${gap.need}”, and no actor in the ecosystem offers it. Look for a partner outside, or ask a member to build it.`;
    case 'singleProvider': {
      const p = name(gap.providers[0] ?? '');
      return `Only ${p} provides “${gap.need}”, which ${needers} ${needs}: if ${p} leaves, nobody does. A second provider would remove the dependency.`;
    }
    case 'outOfReach':
      return `${needers} ${needs} “${gap.need}”, which ${listNames(gap.providers.map(name))} ${gap.providers.length === 1 ? 'provides' : 'provide'}, but no provider is within two steps (a direct tie or a tie of a tie). An introduction would close the gap.`;
  }
}

/** How close two actors of an opportunity are, in a few words. */
export function proximityLabel(p: Opportunity['proximity']): string {
  switch (p) {
    case 'mutual-contact':
      return 'Two steps apart';
    case 'same-network':
      return 'Same network, further apart';
    case 'not-connected':
      return 'Not connected yet';
  }
}

/** An introduction as one sentence with names: who, what it brings, who can make the introduction. */
export function describeOpportunity(o: Opportunity, name: NameOf): string {
  const from = name(o.from);
  const to = name(o.to);
  const what = `${to} provides ${quoted(o.needs)}, which ${from} needs (${count(o.needs.length, 'need')} covered)`;
  switch (o.proximity) {
    case 'mutual-contact': {
      const via = o.mutualContacts.map(name);
      const more = o.mutualContactCount - via.length;
      const who = more > 0 ? `${via.join(', ')} and ${more} more` : listNames(via, 5);
      return `${what}. They have no relationship yet, but ${who} ${o.mutualContactCount === 1 ? 'knows' : 'know'} both and can make the introduction.`;
    }
    case 'same-network':
      return `${what}. They have no relationship yet and are more than two steps apart in the same network: an orchestrator can introduce them.`;
    case 'not-connected':
      return `${what}. They sit in parts of the ecosystem with no path between them: connecting them also joins the two parts.`;
  }
}

/** A criticality entry as one sentence with names. */
export function describeCriticality(e: CriticalityEntry, name: NameOf): string {
  const who = name(e.actor);
  const parts: string[] = [];
  if (e.cutOff > 0)
    parts.push(
      `its exit would cut ${count(e.cutOff, 'actor')} off from the rest of ${e.cutOff === 1 ? 'its' : 'their'} network`,
    );
  if (e.uniqueCapabilities.length > 0)
    parts.push(
      `it alone provides ${quoted(e.uniqueCapabilities)}${
        e.dependents.length > 0
          ? `, which ${listNames(e.dependents.map(name))} ${e.dependents.length === 1 ? 'needs' : 'need'}`
          : ', which no other actor needs yet'
      }`,
    );
  if (parts.length === 0)
    return `${who} could leave without cutting anyone off, and every capability it has is also offered by others.`;
  return `${who}: ${parts.join('; ')}.`;
}

/** The exit impact in one paragraph with names. */
export function describeExit(impact: ExitImpact, name: NameOf): string {
  if (impact.removed.length === 0) return 'No actor removed: nothing changes.';
  const who = listNames(impact.removed.map(name));
  const bits: string[] = [
    `${count(impact.lostTies, 'relationship')} ${impact.lostTies === 1 ? 'disappears' : 'disappear'}`,
  ];
  bits.push(
    impact.lostCapabilities.length === 0
      ? 'no capability is lost (others still provide each one)'
      : `${count(impact.lostCapabilities.length, 'capability', 'capabilities')} ${impact.lostCapabilities.length === 1 ? 'is' : 'are'} no longer provided by anyone (${quoted(impact.lostCapabilities.map((c) => c.capability))})`,
  );
  bits.push(
    impact.cutOff.length === 0
      ? 'nobody is cut off'
      : `${listNames(impact.cutOff.map(name))} ${impact.cutOff.length === 1 ? 'is' : 'are'} cut off from the rest of the network`,
  );
  if (impact.partnerships.length > 0)
    bits.push(
      `${count(impact.partnerships.length, 'partnership')} ${impact.partnerships.length === 1 ? 'loses' : 'lose'} a member`,
    );
  return `If ${who} ${impact.removed.length === 1 ? 'leaves' : 'leave'}: ${bits.join('; ')}.`;
}

/** Numbers before and after an exit, for the side-by-side cards. */
export interface ExitFigure {
  key: 'actors' | 'ties' | 'components' | 'averagePathLength';
  label: string;
  before: number;
  after: number;
  /** True when the change is bad news (fewer ties, more components, longer paths). */
  worse: boolean;
  hint: string;
}

export function exitFigures(impact: ExitImpact, actors: number, ties: number): ExitFigure[] {
  const apl = impact.averagePathLength;
  return [
    {
      key: 'actors',
      label: 'Actors',
      before: actors,
      after: actors - impact.removed.length,
      worse: impact.removed.length > 0,
      hint: 'Organizations, communities and people left in the ecosystem.',
    },
    {
      key: 'ties',
      label: 'Relationships',
      before: ties,
      after: ties - impact.lostTies,
      worse: impact.lostTies > 0,
      hint: 'Distinct ties between two actors.',
    },
    {
      key: 'components',
      label: 'Disconnected parts',
      before: impact.components.before,
      after: impact.components.after,
      worse: impact.components.after > impact.components.before,
      hint: 'Parts of the ecosystem with no path between them; an isolated actor is one part.',
    },
    {
      key: 'averagePathLength',
      label: 'Average path length',
      before: apl.before,
      after: apl.after,
      worse: apl.after > apl.before + 1e-9,
      hint: 'Mean number of steps between two actors joined by a path: longer means introductions and information travel further.',
    },
  ];
}

/** A changed field of an actor or relationship, in words. */
export function describeFieldChange(c: FieldChange): string {
  const field = c.field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (c.added || c.removed) {
    const parts: string[] = [];
    if (c.added?.length) parts.push(`added ${quoted(c.added)}`);
    if (c.removed?.length) parts.push(`removed ${quoted(c.removed)}`);
    return `${field}: ${parts.join(', ')}`;
  }
  return `${field}: ${show(c.before)} → ${show(c.after)}`;
}

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '(none)';
  if (typeof v === 'string') return `“${v.length > 80 ? `${v.slice(0, 77)}…` : v}”`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** A diff in one sentence with names: what joined, left and changed, and who moved most. */
export function describeDiff(d: DocumentDiff, name: NameOf): string {
  const parts: string[] = [];
  const { actors: a, relationships: r, communities: c } = d;
  if (a.added.length) parts.push(`${count(a.added.length, 'actor')} joined`);
  if (a.removed.length) parts.push(`${count(a.removed.length, 'actor')} left`);
  if (a.changed.length) parts.push(`${count(a.changed.length, 'actor')} changed`);
  if (r.added.length) parts.push(`${count(r.added.length, 'relationship')} formed`);
  if (r.removed.length) parts.push(`${count(r.removed.length, 'relationship')} ended`);
  if (r.changed.length) parts.push(`${count(r.changed.length, 'relationship')} changed`);
  if (c.before !== c.after) parts.push(`communities went from ${c.before} to ${c.after}`);
  if (c.merged.length) parts.push(`${count(c.merged.length, 'merge')} of communities`);
  if (c.split.length) parts.push(`${count(c.split.length, 'community', 'communities')} split`);
  let s = parts.length ? parts.join(', ') : 'no actor or relationship changed';
  const top = d.movers.betweenness[0];
  const f = (x: number) => x.toLocaleString('en', { maximumSignificantDigits: 3 });
  if (top)
    s += `; ${name(top.actor)} ${top.delta > 0 ? 'gained' : 'lost'} the most betweenness (${f(top.before)} → ${f(top.after)})`;
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** Counts of a diff for its summary. */
export function diffCounts(d: DocumentDiff): {
  actors: number;
  relationships: number;
  communities: number;
  total: number;
} {
  const actors = d.actors.added.length + d.actors.removed.length + d.actors.changed.length;
  const relationships =
    d.relationships.added.length + d.relationships.removed.length + d.relationships.changed.length;
  const communities = d.communities.merged.length + d.communities.split.length;
  return { actors, relationships, communities, total: actors + relationships + communities };
}

// ---- client-side sorting --------------------------------------------------

export interface ClientSort {
  key: string;
  descending: boolean;
}

/** Clicking a header: a new column starts in its natural direction, the same column flips. */
export function nextSort(current: ClientSort | null, key: string, descendingFirst: boolean): ClientSort {
  if (current?.key === key) return { key, descending: !current.descending };
  return { key, descending: descendingFirst };
}

/**
 * Rows sorted by a value (numbers numerically, strings by locale, missing
 * values last whatever the direction); stable, so equal rows keep their order.
 */
export function sortRows<T>(
  rows: readonly T[],
  value: (row: T) => number | string | null | undefined,
  descending: boolean,
): T[] {
  const keyed = rows.map((row, i) => ({ row, i, v: value(row) }));
  keyed.sort((a, b) => {
    const av = a.v;
    const bv = b.v;
    const aMissing = av === null || av === undefined || (typeof av === 'number' && Number.isNaN(av));
    const bMissing = bv === null || bv === undefined || (typeof bv === 'number' && Number.isNaN(bv));
    if (aMissing || bMissing) return aMissing === bMissing ? a.i - b.i : aMissing ? 1 : -1;
    const c =
      typeof av === 'number' && typeof bv === 'number'
        ? av - bv
        : String(av).localeCompare(String(bv), 'en', { sensitivity: 'base', numeric: true });
    return (descending ? -c : c) || a.i - b.i;
  });
  return keyed.map((k) => k.row);
}

/** Actor ids from a URL parameter ("a,b,c"), trimmed, unique, in order. */
export function parseIdList(value: string | null | undefined): string[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
