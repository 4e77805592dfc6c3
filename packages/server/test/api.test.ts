/** REST API v1 behaviour: auth, CSRF, tokens, invites, concurrency, validation, pagination, import, OpenAPI. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '@valueweb/store/testing';
import { buildWorld, login, type World } from './harness.ts';

describe.each(testStoreKinds())('API v1 ($name store)', (kind) => {
  let w: World;
  let cleanup: () => Promise<void>;
  const base = () => `/api/v1/ecosystems/${w.eco}`;
  beforeAll(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    w = await buildWorld(opened.store, { loginRateLimit: 5 });
  });
  afterAll(async () => {
    await w.app.close();
    await cleanup();
  });

  it('answers 401 without a session, and for a forged session or token', async () => {
    expect((await w.app.inject('/api/v1/auth/me')).statusCode).toBe(401);
    expect(
      (
        await w.app.inject({
          url: '/api/v1/auth/me',
          headers: { cookie: 'vw_session=forgedforgedforgedforgedforged' },
        })
      ).statusCode,
    ).toBe(401);
    const bad = await w.app.inject({
      url: '/api/v1/ecosystems',
      headers: { authorization: 'Bearer vw_notarealtokennotarealtoken' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('unauthenticated');
    expect(
      (await w.app.inject({ url: '/api/v1/ecosystems', headers: { authorization: 'Basic abc' } })).statusCode,
    ).toBe(401);
  });

  it('refuses a wrong password without saying whether the account exists, and rate-limits logins', async () => {
    const wrong = await w.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'member-c@test.org', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const ghost = await w.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ghost@test.org', password: 'nope' },
    });
    expect(ghost.json()).toEqual(wrong.json());
    const codes: number[] = [];
    for (let i = 0; i < 7; i++)
      codes.push(
        (
          await w.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { email: 'flood@test.org', password: 'x' },
          })
        ).statusCode,
      );
    expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });

  it('sets an HttpOnly SameSite session cookie, and needs the CSRF token on state-changing requests', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'observer@test.org', password: 'correct horse battery staple' },
    });
    const c = res.cookies.find((x) => x.name === 'vw_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(res.body).not.toContain('password');
    const s = w.as.orchestrator;
    const noCsrf = await w.app.inject({
      method: 'POST',
      url: `${base()}/actors`,
      headers: { cookie: s.cookie },
      payload: { id: 'x1', name: 'X', kind: 'ngo' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    expect((await w.store.db.query("select 1 from actors where id = 'x1'")).length).toBe(0);
  });

  it('personal API tokens: shown once, stored hashed, scoped, revocable', async () => {
    const created = await w.request('orchestrator', 'POST', '/api/v1/tokens', { name: 'ci', scope: 'read' });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    expect(token).toMatch(/^vw_/);
    expect(JSON.stringify(await w.store.db.query('select * from api_tokens'))).not.toContain(token);
    const auth = { authorization: `Bearer ${token}` };
    expect((await w.app.inject({ url: `${base()}/actors`, headers: auth })).statusCode).toBe(200);
    const write = await w.app.inject({
      method: 'POST',
      url: `${base()}/actors`,
      headers: auth,
      payload: { id: 'x2', name: 'X', kind: 'ngo' },
    });
    expect(write.statusCode).toBe(403);
    const list = await w.request('orchestrator', 'GET', '/api/v1/tokens');
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect(
      (await w.request('orchestrator', 'DELETE', `/api/v1/tokens/${created.json().id}`)).statusCode,
    ).toBe(204);
    expect((await w.app.inject({ url: `${base()}/actors`, headers: auth })).statusCode).toBe(401);
    const wt = (
      await w.request('orchestrator', 'POST', '/api/v1/tokens', { name: 'writer', scope: 'write' })
    ).json().token;
    const ok = await w.app.inject({
      method: 'POST',
      url: `${base()}/actors`,
      headers: { authorization: `Bearer ${wt}` },
      payload: { id: 'x3', name: 'X3', kind: 'ngo' },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('ETag / If-Match: a stale write is 412 and changes nothing; a missing If-Match is 428', async () => {
    const first = await w.request('orchestrator', 'GET', `${base()}/actors/a3`);
    const etag = first.headers.etag as string;
    expect(etag).toBe(`"${first.json().version}"`);
    const ok = await w.request(
      'orchestrator',
      'PATCH',
      `${base()}/actors/a3`,
      { name: 'Renamed once' },
      { 'if-match': etag },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).not.toBe(etag);
    const stale = await w.request(
      'orchestrator',
      'PATCH',
      `${base()}/actors/a3`,
      { name: 'Renamed twice' },
      { 'if-match': etag },
    );
    expect(stale.statusCode).toBe(412);
    expect((await w.request('orchestrator', 'GET', `${base()}/actors/a3`)).json().name).toBe('Renamed once');
    expect((await w.request('orchestrator', 'PATCH', `${base()}/actors/a3`, { name: 'x' })).statusCode).toBe(
      428,
    );
  });

  it('concurrent edits with the same version: exactly one wins', async () => {
    const v = (await w.request('orchestrator', 'GET', `${base()}/actors/a4`)).headers.etag as string;
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        w.request(
          'orchestrator',
          'PATCH',
          `${base()}/actors/a4`,
          { description: `edit ${i}` },
          { 'if-match': v },
        ),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412, 412, 412, 412]);
  });

  it('validation errors name the field; unknown fields, wrong types and oversized bodies are 4xx and write nothing', async () => {
    const before = (await w.store.db.query<{ n: number }>('select count(*)::int as n from actors'))[0]!.n;
    const bad = await w.request('orchestrator', 'POST', `${base()}/actors`, {
      id: 'bad actor!',
      name: '',
      kind: 'pharma',
      capabilities: 'x',
      colour: 'red',
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['id', 'name', 'kind', 'capabilities']));
    expect(JSON.stringify(bad.json())).toContain('colour');
    const unknownQuery = await w.request('orchestrator', 'GET', `${base()}/actors?colour=red`);
    expect(unknownQuery.statusCode).toBe(400);
    const big = await w.request('orchestrator', 'POST', `${base()}/actors`, {
      id: 'big',
      name: 'x'.repeat(2_000_000),
      kind: 'ngo',
    });
    expect(big.statusCode).toBe(413);
    const notJson = await w.app.inject({
      method: 'POST',
      url: `${base()}/actors`,
      headers: {
        cookie: w.as.orchestrator.cookie,
        'x-csrf-token': w.as.orchestrator.csrf,
        'content-type': 'application/json',
      },
      payload: '{"id": ',
    });
    expect(notJson.statusCode).toBe(400);
    const unknownRef = await w.request('orchestrator', 'POST', `${base()}/relationships`, {
      from: 'a0',
      to: 'ghost',
      kind: 'data',
    });
    expect(unknownRef.statusCode).toBe(400);
    expect(unknownRef.json().error.details[0]).toMatchObject({ field: 'to' });
    expect((await w.store.db.query<{ n: number }>('select count(*)::int as n from actors'))[0]!.n).toBe(
      before,
    );
  });

  it('stores SQL-ish and script-ish strings as text', async () => {
    const name = `Robert'); DROP TABLE actors;-- <script>alert(1)</script>`;
    const res = await w.request('orchestrator', 'POST', `${base()}/actors`, {
      id: 'bobby',
      name,
      kind: 'individual',
    });
    expect(res.statusCode).toBe(201);
    expect((await w.request('orchestrator', 'GET', `${base()}/actors/bobby`)).json().name).toBe(name);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('pages lists with cursors, sorts and filters; a bad cursor is 400', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await w.request(
          'orchestrator',
          'GET',
          `${base()}/actors?limit=2&sort=-id${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(new Set(seen).size).toBe(seen.length);
    const filtered = (
      await w.request('orchestrator', 'GET', `${base()}/actors?kind=provider&q=actor`)
    ).json();
    expect(filtered.items.every((a: { kind: string }) => a.kind === 'provider')).toBe(true);
    expect((await w.request('orchestrator', 'GET', `${base()}/actors?cursor=garbage`)).statusCode).toBe(400);
    expect(
      (
        await w.request(
          'orchestrator',
          'GET',
          `${base()}/relationships?cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
        )
      ).statusCode,
    ).toBe(400);
  });

  it('imports a document with errors: 400 with line and column, nothing written; a valid one creates the ecosystem', async () => {
    const yaml =
      'valueweb: 1\necosystem: { id: imported, name: Imported }\nactors:\n  - { id: a, name: A, kind: pharma }\n';
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/v1/ecosystems/import',
      headers: {
        cookie: w.as.admin.cookie,
        'x-csrf-token': w.as.admin.csrf,
        'content-type': 'application/yaml',
      },
      payload: yaml,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'actors[0].kind', line: 4 });
    expect((await w.store.db.query("select 1 from ecosystems where id = 'imported'")).length).toBe(0);
    const good = await w.app.inject({
      method: 'POST',
      url: '/api/v1/ecosystems/import',
      headers: {
        cookie: w.as.admin.cookie,
        'x-csrf-token': w.as.admin.csrf,
        'content-type': 'application/yaml',
      },
      payload: yaml.replace('pharma', 'biopharma'),
    });
    expect(good.statusCode).toBe(201);
    expect(
      (
        await w.request('memberB', 'POST', '/api/v1/ecosystems/import', {
          document: { valueweb: 1, ecosystem: { id: 'mine', name: 'Mine' } },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('invitations set a password, log the person in with their role, and expire after use', async () => {
    const inv = await w.request('orchestrator', 'POST', `${base()}/invites`, {
      email: 'newbie@test.org',
      name: 'Newbie',
      organizationId: w.orgs.c,
      role: 'observer',
    });
    expect(inv.statusCode).toBe(201);
    const token = inv.json().token as string;
    expect(inv.json().url).toContain(`/invite/${token}`);
    expect((await w.app.inject(`/api/v1/invites/${token}`)).json()).toMatchObject({
      email: 'newbie@test.org',
      role: 'observer',
    });
    const short = await w.app.inject({
      method: 'POST',
      url: `/api/v1/invites/${token}/accept`,
      payload: { password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    const acc = await w.app.inject({
      method: 'POST',
      url: `/api/v1/invites/${token}/accept`,
      payload: { password: 'a good long password' },
    });
    expect(acc.statusCode).toBe(201);
    const s = await login(w.app, 'newbie@test.org', 'a good long password');
    const me = await w.app.inject({ url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    expect(me.json().roles).toEqual([{ ecosystemId: w.eco, role: 'observer' }]);
    expect(
      (
        await w.app.inject({
          method: 'POST',
          url: `/api/v1/invites/${token}/accept`,
          payload: { password: 'a good long password' },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('writes an audit event for each change with who, organization, before and after', async () => {
    const v = (await w.request('memberB', 'GET', `${base()}/actors/a1`)).headers.etag as string;
    await w.request(
      'memberB',
      'PATCH',
      `${base()}/actors/a1`,
      { description: 'audited change' },
      { 'if-match': v },
    );
    const events = (await w.request('orchestrator', 'GET', `${base()}/audit?limit=5`)).json().items;
    const e = events.find(
      (x: { action: string; entityId: string }) => x.action === 'actor.update' && x.entityId === 'a1',
    );
    expect(e).toMatchObject({
      userId: w.as.memberB.userId,
      organizationId: w.orgs.b,
      via: 'web',
      after: { description: 'audited change' },
    });
    expect(e.before.description).toBeUndefined();
  });

  it('publishes the OpenAPI 3.1 document and a browsable reference', async () => {
    const doc = (await w.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/ecosystems/{id}/actors',
      '/api/v1/ecosystems/{id}/relationships/{relId}',
      '/api/v1/tokens',
      '/api/v1/ecosystems/{id}/invites',
    ]) {
      expect(doc.paths).toHaveProperty([p]);
    }
    expect((await w.app.inject('/api/docs/')).statusCode).toBe(200);
  });

  it('logout ends the session', async () => {
    const s = await login(w.app, 'member-c@test.org');
    expect(
      (
        await w.app.inject({
          method: 'POST',
          url: '/api/v1/auth/logout',
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        })
      ).statusCode,
    ).toBe(204);
    expect((await w.app.inject({ url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(
      401,
    );
  });
});
