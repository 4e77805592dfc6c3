import { describe, expect, it } from 'vitest';
import {
  analyzeMap,
  graph as g,
  whatIfExit,
  type Actor,
  type ActorMetrics,
  type DocumentDiff,
  type EcosystemDocument,
  type Relationship,
} from '@valueweb/core';
import type { GraphNode } from '../api/types.ts';
import {
  computeAppearance,
  DEFAULT_APPEARANCE,
  factsFromGraph,
  parseAppearance,
  sizeLegend,
  writeAppearance,
} from './map-appearance.ts';
import {
  describeCriticality,
  describeDiff,
  describeExit,
  describeFieldChange,
  describeGap,
  describeOpportunity,
  diffCounts,
  exitFigures,
  listNames,
  nameLookup,
  nextSort,
  parseIdList,
  sortRows,
  withNames,
} from './map-insights.ts';
import {
  COMMUNITY_COLORS,
  communityColor,
  communityLabel,
  effectiveSize,
  explainMetric,
  formatMetric,
  metricHelp,
  modularityWords,
  OTHER_COMMUNITY_COLOR,
  ordinal,
  rankActors,
  sizeByMetric,
} from './map-metrics.ts';

const actor = (id: string, fields: Partial<Actor> = {}): Actor => ({
  id,
  name: fields.name ?? id.toUpperCase(),
  kind: 'other',
  capabilities: [],
  needs: [],
  values: [],
  ...fields,
});
const tie = (from: string, to: string): Relationship => ({
  from,
  to,
  kind: 'other',
  strength: 1,
  directed: false,
});
const doc = (actors: Actor[], relationships: Relationship[]): EcosystemDocument => ({
  valueweb: 1,
  ecosystem: { id: 't', name: 'T' },
  actors,
  relationships,
  partnerships: [{ id: 'p', name: 'Alliance', stage: 'pilot', members: [{ actor: 'c' }, { actor: 'd' }] }],
});

/**
 * a–b–c–a triangle, c–d bridge, d–e–f–d triangle, g isolated. b needs "data", provided
 * only by e; f needs "legal", which nobody provides; a needs "funding", provided by d and g.
 */
const sample = () =>
  doc(
    [
      actor('a', { name: 'Alpha', needs: ['funding'] }),
      actor('b', { name: 'Beta', needs: ['data'] }),
      actor('c', { name: 'Gamma' }),
      actor('d', { name: 'Delta', capabilities: ['funding'] }),
      actor('e', { name: 'Epsilon', capabilities: ['data'] }),
      actor('f', { name: 'Zeta', needs: ['legal'] }),
      actor('g', { name: 'Eta', capabilities: ['funding'] }),
    ],
    [tie('a', 'b'), tie('b', 'c'), tie('c', 'a'), tie('c', 'd'), tie('d', 'e'), tie('e', 'f'), tie('f', 'd')],
  );

const metrics = (over: Partial<ActorMetrics>): ActorMetrics => ({
  degree: 0,
  degreeCentrality: 0,
  betweenness: 0,
  closeness: 0,
  pagerank: 0,
  clustering: 0,
  constraint: 0,
  community: 0,
  ...over,
});

