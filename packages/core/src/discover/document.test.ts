import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { analyzeEcosystem } from '../analyze.ts';
import { documentJsonSchema } from '../model/json-schema.ts';
import { formatPath, ValidationError, type Problem } from '../model/problem.ts';
import { readDocument, writeDocument } from '../model/text.ts';
import { validateDocument } from '../model/validate.ts';
import type { EcosystemDocument } from '../model/document.ts';
import { DEFAULT_CRITERIA } from './criteria.ts';
import {
  analyzeDiscover,
  candidatePool,
  focalActor,
  portfolioForDocument,
  scoreDocument,
  withWeights,
} from './ecosystem.ts';

const base = {
  valueweb: 1,
  ecosystem: { id: 'e1', name: 'Eco' },
  actors: [
    {
      id: 'focal',
      name: 'Focal',
      kind: 'biopharma',
      capabilities: ['trials'],
      needs: ['data', 'money', 'logistics'],
      values: ['speed', 'rigour'],
      clock: { cadence: 'quarterly' },
    },
    {
      id: 'b',
      name: 'B',
      kind: 'provider',
      capabilities: ['data'],
      needs: ['trials'],
      values: ['rigour'],
      clock: { cadence: 'annual' },
    },
    { id: 'c', name: 'C', kind: 'payer', capabilities: ['money', 'data'], values: ['speed'] },
    { id: 'd', name: 'D', kind: 'corporate', capabilities: ['logistics'] },
  ],
  partnerships: [{ id: 'p1', name: 'P1', stage: 'exploring', members: [{ actor: 'focal' }, { actor: 'b' }] }],
};

const withDiscover = (discover: unknown) => ({ ...base, discover });

function problems(discover: unknown): Problem[] {
  const r = validateDocument(withDiscover(discover));
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}
const at = (ps: Problem[]) => ps.map((p) => `${formatPath(p.path)}: ${p.message}`);

function doc(discover: unknown): EcosystemDocument {
  const r = validateDocument(withDiscover(discover));
  if (!r.ok) throw new Error(at(r.problems).join('\n'));
  return r.document;
}

describe('the discover section: valid input', () => {
  it('fills defaults and leaves criteria absent (the defaults of seed 000 apply)', () => {
    const d = doc({ focal: 'focal' });
    expect(d.discover).toEqual({ focal: 'focal', ratings: [], pipeline: [], readiness: [] });
    expect(analyzeDiscover(d).criteria).toEqual(DEFAULT_CRITERIA);
    expect(analyzeDiscover(d).criteriaSource).toBe('default');
  });

  it('a document without the section has none (and no discover report)', () => {
    const r = validateDocument(base);
    expect(r.ok && r.document.discover).toBeUndefined();
    const report = analyzeEcosystem(r.ok ? r.document : (undefined as never), {
      seed: 1,
      today: '2026-01-01',
    });
    expect('discover' in report).toBe(false);
  });

  it('round-trips ratings, pipeline and readiness through YAML and JSON', () => {
    const d = doc({
      focal: 'focal',
      ratings: [
        { candidate: 'b', criterion: 'culture', rater: 'b', score: 4, note: 'fine', visibility: 'ecosystem' },
      ],
      pipeline: [
        {
          candidate: 'b',
          stage: 'contacted',
          owner: 'Ann',
          history: [
            { at: '2026-01-01T00:00:00Z', by: 'Ann', kind: 'created', to: 'candidate' },
            { at: '2026-01-02T00:00:00Z', by: 'Ann', kind: 'moved', from: 'candidate', to: 'contacted' },
          ],
        },
      ],
      readiness: [
        {
          subject: { kind: 'partnership', id: 'p1' },
          responses: [{ organization: 'b', answers: { 'mutual-benefit': 'yes', 'dominant-players': 'no' } }],
        },
        { subject: { kind: 'initiative', id: 'new-thing' }, name: 'A new thing' },
      ],
    });
    for (const format of ['yaml', 'json'] as const) {
      const again = readDocument(writeDocument(d, format), { format });
      expect(again.ok && again.document).toEqual(d);
    }
  });

  it('the example document has a discover section that satisfies the published JSON Schema', () => {
    const file = fileURLToPath(new URL('../../../../examples/rare-disease-ecosystem.yaml', import.meta.url));
    const r = readDocument(readFileSync(file, 'utf8'));
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    expect(r.document.discover?.focal).toBe('nordgen-therapeutics');
    expect(r.document.discover?.pipeline.length).toBeGreaterThan(0);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(documentJsonSchema());
    expect(validate(JSON.parse(JSON.stringify(r.document)))).toBe(true);
    const schema = documentJsonSchema() as { properties: Record<string, unknown> };
    expect(schema.properties.discover).toBeDefined();
    // The schema refuses what the document refuses: a rating out of range.
    const bad = structuredClone(JSON.parse(JSON.stringify(r.document)));
    bad.discover.ratings[0].score = 7;
    expect(validate(bad)).toBe(false);
  });
});

