import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeEcosystem, type AnalyzeReport } from './analyze.ts';
import { formatProblem, readDocument, validateDocument, type EcosystemDocument } from './model/index.ts';

const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const TODAY = '2026-11-23';

function example(file: string): EcosystemDocument {
  const r = readDocument(readFileSync(`${examplesDir}${file}`, 'utf8'), { file });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.document;
}

function valid(raw: unknown): EcosystemDocument {
  const r = validateDocument(raw);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.document;
}

/** Every number in the report, with where it is. */
function numbers(x: unknown, path = '', out: [string, number][] = []): [string, number][] {
  if (typeof x === 'number') out.push([path, x]);
  else if (Array.isArray(x)) x.forEach((v, i) => numbers(v, `${path}[${i}]`, out));
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) numbers(v, `${path}.${k}`, out);
  return out;
}

const EXAMPLES = [
  { file: 'rare-disease-ecosystem.yaml', actors: 49, relationships: 122, partnerships: 4 },
  { file: 'river-restoration-coalition.yaml', actors: 25, relationships: 51, partnerships: 2 },
];

describe('analyzeEcosystem on the examples: the contract keys', () => {
  it.each(EXAMPLES)('$file', ({ file, actors, relationships, partnerships }) => {
    const doc = example(file);
    const r: AnalyzeReport = analyzeEcosystem(doc, { seed: 1, today: TODAY });
    // summary
    expect(r.counts).toMatchObject({ actors, relationships, partnerships });
    for (const k of ['actorKinds', 'relationshipKinds', 'flows', 'stages'] as const)
      expect(typeof r[k]).toBe('object');
    expect(r.ecosystem.id).toBe(doc.ecosystem.id);
    expect(r.generatedFor).toBe(TODAY);
    // map
    expect(Object.keys(r.network.actors)).toHaveLength(actors);
    for (const m of Object.values(r.network.actors)) {
      for (const k of [
        'degree',
        'degreeCentrality',
        'betweenness',
        'closeness',
        'pagerank',
        'clustering',
        'constraint',
        'community',
      ])
        expect(typeof m[k as keyof typeof m], k).toBe('number');
    }
    expect(typeof r.network.components).toBe('number');
    expect(Array.isArray(r.network.articulationPoints)).toBe(true);
    expect(Array.isArray(r.network.bridges)).toBe(true);
    expect(typeof r.network.modularity).toBe('number');
    expect(Array.isArray(r.network.communities)).toBe(true);
    expect(r.gaps).toHaveProperty('unprovided');
    expect(Array.isArray(r.opportunities)).toBe(true);
    expect(Array.isArray(r.criticality)).toBe(true);
    // partnerships
    expect(Object.keys(r.partnerships)).toEqual(doc.partnerships.map((p) => p.id));
    for (const p of doc.partnerships) {
      const a = r.partnerships[p.id]!;
      const members = p.members.map((m) => m.actor);
      expect(Object.keys(a.governance.power)).toEqual(members);
      for (const m of Object.values(a.governance.power)) {
        expect(m.shapleyShubik).toBeGreaterThanOrEqual(0);
        expect(m.banzhaf).toBeGreaterThanOrEqual(0);
        expect(m.penrose).toBeGreaterThanOrEqual(0);
      }
      const ss = Object.values(a.governance.power).reduce((s, m) => s + m.shapleyShubik, 0);
      expect(ss).toBeCloseTo(1, 9);
      expect(Array.isArray(a.governance.vetoPlayers)).toBe(true);
      expect(Array.isArray(a.governance.dummies)).toBe(true);
      expect(a.governance.dictator === null || typeof a.governance.dictator === 'string').toBe(true);
      expect(a.governance.rule).toHaveProperty('rule');
      expect(a.governance.explanation.length).toBeGreaterThan(0);
      expect(a.health.score).toBeGreaterThanOrEqual(0);
      expect(a.health.score).toBeLessThanOrEqual(100);
      expect(['green', 'amber', 'red']).toContain(a.health.rag);
      expect(Array.isArray(a.health.components)).toBe(true);
      for (const s of a.signals) {
        expect(s).toMatchObject({
          kind: expect.any(String),
          severity: expect.any(String),
          since: expect.any(String),
          action: expect.any(String),
        });
        expect(Array.isArray(s.evidence)).toBe(true);
      }
      if (p.charter?.value?.game) expect(Object.keys(a.value!.shapley)).toEqual(members);
      else expect(a.value).toBeNull();
    }
    // no NaN, no infinity anywhere
    const bad = numbers(r).filter(([, x]) => !Number.isFinite(x));
    expect(bad).toEqual([]);
    // JSON-safe: what the CLI prints is what it computed
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('analyses the rare-disease example well under a second, the same for the same seed', () => {
    const doc = example('rare-disease-ecosystem.yaml');
    analyzeEcosystem(doc, { seed: 1, today: TODAY });
    const t0 = performance.now();
    const r = analyzeEcosystem(doc, { seed: 1, today: TODAY });
    expect(performance.now() - t0).toBeLessThan(500);
    expect(analyzeEcosystem(doc, { seed: 1, today: TODAY })).toEqual(r);
  });

  it('shows meaningful governance, value, fairness, health and signals for the enriched partnerships', () => {
    const r = analyzeEcosystem(example('rare-disease-ecosystem.yaml'), { seed: 1, today: TODAY });
    const gene = r.partnerships['gene-therapy-access-ppp']!;
    expect(gene.governance.ruleSource).toBe('charter');
    expect(gene.governance.vetoPlayers).toEqual(['rare-voices-europe']);
    expect(gene.governance.decisions.find((d) => d.id === 'baltic-extension')!.tally.vetoedBy).toEqual([
      'rare-voices-europe',
    ]);
    expect(gene.governance.decisions.every((d) => d.agrees !== false)).toBe(true);
    expect(gene.value!.grandValue).toBe(150);
    expect(gene.fairness!.flagged).toEqual(['rare-voices-europe']);
    const kinds = gene.signals.map((s) => s.kind);
    for (const k of ['perception-gap', 'contribution-imbalance', 'rising-disputes', 'decision-gridlock'])
      expect(kinds).toContain(k);
    expect(gene.registers.disputes.open).toBe(2);
    const newborn = r.partnerships['newborn-screening-consortium']!;
    expect(newborn.value!.shapley).toMatchObject({
      'skagen-genome-institute': 40,
      'baltra-medical': 15,
      'nordic-hta-council': 0,
    });
    expect(newborn.health.components.filter((c) => c.included).length).toBe(7);
  });
});

const base = {
  valueweb: 1,
  ecosystem: { id: 'e', name: 'E' },
  actors: [
    { id: 'a', name: 'A', kind: 'biopharma', capabilities: ['trials'] },
    { id: 'b', name: 'B', kind: 'provider', capabilities: ['data'] },
    { id: 'c', name: 'C', kind: 'payer' },
  ],
  relationships: [{ from: 'a', to: 'b', kind: 'research' }],
};
const members = [{ actor: 'a' }, { actor: 'b' }, { actor: 'c' }];

describe('analyzeEcosystem: partnership governance and value, hand-checked', () => {
  it('weighted votes a:2, b:1, c:1, quota 3 — a is a veto player by weight', () => {
    // Winning: {a,b}, {a,c}, {a,b,c}. Swings a 3, b 1, c 1 (Banzhaf 3/5, 1/5, 1/5; Penrose 3/4, 1/4, 1/4).
    // Orders (6): a pivotal in bac, bca, cab, cba → 2/3; b in abc, c in acb → 1/6 each.
    const doc = valid({
      ...base,
      partnerships: [
        {
          id: 'p',
          name: 'P',
          stage: 'pilot',
          members,
          charter: { decision: { rule: 'weighted', weights: { a: 2 }, quota: 3 } },
        },
      ],
    });
    const g = analyzeEcosystem(doc, { seed: 1, today: TODAY }).partnerships.p!.governance;
    expect(g.power.a!.shapleyShubik).toBeCloseTo(2 / 3, 12);
    expect(g.power.b!.shapleyShubik).toBeCloseTo(1 / 6, 12);
    expect(g.power.c!.shapleyShubik).toBeCloseTo(1 / 6, 12);
    expect(g.power.a!.banzhaf).toBeCloseTo(3 / 5, 12);
    expect(g.power.b!.banzhaf).toBeCloseTo(1 / 5, 12);
    expect(g.power.a!.penrose).toBeCloseTo(3 / 4, 12);
    expect(g.power.c!.penrose).toBeCloseTo(1 / 4, 12);
    expect(g.vetoPlayers).toEqual(['a']);
    expect(g.dummies).toEqual([]);
    expect(g.dictator).toBeNull();
  });

  it('adding a veto for c makes b a dummy and splits the power between a and c', () => {
    // Winning now needs c and weight 3: {a,c}, {a,b,c}. Swings a 2, c 2, b 0.
    const doc = valid({
      ...base,
      partnerships: [
        {
          id: 'p',
          name: 'P',
          stage: 'pilot',
          members,
          charter: { decision: { rule: 'weighted', weights: { a: 2 }, quota: 3, veto: ['c'] } },
        },
      ],
    });
    const g = analyzeEcosystem(doc, { seed: 1, today: TODAY }).partnerships.p!.governance;
    expect(g.power.a!.shapleyShubik).toBeCloseTo(0.5, 12);
    expect(g.power.c!.shapleyShubik).toBeCloseTo(0.5, 12);
    expect(g.power.b).toMatchObject({ shapleyShubik: 0, banzhaf: 0, penrose: 0, dummy: true });
    expect(g.power.a!.penrose).toBeCloseTo(0.5, 12);
    expect(g.vetoPlayers).toEqual(['a', 'c']);
    expect(g.dummies).toEqual(['b']);
  });

  it('defaults to a simple majority of the members, and tallies recorded decisions by the rule', () => {
    const doc = valid({
      ...base,
      partnerships: [
        {
          id: 'p',
          name: 'P',
          stage: 'pilot',
          members,
          decisions: [
            {
              id: 'd1',
              title: 'Go',
              opened: '2026-01-01',
              deadline: '2026-02-01',
              status: 'passed',
              decided: '2026-01-20',
              votes: [
                { actor: 'a', vote: 'yes' },
                { actor: 'b', vote: 'yes' },
                { actor: 'c', vote: 'no' },
              ],
            },
            {
              id: 'd2',
              title: 'Stop',
              opened: '2026-01-01',
              deadline: '2026-02-01',
              status: 'passed',
              decided: '2026-01-20',
              votes: [
                { actor: 'a', vote: 'yes' },
                { actor: 'b', vote: 'no' },
                { actor: 'c', vote: 'no' },
              ],
            },
          ],
        },
      ],
    });
    const g = analyzeEcosystem(doc, { seed: 1, today: TODAY }).partnerships.p!.governance;
    expect(g.ruleSource).toBe('default');
    expect(g.rule.rule).toBe('majority');
    for (const id of ['a', 'b', 'c']) expect(g.power[id]!.shapleyShubik).toBeCloseTo(1 / 3, 12);
    expect(g.decisions.map((d) => [d.id, d.tally.passed, d.agrees])).toEqual([
      ['d1', true, true],
      ['d2', false, false],
    ]);
  });

  it('values the charter game by Shapley and weighs the ledger net of reversals', () => {
    const doc = valid({
      ...base,
      partnerships: [
        {
          id: 'p',
          name: 'P',
          stage: 'pilot',
          members,
          charter: {
            value: {
              rule: 'shapley',
              game: {
                synergies: [{ members: ['a', 'b'], value: 10 }],
                capabilities: [{ capability: 'trials', value: 6 }],
              },
            },
          },
          ledger: [
            {
              id: 'l1',
              kind: 'contribution',
              actor: 'a',
              type: 'cash',
              value: 100,
              currency: 'EUR',
              date: '2026-01-01',
            },
            {
              id: 'l2',
              kind: 'contribution',
              actor: 'b',
              type: 'cash',
              value: 900,
              currency: 'EUR',
              date: '2026-01-02',
            },
            {
              id: 'l3',
              kind: 'contribution',
              actor: 'b',
              type: 'cash',
              value: 900,
              currency: 'EUR',
              date: '2026-01-03',
              reverses: 'l2',
            },
            {
              id: 'l4',
              kind: 'contribution',
              actor: 'b',
              type: 'cash',
              value: 100,
              currency: 'EUR',
              date: '2026-01-03',
            },
            {
              id: 'l5',
              kind: 'benefit',
              actor: 'a',
              type: 'cash',
              value: 50,
              currency: 'EUR',
              date: '2026-02-01',
            },
            {
              id: 'l6',
              kind: 'benefit',
              actor: 'b',
              type: 'cash',
              value: 50,
              currency: 'EUR',
              date: '2026-02-01',
            },
            {
              id: 'l7',
              kind: 'benefit',
              actor: 'b',
              type: 'cash',
              value: 999,
              currency: 'EUR',
              date: '2027-02-01',
            },
            {
              id: 'l8',
              kind: 'contribution',
              actor: 'c',
              type: 'cash',
              value: 5,
              currency: 'USD',
              date: '2026-02-01',
            },
          ],
        },
      ],
    });
    const p = analyzeEcosystem(doc, { seed: 1, today: TODAY }).partnerships.p!;
    expect(p.value!.shapley).toEqual({ a: 11, b: 5, c: 0 });
    expect(p.value!.grandValue).toBe(16);
    expect(p.value!.shares!.a).toBeCloseTo(11 / 16, 12);
    expect(p.fairness).toMatchObject({
      currency: 'EUR',
      entries: 4,
      otherCurrencyEntries: 1,
      gini: 0,
      flagged: [],
    });
    const a = p.fairness!.members.find((m) => m.actorId === 'a')!;
    expect(a).toMatchObject({ contributed: 100, received: 50, ratio: 0.5 });
    expect(p.health.components.find((c) => c.name === 'contributionBalance')!.included).toBe(true);
  });

  it('refuses a day that is not a real date', () => {
    const doc = valid({ ...base });
    expect(() => analyzeEcosystem(doc, { seed: 1, today: '2026-02-30' })).toThrow(/today|date/);
  });
});
