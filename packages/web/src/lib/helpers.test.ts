import { describe, expect, it } from 'vitest';
import { ACTOR_KINDS, RELATIONSHIP_KINDS } from '@valueweb/core';
import type { Graph, GraphNode } from '../api/types.ts';
import { humanize, initials, plural, relativeTime, slugify, splitLabels } from './format.ts';
import {
  currentCursor,
  firstPage,
  nextPage,
  pageNumber,
  previousPage,
  sortParam,
  toggleSort,
} from './paging.ts';
import {
  ACTOR_KIND_COLORS,
  RELATIONSHIP_KIND_COLORS,
  actorKindColor,
  edgeSize,
  fade,
  nodeSize,
} from './graph-style.ts';
import {
  NO_FILTERS,
  filterOptions,
  isUnfiltered,
  neighbours,
  searchActors,
  visibleItems,
} from './graph-filter.ts';
import { hashString, initialPositions, seededRandom } from './graph-layout.ts';
import { allowed, roleLabel } from './permissions.ts';
import { changedFields, preview, prettyJson } from './json-diff.ts';

const node = (id: string, name: string, kind: string, extra: Partial<GraphNode> = {}): GraphNode => ({
  id,
  name,
  kind,
  degree: 1,
  ...extra,
});

const graph: Graph = {
  nodes: [
    node('a', 'Acme Pharma', 'biopharma', { capabilities: ['trials', 'manufacturing'], community: 0 }),
    node('b', 'Beta Health', 'provider', { capabilities: ['care'], community: 0 }),
    node('c', 'City University', 'university', { capabilities: ['trials'], community: 1 }),
    node('d', 'Pharmacie du Lac', 'provider', { community: 1 }),
  ],
  edges: [
    {
      id: 'e1',
      from: 'a',
      to: 'b',
      kind: 'supply',
      strength: 1,
      directed: true,
      flows: ['product', 'money'],
    },
    { id: 'e2', from: 'a', to: 'c', kind: 'research', strength: 2, directed: false, flows: ['knowledge'] },
    { id: 'e3', from: 'b', to: 'd', kind: 'data', strength: 1, directed: false, flows: ['data'] },
  ],
};

