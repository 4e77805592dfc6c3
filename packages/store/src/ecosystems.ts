/**
 * The ecosystem repository: list, import (one transaction, bulk inserts),
 * export back to an equal document, delete. Bulk writes go through
 * `jsonb_to_recordset`, a few thousand rows per statement, on both stores.
 */
import {
  EcosystemSchema,
  ValidationError,
  type Actor,
  type EcosystemDocument,
  type Partnership,
  type Relationship,
  type Role,
  type Viewer,
} from '@valueweb/core';
import { Params, visibleSql } from './query-kit.ts';
import type { Db, Queryable } from './db.ts';
import { StoreError } from './errors.ts';
import { writeAudit, type AuditContext } from './audit.ts';
import { readSections, sectionRowCount, SECTION_FIELDS, writeSections } from './sections.ts';
import { readDiscover, writeDiscover } from './discover.ts';

export interface EcosystemListItem {
  id: string;
  name: string;
  purpose: string | null;
  actors: number;
  relationships: number;
  partnerships: number;
  version: number;
  updatedAt: string;
}

export interface ImportOptions {
  /** Overwrite an ecosystem with the same id (a snapshot of it is saved first). */
  replace?: boolean;
  /** Who is importing, for the audit log. */
  audit?: AuditContext;
  /** Called after each chunk with rows written so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Rows per statement. */
  chunkSize?: number;
}

export interface ImportResult {
  ecosystemId: string;
  replaced: boolean;
  snapshotId: number | null;
  counts: { actors: number; relationships: number; partnerships: number; members: number; records: number };
}

const ACTOR_KEYS = new Set([
  'id',
  'name',
  'kind',
  'description',
  'capabilities',
  'needs',
  'values',
  'clock',
  'tags',
  'attributes',
]);
const REL_KEYS = new Set([
  'from',
  'to',
  'kind',
  'flows',
  'strength',
  'directed',
  'description',
  'visibility',
]);
const PARTNERSHIP_KEYS = new Set(['id', 'name', 'purpose', 'stage', 'members', 'charter']);
const PARTNERSHIP_SECTION_KEYS = new Set<string>(SECTION_FIELDS);
const ECOSYSTEM_KEYS = new Set(['id', 'name', 'purpose', 'goals']);

/** Fields a newer document carries that have no column yet: kept as JSON so they round-trip. */
function extra(obj: object, known: Set<string>): Record<string, unknown> | null {
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(obj)) {
    if (!known.has(k) && v !== undefined) (out ??= {})[k] = v;
  }
  return out;
}

async function insertChunks<T>(
  tx: Queryable,
  rows: T[],
  sql: string,
  toRecord: (row: T, i: number) => Record<string, unknown>,
  chunkSize: number,
  progress: (n: number) => void,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkSize) {
    const end = Math.min(rows.length, start + chunkSize);
    const records = new Array<Record<string, unknown>>(end - start);
    for (let i = start; i < end; i++) records[i - start] = toRecord(rows[i]!, i);
    await tx.query(sql, [JSON.stringify(records)]);
    progress(end - start);
  }
}

const INSERT_ACTORS = `insert into actors (ecosystem_id, id, position, name, kind, description, capabilities, needs, "values", clock, tags, attributes, extra)
select $2, x.id, x.p, x.name, x.kind, x.description, coalesce(x.capabilities, '[]'::jsonb), coalesce(x.needs, '[]'::jsonb), coalesce(x."values", '[]'::jsonb), x.clock, x.tags, x.attributes, x.extra
from jsonb_to_recordset($1::jsonb) as x(id text, p int, name text, kind text, description text, capabilities jsonb, needs jsonb, "values" jsonb, clock jsonb, tags jsonb, attributes jsonb, extra jsonb)`;

const INSERT_RELATIONSHIPS = `insert into relationships (ecosystem_id, position, from_actor, to_actor, kind, flows, strength, directed, description, visibility, extra)
select $2, x.p, x.f, x.t, x.k, x.flows, x.s, x.d, x.description, x.visibility, x.extra
from jsonb_to_recordset($1::jsonb) as x(p int, f text, t text, k text, flows jsonb, s double precision, d boolean, description text, visibility text, extra jsonb)`;

const INSERT_PARTNERSHIPS = `insert into partnerships (ecosystem_id, id, position, name, purpose, stage, charter, extra)
select $2, x.id, x.p, x.name, x.purpose, x.stage, x.charter, x.extra
from jsonb_to_recordset($1::jsonb) as x(id text, p int, name text, purpose text, stage text, charter jsonb, extra jsonb)`;

