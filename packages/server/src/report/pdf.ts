/**
 * HTML to PDF with Chromium headless (`--print-to-pdf`), spawned directly: no
 * npm dependency, and the PDF looks exactly like the printed page (A4, the
 * report's own print CSS, SVG charts as vectors). Chromium is Debian's
 * (`apt-get install chromium`); the page is written to a private temporary
 * directory with a throw-away profile, nothing is fetched from the network,
 * and at most MAX_CONCURRENT renders run at once so reports never starve the
 * server.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where Chromium is looked for, in order. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];
export const PDF_TIMEOUT_MS = 30_000;
export const MAX_CONCURRENT = 2;

export class PdfUnavailableError extends Error {
  readonly code = 'pdf_unavailable';
  constructor(message: string) {
    super(message);
    this.name = 'PdfUnavailableError';
  }
}

/** The Chromium executable to use (the given one, else the first candidate that exists), or null. */
export function findChromium(given?: string | null): string | null {
  for (const p of given ? [given] : CHROMIUM_CANDIDATES) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // try the next one
    }
  }
  return null;
}

let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Renders a self-contained HTML page to PDF bytes. Throws PdfUnavailableError without Chromium or when it fails. */
export function htmlToPdf(
  html: string,
  opts: { chromium?: string | null; timeoutMs?: number } = {},
): Promise<Buffer> {
  const exe = findChromium(opts.chromium);
  if (!exe) {
    return Promise.reject(
      new PdfUnavailableError(
        `PDF export needs Chromium (looked for ${opts.chromium ?? CHROMIUM_CANDIDATES.join(', ')}); install it (apt-get install chromium) or download the HTML report and print it from a browser`,
      ),
    );
  }
  return slot(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        const dir = mkdtempSync(join(tmpdir(), 'valueweb-report-'));
        const page = join(dir, 'report.html');
        const out = join(dir, 'report.pdf');
        writeFileSync(page, html);
        const args = [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-extensions',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--no-default-browser-check',
          '--no-pdf-header-footer',
          `--user-data-dir=${join(dir, 'profile')}`,
          `--print-to-pdf=${out}`,
          pathToFileURL(page).href,
        ];
        let stderr = '';
        const child = spawn(exe, args, {
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { PATH: '/usr/bin:/bin', HOME: dir },
        });
        child.stderr.on('data', (d: Buffer) => {
          if (stderr.length < 4000) stderr += d.toString();
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? PDF_TIMEOUT_MS);
        let finished = false;
        const done = (err: Error | null) => {
          if (finished) return;
          finished = true;
          clearTimeout(timer);
          let pdf: Buffer | null = null;
          try {
            if (!err) pdf = readFileSync(out);
          } catch (e) {
            err = e as Error;
          }
          rmSync(dir, { recursive: true, force: true });
          if (pdf && pdf.subarray(0, 5).toString('latin1') === '%PDF-') resolve(pdf);
          else
            reject(
              new PdfUnavailableError(
                `Chromium could not print the report${err ? `: ${err.message}` : ''}${
                  stderr
                    ? ` (${stderr
                        .split('\n')
                        .filter((l) => l && !/dbus|bus\.cc|object_proxy/.test(l))
                        .slice(-2)
                        .join(' ')})`
                    : ''
                }`,
              ),
            );
        };
        child.on('error', (e) => done(e));
        child.on('exit', (code, signal) =>
          done(
            code === 0
              ? null
              : new Error(
                  signal
                    ? `killed by ${signal} (timeout ${opts.timeoutMs ?? PDF_TIMEOUT_MS} ms)`
                    : `exit code ${code}`,
                ),
          ),
        );
      }),
  );
}