describe('format', () => {
  it('says how long ago', () => {
    const now = Date.parse('2025-03-10T12:00:00Z');
    expect(relativeTime('2025-03-10T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2025-03-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2025-03-09T12:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('not a date', now)).toBe('not a date');
  });
  it('counts, initials, kinds and ids', () => {
    expect(plural(1, 'actor')).toBe('1 actor');
    expect(plural(1204, 'relationship')).toBe('1,204 relationships');
    expect(plural(2, 'partnership')).toBe('2 partnerships');
    expect(initials('Ada  Lovelace King')).toBe('AK');
    expect(initials('')).toBe('?');
    expect(humanize('patient-group')).toBe('Patient group');
    expect(slugify('  Ärzte für Île-de-France! ')).toBe('arzte-fur-ile-de-france');
    expect(splitLabels('trials; care, trials\n data ')).toEqual(['trials', 'care', 'data']);
  });
});

describe('paging', () => {
  it('walks forward and back with a cursor stack', () => {
    let p = firstPage();
    expect([currentCursor(p), pageNumber(p)]).toEqual([null, 1]);
    p = nextPage(p, 'c2');
    p = nextPage(p, 'c3');
    expect([currentCursor(p), pageNumber(p)]).toEqual(['c3', 3]);
    expect(nextPage(p, null)).toBe(p);
    p = previousPage(previousPage(previousPage(p)));
    expect([currentCursor(p), pageNumber(p)]).toEqual([null, 1]);
  });
  it('toggles sort direction on the same column', () => {
    const s1 = toggleSort(null, 'name');
    const s2 = toggleSort(s1, 'name');
    expect([sortParam(s1), sortParam(s2), sortParam(toggleSort(s2, 'kind')), sortParam(null)]).toEqual([
      'name',
      '-name',
      'kind',
      undefined,
    ]);
  });
});

describe('map style', () => {
  it('has a colour for every actor and relationship kind', () => {
    for (const k of ACTOR_KINDS) expect(ACTOR_KIND_COLORS[k]).toMatch(/^#[0-9a-f]{6}$/);
    for (const k of RELATIONSHIP_KINDS) expect(RELATIONSHIP_KIND_COLORS[k]).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(Object.values(ACTOR_KIND_COLORS)).size).toBe(ACTOR_KINDS.length);
    expect(actorKindColor('unheard-of')).toBe('#adb5bd');
  });
  it('sizes nodes by degree and edges by strength, within bounds', () => {
    expect(nodeSize(0, 10)).toBe(3);
    expect(nodeSize(10, 10)).toBe(16);
    expect(nodeSize(50, 10)).toBe(16);
    expect(nodeSize(4, 16)).toBeCloseTo(3 + 13 * 0.5);
    expect(edgeSize(1)).toBeCloseTo(1.6);
    expect(edgeSize(1000)).toBe(4);
    expect(edgeSize(-1)).toBe(0.5);
    expect(fade('#ff0080', 0.5)).toBe('rgba(255, 0, 128, 0.5)');
  });
});

describe('map filters', () => {
  it('shows everything without filters', () => {
    const v = visibleItems(graph, NO_FILTERS);
    expect([v.nodes.size, v.edges.size]).toEqual([4, 3]);
    expect(isUnfiltered(NO_FILTERS)).toBe(true);
  });
  it('filters actors by kind and capability, relationships by kind and flow', () => {
    const byKind = visibleItems(graph, { ...NO_FILTERS, actorKinds: ['provider', 'biopharma'] });
    expect([...byKind.nodes].sort()).toEqual(['a', 'b', 'd']);
    expect([...byKind.edges].sort()).toEqual(['e1', 'e3']);
    const byCap = visibleItems(graph, { ...NO_FILTERS, capability: 'trials' });
    expect([...byCap.nodes].sort()).toEqual(['a', 'c']);
    expect([...byCap.edges]).toEqual(['e2']);
    const byFlow = visibleItems(graph, { ...NO_FILTERS, flow: 'money' });
    expect([...byFlow.edges]).toEqual(['e1']);
    expect(byFlow.nodes.size).toBe(4);
    expect([...visibleItems(graph, { ...NO_FILTERS, relationshipKinds: ['data'] }).edges]).toEqual(['e3']);
  });
  it('lists filter options and neighbours', () => {
    expect(filterOptions(graph)).toEqual({
      capabilities: ['care', 'manufacturing', 'trials'],
      flows: ['data', 'knowledge', 'money', 'product'],
    });
    expect([...neighbours(graph, 'b')].sort()).toEqual(['a', 'd']);
  });
  it('finds actors: prefix matches first, then contained, then ids', () => {
    expect(searchActors(graph.nodes, 'pharma').map((n) => n.id)).toEqual(['d', 'a']);
    expect(searchActors(graph.nodes, 'ACME').map((n) => n.id)).toEqual(['a']);
    expect(searchActors(graph.nodes, '  ')).toEqual([]);
    expect(searchActors(graph.nodes, 'c').map((n) => n.id)).toEqual(['c', 'a', 'd']);
  });
});

describe('layout', () => {
  it('is deterministic for a seed and keeps server positions', () => {
    const r1 = seededRandom(42);
    const r2 = seededRandom(42);
    expect([r1(), r1()]).toEqual([r2(), r2()]);
    expect(hashString('eco')).toBe(hashString('eco'));
    const p1 = initialPositions(graph.nodes, 7);
    expect(Array.from(p1)).toEqual(Array.from(initialPositions(graph.nodes, 7)));
    expect(p1.every(Number.isFinite)).toBe(true);
    const placed = graph.nodes.map((n, i) => ({ ...n, x: i, y: -i }));
    expect(Array.from(initialPositions(placed, 1))).toEqual([0, -0, 1, -1, 2, -2, 3, -3]);
  });
});

describe('permissions', () => {
  const user = { id: 'u', isAdmin: false, organization: { id: 'o', name: 'O' } };
  it('follows the access policy', () => {
    expect(allowed(user, 'orchestrator', 'actor.create')).toBe(true);
    expect(allowed(user, 'member', 'actor.create')).toBe(false);
    expect(allowed(user, 'member', 'actor.update')).toBe(true);
    expect(allowed(user, 'member', 'relationship.create')).toBe(true);
    expect(allowed(user, 'observer', 'relationship.create')).toBe(false);
    expect(allowed(user, 'orchestrator', 'ecosystem.create')).toBe(false);
    expect(allowed({ ...user, isAdmin: true }, null, 'ecosystem.create')).toBe(true);
    expect(allowed(undefined, 'orchestrator', 'actor.create')).toBe(false);
    expect(roleLabel('member')).toBe('Member');
    expect(roleLabel(null, true)).toBe('Administrator');
  });
});

describe('audit diff', () => {
  it('lists the fields that changed', () => {
    expect(
      changedFields({ name: 'A', kind: 'x', version: 1 }, { name: 'B', kind: 'x', tags: ['t'], version: 2 }),
    ).toEqual([
      { field: 'name', before: 'A', after: 'B' },
      { field: 'tags', before: undefined, after: ['t'] },
    ]);
    expect(changedFields(null, null)).toEqual([]);
    expect(changedFields(null, { a: 1 })).toEqual([{ field: 'a', before: undefined, after: 1 }]);
    expect(prettyJson(null)).toBe('—');
    expect(preview('x'.repeat(100), 10)).toBe('xxxxxxxxx…');
  });
});

describe('audit wording', () => {
  it('says who did what to which item', async () => {
    const { describeAction, partyName } = await import('./audit.ts');
    expect(
      describeAction({
        action: 'actor.create',
        entity: 'actor',
        entityId: 'acme',
        after: { name: 'Acme' },
        before: null,
      }),
    ).toBe('Actor “Acme” created');
    expect(
      describeAction({ action: 'update', entity: 'partnership', entityId: 'p1', after: null, before: null }),
    ).toBe('Partnership “p1” changed');
    expect(
      describeAction({
        action: 'members.put',
        entity: 'partnership',
        entityId: null,
        after: null,
        before: null,
      }),
    ).toBe('Partnership members put');
    expect(
      describeAction({
        action: 'partnership.member.put',
        entity: 'partnership',
        entityId: 'p1',
        after: null,
        before: null,
      }),
    ).toBe('Member added to partnership “p1”');
    expect(
      describeAction({
        action: 'invite.create',
        entity: 'invite',
        entityId: 'x',
        after: { email: 'a@b.org' },
        before: null,
      }),
    ).toBe('Invitation sent to a@b.org');
    expect(partyName({ id: 'u1', name: 'Ada' })).toBe('Ada');
    expect(partyName('u2')).toBe('u2');
    expect(partyName(null)).toBeNull();
  });
});

describe('lists and links', () => {
  it('reads items and makes links absolute', async () => {
    const { itemsOf, absoluteUrl } = await import('./items.ts');
    expect(itemsOf({ items: [1, 2] })).toEqual([1, 2]);
    expect(itemsOf([3])).toEqual([3]);
    expect(itemsOf(undefined)).toEqual([]);
    expect(absoluteUrl('/invite/abc', 'http://localhost:3000/')).toBe('http://localhost:3000/invite/abc');
    expect(absoluteUrl('https://vw.example.org/invite/x', 'http://localhost')).toBe(
      'https://vw.example.org/invite/x',
    );
  });
});

describe('files', () => {
  it('tells documents from sheets', async () => {
    const { uploadKind, csvRole, fileSize } = await import('./files.ts');
    expect(['a.yaml', 'b.YML', 'c.json', 'd.csv', 'e.txt'].map(uploadKind)).toEqual([
      'document',
      'document',
      'document',
      'csv',
      'unknown',
    ]);
    expect(csvRole('x.csv', 'from,to,kind\na,b,data')).toBe('relationships');
    expect(csvRole('x.csv', 'id,name,kind\na,A,startup')).toBe('actors');
    expect(csvRole('relationships.csv', 'source;target')).toBe('relationships');
    expect([fileSize(830), fileSize(2048), fileSize(3 * 1024 * 1024)]).toEqual(['830 B', '2.0 KB', '3.0 MB']);
  });
});

describe('server shapes', () => {
  it('compares numeric relationship ids as strings', () => {
    const g: Graph = {
      nodes: graph.nodes,
      edges: [{ id: 0, from: 'a', to: 'b', kind: 'data', strength: 1, directed: false }],
    };
    expect([...visibleItems(g, { ...NO_FILTERS, actorKinds: ['biopharma', 'provider'] }).edges]).toEqual([
      '0',
    ]);
  });
  it('names who made a change from ids', async () => {
    const { eventParties } = await import('./audit.ts');
    const names = { users: new Map([['u1', 'Ada']]), organizations: new Map([['o1', 'Acme']]) };
    expect(eventParties({ userId: 'u1', organizationId: 'o1' }, names)).toEqual({
      user: 'Ada',
      organization: 'Acme',
    });
    expect(eventParties({ userId: '12345678-aaaa', organizationId: null }, names)).toEqual({
      user: 'user 12345678',
      organization: null,
    });
    expect(eventParties({ userId: null, via: 'cli' })).toEqual({ user: 'Command line', organization: null });
    expect(eventParties({ user: { name: 'Bo' }, organization: 'Org' })).toEqual({
      user: 'Bo',
      organization: 'Org',
    });
  });
});

describe('map renderer choice', () => {
  it('recognises software WebGL', async () => {
    const { isSoftwareRenderer } = await import('../map/canvas-renderer.ts');
    expect(
      isSoftwareRenderer(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)')).toBe(
      false,
    );
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
  });
});
