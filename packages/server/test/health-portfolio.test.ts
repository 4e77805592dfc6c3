/**
 * The portfolio dashboard's endpoint: every partnership with stage, score,
 * RAG, trend (history or the live score), top signals and next milestones,
 * filtered by stage, RAG and signal kind; who may read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitor } from '@valueweb/core';
import { testStoreKinds } from '@valueweb/store/testing';
import { buildWorld, type World } from './harness.ts';

const today = new Date().toISOString().slice(0, 10);
const day = (offset: number) => monitor.addDays(today, offset);

/** A partnership in trouble: an overdue milestone, an off-track KPI, three open formal disputes, one member doing everything. */
export function troubledPartnership() {
  return {
    id: 'p2',
    name: 'Scaling alliance',
    stage: 'scaling',
    members: [{ actor: 'a1', role: 'lead' }, { actor: 'a2' }],
    milestones: [
      {
        id: 'late',
        name: 'Second site live',
        owner: 'a2',
        due: day(-100),
        status: 'in-progress',
        value: 'Twice the patients reached',
      },
      { id: 'soon', name: 'Payer agreement signed', owner: 'a1', due: day(30), status: 'planned' },
      { id: 'done', name: 'Kick-off', owner: 'a1', due: day(-200), status: 'done', completed: day(-201) },
    ],
    kpis: [
      {
        id: 'sites',
        name: 'Sites live',
        baseline: 0,
        target: 10,
        direction: 'increase',
        targetDate: day(60),
        baselineDate: day(-300),
        measurements: [
          { date: day(-200), value: 1 },
          { date: day(-100), value: 1 },
          { date: day(-10), value: 1 },
        ],
      },
    ],
    disputes: [0, 1, 2].map((i) => ({
      id: `d${i}`,
      title: `Dispute ${i}`,
      parties: ['a1', 'a2'],
      opened: day(-20 - i),
      stage: 'mediation',
      status: 'open',
      formal: true,
    })),
    ledger: [
      {
        id: 'l1',
        kind: 'contribution',
        actor: 'a1',
        type: 'cash',
        value: 900000,
        currency: 'EUR',
        date: day(-50),
      },
      {
        id: 'l2',
        kind: 'contribution',
        actor: 'a2',
        type: 'cash',
        value: 10000,
        currency: 'EUR',
        date: day(-40),
      },
    ],
  };
}

