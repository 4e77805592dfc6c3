/** The web app's files: served from the bundle directory, looked up per request, with the SPA fallback and JSON 404s for the API. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openEmbeddedTestStore } from '@valueweb/store/testing';
import type { Store } from '@valueweb/store';
import { buildApp } from '../src/index.ts';

describe('web app files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'valueweb-web-'));
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Valueweb</title>');
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'first.js'), 'console.log(1)');
    store = await openEmbeddedTestStore();
    app = await buildApp({ store, logger: false, webDir: dir });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves bundle files, and files added after start (a rebuild) without a restart', async () => {
    const first = await app.inject('/assets/first.js');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/javascript/);
    writeFileSync(join(dir, 'assets', 'later.js'), 'console.log(2)');
    const later = await app.inject('/assets/later.js');
    expect(later.statusCode).toBe(200);
    expect(later.body).toBe('console.log(2)');
  });

  it('answers client-side routes with the app, and unknown API paths with a JSON 404', async () => {
    for (const url of ['/', '/e/some-ecosystem/map', '/login']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>Valueweb</title>');
    }
    const api = await app.inject('/api/v1/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await app.inject('/../../etc/passwd')).body).not.toContain('root:');
  });
});
