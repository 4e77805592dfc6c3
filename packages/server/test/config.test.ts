import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/index.ts';

describe('configuration', () => {
  it('has defaults for everything', () => {
    const c = readConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      databaseUrl: undefined,
      dbPoolSize: 10,
    });
    expect(c.dataDir).toMatch(/\.valueweb\/data$/);
  });

  it('lets flags override the environment', () => {
    const c = readConfig(
      { PORT: '4000', DATABASE_URL: 'postgres://a@h/db' },
      { port: 5000, databaseUrl: 'postgres://b@h/db2' },
    );
    expect(c.port).toBe(5000);
    expect(c.databaseUrl).toBe('postgres://b@h/db2');
  });

  it('lists every problem at once', () => {
    let err: unknown;
    try {
      readConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        VALUEWEB_LOG_LEVEL: 'loud',
        VALUEWEB_ADMIN_EMAIL: 'a@b.c',
        VALUEWEB_DB_POOL_SIZE: '0',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'VALUEWEB_LOG_LEVEL',
      'VALUEWEB_ADMIN_PASSWORD',
      'VALUEWEB_DB_POOL_SIZE',
    ])
      expect(problems).toContain(name);
  });
});
