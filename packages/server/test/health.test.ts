/**
 * Health checks and the health score over HTTP: starting a cycle (default or
 * custom template), the "to answer" list, answers private until an
 * orchestrator closes the cycle, closing twice (409), results per organization
 * with the perception gap, the trend across cycles, and who may see what.
 * World: p1 = a0 (org A, the orchestrator's) + a1 (org B, memberB and the
 * observer); org C (memberC, a2) is in the ecosystem but not in p1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '@valueweb/store/testing';
import { buildWorld, type World } from './harness.ts';

const DIMS = [
  'strategic-fit',
  'trust',
  'communication',
  'governance',
  'value-creation',
  'operational-execution',
];
const answers = (score: number | Record<string, number>, comment?: string) =>
  DIMS.map((dimension) => ({
    dimension,
    score: typeof score === 'number' ? score : (score[dimension] ?? 3),
    ...(comment ? { comment } : {}),
  }));
const today = () => new Date().toISOString().slice(0, 10);

describe.each(testStoreKinds())('health checks and health score API ($name store)', (kind) => {
  let w: World;
  let cleanup: () => Promise<void>;
  const P = () => `/api/v1/ecosystems/${w.eco}/partnerships/p1`;
  beforeAll(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    w = await buildWorld(opened.store);
  });
  afterAll(async () => {
    await w.app.close();
    await cleanup();
  });

  it('starts a cycle with the default six dimensions and puts it on each member organization’s list to answer', async () => {
    expect((await w.request('observer', 'POST', `${P()}/health-checks`, { id: 'hc-1' })).statusCode).toBe(
      403,
    );
    expect((await w.request('memberC', 'POST', `${P()}/health-checks`, { id: 'hc-1' })).statusCode).toBe(403);
    expect((await w.request('outsider', 'POST', `${P()}/health-checks`, { id: 'hc-1' })).statusCode).toBe(
      404,
    );
    const started = await w.request('orchestrator', 'POST', `${P()}/health-checks`, { id: 'hc-1' });
    expect(started.statusCode).toBe(201);
    const cycle = started.json().cycle;
    expect(cycle).toMatchObject({
      id: 'hc-1',
      opened: today(),
      status: 'open',
      respondents: [],
      awaiting: ['a0', 'a1'],
    });
    expect(cycle.dimensions.map((d: { id: string }) => d.id)).toEqual(DIMS);
    expect(cycle.dimensions[1]).toMatchObject({
      name: 'Trust',
      prompt: expect.stringMatching(/trust our partners/),
    });

    const mine = await w.request('memberB', 'GET', `/api/v1/ecosystems/${w.eco}/health-checks/to-answer`);
    expect(mine.json()).toMatchObject({
      organization: 'a1',
      items: [
        {
          partnershipId: 'p1',
          partnershipName: 'Pilot partnership',
          cycle: 'hc-1',
          dimensions: 6,
          answered: 0,
          complete: false,
        },
      ],
    });
    expect(
      (await w.request('memberC', 'GET', `/api/v1/ecosystems/${w.eco}/health-checks/to-answer`)).json().items,
    ).toEqual([]);
    // The observer belongs to org B too, but observers read: nothing to answer.
    expect(
      (await w.request('observer', 'GET', `/api/v1/ecosystems/${w.eco}/health-checks/to-answer`)).json()
        .items,
    ).toEqual([]);
    expect(
      (await w.request('outsider', 'GET', `/api/v1/ecosystems/${w.eco}/health-checks/to-answer`)).statusCode,
    ).toBe(404);
    const audit = await w.request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/audit?limit=5`);
    expect(audit.json().items.map((a: { action: string }) => a.action)).toContain(
      'partnership.healthChecks.create',
    );
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const custom = await w.request('orchestrator', 'POST', `${P()}/health-checks`, {
      id: 'x1',
      template: 'custom',
    });
    expect(custom.statusCode).toBe(400);
    expect(custom.json().error.details[0].field).toBe('dimensions');
    const badDate = await w.request('orchestrator', 'POST', `${P()}/health-checks`, {
      id: 'x2',
      opened: '2026-02-30',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.details.map((d: { field: string }) => d.field)).toContain('opened');
    const badDim = await w.request('orchestrator', 'POST', `${P()}/health-checks`, {
      id: 'x3',
      template: 'custom',
      dimensions: [{ id: 'ok' }, { id: 'has space' }],
    });
    expect(badDim.statusCode).toBe(400);
    expect(badDim.json().error.details.map((d: { field: string }) => d.field)).toContain('dimensions[1].id');
    const early = await w.request('orchestrator', 'POST', `${P()}/health-checks`, {
      id: 'x6',
      opened: '2031-01-10',
      closes: '2031-01-05',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details.map((d: { field: string }) => d.field)).toEqual(['closes']);
    const past = await w.request('orchestrator', 'POST', `${P()}/health-checks`, {
      id: 'x7',
      closes: '2020-01-01',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0]).toMatchObject({
      field: 'closes',
      message: expect.stringMatching(/after today/),
    });
    const dupDim = await w.request('orchestrator', 'POST', `${P()}/health-checks`, {
      id: 'x4',
      template: 'custom',
      dimensions: [{ id: 'trust' }, { id: 'trust' }],
    });
    expect(dupDim.statusCode).toBe(400);
    expect(dupDim.json().error.details[0].field).toBe('dimensions[1].id');
    const dup = await w.request('orchestrator', 'POST', `${P()}/health-checks`, { id: 'hc-1' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details[0]).toMatchObject({
      field: 'id',
      message: expect.stringMatching(/duplicate health-check cycle id "hc-1"/),
    });
    expect(
      (await w.request('orchestrator', 'POST', `${P()}/health-checks`, { id: 'x5', color: 'blue' }))
        .statusCode,
    ).toBe(400);
    const list = await w.request('orchestrator', 'GET', `${P()}/health-checks`);
    expect(list.json().cycles.map((c: { id: string }) => c.id)).toEqual(['hc-1']);
  });

  it('keeps answers private until an orchestrator closes the cycle; a score out of range is a 400 naming answers[i].score', async () => {
    const put = (who: Parameters<World['request']>[0], org: string, body: unknown) =>
      w.request(who, 'PUT', `${P()}/health-checks/hc-1/answers/${org}`, body);
    expect((await put('memberB', 'a1', { answers: answers(5, 'Great partners, B says') })).statusCode).toBe(
      200,
    );
    const bad = await put('memberB', 'a1', {
      answers: [
        { dimension: 'trust', score: 1 },
        { dimension: 'communication', score: 2 },
        { dimension: 'governance', score: 7 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('answers[2].score');
    expect(bad.json().error.details[0].message).toMatch(/out of range: expected 1 \(poor\) to 5/);
    // Nothing written: B's trust answer is still 5.
    const own = (await w.request('memberB', 'GET', `${P()}/health-checks/hc-1`)).json().cycle.own;
    expect(own.find((a: { dimension: string }) => a.dimension === 'trust').score).toBe(5);
    expect(own).toHaveLength(6);
    // The orchestrator's organization (a0) is a member too and answers for itself.
    expect(
      (
        await put('orchestrator', 'a0', {
          answers: answers(
            {
              trust: 2,
              communication: 2,
              governance: 1,
              'value-creation': 4,
              'strategic-fit': 5,
              'operational-execution': 4,
            },
            'A worries about trust',
          ),
        })
      ).statusCode,
    ).toBe(200);
    expect((await put('memberB', 'a0', { answers: answers(3) })).statusCode).toBe(403);

    const to = await w.request('memberB', 'GET', `/api/v1/ecosystems/${w.eco}/health-checks/to-answer`);
    expect(to.json().items[0]).toMatchObject({ answered: 6, complete: true });

    // While open: everyone sees who has answered, nobody sees a score in the results.
    for (const who of ['memberB', 'memberC', 'observer', 'orchestrator'] as const) {
      const res = await w.request(who, 'GET', `${P()}/health-checks/hc-1`);
      expect(res.statusCode).toBe(200);
      const c = res.json().cycle;
      expect(c.status).toBe('open');
      expect(c.respondents.sort()).toEqual(['a0', 'a1']);
      expect(c.results.dimensions).toEqual([]);
      expect(c.byOrganization).toEqual([]);
      expect(c.results.explanation).toMatch(/Scores stay private until an orchestrator closes it/);
    }
    // B sees its own draft, not A's; C (outside p1) sees no answers at all.
    const asB = (await w.request('memberB', 'GET', `${P()}/health-checks/hc-1`)).body;
    expect(asB).not.toContain('A worries about trust');
    const asC = (await w.request('memberC', 'GET', `${P()}/health-checks`)).body;
    expect(asC).not.toContain('A worries about trust');
    expect(asC).not.toContain('Great partners, B says');
    expect((await w.request('outsider', 'GET', `${P()}/health-checks`)).statusCode).toBe(404);
    expect((await w.request(null, 'GET', `${P()}/health-checks`)).statusCode).toBe(401);
  });

  it('closes once (orchestrators only); a second close is a clear 409; then results, perception gaps and comments are visible', async () => {
    expect((await w.request('memberB', 'POST', `${P()}/health-checks/hc-1/close`)).statusCode).toBe(403);
    expect((await w.request('observer', 'POST', `${P()}/health-checks/hc-1/close`)).statusCode).toBe(403);
    expect((await w.request('outsider', 'POST', `${P()}/health-checks/hc-1/close`)).statusCode).toBe(404);
    expect((await w.request('orchestrator', 'POST', `${P()}/health-checks/nope/close`)).statusCode).toBe(404);
    const closed = await w.request('orchestrator', 'POST', `${P()}/health-checks/hc-1/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().cycle).toMatchObject({ status: 'closed', closed: today() });
    const again = await w.request('orchestrator', 'POST', `${P()}/health-checks/hc-1/close`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already closed/),
    });
    // Answers can no longer change.
    expect(
      (await w.request('memberB', 'PUT', `${P()}/health-checks/hc-1/answers/a1`, { answers: answers(1) }))
        .statusCode,
    ).toBe(409);

    // Observers and members outside the partnership read the results now.
    for (const who of ['observer', 'memberC', 'memberB'] as const) {
      const c = (await w.request(who, 'GET', `${P()}/health-checks/hc-1`)).json().cycle;
      expect(c.results.mean).toBeCloseTo((5 + (5 + 2 + 2 + 1 + 4 + 4) / 6) / 2, 5);
      const orgs = Object.fromEntries(
        c.byOrganization.map((o: { organization: string; scores: Record<string, number> }) => [
          o.organization,
          o.scores,
        ]),
      );
      expect(orgs.a1.trust).toBe(5);
      expect(orgs.a0.governance).toBe(1);
      const gaps = Object.fromEntries(
        c.results.perceptionGaps.map((g: { dimension: string; gap: number; flagged: boolean }) => [
          g.dimension,
          g,
        ]),
      );
      expect(gaps.governance).toMatchObject({
        gap: 4,
        flagged: true,
        lowest: { organization: 'a0' },
        highest: { organization: 'a1' },
      });
      expect(gaps['strategic-fit']).toMatchObject({ gap: 0, flagged: false });
      expect(
        c.byOrganization.find((o: { organization: string }) => o.organization === 'a0').comments[0].text,
      ).toBe('A worries about trust');
    }
    const audit = await w.request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/audit?limit=10`);
    expect(audit.json().items.map((a: { action: string }) => a.action)).toContain(
      'partnership.healthChecks.close',
    );
    // It left the "to answer" list.
    expect(
      (await w.request('memberB', 'GET', `/api/v1/ecosystems/${w.eco}/health-checks/to-answer`)).json().items,
    ).toEqual([]);
  });

  it('runs a custom template and shows the trend across closed cycles', async () => {
    const started = await w.request('memberB', 'POST', `${P()}/health-checks`, {
      id: 'hc-2',
      template: 'custom',
      dimensions: [
        { id: 'trust' },
        { id: 'data-sharing', name: 'Data sharing', prompt: 'Data flows as agreed.' },
      ],
    });
    expect(started.statusCode).toBe(201);
    expect(started.json().cycle.dimensions).toEqual([
      { id: 'trust', name: 'Trust', prompt: expect.stringMatching(/trust/) },
      { id: 'data-sharing', name: 'Data sharing', prompt: 'Data flows as agreed.' },
    ]);
    const unknownDim = await w.request('memberB', 'PUT', `${P()}/health-checks/hc-2/answers/a1`, {
      answers: [{ dimension: 'communication', score: 4 }],
    });
    expect(unknownDim.statusCode).toBe(400);
    expect(unknownDim.json().error.details[0].field).toBe('answers[0].dimension');
    expect(
      (
        await w.request('memberB', 'PUT', `${P()}/health-checks/hc-2/answers/a1`, {
          answers: [
            { dimension: 'trust', score: 4 },
            { dimension: 'data-sharing', score: 4 },
          ],
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await w.request('orchestrator', 'PUT', `${P()}/health-checks/hc-2/answers/a0`, {
          answers: [
            { dimension: 'trust', score: 4 },
            { dimension: 'data-sharing', score: 3 },
          ],
        })
      ).statusCode,
    ).toBe(200);
    expect((await w.request('orchestrator', 'POST', `${P()}/health-checks/hc-2/close`)).statusCode).toBe(200);
    const all = (await w.request('observer', 'GET', `${P()}/health-checks`)).json();
    expect(all.cycles.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual([
      'hc-1:closed',
      'hc-2:closed',
    ]);
    expect(all.trend.points).toHaveLength(2);
    expect(all.trend.changeByDimension.trust).toBeCloseTo(4 - 3.5, 5);
    expect(all.trend.explanation).toMatch(/hc-1/);
    expect(all.you).toMatchObject({ mayAnswer: false, mayStart: false, mayClose: false });
    expect((await w.request('orchestrator', 'GET', `${P()}/health-checks`)).json().you).toMatchObject({
      organization: 'a0',
      mayAnswer: true,
      mayStart: true,
      mayClose: true,
    });
  });

  it('gives the health score with every component explained, the signals, and the history', async () => {
    const res = await w.request('observer', 'GET', `${P()}/health`);
    expect(res.statusCode).toBe(200);
    const h = res.json();
    expect(h.score).toBeGreaterThanOrEqual(0);
    expect(h.score).toBeLessThanOrEqual(100);
    expect(['green', 'amber', 'red']).toContain(h.rag);
    expect(h.components).toHaveLength(7);
    const weights = h.components.reduce((s: number, c: { weight: number }) => s + c.weight, 0);
    expect(weights).toBeCloseTo(1, 9);
    for (const c of h.components) expect(c.explanation.length).toBeGreaterThan(10);
    const hc = h.components.find((c: { name: string }) => c.name === 'healthCheck');
    expect(hc.included).toBe(true);
    expect(hc.explanation).toMatch(/Latest closed health check: mean 3.75 of 5/);
    expect(hc.value).toBeCloseTo((3.75 - 1) / 4, 9);
    expect(h.weights.kpiProgress).toBe(0.25);
    expect(h.bands).toEqual({ green: 70, amber: 50, noData: 50 });
    expect(h.history).toEqual([]);
    expect(Array.isArray(h.signals)).toBe(true);
    // The last closed cycle's governance gap (5 vs 1 in hc-1 is older; hc-2 has no flagged gap) and its signal.
    for (const s of h.signals)
      expect(s).toEqual(
        expect.objectContaining({
          kind: expect.any(String),
          label: expect.any(String),
          severity: expect.any(String),
          evidence: expect.any(Array),
          since: expect.any(String),
          action: expect.any(String),
        }),
      );

    await w.store.db.query(
      `insert into health_history (ecosystem_id, partnership_id, day, score, rag) values ($1, 'p1', '2026-01-01', 61, 'amber'), ($1, 'p1', '2026-02-01', 64, 'amber')`,
      [w.eco],
    );
    const later = (await w.request('memberC', 'GET', `${P()}/health`)).json();
    expect(later.history).toEqual(
      [
        { day: '2026-01-01', score: 61, rag: 'amber' },
        { day: '2026-02-01', score: 64, rag: 'amber' },
      ].filter((x) => x.day >= new Date(Date.now() - 365 * 864e5).toISOString().slice(0, 10)),
    );
    expect((await w.request('outsider', 'GET', `${P()}/health`)).statusCode).toBe(404);
    expect(
      (await w.request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/partnerships/nope/health`))
        .statusCode,
    ).toBe(404);
  });
});
