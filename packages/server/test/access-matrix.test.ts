/**
 * The access matrix: every endpoint × every role × own vs. another
 * organization's item. Fails on any leak and on any wrongly refused access.
 * Runs on both stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '@valueweb/store/testing';
import { buildWorld, type World } from './harness.ts';

type Who = keyof World['as'] | null;
const ALL: Who[] = ['admin', 'orchestrator', 'memberB', 'memberC', 'observer', 'outsider', null];

/** Which relationships each caller may see (by the world's names). */
const SEES: Record<string, (keyof World['rel'])[]> = {
  admin: ['privateB', 'privateC', 'partnershipP1', 'open'],
  orchestrator: ['privateB', 'privateC', 'partnershipP1', 'open'],
  memberB: ['privateB', 'partnershipP1', 'open'],
  memberC: ['privateC', 'open'],
  observer: ['privateB', 'partnershipP1', 'open'], // an observer of org B: B's own items, and p1 (B's actor is a member)
};
const SEES_A1_ATTRIBUTES = new Set(['admin', 'orchestrator', 'memberB', 'observer']);
const RING = 6; // the factory's ecosystem-wide relationships

const statusFor = (who: Who, ok: number, refused = 403) =>
  who === null ? 401 : who === 'outsider' ? 404 : ok === -1 ? refused : ok;

describe.each(testStoreKinds())('access matrix ($name store)', (kind) => {
  let w: World;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    w = await buildWorld(opened.store);
  });
  afterAll(async () => {
    await w.app.close();
    await cleanup();
  });

  describe.each(ALL.map((who) => ({ who: who ?? 'anonymous', as: who })))('reads as $who', ({ as }) => {
    const visible = as && SEES[as] ? SEES[as] : [];
    const hasRole = as !== null && as !== 'outsider';

    it('GET the ecosystem, its lists and its document', async () => {
      const base = `/api/v1/ecosystems/${w.eco}`;
      for (const path of [
        '',
        '/actors',
        '/relationships',
        '/partnerships',
        '/document',
        '/graph',
        '/organizations',
      ]) {
        const res = await w.request(as, 'GET', base + path);
        expect(res.statusCode, `${path} as ${String(as)}`).toBe(statusFor(as, 200));
      }
      const list = await w.request(as, 'GET', '/api/v1/ecosystems');
      expect(list.statusCode).toBe(as === null ? 401 : 200);
      if (as !== null)
        expect(list.json().items.map((e: { id: string }) => e.id)).toEqual(hasRole ? [w.eco] : []);
    });

    it('sees exactly the relationships shared with its organization (list, one by one, document, map)', async () => {
      if (!hasRole) return;
      const base = `/api/v1/ecosystems/${w.eco}`;
      const list = await w.request(as, 'GET', `${base}/relationships?limit=200`);
      const ids = new Set<number>(list.json().items.map((r: { id: number }) => r.id));
      for (const [name, id] of Object.entries(w.rel)) {
        expect(ids.has(id), `${name} in list as ${as}`).toBe(visible.includes(name as keyof World['rel']));
        const one = await w.request(as, 'GET', `${base}/relationships/${id}`);
        expect(one.statusCode, `${name} by id as ${as}`).toBe(
          visible.includes(name as keyof World['rel']) ? 200 : 404,
        );
      }
      expect(ids.size).toBe(RING + visible.length);
      const doc = (await w.request(as, 'GET', `${base}/document`)).json();
      expect(doc.relationships).toHaveLength(RING + visible.length);
      expect(JSON.stringify(doc).includes('B secret')).toBe(visible.includes('privateB'));
      expect(JSON.stringify(doc).includes('C secret')).toBe(visible.includes('privateC'));
      const graph = (await w.request(as, 'GET', `${base}/graph`)).json();
      expect(graph.edges).toHaveLength(RING + visible.length);
    });

    it("sees another organization's private attributes only when allowed", async () => {
      if (!hasRole) return;
      const base = `/api/v1/ecosystems/${w.eco}`;
      const a1 = (await w.request(as, 'GET', `${base}/actors/a1`)).json();
      const sees = SEES_A1_ATTRIBUTES.has(as);
      expect(a1.attributes, `a1 attributes as ${as}`).toEqual(sees ? { revenue: 42 } : undefined);
      expect(a1.attributesHidden).toBe(!sees);
      const list = (await w.request(as, 'GET', `${base}/actors?limit=200`)).json();
      expect(list.items.find((a: { id: string }) => a.id === 'a1').attributes).toEqual(
        sees ? { revenue: 42 } : undefined,
      );
      const doc = (await w.request(as, 'GET', `${base}/document`)).json();
      expect(doc.actors.find((a: { id: string }) => a.id === 'a1').attributes).toEqual(
        sees ? { revenue: 42 } : undefined,
      );
    });

    it('reads the audit log, roles and invitations only as an orchestrator', async () => {
      const base = `/api/v1/ecosystems/${w.eco}`;
      const orch = as === 'admin' || as === 'orchestrator';
      for (const path of ['/audit', '/roles', '/invites']) {
        expect((await w.request(as, 'GET', base + path)).statusCode, `${path} as ${String(as)}`).toBe(
          statusFor(as, orch ? 200 : -1),
        );
      }
    });
  });
});