describe('the discover section: bad input gives clear problems with paths', () => {
  it('an unknown focal actor, candidate, rater or answering organization', () => {
    expect(
      at(
        problems({
          focal: 'nobody',
          ratings: [{ candidate: 'ghost', criterion: 'culture', rater: 'phantom', score: 3 }],
          pipeline: [{ candidate: 'ghost', stage: 'candidate' }],
          readiness: [
            { subject: { kind: 'initiative', id: 'x' }, responses: [{ organization: 'ghost', answers: {} }] },
          ],
        }),
      ),
    ).toEqual([
      'discover.focal: unknown actor id "nobody" in discover.focal',
      'discover.ratings[0].candidate: unknown actor id "ghost" in discover.ratings[0].candidate',
      'discover.ratings[0].rater: unknown actor id "phantom" in discover.ratings[0].rater',
      'discover.pipeline[0].candidate: unknown actor id "ghost" in discover.pipeline[0].candidate',
      'discover.readiness[0].responses[0].organization: unknown actor id "ghost" in discover.readiness[0].responses[0].organization',
    ]);
  });

  it('an unknown criterion, and a computed criterion rated', () => {
    expect(
      at(
        problems({
          ratings: [
            { candidate: 'b', criterion: 'charisma', rater: 'c', score: 3 },
            { candidate: 'b', criterion: 'values', rater: 'c', score: 3 },
          ],
        }),
      ),
    ).toEqual([
      'discover.ratings[0].criterion: unknown criterion "charisma"; the criteria are: complementarity, values, culture, vision, financial, clock',
      'discover.ratings[1].criterion: criterion "values" is computed from the map, not rated; rate one of: culture, vision, financial',
    ]);
  });

  it('ratings name the document’s own criteria when it has them', () => {
    const criteria = [{ id: 'trust', name: 'Trust', source: 'rated', weight: 1 }];
    expect(() =>
      doc({ criteria, ratings: [{ candidate: 'b', criterion: 'trust', rater: 'c', score: 2 }] }),
    ).not.toThrow();
    expect(
      at(problems({ criteria, ratings: [{ candidate: 'b', criterion: 'culture', rater: 'c', score: 2 }] })),
    ).toEqual(['discover.ratings[0].criterion: unknown criterion "culture"; the criteria are: trust']);
  });

  it('a rating out of range or not whole, and a visibility that does not apply', () => {
    expect(
      at(
        problems({
          ratings: [
            { candidate: 'b', criterion: 'culture', rater: 'c', score: 6 },
            { candidate: 'c', criterion: 'culture', rater: 'c', score: 0 },
            { candidate: 'd', criterion: 'culture', rater: 'c', score: 2.5 },
            { candidate: 'd', criterion: 'vision', rater: 'c', score: 2, visibility: 'partnership' },
          ],
        }),
      ),
    ).toEqual([
      'discover.ratings[0].score: expected a score from 1 to 5',
      'discover.ratings[1].score: expected a score from 1 to 5',
      'discover.ratings[2].score: expected a whole score from 1 to 5',
      'discover.ratings[3].visibility: unknown visibility "partnership"; expected private (the organization and the orchestrators) or ecosystem (everyone)',
    ]);
  });

  it('a negative weight, an unknown computed criterion, duplicate ids and all weights zero', () => {
    expect(
      at(
        problems({
          criteria: [
            { id: 'x', name: 'X', source: 'rated', weight: -1 },
            { id: 'y', name: 'Y', source: 'computed', computed: 'charm', weight: 2 },
          ],
        }),
      ),
    ).toEqual([
      'discover.criteria[0].weight: expected a weight of 0 or more',
      'discover.criteria[1].computed: expected computed: one of complementarity, values, clock',
    ]);
    expect(
      at(
        problems({
          criteria: [
            { id: 'x', name: 'X', source: 'rated', weight: 0 },
            { id: 'x', name: 'X again', source: 'rated', weight: 0 },
          ],
        }),
      ),
    ).toEqual([
      'discover.criteria[1].id: duplicate criterion id "x" (first used at [0])',
      'discover.criteria: all criterion weights are zero; give at least one criterion a positive weight',
    ]);
  });

  it('the same rating twice, two pipeline entries for one candidate, the focal actor as a candidate', () => {
    expect(
      at(
        problems({
          focal: 'focal',
          ratings: [
            { candidate: 'b', criterion: 'culture', rater: 'c', score: 3 },
            { candidate: 'b', criterion: 'culture', rater: 'c', score: 4 },
          ],
          pipeline: [
            { candidate: 'b', stage: 'candidate' },
            { candidate: 'b', stage: 'contacted' },
            { candidate: 'focal', stage: 'candidate' },
          ],
        }),
      ),
    ).toEqual([
      'discover.ratings[1]: "c" already rates "b" on "culture" (discover.ratings[0]): one rating per candidate, criterion and rater',
      'discover.pipeline[1].candidate: "b" already has a pipeline entry (discover.pipeline[0])',
      'discover.pipeline[2].candidate: "focal" is the focal actor (the one partners are selected for), not a candidate',
    ]);
  });

  it('an unknown stage or partnership in the pipeline', () => {
    expect(
      at(
        problems({
          pipeline: [
            { candidate: 'b', stage: 'dating' },
            { candidate: 'c', stage: 'chartered', partnership: 'nope' },
          ],
        }),
      ),
    ).toEqual([
      'discover.pipeline[0].stage: expected a stage: one of candidate, contacted, exploring, aligned, chartered, declined',
      'discover.pipeline[1].partnership: unknown partnership id "nope"',
    ]);
  });

  it('readiness: an unknown partnership, item or answer; a subject or organization twice', () => {
    expect(
      at(
        problems({
          readiness: [
            { subject: { kind: 'partnership', id: 'p9' } },
            {
              subject: { kind: 'initiative', id: 'i1' },
              responses: [
                { organization: 'b', answers: { 'mutual-benefit': 'maybe' } },
                { organization: 'b', answers: { 'made-up': 'yes' } },
              ],
            },
            { subject: { kind: 'initiative', id: 'i1' } },
          ],
        }),
      ),
    ).toEqual([
      // The schema's problems come first, then the cross-references.
      'discover.readiness[1].responses[0].answers.mutual-benefit: unknown answer "maybe"; expected yes, partly or no',
      'discover.readiness[1].responses[1].answers: unknown field "made-up"',
      'discover.readiness[0].subject.id: unknown partnership id "p9"',
      'discover.readiness[1].responses[1].organization: "b" already responded to this assessment (responses[0])',
      'discover.readiness[2].subject: initiative "i1" already has an assessment (discover.readiness[1])',
    ]);
  });

  it('text input gives line and column for discover problems', () => {
    const text = `valueweb: 1
ecosystem: { id: e1, name: Eco }
actors:
  - { id: a, name: A, kind: biopharma }
discover:
  focal: a
  ratings:
    - { candidate: zz, criterion: culture, rater: a, score: 3 }
`;
    const r = readDocument(text, { file: 'x.yaml' });
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ path: ['discover', 'ratings', 0, 'candidate'], line: 8 });
  });
});

