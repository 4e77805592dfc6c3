/**
 * Test support for the monitoring agent and webhooks: the harness world with
 * a second app on the same store built with monitoring options (the
 * harness's own app has the defaults), requests with the world's sessions,
 * and a local HTTP receiver that records what it gets and answers as told.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Store } from '@valueweb/store';
import { buildApp } from '../src/index.ts';
import type { MonitorOptions } from '../src/agent/plugin.ts';
import { SecretBox } from '../src/webhooks/secret-box.ts';
import type { World } from './harness.ts';

export const TODAY = '2026-06-01';
export const KEY = randomBytes(32);

export type Who = keyof World['as'] | null;
export type Req = (
  who: Who,
  method: string,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<LightMyRequestResponse>;

/** An app on `store` with monitoring options (no timers unless asked), and a request function using the world's sessions. */
export async function monitoredApp(
  w: World,
  store: Store,
  opts: MonitorOptions = {},
): Promise<{ app: FastifyInstance; request: Req }> {
  const app = await buildApp({
    store,
    logger: false,
    webDir: null,
    monitor: {
      agent: {
        intervalMs: 3_600_000,
        autoStart: false,
        runAfterChanges: false,
        today: () => TODAY,
        ...opts.agent,
      },
      webhooks: { box: new SecretBox(KEY), allowPrivate: true, autoStart: false, ...opts.webhooks },
    },
  });
  await app.ready();
  const request: Req = (who, method, url, body, headers = {}) => {
    const s = who ? w.as[who] : undefined;
    return app.inject({
      method: method as 'GET',
      url,
      headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  };
  return { app, request };
}

/** Two decisions of p1 past their deadline (on TODAY) and still open: decision gridlock (warning). */
export async function makeGridlock(request: Req, eco: string, ids = ['d1', 'd2']): Promise<void> {
  for (const id of ids) {
    const r = await request(
      'orchestrator',
      'POST',
      `/api/v1/ecosystems/${eco}/partnerships/p1/records/decisions`,
      { id, title: `Decision ${id}`, opened: '2026-01-10', deadline: '2026-03-01', status: 'open' },
    );
    if (r.statusCode !== 201) throw new Error(`decision ${id}: ${r.statusCode} ${r.body}`);
  }
}

/** Marks decisions of p1 as passed (the gridlock goes away). */
export async function resolveGridlock(request: Req, eco: string, ids = ['d1', 'd2']): Promise<void> {
  for (const id of ids) {
    const url = `/api/v1/ecosystems/${eco}/partnerships/p1/records/decisions/${id}`;
    const cur = await request('orchestrator', 'GET', url);
    const r = await request(
      'orchestrator',
      'PATCH',
      url,
      { status: 'passed', decided: '2026-05-20' },
      { 'if-match': cur.headers.etag as string },
    );
    if (r.statusCode !== 200) throw new Error(`decision ${id}: ${r.statusCode} ${r.body}`);
  }
}

export interface Received {
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local receiver: `plan` decides each answer in turn (a status, 'slow' = never answers in time, or 'drop' = closes the socket). */
export async function receiver(
  plan: (n: number) => number | 'slow' | 'drop' = () => 200,
  port = 0,
): Promise<{ url: string; port: number; got: Received[]; close: () => Promise<void>; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ at: Date.now(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = plan(got.length);
      if (answer === 'drop') return req.socket.destroy();
      if (answer === 'slow') {
        const t = setTimeout(() => res.writeHead(200).end('too late'), 5_000);
        res.on('close', () => clearTimeout(t));
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'failed');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const p = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${p}/hooks/valueweb`,
    port: p,
    got,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `check` until it returns something truthy (or fails after `ms`). */
export async function until<T>(
  check: () => Promise<T> | T,
  ms = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