const INSERT_MEMBERS = `insert into partnership_members (ecosystem_id, partnership_id, actor_id, position, role)
select $2, x.pid, x.actor, x.p, x.role from jsonb_to_recordset($1::jsonb) as x(pid text, actor text, p int, role text)`;

/** Binds the ecosystem id as $2 in each bulk statement. */
function bound(tx: Queryable, ecosystemId: string): Queryable {
  return { query: (text, params) => tx.query(text, [...(params ?? []), ecosystemId]) };
}

export class EcosystemRepository {
  constructor(private readonly db: Db) {}

  /** Every ecosystem with its counts. */
  async list(q: Queryable = this.db): Promise<EcosystemListItem[]> {
    const rows = await q.query<EcosystemListItem & { updatedAt: Date | string }>(`
      select e.id, e.name, e.purpose, e.version, e.updated_at as "updatedAt",
        (select count(*)::int from actors a where a.ecosystem_id = e.id) as actors,
        (select count(*)::int from relationships r where r.ecosystem_id = e.id) as relationships,
        (select count(*)::int from partnerships p where p.ecosystem_id = e.id) as partnerships
      from ecosystems e order by e.name, e.id`);
    return rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() }));
  }

  /** True when an ecosystem with this id exists. */
  async exists(id: string, q: Queryable = this.db): Promise<boolean> {
    const rows = await q.query('select 1 from ecosystems where id = $1', [id]);
    return rows.length > 0;
  }

  /**
   * Imports a validated document in one transaction: a failure at any row
   * leaves the database as it was. With `replace`, the previous state is saved
   * as a snapshot first (in the same transaction).
   */
  async import(doc: EcosystemDocument, options: ImportOptions = {}): Promise<ImportResult> {
    const chunk = options.chunkSize ?? 5000;
    const members = doc.partnerships.reduce((n, p) => n + p.members.length, 0);
    const records = sectionRowCount(doc.partnerships);
    const total = doc.actors.length + doc.relationships.length + doc.partnerships.length + members + records;
    let done = 0;
    const progress = (n: number) => {
      done += n;
      options.onProgress?.(done, total);
    };
    const ecoId = doc.ecosystem.id;
    return this.db.transaction(async (tx) => {
      let snapshotId: number | null = null;
      const existing = await tx.query('select 1 from ecosystems where id = $1 for update', [ecoId]);
      if (existing.length > 0) {
        if (!options.replace) {
          throw new StoreError(
            'conflict',
            `an ecosystem with id "${ecoId}" already exists (use --replace to overwrite it)`,
            {
              ecosystemId: ecoId,
            },
          );
        }
        const before = await this.exportWith(tx, ecoId);
        const snap = await tx.query<{ id: number }>(
          `insert into snapshots (ecosystem_id, reason, document) values ($1, 'before import', $2::jsonb) returning id`,
          [ecoId, JSON.stringify(before)],
        );
        snapshotId = Number(snap[0]!.id);
        // Keep the ecosystem row (and with it roles and organization links); replace its contents.
        await tx.query('delete from partnerships where ecosystem_id = $1', [ecoId]);
        await tx.query('delete from relationships where ecosystem_id = $1', [ecoId]);
        await tx.query('delete from actors where ecosystem_id = $1', [ecoId]);
      }
      const e = doc.ecosystem;
      await tx.query(
        `insert into ecosystems (id, name, purpose, goals, extra) values ($1, $2, $3, $4::jsonb, $5::jsonb)
         on conflict (id) do update set name = excluded.name, purpose = excluded.purpose, goals = excluded.goals,
           extra = excluded.extra, version = ecosystems.version + 1, updated_at = now()`,
        [
          e.id,
          e.name,
          e.purpose ?? null,
          e.goals ? JSON.stringify(e.goals) : null,
          jsonOrNull(extra(e, ECOSYSTEM_KEYS)),
        ],
      );
      const b = bound(tx, ecoId);
      await insertChunks(b, doc.actors, INSERT_ACTORS, actorRecord, chunk, progress);
      await insertChunks(b, doc.relationships, INSERT_RELATIONSHIPS, relationshipRecord, chunk * 2, progress);
      await insertChunks(b, doc.partnerships, INSERT_PARTNERSHIPS, partnershipRecord, chunk, progress);
      const memberRows = doc.partnerships.flatMap((p) =>
        p.members.map((m, i) => ({ pid: p.id, actor: m.actor, p: i, role: m.role ?? null })),
      );
      await insertChunks(b, memberRows, INSERT_MEMBERS, (r) => r, chunk, progress);
      await writeSections(tx, ecoId, doc.partnerships, {
        recordedBy: options.audit?.userId ?? null,
        now: new Date(),
        chunkSize: chunk,
        progress,
      });
      // The discover section (criteria, ratings, pipeline, readiness) in ecosystem_records; replaces any earlier one.
      await writeDiscover(tx, ecoId, doc.discover, options.audit?.userId ?? null);
      const counts = {
        actors: doc.actors.length,
        relationships: doc.relationships.length,
        partnerships: doc.partnerships.length,
        members,
        records,
      };
      await writeAudit(tx, options.audit, {
        ecosystemId: ecoId,
        action: existing.length > 0 ? 'ecosystem.replace' : 'ecosystem.import',
        entity: 'ecosystem',
        entityId: ecoId,
        before: snapshotId === null ? null : { snapshotId },
        after: { name: e.name, ...counts },
      });
      return { ecosystemId: ecoId, replaced: existing.length > 0, snapshotId, counts };
    });
  }

  /** Exports an ecosystem as a document equal to the one imported (with a viewer: only what they may see). */
  async export(id: string, viewer?: Viewer, opts: { today?: string } = {}): Promise<EcosystemDocument> {
    return this.exportWith(this.db, id, viewer, opts);
  }

  /** Export within a transaction or connection; what a viewer may not see is left out in SQL. */
  async exportWith(
    q: Queryable,
    id: string,
    viewer?: Viewer,
    opts: { today?: string } = {},
  ): Promise<EcosystemDocument> {
    const eco = await q.query<{
      id: string;
      name: string;
      purpose: string | null;
      goals: string[] | null;
      extra: Record<string, unknown> | null;
    }>('select id, name, purpose, goals, extra from ecosystems where id = $1', [id]);
    const e = eco[0];
    if (!e) throw new StoreError('not_found', `no ecosystem with id "${id}"`, { ecosystemId: id });
    // Sequential: a transaction's connection runs one query at a time.
    const pa = new Params();
    pa.add(id);
    const attrs = viewer
      ? `case when ${visibleSql(viewer, pa, 'a', { selfActorColumn: 'id', visibilityColumn: 'attributes_visibility' })} then a.attributes else null end`
      : 'a.attributes';
    const actorRows = await q.query<ActorRow>(
      `select a.id, a.name, a.kind, a.description, a.capabilities, a.needs, a."values", a.clock, a.tags, ${attrs} as attributes, a.extra from actors a where a.ecosystem_id = $1 order by a.position`,
      pa.values,
    );
    const pr = new Params();
    pr.add(id);
    const relVisible = viewer ? ` and ${visibleSql(viewer, pr, 'r')}` : '';
    const relRows = await q.query<RelRow>(
      `select r.from_actor, r.to_actor, r.kind, r.flows, r.strength, r.directed, r.description, r.visibility, r.extra from relationships r where r.ecosystem_id = $1${relVisible} order by r.position, r.id`,
      pr.values,
    );
    const pRows = await q.query<PartnershipRow>(
      `select id, name, purpose, stage, charter, extra from partnerships where ecosystem_id = $1 order by position`,
      [id],
    );
    const mRows = await q.query<{ partnership_id: string; actor_id: string; role: string | null }>(
      `select partnership_id, actor_id, role from partnership_members where ecosystem_id = $1 order by partnership_id, position`,
      [id],
    );
    const sections = await readSections(q, id, { viewer, ...(opts.today ? { today: opts.today } : {}) });
    const discover = await readDiscover(q, id, viewer);
    const membersBy = new Map<string, Partnership['members']>();
    for (const m of mRows) {
      let list = membersBy.get(m.partnership_id);
      if (!list) membersBy.set(m.partnership_id, (list = []));
      list.push(m.role === null ? { actor: m.actor_id } : { actor: m.actor_id, role: m.role });
    }
    return {
      valueweb: 1,
      ecosystem: {
        id: e.id,
        name: e.name,
        ...(e.purpose !== null ? { purpose: e.purpose } : {}),
        ...(e.goals !== null ? { goals: e.goals } : {}),
        ...(e.extra ?? {}),
      },
      actors: actorRows.map(actorFromRow),
      relationships: relRows.map(relationshipFromRow),
      partnerships: pRows.map((p) => ({
        ...partnershipFromRow(p, membersBy.get(p.id) ?? []),
        ...sections.get(p.id),
      })),
      ...(discover ? { discover } : {}),
    };
  }

  /** Ecosystems a viewer may open (all for an admin), with counts and the caller's role. */
  async listFor(user: {
    id: string;
    isAdmin: boolean;
  }): Promise<(EcosystemListItem & { role: Role | null })[]> {
    const all = await this.list();
    const roles = await this.db.query<{ ecosystem_id: string; role: Role }>(
      'select ecosystem_id, role from ecosystem_roles where user_id = $1',
      [user.id],
    );
    const byId = new Map(roles.map((r) => [r.ecosystem_id, r.role]));
    return all
      .filter((e) => user.isAdmin || byId.has(e.id))
      .map((e) => ({ ...e, role: user.isAdmin ? 'orchestrator' : (byId.get(e.id) ?? null) }));
  }

  /** One ecosystem with its version (the ETag) and counts. */
  async get(id: string, q: Queryable = this.db): Promise<EcosystemListItem & { goals: string[] | null }> {
    const rows = await q.query<EcosystemListItem & { goals: string[] | null; updatedAt: Date }>(
      `select e.id, e.name, e.purpose, e.goals, e.version, e.updated_at as "updatedAt",
        (select count(*)::int from actors a where a.ecosystem_id = e.id) as actors,
        (select count(*)::int from relationships r where r.ecosystem_id = e.id) as relationships,
        (select count(*)::int from partnerships p where p.ecosystem_id = e.id) as partnerships
      from ecosystems e where e.id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) throw new StoreError('not_found', `no ecosystem with id "${id}"`, { ecosystemId: id });
    return { ...r, updatedAt: new Date(r.updatedAt).toISOString() };
  }

  /** Creates an empty ecosystem; the creator becomes its orchestrator. */
  async create(
    input: unknown,
    creator: { userId: string } | null,
    audit?: AuditContext,
  ): Promise<EcosystemListItem> {
    const parsed = EcosystemSchema.safeParse(input);
    if (!parsed.success) {
      throw new ValidationError(
        parsed.error.issues.map((i) => ({
          path: i.path.map((x) => (typeof x === 'symbol' ? String(x) : x)),
          message: i.message,
          code: 'invalid_value',
        })),
      );
    }
    const e = parsed.data;
    return this.db.transaction(async (tx) => {
      const dup = await tx.query('select 1 from ecosystems where id = $1', [e.id]);
      if (dup.length > 0)
        throw new StoreError('conflict', `an ecosystem with id "${e.id}" already exists`, { field: 'id' });
      await tx.query('insert into ecosystems (id, name, purpose, goals) values ($1, $2, $3, $4::jsonb)', [
        e.id,
        e.name,
        e.purpose ?? null,
        e.goals ? JSON.stringify(e.goals) : null,
      ]);
      if (creator)
        await tx.query(
          `insert into ecosystem_roles (ecosystem_id, user_id, role) values ($1, $2, 'orchestrator')`,
          [e.id, creator.userId],
        );
      await writeAudit(tx, audit, {
        ecosystemId: e.id,
        action: 'ecosystem.create',
        entity: 'ecosystem',
        entityId: e.id,
        before: null,
        after: e,
      });
      return this.get(e.id, tx);
    });
  }

  /** Changes name, purpose or goals if `ifMatch` is the current version. */
  async update(
    id: string,
    patch: Record<string, unknown>,
    ifMatch: number,
    audit?: AuditContext,
  ): Promise<EcosystemListItem> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{
        id: string;
        name: string;
        purpose: string | null;
        goals: string[] | null;
        version: number;
      }>('select id, name, purpose, goals, version from ecosystems where id = $1 for update', [id]);
      const cur = rows[0];
      if (!cur) throw new StoreError('not_found', `no ecosystem with id "${id}"`);
      if (cur.version !== ifMatch)
        throw new StoreError(
          'precondition_failed',
          `ecosystem "${id}" was changed by someone else (version ${cur.version}, you sent ${ifMatch}); reload it`,
          { version: cur.version },
        );
      const before = {
        id: cur.id,
        name: cur.name,
        ...(cur.purpose !== null ? { purpose: cur.purpose } : {}),
        ...(cur.goals ? { goals: cur.goals } : {}),
      };
      const parsed = EcosystemSchema.safeParse({ ...before, ...patch });
      if (!parsed.success) {
        throw new ValidationError(
          parsed.error.issues.map((i) => ({
            path: i.path.map((x) => (typeof x === 'symbol' ? String(x) : x)),
            message: i.message,
            code: 'invalid_value',
          })),
        );
      }
      if (parsed.data.id !== id)
        throw new ValidationError([
          { path: ['id'], message: 'an ecosystem id cannot change', code: 'invalid_value' },
        ]);
      const e = parsed.data;
      await tx.query(
        'update ecosystems set name = $2, purpose = $3, goals = $4::jsonb, version = version + 1, updated_at = now() where id = $1',
        [id, e.name, e.purpose ?? null, e.goals ? JSON.stringify(e.goals) : null],
      );
      await writeAudit(tx, audit, {
        ecosystemId: id,
        action: 'ecosystem.update',
        entity: 'ecosystem',
        entityId: id,
        before,
        after: e,
      });
      return this.get(id, tx);
    });
  }

  /** Deletes an ecosystem and everything in it (audited). */
  async delete(id: string, audit?: AuditContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows = await tx.query('delete from ecosystems where id = $1 returning id, name', [id]);
      if (rows.length === 0)
        throw new StoreError('not_found', `no ecosystem with id "${id}"`, { ecosystemId: id });
      await writeAudit(tx, audit, {
        ecosystemId: id,
        action: 'ecosystem.delete',
        entity: 'ecosystem',
        entityId: id,
        before: rows[0],
        after: null,
      });
    });
  }
}

const jsonOrNull = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

function actorRecord(a: Actor, i: number): Record<string, unknown> {
  return {
    id: a.id,
    p: i,
    name: a.name,
    kind: a.kind,
    description: a.description ?? null,
    capabilities: a.capabilities,
    needs: a.needs,
    values: a.values,
    clock: a.clock ?? null,
    tags: a.tags ?? null,
    attributes: a.attributes ?? null,
    extra: extra(a, ACTOR_KEYS),
  };
}

function relationshipRecord(r: Relationship, i: number): Record<string, unknown> {
  return {
    p: i,
    f: r.from,
    t: r.to,
    k: r.kind,
    flows: r.flows ?? null,
    s: r.strength,
    d: r.directed,
    description: r.description ?? null,
    visibility: r.visibility ?? null,
    extra: extra(r, REL_KEYS),
  };
}

function partnershipRecord(p: Partnership, i: number): Record<string, unknown> {
  return {
    id: p.id,
    p: i,
    name: p.name,
    purpose: p.purpose ?? null,
    stage: p.stage,
    charter: p.charter ?? null,
    // Lists live in their own tables; an empty list is kept here so it round-trips.
    extra: extra(
      Object.fromEntries(
        Object.entries(p).filter(
          ([k, v]) => !PARTNERSHIP_SECTION_KEYS.has(k) || (Array.isArray(v) && v.length === 0),
        ),
      ),
      PARTNERSHIP_KEYS,
    ),
  };
}

interface ActorRow {
  id: string;
  name: string;
  kind: Actor['kind'];
  description: string | null;
  capabilities: string[];
  needs: string[];
  values: string[];
  clock: Actor['clock'] | null;
  tags: string[] | null;
  attributes: Actor['attributes'] | null;
  extra: Record<string, unknown> | null;
}

function actorFromRow(r: ActorRow): Actor {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    ...(r.description !== null ? { description: r.description } : {}),
    capabilities: r.capabilities,
    needs: r.needs,
    values: r.values,
    ...(r.clock ? { clock: r.clock } : {}),
    ...(r.tags ? { tags: r.tags } : {}),
    ...(r.attributes ? { attributes: r.attributes } : {}),
    ...(r.extra ?? {}),
  };
}

interface RelRow {
  from_actor: string;
  to_actor: string;
  kind: Relationship['kind'];
  flows: string[] | null;
  strength: number;
  directed: boolean;
  description: string | null;
  visibility: Relationship['visibility'] | null;
  extra: Record<string, unknown> | null;
}

function relationshipFromRow(r: RelRow): Relationship {
  return {
    from: r.from_actor,
    to: r.to_actor,
    kind: r.kind,
    ...(r.flows ? { flows: r.flows } : {}),
    strength: Number(r.strength),
    directed: r.directed,
    ...(r.description !== null ? { description: r.description } : {}),
    ...(r.visibility ? { visibility: r.visibility } : {}),
    ...(r.extra ?? {}),
  };
}

interface PartnershipRow {
  id: string;
  name: string;
  purpose: string | null;
  stage: Partnership['stage'];
  charter: Partnership['charter'] | null;
  extra: Record<string, unknown> | null;
}

function partnershipFromRow(p: PartnershipRow, members: Partnership['members']): Partnership {
  return {
    id: p.id,
    name: p.name,
    ...(p.purpose !== null ? { purpose: p.purpose } : {}),
    stage: p.stage,
    members,
    ...(p.charter ? { charter: p.charter } : {}),
    ...(p.extra ?? {}),
  };
}
