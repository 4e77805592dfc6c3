import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  documentJsonSchema,
  formatPath,
  formatProblem,
  PARTNERSHIP_LIST_FIELDS,
  readDocument,
  writeDocument,
  type Problem,
} from '../index.ts';

/** Actors a, b (members of p) and c (not a member). */
const doc = (partnership: string) => `valueweb: 1
ecosystem: { id: e1, name: Eco }
actors:
  - { id: a, name: A, kind: biopharma, capabilities: [trials] }
  - { id: b, name: B, kind: provider, capabilities: [data] }
  - { id: c, name: C, kind: payer }
partnerships:
  - id: p
    name: P
    stage: pilot
    members: [{ actor: a }, { actor: b }]
${partnership}`;

const VALID = doc(`    charter:
      version: '1.0'
      purpose: Why.
      scope: What.
      roles:
        - { workstream: data, responsible: [a], accountable: b, consulted: [c], informed: [c] }
      committees:
        - { name: Board, members: [a, b], cadence: quarterly }
      decision: { rule: weighted, weights: { a: 2, b: 1 }, quota: 2, veto: [b], quorum: 2 }
      value: { rule: shapley, game: { synergies: [{ members: [a, b], value: 10 }], capabilities: [{ capability: trials, value: 4 }] } }
      conflictPath: [working group, board, mediation]
      ratifications:
        - { actor: a, version: '1.0', at: 2025-01-10 }
        - { actor: b, version: '1.0', at: 2025-01-12 }
    decisions:
      - id: d1
        title: Adopt the plan
        options: [adopt, defer]
        opened: 2025-02-01
        deadline: 2025-03-01
        status: passed
        decided: 2025-02-20
        votes: [{ actor: a, vote: yes, at: 2025-02-10 }, { actor: b, vote: abstain }]
        rationale: Both agreed.
    obligations:
      - { id: o1, from: a, to: c, what: Quarterly report, due: 2025-06-30, recurring: quarterly, status: open }
    issues:
      - { id: i1, title: Late data, owner: b, priority: high, status: resolved, opened: 2025-03-01, resolved: 2025-03-10, resolution: Fixed. }
    risks:
      - { id: r1, title: Exit, likelihood: 2, impact: 5, mitigation: Contracts., owner: c, status: open }
    disputes:
      - { id: x1, title: Fees, parties: [a, b], opened: 2025-04-01, stage: board, status: resolved, formal: true, resolution: Split., closed: 2025-04-20 }
    ledger:
      - { id: l1, kind: contribution, actor: a, type: cash, value: 100, currency: EUR, date: 2025-01-31, evidence: invoice 7 }
      - { id: l2, kind: contribution, actor: b, type: staff-time, quantity: 3, unit: days, value: 60, currency: EUR, date: 2025-02-28, visibility: partnership }
      - { id: l3, kind: contribution, actor: b, type: staff-time, value: 60, currency: EUR, date: 2025-03-05, reverses: l2 }
      - { id: l4, kind: benefit, actor: b, type: market-access, value: 0, currency: EUR, date: 2025-03-31 }
    milestones:
      - { id: m1, name: Kick-off, owner: a, due: 2025-02-01, status: done, completed: 2025-01-30 }
    kpis:
      - { id: k1, name: Enrolled, baseline: 0, target: 10, direction: increase, targetDate: 2025-12-31, measurements: [{ date: 2025-01-31, value: 2 }] }
    healthChecks:
      - { id: h1, opened: 2025-03-01, closed: 2025-03-15, answers: [{ organization: a, dimension: trust, score: 4 }] }
    gates:
      - { to: scaling, met: [{ item: trust-built, by: a, at: 2025-03-20 }] }
    pilots:
      - { id: pi1, name: Pilot, status: running, hypotheses: [{ assumption: X, test: Y, metric: z, threshold: 1 }] }
    lessons:
      - { id: le1, date: 2025-03-01, happened: H, learned: L, change: C, pilot: pi1, by: b }
    stageHistory:
      - { from: exploring, to: pilot, at: 2025-01-15, by: a }
`);