describe('Discover on a document', () => {
  const d = doc({
    focal: 'focal',
    ratings: [
      { candidate: 'b', criterion: 'culture', rater: 'c', score: 5 },
      { candidate: 'd', criterion: 'culture', rater: 'c', score: 1 },
    ],
    pipeline: [
      { candidate: 'c', stage: 'exploring' },
      { candidate: 'd', stage: 'declined' },
    ],
  });

  it('the pool: open pipeline entries, then other rated actors (declined left out unless rated)', () => {
    expect(candidatePool(d, 'focal')).toMatchObject({ ids: ['c', 'b', 'd'], source: 'pipeline and ratings' });
    const bare = doc({ focal: 'focal' });
    expect(candidatePool(bare, 'focal')).toMatchObject({ ids: ['b', 'c', 'd'], source: 'all actors' });
    expect(candidatePool(d, 'focal', ['d', 'b'])).toMatchObject({ ids: ['d', 'b'], source: 'given' });
    expect(() => candidatePool(d, 'focal', ['b', 'zz', 'focal'])).toThrow(ValidationError);
    try {
      candidatePool(d, 'focal', ['b', 'zz', 'focal']);
    } catch (e) {
      expect(at((e as ValidationError).problems)).toEqual([
        'candidates[1]: unknown actor id "zz"',
        'candidates[2]: "focal" is the focal actor, not a candidate',
      ]);
    }
  });

  it('no focal actor, or an unknown one, is a clear error at focal', () => {
    const bare = doc({});
    expect(() => focalActor(bare)).toThrow(/no focal actor/);
    expect(() => focalActor(bare, 'zz')).toThrow(/unknown actor id "zz"/);
    expect(focalActor(bare, 'b').id).toBe('b');
  });

  it('weights can be overridden for live re-ranking; unknown or negative ones are refused', () => {
    const before = scoreDocument(d).result.ranking.map((r) => r.candidate);
    // B rates best on culture; with culture weighed heavily it leads.
    const after = scoreDocument(d, { weights: { culture: 1000 } }).result.ranking.map((r) => r.candidate);
    expect(after[0]).toBe('b');
    expect(after).not.toEqual(
      scoreDocument(d, { weights: { culture: 0 } }).result.ranking.map((r) => r.candidate),
    );
    expect(before).toHaveLength(3);
    try {
      withWeights(DEFAULT_CRITERIA, { charm: 1, culture: -2 });
      expect.unreachable();
    } catch (e) {
      expect(at((e as ValidationError).problems)).toEqual([
        'weights.charm: unknown criterion "charm"; the criteria are: complementarity, values, culture, vision, financial, clock',
        'weights.culture: expected a weight of 0 or more',
      ]);
    }
  });

  it('every score is the sum of its terms, each with weight, value, source and contribution', () => {
    const s = scoreDocument(d);
    for (const row of s.result.ranking) {
      const sum = row.terms.reduce((a, t) => a + t.contribution, 0);
      expect(sum).toBeCloseTo(row.score ?? 0, 9);
      for (const t of row.terms) expect(['computed', 'rated']).toContain(t.source);
    }
    const b = s.result.ranking.find((r) => r.candidate === 'b')!;
    expect(b.terms.find((t) => t.criterion === 'culture')).toMatchObject({
      value: 1,
      ratings: [{ rater: 'c', score: 5 }],
    });
    expect(s.sensitivity.candidates).toHaveLength(3);
  });

  it('the portfolio covers the focal actor’s needs with the pool, each pick explained', () => {
    const p = portfolioForDocument(d, { k: 3, maxShare: 0.5 });
    expect(p.needs.map((n) => n.need)).toEqual(['data', 'money', 'logistics']);
    expect(p.portfolio.method).toBe('exact');
    // C covers data and money, D logistics: but C would carry 2/3 > 50%; B + C + D splits data.
    expect(p.portfolio.coverage).toBe(1);
    for (const pick of p.portfolio.picks) expect(pick.share).toBeLessThanOrEqual(0.5 + 1e-9);
    expect(
      p.portfolio.picks.every((x) => x.explanation.includes('adds') || x.explanation.includes('covers')),
    ).toBe(true);
  });

  it('the analyze report: ranking, sensitivity, portfolio, pipeline counts and readiness', () => {
    const full = doc({
      focal: 'focal',
      pipeline: [{ candidate: 'b', stage: 'aligned' }],
      readiness: [
        {
          subject: { kind: 'partnership', id: 'p1' },
          responses: [
            { organization: 'b', answers: { 'mutual-benefit': 'yes' } },
            { organization: 'c', answers: { 'mutual-benefit': 'no' } },
          ],
        },
      ],
    });
    const report = analyzeEcosystem(full, { seed: 1, today: '2026-01-01' });
    const r = report.discover!;
    expect(r.focal).toBe('focal');
    expect(r.ranking?.map((x) => x.candidate)).toEqual(['b']);
    expect(r.portfolio).toMatchObject({ k: 3, maxShare: 0.5 });
    expect(r.pipeline.counts.aligned).toBe(1);
    expect(r.pipeline.entries[0]).toMatchObject({
      candidate: 'b',
      allowed: ['chartered', 'exploring', 'declined'],
    });
    expect(r.readiness[0]!.responses.map((x) => x.organization)).toEqual(['b', 'c']);
    expect(r.readiness[0]!.disagreements.map((x) => x.id)).toEqual(['mutual-benefit']);
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });

  it('the analyze report says why there are no scores without a focal actor', () => {
    const r = analyzeDiscover(doc({ pipeline: [{ candidate: 'b', stage: 'candidate' }] }));
    expect(r.ranking).toBeNull();
    expect(r.portfolio).toBeNull();
    expect(r.explanation[0]).toMatch(/No focal actor/);
    expect(r.pipeline.counts.candidate).toBe(1);
  });
});
