/**
 * The discover section in the store (both stores): the example round-trips;
 * ratings and readiness responses are private to their organization (and the
 * orchestrators) unless shared, in SQL; every change is checked against the
 * whole section, all-or-nothing and audited; the pipeline follows core's rules
 * and chartering creates the partnership in the same transaction.
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
import { makeDocument, testStoreKinds } from './testing.ts';

const example = (): EcosystemDocument => {
  const r = readDocument(
    readFileSync(
      fileURLToPath(new URL('../../../examples/rare-disease-ecosystem.yaml', import.meta.url)),
      'utf8',
    ),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
};

const viewer = (actorId: string | null, role: Viewer['role'] = 'member'): Viewer => ({
  userId: randomUUID(),
  organizationId: randomUUID(),
  isAdmin: false,
  role,
  actorId,
  partnershipIds: [],
  scope: 'write',
});
const orchestrator = viewer(null, 'orchestrator');
const AT = '2026-06-01T10:00:00Z';

/** a0 is the focal actor; a1, a2 rate; a3, a4 are candidates. */
function discoverDocument(): EcosystemDocument {
  const base = makeDocument('eco-d', 6);
  const r = validateDocument({
    ...base,
    discover: {
      focal: 'a0',
      ratings: [
        { candidate: 'a3', criterion: 'culture', rater: 'a1', score: 4, note: 'B thinks so' },
        { candidate: 'a3', criterion: 'culture', rater: 'a2', score: 2 },
        { candidate: 'a4', criterion: 'vision', rater: 'a2', score: 5, visibility: 'ecosystem' },
      ],
      pipeline: [
        {
          candidate: 'a3',
          stage: 'aligned',
          history: [{ at: '2026-01-01T00:00:00Z', by: 'Ann', kind: 'created', to: 'candidate' }],
        },
      ],
      readiness: [
        {
          subject: { kind: 'partnership', id: 'p1' },
          responses: [
            { organization: 'a1', answers: { 'mutual-benefit': 'yes' } },
            { organization: 'a2', answers: { 'mutual-benefit': 'no' }, visibility: 'ecosystem' },
          ],
        },
      ],
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
}

describe.each(testStoreKinds())('discover section ($name)', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await kind.open());
  });
  afterEach(async () => {
    await cleanup();
  });

  it('round-trips the example: import → export gives an equal document, one row per item', async () => {
    const doc = example();
    await store.ecosystems.import(doc);
    expect(await store.ecosystems.export(doc.ecosystem.id)).toEqual(doc);
    const rows = await store.db.query<{ section: string; n: number }>(
      `select section, count(*)::int as n from ecosystem_records where ecosystem_id = $1 group by section order by section`,
      [doc.ecosystem.id],
    );
    const d = doc.discover!;
    expect(Object.fromEntries(rows.map((r) => [r.section, r.n]))).toEqual({
      'discover.criteria': d.criteria!.length,
      'discover.pipeline': d.pipeline.length,
      'discover.ratings': d.ratings.length,
      'discover.readiness': d.readiness.length,
      'discover.responses': d.readiness.reduce((n, a) => n + a.responses.length, 0),
      'discover.settings': 1,
    });
  });

  it('a document without the section exports without one; replacing drops the old rows', async () => {
    const doc = discoverDocument();
    await store.ecosystems.import(doc);
    const { discover: _d, ...without } = doc;
    await store.ecosystems.import(without, { replace: true });
    expect(await store.ecosystems.export('eco-d')).toEqual(without);
    const left = await store.db.query(
      `select 1 from ecosystem_records where ecosystem_id = 'eco-d' and section like 'discover.%'`,
    );
    expect(left).toHaveLength(0);
  });

  it('ratings and responses are private to their organization and the orchestrators unless shared (in SQL)', async () => {
    await store.ecosystems.import(discoverDocument());
    const section = async (v?: Viewer) => (await store.ecosystems.export('eco-d', v)).discover!;
    const b = await section(viewer('a1'));
    expect(b.ratings.map((r) => `${r.candidate}/${r.rater}`)).toEqual(['a3/a1', 'a4/a2']);
    expect(b.readiness[0]!.responses.map((r) => r.organization)).toEqual(['a1', 'a2']);
    const c = await section(viewer('a2'));
    expect(c.ratings.map((r) => `${r.candidate}/${r.rater}`)).toEqual(['a3/a2', 'a4/a2']);
    expect(c.readiness[0]!.responses.map((r) => r.organization)).toEqual(['a2']);
    const observer = await section(viewer(null, 'observer'));
    expect(observer.ratings.map((r) => r.rater)).toEqual(['a2']);
    expect(observer.readiness[0]!.responses.map((r) => r.organization)).toEqual(['a2']);
    // Unlinked members see only what is shared too.
    expect((await section(viewer(null))).ratings).toHaveLength(1);
    expect((await section(orchestrator)).ratings).toHaveLength(3);
    // The pipeline and criteria are not filtered by organization (the API decides who may read the pipeline).
    expect(b.pipeline).toHaveLength(1);
  });

  it('rows naming a deleted actor are left out, so the export still validates', async () => {
    await store.ecosystems.import(discoverDocument());
    await store.db.query(
      `delete from ecosystem_records where ecosystem_id = 'eco-d' and section = 'discover.pipeline'`,
    );
    await store.db.query(`delete from partnership_members where ecosystem_id = 'eco-d' and actor_id = 'a3'`);
    await store.db.query(
      `delete from relationships where ecosystem_id = 'eco-d' and (from_actor = 'a3' or to_actor = 'a3')`,
    );
    await store.db.query(`delete from actors where ecosystem_id = 'eco-d' and id = 'a3'`);
    const doc = await store.ecosystems.export('eco-d');
    expect(doc.discover!.ratings.map((r) => r.candidate)).toEqual(['a4']);
    expect(validateDocument(doc).ok).toBe(true);
  });

  it('criteria and the focal actor: validated with paths, ratings of a removed criterion go with it, audited', async () => {
    await store.ecosystems.import(discoverDocument());
    const before = await store.discover.settings('eco-d');
    expect(before).toMatchObject({ defaultCriteria: true, focal: 'a0' });
    const bad = await store.discover
      .putSettings('eco-d', {
        criteria: [
          { id: 'x', name: 'X', source: 'rated', weight: -1 },
          { id: 'y', name: 'Y', source: 'computed', computed: 'luck', weight: 1 },
        ],
      })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).problems.map((p) => p.path.join('.'))).toEqual([
      'criteria.0.weight',
      'criteria.1.computed',
    ]);
    const unknownFocal = await store.discover
      .putSettings('eco-d', { focal: 'nobody' })
      .catch((e: unknown) => e);
    expect((unknownFocal as ValidationError).problems).toEqual([
      expect.objectContaining({ path: ['focal'], code: 'unknown_reference' }),
    ]);
    // A pipeline candidate cannot become the focal actor.
    const focalCandidate = await store.discover
      .putSettings('eco-d', { focal: 'a3' })
      .catch((e: unknown) => e);
    expect((focalCandidate as ValidationError).problems[0]!.path).toEqual([
      'discover',
      'pipeline',
      0,
      'candidate',
    ]);
    expect(await store.discover.settings('eco-d')).toEqual(before);

    const set = await store.discover.putSettings(
      'eco-d',
      {
        criteria: [
          { id: 'culture', name: 'Culture', source: 'rated', weight: 2 },
          { id: 'complementarity', name: 'Fit', source: 'computed', computed: 'complementarity', weight: 3 },
        ],
      },
      { via: 'test' },
      before.version,
    );
    expect(set).toMatchObject({
      defaultCriteria: false,
      focal: 'a0',
      removedRatings: 1,
      version: before.version + 1,
    });
    expect((await store.ecosystems.export('eco-d')).discover!.ratings.map((r) => r.criterion)).toEqual([
      'culture',
      'culture',
    ]);
    await expect(
      store.discover.putSettings('eco-d', { focal: null }, undefined, before.version),
    ).rejects.toMatchObject({ code: 'precondition_failed' });
    const back = await store.discover.putSettings('eco-d', { criteria: null, focal: null });
    expect(back).toMatchObject({ defaultCriteria: true, focal: null });
    const audit = await store.audit({ ecosystemId: 'eco-d' });
    expect(audit.filter((a) => a.action === 'discover.settings.update')).toHaveLength(2);
  });

  it('a rater’s ratings of a candidate are replaced as a whole; bad input names the field and writes nothing', async () => {
    await store.ecosystems.import(discoverDocument());
    const out = await store.discover.putRatings('eco-d', 'a3', 'a1', {
      ratings: [
        { criterion: 'vision', score: 3 },
        { criterion: 'financial', score: 5, note: 'solid' },
      ],
      visibility: 'ecosystem',
    });
    expect(out.map((r) => r.criterion)).toEqual(['vision', 'financial']);
    const all = (await store.ecosystems.export('eco-d')).discover!.ratings;
    expect(
      all.filter((r) => r.rater === 'a1').map((r) => `${r.criterion}:${r.score}:${r.visibility}`),
    ).toEqual(['vision:3:ecosystem', 'financial:5:ecosystem']);
    // Shared now: another member sees them.
    expect(
      (await store.ecosystems.export('eco-d', viewer('a2'))).discover!.ratings.filter(
        (r) => r.rater === 'a1',
      ),
    ).toHaveLength(2);

    const bad = await store.discover
      .putRatings('eco-d', 'a3', 'a1', {
        ratings: [
          { criterion: 'vision', score: 9 },
          { criterion: 'values', score: 3 },
          { criterion: 'charm', score: 3 },
        ],
      })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).problems.map((p) => p.path.join('.'))).toEqual(['ratings.0.score']);
    const bad2 = await store.discover
      .putRatings('eco-d', 'a3', 'a1', {
        ratings: [
          { criterion: 'values', score: 3 },
          { criterion: 'charm', score: 3 },
        ],
      })
      .catch((e: unknown) => e);
    expect((bad2 as ValidationError).problems.map((p) => `${p.path.join('.')} ${p.code}`)).toEqual([
      'ratings.0.criterion invalid_value',
      'ratings.1.criterion unknown_reference',
    ]);
    const unknownCandidate = await store.discover
      .putRatings('eco-d', 'ghost', 'a1', { ratings: [{ criterion: 'vision', score: 3 }] })
      .catch((e: unknown) => e);
    expect((unknownCandidate as ValidationError).problems[0]).toMatchObject({
      path: ['ratings', 0, 'candidate'],
      code: 'unknown_reference',
    });
    expect((await store.ecosystems.export('eco-d')).discover!.ratings).toEqual(all);
    // An empty list removes them.
    await store.discover.putRatings('eco-d', 'a3', 'a1', { ratings: [] });
    expect(
      (await store.ecosystems.export('eco-d')).discover!.ratings.filter((r) => r.rater === 'a1'),
    ).toEqual([]);
  });

  it('the pipeline: created, moved by core’s rules, owners and notes, each audited', async () => {
    await store.ecosystems.import(discoverDocument());
    const created = await store.discover.createPipelineEntry(
      'eco-d',
      'a4',
      { by: 'Ann', at: AT, owner: 'Ann' },
      { via: 'test' },
    );
    expect(created).toMatchObject({
      entry: { candidate: 'a4', stage: 'candidate', owner: 'Ann' },
      allowed: ['contacted', 'declined'],
    });
    await expect(
      store.discover.createPipelineEntry('eco-d', 'a4', { by: 'Ann', at: AT }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      store.discover.createPipelineEntry('eco-d', 'ghost', { by: 'Ann', at: AT }),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ code: 'unknown_reference' })] });

    // Skipping a stage is a conflict that names the allowed moves; declining needs a note.
    const skip = await store.discover
      .transitionPipeline('eco-d', 'a4', 'aligned', { by: 'Ann', at: AT })
      .catch((e: unknown) => e);
    expect(skip).toBeInstanceOf(StoreError);
    expect(skip).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('allowed from candidate: contacted, declined'),
    });
    const noNote = await store.discover
      .transitionPipeline('eco-d', 'a4', 'declined', { by: 'Ann', at: AT })
      .catch((e: unknown) => e);
    expect((noNote as ValidationError).problems).toEqual([
      expect.objectContaining({ path: ['note'], code: 'note_required' }),
    ]);

    const moved = await store.discover.transitionPipeline(
      'eco-d',
      'a4',
      'contacted',
      { by: 'Ann', at: '2026-06-02T10:00:00Z', note: 'first call' },
      undefined,
      undefined,
      created.version,
    );
    expect(moved).toMatchObject({ entry: { stage: 'contacted' }, version: created.version + 1 });
    expect(moved.entry.history.map((h) => h.kind)).toEqual(['created', 'moved']);
    await expect(
      store.discover.transitionPipeline(
        'eco-d',
        'a4',
        'exploring',
        { by: 'Ann', at: '2026-06-03T10:00:00Z' },
        undefined,
        undefined,
        created.version,
      ),
    ).rejects.toMatchObject({ code: 'precondition_failed' });
    const owned = await store.discover.assignPipelineOwner('eco-d', 'a4', 'Bo', {
      by: 'Ann',
      at: '2026-06-03T10:00:00Z',
    });
    expect(owned.entry.owner).toBe('Bo');
    const noted = await store.discover.addPipelineNote('eco-d', 'a4', {
      by: 'Bo',
      at: '2026-06-04T10:00:00Z',
      note: 'Sent the term sheet',
    });
    expect(noted.entry.notes.map((n) => n.text)).toEqual(['first call', 'Sent the term sheet']);
    const actions = (await store.audit({ ecosystemId: 'eco-d' })).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'discover.pipeline.create',
        'discover.pipeline.transition',
        'discover.pipeline.owner',
        'discover.pipeline.note',
      ]),
    );
    expect((await store.discover.pipeline('eco-d')).map((p) => p.entry.candidate)).toEqual(['a3', 'a4']);
  });

  it('chartering creates the partnership with the focal actor and the candidate, in one transaction', async () => {
    await store.ecosystems.import(discoverDocument());
    const auditBefore = (await store.audit({ ecosystemId: 'eco-d' })).length;
    // A taken id: refused, and nothing is written (the entry stays aligned, no partnership).
    const taken = await store.discover
      .transitionPipeline('eco-d', 'a3', 'chartered', { by: 'Ann', at: AT }, { id: 'p1', name: 'Again' })
      .catch((e: unknown) => e);
    expect(taken).toMatchObject({ code: 'conflict', details: { field: 'partnership.id' } });
    const badName = await store.discover
      .transitionPipeline('eco-d', 'a3', 'chartered', { by: 'Ann', at: AT }, { id: 'p-new', name: '' })
      .catch((e: unknown) => e);
    expect((badName as ValidationError).problems[0]!.path).toEqual(['partnership', 'name']);
    expect((await store.discover.pipeline('eco-d'))[0]!.entry.stage).toBe('aligned');
    expect(
      await store.db.query(`select 1 from partnerships where ecosystem_id = 'eco-d' and id = 'p-new'`),
    ).toHaveLength(0);
    expect((await store.audit({ ecosystemId: 'eco-d' })).length).toBe(auditBefore);

    const done = await store.discover.transitionPipeline(
      'eco-d',
      'a3',
      'chartered',
      { by: 'Ann', at: AT, note: 'signed' },
      { id: 'p-new', name: 'A0 and A3', purpose: 'Do it together' },
      { via: 'test' },
    );
    expect(done).toMatchObject({
      partnership: 'p-new',
      entry: { stage: 'chartered', partnership: 'p-new' },
      allowed: [],
    });
    const p = await store.partnerships.get('eco-d', 'p-new');
    expect(p).toMatchObject({
      name: 'A0 and A3',
      stage: 'exploring',
      purpose: 'Do it together',
      members: [{ actor: 'a0', role: 'lead' }, { actor: 'a3' }],
    });
    const actions = (await store.audit({ ecosystemId: 'eco-d' })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['partnership.create', 'discover.pipeline.transition']));
    // The whole ecosystem still round-trips.
    const doc = await store.ecosystems.export('eco-d');
    expect(validateDocument(doc).ok).toBe(true);
    await expect(
      store.discover.transitionPipeline('eco-d', 'a3', 'declined', { by: 'Ann', at: AT, note: 'x' }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('readiness responses: the assessment is created on the first response; bad answers name the item', async () => {
    await store.ecosystems.import(discoverDocument());
    const r = await store.discover.putResponse('eco-d', { kind: 'initiative', id: 'grow' }, 'a1', {
      answers: { 'mutual-benefit': 'partly', 'risk-mitigation': 'no' },
      at: AT,
      name: 'Grow the network',
      answeredBy: 'Bo',
    });
    expect(r).toMatchObject({ organization: 'a1', answers: { 'mutual-benefit': 'partly' } });
    const s = (await store.ecosystems.export('eco-d')).discover!;
    expect(
      s.readiness.map((a) => `${a.subject.kind}:${a.subject.id}:${a.name ?? ''}:${a.responses.length}`),
    ).toEqual(['partnership:p1::2', 'initiative:grow:Grow the network:1']);
    // Replacing one's own response keeps the others.
    await store.discover.putResponse('eco-d', { kind: 'partnership', id: 'p1' }, 'a1', {
      answers: { 'mutual-benefit': 'no' },
      at: AT,
    });
    const again = (await store.ecosystems.export('eco-d')).discover!.readiness[0]!;
    expect(again.responses.map((x) => `${x.organization}:${x.answers['mutual-benefit']}`)).toEqual([
      'a1:no',
      'a2:no',
    ]);

    const bad = await store.discover
      .putResponse('eco-d', { kind: 'partnership', id: 'p1' }, 'a1', {
        answers: { 'mutual-benefit': 'maybe' },
        at: AT,
      })
      .catch((e: unknown) => e);
    expect((bad as ValidationError).problems.map((p) => p.path.join('.'))).toEqual([
      'answers.mutual-benefit',
    ]);
    const noSuch = await store.discover
      .putResponse('eco-d', { kind: 'partnership', id: 'p9' }, 'a1', { answers: {}, at: AT })
      .catch((e: unknown) => e);
    expect((noSuch as ValidationError).problems).toEqual([
      expect.objectContaining({ path: ['subject', 'id'], code: 'unknown_reference' }),
    ]);
    const ghost = await store.discover
      .putResponse('eco-d', { kind: 'partnership', id: 'p1' }, 'ghost', { answers: {}, at: AT })
      .catch((e: unknown) => e);
    expect((ghost as ValidationError).problems).toEqual([
      expect.objectContaining({ path: ['organization'], code: 'unknown_reference' }),
    ]);
    // The audit records who answered which items, never the answers.
    const a = (await store.audit({ ecosystemId: 'eco-d' })).find(
      (x) => x.action === 'discover.readiness.answer',
    )!;
    expect(JSON.stringify(a.after)).not.toMatch(/partly|"no"/);
  });

  it('the section of an ecosystem without one is empty; unknown ecosystems are not found', async () => {
    await store.ecosystems.import(makeDocument('eco-plain', 3));
    expect(await store.discover.section('eco-plain')).toEqual({ ratings: [], pipeline: [], readiness: [] });
    expect(await store.discover.settings('eco-plain')).toMatchObject({
      defaultCriteria: true,
      focal: null,
      version: 0,
    });
    await expect(store.discover.section('nope')).rejects.toMatchObject({ code: 'not_found' });
    expect((await store.ecosystems.export('eco-plain')).discover).toBeUndefined();
  });
});
