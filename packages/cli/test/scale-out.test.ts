/**
 * Scale-out: two server processes on different ports against one PostgreSQL
 * database serve the same data; a session made on one works on the other
 * (sessions live in the database); an edit through one is read through the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerTestDatabase } from '@valueweb/store/testing';
import { BIN, REPO } from './run-cli.ts';

const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(
    children.map(
      (c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r))),
    ),
  );
});

function serve(databaseUrl: string): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--database-url', databaseUrl], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      VALUEWEB_LOG_LEVEL: 'warn',
      VALUEWEB_ADMIN_EMAIL: 'admin@scale.test',
      VALUEWEB_ADMIN_PASSWORD: 'scale-out-password',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)));
  });
}

describe('two instances on one PostgreSQL', () => {
  it('share sessions and data', async (ctx) => {
    const db = await createServerTestDatabase();
    if (!db) return ctx.skip();
    try {
      // Both start (and migrate) at once: the advisory lock makes each migration run once.
      const [a, b] = await Promise.all([serve(db.url), serve(db.url)]);
      expect(a).not.toBe(b);
      const login = await fetch(`${a}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@scale.test', password: 'scale-out-password' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const h = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
      const created = await fetch(`${a}/api/v1/ecosystems`, {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ id: 'shared', name: 'Shared' }),
      });
      expect(created.status).toBe(201);
      const actor = await fetch(`${a}/api/v1/ecosystems/shared/actors`, {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ id: 'x', name: 'Written through A', kind: 'ngo' }),
      });
      expect(actor.status).toBe(201);
      // Read through B with the session made on A.
      const read = await fetch(`${b}/api/v1/ecosystems/shared/actors/x`, { headers: { cookie } });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { name: string }).name).toBe('Written through A');
      // Edit through B, read through A.
      const etag = read.headers.get('etag')!;
      const patch = await fetch(`${b}/api/v1/ecosystems/shared/actors/x`, {
        method: 'PATCH',
        headers: { ...h, 'if-match': etag },
        body: JSON.stringify({ name: 'Changed through B' }),
      });
      expect(patch.status).toBe(200);
      const stale = await fetch(`${a}/api/v1/ecosystems/shared/actors/x`, {
        method: 'PATCH',
        headers: { ...h, 'if-match': etag },
        body: JSON.stringify({ name: 'Stale through A' }),
      });
      expect(stale.status).toBe(412);
      const back = (await (
        await fetch(`${a}/api/v1/ecosystems/shared/actors/x`, { headers: { cookie } })
      ).json()) as { name: string };
      expect(back.name).toBe('Changed through B');
    } finally {
      for (const c of children) c.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      await db.drop();
    }
  });
});
