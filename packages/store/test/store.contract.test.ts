/**
 * The store contract: one suite, run on the embedded store (PGlite) and on a
 * PostgreSQL server (VALUEWEB_TEST_DATABASE_URL).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EcosystemDocument } from '@valueweb/core';
import { Store, StoreError } from '../src/index.ts';
import { testStoreKinds } from './testing.ts';
import { makeDocument } from './factories.ts';

async function rowCounts(store: Store) {
  const rows = await store.db.query<{ t: string; n: number }>(`
    select 'ecosystems' as t, count(*)::int as n from ecosystems union all
    select 'actors', count(*)::int from actors union all
    select 'relationships', count(*)::int from relationships union all
    select 'partnerships', count(*)::int from partnerships union all
    select 'members', count(*)::int from partnership_members union all
    select 'audit', count(*)::int from audit_events union all
    select 'snapshots', count(*)::int from snapshots`);
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

describe.each(testStoreKinds())('store contract ($name)', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await kind.open());
  });
  afterEach(async () => {
    await cleanup();
  });

  it('is healthy with current migrations', async () => {
    const h = await store.health();
    expect(h).toMatchObject({ ok: true, reachable: true, store: kind.name });
    expect(h.migrations?.pending).toEqual([]);
    expect(await store.migrate()).toEqual([]);
  });

  it('exports an imported document unchanged (round trip)', async () => {
    const doc = makeDocument('eco-a', 7);
    const res = await store.ecosystems.import(doc, { audit: { via: 'test' } });
    expect(res).toMatchObject({
      ecosystemId: 'eco-a',
      replaced: false,
      counts: { actors: 7, relationships: 7, partnerships: 1, members: 3 },
    });
    expect(await store.ecosystems.export('eco-a')).toEqual(doc);
  });

  it('keeps fields it has no column for (forward compatible round trip)', async () => {
    const doc = makeDocument('eco-x', 3);
    const withExtra = {
      ...doc,
      partnerships: [
        { ...doc.partnerships[0]!, milestones: [{ id: 'm1', name: 'Kick-off', due: '2027-01-31' }] },
      ],
    } as unknown as EcosystemDocument;
    await store.ecosystems.import(withExtra);
    expect(await store.ecosystems.export('eco-x')).toEqual(withExtra);
  });

  it('stores SQL-ish and script-ish text as text', async () => {
    const doc = makeDocument('eco-s', 3);
    await store.ecosystems.import(doc);
    const back = await store.ecosystems.export('eco-s');
    expect(back.relationships[1]!.description).toBe("O'Brien; DROP TABLE actors; -- <script>");
  });

  it('lists ecosystems with counts', async () => {
    await store.ecosystems.import(makeDocument('eco-b', 4));
    await store.ecosystems.import(makeDocument('eco-a', 2));
    const list = await store.ecosystems.list();
    expect(list.map((e) => [e.id, e.actors, e.relationships, e.partnerships])).toEqual([
      ['eco-a', 2, 2, 1],
      ['eco-b', 4, 4, 1],
    ]);
  });

  it('refuses to overwrite an ecosystem without replace, and writes nothing', async () => {
    await store.ecosystems.import(makeDocument('eco-a', 3));
    const before = await rowCounts(store);
    await expect(store.ecosystems.import(makeDocument('eco-a', 5))).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await rowCounts(store)).toEqual(before);
  });

  it('replaces an ecosystem and snapshots the previous state first', async () => {
    const first = makeDocument('eco-a', 3);
    await store.ecosystems.import(first);
    const res = await store.ecosystems.import(makeDocument('eco-a', 6), { replace: true });
    expect(res.replaced).toBe(true);
    expect(res.snapshotId).not.toBeNull();
    expect((await store.ecosystems.export('eco-a')).actors).toHaveLength(6);
    expect(await store.snapshots.get('eco-a', res.snapshotId!)).toEqual(first);
    expect((await store.snapshots.list('eco-a'))[0]).toMatchObject({ reason: 'before import' });
  });

  it('rolls back a failed import entirely, even a replace', async () => {
    await store.ecosystems.import(makeDocument('eco-a', 3));
    const before = await rowCounts(store);
    const exported = await store.ecosystems.export('eco-a');
    // A document that bypassed validation: its last relationship names an unknown actor.
    const bad = makeDocument('eco-a', 40);
    bad.relationships.push({ from: 'a1', to: 'ghost', kind: 'data', strength: 1, directed: false });
    await expect(store.ecosystems.import(bad, { replace: true, chunkSize: 7 })).rejects.toThrow();
    expect(await rowCounts(store)).toEqual(before);
    expect(await store.ecosystems.export('eco-a')).toEqual(exported);
  });

  it('writes an audit event with each change, in the same transaction', async () => {
    const org = await store.people.createOrganization('Acme', { via: 'test' });
    await store.ecosystems.import(makeDocument('eco-a', 3), {
      audit: { organizationId: org.id, via: 'cli', requestId: 'r-1' },
    });
    await store.ecosystems.delete('eco-a', { via: 'cli' });
    const events = await store.audit();
    expect(events.map((e) => e.action)).toEqual([
      'ecosystem.delete',
      'ecosystem.import',
      'organization.create',
    ]);
    expect(events[1]).toMatchObject({
      ecosystemId: 'eco-a',
      organizationId: org.id,
      requestId: 'r-1',
      via: 'cli',
      after: { actors: 3 },
    });
    expect(await store.audit({ ecosystemId: 'eco-a', limit: 1 })).toHaveLength(1);
  });

  it('deletes an ecosystem with everything in it', async () => {
    await store.ecosystems.import(makeDocument('eco-a', 3));
    await store.ecosystems.delete('eco-a');
    const c = await rowCounts(store);
    expect([c.ecosystems, c.actors, c.relationships, c.partnerships, c.members]).toEqual([0, 0, 0, 0, 0]);
    await expect(store.ecosystems.export('eco-a')).rejects.toBeInstanceOf(StoreError);
    await expect(store.ecosystems.delete('eco-a')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('creates organizations and users; emails are unique case-insensitively', async () => {
    const org = await store.people.createOrganization('Nordic Genomics');
    const u = await store.people.createUser({
      organizationId: org.id,
      email: 'Ana@Example.org',
      name: 'Ana',
      passwordHash: 'scrypt$x',
    });
    expect((await store.people.findUserByEmail('ana@example.org'))?.id).toBe(u.id);
    await expect(
      store.people.createUser({ organizationId: org.id, email: 'ana@example.ORG', name: 'Ana 2' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await store.people.countUsers()).toBe(1);
    expect((await store.people.listOrganizations()).map((o) => o.name)).toEqual(['Nordic Genomics']);
  });

  it('imports in chunks and reports progress', async () => {
    const doc = makeDocument('eco-big', 2500);
    const seen: number[] = [];
    await store.ecosystems.import(doc, { chunkSize: 1000, onProgress: (d) => seen.push(d) });
    expect(seen.at(-1)).toBe(2500 + 2500 + 1 + 3);
    expect(seen.length).toBeGreaterThan(3);
    expect(await store.ecosystems.export('eco-big')).toEqual(doc);
  });
});
