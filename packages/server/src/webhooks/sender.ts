/**
 * One webhook delivery over HTTP: the JSON body, signed with HMAC-SHA256 of
 * the raw body under the endpoint's secret (`x-valueweb-signature:
 * sha256=<hex>`), a timestamp header equal to the body's `sentAt`, a total
 * time limit, no redirects followed, and the address rules of address.ts
 * applied to the connection itself.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress } from './address.ts';

export const SIGNATURE_HEADER = 'x-valueweb-signature';
export const TIMESTAMP_HEADER = 'x-valueweb-timestamp';
export const EVENT_HEADER = 'x-valueweb-event';
export const DELIVERY_HEADER = 'x-valueweb-delivery';

/** `sha256=<hex HMAC-SHA256 of the raw body>`. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does to check a delivery: recompute the signature over the raw body, compare in constant time. */
export function verifySignature(secret: string, body: string | Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(signBody(secret, body));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}

export interface SendResult {
  delivered: boolean;
  statusCode: number | null;
  error: string | null;
  ms: number;
}

/** Posts `body` to `url`; never throws, never waits longer than `timeoutMs`. */
export function sendWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: { timeoutMs: number; allowPrivate: boolean },
): Promise<SendResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: Omit<SendResult, 'ms'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...r, ms: Date.now() - started });
    };
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      finish({ delivered: false, statusCode: null, error: 'invalid URL' });
      return;
    }
    const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!opts.allowPrivate && isIP(host) && isPrivateAddress(host)) {
      finish({
        delivered: false,
        statusCode: null,
        error: `${host} is a loopback, link-local or private address, which webhooks may not reach`,
      });
      return;
    }
    const lib = u.protocol === 'https:' ? https : http;
    const req = lib.request(
      u,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Valueweb-Webhooks/1',
          ...headers,
        },
        lookup: guardedLookup(opts.allowPrivate),
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 64 * 1024) res.destroy();
        });
        const end = () =>
          finish(
            status >= 200 && status < 300
              ? { delivered: true, statusCode: status, error: null }
              : {
                  delivered: false,
                  statusCode: status,
                  error:
                    status >= 300 && status < 400
                      ? `redirect to ${res.headers.location ?? '?'} (not followed)`
                      : `the receiver answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`,
                },
          );
        res.on('end', end);
        res.on('close', end);
        res.on('error', end);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({
        delivered: false,
        statusCode: null,
        error: `no answer within ${Math.round(opts.timeoutMs / 100) / 10} s (timed out)`,
      });
    }, opts.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) =>
      finish({
        delivered: false,
        statusCode: null,
        error:
          e.code === 'ECONNREFUSED'
            ? 'connection refused (the receiver is down)'
            : `${e.code ? `${e.code}: ` : ''}${e.message}`,
      }),
    );
    req.end(body);
  });
}
