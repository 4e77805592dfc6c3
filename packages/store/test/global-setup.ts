/**
 * Runs once before the test suite: builds migrated templates so each test
 * file starts from a migrated database in milliseconds instead of seconds —
 * a PGlite data-directory dump, and (when VALUEWEB_TEST_DATABASE_URL is set)
 * a template database on the PostgreSQL server.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openDb, wrapPglite } from '../src/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgliteTemplateDir: string;
    serverTemplate: { url: string; template: string } | null;
  }
}

export const TEMPLATE_DB = 'valueweb_test_template';

/** Connection string for another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'valueweb-test-'));
  const pgl = await PGlite.create();
  await migrate(wrapPglite(pgl, 'template'));
  const dump = await pgl.dumpDataDir('none');
  await pgl.close();
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  // A migrated data directory on disk, copied by tests that need a real directory (CLI, server processes).
  const templateDir = join(dir, 'data');
  const disk = await openDb({ dataDir: templateDir });
  await migrate(disk);
  await disk.close();
  project.provide('pgliteTemplateDir', templateDir);

  const url = process.env.VALUEWEB_TEST_DATABASE_URL;
  if (!url && process.env.CI) {
    throw new Error(
      'CI must set VALUEWEB_TEST_DATABASE_URL to a PostgreSQL server: the store tests run on both stores',
    );
  }
  let server: { url: string; template: string } | null = null;
  if (url) {
    const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await admin.connect();
    } catch (e) {
      throw new Error(`VALUEWEB_TEST_DATABASE_URL (${url}) does not answer: ${(e as Error).message}`);
    }
    // Leftovers of an interrupted run.
    const old = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'vw_t_%' or datname = $1`,
      [TEMPLATE_DB],
    );
    for (const r of old.rows) await admin.query(`drop database if exists "${r.datname}" with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    const db = await openDb({ databaseUrl: withDatabase(url, TEMPLATE_DB), poolSize: 1 });
    await migrate(db);
    await db.close();
    await admin.end();
    server = { url, template: TEMPLATE_DB };
  }
  project.provide('serverTemplate', server);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const left = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'vw_t_%' or datname = $1`,
        [TEMPLATE_DB],
      );
      for (const r of left.rows) await admin.query(`drop database if exists "${r.datname}" with (force)`);
      await admin.end();
    }
  };
}
