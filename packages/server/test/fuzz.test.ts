/**
 * Fuzz: thousands of generated malformed requests across every endpoint of the
 * OpenAPI document (as an orchestrator, so requests reach the handlers). Any
 * 5xx fails the test.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedTestStore } from '@valueweb/store/testing';
import { buildWorld, type World } from './harness.ts';

interface Op {
  method: string;
  path: string;
}

describe('fuzz: malformed requests never cause a 5xx', () => {
  let w: World;
  let ops: Op[];
  beforeAll(async () => {
    w = await buildWorld(await openEmbeddedTestStore());
    const doc: { paths: Record<string, Record<string, unknown>> } = (
      await w.app.inject('/api/openapi.json')
    ).json();
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path })),
    );
  });
  afterAll(async () => {
    await w.app.close();
    await w.store.close();
  });

  it('sends at least 2,000 generated requests', async () => {
    expect(ops.length).toBeGreaterThan(30);
    const segment = fc.oneof(
      fc.constantFrom('eco-w', 'a1', 'p1', '1', '999999999999', 'a0', '00000000-0000-0000-0000-000000000000'),
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
      fc.constantFrom('%00', '..', '%2F', "'; drop table actors;--", '<script>', '-1', '1e309', 'NaN'),
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          id: fc.string(),
          name: fc.anything(),
          kind: fc.string(),
          from: fc.string(),
          to: fc.string(),
          members: fc.anything(),
          role: fc.anything(),
          email: fc.string(),
          password: fc.string(),
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 2 })),
      fc.constant(undefined),
    );
    const query = fc.dictionary(
      fc.constantFrom(
        'limit',
        'cursor',
        'sort',
        'q',
        'kind',
        'format',
        'replace',
        'actor',
        'flow',
        'seed',
        'zzz',
      ),
      fc.string({ maxLength: 20 }),
      { maxKeys: 3 },
    );
    const contentType = fc.constantFrom(
      'application/json',
      'application/yaml',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/octet-stream',
    );
    const raw = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{', '[1,2', 'null', '"x"', 'valueweb: 1\necosystem: [', '{"document": 5}'),
    );
    let sent = 0;
    const five: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: ops.length - 1 }),
        fc.array(segment, { minLength: 4, maxLength: 4 }),
        query,
        fc.boolean(),
        body,
        raw,
        contentType,
        async (i, segs, q, asRaw, b, r, ct) => {
          const op = ops[i]!;
          let k = 0;
          const url =
            op.path.replace(/\{[^}]+\}/g, () => segs[k++ % segs.length]!) +
            (Object.keys(q).length ? `?${new URLSearchParams(q).toString()}` : '');
          const s = w.as.orchestrator;
          const res = await w.app.inject({
            method: op.method as 'GET',
            url,
            headers: {
              cookie: s.cookie,
              'x-csrf-token': s.csrf,
              'if-match': '"1"',
              ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { 'content-type': ct }),
            },
            ...(op.method === 'GET' || op.method === 'DELETE'
              ? {}
              : { payload: asRaw ? r : b === undefined ? '' : JSON.stringify(b) }),
          });
          sent++;
          if (res.statusCode >= 500)
            five.push(`${op.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          return res.statusCode < 500;
        },
      ),
      { numRuns: 2200, seed: 20261123, endOnFailure: true },
    );
    expect(five).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(2000);
  });
});
