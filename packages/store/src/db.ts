/**
 * The thin database seam both stores share: run SQL with parameters, run a
 * function in a transaction. The embedded store is PGlite in a data directory
 * (guarded by a lock file); the server store is a pooled `pg` connection.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { StoreError } from './errors.ts';
import { acquireLock, type Lock } from './lock.ts';

/** Something that runs SQL: the database itself, or a transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** One connection that can also run transactions. */
export interface Connection extends Queryable {
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

export interface Db extends Queryable {
  readonly kind: 'embedded' | 'server';
  /** Runs `fn` in one transaction: all of it is written, or none. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` on one connection holding a cluster-wide lock (a session advisory
   * lock on a server; the lock file already serializes the embedded store).
   */
  withExclusiveLock<T>(key: number, fn: (conn: Connection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** A short description for logs: the data directory or the server (without password). */
  readonly where: string;
}

export type DbConfig =
  { dataDir: string } | { databaseUrl: string; poolSize?: number } | { memory: true; loadDataDir?: Blob };

/** Opens the embedded store in a data directory (created if absent); refuses a second opener. */
async function openEmbedded(dataDir: string): Promise<Db> {
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new StoreError(
      'store_unreachable',
      `cannot create the data directory ${dir}: ${(e as Error).message}`,
    );
  }
  const lock: Lock = acquireLock(join(dir, 'valueweb.lock'));
  try {
    const pgl = await PGlite.create({ dataDir: join(dir, 'pgdata') });
    return wrapPglite(pgl, dir, () => lock.release());
  } catch (e) {
    lock.release();
    throw new StoreError(
      'store_unreachable',
      `cannot open the embedded database in ${dir}: ${(e as Error).message}`,
    );
  }
}

/** Wraps a PGlite instance (file-backed or in memory) as a Db. */
export function wrapPglite(pgl: PGlite, where: string, onClose?: () => void): Db {
  const q = (runner: Pick<PGlite, 'query'>) => ({
    async query<T>(text: string, params?: unknown[]): Promise<T[]> {
      const res = await runner.query<T>(text, params);
      return res.rows;
    },
  });
  let closed = false;
  const conn: Connection = {
    ...q(pgl),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pgl.transaction((tx) => fn(q(tx))),
  };
  return {
    kind: 'embedded',
    where,
    ...conn,
    withExclusiveLock: <T>(_key: number, fn: (c: Connection) => Promise<T>) => fn(conn),
    async close() {
      if (closed) return;
      closed = true;
      await pgl.close();
      onClose?.();
    },
  };
}

/** Hides the password of a connection string for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an invalid DATABASE_URL)';
  }
}

/** Opens a pooled connection to a PostgreSQL server and checks it answers. */
async function openServer(databaseUrl: string, poolSize = 10): Promise<Db> {
  const where = redactUrl(databaseUrl);
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5000 });
  } catch (e) {
    throw new StoreError(
      'store_unreachable',
      `DATABASE_URL is not a valid connection string: ${(e as Error).message}`,
    );
  }
  pool.on('error', () => {
    /* an idle client lost its connection; the next query reconnects */
  });
  try {
    await pool.query('select 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new StoreError(
      'store_unreachable',
      `the PostgreSQL server at ${where} does not answer: ${(e as Error).message}`,
    );
  }
  const q = (runner: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(text: string, params?: unknown[]): Promise<T[]> {
      const res = await runner.query(text, params);
      return res.rows as T[];
    },
  });
  const inTransaction = async <T>(client: pg.PoolClient, fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      const out = await fn(q(client));
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  };
  return {
    kind: 'server',
    where,
    ...q(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        return await inTransaction(client, fn);
      } finally {
        client.release();
      }
    },
    async withExclusiveLock<T>(key: number, fn: (conn: Connection) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        return await fn({ ...q(client), transaction: (f) => inTransaction(client, f) });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [key]).catch(() => undefined);
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Opens the configured database: a server when a URL is given, otherwise the embedded store. */
export async function openDb(config: DbConfig): Promise<Db> {
  if ('databaseUrl' in config) return openServer(config.databaseUrl, config.poolSize);
  if ('memory' in config) {
    const pgl = await PGlite.create(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {});
    return wrapPglite(pgl, 'memory');
  }
  return openEmbedded(config.dataDir);
}
