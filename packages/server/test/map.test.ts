/** Map analytics over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedTestStore } from '@valueweb/store/testing';
import { buildWorld, type World } from './harness.ts';

describe('map API', () => {
  let w: World;
  const base = () => `/api/v1/ecosystems/${w.eco}`;
  beforeAll(async () => {
    w = await buildWorld(await openEmbeddedTestStore());
  });
  afterAll(async () => {
    await w.app.close();
    await w.store.close();
  });

  it('analyses what the caller may see: metrics, gaps, opportunities, criticality', async () => {
    const res = await w.request('memberC', 'GET', `${base()}/analysis`);
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(Object.keys(a.network.actors)).toHaveLength(6);
    expect(a.network.actors.a0).toMatchObject({
      degree: expect.any(Number),
      betweenness: expect.any(Number),
      community: expect.any(Number),
    });
    expect(a).toHaveProperty('gaps');
    expect(a.criticality).toHaveLength(6);
    // member C does not see B's private tie a1–a3, so a1's degree differs from the orchestrator's view.
    const full = (await w.request('orchestrator', 'GET', `${base()}/analysis`)).json();
    expect(full.network.actors.a1.degree).toBeGreaterThan(a.network.actors.a1.degree);
  });

  it('what-if: reports the impact; an unknown actor is a clear 400', async () => {
    const res = await w.request('observer', 'POST', `${base()}/what-if`, { actors: ['a0'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      removed: ['a0'],
      components: { before: expect.any(Number), after: expect.any(Number) },
    });
    const bad = await w.request('observer', 'POST', `${base()}/what-if`, { actors: ['nobody'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('nobody');
  });

  it('saves snapshots and diffs them against now', async () => {
    const snap = await w.request('orchestrator', 'POST', `${base()}/snapshots`, {
      label: 'before new actor',
    });
    expect(snap.statusCode).toBe(201);
    await w.request('orchestrator', 'POST', `${base()}/actors`, {
      id: 'newcomer',
      name: 'Newcomer',
      kind: 'startup',
    });
    const diff = await w.request('orchestrator', 'GET', `${base()}/diff?from=${snap.json().id}`);
    expect(diff.statusCode).toBe(200);
    expect(diff.json().actors.added).toEqual(['newcomer']);
    expect((await w.request('memberB', 'GET', `${base()}/diff?from=${snap.json().id}`)).statusCode).toBe(403);
    expect((await w.request('memberB', 'POST', `${base()}/snapshots`, {})).statusCode).toBe(403);
    const list = (await w.request('orchestrator', 'GET', `${base()}/snapshots`)).json();
    expect(list.items[0]).toMatchObject({ label: 'before new actor', reason: 'on demand' });
  });
});
