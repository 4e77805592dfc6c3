/** Partnerships and their members, one at a time, with optimistic concurrency and audit. */
import {
  checkPartnership,
  MemberSchema,
  PartnershipSchema,
  ValidationError,
  type Partnership,
  type Problem,
  type Viewer,
} from '@valueweb/core';
import type { Db, Queryable } from './db.ts';
import { writeAudit, type AuditContext } from './audit.ts';
import { StoreError } from './errors.ts';
import { Params, clampLimit, decodeCursor, encodeCursor } from './query-kit.ts';
import { SECTION_FIELDS, stringsIn, writeSections } from './sections.ts';

export interface PartnershipItem extends Partnership {
  version: number;
}

const KNOWN = new Set<string>(['id', 'name', 'purpose', 'stage', 'members', 'charter', ...SECTION_FIELDS]);
const LISTS = new Set<string>(SECTION_FIELDS);

interface Row {
  id: string;
  name: string;
  purpose: string | null;
  stage: Partnership['stage'];
  charter: Partnership['charter'] | null;
  extra: Record<string, unknown> | null;
  version: number;
  position: number;
  members: { actor: string; role: string | null }[] | null;
}

const SELECT = `select p.id, p.name, p.purpose, p.stage, p.charter, p.extra, p.version, p.position,
  (select json_agg(json_build_object('actor', m.actor_id, 'role', m.role) order by m.position) from partnership_members m
    where m.ecosystem_id = p.ecosystem_id and m.partnership_id = p.id) as members
  from partnerships p`;

function toItem(r: Row): PartnershipItem {
  return {
    ...(r.extra ?? {}),
    id: r.id,
    name: r.name,
    ...(r.purpose !== null ? { purpose: r.purpose } : {}),
    stage: r.stage,
    members: (r.members ?? []).map((m) =>
      m.role === null ? { actor: m.actor } : { actor: m.actor, role: m.role },
    ),
    ...(r.charter ? { charter: r.charter } : {}),
    version: r.version,
  };
}

async function validate(tx: Queryable, ecosystemId: string, input: unknown): Promise<Partnership> {
  const parsed = PartnershipSchema.safeParse(input);
  const problems: Problem[] = [];
  if (!parsed.success) {
    problems.push(
      ...parsed.error.issues.map((i) => ({
        path: i.path.map((x) => (typeof x === 'symbol' ? String(x) : x)),
        message: i.message,
        code: 'invalid_value',
      })),
    );
  } else {
    const ids = parsed.data.members.map((m) => m.actor);
    const found = new Set(
      (
        await tx.query<{ id: string }>(
          'select id from actors where ecosystem_id = $1 and id = any($2::text[])',
          [ecosystemId, ids],
        )
      ).map((r) => r.id),
    );
    const seen = new Set<string>();
    parsed.data.members.forEach((m, j) => {
      if (!found.has(m.actor))
        problems.push({
          path: ['members', j, 'actor'],
          message: `unknown actor id "${m.actor}"`,
          code: 'unknown_reference',
        });
      if (seen.has(m.actor))
        problems.push({
          path: ['members', j, 'actor'],
          message: `actor "${m.actor}" is already a member`,
          code: 'duplicate_id',
        });
      seen.add(m.actor);
    });
    // The charter and any lists against the members and the ecosystem's actors (as the document checks do).
    const mentioned = [...stringsIn(input, new Set<string>())];
    const actors = new Set(
      (
        await tx.query<{ id: string }>(
          'select id from actors where ecosystem_id = $1 and id = any($2::text[])',
          [ecosystemId, mentioned],
        )
      ).map((r) => r.id),
    );
    if (problems.length === 0)
      problems.push(...checkPartnership(input, 0, actors).map((pr) => ({ ...pr, path: pr.path.slice(2) })));
  }
  if (problems.length > 0 || !parsed.success) throw new ValidationError(problems);
  return parsed.data;
}

async function writeMembers(tx: Queryable, ecosystemId: string, p: Partnership): Promise<void> {
  await tx.query('delete from partnership_members where ecosystem_id = $1 and partnership_id = $2', [
    ecosystemId,
    p.id,
  ]);
  for (const [i, m] of p.members.entries()) {
    await tx.query(
      'insert into partnership_members (ecosystem_id, partnership_id, actor_id, position, role) values ($1, $2, $3, $4, $5)',
      [ecosystemId, p.id, m.actor, i, m.role ?? null],
    );
  }
}

