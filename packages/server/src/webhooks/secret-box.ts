/**
 * Webhook signing secrets are shown once and kept only sealed: AES-256-GCM
 * with a 32-byte key from VALUEWEB_SECRET_KEY, or — for the embedded store,
 * when the variable is unset — from a key file created in the data directory
 * (`secret.key`, mode 0600; back it up with the data). A PostgreSQL server
 * store has no data directory every instance shares, so there the key must
 * come from the variable: without it webhooks are switched off (with a
 * warning at start) rather than sealed with a key derived from something
 * guessable.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = 'v1';

export class SecretBox {
  readonly #key: Buffer;
  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
    this.#key = Buffer.from(key);
  }

  /** `v1.<iv>.<tag>.<ciphertext>` (base64url): a fresh 96-bit IV each time. */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.#key, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return [
      VERSION,
      iv.toString('base64url'),
      c.getAuthTag().toString('base64url'),
      ct.toString('base64url'),
    ].join('.');
  }

  /** The plain text; throws when the value was sealed with another key or altered. */
  open(sealed: string): string {
    const [v, iv, tag, ct] = sealed.split('.');
    if (v !== VERSION || !iv || !tag || ct === undefined) throw new Error('not a sealed secret');
    const d = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
  }
}

export const KEY_FILE = 'secret.key';

/** Where the key comes from, and why webhooks are off when there is none. */
export type KeySource =
  | { box: SecretBox; source: 'environment' | 'key file'; file?: string; created?: boolean }
  | { box: null; reason: string };

/** The key: VALUEWEB_SECRET_KEY, else the data directory's key file (created on first use) for the embedded store. */
export function loadSecretBox(opts: {
  secretKey: Buffer | undefined;
  dataDir: string;
  storeKind: 'embedded' | 'server';
}): KeySource {
  if (opts.secretKey) return { box: new SecretBox(opts.secretKey), source: 'environment' };
  if (opts.storeKind === 'server') {
    return {
      box: null,
      reason:
        'webhooks are off: set VALUEWEB_SECRET_KEY (32 bytes, e.g. `openssl rand -hex 32`, the same on every instance) to seal their signing secrets',
    };
  }
  const file = join(opts.dataDir, KEY_FILE);
  if (existsSync(file)) {
    const raw = readFileSync(file, 'utf8').trim();
    const key = Buffer.from(raw, 'base64');
    if (key.length !== 32)
      throw new Error(
        `${file} does not hold a 32-byte base64 key; restore it from a backup, or delete it (existing webhook secrets can then no longer be read) `,
      );
    return { box: new SecretBox(key), source: 'key file', file };
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { box: new SecretBox(key), source: 'key file', file, created: true };
}
