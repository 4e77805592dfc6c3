/** Options several commands share, and turning them into configuration. */
import { Option, type Command } from 'commander';
import { readConfig, storeConfig, type Config } from '@valueweb/server';
import { Store } from '@valueweb/store';

export interface StoreFlags {
  dataDir?: string;
  databaseUrl?: string;
}

/** Adds --data-dir and --database-url. */
export function storeOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--data-dir <dir>',
        'embedded database directory (env VALUEWEB_DATA_DIR, default ./.valueweb/data)',
      ),
    )
    .addOption(
      new Option(
        '--database-url <url>',
        'PostgreSQL server to use instead of the embedded database (env DATABASE_URL)',
      ),
    );
}

/** Configuration from the environment, overridden by flags. */
export function configFrom(flags: StoreFlags & { port?: number; host?: string }): Config {
  return readConfig(process.env, {
    ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir } : {}),
    ...(flags.databaseUrl !== undefined ? { databaseUrl: flags.databaseUrl } : {}),
    ...(flags.port !== undefined ? { port: flags.port } : {}),
    ...(flags.host !== undefined ? { host: flags.host } : {}),
  });
}

/** Opens the configured store, runs `fn`, and always closes it. */
export async function withStore<T>(flags: StoreFlags, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open(storeConfig(configFrom(flags)));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Parses a port flag. */
export function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--port ${v}: expected a port number 0–65535`);
  return n;
}
