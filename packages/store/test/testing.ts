/**
 * Test support shared by every package's tests: fresh, migrated stores of
 * both kinds, cloned from the templates built in global-setup.ts.
 */
import { cpSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { Store } from '../src/index.ts';

let counter = 0;

/** Connection string for another database on the same server. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestStoreKind {
  name: 'embedded' | 'server';
  /** Opens a fresh migrated store; `url` is its connection string for a server store. */
  open(): Promise<{ store: Store; url?: string; cleanup: () => Promise<void> }>;
}

/** An in-memory PGlite store loaded from the migrated template. */
export async function openEmbeddedTestStore(): Promise<Store> {
  const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
  return Store.open({ memory: true, loadDataDir: blob }, { migrate: false });
}

/** Fills `dir` with a migrated embedded data directory (no lock held), ready for `--data-dir`. */
export function seedEmbeddedDataDir(dir: string): string {
  cpSync(inject('pgliteTemplateDir'), dir, { recursive: true });
  return dir;
}

/** A fresh database on the PostgreSQL server, cloned from the migrated template. */
export async function createServerTestDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const server = inject('serverTemplate');
  if (!server) return null;
  const name = `vw_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database "${name}" template ${server.template}`);
  await admin.end();
  return {
    url: withDatabase(server.url, name),
    drop: async () => {
      const a = new pg.Client({ connectionString: server.url });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

/** The stores a contract test runs on: always embedded, plus the server when configured. */
export function testStoreKinds(): TestStoreKind[] {
  const kinds: TestStoreKind[] = [
    {
      name: 'embedded',
      async open() {
        const store = await openEmbeddedTestStore();
        return { store, cleanup: () => store.close() };
      },
    },
  ];
  if (inject('serverTemplate')) {
    kinds.push({
      name: 'server',
      async open() {
        const db = (await createServerTestDatabase())!;
        const store = await Store.open({ databaseUrl: db.url, poolSize: 4 }, { migrate: false });
        return {
          store,
          url: db.url,
          cleanup: async () => {
            await store.close();
            await db.drop();
          },
        };
      },
    });
  }
  return kinds;
}

export { makeDocument } from './factories.ts';
