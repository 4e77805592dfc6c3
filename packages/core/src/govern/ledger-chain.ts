/**
 * The tamper-evident ledger: each stored entry carries the hash of its
 * canonical content together with the previous entry's hash, so changing,
 * removing or reordering any stored entry breaks every hash after it.
 *
 * Pure: the hash function is a parameter (the store passes SHA-256 from
 * node:crypto), so the rule is the same wherever the chain is checked.
 */

/** The hash the first entry of a partnership's chain points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chain format version, part of every hashed payload. */
export const LEDGER_CHAIN_VERSION = 1;

/**
 * Canonical JSON: object keys sorted by code point, no whitespace, `undefined`
 * members left out, numbers as JSON writes them. Two equal values always give
 * the same text, whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError('canonicalJson: non-finite number');
    if (value === undefined) throw new TypeError('canonicalJson: undefined has no JSON form');
    return JSON.stringify(value);
  }
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** What is hashed for one stored entry: where it belongs, its place, its content, who recorded it, and the previous hash. */
export interface ChainLink {
  ecosystemId: string;
  partnershipId: string;
  seq: number;
  /** The entry as in the ecosystem document. */
  entry: unknown;
  recordedBy: string | null;
  /** ISO timestamp with milliseconds. */
  recordedAt: string;
  prevHash: string;
}

/** The exact text whose hash is stored for a link. */
export function chainPayload(link: ChainLink): string {
  return canonicalJson({
    v: LEDGER_CHAIN_VERSION,
    ecosystem: link.ecosystemId,
    partnership: link.partnershipId,
    seq: link.seq,
    entry: link.entry,
    recordedBy: link.recordedBy,
    recordedAt: link.recordedAt,
    prev: link.prevHash,
  });
}

export interface StoredLink extends ChainLink {
  /** The entry's id in the ledger. */
  id: string;
  hash: string;
}

export type ChainBreak =
  | { reason: 'hash_mismatch'; seq: number; id: string; message: string }
  | { reason: 'prev_mismatch'; seq: number; id: string; message: string }
  | { reason: 'gap'; seq: number; id: string; message: string };

export interface ChainVerification {
  ok: boolean;
  /** Entries checked. */
  entries: number;
  /** The hash of the last entry (the head), or the genesis hash for an empty ledger. */
  head: string;
  /** The first entry where the chain is broken, if any. */
  firstBroken: ChainBreak | null;
}

/**
 * Recomputes the chain of one partnership's entries (in `seq` order, starting
 * at 1) and names the first broken link: an entry whose content no longer
 * matches its hash, whose back-pointer is not the previous entry's hash, or a
 * missing sequence number (a removed entry).
 */
export function verifyChain(links: readonly StoredLink[], hash: (text: string) => string): ChainVerification {
  let prev = GENESIS_HASH;
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    const expectedSeq = i + 1;
    if (l.seq !== expectedSeq) {
      return broken(i, prev, {
        reason: 'gap',
        seq: l.seq,
        id: l.id,
        message: `entry "${l.id}" has sequence number ${l.seq} where ${expectedSeq} was expected: an entry before it was removed`,
      });
    }
    if (l.prevHash !== prev) {
      return broken(i, prev, {
        reason: 'prev_mismatch',
        seq: l.seq,
        id: l.id,
        message: `entry "${l.id}" (#${l.seq}) does not point back to the entry before it: the chain was cut or reordered`,
      });
    }
    const actual = hash(chainPayload(l));
    if (actual !== l.hash) {
      return broken(i, prev, {
        reason: 'hash_mismatch',
        seq: l.seq,
        id: l.id,
        message: `entry "${l.id}" (#${l.seq}) was changed after it was recorded: its content no longer matches its hash`,
      });
    }
    prev = l.hash;
  }
  return { ok: true, entries: links.length, head: prev, firstBroken: null };
}

function broken(checked: number, head: string, b: ChainBreak): ChainVerification {
  return { ok: false, entries: checked, head, firstBroken: b };
}
