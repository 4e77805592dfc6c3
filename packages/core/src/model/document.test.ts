import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  ACTOR_KINDS,
  documentJsonSchema,
  formatProblem,
  readDocument,
  STARTER_DOCUMENT,
  validateDocument,
  writeDocument,
  type EcosystemDocument,
} from '../index.ts';

const examplesDir = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const examples = readdirSync(examplesDir).filter((f) => /\.(ya?ml|json)$/.test(f));

const minimal = (extra: string) => `valueweb: 1
ecosystem: { id: e1, name: Eco }
actors:
  - { id: a, name: A, kind: biopharma }
  - { id: b, name: B, kind: provider }
${extra}`;

function problemsOf(text: string, file = 'doc.yaml') {
  const r = readDocument(text, { file });
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

describe('ecosystem document: valid input', () => {
  it('reads the starter document', () => {
    const r = readDocument(STARTER_DOCUMENT);
    expect(r.ok).toBe(true);
  });

  it('fills defaults: empty lists, strength 1, undirected', () => {
    const r = readDocument(minimal('relationships:\n  - { from: a, to: b, kind: research }\n'));
    expect(r.ok && r.document.actors[0]).toMatchObject({ capabilities: [], needs: [], values: [] });
    expect(r.ok && r.document.relationships[0]).toMatchObject({ strength: 1, directed: false });
    expect(r.ok && r.document.partnerships).toEqual([]);
  });

  it.each(examples)('round-trips example %s through YAML and JSON', (file) => {
    const text = readFileSync(`${examplesDir}${file}`, 'utf8');
    const first = readDocument(text, { file });
    if (!first.ok) throw new Error(first.problems.map(formatProblem).join('\n'));
    for (const format of ['yaml', 'json'] as const) {
      const again = readDocument(writeDocument(first.document, format), { format });
      expect(again.ok && again.document).toEqual(first.document);
    }
  });

  it.each(examples)('example %s satisfies the published JSON Schema', (file) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(documentJsonSchema());
    const r = readDocument(readFileSync(`${examplesDir}${file}`, 'utf8'), { file });
    expect(r.ok).toBe(true);
    expect(validate(r.document), JSON.stringify(validate.errors)).toBe(true);
  });

  it('round-trips any generated document (property)', () => {
    const id = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/);
    const label = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.length > 0);
    const arb = fc.uniqueArray(id, { minLength: 1, maxLength: 8 }).chain((ids) =>
      fc.record({
        actors: fc.tuple(
          ...ids.map((aid) =>
            fc.record({
              id: fc.constant(aid),
              name: label,
              kind: fc.constantFrom(...ACTOR_KINDS),
              capabilities: fc.array(label, { maxLength: 3 }),
              needs: fc.array(label, { maxLength: 3 }),
              values: fc.array(label, { maxLength: 2 }),
            }),
          ),
        ),
        relationships: fc.array(
          fc.record({
            from: fc.constantFrom(...ids),
            to: fc.constantFrom(...ids),
            kind: fc.constantFrom('research', 'data', 'funding'),
            strength: fc.double({ min: 0.01, max: 100, noNaN: true }),
            directed: fc.boolean(),
          }),
          { maxLength: 10 },
        ),
      }),
    );
    fc.assert(
      fc.property(arb, ({ actors, relationships }) => {
        const r = validateDocument({ valueweb: 1, ecosystem: { id: 'e', name: 'E' }, actors, relationships });
        expect(r.ok).toBe(true);
        const doc = (r as { document: EcosystemDocument }).document;
        for (const format of ['yaml', 'json'] as const) {
          const back = readDocument(writeDocument(doc, format), { format });
          expect(back.ok && back.document).toEqual(doc);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('ecosystem document: bad input gets every problem, with where and what', () => {
  it('names the valid kinds for an unknown actor kind, with line and column', () => {
    const [p, ...rest] = problemsOf(minimal('  - { id: c, name: C, kind: pharma }\n'));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ path: ['actors', 2, 'kind'], line: 6, file: 'doc.yaml' });
    expect(p!.message).toContain('"pharma"');
    for (const k of ACTOR_KINDS) expect(p!.message).toContain(k);
  });

  it('names an unknown actor id and where it is used', () => {
    const ps = problemsOf(minimal('relationships:\n  - from: a\n    to: ghost\n    kind: data\n'));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({
      path: ['relationships', 0, 'to'],
      line: 8,
      column: 9,
      code: 'unknown_reference',
    });
    expect(ps[0]!.message).toContain('"ghost"');
  });

  it('reports duplicate ids, unknown members and duplicate members', () => {
    const ps = problemsOf(
      minimal(`  - { id: a, name: A again, kind: ngo }
partnerships:
  - { id: p, name: P, stage: pilot, members: [{ actor: a }, { actor: zz }, { actor: a }] }
  - { id: p, name: P2, stage: pilot, members: [] }
`),
    );
    expect(ps.map((p) => [formatPathOf(p.path), p.code])).toEqual([
      ['actors[2].id', 'duplicate_id'],
      ['partnerships[0].members[1].actor', 'unknown_reference'],
      ['partnerships[0].members[2].actor', 'duplicate_id'],
      ['partnerships[1].id', 'duplicate_id'],
    ]);
  });

  it('reports every problem at once: types, enums, missing and unknown fields', () => {
    const ps = problemsOf(`valueweb: 2
ecosystem: { id: "bad id!", name: E }
actors:
  - { id: a, kind: company, capabilities: nope, colour: red }
relationships:
  - { from: a, to: a, kind: data, strength: -1, directed: maybe }
partnerships:
  - { id: p, name: P, stage: launched, members: [] }
`);
    const where = ps.map((p) => formatPathOf(p.path));
    expect(where).toEqual(
      expect.arrayContaining([
        'valueweb',
        'ecosystem.id',
        'actors[0].name',
        'actors[0].kind',
        'actors[0].capabilities',
        'actors[0]',
        'relationships[0].strength',
        'relationships[0].directed',
        'partnerships[0].stage',
      ]),
    );
    expect(ps.every((p) => p.line !== undefined && p.column !== undefined)).toBe(true);
    expect(ps.find((p) => formatPathOf(p.path) === 'actors[0]')!.message).toContain('"colour"');
  });

  it('reports a YAML syntax error with line and column', () => {
    const ps = problemsOf('valueweb: 1\necosystem: { id: e, name: E\nactors: []\n');
    expect(ps[0]).toMatchObject({ code: 'syntax', line: expect.any(Number), column: expect.any(Number) });
  });

  it('reports a JSON syntax error with line and column', () => {
    const ps = problemsOf('{\n  "valueweb": 1,\n  "ecosystem": {"id": "e",}\n}', 'doc.json');
    expect(ps[0]).toMatchObject({ code: 'syntax', line: 3, file: 'doc.json' });
  });

  it('locates schema problems in JSON files too', () => {
    const ps = problemsOf('{\n  "valueweb": 1,\n  "ecosystem": {"id": "e", "name": 7}\n}', 'doc.json');
    expect(ps[0]).toMatchObject({ path: ['ecosystem', 'name'], line: 3 });
  });

  it('refuses an empty file and a document that is not an object', () => {
    expect(problemsOf('')[0]!.message).toMatch(/empty/);
    expect(problemsOf('- 1\n- 2\n')[0]!.path).toEqual([]);
  });

  it('rejects a duplicate key in YAML', () => {
    expect(problemsOf('valueweb: 1\nvalueweb: 1\necosystem: {id: e, name: E}\n')[0]!.code).toBe('syntax');
  });
});

function formatPathOf(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