const withoutVersion = (p: PartnershipItem): Partnership => {
  const { version: _v, ...rest } = p;
  return rest;
};

export class PartnershipRepository {
  constructor(private readonly db: Db) {}

  /** Partnerships are visible to everyone in the ecosystem (their confidential parts carry their own visibility). */
  async list(
    ecosystemId: string,
    _v: Viewer,
    query: { stage?: string; q?: string; limit?: number; cursor?: string } = {},
  ): Promise<{ items: PartnershipItem[]; nextCursor: string | null }> {
    const p = new Params();
    const where = [`p.ecosystem_id = ${p.add(ecosystemId)}`];
    if (query.stage) where.push(`p.stage = ${p.add(query.stage)}`);
    if (query.q) where.push(`p.name ilike ${p.add(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    if (query.cursor) {
      const [pos, id] = decodeCursor(query.cursor);
      where.push(`(p.position, p.id) > (${p.add(pos)}, ${p.add(String(id))})`);
    }
    const limit = clampLimit(query.limit);
    const rows = await this.db.query<Row>(
      `${SELECT} where ${where.join(' and ')} order by p.position, p.id limit ${limit + 1}`,
      p.values,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toItem),
      nextCursor: rows.length > limit && last ? encodeCursor(last.position, last.id) : null,
    };
  }

  async get(ecosystemId: string, id: string, q: Queryable = this.db, lock = false): Promise<PartnershipItem> {
    const rows = await q.query<Row>(
      `${SELECT} where p.ecosystem_id = $1 and p.id = $2${lock ? ' for update' : ''}`,
      [ecosystemId, id],
    );
    const r = rows[0];
    if (!r) throw new StoreError('not_found', `no partnership "${id}" in ecosystem "${ecosystemId}"`);
    return toItem(r);
  }

  async create(ecosystemId: string, input: unknown, audit?: AuditContext): Promise<PartnershipItem> {
    return this.db.transaction(async (tx) => {
      const p = await validate(tx, ecosystemId, { members: [], ...(input as object) });
      const dup = await tx.query('select 1 from partnerships where ecosystem_id = $1 and id = $2', [
        ecosystemId,
        p.id,
      ]);
      if (dup.length > 0)
        throw new StoreError('conflict', `a partnership with id "${p.id}" already exists`, { field: 'id' });
      const extra = Object.fromEntries(Object.entries(p).filter(([k]) => !KNOWN.has(k)));
      await tx.query(
        `insert into partnerships (ecosystem_id, id, position, name, purpose, stage, charter, extra)
         values ($1, $2, (select coalesce(max(position) + 1, 0) from partnerships where ecosystem_id = $1), $3, $4, $5, $6::jsonb, $7::jsonb)`,
        [
          ecosystemId,
          p.id,
          p.name,
          p.purpose ?? null,
          p.stage,
          p.charter ? JSON.stringify(p.charter) : null,
          Object.keys(extra).length ? JSON.stringify(extra) : null,
        ],
      );
      await writeMembers(tx, ecosystemId, p);
      await writeSections(tx, ecosystemId, [p], {
        recordedBy: audit?.userId ?? null,
        now: new Date(),
        chunkSize: 2000,
        progress: () => undefined,
      });
      const created = await this.get(ecosystemId, p.id, tx);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'partnership.create',
        entity: 'partnership',
        entityId: p.id,
        before: null,
        after: withoutVersion(created),
      });
      return created;
    });
  }

  async update(
    ecosystemId: string,
    id: string,
    patch: Record<string, unknown>,
    ifMatch: number,
    authorize: (current: PartnershipItem) => void,
    audit?: AuditContext,
  ): Promise<PartnershipItem> {
    return this.db.transaction(async (tx) => {
      const current = await this.get(ecosystemId, id, tx, true);
      authorize(current);
      if (current.version !== ifMatch) {
        throw new StoreError(
          'precondition_failed',
          `partnership "${id}" was changed by someone else (version ${current.version}, you sent ${ifMatch}); reload it`,
          { version: current.version },
        );
      }
      if ('id' in patch && patch.id !== id)
        throw new ValidationError([
          { path: ['id'], message: 'a partnership id cannot change', code: 'invalid_value' },
        ]);
      const lists = Object.keys(patch).filter((k) => LISTS.has(k));
      if (lists.length > 0) {
        throw new ValidationError(
          lists.map((k) => ({
            path: [k],
            message: `${k} are changed one item at a time: use /partnerships/${id}/${k === 'ledger' ? 'ledger' : `records/${k}`}`,
            code: 'invalid_value',
          })),
        );
      }
      const p = await validate(tx, ecosystemId, { ...withoutVersion(current), ...patch });
      const extra = Object.fromEntries(Object.entries(p).filter(([k]) => !KNOWN.has(k)));
      await tx.query(
        `update partnerships set name = $3, purpose = $4, stage = $5, charter = $6::jsonb, extra = $7::jsonb, version = version + 1 where ecosystem_id = $1 and id = $2`,
        [
          ecosystemId,
          id,
          p.name,
          p.purpose ?? null,
          p.stage,
          p.charter ? JSON.stringify(p.charter) : null,
          Object.keys(extra).length ? JSON.stringify(extra) : null,
        ],
      );
      if ('members' in patch) await writeMembers(tx, ecosystemId, p);
      const after = await this.get(ecosystemId, id, tx);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'partnership.update',
        entity: 'partnership',
        entityId: id,
        before: withoutVersion(current),
        after: withoutVersion(after),
      });
      return after;
    });
  }

  async delete(ecosystemId: string, id: string, ifMatch: number, audit?: AuditContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await this.get(ecosystemId, id, tx, true);
      if (current.version !== ifMatch) {
        throw new StoreError(
          'precondition_failed',
          `partnership "${id}" was changed by someone else (version ${current.version}); reload it`,
          { version: current.version },
        );
      }
      await tx.query('delete from partnerships where ecosystem_id = $1 and id = $2', [ecosystemId, id]);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'partnership.delete',
        entity: 'partnership',
        entityId: id,
        before: withoutVersion(current),
        after: null,
      });
    });
  }

  /** Adds a member or changes its role. */
  async putMember(
    ecosystemId: string,
    id: string,
    actorId: string,
    role: string | undefined,
    audit?: AuditContext,
  ): Promise<PartnershipItem> {
    const m = MemberSchema.safeParse({ actor: actorId, ...(role !== undefined ? { role } : {}) });
    if (!m.success)
      throw new ValidationError(
        m.error.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: 'invalid_value' })),
      );
    return this.db.transaction(async (tx) => {
      const current = await this.get(ecosystemId, id, tx, true);
      const actor = await tx.query('select 1 from actors where ecosystem_id = $1 and id = $2', [
        ecosystemId,
        actorId,
      ]);
      if (actor.length === 0)
        throw new ValidationError([
          { path: ['actor'], message: `unknown actor id "${actorId}"`, code: 'unknown_reference' },
        ]);
      await tx.query(
        `insert into partnership_members (ecosystem_id, partnership_id, actor_id, position, role)
         values ($1, $2, $3, (select coalesce(max(position) + 1, 0) from partnership_members where ecosystem_id = $1 and partnership_id = $2), $4)
         on conflict (ecosystem_id, partnership_id, actor_id) do update set role = excluded.role`,
        [ecosystemId, id, actorId, role ?? null],
      );
      await tx.query('update partnerships set version = version + 1 where ecosystem_id = $1 and id = $2', [
        ecosystemId,
        id,
      ]);
      const after = await this.get(ecosystemId, id, tx);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'partnership.member.put',
        entity: 'partnership',
        entityId: id,
        before: { members: current.members },
        after: { members: after.members },
      });
      return after;
    });
  }

  async removeMember(
    ecosystemId: string,
    id: string,
    actorId: string,
    audit?: AuditContext,
  ): Promise<PartnershipItem> {
    return this.db.transaction(async (tx) => {
      const current = await this.get(ecosystemId, id, tx, true);
      const rows = await tx.query(
        'delete from partnership_members where ecosystem_id = $1 and partnership_id = $2 and actor_id = $3 returning actor_id',
        [ecosystemId, id, actorId],
      );
      if (rows.length === 0)
        throw new StoreError('not_found', `actor "${actorId}" is not a member of "${id}"`);
      await tx.query('update partnerships set version = version + 1 where ecosystem_id = $1 and id = $2', [
        ecosystemId,
        id,
      ]);
      const after = await this.get(ecosystemId, id, tx);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'partnership.member.remove',
        entity: 'partnership',
        entityId: id,
        before: { members: current.members },
        after: { members: after.members },
      });
      return after;
    });
  }
}