describe.each(testStoreKinds())('portfolio API ($name store)', (kind) => {
  let w: World;
  let cleanup: () => Promise<void>;
  const URL = () => `/api/v1/ecosystems/${w.eco}/portfolio`;
  beforeAll(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    w = await buildWorld(opened.store);
    const created = await w.request(
      'orchestrator',
      'POST',
      `/api/v1/ecosystems/${w.eco}/partnerships`,
      troubledPartnership(),
    );
    if (created.statusCode !== 201) throw new Error(created.body);
  });
  afterAll(async () => {
    await w.app.close();
    await cleanup();
  });

  it('lists every partnership with stage, score, RAG, trend, top signals and next milestones', async () => {
    const res = await w.request('observer', 'GET', URL());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    const byId = Object.fromEntries(body.items.map((p: { id: string }) => [p.id, p]));
    const p2 = byId.p2;
    expect(p2).toMatchObject({
      name: 'Scaling alliance',
      stage: 'scaling',
      members: 2,
      trendSource: 'live',
      overdueCount: 1,
    });
    expect(p2.score).toBeGreaterThanOrEqual(0);
    expect(p2.score).toBeLessThan(50);
    expect(p2.rag).toBe('red');
    expect(p2.trend).toEqual([{ day: today, score: p2.score }]);
    expect(p2.nextMilestones).toEqual([
      expect.objectContaining({
        id: 'soon',
        name: 'Payer agreement signed',
        due: day(30),
        ownerName: 'Actor 1',
      }),
    ]);
    expect(p2.overdueMilestones[0]).toMatchObject({ id: 'late', daysLate: 100 });
    expect(p2.kpis).toMatchObject({ total: 1, offTrack: 1 });
    const kinds = p2.signals.map((s: { kind: string }) => s.kind);
    expect(kinds).toEqual(expect.arrayContaining(['rising-disputes', 'dependency']));
    expect(p2.topSignals.length).toBeLessThanOrEqual(3);
    const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
    const sev = p2.signals.map((s: { severity: string }) => rank[s.severity]);
    expect(sev).toEqual([...sev].sort((a: number, b: number) => a - b));
    expect(p2.topSignals[0]).toEqual(
      expect.objectContaining({
        label: expect.any(String),
        evidence: expect.any(Array),
        since: expect.any(String),
        action: expect.any(String),
      }),
    );
    // p1 has nothing measured: a neutral 50.
    expect(byId.p1).toMatchObject({ score: 50, rag: 'amber', stage: 'pilot' });
    expect(body.summary).toMatchObject({ partnerships: 2, red: 1, amber: 1, green: 0 });
    expect(body.facets.stage).toMatchObject({ pilot: 1, scaling: 1, exploring: 0 });
    expect(body.headline).toMatch(/2 partnerships \(1 red, 1 amber\)/);
    expect(body.signalLabels['perception-gap']).toBe('Perception gap');
  });

  it('draws the trend from the monitoring agent’s history when there is one, ending with the live score', async () => {
    await w.store.db.query(
      `insert into health_history (ecosystem_id, partnership_id, day, score, rag) values ($1, 'p2', $2, 71, 'green'), ($1, 'p2', $3, 55, 'amber')`,
      [w.eco, day(-60), day(-30)],
    );
    const p2 = (await w.request('memberC', 'GET', URL()))
      .json()
      .items.find((p: { id: string }) => p.id === 'p2');
    expect(p2.trendSource).toBe('history');
    expect(p2.trend.map((t: { day: string }) => t.day)).toEqual([day(-60), day(-30), today]);
    expect(p2.trend.slice(0, 2).map((t: { score: number }) => t.score)).toEqual([71, 55]);
  });

  it('filters by stage, RAG and signal kind; a bad filter is a 400 naming it', async () => {
    const ids = async (q: string) =>
      (await w.request('memberB', 'GET', `${URL()}?${q}`)).json().items.map((p: { id: string }) => p.id);
    expect(await ids('stage=scaling')).toEqual(['p2']);
    expect(await ids('stage=pilot,scaling')).toEqual(['p1', 'p2']);
    expect(await ids('rag=amber')).toEqual(['p1']);
    expect(await ids('rag=red&stage=pilot')).toEqual([]);
    expect(await ids('signal=rising-disputes')).toEqual(['p2']);
    const filtered = (await w.request('memberB', 'GET', `${URL()}?stage=scaling`)).json();
    expect(filtered).toMatchObject({ total: 2, summary: { partnerships: 1, red: 1 } });
    const bad = await w.request('memberB', 'GET', `${URL()}?rag=purple`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('rag');
    expect(bad.json().error.message).toMatch(
      /unknown RAG band "purple"; expected one or more of: green, amber, red/,
    );
    const badSignal = await w.request('memberB', 'GET', `${URL()}?signal=gossip`);
    expect(badSignal.statusCode).toBe(400);
    expect(badSignal.json().error.details[0].field).toBe('signal');
    expect((await w.request('memberB', 'GET', `${URL()}?color=red`)).statusCode).toBe(400);
  });

  it('is for people of the ecosystem only', async () => {
    expect((await w.request('outsider', 'GET', URL())).statusCode).toBe(404);
    expect((await w.request(null, 'GET', URL())).statusCode).toBe(401);
    expect((await w.request('orchestrator', 'GET', '/api/v1/ecosystems/nope/portfolio')).statusCode).toBe(
      404,
    );
  });
});