describe('map metrics', () => {
  it("derives Burt's effective size from degree and clustering, equal to nx.effective_size", () => {
    const report = analyzeMap(sample());
    // The same graph in core's CSR form: effective size computed from triangles directly.
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const pairs = sample().relationships.map((r) => [ids.indexOf(r.from), ids.indexOf(r.to)] as const);
    const csr = g.buildGraph(
      7,
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
    const expected = g.effectiveSize(csr);
    ids.forEach((id, i) => expect(effectiveSize(report.network.actors[id]!)).toBeCloseTo(expected[i]!, 12));
    expect(effectiveSize({ degree: 3, clustering: 1 / 3 })).toBeCloseTo(3 - 2 / 3);
    expect(effectiveSize({ degree: 0, clustering: 0 })).toBe(0);
    expect(effectiveSize({ degree: 1, clustering: 0 })).toBe(1);
  });

  it('ranks actors, equal values sharing a rank; constraint ranks the lowest first', () => {
    const actors = {
      a: metrics({ betweenness: 0.5, constraint: 0.9 }),
      b: metrics({ betweenness: 0.2, constraint: 0.2 }),
      c: metrics({ betweenness: 0.5, constraint: 0.5 }),
      d: metrics({ betweenness: 0, constraint: 0.4 }),
    };
    const r = rankActors(actors, 'betweenness');
    expect([r.get('a'), r.get('c'), r.get('b'), r.get('d')]).toEqual([1, 1, 3, 4]);
    const low = rankActors(actors, 'constraint', true);
    expect(low.get('b')).toBe(1);
    expect(low.get('a')).toBe(4);
  });

  it('says what a metric means in one sentence, with the rank', () => {
    const ctx = { rank: 1, count: 49, connected: true };
    expect(explainMetric('betweenness', 0.12, 'Nordgen', ctx)).toBe(
      'Betweenness 0.12 — 12% of the shortest paths between other actors pass through Nordgen: a broker others rely on to reach each other (highest of 49).',
    );
    expect(explainMetric('betweenness', 0.12, 'Nordgen', { rank: 30, count: 49 })).toBe(
      'Betweenness 0.12 — 12% of the shortest paths between other actors pass through Nordgen (30th highest of 49).',
    );
    expect(explainMetric('betweenness', 0, 'Nordgen', ctx)).toMatch(/nobody relies on it/);
    expect(explainMetric('degree', 7, 'Nordgen', { rank: 3, count: 49 })).toBe(
      'Degree 7 — Nordgen is tied to 7 other actors (3rd highest of 49).',
    );
    expect(explainMetric('degree', 0, 'Nordgen', { count: 49 })).toMatch(/isolated/);
    expect(explainMetric('closeness', 0.5, 'N', { count: 10, connected: true })).toMatch(
      /in 2 steps on average/,
    );
    expect(explainMetric('closeness', 0.5, 'N', { count: 10, connected: false })).toMatch(
      /actors it cannot reach at all lower it\.$/,
    );
    expect(explainMetric('pagerank', 0.04, 'N', { count: 50, rank: 20 })).toMatch(/2× the average actor's/);
    expect(explainMetric('clustering', 1, 'N', { count: 5 }, 3)).toMatch(/tight-knit/);
    expect(explainMetric('clustering', 0, 'N', { count: 5 }, 1)).toMatch(/fewer than two contacts/);
    expect(explainMetric('constraint', 0.2, 'N', { count: 5, rank: 1 }, 4)).toMatch(
      /bridges structural holes.*\(lowest of 5\)/,
    );
    expect(explainMetric('effectiveSize', 2.5, 'N', { count: 5 }, 3)).toBe(
      'Effective size 2.5 — of its 3 contacts, about 2.5 are non-redundant (not tied to its other contacts).',
    );
  });

  it('formats values for their kind and counts in English', () => {
    expect(formatMetric('degree', 12)).toBe('12');
    expect(formatMetric('betweenness', 0.123456)).toBe('0.123');
    expect(formatMetric('pagerank', 0.0012345)).toBe('0.0012');
    expect(formatMetric('closeness', 0)).toBe('0');
    expect(formatMetric('effectiveSize', 4.333)).toBe('4.3');
    expect(formatMetric('betweenness', Number.NaN)).toBe('—');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '111th',
    ]);
  });

  it('sizes by the square root of the share of the range, and gives equal values the middle size', () => {
    const s = sizeByMetric(
      new Map([
        ['a', 0],
        ['b', 0.25],
        ['c', 1],
      ]),
      2,
      10,
    );
    expect(s.get('a')).toBe(2);
    expect(s.get('b')).toBeCloseTo(6);
    expect(s.get('c')).toBe(10);
    const flat = sizeByMetric(
      new Map([
        ['a', 3],
        ['b', 3],
      ]),
      2,
      10,
    );
    expect([...flat.values()]).toEqual([6, 6]);
    expect(
      sizeByMetric(
        new Map([
          ['a', Number.NaN],
          ['b', 1],
          ['c', 0],
        ]),
        2,
        10,
      ).get('a'),
    ).toBe(2);
  });

  it('colours and labels communities from 1, with grey beyond the palette', () => {
    expect(communityColor(0)).toBe(COMMUNITY_COLORS[0]);
    expect(communityColor(COMMUNITY_COLORS.length)).toBe(OTHER_COMMUNITY_COLOR);
    expect(new Set(COMMUNITY_COLORS).size).toBe(COMMUNITY_COLORS.length);
    expect(communityLabel(0)).toBe('Community 1');
    expect(modularityWords(0.42, 5)).toMatch(/clearly/);
    expect(modularityWords(0.05, 3)).toMatch(/well mixed/);
    expect(modularityWords(0, 1)).toMatch(/one community/);
    expect(metricHelp('betweenness', { betweenness: 'nx.betweenness_centrality' })).toMatch(
      /rely on it.*nx\./,
    );
    expect(metricHelp('effectiveSize', {})).toMatch(/nx.effective_size/);
  });
});

