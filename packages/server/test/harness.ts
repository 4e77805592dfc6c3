/**
 * API test harness: an app on a fresh store with an ecosystem, three
 * organizations and users in every role, logged in through the real API.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Store } from '@valueweb/store';
import { makeDocument } from '@valueweb/store/testing';
import { buildApp } from '../src/index.ts';
import { hashPassword } from '../src/auth/secrets.ts';

export const PASSWORD = 'correct horse battery staple';

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  organizationId: string;
}

export interface World {
  app: FastifyInstance;
  store: Store;
  eco: string;
  orgs: { a: string; b: string; c: string };
  as: Record<'admin' | 'orchestrator' | 'memberB' | 'memberC' | 'observer' | 'outsider', Session>;
  /** Relationship ids: private to B, shared with partnership p1 (B is in it), ecosystem-wide. */
  rel: { privateB: number; partnershipP1: number; open: number; privateC: number };
  request: (
    who: keyof World['as'] | null,
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
}

let pwHash: string | undefined;

/** Logs in through POST /api/v1/auth/login and returns the cookie and CSRF token. */
export async function login(app: FastifyInstance, email: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'vw_session')!;
  const body = res.json();
  return {
    cookie: `vw_session=${cookie.value}`,
    csrf: body.csrfToken,
    userId: body.user.id,
    organizationId: body.user.organization.id,
  };
}

/** Builds the world on an open store. Actors a0..a5; a1 is org B's actor, a2 is org C's; partnership p1 = a0, a1, a2 minus a2 (see below). */
export async function buildWorld(store: Store, opts: { loginRateLimit?: number } = {}): Promise<World> {
  pwHash ??= await hashPassword(PASSWORD);
  const app = await buildApp({
    store,
    logger: false,
    webDir: null,
    ...(opts.loginRateLimit ? { loginRateLimit: opts.loginRateLimit } : {}),
  });
  const eco = 'eco-w';
  const doc = makeDocument(eco, 6);
  // p1 members: a0 (org A's actor) and a1 (org B's actor); org C (a2) is not in it.
  doc.partnerships[0]!.members = [{ actor: 'a0', role: 'lead' }, { actor: 'a1' }];
  await store.ecosystems.import(doc);
  const people = store.people;
  const orgA = await people.createOrganization('Org A');
  const orgB = await people.createOrganization('Org B');
  const orgC = await people.createOrganization('Org C');
  const orgX = await people.createOrganization('Org X');
  const mk = async (org: string, email: string, isAdmin = false) =>
    (
      await people.createUser({
        organizationId: org,
        email,
        name: email.split('@')[0]!,
        passwordHash: pwHash,
        isAdmin,
      })
    ).id;
  await mk(orgA.id, 'admin@test.org', true);
  const orch = await mk(orgA.id, 'orch@test.org');
  const mb = await mk(orgB.id, 'member-b@test.org');
  const mc = await mk(orgC.id, 'member-c@test.org');
  const obs = await mk(orgB.id, 'observer@test.org');
  await mk(orgX.id, 'outsider@test.org');
  await store.access.linkOrganization(eco, orgA.id, 'a0');
  await store.access.linkOrganization(eco, orgB.id, 'a1');
  await store.access.linkOrganization(eco, orgC.id, 'a2');
  await store.access.setRole(eco, orch, 'orchestrator');
  await store.access.setRole(eco, mb, 'member');
  await store.access.setRole(eco, mc, 'member');
  await store.access.setRole(eco, obs, 'observer');
  const sys = {
    userId: '',
    organizationId: orgA.id,
    isAdmin: true,
    role: 'orchestrator' as const,
    actorId: null,
    partnershipIds: [],
    scope: 'write' as const,
  };
  const privateB = await store.relationships.create(
    eco,
    {
      from: 'a1',
      to: 'a3',
      kind: 'research',
      visibility: 'private',
      ownerOrganizationId: orgB.id,
      description: 'B secret',
    },
    sys,
  );
  const privateC = await store.relationships.create(
    eco,
    {
      from: 'a2',
      to: 'a4',
      kind: 'data',
      visibility: 'private',
      ownerOrganizationId: orgC.id,
      description: 'C secret',
    },
    sys,
  );
  const shared = await store.relationships.create(
    eco,
    {
      from: 'a0',
      to: 'a1',
      kind: 'funding',
      visibility: 'partnership',
      partnershipId: 'p1',
      ownerOrganizationId: orgA.id,
      description: 'p1 only',
    },
    sys,
  );
  const open = await store.relationships.create(
    eco,
    { from: 'a3', to: 'a4', kind: 'supply', visibility: 'ecosystem' },
    sys,
  );
  // Actor a1 (org B) keeps its attributes private.
  const a1 = await store.actors.get(eco, 'a1', sys);
  await store.actors.update(
    eco,
    'a1',
    { attributes: { revenue: 42 }, attributesVisibility: 'private' },
    a1.version,
    sys,
    () => undefined,
  );
  const as = {
    admin: await login(app, 'admin@test.org'),
    orchestrator: await login(app, 'orch@test.org'),
    memberB: await login(app, 'member-b@test.org'),
    memberC: await login(app, 'member-c@test.org'),
    observer: await login(app, 'observer@test.org'),
    outsider: await login(app, 'outsider@test.org'),
  };
  const request: World['request'] = (who, method, url, body, headers = {}) => {
    const s = who ? as[who] : undefined;
    return app.inject({
      method: method as 'GET',
      url,
      headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  };
  return {
    app,
    store,
    eco,
    orgs: { a: orgA.id, b: orgB.id, c: orgC.id },
    as,
    rel: { privateB: privateB.id, privateC: privateC.id, partnershipP1: shared.id, open: open.id },
    request,
  };
}
