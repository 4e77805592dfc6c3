/**
 * Configuration, read once: every environment variable Valueweb knows is read
 * here and nowhere else, every problem is listed at start-up, and the typed
 * result is passed down. Command-line flags override the environment.
 */
import { resolve } from 'node:path';
import { govern } from '@valueweb/core';

export interface Config {
  /** Where the embedded database lives (ignored when databaseUrl is set). */
  dataDir: string;
  /** A PostgreSQL server; when set, the embedded database is not used. */
  databaseUrl: string | undefined;
  dbPoolSize: number;
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Minutes between scheduled runs of the monitoring agent (0: no schedule; it still runs after changes and on request). */
  agentIntervalMinutes: number;
  /** Days before an obligation's due date the agent starts reminding of it. */
  reminderLeadDays: number;
  /** Days after an obligation's due date its overdue alert becomes critical. */
  overdueCriticalDays: number;
  /** Allow webhook URLs on loopback, link-local and private addresses (off by default). */
  webhookAllowPrivate: boolean;
  /** The 32-byte key that seals webhook secrets (AES-256-GCM); unset: a key file in the data directory (embedded store only). */
  secretKey: Buffer | undefined;
}

/** Every environment variable, with what it does (printed by the README and `valueweb serve --help`). */
export const ENVIRONMENT: Record<string, string> = {
  DATABASE_URL:
    'PostgreSQL server connection string (postgres://user:password@host:5432/db); when set, the embedded database is not used',
  VALUEWEB_DATA_DIR: 'directory of the embedded database (default ./.valueweb/data)',
  VALUEWEB_DB_POOL_SIZE: 'connections in the PostgreSQL pool (default 10)',
  VALUEWEB_HOST: 'address the server listens on (default 127.0.0.1; 0.0.0.0 for all interfaces)',
  PORT: 'port the server listens on (default 3000; VALUEWEB_PORT also works)',
  VALUEWEB_LOG_LEVEL: 'fatal, error, warn, info (default), debug, trace or silent',
  VALUEWEB_ADMIN_EMAIL: 'email of the first administrator, created on first start',
  VALUEWEB_ADMIN_PASSWORD: 'password of the first administrator (at least 12 characters)',
  VALUEWEB_AGENT_INTERVAL:
    'minutes between scheduled runs of the monitoring agent (default 15; 0 = no schedule, it still runs after changes and on request)',
  VALUEWEB_REMINDER_LEAD_DAYS:
    'days before an obligation is due that the monitoring agent starts reminding of it (default 14; 0 = on the due date only)',
  VALUEWEB_OVERDUE_CRITICAL_DAYS:
    'days after its due date that an overdue obligation becomes a critical alert (default 30)',
  VALUEWEB_WEBHOOK_ALLOW_PRIVATE:
    'true to allow webhook URLs on loopback, link-local and private addresses (default false)',
  VALUEWEB_SECRET_KEY:
    'key sealing webhook secrets: 32 bytes as 64 hex digits or base64 (default: a key file in the data directory; required with DATABASE_URL to use webhooks)',
  VALUEWEB_TEST_DATABASE_URL: 'tests only: a PostgreSQL server database the store tests also run on',
};