function problemsOf(text: string): Problem[] {
  const r = readDocument(text, { file: 'doc.yaml' });
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

const where = (ps: Problem[]) => ps.map((p) => [formatPath(p.path), p.code]);

describe('partnership sections: valid input', () => {
  it('reads a charter and every list, and round-trips them through YAML and JSON', () => {
    const r = readDocument(VALID);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const p = r.document.partnerships[0]!;
    expect(p.charter?.decision).toMatchObject({
      rule: 'weighted',
      quota: 2,
      veto: ['b'],
      abstention: 'counts-as-no',
    });
    expect(p.charter?.roles?.[0]).toEqual({
      workstream: 'data',
      responsible: ['a'],
      accountable: 'b',
      consulted: ['c'],
      informed: ['c'],
    });
    expect(p.decisions?.[0]?.votes).toHaveLength(2);
    expect(p.ledger?.map((e) => e.id)).toEqual(['l1', 'l2', 'l3', 'l4']);
    for (const f of PARTNERSHIP_LIST_FIELDS) expect(p[f], f).toBeDefined();
    for (const format of ['yaml', 'json'] as const) {
      const again = readDocument(writeDocument(r.document, format), { format });
      expect(again.ok && again.document).toEqual(r.document);
    }
  });

  it('publishes every section in the JSON Schema, which accepts the document', () => {
    const schema = documentJsonSchema();
    const partnership = (
      schema as { properties: Record<string, { items: { properties: Record<string, unknown> } }> }
    ).properties.partnerships!.items.properties;
    for (const f of ['charter', ...PARTNERSHIP_LIST_FIELDS]) expect(partnership, f).toHaveProperty(f);
    const charter = partnership.charter as { properties: Record<string, unknown> };
    for (const f of [
      'version',
      'purpose',
      'scope',
      'roles',
      'committees',
      'decision',
      'value',
      'conflictPath',
      'ratifications',
    ])
      expect(charter.properties, f).toHaveProperty(f);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const r = readDocument(VALID);
    expect(r.ok).toBe(true);
    expect(validate(r.ok && r.document), JSON.stringify(validate.errors)).toBe(true);
    expect(
      validate({
        ...(r.ok ? r.document : {}),
        partnerships: [{ ...(r.ok ? r.document.partnerships[0] : {}), ledger: [{ id: 'x', kind: 'gift' }] }],
      }),
    ).toBe(false);
  });

  it('keeps a partnership without any section valid', () => {
    expect(readDocument(doc('')).ok).toBe(true);
  });
});

describe('partnership sections: every bad input gets a path, a code, a line and a column', () => {
  const sub = (from: string, to: string) => {
    expect(VALID).toContain(from);
    return VALID.replace(from, to);
  };

  it.each<[string, string, string, string, string]>([
    // [case, from, to, expected path, expected code]
    [
      'unknown charter field',
      "      version: '1.0'\n",
      "      version: '1.0'\n      colour: red\n",
      'partnerships[0].charter',
      'unknown_field',
    ],
    [
      'veto by a non-member',
      'veto: [b]',
      'veto: [c]',
      'partnerships[0].charter.decision.veto[0]',
      'unknown_reference',
    ],
    [
      'weight of a non-member',
      'weights: { a: 2, b: 1 }',
      'weights: { a: 2, b: 1, c: 1 }',
      'partnerships[0].charter.decision.weights.c',
      'unknown_reference',
    ],
    [
      'quota above the total weight',
      'quota: 2, veto',
      'quota: 4, veto',
      'partnerships[0].charter.decision.quota',
      'invalid_value',
    ],
    [
      'unknown decision rule',
      'rule: weighted',
      'rule: consensus',
      'partnerships[0].charter.decision.rule',
      'invalid_value',
    ],
    [
      'synergy with a non-member',
      'synergies: [{ members: [a, b]',
      'synergies: [{ members: [a, c]',
      'partnerships[0].charter.value.game.synergies[0].members[1]',
      'unknown_reference',
    ],
    [
      'responsible non-member',
      'responsible: [a]',
      'responsible: [c]',
      'partnerships[0].charter.roles[0].responsible[0]',
      'unknown_reference',
    ],
    [
      'accountable unknown actor',
      'accountable: b',
      'accountable: ghost',
      'partnerships[0].charter.roles[0].accountable',
      'unknown_reference',
    ],
    [
      'informed unknown actor',
      'informed: [c]',
      'informed: [ghost]',
      'partnerships[0].charter.roles[0].informed[0]',
      'unknown_reference',
    ],
    [
      'committee non-member',
      'members: [a, b], cadence',
      'members: [a, c], cadence',
      'partnerships[0].charter.committees[0].members[1]',
      'unknown_reference',
    ],
    [
      'ratification by a non-member',
      "{ actor: b, version: '1.0'",
      "{ actor: c, version: '1.0'",
      'partnerships[0].charter.ratifications[1].actor',
      'unknown_reference',
    ],
    [
      'ratifying twice',
      "{ actor: b, version: '1.0'",
      "{ actor: a, version: '1.0'",
      'partnerships[0].charter.ratifications[1]',
      'duplicate_id',
    ],
    [
      'step twice on the conflict path',
      'conflictPath: [working group, board, mediation]',
      'conflictPath: [board, board]',
      'partnerships[0].charter.conflictPath[1]',
      'duplicate_id',
    ],
    [
      'vote by a non-member',
      '{ actor: b, vote: abstain }',
      '{ actor: c, vote: abstain }',
      'partnerships[0].decisions[0].votes[1].actor',
      'unknown_reference',
    ],
    [
      'vote by an unknown actor',
      '{ actor: b, vote: abstain }',
      '{ actor: ghost, vote: abstain }',
      'partnerships[0].decisions[0].votes[1].actor',
      'unknown_reference',
    ],
    [
      'two votes by one member',
      '{ actor: b, vote: abstain }',
      '{ actor: a, vote: no }',
      'partnerships[0].decisions[0].votes[1].actor',
      'duplicate_id',
    ],
    [
      'unknown vote',
      'vote: abstain',
      'vote: maybe',
      'partnerships[0].decisions[0].votes[1].vote',
      'invalid_value',
    ],
    [
      'unknown decision status',
      'status: passed',
      'status: adopted',
      'partnerships[0].decisions[0].status',
      'invalid_value',
    ],
    [
      'deadline before opened',
      'deadline: 2025-03-01',
      'deadline: 2025-01-01',
      'partnerships[0].decisions[0].deadline',
      'invalid_value',
    ],
    [
      'decided while open',
      'status: passed\n        decided',
      'status: open\n        decided',
      'partnerships[0].decisions[0].decided',
      'invalid_value',
    ],
    [
      'missing deadline',
      '        deadline: 2025-03-01\n',
      '',
      'partnerships[0].decisions[0].deadline',
      'invalid_value',
    ],
    [
      'obligation to an unknown actor',
      'from: a, to: c',
      'from: a, to: ghost',
      'partnerships[0].obligations[0].to',
      'unknown_reference',
    ],
    [
      'unknown recurrence',
      'recurring: quarterly',
      'recurring: weekly',
      'partnerships[0].obligations[0].recurring',
      'invalid_value',
    ],
    [
      'issue owner unknown',
      'owner: b, priority',
      'owner: ghost, priority',
      'partnerships[0].issues[0].owner',
      'unknown_reference',
    ],
    [
      'unknown priority',
      'priority: high',
      'priority: urgent',
      'partnerships[0].issues[0].priority',
      'invalid_value',
    ],
    [
      'resolved before opened',
      'resolved: 2025-03-10',
      'resolved: 2025-02-10',
      'partnerships[0].issues[0].resolved',
      'invalid_value',
    ],
    [
      'likelihood out of range',
      'likelihood: 2',
      'likelihood: 6',
      'partnerships[0].risks[0].likelihood',
      'invalid_value',
    ],
    [
      'risk owner unknown',
      'owner: c, status',
      'owner: ghost, status',
      'partnerships[0].risks[0].owner',
      'unknown_reference',
    ],
    [
      'dispute party non-member',
      'parties: [a, b]',
      'parties: [a, c]',
      'partnerships[0].disputes[0].parties[1]',
      'unknown_reference',
    ],
    [
      'dispute stage off the conflict path',
      'stage: board',
      'stage: court',
      'partnerships[0].disputes[0].stage',
      'unknown_reference',
    ],
    [
      'dispute closed before opened',
      'closed: 2025-04-20',
      'closed: 2025-03-20',
      'partnerships[0].disputes[0].closed',
      'invalid_value',
    ],
    [
      'negative ledger value',
      'value: 100, currency',
      'value: -100, currency',
      'partnerships[0].ledger[0].value',
      'invalid_value',
    ],
    [
      'ledger actor non-member',
      'actor: a, type: cash',
      'actor: c, type: cash',
      'partnerships[0].ledger[0].actor',
      'unknown_reference',
    ],
    ['unknown ledger type', 'type: cash', 'type: shares', 'partnerships[0].ledger[0].type', 'invalid_value'],
    [
      'bad currency',
      'currency: EUR, date: 2025-01-31',
      'currency: euro, date: 2025-01-31',
      'partnerships[0].ledger[0].currency',
      'invalid_value',
    ],
    ['duplicate ledger id', '{ id: l4,', '{ id: l1,', 'partnerships[0].ledger[3].id', 'duplicate_id'],
    [
      'reversing an unknown entry',
      'reverses: l2',
      'reverses: l9',
      'partnerships[0].ledger[2].reverses',
      'unknown_reference',
    ],
    [
      'reversal that does not match',
      'value: 60, currency: EUR, date: 2025-03-05',
      'value: 50, currency: EUR, date: 2025-03-05',
      'partnerships[0].ledger[2].reverses',
      'invalid_value',
    ],
    [
      'milestone owner unknown',
      'owner: a, due',
      'owner: ghost, due',
      'partnerships[0].milestones[0].owner',
      'unknown_reference',
    ],
    [
      'health-check answer by a non-member',
      'organization: a',
      'organization: c',
      'partnerships[0].healthChecks[0].answers[0].organization',
      'unknown_reference',
    ],
    [
      'lesson naming an unknown pilot',
      'pilot: pi1',
      'pilot: pi9',
      'partnerships[0].lessons[0].pilot',
      'unknown_reference',
    ],
  ])('%s', (_case, from, to, path, code) => {
    const ps = problemsOf(sub(from, to));
    expect(where(ps)).toContainEqual([path, code]);
    const p = ps.find((x) => formatPath(x.path) === path)!;
    expect(p.line, formatProblem(p)).toEqual(expect.any(Number));
    expect(p.column).toEqual(expect.any(Number));
    expect(p.file).toBe('doc.yaml');
  });

  it('names the field when a non-member votes', () => {
    const [p] = problemsOf(VALID.replace('{ actor: b, vote: abstain }', '{ actor: c, vote: abstain }'));
    expect(p!.message).toBe(
      '"c" in decisions[0].votes[1].actor is not a member of this partnership: only members vote',
    );
    const votesLine = VALID.split('\n').findIndex((l) => l.includes('votes: [')) + 1;
    expect(p).toMatchObject({ line: votesLine, column: expect.any(Number) });
  });

  it('reports duplicate ids in every governance list', () => {
    const ps = problemsOf(
      VALID.replace(
        '    issues:\n',
        '    issues:\n      - { id: i1, title: Again, owner: a, priority: low, status: open, opened: 2025-03-02 }\n',
      )
        .replace('    risks:\n', '    risks:\n      - { id: r1, title: Again, likelihood: 1, impact: 1 }\n')
        .replace(
          '    disputes:\n',
          '    disputes:\n      - { id: x1, title: Again, parties: [a], opened: 2025-04-02, stage: board, status: open }\n',
        )
        .replace(
          '    obligations:\n',
          '    obligations:\n      - { id: o1, from: b, to: a, what: Again, due: 2025-07-01, status: done }\n',
        ),
    );
    expect(where(ps)).toEqual(
      expect.arrayContaining([
        ['partnerships[0].obligations[1].id', 'duplicate_id'],
        ['partnerships[0].issues[1].id', 'duplicate_id'],
        ['partnerships[0].risks[1].id', 'duplicate_id'],
        ['partnerships[0].disputes[1].id', 'duplicate_id'],
      ]),
    );
  });

  it('refuses a second reversal of one entry and the reversal of a reversal', () => {
    const ps = problemsOf(
      VALID.replace(
        '      - { id: l4,',
        '      - { id: l5, kind: contribution, actor: b, type: staff-time, value: 60, currency: EUR, date: 2025-03-06, reverses: l2 }\n      - { id: l6, kind: contribution, actor: b, type: staff-time, value: 60, currency: EUR, date: 2025-03-07, reverses: l3 }\n      - { id: l4,',
      ),
    );
    expect(where(ps)).toEqual([
      ['partnerships[0].ledger[3].reverses', 'duplicate_id'],
      ['partnerships[0].ledger[4].reverses', 'invalid_value'],
    ]);
  });

  it('reports schema and reference problems together', () => {
    const ps = problemsOf(
      VALID.replace('likelihood: 2', 'likelihood: 9').replace(
        '{ actor: b, vote: abstain }',
        '{ actor: c, vote: abstain }',
      ),
    );
    expect(where(ps)).toEqual(
      expect.arrayContaining([
        ['partnerships[0].risks[0].likelihood', 'invalid_value'],
        ['partnerships[0].decisions[0].votes[1].actor', 'unknown_reference'],
      ]),
    );
  });
});
