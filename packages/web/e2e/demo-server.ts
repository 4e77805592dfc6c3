/** The real server for a browser test file: `valueweb serve --demo` on a random port and a fresh embedded store (vitest only: it uses the migrated template). */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedEmbeddedDataDir } from '@valueweb/store/testing';
/** A `valueweb serve --demo` started for a browser test file. */
export interface DemoServer {
  baseURL: string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/**
 * Starts the real server (`valueweb serve --demo`) on a random port, on a fresh
 * embedded store copied from the migrated template, with `env` added to a clean
 * environment; resolves with its URL once it says where it runs.
 */
export async function startDemoServer(name: string, env: Record<string, string> = {}): Promise<DemoServer> {
  const tmp = mkdtempSync(join(tmpdir(), `valueweb-${name}-`));
  const dir = seedEmbeddedDataDir(join(tmp, 'data'));
  const bin = fileURLToPath(new URL('../../cli/bin/valueweb.js', import.meta.url));
  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  const server: ChildProcess = spawn(
    process.execPath,
    [bin, 'serve', '--demo', '--port', '0', '--data-dir', dir],
    {
      cwd: repo,
      env: { PATH: process.env.PATH ?? '', VALUEWEB_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const baseURL = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    server.on('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)));
  });
  return {
    baseURL,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) =>
        server.exitCode !== null || server.signalCode !== null ? r(null) : server.once('exit', r),
      );
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