export class ConfigError extends Error {
  readonly code = 'invalid_config';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type ConfigOverrides = Partial<Pick<Config, 'dataDir' | 'databaseUrl' | 'host' | 'port' | 'logLevel'>>;

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates the configuration; throws a ConfigError listing every problem. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const problems: string[] = [];
  const int = (name: string, raw: string | undefined, def: number, min: number, max: number): number => {
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}`);
      return def;
    }
    return n;
  };
  const databaseUrl = overrides.databaseUrl ?? (env.DATABASE_URL || undefined);
  if (databaseUrl !== undefined) {
    try {
      const u = new URL(databaseUrl);
      if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
        problems.push(`DATABASE_URL: expected a postgres:// or postgresql:// URL, got ${u.protocol}//…`);
      }
    } catch {
      problems.push('DATABASE_URL: not a valid URL (expected postgres://user:password@host:5432/database)');
    }
  }
  const port = overrides.port ?? int('PORT', env.PORT ?? env.VALUEWEB_PORT, 3000, 0, 65535);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`--port ${port}: expected a port number 0–65535`);
  const logLevel = overrides.logLevel ?? ((env.VALUEWEB_LOG_LEVEL || 'info') as Config['logLevel']);
  if (!LEVELS.includes(logLevel))
    problems.push(`VALUEWEB_LOG_LEVEL=${JSON.stringify(logLevel)}: expected one of ${LEVELS.join(', ')}`);
  const adminEmail = env.VALUEWEB_ADMIN_EMAIL || undefined;
  const adminPassword = env.VALUEWEB_ADMIN_PASSWORD || undefined;
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail))
    problems.push('VALUEWEB_ADMIN_EMAIL: expected an email address');
  if (adminPassword !== undefined && adminPassword.length < 12)
    problems.push('VALUEWEB_ADMIN_PASSWORD: expected at least 12 characters');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('VALUEWEB_ADMIN_EMAIL and VALUEWEB_ADMIN_PASSWORD: set both or neither');
  }
  const allowPrivate = (env.VALUEWEB_WEBHOOK_ALLOW_PRIVATE ?? '').trim().toLowerCase();
  if (!['', 'true', 'false', '1', '0', 'yes', 'no'].includes(allowPrivate))
    problems.push(
      `VALUEWEB_WEBHOOK_ALLOW_PRIVATE=${JSON.stringify(env.VALUEWEB_WEBHOOK_ALLOW_PRIVATE)}: expected true or false`,
    );
  let secretKey: Buffer | undefined;
  const rawKey = env.VALUEWEB_SECRET_KEY?.trim();
  if (rawKey) {
    secretKey = /^[0-9a-fA-F]{64}$/.test(rawKey)
      ? Buffer.from(rawKey, 'hex')
      : /^[A-Za-z0-9+/_-]{43}=?$/.test(rawKey)
        ? Buffer.from(rawKey, 'base64')
        : undefined;
    if (secretKey?.length !== 32) {
      secretKey = undefined;
      problems.push(
        'VALUEWEB_SECRET_KEY: expected 32 random bytes as 64 hex digits or base64 (e.g. the output of `openssl rand -hex 32`)',
      );
    }
  }
  const config: Config = {
    dataDir: resolve(overrides.dataDir ?? (env.VALUEWEB_DATA_DIR || '.valueweb/data')),
    databaseUrl,
    dbPoolSize: int('VALUEWEB_DB_POOL_SIZE', env.VALUEWEB_DB_POOL_SIZE, 10, 1, 1000),
    host: overrides.host ?? (env.VALUEWEB_HOST || '127.0.0.1'),
    port,
    logLevel,
    adminEmail,
    adminPassword,
    agentIntervalMinutes: int('VALUEWEB_AGENT_INTERVAL', env.VALUEWEB_AGENT_INTERVAL, 15, 0, 7 * 24 * 60),
    reminderLeadDays: int(
      'VALUEWEB_REMINDER_LEAD_DAYS',
      env.VALUEWEB_REMINDER_LEAD_DAYS,
      govern.DEFAULT_REMINDER_POLICY.leadDays,
      govern.REMINDER_POLICY_LIMITS.leadDays.min,
      govern.REMINDER_POLICY_LIMITS.leadDays.max,
    ),
    overdueCriticalDays: int(
      'VALUEWEB_OVERDUE_CRITICAL_DAYS',
      env.VALUEWEB_OVERDUE_CRITICAL_DAYS,
      govern.DEFAULT_REMINDER_POLICY.criticalAfterDays,
      govern.REMINDER_POLICY_LIMITS.criticalAfterDays.min,
      govern.REMINDER_POLICY_LIMITS.criticalAfterDays.max,
    ),
    webhookAllowPrivate: ['true', '1', 'yes'].includes(allowPrivate),
    secretKey,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The store configuration a Config selects. */
export function storeConfig(config: Config): { databaseUrl: string; poolSize: number } | { dataDir: string } {
  return config.databaseUrl
    ? { databaseUrl: config.databaseUrl, poolSize: config.dbPoolSize }
    : { dataDir: config.dataDir };
}
