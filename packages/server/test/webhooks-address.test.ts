/** Webhook URL rules, secret sealing and the key file: no store needed. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPrivateAddress } from '../src/webhooks/address.ts';
import { loadSecretBox, SecretBox } from '../src/webhooks/secret-box.ts';
import { retryDelay } from '../src/webhooks/worker.ts';
import { readConfig, ConfigError } from '../src/index.ts';

describe('webhook addresses', () => {
  it('tells private from public addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.8',
      '172.20.1.1',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd12:3456::1',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
      '224.0.0.1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '172.32.0.1', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('checks what a host name resolves to', async () => {
    const resolve = async (host: string) =>
      ({ 'hooks.example.org': ['93.184.216.34'], 'internal.example.org': ['93.184.216.34', '10.1.2.3'] })[
        host
      ] ?? Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
    expect(
      await checkWebhookUrl('https://hooks.example.org/valueweb', { allowPrivate: false, resolve }),
    ).toMatchObject({ ok: true });
    const internal = await checkWebhookUrl('https://internal.example.org/x', {
      allowPrivate: false,
      resolve,
    });
    expect(internal).toMatchObject({ ok: false });
    expect((internal as { message: string }).message).toMatch(/resolves to 10\.1\.2\.3/);
    expect(
      await checkWebhookUrl('https://nowhere.example.org/x', { allowPrivate: false, resolve }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/cannot resolve.*ENOTFOUND/) });
    expect(await checkWebhookUrl('http://10.1.2.3/x', { allowPrivate: true })).toMatchObject({ ok: true });
    expect(await checkWebhookUrl('file:///etc/passwd', { allowPrivate: true })).toMatchObject({ ok: false });
  });
});

describe('webhook secrets', () => {
  it('seals with AES-256-GCM: a fresh IV each time, another key or a changed byte cannot open it', () => {
    const box = new SecretBox(randomBytes(32));
    const a = box.seal('whsec_abc');
    expect(a).not.toContain('whsec_abc');
    expect(box.seal('whsec_abc')).not.toBe(a);
    expect(box.open(a)).toBe('whsec_abc');
    expect(() => new SecretBox(randomBytes(32)).open(a)).toThrow();
    const parts = a.split('.');
    parts[3] = Buffer.from('whsec_abd').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });

  it('takes the key from VALUEWEB_SECRET_KEY, else a key file in the data directory (embedded only)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-key-'));
    try {
      const first = loadSecretBox({ secretKey: undefined, dataDir: dir, storeKind: 'embedded' });
      expect(first).toMatchObject({ source: 'key file', created: true });
      const file = join(dir, 'secret.key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
      const sealed = first.box!.seal('s3cret');
      const second = loadSecretBox({ secretKey: undefined, dataDir: dir, storeKind: 'embedded' });
      expect(second).toMatchObject({ source: 'key file' });
      expect(second.box!.open(sealed)).toBe('s3cret');
      const server = loadSecretBox({ secretKey: undefined, dataDir: dir, storeKind: 'server' });
      expect(server.box).toBeNull();
      expect((server as { reason: string }).reason).toMatch(/VALUEWEB_SECRET_KEY/);
      const env = loadSecretBox({ secretKey: randomBytes(32), dataDir: dir, storeKind: 'server' });
      expect(env).toMatchObject({ source: 'environment' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the agent and webhook settings, and lists bad ones', () => {
    const key = randomBytes(32);
    const c = readConfig({
      VALUEWEB_AGENT_INTERVAL: '5',
      VALUEWEB_WEBHOOK_ALLOW_PRIVATE: 'true',
      VALUEWEB_SECRET_KEY: key.toString('hex'),
    });
    expect(c).toMatchObject({ agentIntervalMinutes: 5, webhookAllowPrivate: true });
    expect(c.secretKey?.equals(key)).toBe(true);
    expect(readConfig({ VALUEWEB_SECRET_KEY: key.toString('base64') }).secretKey?.equals(key)).toBe(true);
    expect(readConfig({})).toMatchObject({
      agentIntervalMinutes: 15,
      webhookAllowPrivate: false,
      secretKey: undefined,
    });
    expect(readConfig({ VALUEWEB_AGENT_INTERVAL: '0' }).agentIntervalMinutes).toBe(0);
    let err: unknown;
    try {
      readConfig({
        VALUEWEB_AGENT_INTERVAL: 'often',
        VALUEWEB_WEBHOOK_ALLOW_PRIVATE: 'maybe',
        VALUEWEB_SECRET_KEY: 'short',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['VALUEWEB_AGENT_INTERVAL', 'VALUEWEB_WEBHOOK_ALLOW_PRIVATE', 'VALUEWEB_SECRET_KEY'])
      expect(problems).toContain(name);
  });

  it('backs off exponentially up to a cap, then gives up', () => {
    const o = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 12 };
    expect([1, 2, 3, 4, 7, 8, 11].map((n) => retryDelay(n, o))).toEqual([
      30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
    expect(retryDelay(12, o)).toBeNull();
  });
});
