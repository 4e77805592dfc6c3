/**
 * A tiny static server for `dist` with an SPA fallback and a proxy for /api and
 * /health, sending the API's Content-Security-Policy on every page, so the
 * built app can be checked in a browser under the same rules as in production.
 *
 *   npx tsx packages/web/e2e/serve-dist.ts [--dist DIR] [--port 4173] [--api http://127.0.0.1:3000]
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const dist = arg('dist', fileURLToPath(new URL('../dist/', import.meta.url)));
const port = Number(arg('port', '4173'));
const api = new URL(arg('api', 'http://127.0.0.1:3000'));

/** The policy helmet sends in production (see packages/server/src/app.ts). */
const CSP =
  "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';worker-src 'self' blob:";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.json': 'application/json',
};

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith('/api/') || url.pathname === '/health') {
    const upstream = httpRequest(
      {
        hostname: api.hostname,
        port: api.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: api.host },
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'bad_gateway', message: 'the API server does not answer' } }));
    });
    req.pipe(upstream);
    return;
  }
  let file = normalize(join(dist, decodeURIComponent(url.pathname)));
  if (!file.startsWith(normalize(dist)) || !existsSync(file) || statSync(file).isDirectory())
    file = join(dist, 'index.html');
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
  });
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () =>
  console.log(`serving ${dist} on http://127.0.0.1:${port}, API ${api.origin}`),
);
