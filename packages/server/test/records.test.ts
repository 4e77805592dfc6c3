/**
 * A partnership's lists over HTTP (both stores): who may change them, what
 * each caller sees, the ledger's chain, measurements and health-check answers.
 * World: p1 = a0 (org A, the orchestrator's) + a1 (org B); org C (a2) is outside p1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '@valueweb/store/testing';
import { buildWorld, type World } from './harness.ts';

describe.each(testStoreKinds())('partnership lists API ($name store)', (kind) => {
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

  it('lets orchestrators and members of the partnership add items; refuses others', async () => {
    const risk = (id: string) => ({ id, title: 'Key staff leave', likelihood: 3, impact: 4, owner: 'a1' });
    expect((await w.request('memberB', 'POST', `${P()}/records/risks`, risk('r-b'))).statusCode).toBe(201);
    expect((await w.request('orchestrator', 'POST', `${P()}/records/risks`, risk('r-o'))).statusCode).toBe(
      201,
    );
    expect((await w.request('memberC', 'POST', `${P()}/records/risks`, risk('r-c'))).statusCode).toBe(403);
    expect((await w.request('observer', 'POST', `${P()}/records/risks`, risk('r-x'))).statusCode).toBe(403);
    expect((await w.request('outsider', 'POST', `${P()}/records/risks`, risk('r-y'))).statusCode).toBe(404);
    expect((await w.request(null, 'POST', `${P()}/records/risks`, risk('r-z'))).statusCode).toBe(401);
    const list = await w.request('observer', 'GET', `${P()}/records/risks`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { key: string }) => i.key)).toEqual(['r-b', 'r-o']);
    expect((await w.request('memberB', 'GET', `${P()}/records/nonsense`)).statusCode).toBe(400);
  });

  it('answers 400 with field paths, 428 without If-Match, 412 on a stale write, 409/400 on a duplicate', async () => {
    const bad = await w.request('orchestrator', 'POST', `${P()}/records/issues`, {
      id: 'i1',
      title: '',
      owner: 'ghost',
      priority: 'urgent',
      status: 'open',
      opened: '2026-02-30',
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'priority', 'opened']));
    const ok = await w.request('orchestrator', 'POST', `${P()}/records/issues`, {
      id: 'i1',
      title: 'Data late',
      owner: 'a1',
      priority: 'high',
      status: 'open',
      opened: '2026-02-01',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.headers.etag).toBe('"1"');
    expect(
      (await w.request('orchestrator', 'PATCH', `${P()}/records/issues/i1`, { status: 'resolved' }))
        .statusCode,
    ).toBe(428);
    const changed = await w.request(
      'memberB',
      'PATCH',
      `${P()}/records/issues/i1`,
      { status: 'resolved', resolved: '2026-02-10', resolution: 'New schedule' },
      { 'if-match': '"1"' },
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      version: 2,
      item: { status: 'resolved', resolution: 'New schedule' },
    });
    expect(
      (
        await w.request(
          'orchestrator',
          'PATCH',
          `${P()}/records/issues/i1`,
          { status: 'open' },
          { 'if-match': '"1"' },
        )
      ).statusCode,
    ).toBe(412);
    expect(
      (
        await w.request('orchestrator', 'POST', `${P()}/records/issues`, {
          id: 'i1',
          title: 'Again',
          owner: 'a1',
          priority: 'low',
          status: 'open',
          opened: '2026-02-01',
        })
      ).statusCode,
    ).toBe(400);
    // The lists are not changed through the partnership itself.
    const p = await w.request('orchestrator', 'GET', P());
    const refused = await w.request(
      'orchestrator',
      'PATCH',
      P(),
      { ledger: [] },
      { 'if-match': p.headers.etag as string },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/one item at a time/);
    const audit = await w.request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/audit?limit=5`);
    expect(audit.json().items.map((a: { action: string }) => a.action)).toContain(
      'partnership.issues.update',
    );
  });

  it('keeps the ledger to its members: own entries only, private ones hidden, the chain verifiable', async () => {
    const entry = (id: string, actor: string, extra: object = {}) => ({
      id,
      kind: 'contribution',
      actor,
      type: 'cash',
      value: 100,
      currency: 'EUR',
      date: '2026-03-01',
      ...extra,
    });
    expect(
      (await w.request('memberB', 'POST', `${P()}/ledger`, entry('b-1', 'a1', { visibility: 'private' })))
        .statusCode,
    ).toBe(201);
    const notOwn = await w.request('memberB', 'POST', `${P()}/ledger`, entry('b-2', 'a0'));
    expect(notOwn.statusCode).toBe(403);
    expect(notOwn.json().error.message).toMatch(/own organization/);
    expect((await w.request('memberC', 'POST', `${P()}/ledger`, entry('c-1', 'a2'))).statusCode).toBe(403);
    expect((await w.request('orchestrator', 'POST', `${P()}/ledger`, entry('o-1', 'a0'))).statusCode).toBe(
      201,
    );
    const bad = await w.request(
      'orchestrator',
      'POST',
      `${P()}/ledger`,
      entry('o-2', 'a0', { value: -5, reverses: 'nope' }),
    );
    expect(bad.statusCode).toBe(400);
    const seen = async (who: Parameters<World['request']>[0]) =>
      (await w.request(who, 'GET', `${P()}/ledger`))
        .json()
        .items.map((i: { entry: { id: string } }) => i.entry.id);
    expect(await seen('memberB')).toEqual(['b-1', 'o-1']);
    expect(await seen('orchestrator')).toEqual(['b-1', 'o-1']);
    expect(await seen('memberC')).toEqual([]); // default visibility: the partnership's members
    const doc = await w.request('memberC', 'GET', `${P()}/document`);
    expect(doc.json().ledger ?? []).toEqual([]);
    const ok = await w.request('observer', 'GET', `${P()}/ledger/verify`);
    expect(ok.json()).toMatchObject({ ok: true, entries: 2, firstBroken: null });
    await w.store.db.query(
      `update ledger_entries set data = jsonb_set(data, '{value}', '1') where id = 'b-1'`,
    );
    const broken = await w.request('orchestrator', 'GET', `${P()}/ledger/verify`);
    expect(broken.json()).toMatchObject({
      ok: false,
      firstBroken: { id: 'b-1', seq: 1, reason: 'hash_mismatch' },
    });
  });

  it('keeps members on the flows of decisions, health checks and stage changes (orchestrators may curate)', async () => {
    const decision = {
      id: 'd-gen',
      title: 'Adopt the standard',
      opened: '2026-01-10',
      deadline: '2026-03-01',
      status: 'open',
    };
    const refused = await w.request('memberB', 'POST', `${P()}/records/decisions`, decision);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/POST …\/decisions/);
    expect((await w.request('orchestrator', 'POST', `${P()}/records/decisions`, decision)).statusCode).toBe(
      201,
    );
    expect(
      (
        await w.request(
          'memberB',
          'PATCH',
          `${P()}/records/decisions/d-gen`,
          { status: 'passed' },
          { 'if-match': '"1"' },
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await w.request('memberB', 'DELETE', `${P()}/records/decisions/d-gen`, undefined, {
          'if-match': '"1"',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await w.request('memberB', 'POST', `${P()}/records/healthChecks`, {
          id: 'hc-m',
          opened: '2026-01-01',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await w.request('memberB', 'POST', `${P()}/records/stageHistory`, {
          from: 'pilot',
          to: 'scaling',
          at: '2026-01-01',
        })
      ).statusCode,
    ).toBe(403);
    // Nor does the partnership's own PATCH move the stage around its gate.
    const p = await w.request('orchestrator', 'GET', P());
    const moved = await w.request(
      'orchestrator',
      'PATCH',
      P(),
      { stage: 'scaling' },
      { 'if-match': p.headers.etag as string },
    );
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.details[0].field).toBe('stage');
    // Nor the charter around its amendment and ratification.
    const charter = await w.request(
      'orchestrator',
      'PATCH',
      P(),
      { charter: { decision: { rule: 'unanimity' } } },
      { 'if-match': p.headers.etag as string },
    );
    expect(charter.statusCode).toBe(400);
    expect(charter.json().error.details[0].field).toBe('charter');
    expect(
      (
        await w.request(
          'orchestrator',
          'PATCH',
          P(),
          { stage: p.json().stage, charter: p.json().charter, purpose: 'Same stage, new words' },
          { 'if-match': p.headers.etag as string },
        )
      ).statusCode,
    ).toBe(200);
    // A recurring obligation rolls forward when done: the item PATCH does not just close it.
    const monthly = {
      id: 'ob-m',
      from: 'a1',
      to: 'a0',
      what: 'Monthly data extract',
      due: '2026-01-31',
      recurring: 'monthly',
      status: 'open',
    };
    expect((await w.request('memberB', 'POST', `${P()}/records/obligations`, monthly)).statusCode).toBe(201);
    const closed = await w.request(
      'memberB',
      'PATCH',
      `${P()}/records/obligations/ob-m`,
      { status: 'done' },
      { 'if-match': '"1"' },
    );
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.message).toMatch(/obligations\/ob-m\/done/);
    // Other lists are the members' to keep.
    expect(
      (
        await w.request('memberB', 'POST', `${P()}/records/lessons`, {
          id: 'les-1',
          date: '2026-01-20',
          happened: 'Data arrived late',
          learned: 'Agree formats first',
          change: 'A data annex',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('takes measurements and health-check answers from the right people only', async () => {
    const kpi = {
      id: 'k1',
      name: 'Sites live',
      baseline: 0,
      target: 10,
      direction: 'increase',
      targetDate: '2027-12-31',
    };
    expect((await w.request('orchestrator', 'POST', `${P()}/records/kpis`, kpi)).statusCode).toBe(201);
    const m = await w.request('memberB', 'POST', `${P()}/measurements`, {
      measurements: [
        { kpi: 'k1', date: '2026-01-31', value: 2 },
        { kpi: 'k1', date: '2026-02-28', value: 3 },
      ],
    });
    expect(m.json()).toEqual({ added: 2, replaced: 0 });
    const unknown = await w.request('memberB', 'POST', `${P()}/measurements`, {
      measurements: [{ kpi: 'k9', date: '2026-01-31', value: 2 }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ field: '[0].kpi' });
    expect(
      (
        await w.request('memberC', 'POST', `${P()}/measurements`, {
          measurements: [{ kpi: 'k1', date: '2026-03-31', value: 2 }],
        })
      ).statusCode,
    ).toBe(403);

    expect(
      (
        await w.request('orchestrator', 'POST', `${P()}/records/healthChecks`, {
          id: 'hc1',
          opened: '2026-01-01',
        })
      ).statusCode,
    ).toBe(201);
    const mine = await w.request('memberB', 'PUT', `${P()}/health-checks/hc1/answers/a1`, {
      answers: [{ dimension: 'trust', score: 4, comment: 'Good' }],
    });
    expect(mine.statusCode).toBe(200);
    expect(
      (
        await w.request('memberB', 'PUT', `${P()}/health-checks/hc1/answers/a0`, {
          answers: [{ dimension: 'trust', score: 5 }],
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await w.request('orchestrator', 'PUT', `${P()}/health-checks/hc1/answers/a1`, {
          answers: [{ dimension: 'trust', score: 1 }],
        })
      ).statusCode,
    ).toBe(403);
    const outOfRange = await w.request('memberB', 'PUT', `${P()}/health-checks/hc1/answers/a1`, {
      answers: [{ dimension: 'trust', score: 9 }],
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.details[0].field).toBe('answers[0].score');
    // Observers read health checks; they do not answer them (this observer belongs to org B, a member).
    expect(
      (
        await w.request('observer', 'PUT', `${P()}/health-checks/hc1/answers/a1`, {
          answers: [{ dimension: 'trust', score: 2 }],
        })
      ).statusCode,
    ).toBe(403);
    // A cycle that has not opened yet takes no answers.
    expect(
      (
        await w.request('orchestrator', 'POST', `${P()}/records/healthChecks`, {
          id: 'hc-later',
          opened: '2999-01-01',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await w.request('memberB', 'PUT', `${P()}/health-checks/hc-later/answers/a1`, {
          answers: [{ dimension: 'trust', score: 4 }],
        })
      ).statusCode,
    ).toBe(409);
    // Private until the cycle closes: org C does not see B's answer; the orchestrator does.
    const cycleFor = async (who: Parameters<World['request']>[0]) =>
      (await w.request(who, 'GET', `${P()}/records/healthChecks/hc1`)).json().item.answers;
    expect(await cycleFor('memberC')).toEqual([]);
    expect(await cycleFor('orchestrator')).toHaveLength(1);
  });
});
