/**
 * Charters in the store (both stores): amending makes a new version and keeps
 * the old one with its ratifications; ratification is per member and only of
 * the current version; the version in force follows the rule; bad rules are
 * refused with their field named and nothing written; every change is audited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateDocument, ValidationError, type EcosystemDocument } from '@valueweb/core';
import { Store, StoreError } from '../src/index.ts';
import { testStoreKinds } from './testing.ts';
import { makeDocument } from './factories.ts';

const allow = () => undefined;
const ECO = 'eco-c';

/** p1 = a0, a1, a2 with a ratified charter version 1 and an open dispute at its first step. */
function charterDocument(): EcosystemDocument {
  const base = makeDocument(ECO, 5);
  const r = validateDocument({
    ...base,
    partnerships: [
      {
        ...base.partnerships[0]!,
        charter: {
          version: '1',
          decision: { rule: 'weighted', weights: { a0: 3, a1: 2, a2: 1 }, quota: 4 },
          value: { rule: 'equal' },
          conflictPath: ['working team', 'steering committee'],
          ratifications: [
            { actor: 'a0', version: '1', at: '2026-01-05' },
            { actor: 'a1', version: '1', at: '2026-01-06' },
            { actor: 'a2', version: '1', at: '2026-01-09' },
          ],
        },
        disputes: [
          {
            id: 'x1',
            title: 'Data costs',
            parties: ['a0', 'a1'],
            opened: '2026-02-01',
            stage: 'working team',
            status: 'open',
          },
        ],
      },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
}

describe.each(testStoreKinds())('charters ($name)', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await kind.open());
    await store.ecosystems.import(charterDocument());
  });
  afterEach(async () => {
    await cleanup();
  });

  const historyRows = async () =>
    (await store.db.query<{ n: number }>('select count(*)::int as n from charter_versions'))[0]!.n;
  const amendedRule = { rule: 'weighted' as const, weights: { a0: 2, a1: 2, a2: 2 }, quota: 4 };

  it('reads the current version, who ratified it, and the version in force', async () => {
    const c = await store.charters.get(ECO, 'p1', { today: '2026-03-01' });
    expect(c.current?.version).toBe('1');
    expect(c.members).toEqual(['a0', 'a1', 'a2']);
    expect(c.names).toMatchObject({ a0: 'Actor 0' });
    expect(c.history).toEqual([]);
    expect(c.status.inForce).toMatchObject({ version: '1', since: '2026-01-09', current: true });
    expect(c.inForce?.decision?.quota).toBe(4);
    expect(c.status.current?.members.map((m) => m.ratified)).toEqual([true, true, true]);
  });

  it('an amendment is a new version: the old one moves to the history with its ratifications, and stays in force until the new one is ratified by all', async () => {
    const before = await store.charters.get(ECO, 'p1');
    const amended = await store.charters.amend(
      ECO,
      'p1',
      { ...before.current, ratifications: undefined, version: undefined, decision: amendedRule },
      before.version,
      allow,
      { userId: null, via: 'test' },
    );
    expect(amended.current).toMatchObject({ version: '2', decision: { quota: 4, weights: { a0: 2 } } });
    expect(amended.current?.ratifications ?? []).toEqual([]);
    expect(amended.version).toBe(before.version + 1);
    expect(amended.history).toHaveLength(1);
    expect(amended.history[0]!.charter.ratifications).toHaveLength(3);
    expect(amended.status.inForce).toMatchObject({ version: '1', current: false });
    expect(amended.inForce?.decision?.weights).toEqual({ a0: 3, a1: 2, a2: 1 });

    // Ratification, member by member, of the current version only.
    const wrong = await store.charters
      .ratify(ECO, 'p1', 'a0', '1', allow, { today: '2026-04-01' })
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ValidationError);
    expect((wrong as ValidationError).problems[0]).toMatchObject({ path: ['version'] });
    expect((wrong as ValidationError).problems[0]!.message).toMatch(/not the current charter version \(2\)/);
    const outsider = await store.charters
      .ratify(ECO, 'p1', 'a4', '2', allow, { today: '2026-04-01' })
      .catch((e: unknown) => e);
    expect((outsider as ValidationError).problems[0]).toMatchObject({ path: ['actor'] });
    await store.charters.ratify(ECO, 'p1', 'a0', '2', allow, { today: '2026-04-01' });
    await expect(
      store.charters.ratify(ECO, 'p1', 'a0', '2', allow, { today: '2026-04-02' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await store.charters.ratify(ECO, 'p1', 'a1', '2', allow, { today: '2026-04-02' });
    const last = await store.charters.ratify(ECO, 'p1', 'a2', 2, allow, { today: '2026-04-03' });
    expect(last.status.inForce).toMatchObject({ version: '2', since: '2026-04-03', current: true });

    // In force on a day: version 1 until the last ratification of version 2.
    expect((await store.charters.inForceOn(ECO, 'p1', '2026-04-02'))?.version).toBe('1');
    expect((await store.charters.inForceOn(ECO, 'p1', '2026-04-03'))?.charter.decision?.weights).toEqual({
      a0: 2,
      a1: 2,
      a2: 2,
    });
    expect(await store.charters.inForceOn(ECO, 'p1', '2025-12-31')).toBeNull();

    // The document carries the current version with its ratifications.
    const doc = await store.ecosystems.export(ECO);
    expect(doc.partnerships[0]!.charter?.ratifications?.map((r) => r.actor)).toEqual(['a0', 'a1', 'a2']);
    const audit = await store.audit({ ecosystemId: ECO, limit: 10 });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['partnership.charter.amend', 'partnership.charter.ratify']),
    );
  });

  it('refuses bad rules with the field named, and writes nothing', async () => {
    const c = await store.charters.get(ECO, 'p1');
    const base = { ...c.current, ratifications: undefined, version: undefined };
    const cases: [unknown, string, RegExp][] = [
      [
        { ...base, decision: { rule: 'weighted', weights: { a0: 3, a1: 2, a2: 1 }, quota: 7 } },
        'decision.quota',
        /quota 7 is above the total weight 6/,
      ],
      [
        { ...base, decision: { rule: 'majority', veto: ['a4'] } },
        'decision.veto.0',
        /veto member a4 is not a member/,
      ],
      [
        { ...base, decision: { rule: 'weighted', weights: { a0: 3, a4: 2 }, quota: 3 } },
        'decision.weights.a4',
        /a4, who is not a member/,
      ],
      [
        {
          ...base,
          value: {
            rule: 'shapley',
            game: {
              coalitions: [
                { members: ['a0'], value: 1 },
                { members: ['a0'], value: 2 },
              ],
            },
          },
        },
        'value.game.coalitions.1',
        /coalition \{a0\} appears twice/,
      ],
      [
        { ...base, value: { rule: 'shapley', game: { coalitions: [{ members: ['a0'], value: 1 }] } } },
        'value.game.coalitions',
        /missing/,
      ],
      [{ ...base, version: '1', purpose: 'new words' }, 'version', /version 1 already exists/],
      [{ ...base, version: '3', ratifications: [] }, 'ratifications', /starts without ratifications/],
    ];
    for (const [input, field, message] of cases) {
      const e = await store.charters.amend(ECO, 'p1', input, c.version, allow).catch((x: unknown) => x);
      expect(e, field).toBeInstanceOf(ValidationError);
      const p = (e as ValidationError).problems.find((x) => x.path.join('.') === field);
      expect(p, `${field}: ${JSON.stringify((e as ValidationError).problems)}`).toBeDefined();
      expect(p!.message).toMatch(message);
    }
    // A change that leaves a dispute at a step no longer on the path names the dispute.
    const off = await store.charters
      .amend(
        ECO,
        'p1',
        { ...base, version: undefined, conflictPath: ['board', 'mediation'] },
        c.version,
        allow,
      )
      .catch((x: unknown) => x);
    expect((off as ValidationError).problems.map((p) => p.path.join('.'))).toContain('disputes.0.stage');
    // Nothing changes: no amendment that changes nothing, no stale write.
    await expect(
      store.charters.amend(ECO, 'p1', { ...base, version: undefined }, c.version, allow),
    ).rejects.toThrow(/changes nothing/);
    await expect(
      store.charters.amend(ECO, 'p1', { ...base, version: undefined, scope: 'more' }, c.version - 1, allow),
    ).rejects.toBeInstanceOf(StoreError);
    expect(await historyRows()).toBe(0);
    const after = await store.charters.get(ECO, 'p1');
    expect(after.current).toEqual(c.current);
    expect(after.version).toBe(c.version);
  });

  it('the first charter of a partnership becomes version 1, with nothing in force until ratified', async () => {
    const doc = makeDocument('eco-n', 3);
    const { charter: _none, ...bare } = doc.partnerships[0]!;
    await store.ecosystems.import({ ...doc, partnerships: [bare] });
    const c = await store.charters.get('eco-n', 'p1');
    expect(c.current).toBeNull();
    expect(c.status.explanation[0]).toMatch(/no charter yet/);
    const made = await store.charters.amend(
      'eco-n',
      'p1',
      { purpose: 'Start', decision: { rule: 'unanimity' } },
      c.version,
      allow,
    );
    expect(made.current?.version).toBe('1');
    expect(made.history).toEqual([]);
    expect(made.status.inForce).toBeNull();
    expect(await historyRows()).toBe(0);
  });
});
