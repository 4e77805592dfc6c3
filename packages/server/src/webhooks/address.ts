/**
 * Where a webhook may point: an http(s) URL without credentials whose host
 * resolves only to public addresses. Loopback, link-local, private,
 * shared (CGNAT), unspecified, multicast and reserved ranges are refused
 * unless the operator allows them (VALUEWEB_WEBHOOK_ALLOW_PRIVATE=true), both
 * when the endpoint is saved and again at each delivery (the connection's
 * own DNS lookup is checked, so a name that later resolves to an internal
 * address is refused too).
 */
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup } from 'node:dns';
import { promises as dns } from 'node:dns';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fe80::', 10],
  ['fc00::', 7],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['64:ff9b::', 96],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** True for an address a webhook may not reach without the operator's permission. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    // IPv4-mapped (::ffff:a.b.c.d, or as URLs write it, ::ffff:xxxx:yyyy): the IPv4 rules apply.
    const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (dotted) return blocked.check(dotted[1]!, 'ipv4');
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
    if (hex) {
      const hi = parseInt(hex[1]!, 16);
      const lo = parseInt(hex[2]!, 16);
      return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
    }
    return blocked.check(address, 'ipv6');
  }
  return true;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string };

/** Checks a webhook URL before it is saved. */
export async function checkWebhookUrl(
  raw: string,
  opts: { allowPrivate: boolean; resolve?: (host: string) => Promise<string[]> },
): Promise<UrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: 'not a URL: expected https://host/path (or http://)' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, message: `expected an http:// or https:// URL, not ${url.protocol}//` };
  if (url.username || url.password)
    return {
      ok: false,
      message:
        'the URL must not carry a user name or password (it is shown to every orchestrator); authenticate the request with the signature header instead',
    };
  if (url.hash) return { ok: false, message: 'the URL must not have a #fragment' };
  if (raw.length > 2000) return { ok: false, message: 'the URL is longer than 2,000 characters' };
  if (opts.allowPrivate) return { ok: true, url };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (opts.resolve ?? resolveAll)(host);
    } catch (e) {
      return {
        ok: false,
        message: `cannot resolve the host "${host}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      };
    }
  }
  const bad = addresses.filter(isPrivateAddress);
  if (bad.length || addresses.length === 0) {
    return {
      ok: false,
      message: `"${host}" is a loopback, link-local or private address${bad.length && bad[0] !== host ? ` (it resolves to ${bad.join(', ')})` : ''}; the operator allows those with VALUEWEB_WEBHOOK_ALLOW_PRIVATE=true`,
    };
  }
  return { ok: true, url };
}

async function resolveAll(host: string): Promise<string[]> {
  const list = await dns.lookup(host, { all: true, verbatim: true });
  return list.map((a) => a.address);
}

/** A DNS lookup for outgoing deliveries that refuses private addresses (unless allowed). */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = (addresses as unknown as { address: string; family: number }[]).filter(
        (a) => allowPrivate || !isPrivateAddress(a.address),
      );
      if (!list.length) {
        const e = Object.assign(
          new Error(
            `${hostname} resolves only to loopback, link-local or private addresses, which webhooks may not reach`,
          ),
          { code: 'EPRIVATE' },
        );
        return callback(e, '', 0);
      }
      if (options.all)
        return (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(
          null,
          list,
        );
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
