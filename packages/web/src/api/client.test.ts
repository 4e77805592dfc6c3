import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, filenameFromDisposition, queryString } from './client.ts';
import { describeError, fieldKey, formErrors } from './errors.ts';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** A fake fetch answering from `route(call)`, recording every call. */
function fakeServer(route: (c: Call) => Response) {
  const calls: Call[] = [];
  const fetch = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    expect(init?.credentials).toBe('same-origin');
    calls.push(call);
    return Promise.resolve(route(call));
  });
  return { calls, client: new ApiClient({ fetch: fetch as unknown as typeof globalThis.fetch }) };
}

const user = {
  id: 'u1',
  email: 'a@example.org',
  name: 'A',
  isAdmin: false,
  organization: { id: 'o1', name: 'Org' },
};

describe('ApiClient', () => {
  it('logs in, then sends the CSRF token on changes only', async () => {
    const { calls, client } = fakeServer((c) => {
      if (c.url.endsWith('/auth/login')) return json(200, { user, csrfToken: 'tok-1' });
      if (c.method === 'POST') return json(201, { id: 'eco', name: 'Eco', version: 1 });
      return json(200, { items: [] });
    });
    await client.login('a@example.org', 'pw');
    expect(calls[0]?.headers['x-csrf-token']).toBeUndefined();
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ email: 'a@example.org', password: 'pw' });
    await client.ecosystems();
    expect(calls[1]?.headers['x-csrf-token']).toBeUndefined();
    await client.createEcosystem({ id: 'eco', name: 'Eco' });
    expect(calls[2]?.headers['x-csrf-token']).toBe('tok-1');
    expect(calls[2]?.headers['content-type']).toBe('application/json');
  });

  it('fetches the CSRF token from /auth/me once when it has none', async () => {
    const { calls, client } = fakeServer((c) => {
      if (c.url.endsWith('/auth/me')) return json(200, { user, roles: [], csrfToken: 'from-me' });
      return json(204, null);
    });
    await Promise.all([client.deleteActor('eco', 'a', 1), client.deleteActor('eco', 'b', 1)]);
    expect(calls.filter((c) => c.url.endsWith('/auth/me'))).toHaveLength(1);
    const deletes = calls.filter((c) => c.method === 'DELETE');
    expect(deletes.map((c) => c.headers['x-csrf-token'])).toEqual(['from-me', 'from-me']);
  });

  it('sends If-Match with the version on PATCH and DELETE', async () => {
    const { calls, client } = fakeServer(() => json(200, { id: 'a', version: 4 }));
    client.setCsrfToken('t');
    await client.updateActor('eco', 'a:1', { name: 'New' }, 3);
    expect(calls[0]?.method).toBe('PATCH');
    expect(calls[0]?.url).toBe('/api/v1/ecosystems/eco/actors/a%3A1');
    expect(calls[0]?.headers['if-match']).toBe('"3"');
    await client.deletePartnership('eco', 'p', 7);
    expect(calls[1]?.headers['if-match']).toBe('"7"');
  });

  it('turns the error body into an ApiError with field problems', async () => {
    const { client } = fakeServer(() =>
      json(400, {
        error: {
          code: 'validation_failed',
          message: '2 problems',
          details: [
            { field: 'kind', message: 'unknown actor kind "x"' },
            { field: 'capabilities[1]', message: 'expected a non-empty string' },
            { field: 'weird', message: 'odd' },
          ],
        },
      }),
    );
    client.setCsrfToken('t');
    const err = await client
      .createActor('eco', { id: 'a', name: 'A', kind: 'startup', capabilities: [], needs: [], values: [] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(400);
    expect(e.code).toBe('validation_failed');
    expect(e.problems).toHaveLength(3);
    expect(formErrors(e, ['kind', 'capabilities', 'name'])).toEqual({
      fields: { kind: 'unknown actor kind "x"', capabilities: 'expected a non-empty string' },
      other: ['weird: odd'],
    });
  });

  it('recognises a stale version (412) as a conflict', async () => {
    const { client } = fakeServer(() =>
      json(412, { error: { code: 'precondition_failed', message: 'stale' } }),
    );
    client.setCsrfToken('t');
    const e = (await client
      .updateRelationship('eco', 'r1', { strength: 2 }, 1)
      .catch((x: unknown) => x)) as ApiError;
    expect(e.isConflict).toBe(true);
    expect(describeError(e)).toMatch(/someone else changed this/i);
  });

  it('makes an ApiError from an answer that is not JSON, and from a network failure', async () => {
    const html = new ApiClient({
      fetch: () =>
        Promise.resolve(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })),
    });
    const e1 = (await html.ecosystems().catch((x: unknown) => x)) as ApiError;
    expect([e1.status, e1.code, e1.message]).toEqual([502, 'http_502', 'Bad Gateway']);
    const down = new ApiClient({ fetch: () => Promise.reject(new TypeError('fetch failed')) });
    const e2 = (await down.ecosystems().catch((x: unknown) => x)) as ApiError;
    expect([e2.status, e2.code]).toEqual([0, 'network']);
  });

  it('calls onUnauthenticated on 401, but not for a failed login', async () => {
    const onUnauthenticated = vi.fn();
    const fetch = () =>
      Promise.resolve(json(401, { error: { code: 'unauthenticated', message: 'no session' } }));
    const client = new ApiClient({ fetch, onUnauthenticated });
    await expect(client.login('a', 'b')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).not.toHaveBeenCalled();
    await expect(client.ecosystems()).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('retries once with a fresh token when the CSRF token was refused', async () => {
    let posts = 0;
    const { calls, client } = fakeServer((c) => {
      if (c.url.endsWith('/auth/me')) return json(200, { user, roles: [], csrfToken: 'fresh' });
      posts++;
      return posts === 1
        ? json(403, { error: { code: 'csrf_invalid', message: 'bad CSRF token' } })
        : json(201, { name: 'Org', id: 'o' });
    });
    client.setCsrfToken('stale');
    await client.createOrganization('Org');
    expect(calls.map((c) => c.headers['x-csrf-token'] ?? c.url)).toEqual([
      'stale',
      '/api/v1/auth/me',
      'fresh',
    ]);
  });

  it('sends document text as YAML and objects as {document}', async () => {
    const { calls, client } = fakeServer(() =>
      json(201, { ecosystemId: 'x', counts: { actors: 0, relationships: 0, partnerships: 0 } }),
    );
    client.setCsrfToken('t');
    await client.importDocument('valueweb: 1\n', { replace: true });
    expect(calls[0]?.url).toBe('/api/v1/ecosystems/import?replace=true');
    expect(calls[0]?.headers['content-type']).toBe('application/yaml');
    expect(calls[0]?.body).toBe('valueweb: 1\n');
    await client.importDocument({ valueweb: 1, ecosystem: { id: 'x', name: 'X' } });
    expect(calls[1]?.url).toBe('/api/v1/ecosystems/import');
    expect(JSON.parse(calls[1]?.body ?? '')).toEqual({
      document: { valueweb: 1, ecosystem: { id: 'x', name: 'X' } },
    });
  });

  it('downloads an export with the file name the server suggests', async () => {
    const { client } = fakeServer(
      () =>
        new Response('valueweb: 1\n', {
          status: 200,
          headers: {
            'content-type': 'application/yaml',
            'content-disposition': 'attachment; filename="eco.yaml"',
          },
        }),
    );
    const file = await client.exportDocument('eco', 'yaml');
    expect(file).toEqual({ text: 'valueweb: 1\n', contentType: 'application/yaml', filename: 'eco.yaml' });
  });
});

describe('helpers', () => {
  it('builds query strings from the values that are set', () => {
    expect(
      queryString({ q: 'bio pharma', kind: '', cursor: null, limit: 50, sort: '-name', x: undefined }),
    ).toBe('?q=bio+pharma&limit=50&sort=-name');
    expect(queryString({})).toBe('');
  });

  it('finds the form field of a problem path', () => {
    expect(fieldKey('capabilities[2]')).toBe('capabilities');
    expect(fieldKey('/clock/cadence')).toBe('clock');
    expect(fieldKey('actors[3].kind', ['kind', 'name'])).toBe('kind');
    expect(fieldKey('')).toBe('');
  });

  it('reads file names from content-disposition', () => {
    expect(filenameFromDisposition('attachment; filename="a b.yaml"')).toBe('a b.yaml');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%C3%A9co.json")).toBe('éco.json');
    expect(filenameFromDisposition(null)).toBeNull();
  });
});
