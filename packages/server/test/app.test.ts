/** The foundation's read API, in-process (no port), on both stores. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { makeDocument, testStoreKinds } from '@valueweb/store/testing';
import { login } from './harness.ts';
import { ensureAdmin } from '../src/bootstrap.ts';
import type { Store } from '@valueweb/store';
import { buildApp } from '../src/index.ts';

describe.each(testStoreKinds())('read API ($name store)', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  let cookie: string;
  const get = (url: string) => app.inject({ url, headers: { cookie } });
  beforeEach(async () => {
    ({ store, cleanup } = await kind.open());
    app = await buildApp({ store, logger: false, webDir: null });
    await ensureAdmin(store, { email: 'admin@test.org', password: 'a long admin password' });
    cookie = (await login(app, 'admin@test.org', 'a long admin password')).cookie;
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  it('GET /health says the store answers and migrations are current', async () => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      store: { kind: kind.name, reachable: true, migrations: { pending: [], current: true } },
    });
  });

  it('GET /health is 503 when the store does not answer', async () => {
    await cleanup();
    cleanup = async () => undefined;
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', store: { reachable: false } });
  });

  it('lists ecosystems with counts', async () => {
    await store.ecosystems.import(makeDocument('eco-1', 4));
    const res = await get('/api/v1/ecosystems');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ id: 'eco-1', actors: 4, relationships: 4, partnerships: 1 }),
    ]);
  });

  it('exports the document as JSON and as YAML, equal to what was imported', async () => {
    const doc = makeDocument('eco-1', 4);
    await store.ecosystems.import(doc);
    const json = await get('/api/v1/ecosystems/eco-1/document');
    expect(json.headers['content-type']).toMatch(/application\/json/);
    expect(json.json()).toEqual(doc);
    const yaml = await get('/api/v1/ecosystems/eco-1/document?format=yaml');
    expect(yaml.headers['content-type']).toMatch(/yaml/);
    expect(parse(yaml.body)).toEqual(doc);
  });

  it('answers errors as {error: {code, message}} with correct statuses and a request id', async () => {
    const missing = await get('/api/v1/ecosystems/nope/document');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'no ecosystem with id "nope"' } });
    expect(missing.headers['x-request-id']).toBeTruthy();
    const badId = await get('/api/v1/ecosystems/%3Cscript%3E/document');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.code).toBe('validation_failed');
    const badFormat = await get('/api/v1/ecosystems/eco/document?format=xml');
    expect(badFormat.statusCode).toBe(400);
    const unknown = await get('/api/v1/ecosystems/eco/document?colour=red');
    expect(unknown.statusCode).toBe(400);
    const noRoute = await app.inject('/api/v1/nothing');
    expect(noRoute.statusCode).toBe(404);
    expect(noRoute.json().error.code).toBe('not_found');
    const given = await app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
  });

  it('sends security headers', async () => {
    const res = await app.inject('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeTruthy();
  });
});