describe('map appearance', () => {
  it('reads and writes the URL, keeping other parameters and leaving defaults out', () => {
    const p = new URLSearchParams('focus=a&color=community&size=betweenness&spof=1');
    const a = parseAppearance(p);
    expect(a).toEqual({ colorBy: 'community', sizeBy: 'betweenness', spof: true, silos: false });
    expect(parseAppearance(new URLSearchParams('color=rainbow&size=height'))).toEqual(DEFAULT_APPEARANCE);
    const back = writeAppearance(p, { ...a, spof: false, silos: true });
    expect(back.get('focus')).toBe('a');
    expect(back.get('spof')).toBeNull();
    expect(back.get('silos')).toBe('1');
    expect(writeAppearance(back, DEFAULT_APPEARANCE).toString()).toBe('focus=a');
  });

  it('colours by community, sizes by a metric (low constraint large) and highlights', () => {
    const report = analyzeMap(sample());
    const facts = {
      actors: report.network.actors,
      articulationPoints: report.network.articulationPoints,
      siloMembers: ['a', 'b'],
    };
    expect(computeAppearance(facts, DEFAULT_APPEARANCE)).toMatchObject({
      colors: null,
      sizeValues: null,
      highlight: null,
    });
    const a = computeAppearance(facts, {
      colorBy: 'community',
      sizeBy: 'constraint',
      spof: true,
      silos: true,
    });
    expect(a.colors?.get('a')).toBe(communityColor(report.network.actors.a!.community));
    expect(a.sizeValues?.get('g')).toBe(0); // an isolate brokers nothing
    expect(a.sizeValues?.get('c')).toBeCloseTo(1 - report.network.actors.c!.constraint);
    expect([...(a.highlight ?? [])].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(sizeLegend('degree')).toMatch(/more relationships/);
    expect(sizeLegend('constraint')).toMatch(/lower constraint/);
    expect(sizeLegend('pagerank')).toBe('A larger circle has a higher pagerank.');
  });

  it('reads the network facts from graph nodes when the analysis is not there', () => {
    const nodes: GraphNode[] = [
      {
        id: 'a',
        name: 'A',
        kind: 'other',
        ...metrics({ degree: 1, community: 2 }),
        articulationPoint: true,
        inSilo: false,
      },
      { id: 'b', name: 'B', kind: 'other', degree: 1 },
      { id: 'c', name: 'C', kind: 'other', ...metrics({}), inSilo: true },
    ];
    const f = factsFromGraph(nodes);
    expect(Object.keys(f.actors)).toEqual(['a', 'c']);
    expect(f.actors.a!.community).toBe(2);
    expect(f.articulationPoints).toEqual(['a']);
    expect(f.siloMembers).toEqual(['c']);
  });
});

describe('map insights in words', () => {
  const names = new Map([
    ['hospital', 'City Hospital'],
    ['hospital-santa-lucia', 'Hospital Santa Lucía'],
    ['a', 'Alpha'],
  ]);
  const name = nameLookup(names);

  it('puts names in place of whole ids only', () => {
    expect(withNames('hospital-santa-lucia and hospital; hospital.', names)).toBe(
      'Hospital Santa Lucía and City Hospital; City Hospital.',
    );
    expect(withNames('hospital.example is not an id', names)).toBe('hospital.example is not an id');
    expect(withNames('a-b, a, ab', names)).toBe('a-b, Alpha, ab');
    expect(withNames('', names)).toBe('');
    expect(name('unknown')).toBe('unknown');
    expect(nameLookup({ x: 'X' })('x')).toBe('X');
    expect(listNames(['A'])).toBe('A');
    expect(listNames(['A', 'B', 'C'])).toBe('A, B and C');
    expect(listNames(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more');
  });

  it('describes gaps, opportunities and criticality with names', () => {
    const report = analyzeMap(sample());
    const n = nameLookup(new Map(sample().actors.map((a) => [a.id, a.name])));
    expect(report.gaps.unprovided.map((x) => x.need)).toEqual(['legal']);
    expect(describeGap('unprovided', report.gaps.unprovided[0]!, n)).toMatch(
      /^Zeta needs “legal”, and no actor/,
    );
    expect(describeGap('singleProvider', report.gaps.singleProvider[0]!, n)).toMatch(
      /^Only Epsilon provides “data”, which Beta needs/,
    );
    const far = report.gaps.outOfReach.find((x) => x.need === 'data')!;
    expect(describeGap('outOfReach', far, n)).toMatch(
      /Beta needs “data”, which Epsilon provides, but no provider is within two steps/,
    );
    const intro = report.opportunities.find((o) => o.from === 'a' && o.to === 'd')!;
    expect(intro.proximity).toBe('mutual-contact');
    expect(describeOpportunity(intro, n)).toBe(
      'Delta provides “funding”, which Alpha needs (1 need covered). They have no relationship yet, but Gamma knows both and can make the introduction.',
    );
    const isolated = report.opportunities.find((o) => o.to === 'g')!;
    expect(describeOpportunity(isolated, n)).toMatch(/no path between them/);
    const top = report.criticality.find((c) => c.actor === 'e')!;
    expect(describeCriticality(top, n)).toBe('Epsilon: it alone provides “data”, which Beta needs.');
    const c = report.criticality.find((x) => x.actor === 'c')!;
    expect(describeCriticality(c, n)).toMatch(
      /^Gamma: its exit would cut 2 actors off from the rest of their network\.$/,
    );
    const g0 = report.criticality.find((x) => x.actor === 'b')!;
    expect(describeCriticality(g0, n)).toMatch(/could leave without cutting anyone off/);
  });

  it('describes an exit and its figures before and after', () => {
    const d = sample();
    const impact = whatIfExit(d, ['c']);
    const n = nameLookup(new Map(d.actors.map((a) => [a.id, a.name])));
    expect(describeExit(impact, n)).toBe(
      'If Gamma leaves: 3 relationships disappear; no capability is lost (others still provide each one); Alpha and Beta are cut off from the rest of the network; 1 partnership loses a member.',
    );
    const f = exitFigures(impact, 7, 7);
    expect(f.map((x) => [x.key, x.before, x.after, x.worse])).toEqual([
      ['actors', 7, 6, true],
      ['ties', 7, 4, true],
      ['components', 2, 3, true],
      [
        'averagePathLength',
        impact.averagePathLength.before,
        impact.averagePathLength.after,
        impact.averagePathLength.after > impact.averagePathLength.before,
      ],
    ]);
    expect(describeExit(whatIfExit(d, ['e']), n)).toMatch(
      /1 capability is no longer provided by anyone \(“data”\)/,
    );
    expect(describeExit({ ...impact, removed: [] }, n)).toBe('No actor removed: nothing changes.');
  });

  it('counts and words the changes of a diff', () => {
    const diff = {
      actors: { added: ['x'], removed: [], changed: [{ id: 'a', changes: [] }] },
      relationships: { added: [], removed: [{ from: 'a', to: 'b', kind: 'data' }], changed: [] },
      movers: { degreeCentrality: [], betweenness: [], pagerank: [] },
      communities: {
        before: 2,
        after: 1,
        merged: [{ into: 0, from: [0, 1], jaccard: [1, 1], reason: '' }],
        split: [],
      },
      explanation: '',
    } satisfies DocumentDiff;
    expect(diffCounts(diff)).toEqual({ actors: 2, relationships: 1, communities: 1, total: 4 });
    const mover = { actor: 'a', before: 0.1, after: 0.25, delta: 0.15 };
    expect(describeDiff({ ...diff, movers: { ...diff.movers, betweenness: [mover] } }, name)).toBe(
      '1 actor joined, 1 actor changed, 1 relationship ended, communities went from 2 to 1, 1 merge of communities; Alpha gained the most betweenness (0.1 → 0.25).',
    );
    const none = {
      ...diff,
      actors: { added: [], removed: [], changed: [] },
      relationships: { added: [], removed: [], changed: [] },
      communities: { before: 3, after: 3, merged: [], split: [] },
    };
    expect(describeDiff(none, name)).toBe('No actor or relationship changed.');
    expect(
      describeFieldChange({
        field: 'capabilities',
        before: ['a'],
        after: ['b'],
        added: ['b'],
        removed: ['a'],
      }),
    ).toBe('capabilities: added “b”, removed “a”');
    expect(describeFieldChange({ field: 'name', before: 'Old', after: 'New' })).toBe('name: “Old” → “New”');
    expect(describeFieldChange({ field: 'fiscalYearStart', before: undefined, after: 4 })).toBe(
      'fiscal year start: (none) → 4',
    );
    expect(describeFieldChange({ field: 'clock', before: { cadence: 'annual' }, after: null })).toBe(
      'clock: {"cadence":"annual"} → (none)',
    );
  });

  it('sorts rows stably with missing values last, and reads id lists', () => {
    const rows = [
      { n: 'b', v: 2 },
      { n: 'a', v: null },
      { n: 'c', v: 2 },
      { n: 'd', v: 10 },
    ];
    expect(sortRows(rows, (r) => r.v, false).map((r) => r.n)).toEqual(['b', 'c', 'd', 'a']);
    expect(sortRows(rows, (r) => r.v, true).map((r) => r.n)).toEqual(['d', 'b', 'c', 'a']);
    expect(sortRows(rows, (r) => r.n, true).map((r) => r.n)).toEqual(['d', 'c', 'b', 'a']);
    expect(sortRows([{ s: 'item 10' }, { s: 'Item 9' }], (r) => r.s, false).map((r) => r.s)).toEqual([
      'Item 9',
      'item 10',
    ]);
    expect(nextSort(null, 'x', true)).toEqual({ key: 'x', descending: true });
    expect(nextSort({ key: 'x', descending: true }, 'x', true)).toEqual({ key: 'x', descending: false });
    expect(nextSort({ key: 'x', descending: true }, 'y', false)).toEqual({ key: 'y', descending: false });
    expect(parseIdList(' a, b,,a ,c ')).toEqual(['a', 'b', 'c']);
    expect(parseIdList(null)).toEqual([]);
  });
});
