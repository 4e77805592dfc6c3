/**
 * The monitoring agent (both stores): a run raises a deduplicated alert that
 * says why, a second run does not duplicate it, a more severe signal
 * escalates it, it resolves when the signal goes; the health history keeps
 * one row per partnership per day; who may read, acknowledge and run; two
 * app instances on one database run the agent once; changes trigger a run.
 * World: p1 = a0 (org A, the orchestrator's) + a1 (org B); org C (a2) is outside p1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@valueweb/store';
import { testStoreKinds } from '@valueweb/store/testing';
import type { FastifyInstance } from 'fastify';
import { buildWorld, type World } from './harness.ts';
import { makeGridlock, monitoredApp, resolveGridlock, TODAY, until, type Req } from './agent-helpers.ts';

interface Alert {
  id: number;
  kind: string;
  severity: string;
  status: string;
  partnershipId: string;
  partnershipName: string;
  title: string;
  detail: {
    evidence: string[];
    rule: string;
    action: string;
    since: string;
    label: string;
    health: { score: number };
  };
  lastSeenAt: string;
  acknowledgedBy: { name: string } | null;
  resolvedAt: string | null;
  mayAcknowledge: boolean;
}

describe.each(testStoreKinds())('monitoring agent ($name store)', (kind) => {
  let w: World;
  let app: FastifyInstance;
  let request: Req;
  let url: string | undefined;
  let cleanup: () => Promise<void>;
  const E = () => `/api/v1/ecosystems/${w.eco}`;
  const alerts = async (query = '', who: Parameters<Req>[0] = 'orchestrator'): Promise<Alert[]> => {
    const r = await request(who, 'GET', `${E()}/alerts${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json().items;
  };
  const gridlock = async () =>
    (await alerts('?status=open,acknowledged')).filter(
      (a) => a.kind === 'decision-gridlock' && a.partnershipId === 'p1',
    );
  const run = async () => {
    const r = await request('orchestrator', 'POST', `${E()}/agent/run`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('ran');
    return r.json().run as { id: number; reason: string; stats: Record<string, number> };
  };

  beforeAll(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    url = opened.url;
    w = await buildWorld(opened.store);
    ({ app, request } = await monitoredApp(w, opened.store));
  });
  afterAll(async () => {
    await app.close();
    await w.app.close();
    await cleanup();
  });

  it('raises an alert that says why, and a second run does not duplicate it', async () => {
    await makeGridlock(request, w.eco);
    const first = await run();
    expect(first.reason).toBe('manual');
    expect(first.stats).toMatchObject({ today: TODAY, partnerships: 1, raised: 1 });
    const [a] = await gridlock();
    expect(a).toMatchObject({
      severity: 'warning',
      status: 'open',
      partnershipName: 'Pilot partnership',
      title: 'Decision gridlock in Pilot partnership',
    });
    expect(a!.detail.evidence.join(' ')).toMatch(
      /2 decisions past deadline and still open \(oldest deadline 2026-03-01\)/,
    );
    expect(a!.detail.rule).toMatch(/2 or more decisions past their deadline/);
    expect(a!.detail.action).toMatch(/governance structures/);
    expect(a!.detail.since).toBe('2026-03-01');
    expect(typeof a!.detail.health.score).toBe('number');

    const second = await run();
    expect(second.stats).toMatchObject({ raised: 0, updated: 1, resolved: 0 });
    const again = await gridlock();
    expect(again).toHaveLength(1);
    expect(again[0]!.id).toBe(a!.id);
    expect(Date.parse(again[0]!.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(a!.lastSeenAt));
    // One health-history row per partnership per day, however often it runs.
    const rows = await w.store.db.query<{ n: number }>(
      `select count(*)::int as n from health_history where ecosystem_id = $1 and partnership_id = 'p1' and day = $2`,
      [w.eco, TODAY],
    );
    expect(rows[0]!.n).toBe(1);
    // The summary counts it for the badge; the audit log has it, by whom the run was asked.
    expect((await request('memberB', 'GET', `${E()}/alerts/summary`)).json()).toMatchObject({
      open: 1,
      acknowledged: 0,
      openBySeverity: { warning: 1 },
    });
    const audit = (await request('orchestrator', 'GET', `${E()}/audit?limit=20`)).json().items as {
      action: string;
      userId: string | null;
    }[];
    expect(audit.find((e) => e.action === 'alert.raise')?.userId).toBe(w.as.orchestrator.userId);
    expect(audit.filter((e) => e.action === 'agent.run')).toHaveLength(2);
  });

  it('lets everyone in the ecosystem read alerts, filtered; outsiders and anonymous callers not', async () => {
    for (const who of ['memberB', 'memberC', 'observer'] as const)
      expect((await alerts('?status=open', who)).map((a) => a.kind)).toContain('decision-gridlock');
    // Each alert says whether the caller may acknowledge it (the page shows the button accordingly).
    const may = async (who: Parameters<Req>[0]) =>
      (await alerts('?status=open', who)).find((a) => a.kind === 'decision-gridlock')!.mayAcknowledge;
    expect([
      await may('orchestrator'),
      await may('memberB'),
      await may('memberC'),
      await may('observer'),
    ]).toEqual([true, true, false, false]);
    expect((await alerts('?partnership=p1&severity=warning,critical')).length).toBeGreaterThan(0);
    expect(await alerts('?partnership=nope')).toEqual([]);
    expect(await alerts('?severity=critical')).toEqual([]);
    expect(await alerts('?mine=true', 'memberC')).toEqual([]); // org C is not in p1
    expect((await alerts('?mine=true', 'memberB')).length).toBeGreaterThan(0);
    const bad = await request('orchestrator', 'GET', `${E()}/alerts?status=opened`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'status' });
    expect((await request('outsider', 'GET', `${E()}/alerts`)).statusCode).toBe(404);
    expect((await request(null, 'GET', `${E()}/alerts`)).statusCode).toBe(401);
  });

  it('is acknowledged by orchestrators and members of its partnership only, once, audited', async () => {
    const [a] = await gridlock();
    const ack = (who: Parameters<Req>[0], body?: unknown) =>
      request(who, 'POST', `${E()}/alerts/${a!.id}/acknowledge`, body);
    expect((await ack('memberC')).statusCode).toBe(403);
    expect((await ack('observer')).statusCode).toBe(403);
    expect((await ack('outsider')).statusCode).toBe(404);
    expect((await ack(null)).statusCode).toBe(401);
    expect((await request('orchestrator', 'POST', `${E()}/alerts/999999/acknowledge`)).statusCode).toBe(404);
    const ok = await ack('memberB', { note: 'We will escalate both to the steering committee.' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: { name: 'member-b', organization: 'Org B' },
      detail: { acknowledgement: { note: 'We will escalate both to the steering committee.' } },
    });
    const twice = await ack('orchestrator');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/already acknowledged by member-b/);
    const audit = (await request('orchestrator', 'GET', `${E()}/audit?limit=10`)).json().items as {
      action: string;
      userId: string;
      after: { note?: string };
    }[];
    expect(audit.find((e) => e.action === 'alert.acknowledge')).toMatchObject({
      userId: w.as.memberB.userId,
      after: { status: 'acknowledged', note: 'We will escalate both to the steering committee.' },
    });
    expect((await request('memberB', 'GET', `${E()}/alerts/summary`)).json()).toMatchObject({
      open: 0,
      acknowledged: 1,
    });
    // A repeat keeps the acknowledgement.
    await run();
    expect((await gridlock())[0]).toMatchObject({ id: a!.id, status: 'acknowledged' });
  });

  it('escalates the same alert when its signal becomes more severe (reopening it), and resolves it when the signal is gone', async () => {
    const [a] = await gridlock();
    await makeGridlock(request, w.eco, ['d3', 'd4', 'd5']);
    const r = await run();
    expect(r.stats).toMatchObject({ raised: 0, escalated: 1 });
    const [b] = await gridlock();
    expect(b).toMatchObject({ id: a!.id, severity: 'critical', status: 'open', acknowledgedBy: null });
    expect(b!.detail.evidence.join(' ')).toMatch(/5 decisions past deadline/);

    await resolveGridlock(request, w.eco, ['d1', 'd2', 'd3', 'd4', 'd5']);
    const done = await run();
    expect(done.stats).toMatchObject({ resolved: 1 });
    expect(await gridlock()).toEqual([]);
    const resolved = (await alerts('?status=resolved')).find((x) => x.id === a!.id);
    expect(resolved).toMatchObject({ status: 'resolved' });
    expect(resolved!.resolvedAt).not.toBeNull();
    const late = await request('orchestrator', 'POST', `${E()}/alerts/${a!.id}/acknowledge`);
    expect(late.statusCode).toBe(409);
    // A new occurrence after resolution is a new alert.
    await makeGridlock(request, w.eco, ['d6', 'd7']);
    await run();
    const [c] = await gridlock();
    expect(c!.id).not.toBe(a!.id);
  });

  it('runs on request for orchestrators only, and lists its runs', async () => {
    expect((await request('memberB', 'POST', `${E()}/agent/run`)).statusCode).toBe(403);
    expect((await request('observer', 'POST', `${E()}/agent/run`)).statusCode).toBe(403);
    const runs = await request('observer', 'GET', `${E()}/agent/run`);
    expect(runs.statusCode).toBe(200);
    expect(runs.json().schedule).toEqual({ intervalMinutes: 60, runsAfterChanges: false });
    expect(runs.json().runs[0]).toMatchObject({ ecosystemId: w.eco, reason: 'manual', error: null });
    expect(runs.json().runs[0].finishedAt).not.toBeNull();
    // An ecosystem that is gone (deleted after a change marked it) is skipped, not recorded as a failed run.
    expect(await app.monitor.agent.run('no-such-ecosystem', 'change')).toMatchObject({
      status: 'skipped',
      reason: 'gone',
    });
    expect(
      await w.store.db.query(`select 1 from agent_runs where ecosystem_id = 'no-such-ecosystem'`),
    ).toEqual([]);
  });

  it('runs once when two app instances on one database try at the same moment', async () => {
    const storeB = url ? await Store.open({ databaseUrl: url, poolSize: 4 }, { migrate: false }) : w.store;
    const b = await monitoredApp(w, storeB, { agent: { instance: 'instance-b' } });
    const a = await monitoredApp(w, w.store, { agent: { instance: 'instance-a' } });
    try {
      const before = await w.store.alerts.runs(w.eco, 200);
      // Last successful run is recent: make the scheduled runs due by moving it back.
      await w.store.db.query(
        `update agent_runs set started_at = started_at - interval '2 hours' where ecosystem_id = $1`,
        [w.eco],
      );
      const [ra, rb] = await Promise.all([
        a.app.monitor.agent.run(w.eco, 'schedule'),
        b.app.monitor.agent.run(w.eco, 'schedule'),
      ]);
      const statuses = [ra.status, rb.status].sort();
      expect(statuses).toEqual(['ran', 'skipped']);
      const after = await w.store.alerts.runs(w.eco, 200);
      expect(after.length - before.length).toBe(1);
      // One after the other: the second finds the first's run fresh and skips too.
      const later = await Promise.all([
        a.app.monitor.agent.sweep('schedule'),
        b.app.monitor.agent.sweep('schedule'),
      ]);
      expect(later.map((x) => x[w.eco]!.status)).toEqual(['skipped', 'skipped']);
      expect((await w.store.alerts.runs(w.eco, 200)).length).toBe(after.length);
      // Open alerts stay deduplicated.
      const open = await w.store.db.query<{ n: number }>(
        `select count(*)::int as n from alerts where ecosystem_id = $1 and status <> 'resolved' group by dedupe_key having count(*) > 1`,
        [w.eco],
      );
      expect(open).toEqual([]);
    } finally {
      await a.app.close();
      await b.app.close();
      if (storeB !== w.store) await storeB.close();
    }
  });

  it('runs by itself shortly after a change, and on its schedule', async () => {
    const m = await monitoredApp(w, w.store, {
      agent: {
        runAfterChanges: true,
        autoStart: true,
        debounceMs: 50,
        intervalMs: 3_600_000,
        firstRunDelayMs: 60_000,
      },
    });
    try {
      const before = (await w.store.alerts.runs(w.eco, 200)).length;
      const r = await m.request('orchestrator', 'POST', `${E()}/partnerships/p1/records/risks`, {
        id: 'r-agent',
        title: 'Key staff leave',
        likelihood: 3,
        impact: 4,
      });
      expect(r.statusCode).toBe(201);
      // Reading and acknowledging change no signal and trigger nothing; the write does, once.
      await m.request('orchestrator', 'GET', `${E()}/alerts`);
      const runs = await until(
        async () => {
          const list = await w.store.alerts.runs(w.eco, 200);
          return list.length > before && list[0]!.finishedAt ? list : null;
        },
        10_000,
        'a run after the change',
      );
      expect(runs[0]).toMatchObject({ reason: 'change', error: null });
      expect(runs.length - before).toBe(1);
    } finally {
      await m.app.close();
    }
    const s = await monitoredApp(w, w.store, {
      agent: { autoStart: true, intervalMs: 3_600_000, firstRunDelayMs: 10 },
    });
    try {
      await w.store.db.query(
        `update agent_runs set started_at = started_at - interval '2 hours' where ecosystem_id = $1`,
        [w.eco],
      );
      const runs = await until(
        async () => {
          const list = await w.store.alerts.runs(w.eco, 1);
          return list[0]?.reason === 'schedule' && list[0].finishedAt ? list : null;
        },
        10_000,
        'a scheduled run',
      );
      expect(runs[0]!.error).toBeNull();
    } finally {
      await s.app.close();
    }
  });
});
