import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainPayload, GENESIS_HASH, verifyChain, type StoredLink } from './ledger-chain.ts';

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');

function chain(entries: unknown[]): StoredLink[] {
  let prev = GENESIS_HASH;
  return entries.map((entry, i) => {
    const link = {
      ecosystemId: 'eco',
      partnershipId: 'p',
      seq: i + 1,
      entry,
      recordedBy: null,
      recordedAt: '2026-01-01T00:00:00.000Z',
      prevHash: prev,
    };
    const hash = sha256(chainPayload(link));
    prev = hash;
    return { ...link, id: `e${i + 1}`, hash };
  });
}

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, d: { z: 0, y: 'é' } })).toBe(
      '{"a":[true,null,"x"],"b":1,"d":{"y":"é","z":0}}',
    );
  });

  it('gives the same text whatever the key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/non-finite/);
  });
});

describe('verifyChain', () => {
  const entries = [
    {
      id: 'c1',
      kind: 'contribution',
      actor: 'a',
      type: 'cash',
      value: 100,
      currency: 'EUR',
      date: '2026-01-01',
    },
    {
      id: 'c2',
      kind: 'contribution',
      actor: 'b',
      type: 'data',
      value: 50,
      currency: 'EUR',
      date: '2026-01-02',
    },
    {
      id: 'b1',
      kind: 'benefit',
      actor: 'a',
      type: 'market-access',
      value: 80,
      currency: 'EUR',
      date: '2026-02-01',
    },
  ];

  it('accepts an intact chain and an empty one', () => {
    const links = chain(entries);
    const v = verifyChain(links, sha256);
    expect(v).toEqual({ ok: true, entries: 3, head: links[2]!.hash, firstBroken: null });
    expect(verifyChain([], sha256)).toEqual({ ok: true, entries: 0, head: GENESIS_HASH, firstBroken: null });
  });

  it('names the entry whose content was changed', () => {
    const links = chain(entries);
    links[1] = { ...links[1]!, entry: { ...entries[1], value: 5000 } };
    const v = verifyChain(links, sha256);
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({ reason: 'hash_mismatch', seq: 2, id: 'e2' });
    expect(v.entries).toBe(1);
  });

  it('names a removed entry (a gap) and a re-hashed forgery (the next back-pointer no longer matches)', () => {
    const links = chain(entries);
    expect(verifyChain([links[0]!, links[2]!], sha256).firstBroken).toMatchObject({ reason: 'gap', seq: 3 });
    const forged = { ...links[0]!, entry: { ...entries[0], value: 1 } };
    forged.hash = sha256(chainPayload(forged));
    expect(verifyChain([forged, links[1]!, links[2]!], sha256).firstBroken).toMatchObject({
      reason: 'prev_mismatch',
      seq: 2,
    });
  });

  it('catches any single changed field of any entry (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom('value', 'actor', 'date', 'recordedBy', 'partnershipId'),
        (i, field) => {
          const links = chain(entries);
          const l = links[i]!;
          if (field === 'value' || field === 'actor' || field === 'date') {
            links[i] = { ...l, entry: { ...(l.entry as object), [field]: field === 'value' ? 1 : 'x' } };
          } else if (field === 'recordedBy') links[i] = { ...l, recordedBy: 'someone-else' };
          else links[i] = { ...l, partnershipId: 'other' };
          const v = verifyChain(links, sha256);
          expect(v.ok).toBe(false);
          expect(v.firstBroken?.seq).toBe(i + 1);
        },
      ),
    );
  });
});
