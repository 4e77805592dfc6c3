/**
 * An access sweep over every operation of the OpenAPI document, so an endpoint
 * added later is covered without anyone remembering to: nobody without a login
 * gets anything but the public calls; a person with no role in an ecosystem
 * gets nothing of it (404, as if it did not exist); an observer and a read-only
 * API token never change anything. The per-module tests check what each role
 * may do; this checks the floor under all of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedTestStore } from '@valueweb/store/testing';
import { buildWorld, type World } from './harness.ts';

interface Op {
  method: string;
  path: string;
  url: string;
}

/** Calls anyone may make: signing in and taking up an invitation. */
const PUBLIC = [/^\/api\/v1\/auth\/login$/, /^\/api\/v1\/invites\/\{token\}(\/accept)?$/];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('access sweep: every operation of the API', () => {
  let w: World;
  let ops: Op[];
  let readToken: string;
  beforeAll(async () => {
    w = await buildWorld(await openEmbeddedTestStore());
    const doc: { paths: Record<string, Record<string, unknown>> } = (
      await w.app.inject('/api/openapi.json')
    ).json();
    // Real ids of the world where there are some, so requests get past "not found" to the access rules.
    const ids: Record<string, string> = {
      id: w.eco,
      pid: 'p1',
      actorId: 'a1',
      actor: 'a1',
      organization: 'a1',
      candidate: 'a3',
      rater: 'a1',
      relId: String(w.rel.open),
      section: 'risks',
      stage: 'scaling',
      date: '2026-01-01',
      webhookId: '00000000-0000-0000-0000-000000000000',
      userId: w.as.memberB.userId,
      orgId: w.orgs.b,
      deliveryId: '1',
      alertId: '1',
    };
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({
        method: m.toUpperCase(),
        path,
        url: path.replace(/\{(\w+)\}/g, (_, k: string) => ids[k] ?? 'x1'),
      })),
    );
    const t = await w.request('memberB', 'POST', '/api/v1/tokens', { name: 'sweep', scope: 'read' });
    readToken = t.json<{ token: string }>().token;
  });
  afterAll(async () => {
    await w.app.close();
    await w.store.close();
  });

  // Logging out (or changing one's password) would end the sessions the sweep uses.
  const swept = () => ops.filter((o) => !o.path.startsWith('/api/v1/auth/'));
  const body = (o: Op) => (o.method === 'GET' || o.method === 'DELETE' ? undefined : {});

  it('covers every module of the API', () => {
    expect(ops.length).toBeGreaterThan(100);
    for (const part of [
      '/records/',
      '/ledger',
      '/charter',
      '/decisions',
      '/discover/',
      '/health-checks',
      '/alerts',
      '/webhooks',
      '/stage',
      '/portfolio',
      '/analysis',
    ]) {
      expect(
        ops.some((o) => o.path.includes(part)),
        part,
      ).toBe(true);
    }
  });

  it('answers nothing but the public calls without a login', async () => {
    for (const o of swept()) {
      if (PUBLIC.some((p) => p.test(o.path))) continue;
      const res = await w.request(null, o.method, o.url, body(o));
      expect(res.statusCode, `${o.method} ${o.path}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${o.method} ${o.path}`).toBeLessThan(500);
      if (res.statusCode !== 400) expect(res.statusCode, `${o.method} ${o.path}`).toBe(401);
    }
  });

  it('shows an ecosystem to nobody without a role in it', async () => {
    for (const o of swept().filter((x) => x.path.startsWith('/api/v1/ecosystems/{id}'))) {
      const res = await w.request('outsider', o.method, o.url, body(o));
      expect(
        [400, 404],
        `${o.method} ${o.path} answered ${res.statusCode}: ${res.body.slice(0, 200)}`,
      ).toContain(res.statusCode);
    }
  });

  it('lets neither an observer nor a read-only token change anything', async () => {
    for (const o of swept().filter(
      (x) => UNSAFE.has(x.method) && x.path.startsWith('/api/v1/ecosystems/{id}'),
    )) {
      const observer = await w.request('observer', o.method, o.url, body(o));
      expect(observer.statusCode, `observer ${o.method} ${o.path}`).toBeGreaterThanOrEqual(400);
      expect(observer.statusCode, `observer ${o.method} ${o.path}`).toBeLessThan(500);
      const token = await w.app.inject({
        method: o.method as 'POST',
        url: o.url,
        headers: { authorization: `Bearer ${readToken}` },
        ...(body(o) ? { payload: body(o) } : {}),
      });
      expect(token.statusCode, `read token ${o.method} ${o.path}`).toBeGreaterThanOrEqual(400);
      expect(token.statusCode, `read token ${o.method} ${o.path}`).toBeLessThan(500);
    }
  });
});
