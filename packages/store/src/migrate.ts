/**
 * Forward-only migrations: the SQL files drizzle-kit generates in
 * `packages/store/drizzle/`, applied in journal order, each in its own
 * transaction, recorded in `valueweb_migrations`. On a server, concurrent
 * instances serialize on an advisory lock, so each migration runs once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../drizzle/', import.meta.url));
const LOCK_KEY = 0x5641_4c55; // "VALU"

export interface Migration {
  tag: string;
  hash: string;
  statements: string[];
}

/** The migrations shipped with this version, in order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const journal = JSON.parse(readFileSync(`${dir}meta/_journal.json`, 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map(({ tag }) => {
    const text = readFileSync(`${dir}${tag}.sql`, 'utf8');
    return {
      tag,
      hash: createHash('sha256').update(text).digest('hex'),
      statements: text
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS valueweb_migrations (
  tag text PRIMARY KEY,
  hash text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  current: boolean;
}

/** Which migrations are applied and which are pending. */
export async function migrationStatus(db: Db): Promise<MigrationStatus> {
  const all = loadMigrations();
  const exists = await db.query<{ ok: boolean }>(
    `select to_regclass('valueweb_migrations') is not null as ok`,
  );
  const applied = exists[0]?.ok
    ? (await db.query<{ tag: string }>('select tag from valueweb_migrations order by tag')).map((r) => r.tag)
    : [];
  const done = new Set(applied);
  const pending = all.map((m) => m.tag).filter((t) => !done.has(t));
  return { applied, pending, current: pending.length === 0 };
}

/** Applies every pending migration; returns the tags applied now. */
export async function migrate(db: Db): Promise<string[]> {
  const all = loadMigrations();
  return db.withExclusiveLock(LOCK_KEY, async (conn) => {
    await conn.query(CREATE_TABLE);
    const rows = await conn.query<{ tag: string; hash: string }>('select tag, hash from valueweb_migrations');
    const applied = new Map(rows.map((r) => [r.tag, r.hash]));
    const known = new Set(all.map((m) => m.tag));
    const unknown = [...applied.keys()].filter((t) => !known.has(t));
    if (unknown.length > 0) {
      throw new StoreError(
        'migrations_pending',
        `the database has migrations this version does not know (${unknown.join(', ')}): it was used by a newer Valueweb`,
      );
    }
    const ran: string[] = [];
    for (const m of all) {
      if (applied.has(m.tag)) continue;
      await conn.transaction(async (tx) => {
        for (const s of m.statements) await tx.query(s);
        await tx.query('insert into valueweb_migrations (tag, hash) values ($1, $2)', [m.tag, m.hash]);
      });
      ran.push(m.tag);
    }
    return ran;
  });
}
