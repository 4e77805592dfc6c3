/**
 * Webhooks (both stores): only orchestrators manage endpoints; URLs must be
 * http(s) and public unless the operator allows private addresses; the
 * signing secret is shown once and stored only sealed; deliveries are
 * signed (the receiver verifies them with the secret), retried with
 * exponential backoff when the receiver answers 500, is slow or is down, and
 * delivered when it comes back; each goes out once across instances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@valueweb/store';
import { testStoreKinds } from '@valueweb/store/testing';
import type { FastifyInstance } from 'fastify';
import { buildWorld, type World } from './harness.ts';
import {
  KEY,
  makeGridlock,
  monitoredApp,
  receiver,
  resolveGridlock,
  until,
  type Req,
} from './agent-helpers.ts';
import { SecretBox } from '../src/webhooks/secret-box.ts';
import { verifySignature } from '../src/webhooks/sender.ts';
import { WebhookWorker } from '../src/webhooks/worker.ts';

interface Delivery {
  id: number;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  alertId: number | null;
}

describe.each(testStoreKinds())('webhooks ($name store)', (kind) => {
  let w: World;
  let app: FastifyInstance;
  let request: Req;
  let url: string | undefined;
  let cleanup: () => Promise<void>;
  const H = () => `/api/v1/ecosystems/${w.eco}/webhooks`;
  const add = async (target: string, extra: object = {}) => {
    const r = await request('orchestrator', 'POST', H(), { url: target, ...extra });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string; secret: string; version: number; url: string; events: string[] }>();
  };
  const log = async (id: string): Promise<Delivery[]> =>
    (await request('orchestrator', 'GET', `${H()}/${id}/deliveries`)).json().items;
  const remove = async (id: string) => {
    const cur = await request('orchestrator', 'GET', `${H()}/${id}`);
    expect(
      (
        await request('orchestrator', 'DELETE', `${H()}/${id}`, undefined, {
          'if-match': cur.headers.etag as string,
        })
      ).statusCode,
    ).toBe(204);
  };
  const runAgent = async () => {
    const r = await request('orchestrator', 'POST', `/api/v1/ecosystems/${w.eco}/agent/run`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json().run.stats as Record<string, number>;
  };

  beforeAll(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    url = opened.url;
    w = await buildWorld(opened.store);
    ({ app, request } = await monitoredApp(w, opened.store, {
      webhooks: { baseDelayMs: 150, maxDelayMs: 2_000, timeoutMs: 400, pollMs: 100, autoStart: true },
    }));
  });
  afterAll(async () => {
    await app.close();
    await w.app.close();
    await cleanup();
  });

  it('refuses loopback, link-local and private addresses unless the operator allows them, and anything not http(s); writes nothing', async () => {
    const strict = await monitoredApp(w, w.store, { webhooks: { allowPrivate: false } });
    try {
      for (const target of [
        'http://127.0.0.1:9/x',
        'http://localhost:8080/hook',
        'http://10.1.2.3/hook',
        'https://192.168.1.20/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]:3000/',
        'http://[fd00::1]/',
        'http://[::ffff:127.0.0.1]/',
        'http://0.0.0.0/',
      ]) {
        const r = await strict.request('orchestrator', 'POST', H(), { url: target });
        expect(r.statusCode, target).toBe(400);
        expect(r.json().error.details[0]).toMatchObject({ field: 'url' });
        expect(r.json().error.details[0].message).toMatch(
          /loopback, link-local or private address.*VALUEWEB_WEBHOOK_ALLOW_PRIVATE/,
        );
      }
      for (const [target, msg] of [
        ['ftp://example.org/hook', /http:\/\/ or https:\/\//],
        ['javascript:alert(1)', /http:\/\/ or https:\/\//],
        ['not a url', /not a URL/],
        ['https://user:pw@example.org/hook', /user name or password/],
      ] as const) {
        const r = await strict.request('orchestrator', 'POST', H(), { url: target });
        expect(r.statusCode, target).toBe(400);
        expect(r.json().error.details[0].message).toMatch(msg);
      }
      const bad = await strict.request('orchestrator', 'POST', H(), {
        url: 'https://example.org/hook',
        events: ['alert.nonsense'],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].field).toMatch(/^events/);
      expect((await strict.request('orchestrator', 'GET', H())).json()).toMatchObject({
        items: [],
        enabled: true,
        allowPrivate: false,
      });
    } finally {
      await strict.app.close();
    }
    // With the setting (as here), a local receiver is fine.
    const ok = await add('http://127.0.0.1:9/allowed');
    await remove(ok.id);
  });

  it('is managed by orchestrators only; the secret is shown once and stored sealed, never in clear', async () => {
    for (const who of ['memberB', 'observer'] as const) {
      expect((await request(who, 'GET', H())).statusCode).toBe(403);
      expect((await request(who, 'POST', H(), { url: 'http://127.0.0.1:9/x' })).statusCode).toBe(403);
    }
    expect((await request('outsider', 'GET', H())).statusCode).toBe(404);
    const e = await add('http://127.0.0.1:9/secret-test', {
      description: 'Ops channel',
      events: ['alert.raised'],
    });
    expect(e.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect(e.events).toEqual(['alert.raised']);
    const listed = (await request('orchestrator', 'GET', H())).json();
    expect(JSON.stringify(listed)).not.toContain(e.secret);
    expect(listed.items[0]).not.toHaveProperty('secret');
    const one = await request('orchestrator', 'GET', `${H()}/${e.id}`);
    expect(one.body).not.toContain(e.secret);
    const row = (
      await w.store.db.query<Record<string, unknown>>('select * from webhook_endpoints where id = $1', [e.id])
    )[0]!;
    expect(JSON.stringify(row)).not.toContain(e.secret);
    expect(String(row.secret_ciphertext)).toMatch(/^v1\./);
    expect(new SecretBox(KEY).open(String(row.secret_ciphertext))).toBe(e.secret);
    const leaked = await w.store.db.query<{ n: number }>(
      `select count(*)::int as n from audit_events where coalesce(before::text, '') || coalesce(after::text, '') like '%' || $1 || '%'`,
      [e.secret],
    );
    expect(leaked[0]!.n).toBe(0);
    const audit = (await request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/audit?limit=5`))
      .json()
      .items.map((x: { action: string }) => x.action);
    expect(audit).toContain('webhook.create');
    // Changes need If-Match; a stale one is refused.
    expect((await request('orchestrator', 'PATCH', `${H()}/${e.id}`, { active: false })).statusCode).toBe(
      428,
    );
    const paused = await request(
      'orchestrator',
      'PATCH',
      `${H()}/${e.id}`,
      { active: false, description: 'Paused' },
      { 'if-match': `"${e.version}"` },
    );
    expect(paused.json()).toMatchObject({ active: false, description: 'Paused', version: e.version + 1 });
    expect(
      (
        await request(
          'orchestrator',
          'PATCH',
          `${H()}/${e.id}`,
          { active: true },
          { 'if-match': `"${e.version}"` },
        )
      ).statusCode,
    ).toBe(412);
    // Rotating gives a new secret once.
    const rotated = (await request('orchestrator', 'POST', `${H()}/${e.id}/rotate-secret`)).json();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(e.secret);
    expect((await request('orchestrator', 'GET', `${H()}/not-a-uuid`)).statusCode).toBe(400);
    expect(
      (await request('orchestrator', 'GET', `${H()}/00000000-0000-4000-8000-000000000000`)).statusCode,
    ).toBe(404);
    await remove(e.id);
    expect((await request('orchestrator', 'GET', H())).json().items).toEqual([]);
  });

  it('signs each delivery so the receiver verifies it with the secret; raised and resolved alerts are sent', async () => {
    const rx = await receiver();
    try {
      const e = await add(rx.url);
      await makeGridlock(request, w.eco);
      const stats = await runAgent();
      expect(stats.deliveries).toBeGreaterThanOrEqual(1);
      await until(() => rx.got.length >= 1, 10_000, 'the delivery');
      const got = rx.got[0]!;
      expect(verifySignature(e.secret, got.body, got.headers['x-valueweb-signature'] as string)).toBe(true);
      expect(verifySignature('whsec_wrong', got.body, got.headers['x-valueweb-signature'] as string)).toBe(
        false,
      );
      expect(
        verifySignature(
          e.secret,
          got.body.replace('gridlock', 'gridl0ck'),
          got.headers['x-valueweb-signature'] as string,
        ),
      ).toBe(false);
      const body = JSON.parse(got.body);
      expect(body).toMatchObject({
        event: 'alert.raised',
        ecosystem: { id: w.eco },
        alert: { kind: 'decision-gridlock', partnershipId: 'p1', severity: 'warning', status: 'open' },
      });
      expect(body.alert.why.evidence.length).toBeGreaterThan(0);
      expect(body.alert.why.rule).toBeTruthy();
      expect(body.alert.why.action).toBeTruthy();
      expect(got.headers['x-valueweb-timestamp']).toBe(String(Math.floor(Date.parse(body.sentAt) / 1000)));
      expect(got.headers['x-valueweb-event']).toBe('alert.raised');
      expect(got.headers['content-type']).toBe('application/json');
      await until(
        async () => (await log(e.id))[0]?.status === 'delivered',
        5_000,
        'the log to say delivered',
      );
      expect((await log(e.id))[0]).toMatchObject({
        event: 'alert.raised',
        status: 'delivered',
        attempts: 1,
        lastStatusCode: 200,
      });

      // The signal goes: alert.resolved.
      await resolveGridlock(request, w.eco);
      await runAgent();
      await until(
        () => rx.got.some((g) => JSON.parse(g.body).event === 'alert.resolved'),
        10_000,
        'alert.resolved',
      );
      // A test event on request.
      const t = await request('orchestrator', 'POST', `${H()}/${e.id}/test`);
      expect(t.statusCode).toBe(202);
      await until(
        () => rx.got.some((g) => JSON.parse(g.body).event === 'webhook.test'),
        10_000,
        'the test event',
      );
      const test = rx.got.find((g) => JSON.parse(g.body).event === 'webhook.test')!;
      expect(verifySignature(e.secret, test.body, test.headers['x-valueweb-signature'] as string)).toBe(true);
      await remove(e.id);
    } finally {
      await rx.close();
    }
  });

  it('retries a receiver that answers 500 or is slow with growing delays, without blocking the app, and delivers when it recovers', async () => {
    const rx = await receiver((n) => (n === 1 ? 500 : n === 2 ? 'slow' : 200));
    try {
      const e = await add(rx.url);
      await makeGridlock(request, w.eco, ['r1', 'r2']);
      await runAgent();
      await until(() => rx.got.length >= 2, 10_000, 'the second attempt');
      // While the receiver hangs, the app answers at once.
      const t0 = Date.now();
      expect((await request('memberB', 'GET', `/api/v1/ecosystems/${w.eco}/alerts`)).statusCode).toBe(200);
      expect(Date.now() - t0).toBeLessThan(300);
      await until(
        async () => (await log(e.id))[0]?.status === 'delivered',
        10_000,
        'delivery after recovery',
      );
      const [d] = await log(e.id);
      expect(d).toMatchObject({
        status: 'delivered',
        attempts: 3,
        lastStatusCode: 200,
        event: 'alert.raised',
      });
      const [a1, a2, a3] = rx.got.map((g) => g.at);
      // Backoff: 150 ms after the 500, then 300 ms after the 400 ms timeout.
      expect(a2! - a1!).toBeGreaterThanOrEqual(140);
      expect(a3! - a2!).toBeGreaterThanOrEqual(400 + 290);
      expect(new Set(rx.got.map((g) => JSON.parse(g.body).alert.id)).size).toBe(1);
      await remove(e.id);
    } finally {
      await rx.close();
    }
  });

  it('keeps an alert for a receiver that is down, and delivers it when it comes back; gives up after the last attempt and can send again', async () => {
    // A port nothing listens on.
    const probe = await receiver();
    const port = probe.port;
    await probe.close();
    const e = await add(`http://127.0.0.1:${port}/hooks`);
    await resolveGridlock(request, w.eco, ['r1', 'r2']);
    await runAgent();
    await until(
      async () => (await log(e.id)).some((d) => d.attempts >= 1 && d.lastError),
      10_000,
      'a failed attempt',
    );
    const failed = (await log(e.id))[0]!;
    expect(failed).toMatchObject({ status: 'pending', lastStatusCode: null });
    expect(failed.lastError).toMatch(/connection refused/);
    expect(failed.nextAttemptAt).not.toBeNull();
    const back = await receiver(() => 200, port);
    try {
      await until(() => back.got.length >= 1, 10_000, 'the delivery once the receiver is back');
      expect(JSON.parse(back.got[0]!.body).event).toBe('alert.resolved');
      await until(async () => (await log(e.id))[0]?.status === 'delivered', 5_000, 'delivered');
      expect((await log(e.id))[0]!.attempts).toBeGreaterThanOrEqual(2);
    } finally {
      await back.close();
    }
    // With one attempt allowed, a delivery to a dead receiver is given up, stays in the log, and can be sent again.
    const once = new WebhookWorker(w.store, new SecretBox(KEY), {
      maxAttempts: 1,
      timeoutMs: 300,
      allowPrivate: true,
    });
    await app.monitor.worker.stop();
    const t = await request('orchestrator', 'POST', `${H()}/${e.id}/test`);
    expect(t.statusCode).toBe(202);
    await once.drain();
    const gaveUp = (await log(e.id))[0]!;
    expect(gaveUp).toMatchObject({
      event: 'webhook.test',
      status: 'failed',
      attempts: 1,
      nextAttemptAt: null,
    });
    const again = await receiver(() => 200, port);
    try {
      const r = await request('orchestrator', 'POST', `${H()}/${e.id}/deliveries/${gaveUp.id}/retry`);
      expect(r.statusCode, r.body).toBe(202);
      expect(r.json()).toMatchObject({ status: 'pending', attempts: 0 });
      await once.drain();
      expect((await log(e.id))[0]).toMatchObject({ id: gaveUp.id, status: 'delivered', lastStatusCode: 200 });
      expect(
        (await request('orchestrator', 'POST', `${H()}/${e.id}/deliveries/${gaveUp.id}/retry`)).statusCode,
      ).toBe(409);
    } finally {
      await again.close();
      app.monitor.worker.start();
    }
    await remove(e.id);
  });

  it('sends each delivery once when several workers (instances) drain at the same time', async () => {
    const rx = await receiver();
    const storeB = url ? await Store.open({ databaseUrl: url, poolSize: 4 }, { migrate: false }) : w.store;
    await app.monitor.worker.stop();
    try {
      const e = await add(rx.url);
      for (let i = 0; i < 12; i++)
        expect((await request('orchestrator', 'POST', `${H()}/${e.id}/test`)).statusCode).toBe(202);
      const workers = [
        new WebhookWorker(w.store, new SecretBox(KEY), { allowPrivate: true, batch: 3 }),
        new WebhookWorker(storeB, new SecretBox(KEY), { allowPrivate: true, batch: 3 }),
      ];
      const sent = await Promise.all(workers.map((x) => x.drain()));
      expect(sent[0]! + sent[1]!).toBe(12);
      expect(rx.got).toHaveLength(12);
      expect(new Set(rx.got.map((g) => g.headers['x-valueweb-delivery'])).size).toBe(12);
      expect((await log(e.id)).every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
      await remove(e.id);
    } finally {
      app.monitor.worker.start();
      await rx.close();
      if (storeB !== w.store) await storeB.close();
    }
  });

  it('is off, with the reason, on a server without a key', async () => {
    const off = await monitoredApp(w, w.store, {
      webhooks: { box: null, disabledReason: 'webhooks are off: set VALUEWEB_SECRET_KEY' },
    });
    try {
      expect((await off.request('orchestrator', 'GET', H())).json()).toMatchObject({
        enabled: false,
        disabledReason: 'webhooks are off: set VALUEWEB_SECRET_KEY',
      });
      const r = await off.request('orchestrator', 'POST', H(), { url: 'http://127.0.0.1:9/x' });
      expect(r.statusCode).toBe(503);
      expect(r.json().error).toMatchObject({ code: 'webhooks_unavailable' });
    } finally {
      await off.app.close();
    }
  });
});
