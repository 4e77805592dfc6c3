/**
 * Durability and exclusivity: a second process on the same embedded data
 * directory is refused; a writer killed with SIGKILL loses no acknowledged write.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Store, StoreError } from '../src/index.ts';
import { createServerTestDatabase } from './testing.ts';

const writer = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'valueweb-durability-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Starts the writer, waits for `acks` acknowledged writes, kills it with SIGKILL; returns the last acknowledged n. */
function runAndKill(mode: 'embedded' | 'server', target: string, acks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, mode, target], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let last = -1;
    let buf = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = /^ack (\d+)$/.exec(line);
        if (m) last = Number(m[1]);
      }
      if (last >= acks - 1 && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`writer exited with ${code}: ${err}`));
    });
  });
}

async function ackedPresent(store: Store, last: number): Promise<number> {
  const rows = await store.db.query<{ name: string }>(
    "select name from organizations where name like 'crash-%'",
  );
  const names = new Set(rows.map((r) => r.name));
  let missing = 0;
  for (let i = 0; i <= last; i++) if (!names.has(`crash-${i}`)) missing++;
  return missing;
}

describe('embedded store', () => {
  it('refuses a second opener of the same data directory with a clear message', async () => {
    const dir = tempDir();
    const a = await Store.open({ dataDir: dir });
    try {
      const err = await Store.open({ dataDir: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect(err).toMatchObject({ code: 'store_locked' });
      expect((err as Error).message).toMatch(/in use|already open/);
    } finally {
      await a.close();
    }
    const b = await Store.open({ dataDir: dir });
    await b.close();
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    const dir = tempDir();
    const s = await Store.open({ dataDir: dir });
    await s.close();
    writeFileSync(join(dir, 'valueweb.lock'), '999999999\n');
    const again = await Store.open({ dataDir: dir });
    await again.close();
  });

  it('keeps every acknowledged write after SIGKILL', async () => {
    const dir = tempDir();
    const last = await runAndKill('embedded', dir, 40);
    expect(last).toBeGreaterThanOrEqual(39);
    const store = await Store.open({ dataDir: dir });
    try {
      expect(await ackedPresent(store, last)).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describe('server store', () => {
  it('keeps every acknowledged write after SIGKILL', async (ctx) => {
    const db = await createServerTestDatabase();
    if (!db) return ctx.skip();
    try {
      const last = await runAndKill('server', db.url, 40);
      const store = await Store.open({ databaseUrl: db.url });
      try {
        expect(await ackedPresent(store, last)).toBe(0);
      } finally {
        await store.close();
      }
    } finally {
      await db.drop();
    }
  });

  it('names an unreachable server', async () => {
    const err = await Store.open({ databaseUrl: 'postgres://nobody:secret@127.0.0.1:1/nope' }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'store_unreachable' });
    expect((err as Error).message).toContain('127.0.0.1:1');
    expect((err as Error).message).not.toContain('secret');
  });
});
