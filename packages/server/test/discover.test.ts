/**
 * Discover over HTTP: criteria, ratings, scores, sensitivity, portfolio,
 * pipeline and readiness; who may do what, what each organization sees, and
 * chartering as one transaction.
 * World: actors a0..a5 (a0 = org A, the orchestrator's; a1 = org B, memberB and
 * the observer; a2 = org C, memberC); p1 = a0 + a1. The focal actor is a1 (org B).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '@valueweb/store/testing';
import { buildWorld, type World } from './harness.ts';

interface Term {
  criterion: string;
  weight: number;
  value: number | null;
  source: string;
  contribution: number;
  ratings?: { rater: string; score: number }[];
}
interface Row {
  candidate: string;
  rank: number;
  score: number | null;
  terms: Term[];
}
const fields = (res: { json: () => { error: { details?: { field: string }[] } } }) =>
  (res.json().error.details ?? []).map((d) => d.field);

describe.each(testStoreKinds())('discover API ($name store)', (kind) => {
  let w: World;
  let cleanup: () => Promise<void>;
  const D = () => `/api/v1/ecosystems/${w.eco}/discover`;
  beforeAll(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    w = await buildWorld(opened.store);
  });
  afterAll(async () => {
    await w.app.close();
    await cleanup();
  });

  it('criteria: everyone reads the defaults; only orchestrators change them, with paths on bad input', async () => {
    for (const who of ['orchestrator', 'memberB', 'memberC', 'observer'] as const) {
      const res = await w.request(who, 'GET', `${D()}/criteria`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        defaultCriteria: true,
        focal: null,
        computedCriteria: ['complementarity', 'values', 'clock'],
      });
      expect(res.json().criteria.map((c: { id: string }) => c.id)).toEqual([
        'complementarity',
        'values',
        'culture',
        'vision',
        'financial',
        'clock',
      ]);
    }
    expect((await w.request('outsider', 'GET', `${D()}/criteria`)).statusCode).toBe(404);
    expect((await w.request(null, 'GET', `${D()}/criteria`)).statusCode).toBe(401);
    expect((await w.request('memberB', 'PUT', `${D()}/criteria`, { focal: 'a1' })).statusCode).toBe(403);
    expect((await w.request('observer', 'PUT', `${D()}/criteria`, { focal: 'a1' })).statusCode).toBe(403);

    const bad = await w.request('orchestrator', 'PUT', `${D()}/criteria`, {
      criteria: [
        { id: 'culture', name: 'Culture', source: 'rated', weight: -5 },
        { id: 'fit', name: 'Fit', source: 'computed', computed: 'horoscope', weight: 1 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['criteria[0].weight', 'criteria[1].computed']);
    const unknownFocal = await w.request('orchestrator', 'PUT', `${D()}/criteria`, { focal: 'ghost' });
    expect(unknownFocal.statusCode).toBe(400);
    expect(fields(unknownFocal)).toEqual(['focal']);

    const etag = (await w.request('orchestrator', 'GET', `${D()}/criteria`)).headers.etag as string;
    const ok = await w.request(
      'orchestrator',
      'PUT',
      `${D()}/criteria`,
      { focal: 'a1' },
      { 'if-match': etag },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ focal: 'a1', defaultCriteria: true });
    expect(
      (await w.request('orchestrator', 'PUT', `${D()}/criteria`, { focal: 'a1' }, { 'if-match': etag }))
        .statusCode,
    ).toBe(412);
    const audit = await w.request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/audit?limit=5`);
    expect(audit.json().items.map((a: { action: string }) => a.action)).toContain('discover.settings.update');
  });

  it('ratings: a member rates as its own organization; its ratings stay private to it and the orchestrators unless shared', async () => {
    const rate = (
      who: 'memberB' | 'memberC' | 'orchestrator' | 'observer',
      candidate: string,
      rater: string,
      ratings: unknown[],
      visibility?: string,
    ) =>
      w.request(who, 'PUT', `${D()}/ratings/${candidate}/${rater}`, {
        ratings,
        ...(visibility ? { visibility } : {}),
      });
    expect(
      (
        await rate('memberB', 'a3', 'a1', [
          { criterion: 'culture', score: 5, note: 'B’s view' },
          { criterion: 'vision', score: 4 },
        ])
      ).statusCode,
    ).toBe(200);
    expect((await rate('memberC', 'a3', 'a2', [{ criterion: 'culture', score: 1 }])).statusCode).toBe(200);
    expect(
      (await rate('memberC', 'a4', 'a2', [{ criterion: 'culture', score: 4 }], 'ecosystem')).statusCode,
    ).toBe(200);
    // Not as another organization; not as an observer.
    const asOther = await rate('memberC', 'a3', 'a1', [{ criterion: 'culture', score: 1 }]);
    expect(asOther.statusCode).toBe(403);
    expect(asOther.json().error.message).toMatch(/own organization \("a2"\)/);
    expect((await rate('observer', 'a3', 'a1', [{ criterion: 'culture', score: 3 }])).statusCode).toBe(403);
    // An orchestrator may record for any organization.
    expect((await rate('orchestrator', 'a5', 'a0', [{ criterion: 'financial', score: 3 }])).statusCode).toBe(
      200,
    );

    const seen = async (who: 'memberB' | 'memberC' | 'orchestrator' | 'observer') =>
      ((await w.request(who, 'GET', `${D()}/ratings`)).json().items as { candidate: string; rater: string }[])
        .map((r) => `${r.candidate}/${r.rater}`)
        .sort();
    expect(await seen('memberB')).toEqual(['a3/a1', 'a3/a1', 'a4/a2']);
    expect(await seen('memberC')).toEqual(['a3/a2', 'a4/a2']);
    expect(await seen('orchestrator')).toEqual(['a3/a1', 'a3/a1', 'a3/a2', 'a4/a2', 'a5/a0']);
    // The exported document follows the same rule.
    const doc = (await w.request('memberC', 'GET', `/api/v1/ecosystems/${w.eco}/document`)).json();
    expect(doc.discover.ratings.map((r: { rater: string }) => r.rater)).toEqual(['a2', 'a2']);

    // Bad input names the field and writes nothing.
    const bad = await rate('memberB', 'a3', 'a1', [
      { criterion: 'culture', score: 7 },
      { criterion: 'complementarity', score: 3 },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['ratings[0].score']);
    const computed = await rate('memberB', 'a3', 'a1', [
      { criterion: 'complementarity', score: 3 },
      { criterion: 'charm', score: 3 },
    ]);
    expect(fields(computed)).toEqual(['ratings[0].criterion', 'ratings[1].criterion']);
    const ghost = await rate('memberB', 'ghost', 'a1', [{ criterion: 'culture', score: 3 }]);
    expect(ghost.statusCode).toBe(400);
    expect(fields(ghost)).toEqual(['ratings[0].candidate']);
    expect(await seen('memberB')).toEqual(['a3/a1', 'a3/a1', 'a4/a2']);
  });

  it('scores: every term shown; computed from the ratings the caller may see; ?weights= re-ranks', async () => {
    const get = async (who: 'memberB' | 'memberC' | 'orchestrator', q = '') => {
      const res = await w.request(who, 'GET', `${D()}/scores${q}`);
      expect(res.statusCode).toBe(200);
      return res.json<{
        ranking: Row[];
        focal: string;
        candidates: { ids: string[] };
        sensitivity: { candidates: unknown[] };
        basis: string;
      }>();
    };
    const b = await get('memberB');
    expect(b.focal).toBe('a1');
    // The pool is the rated actors B may see; the orchestrator's private rating of a5 is not among them.
    expect(b.candidates.ids).toEqual(['a3', 'a4']);
    for (const row of b.ranking) {
      expect(row.terms.map((t) => t.criterion)).toEqual([
        'complementarity',
        'values',
        'culture',
        'vision',
        'financial',
        'clock',
      ]);
      expect(row.terms.reduce((s, t) => s + t.contribution, 0)).toBeCloseTo(row.score ?? 0, 9);
      for (const t of row.terms)
        expect(t).toEqual(
          expect.objectContaining({
            weight: expect.any(Number),
            source: expect.stringMatching(/computed|rated/),
          }),
        );
    }
    const cultureOf = (s: { ranking: Row[] }, id: string) =>
      s.ranking.find((r) => r.candidate === id)!.terms.find((t) => t.criterion === 'culture')!;
    // B sees its own 5 for a3; C sees its own 1; the orchestrator averages both.
    expect(cultureOf(b, 'a3')).toMatchObject({ value: 1, ratings: [{ rater: 'a1', score: 5 }] });
    const c = await get('memberC');
    expect(cultureOf(c, 'a3')).toMatchObject({ value: 0, ratings: [{ rater: 'a2', score: 1 }] });
    expect(c.basis).toMatch(/ratings you may see/);
    const o = await get('orchestrator');
    expect(o.candidates.ids).toEqual(['a3', 'a4', 'a5']);
    expect(cultureOf(o, 'a3')).toMatchObject({ value: 0.5 });

    // Live re-ranking: all weight on culture puts a3 (5 from B) first for B; on financial, a5 first.
    expect(
      (await get('memberB', '?weights=culture:100,complementarity:0,values:0,vision:0,financial:0,clock:0'))
        .ranking[0]!.candidate,
    ).toBe('a3');
    expect(
      (
        await get(
          'orchestrator',
          '?weights=financial:100,complementarity:0,values:0,culture:0,vision:0,clock:0',
        )
      ).ranking[0]!.candidate,
    ).toBe('a5');
    const badWeights = await w.request('memberB', 'GET', `${D()}/scores?weights=culture:-1,charm:3`);
    expect(badWeights.statusCode).toBe(400);
    expect(fields(badWeights)).toEqual(['weights.culture', 'weights.charm']);
    expect(fields(await w.request('memberB', 'GET', `${D()}/scores?weights=culture`))).toEqual(['weights']);
    expect(fields(await w.request('memberB', 'GET', `${D()}/scores?candidates=a3,ghost`))).toEqual([
      'candidates[1]',
    ]);

    const sens = await w.request('observer', 'GET', `${D()}/sensitivity`);
    expect(sens.statusCode).toBe(200);
    expect(sens.json()).toMatchObject({
      factors: [0.8, 1.2],
      candidates: expect.any(Array),
      explanation: expect.any(String),
    });
  });

  it('portfolio: picks with the needs each adds, coverage, the algorithm and its guarantee', async () => {
    // Give the focal actor more needs through weights: a1 needs cap-2 only, so ask with candidates that provide it.
    const res = await w.request('memberC', 'POST', `${D()}/portfolio`, {
      k: 2,
      dependencyCap: 1,
      candidates: ['a2', 'a3', 'a4'],
    });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.portfolio).toMatchObject({
      method: 'exact',
      coverage: 1,
      guarantee: expect.stringMatching(/^exact/),
    });
    expect(p.portfolio.picks).toEqual([
      expect.objectContaining({
        candidate: 'a2',
        adds: [{ need: 'cap-2', weight: 1 }],
        explanation: expect.stringContaining('adds 1 need'),
      }),
    ]);
    expect(p.needs).toEqual([{ need: 'cap-2', weight: 1 }]);
    const greedy = await w.request('memberC', 'POST', `${D()}/portfolio`, {
      k: 2,
      method: 'greedy',
      candidates: ['a2', 'a3'],
    });
    expect(greedy.json().portfolio.guarantee).toMatch(/1−1\/e/);
    const bad = await w.request('memberC', 'POST', `${D()}/portfolio`, { k: 2, dependencyCap: 1.5 });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['dependencyCap']);
    expect(fields(await w.request('memberC', 'POST', `${D()}/portfolio`, { k: -1 }))).toEqual(['k']);
  });

  it('pipeline: shared with orchestrators, observers and the focal organization; moves follow the rules', async () => {
    expect((await w.request('memberC', 'GET', `${D()}/pipeline`)).statusCode).toBe(403);
    expect((await w.request('observer', 'GET', `${D()}/pipeline`)).statusCode).toBe(200);
    expect((await w.request('memberC', 'POST', `${D()}/pipeline`, { candidate: 'a3' })).statusCode).toBe(403);
    expect((await w.request('observer', 'POST', `${D()}/pipeline`, { candidate: 'a3' })).statusCode).toBe(
      403,
    );
    const created = await w.request('memberB', 'POST', `${D()}/pipeline`, {
      candidate: 'a3',
      owner: 'Bea',
      note: 'Met at the congress',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      entry: {
        candidate: 'a3',
        stage: 'candidate',
        owner: 'Bea',
        history: [{ kind: 'created', by: 'member-b' }],
      },
      allowed: ['contacted', 'declined'],
    });
    expect((await w.request('orchestrator', 'POST', `${D()}/pipeline`, { candidate: 'a3' })).statusCode).toBe(
      409,
    );
    expect(
      fields(await w.request('orchestrator', 'POST', `${D()}/pipeline`, { candidate: 'ghost' })),
    ).toEqual(['candidate']);

    const move = (who: 'memberB' | 'orchestrator', to: string, extra: Record<string, unknown> = {}) =>
      w.request(who, 'POST', `${D()}/pipeline/a3/transitions`, { to, ...extra });
    const skip = await move('memberB', 'aligned');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.message).toMatch(/allowed from candidate: contacted, declined/);
    const noNote = await move('memberB', 'declined');
    expect(noNote.statusCode).toBe(400);
    expect(fields(noNote)).toEqual(['note']);
    expect((await move('memberB', 'limbo')).statusCode).toBe(400);
    for (const to of ['contacted', 'exploring', 'aligned'])
      expect((await move('memberB', to)).statusCode).toBe(200);
    expect(
      (await w.request('memberB', 'PUT', `${D()}/pipeline/a3/owner`, { owner: 'Olle' })).json().entry.owner,
    ).toBe('Olle');
    expect(
      (await w.request('memberB', 'POST', `${D()}/pipeline/a3/notes`, { note: 'Term sheet sent' }))
        .statusCode,
    ).toBe(201);
    const list = (await w.request('observer', 'GET', `${D()}/pipeline`)).json();
    expect(list.counts).toMatchObject({ aligned: 1 });
    expect(list.items[0].entry.history.map((h: { kind: string }) => h.kind)).toEqual([
      'created',
      'moved',
      'moved',
      'moved',
      'owner-changed',
    ]);
    expect(list.items[0].entry.notes.map((n: { text: string }) => n.text)).toEqual([
      'Met at the congress',
      'Term sheet sent',
    ]);
  });

  it('chartering: orchestrators only; creates the partnership with the focal actor and the candidate in one transaction, or nothing', async () => {
    const charter = (who: 'memberB' | 'orchestrator', partnership: unknown) =>
      w.request(who, 'POST', `${D()}/pipeline/a3/transitions`, {
        to: 'chartered',
        note: 'Signed',
        partnership,
      });
    expect((await charter('memberB', { id: 'p-a1-a3', name: 'B and D' })).statusCode).toBe(403);
    const auditBefore = (
      await w.request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/audit?limit=200`)
    ).json().items.length;
    const taken = await charter('orchestrator', { id: 'p1', name: 'Taken' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toMatch(/already exists/);
    const missing = await w.request('orchestrator', 'POST', `${D()}/pipeline/a3/transitions`, {
      to: 'chartered',
    });
    expect(missing.statusCode).toBe(400);
    expect(fields(missing)).toEqual(['partnership']);
    // Nothing was written: still aligned, no new partnership, no audit event.
    expect((await w.request('orchestrator', 'GET', `${D()}/pipeline`)).json().items[0].entry.stage).toBe(
      'aligned',
    );
    expect(
      (await w.request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/partnerships/p-a1-a3`)).statusCode,
    ).toBe(404);
    expect(
      (await w.request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/audit?limit=200`)).json().items
        .length,
    ).toBe(auditBefore);

    const ok = await charter('orchestrator', {
      id: 'p-a1-a3',
      name: 'Actor 1 and Actor 3',
      purpose: 'Joint registry',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      partnership: 'p-a1-a3',
      entry: { stage: 'chartered', partnership: 'p-a1-a3' },
      allowed: [],
    });
    const p = await w.request('memberB', 'GET', `/api/v1/ecosystems/${w.eco}/partnerships/p-a1-a3`);
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({
      stage: 'exploring',
      members: [{ actor: 'a1', role: 'lead' }, { actor: 'a3' }],
    });
    const actions = (await w.request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/audit?limit=5`))
      .json()
      .items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['partnership.create', 'discover.pipeline.transition']));
    // Chartered is final.
    expect(
      (
        await w.request('orchestrator', 'POST', `${D()}/pipeline/a3/transitions`, {
          to: 'declined',
          note: 'x',
        })
      ).statusCode,
    ).toBe(409);
    // The member organization now works in the new partnership (the access cache was refreshed).
    const risk = await w.request(
      'memberB',
      'POST',
      `/api/v1/ecosystems/${w.eco}/partnerships/p-a1-a3/records/risks`,
      { id: 'r1', title: 'Slow start', likelihood: 2, impact: 2 },
    );
    expect(risk.statusCode).toBe(201);
  });

  it('a read-only API token reads Discover but changes nothing', async () => {
    const created = await w.request('memberB', 'POST', '/api/v1/tokens', { name: 'reader', scope: 'read' });
    expect(created.statusCode).toBe(201);
    const auth = { authorization: `Bearer ${created.json().token as string}` };
    expect((await w.request(null, 'GET', `${D()}/scores`, undefined, auth)).statusCode).toBe(200);
    const put = await w.request(
      null,
      'PUT',
      `${D()}/ratings/a4/a1`,
      { ratings: [{ criterion: 'culture', score: 2 }] },
      auth,
    );
    expect(put.statusCode).toBe(403);
    expect(put.json().error.message).toMatch(/read-only/);
    expect(
      (await w.request(null, 'PUT', `${D()}/readiness/partnership/p1/responses/a1`, { answers: {} }, auth))
        .statusCode,
    ).toBe(403);
    expect((await w.request(null, 'POST', `${D()}/pipeline`, { candidate: 'a4' }, auth)).statusCode).toBe(
      403,
    );
  });

  it('readiness: questions and guidance for all; an organization answers for itself; answers private unless shared', async () => {
    const q = await w.request('observer', 'GET', `${D()}/readiness/questions`);
    expect(q.statusCode).toBe(200);
    expect(q.json().mapSignals).toHaveLength(6);
    expect(q.json().readinessItems).toHaveLength(7);
    expect(q.json().guidance.pitfalls.map((p: { name: string }) => p.name)).toEqual([
      'Decision gridlock',
      'Unequal contributions',
      'Defection',
      'Loss of direction',
    ]);

    const answer = (who: 'memberB' | 'memberC' | 'observer' | 'orchestrator', org: string, body: unknown) =>
      w.request(who, 'PUT', `${D()}/readiness/partnership/p1/responses/${org}`, body);
    const all = (a: string) =>
      Object.fromEntries(
        q
          .json()
          .mapSignals.concat(q.json().readinessItems)
          .map((i: { id: string }) => [i.id, a]),
      );
    const c = await answer('memberC', 'a2', { answers: all('yes') });
    expect(c.statusCode).toBe(200);
    expect(c.json().result).toMatchObject({ overall: 100, verdict: 'strong fit' });
    expect(
      (await answer('memberB', 'a1', { answers: { ...all('partly'), 'risk-mitigation': 'no' } })).statusCode,
    ).toBe(200);
    expect((await answer('memberC', 'a1', { answers: {} })).statusCode).toBe(403);
    expect((await answer('observer', 'a1', { answers: {} })).statusCode).toBe(403);
    const bad = await answer('memberB', 'a1', { answers: { 'mutual-benefit': 'maybe' } });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['answers.mutual-benefit']);
    expect(
      fields(
        await w.request('memberB', 'PUT', `${D()}/readiness/partnership/nope/responses/a1`, { answers: {} }),
      ),
    ).toEqual(['subject.id']);

    const orgs = async (who: 'memberB' | 'memberC' | 'orchestrator') =>
      (
        (await w.request(who, 'GET', `${D()}/readiness/partnership/p1`)).json().responses as {
          organization: string;
        }[]
      ).map((r) => r.organization);
    expect(await orgs('memberB')).toEqual(['a1']);
    expect(await orgs('memberC')).toEqual(['a2']);
    expect(await orgs('orchestrator')).toEqual(['a2', 'a1']);
    // C shares its answers: B now sees them, and the perception gaps between them.
    expect((await answer('memberC', 'a2', { answers: all('yes'), visibility: 'ecosystem' })).statusCode).toBe(
      200,
    );
    const shared = (await w.request('memberB', 'GET', `${D()}/readiness/partnership/p1`)).json();
    expect(shared.responses.map((r: { organization: string }) => r.organization)).toEqual(['a2', 'a1']);
    expect(shared.disagreements.map((x: { id: string }) => x.id)).toEqual(['risk-mitigation']);
    const mine = shared.responses.find((r: { organization: string }) => r.organization === 'a1');
    expect(mine.result.guidance.pitfalls.find((p: { id: string }) => p.id === 'defection').elevated).toBe(
      true,
    );
    expect((await w.request('memberB', 'GET', `${D()}/readiness/partnership/nope`)).statusCode).toBe(404);
    const initiative = await w.request('memberB', 'GET', `${D()}/readiness/initiative/new-idea`);
    expect(initiative.json()).toMatchObject({
      subject: { kind: 'initiative', id: 'new-idea' },
      responses: [],
    });
    expect((await w.request('memberB', 'GET', `${D()}/readiness`)).json().items).toHaveLength(1);
  });

  it('malformed requests to every Discover endpoint are 4xx, never 5xx', async () => {
    const doc: { paths: Record<string, Record<string, unknown>> } = (
      await w.app.inject('/api/openapi.json')
    ).json();
    const ops = Object.entries(doc.paths)
      .filter(([path]) => path.includes('/discover'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path })));
    expect(ops.length).toBeGreaterThanOrEqual(15);
    const segment = fc.oneof(
      fc.constantFrom('eco-w', 'a1', 'a3', 'p1', 'partnership', 'initiative', 'ghost'),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          criteria: fc.anything(),
          focal: fc.anything(),
          ratings: fc.array(
            fc.record(
              {
                criterion: fc.oneof(fc.string(), fc.constantFrom('culture', 'values')),
                score: fc.oneof(fc.integer(), fc.double(), fc.string()),
                note: fc.anything(),
              },
              { requiredKeys: [] },
            ),
          ),
          to: fc.oneof(fc.string(), fc.constantFrom('contacted', 'chartered', 'declined')),
          note: fc.anything(),
          partnership: fc.anything(),
          answers: fc.anything(),
          k: fc.anything(),
          dependencyCap: fc.anything(),
          candidates: fc.anything(),
          candidate: fc.anything(),
          owner: fc.anything(),
          visibility: fc.anything(),
        },
        { requiredKeys: [] },
      ),
    );
    const query = fc.dictionary(
      fc.constantFrom('weights', 'focal', 'candidates', 'candidate'),
      fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('culture:1e309', 'culture:-0', 'a3,a3', ',')),
      { maxKeys: 2 },
    );
    const five: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: ops.length - 1 }),
        fc.array(segment, { minLength: 4, maxLength: 4 }),
        query,
        body,
        async (i, segs, q, b) => {
          const op = ops[i]!;
          let k = 0;
          const url =
            op.path.replace(/\{[^}]+\}/g, (m) => (m === '{id}' ? w.eco : segs[k++ % segs.length]!)) +
            (Object.keys(q).length ? `?${new URLSearchParams(q).toString()}` : '');
          const res = await w.request('orchestrator', op.method, url, op.method === 'GET' ? undefined : b);
          if (res.statusCode >= 500)
            five.push(`${op.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          return res.statusCode < 500;
        },
      ),
      { numRuns: 400, seed: 4, endOnFailure: true },
    );
    expect(five).toEqual([]);
  });
});
