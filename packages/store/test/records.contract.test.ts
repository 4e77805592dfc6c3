/**
 * The partnership lists in the store (both stores): the examples round-trip
 * with every list; reads leave out what a viewer may not see; items change
 * one at a time with checks, versions and audit; the ledger is an
 * append-only hash chain whose tampering is caught; measurements and answers
 * are all-or-nothing.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  readDocument,
  validateDocument,
  ValidationError,
  type EcosystemDocument,
  type Viewer,
} from '@valueweb/core';
import { Store, StoreError } from '../src/index.ts';
import { testStoreKinds } from './testing.ts';
import { makeDocument } from './factories.ts';

const example = (name: string): EcosystemDocument => {
  const r = readDocument(
    readFileSync(fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url)), 'utf8'),
    { file: name },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
};

const ORG = { a0: randomUUID(), a1: randomUUID(), a3: randomUUID() };
const viewer = (
  actorId: string | null,
  role: Viewer['role'] = 'member',
  partnershipIds: string[] = ['p1'],
): Viewer => ({
  userId: randomUUID(),
  organizationId: actorId ? ORG[actorId as keyof typeof ORG] : randomUUID(),
  isAdmin: false,
  role,
  actorId,
  partnershipIds: actorId === 'a3' ? [] : partnershipIds,
  scope: 'write',
});
const orchestrator = viewer(null, 'orchestrator', []);
const allow = () => undefined;

/** p1 has members a0, a1, a2 and a little of every list. */
function richDocument(): EcosystemDocument {
  const base = makeDocument('eco-r', 5);
  const p = base.partnerships[0]!;
  const r = validateDocument({
    ...base,
    partnerships: [
      {
        ...p,
        charter: { decision: { rule: 'majority' }, conflictPath: ['working team', 'steering committee'] },
        decisions: [
          {
            id: 'd1',
            title: 'Adopt the data standard',
            opened: '2026-01-05',
            deadline: '2026-02-01',
            status: 'open',
            votes: [{ actor: 'a0', vote: 'yes' }],
          },
        ],
        risks: [{ id: 'r1', title: 'Key staff leave', likelihood: 3, impact: 4 }],
        kpis: [
          {
            id: 'k1',
            name: 'Patients enrolled',
            baseline: 0,
            target: 100,
            direction: 'increase',
            targetDate: '2026-12-31',
            measurements: [
              { date: '2026-01-31', value: 10 },
              { date: '2026-02-28', value: 22, note: 'two sites' },
            ],
          },
        ],
        healthChecks: [
          {
            id: 'open-cycle',
            opened: '2026-03-01',
            answers: [
              { organization: 'a0', dimension: 'trust', score: 4 },
              { organization: 'a1', dimension: 'trust', score: 2, comment: 'slow answers' },
            ],
          },
          {
            id: 'closed-cycle',
            opened: '2026-01-01',
            closed: '2026-01-15',
            answers: [{ organization: 'a1', dimension: 'trust', score: 3 }],
          },
        ],
        pilots: [
          { id: 'pi1', name: 'Home care pilot', status: 'running', started: '2026-01-10', hypotheses: [] },
        ],
        lessons: [
          {
            id: 'l1',
            date: '2026-02-01',
            happened: 'Late data',
            learned: 'Agree formats first',
            change: 'Format annex',
            tags: [],
            pilot: 'pi1',
          },
        ],
        ledger: [
          {
            id: 'c1',
            kind: 'contribution',
            actor: 'a0',
            type: 'cash',
            value: 1000,
            currency: 'EUR',
            date: '2026-01-01',
          },
          {
            id: 'c2',
            kind: 'contribution',
            actor: 'a1',
            type: 'data',
            value: 400,
            currency: 'EUR',
            date: '2026-01-02',
            visibility: 'private',
          },
          {
            id: 'b1',
            kind: 'benefit',
            actor: 'a0',
            type: 'market-access',
            value: 300,
            currency: 'EUR',
            date: '2026-02-01',
            visibility: 'ecosystem',
          },
        ],
        stageHistory: [{ from: 'exploring', to: 'pilot', at: '2025-12-01' }],
      },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
}

describe.each(testStoreKinds())('partnership lists ($name)', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await kind.open());
  });
  afterEach(async () => {
    await cleanup();
  });

  it('round-trips both examples with every list (ecosystem as code)', async () => {
    for (const name of ['rare-disease-ecosystem.yaml', 'river-restoration-coalition.yaml']) {
      const doc = example(name);
      await store.ecosystems.import(doc);
      expect(await store.ecosystems.export(doc.ecosystem.id)).toEqual(doc);
    }
    const n = await store.db.query<{ n: number }>('select count(*)::int as n from ledger_entries');
    expect(n[0]!.n).toBeGreaterThan(10);
  });

  it('keeps an empty list empty, and a document with every list equal', async () => {
    const doc = richDocument();
    const withEmpty = { ...doc, partnerships: [{ ...doc.partnerships[0]!, obligations: [] }] };
    await store.ecosystems.import(withEmpty);
    expect(await store.ecosystems.export('eco-r')).toEqual(withEmpty);
  });

  it('leaves out what a viewer may not see: private ledger entries, open-cycle answers of other organizations', async () => {
    await store.ecosystems.import(richDocument());
    const today = '2026-03-10';
    const of = async (v: Viewer) => (await store.ecosystems.export('eco-r', v, { today })).partnerships[0]!;
    const a0 = await of(viewer('a0'));
    expect(a0.ledger!.map((e) => e.id)).toEqual(['c1', 'b1']);
    expect(a0.healthChecks!.find((h) => h.id === 'open-cycle')!.answers).toEqual([
      { organization: 'a0', dimension: 'trust', score: 4 },
    ]);
    expect(a0.healthChecks!.find((h) => h.id === 'closed-cycle')!.answers).toHaveLength(1);
    const a1 = await of(viewer('a1'));
    expect(a1.ledger!.map((e) => e.id)).toEqual(['c1', 'c2', 'b1']);
    // An actor outside the partnership sees only what is shared with the whole ecosystem.
    const outsider = await of(viewer('a3'));
    expect(outsider.ledger!.map((e) => e.id)).toEqual(['b1']);
    expect(outsider.healthChecks!.find((h) => h.id === 'open-cycle')!.answers).toEqual([]);
    const orch = await of(orchestrator);
    expect(orch.ledger).toHaveLength(3);
    expect(orch.healthChecks!.find((h) => h.id === 'open-cycle')!.answers).toHaveLength(2);
    // The same rule on the item API.
    const cycles = await store.records.list('eco-r', 'p1', 'healthChecks', viewer('a0'), { today });
    expect((cycles.items[0]!.item.answers as unknown[]).length).toBe(1);
    expect((await store.records.ledger('eco-r', 'p1', viewer('a0'))).items.map((i) => i.entry.id)).toEqual([
      'c1',
      'b1',
    ]);
  });

  it('creates, changes and deletes items with checks, versions and audit', async () => {
    await store.ecosystems.import(richDocument());
    const created = await store.records.create(
      'eco-r',
      'p1',
      'obligations',
      { id: 'o1', from: 'a0', to: 'a1', what: 'Quarterly data extract', due: '2026-04-01', status: 'open' },
      orchestrator,
      allow,
      { via: 'test' },
    );
    expect(created).toMatchObject({
      section: 'obligations',
      key: 'o1',
      version: 1,
      item: { what: 'Quarterly data extract' },
    });

    // Every problem, with its path inside the item; nothing written.
    const bad = await store.records
      .create(
        'eco-r',
        'p1',
        'obligations',
        { id: 'o2', from: 'a4', to: 'nobody', what: '', due: '2026-13-01', status: 'late' },
        orchestrator,
        allow,
      )
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    const paths = (bad as ValidationError).problems.map((p) => p.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['what', 'due', 'status']));
    const dup = await store.records
      .create(
        'eco-r',
        'p1',
        'obligations',
        { id: 'o1', from: 'a0', to: 'a1', what: 'again', due: '2026-04-01', status: 'open' },
        orchestrator,
        allow,
      )
      .catch((e: unknown) => e);
    expect(dup).toMatchObject({
      problems: [expect.objectContaining({ path: ['id'], code: 'duplicate_id' })],
    });

    const updated = await store.records.update(
      'eco-r',
      'p1',
      'obligations',
      'o1',
      { status: 'done' },
      1,
      orchestrator,
      allow,
    );
    expect(updated).toMatchObject({ version: 2, item: { status: 'done' } });
    await expect(
      store.records.update('eco-r', 'p1', 'obligations', 'o1', { status: 'open' }, 1, orchestrator, allow),
    ).rejects.toMatchObject({ code: 'precondition_failed' });
    await expect(
      store.records.update('eco-r', 'p1', 'risks', 'r1', { likelihood: 9 }, 1, orchestrator, allow),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ path: ['likelihood'] })] });

    // A pilot a lesson refers to cannot be deleted; the lesson's path is named.
    const refused = await store.records
      .delete('eco-r', 'p1', 'pilots', 'pi1', 1, orchestrator, allow)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).problems[0]!.path).toEqual(['lessons', 0, 'pilot']);
    await store.records.delete('eco-r', 'p1', 'lessons', 'l1', 1, orchestrator, allow);
    await store.records.delete('eco-r', 'p1', 'pilots', 'pi1', 1, orchestrator, allow);

    const audit = await store.audit({ ecosystemId: 'eco-r' });
    expect(audit.map((a) => a.action).slice(0, 4)).toEqual([
      'partnership.pilots.delete',
      'partnership.lessons.delete',
      'partnership.obligations.update',
      'partnership.obligations.create',
    ]);
    const doc = await store.ecosystems.export('eco-r');
    expect(doc.partnerships[0]!.obligations).toEqual([
      { id: 'o1', from: 'a0', to: 'a1', what: 'Quarterly data extract', due: '2026-04-01', status: 'done' },
    ]);
    expect(doc.partnerships[0]!.pilots).toBeUndefined();
  });

  it('applies a computed change under a lock (a vote), refusing one the checks reject', async () => {
    await store.ecosystems.import(richDocument());
    const voted = await store.records.mutate(
      'eco-r',
      'p1',
      'decisions',
      'd1',
      (d) => ({ ...d, votes: [...(d.votes as object[]), { actor: 'a1', vote: 'no' }] }),
      orchestrator,
      allow,
      'partnership.decisions.vote',
    );
    expect((voted.item.votes as unknown[]).length).toBe(2);
    await expect(
      store.records.mutate(
        'eco-r',
        'p1',
        'decisions',
        'd1',
        (d) => ({ ...d, votes: [...(d.votes as object[]), { actor: 'a4', vote: 'yes' }] }),
        orchestrator,
        allow,
        'partnership.decisions.vote',
      ),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('keeps the ledger append-only and tamper-evident', async () => {
    await store.ecosystems.import(richDocument());
    expect(await store.records.verifyLedger('eco-r', 'p1')).toMatchObject({ ok: true, entries: 3 });
    const added = await store.records.appendLedger(
      'eco-r',
      'p1',
      {
        id: 'c3',
        kind: 'contribution',
        actor: 'a2',
        type: 'staff-time',
        quantity: 10,
        unit: 'days',
        value: 5000,
        currency: 'EUR',
        date: '2026-03-01',
      },
      orchestrator,
      allow,
      { via: 'test' },
    );
    expect(added.seq).toBe(4);
    // A correction is a reversing entry that matches the original.
    await expect(
      store.records.appendLedger(
        'eco-r',
        'p1',
        {
          id: 'x1',
          kind: 'contribution',
          actor: 'a2',
          type: 'staff-time',
          value: 4000,
          currency: 'EUR',
          date: '2026-03-02',
          reverses: 'c3',
        },
        orchestrator,
        allow,
      ),
    ).rejects.toMatchObject({
      problems: [expect.objectContaining({ path: ['reverses'] })],
    });
    await store.records.appendLedger(
      'eco-r',
      'p1',
      {
        id: 'x1',
        kind: 'contribution',
        actor: 'a2',
        type: 'staff-time',
        value: 5000,
        currency: 'EUR',
        date: '2026-03-02',
        reverses: 'c3',
      },
      orchestrator,
      allow,
    );
    await expect(
      store.records.appendLedger(
        'eco-r',
        'p1',
        {
          id: 'x2',
          kind: 'contribution',
          actor: 'a2',
          type: 'staff-time',
          value: 5000,
          currency: 'EUR',
          date: '2026-03-02',
          reverses: 'c3',
        },
        orchestrator,
        allow,
      ),
    ).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: 'duplicate_id' })],
    });
    await expect(
      store.records.appendLedger(
        'eco-r',
        'p1',
        {
          id: 'c1',
          kind: 'benefit',
          actor: 'a0',
          type: 'cash',
          value: 1,
          currency: 'EUR',
          date: '2026-03-02',
        },
        orchestrator,
        allow,
      ),
    ).rejects.toBeInstanceOf(StoreError);
    await expect(
      store.records.appendLedger(
        'eco-r',
        'p1',
        {
          id: 'y',
          kind: 'benefit',
          actor: 'a4',
          type: 'cash',
          value: -1,
          currency: 'eur',
          date: '2026-03-02',
        },
        orchestrator,
        allow,
      ),
    ).rejects.toMatchObject({
      problems: expect.arrayContaining([
        expect.objectContaining({ path: ['value'] }),
        expect.objectContaining({ path: ['currency'] }),
      ]),
    });
    expect(await store.records.verifyLedger('eco-r', 'p1')).toMatchObject({ ok: true, entries: 5 });

    // Someone edits a row directly in SQL: caught, and the entry is named.
    await store.db.query(
      `update ledger_entries set data = jsonb_set(data, '{value}', '99999') where id = 'c2'`,
    );
    const v = await store.records.verifyLedger('eco-r', 'p1');
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({ reason: 'hash_mismatch', id: 'c2', seq: 2 });
    expect(v.firstBroken!.message).toMatch(/changed after it was recorded/);
    // Or removes one.
    await store.db.query(
      `update ledger_entries set data = jsonb_set(data, '{value}', '400') where id = 'c2'`,
    );
    expect((await store.records.verifyLedger('eco-r', 'p1')).ok).toBe(true);
    await store.db.query(`delete from ledger_entries where id = 'b1'`);
    expect((await store.records.verifyLedger('eco-r', 'p1')).firstBroken).toMatchObject({
      reason: 'gap',
      id: 'c3',
    });
  });

  it('adds KPI measurements all or nothing, naming each bad row', async () => {
    await store.ecosystems.import(richDocument());
    const bad = await store.records
      .addMeasurements(
        'eco-r',
        'p1',
        [
          { kpi: 'k1', date: '2026-03-31', value: 30 },
          { kpi: 'nope', date: '2026-03-31', value: 1 },
          { kpi: 'k1', date: '2026-02-28', value: 5 },
          { kpi: 'k1', date: '31/03/2026', value: 'x' },
        ],
        orchestrator,
        allow,
      )
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    const probs = (bad as ValidationError).problems;
    expect(probs.map((p) => p.path.join('.'))).toEqual(
      expect.arrayContaining(['1.kpi', '2.date', '3.date', '3.value']),
    );
    expect(probs.find((p) => p.path[0] === 1)!.message).toMatch(/unknown KPI "nope".*k1/);
    expect((await store.ecosystems.export('eco-r')).partnerships[0]!.kpis![0]!.measurements).toHaveLength(2);
    expect(
      await store.records.addMeasurements(
        'eco-r',
        'p1',
        [
          { kpi: 'k1', date: '2026-03-31', value: 30 },
          { kpi: 'k1', date: '2026-02-28', value: 25 },
        ],
        orchestrator,
        allow,
        { replace: true },
      ),
    ).toEqual({ added: 1, replaced: 1 });
    const k = (await store.records.get('eco-r', 'p1', 'kpis', 'k1', orchestrator)).item as {
      measurements: { date: string; value: number }[];
    };
    expect(k.measurements.map((m) => [m.date, m.value])).toEqual([
      ['2026-01-31', 10],
      ['2026-02-28', 25],
      ['2026-03-31', 30],
    ]);
  });

  it('takes health-check answers until the cycle closes, checked like the document', async () => {
    await store.ecosystems.import(richDocument());
    const today = '2026-03-10';
    expect(
      await store.records.answer(
        'eco-r',
        'p1',
        'open-cycle',
        'a1',
        [
          { dimension: 'trust', score: 3 },
          { dimension: 'communication', score: 4 },
        ],
        viewer('a1'),
        allow,
        { today },
      ),
    ).toEqual({ answered: 2 });
    const bad = await store.records
      .answer(
        'eco-r',
        'p1',
        'open-cycle',
        'a1',
        [
          { dimension: 'trust', score: 7 },
          { dimension: 'vibes', score: 3 },
        ],
        viewer('a1'),
        allow,
        { today },
      )
      .catch((e: unknown) => e);
    expect((bad as ValidationError).problems.map((p) => p.path.join('.'))).toEqual(
      expect.arrayContaining(['answers.0.score', 'answers.1.dimension']),
    );
    await expect(
      store.records.answer(
        'eco-r',
        'p1',
        'closed-cycle',
        'a1',
        [{ dimension: 'trust', score: 3 }],
        viewer('a1'),
        allow,
        { today },
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    const mine = (
      await store.records.get('eco-r', 'p1', 'healthChecks', 'open-cycle', viewer('a1'), { today })
    ).item.answers as { dimension: string; score: number }[];
    expect(mine.map((a) => [a.dimension, a.score])).toEqual([
      ['trust', 3],
      ['communication', 4],
    ]);
    const audit = await store.audit({ ecosystemId: 'eco-r', limit: 1 });
    expect(JSON.stringify(audit[0]!.after)).not.toMatch(/score/);
  });
});
