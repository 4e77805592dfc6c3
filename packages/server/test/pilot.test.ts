/**
 * Stages and gates, pilot decisions and the lessons log over HTTP (both stores).
 * World: p1 (stage pilot) = a0 (org A, the orchestrator's) + a1 (org B, memberB);
 * org C (memberC, actor a2) is in the ecosystem but not in p1; the observer is in org B.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '@valueweb/store/testing';
import { buildWorld, type World } from './harness.ts';

describe.each(testStoreKinds())('pilot API ($name store)', (kind) => {
  let w: World;
  let cleanup: () => Promise<void>;
  const P = () => `/api/v1/ecosystems/${w.eco}/partnerships/p1`;
  const stageOf = async () => (await w.request('orchestrator', 'GET', P())).json().stage as string;
  const history = async () =>
    (await w.request('orchestrator', 'GET', `${P()}/records/stageHistory`)).json().items as {
      key: string;
      item: Record<string, unknown>;
    }[];
  const actions = async () =>
    (await w.request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/audit?limit=20`))
      .json()
      .items.map((a: { action: string }) => a.action) as string[];

  beforeAll(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    w = await buildWorld(opened.store);
  });
  afterAll(async () => {
    await w.app.close();
    await cleanup();
  });

  it('shows everyone in the ecosystem the gate into the next stage, each criterion explained', async () => {
    const res = await w.request('observer', 'GET', `${P()}/stage`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      stage: 'pilot',
      next: 'scaling',
      gate: { from: 'pilot', to: 'scaling', pass: false },
    });
    const items = s.gate.items as {
      id: string;
      kind: string;
      met: boolean;
      evidence: string;
      criterion: string;
    }[];
    expect(items.filter((i) => i.kind === 'checklist').map((i) => i.id)).toEqual([
      'model-validated',
      'processes-refined',
      'trust-built',
    ]);
    expect(items.find((i) => i.id === 'pilots-go')).toMatchObject({
      met: false,
      evidence: 'No pilot decided "go" yet.',
    });
    expect(items.every((i) => i.criterion && i.evidence)).toBe(true);
    expect(s.gate.summary).toMatch(/does not pass/);
    expect(s.gates.map((g: { to: string }) => g.to)).toEqual(['pilot', 'scaling', 'evolving']);
    expect(s.moves.find((m: { to: string }) => m.to === 'dissolved')).toMatchObject({ pass: true });
    expect((await w.request('outsider', 'GET', `${P()}/stage`)).statusCode).toBe(404);
    expect(
      (await w.request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/partnerships/nope/stage`))
        .statusCode,
    ).toBe(404);
  });

  it('refuses a move the gate does not pass, and an override without a rationale; writes nothing', async () => {
    const refused = await w.request('memberB', 'POST', `${P()}/stage`, { to: 'scaling' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('gate_not_passed');
    expect(refused.json().error.message).toMatch(/override with a written rationale/);
    expect(refused.json().error.details.gate.items.length).toBeGreaterThan(3);
    const blank = await w.request('memberB', 'POST', `${P()}/stage`, {
      to: 'scaling',
      override: { rationale: '   ' },
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details[0].field).toBe('override.rationale');
    const bad = await w.request('memberB', 'POST', `${P()}/stage`, { to: 'growing' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('to');
    const same = await w.request('memberB', 'POST', `${P()}/stage`, {
      to: 'pilot',
      override: { rationale: 'x' },
    });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.code).toBe('same_stage');
    expect(await stageOf()).toBe('pilot');
    expect(await history()).toEqual([]);
  });

  it('lets neither observers, nor members of another partnership, nor outsiders move it', async () => {
    const body = { to: 'scaling', override: { rationale: 'We have seen enough.' } };
    expect((await w.request('observer', 'POST', `${P()}/stage`, body)).statusCode).toBe(403);
    const c = await w.request('memberC', 'POST', `${P()}/stage`, body);
    expect(c.statusCode).toBe(403);
    expect(c.json().error.message).toMatch(/move this partnership between stages/);
    expect((await w.request('outsider', 'POST', `${P()}/stage`, body)).statusCode).toBe(404);
    expect((await w.request(null, 'POST', `${P()}/stage`, body)).statusCode).toBe(401);
    expect(
      (await w.request('observer', 'PUT', `${P()}/gates/scaling/checklist/trust-built`, { evidence: 'x' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await w.request('memberC', 'PATCH', `${P()}/gates/scaling`, { thresholds: { minLessons: 0 } }))
        .statusCode,
    ).toBe(403);
    expect(await stageOf()).toBe('pilot');
    expect(await history()).toEqual([]);
  });

  it('moves on an override with a written rationale: logged in the stage history with the unmet criteria, and audited', async () => {
    const res = await w.request('memberB', 'POST', `${P()}/stage`, {
      to: 'scaling',
      override: { rationale: '  The funder needs us scaling before year end.  ' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      stage: 'scaling',
      entry: {
        from: 'pilot',
        to: 'scaling',
        by: 'a1',
        override: { rationale: 'The funder needs us scaling before year end.' },
      },
    });
    expect(await stageOf()).toBe('scaling');
    const h = await history();
    expect(h).toHaveLength(1);
    const unmet = (h[0]!.item.override as { unmet: string[] }).unmet;
    expect(
      unmet.some((u) => u.startsWith('At least 1 pilot decided "go" — No pilot decided "go" yet.')),
    ).toBe(true);
    expect(unmet.length).toBeGreaterThanOrEqual(7);
    expect(await actions()).toContain('partnership.stage.override');
    const doc = (await w.request('observer', 'GET', `${P()}/document`)).json();
    expect(doc.stage).toBe('scaling');
    expect(doc.stageHistory).toHaveLength(1);
  });

  it('edits a gate, ticks a checklist item off with evidence, and then moves without an override', async () => {
    const off = {
      minKpisOnTrackShare: null,
      minMilestonesOnTimeShare: null,
      minClosedHealthChecks: null,
      minHealthCheckMean: null,
      maxOpenDisputes: null,
    };
    const edit = await w.request('orchestrator', 'PATCH', `${P()}/gates/evolving`, {
      checklist: [{ id: 'annual-review', criterion: 'An annual review was held with every member' }],
      thresholds: off,
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().gate).toMatchObject({
      to: 'evolving',
      thresholds: {},
      customized: { checklist: true },
    });
    const badEdit = await w.request('orchestrator', 'PATCH', `${P()}/gates/evolving`, {
      thresholds: { minHealthCheckMean: 9 },
    });
    expect(badEdit.statusCode).toBe(400);
    expect(badEdit.json().error.details[0].field).toBe('thresholds.minHealthCheckMean');
    const before = await w.request('memberB', 'POST', `${P()}/stage`, { to: 'evolving' });
    expect(before.statusCode).toBe(409);
    expect(
      before
        .json()
        .error.details.gate.items.filter((i: { met: boolean }) => !i.met)
        .map((i: { id: string }) => i.id),
    ).toEqual(['annual-review']);

    const noEvidence = await w.request('memberB', 'PUT', `${P()}/gates/evolving/checklist/annual-review`, {
      evidence: ' ',
    });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().error.details[0].field).toBe('evidence');
    const unknown = await w.request('memberB', 'PUT', `${P()}/gates/evolving/checklist/nda`, {
      evidence: 'signed',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ field: 'item' });
    expect(unknown.json().error.details[0].message).toMatch(/annual-review/);
    const tick = await w.request('memberB', 'PUT', `${P()}/gates/evolving/checklist/annual-review`, {
      evidence: 'Minutes of the review, 2026-11-20',
    });
    expect(tick.statusCode).toBe(200);
    expect(tick.json().gate.checklist[0].met).toMatchObject({
      item: 'annual-review',
      evidence: 'Minutes of the review, 2026-11-20',
      by: 'a1',
    });
    expect(tick.json().gate.preview.pass).toBe(true);

    const moved = await w.request('memberB', 'POST', `${P()}/stage`, { to: 'evolving' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().entry.override).toBeUndefined();
    expect(moved.json().gate.pass).toBe(true);
    expect(await stageOf()).toBe('evolving');
    expect((await history()).map((h) => [h.key, h.item.from, h.item.to])).toEqual([
      ['000001', 'pilot', 'scaling'],
      ['000002', 'scaling', 'evolving'],
    ]);
    const a = await actions();
    expect(a).toEqual(
      expect.arrayContaining([
        'partnership.stage.move',
        'partnership.gates.tick',
        'partnership.gates.create',
      ]),
    );

    // The tick comes off again; an item that is not ticked is a 404.
    const untick = await w.request('orchestrator', 'DELETE', `${P()}/gates/evolving/checklist/annual-review`);
    expect(untick.statusCode).toBe(200);
    expect(untick.json().gate.checklist[0].met).toBeUndefined();
    expect(
      (await w.request('orchestrator', 'DELETE', `${P()}/gates/evolving/checklist/annual-review`)).statusCode,
    ).toBe(404);
    // Back to the defaults.
    const reset = await w.request('orchestrator', 'PATCH', `${P()}/gates/evolving`, {
      checklist: null,
      thresholds: null,
    });
    expect(reset.json().gate.customized).toEqual({ checklist: false, thresholds: [], kpiTargets: false });
  });

  it('records a pilot decision only with a rationale', async () => {
    const created = await w.request('memberB', 'POST', `${P()}/records/pilots`, {
      id: 'home-infusion',
      name: 'Home infusion pilot',
      status: 'running',
      hypotheses: [
        {
          assumption: 'Clinics adopt home infusion',
          test: 'Offer it in 3 clinics',
          metric: 'adoption',
          threshold: 0.3,
          result: { observed: 0.4, met: true },
        },
      ],
    });
    expect(created.statusCode).toBe(201);
    const noWhy = await w.request('memberB', 'POST', `${P()}/pilots/home-infusion/decision`, {
      decision: 'go',
      rationale: '',
    });
    expect(noWhy.statusCode).toBe(400);
    expect(noWhy.json().error.details[0].field).toBe('rationale');
    expect(
      (
        await w.request('observer', 'POST', `${P()}/pilots/home-infusion/decision`, {
          decision: 'go',
          rationale: 'Adoption beat the threshold.',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await w.request('memberB', 'POST', `${P()}/pilots/nope/decision`, { decision: 'go', rationale: 'x' }))
        .statusCode,
    ).toBe(404);
    const ok = await w.request('memberB', 'POST', `${P()}/pilots/home-infusion/decision`, {
      decision: 'go',
      rationale: 'Adoption beat the threshold.',
      decided: '2026-11-30',
      status: 'completed',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().item).toMatchObject({
      decision: 'go',
      rationale: 'Adoption beat the threshold.',
      decided: '2026-11-30',
      status: 'completed',
    });
    expect(await actions()).toContain('partnership.pilots.decide');
  });

  it('searches the lessons log across partnerships by text and tags', async () => {
    const lesson = (id: string, extra: object) => ({
      id,
      date: '2026-03-01',
      happened: 'Opt-in was low on the day of birth.',
      learned: 'Parents decide better before delivery.',
      change: 'Information at the 32-week visit.',
      ...extra,
    });
    expect(
      (
        await w.request(
          'memberB',
          'POST',
          `${P()}/records/lessons`,
          lesson('opt-in', { tags: ['consent'], pilot: 'home-infusion', by: 'a1' }),
        )
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await w.request(
          'orchestrator',
          'POST',
          `${P()}/records/lessons`,
          lesson('validation', {
            date: '2026-07-25',
            happened: 'The model missed variants of the local population.',
            learned: 'Validate locally first.',
            change: 'A local validation set for every release.',
            tags: ['ai', 'equity'],
          }),
        )
      ).statusCode,
    ).toBe(201);
    const L = `/api/v1/ecosystems/${w.eco}/lessons`;
    const all = (await w.request('memberC', 'GET', L)).json();
    expect(all.logged).toBe(2);
    expect(all.items.map((h: { lesson: { id: string } }) => h.lesson.id)).toEqual(['validation', 'opt-in']);
    expect(all.items[0].partnershipName).toBe('Pilot partnership');
    expect(all.tags).toEqual([
      { tag: 'ai', count: 1 },
      { tag: 'consent', count: 1 },
      { tag: 'equity', count: 1 },
    ]);
    const text = (
      await w.request('observer', 'GET', `${L}?q=${encodeURIComponent('parents deliver')}`)
    ).json();
    expect(
      text.items.map((h: { lesson: { id: string }; matched: string[] }) => [h.lesson.id, h.matched]),
    ).toEqual([['opt-in', ['parents', 'deliver']]]);
    const tagged = (await w.request('observer', 'GET', `${L}?tags=equity`)).json();
    expect(tagged.items.map((h: { lesson: { id: string } }) => h.lesson.id)).toEqual(['validation']);
    const hash = (await w.request('observer', 'GET', `${L}?q=${encodeURIComponent('#consent')}`)).json();
    expect(hash.total).toBe(1);
    expect((await w.request('observer', 'GET', `${L}?q=nothing-like-this`)).json().total).toBe(0);
    expect((await w.request('outsider', 'GET', L)).statusCode).toBe(404);
  });

  it('dissolves from any stage without a gate', async () => {
    const res = await w.request('orchestrator', 'POST', `${P()}/stage`, { to: 'dissolved' });
    expect(res.statusCode).toBe(200);
    expect(res.json().entry.override).toBeUndefined();
    const revive = await w.request('orchestrator', 'POST', `${P()}/stage`, { to: 'pilot' });
    expect(revive.statusCode).toBe(409);
    expect(revive.json().error.details.gate.items[0].evidence).toMatch(/revived only by an override/);
  });
});