describe.each(testStoreKinds())('write matrix ($name store)', (kind) => {
  // Each role writes in a world of its own, so one role's writes never change what another sees.
  describe.each(ALL.map((who) => ({ who: who ?? 'anonymous', as: who })))('writes as $who', ({ as }) => {
    let w: World;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const opened = await kind.open();
      cleanup = opened.cleanup;
      w = await buildWorld(opened.store);
    });
    afterAll(async () => {
      await w.app.close();
      await cleanup();
    });
    const orch = as === 'admin' || as === 'orchestrator';
    const base = () => `/api/v1/ecosystems/${w.eco}`;
    const version = async (path: string) =>
      (await w.request('admin', 'GET', base() + path)).json().version as number;
    const write = async (method: string, path: string, body?: unknown, withVersion = true) =>
      w.request(
        as,
        method,
        base() + path,
        body,
        withVersion && method !== 'POST' && method !== 'PUT'
          ? { 'if-match': `"${await version(path)}"` }
          : {},
      );

    it('changes the ecosystem only as an orchestrator', async () => {
      expect((await write('PATCH', '', { purpose: 'New purpose' })).statusCode).toBe(
        statusFor(as, orch ? 200 : -1),
      );
    });

    it('creates and deletes actors only as an orchestrator', async () => {
      expect((await write('POST', '/actors', { id: 'new-actor', name: 'New', kind: 'ngo' })).statusCode).toBe(
        statusFor(as, orch ? 201 : -1),
      );
      expect((await write('DELETE', '/actors/a5')).statusCode).toBe(statusFor(as, orch ? 204 : -1));
    });

    it("changes its own organization's actor, not another's", async () => {
      const own = as === 'memberB' || orch;
      expect((await write('PATCH', '/actors/a1', { description: 'changed' })).statusCode).toBe(
        statusFor(as, own ? 200 : -1),
      );
      expect((await write('PATCH', '/actors/a2', { description: 'changed' })).statusCode).toBe(
        statusFor(as, as === 'memberC' || orch ? 200 : -1),
      );
    });

    it('creates relationships as a member (owned by its organization), not as an observer', async () => {
      const res = await write('POST', '/relationships', {
        from: 'a1',
        to: 'a2',
        kind: 'data',
        visibility: 'private',
      });
      const ok = orch || as === 'memberB' || as === 'memberC';
      expect(res.statusCode).toBe(statusFor(as, ok ? 201 : -1));
      if (ok && !orch) expect(res.json().ownerOrganizationId).toBe(as === 'memberB' ? w.orgs.b : w.orgs.c);
    });

    it("changes and deletes its organization's relationships; another's private ones stay invisible", async () => {
      const path = `/relationships/${w.rel.privateB}`;
      const canSee = orch || as === 'memberB' || as === 'observer';
      const canWrite = orch || as === 'memberB';
      const patch = await w.request(
        as,
        'PATCH',
        base() + path,
        { strength: 3 },
        { 'if-match': `"${await version(path)}"` },
      );
      expect(patch.statusCode).toBe(statusFor(as, canWrite ? 200 : canSee ? -1 : 404));
      const del = await w.request(as, 'DELETE', base() + path, undefined, {
        'if-match': `"${await version(path)}"`,
      });
      expect(del.statusCode).toBe(statusFor(as, canWrite ? 204 : canSee ? -1 : 404));
    });

    it('changes a partnership it belongs to; manages members only as an orchestrator', async () => {
      expect((await write('PATCH', '/partnerships/p1', { purpose: 'Sharper purpose' })).statusCode).toBe(
        statusFor(as, orch || as === 'memberB' ? 200 : -1),
      );
      expect((await write('PUT', '/partnerships/p1/members/a3', { role: 'advisor' })).statusCode).toBe(
        statusFor(as, orch ? 200 : -1),
      );
      expect(
        (await write('POST', '/partnerships', { id: 'p2', name: 'P2', stage: 'exploring' })).statusCode,
      ).toBe(statusFor(as, orch ? 201 : -1));
    });

    it('manages roles, organization links and invitations only as an orchestrator', async () => {
      expect((await write('PUT', `/roles/${w.as.observer.userId}`, { role: 'member' })).statusCode).toBe(
        statusFor(as, orch ? 200 : -1),
      );
      expect((await write('PUT', `/organizations/${w.orgs.c}`, { actorId: 'a2' })).statusCode).toBe(
        statusFor(as, orch ? 200 : -1),
      );
      expect(
        (
          await write('POST', '/invites', {
            email: `new-${String(as)}@test.org`,
            name: 'New person',
            organizationId: w.orgs.b,
            role: 'member',
          })
        ).statusCode,
      ).toBe(statusFor(as, orch ? 201 : -1));
    });

    it('replaces the ecosystem by import only as an orchestrator', async () => {
      const doc = (await w.request('admin', 'GET', `${base()}/document`)).json();
      const res = await w.request(as, 'POST', '/api/v1/ecosystems/import?replace=true', { document: doc });
      expect(res.statusCode).toBe(statusFor(as, orch ? 201 : -1));
    });
  });
});
