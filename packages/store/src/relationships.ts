/**
 * Relationships, one at a time, filtered in SQL by the viewer's visibility:
 * a relationship the caller may not see is never read out of the database.
 */
import {
  RelationshipSchema,
  ValidationError,
  VISIBILITIES,
  type Problem,
  type Relationship,
  type Viewer,
} from '@valueweb/core';
import type { Db, Queryable } from './db.ts';
import { writeAudit, type AuditContext } from './audit.ts';
import { StoreError } from './errors.ts';
import { Params, clampLimit, decodeCursor, encodeCursor, visibleSql } from './query-kit.ts';

export interface RelationshipItem extends Relationship {
  id: number;
  partnershipId: string | null;
  ownerOrganizationId: string | null;
  version: number;
}

export interface RelationshipListQuery {
  actor?: string;
  kind?: string;
  flow?: string;
  sort?: 'position' | 'kind' | '-kind' | 'from' | '-from';
  limit?: number;
  cursor?: string;
}

type Input = Relationship & { partnershipId?: string | null; ownerOrganizationId?: string | null };

const SORTS: Record<string, string> = { position: 'r.position', kind: 'r.kind', from: 'r.from_actor' };

const SELECT = `select r.id, r.from_actor as "from", r.to_actor as "to", r.kind, r.flows, r.strength, r.directed, r.description, r.visibility,
  r.partnership_id as "partnershipId", r.owner_organization_id as "ownerOrganizationId", r.version, r.position, r.extra from relationships r`;

interface Row {
  id: string | number;
  from: string;
  to: string;
  kind: Relationship['kind'];
  flows: string[] | null;
  strength: number;
  directed: boolean;
  description: string | null;
  visibility: Relationship['visibility'] | null;
  partnershipId: string | null;
  ownerOrganizationId: string | null;
  version: number;
  position: number;
  extra: Record<string, unknown> | null;
}

function toItem(r: Row): RelationshipItem {
  return {
    ...(r.extra ?? {}),
    id: Number(r.id),
    from: r.from,
    to: r.to,
    kind: r.kind,
    ...(r.flows ? { flows: r.flows } : {}),
    strength: Number(r.strength),
    directed: r.directed,
    ...(r.description !== null ? { description: r.description } : {}),
    ...(r.visibility ? { visibility: r.visibility } : {}),
    partnershipId: r.partnershipId,
    ownerOrganizationId: r.ownerOrganizationId,
    version: r.version,
  };
}

function documentPart(r: RelationshipItem): Relationship & { partnershipId?: string | null } {
  const { id: _i, version: _v, ownerOrganizationId: _o, ...rest } = r;
  return rest;
}

/** Checks the fields (no database): the schema, and that a 'partnership' visibility names its partnership. */
function validateShape(input: unknown): Promise<Input> {
  const { partnershipId, ownerOrganizationId, ...doc } = (input ?? {}) as Input;
  const parsed = RelationshipSchema.safeParse(doc);
  if (!parsed.success) {
    return Promise.reject(
      new ValidationError(
        parsed.error.issues.map((i) => ({
          path: i.path.map((x) => (typeof x === 'symbol' ? String(x) : x)),
          message: i.message,
          code: 'invalid_value',
        })),
      ),
    );
  }
  return Promise.resolve({
    ...parsed.data,
    partnershipId: partnershipId ?? null,
    ownerOrganizationId: ownerOrganizationId ?? null,
  });
}

async function validate(tx: Queryable, ecosystemId: string, input: unknown): Promise<Input> {
  const { partnershipId, ownerOrganizationId, ...doc } = (input ?? {}) as Input;
  const problems: Problem[] = [];
  const parsed = RelationshipSchema.safeParse(doc);
  if (!parsed.success) {
    problems.push(
      ...parsed.error.issues.map((i) => ({
        path: i.path.map((x) => (typeof x === 'symbol' ? String(x) : x)),
        message: i.message,
        code: 'invalid_value',
      })),
    );
  }
  if (parsed.success) {
    const ids = [parsed.data.from, parsed.data.to];
    const found = await tx.query<{ id: string }>(
      'select id from actors where ecosystem_id = $1 and id = any($2::text[])',
      [ecosystemId, ids],
    );
    const have = new Set(found.map((f) => f.id));
    for (const f of ['from', 'to'] as const) {
      if (!have.has(parsed.data[f]))
        problems.push({
          path: [f],
          message: `unknown actor id "${parsed.data[f]}"`,
          code: 'unknown_reference',
        });
    }
    if (parsed.data.visibility === 'partnership') {
      if (!partnershipId)
        problems.push({
          path: ['partnershipId'],
          message: 'a relationship shared with a partnership names the partnership',
          code: 'invalid_value',
        });
    }
    if (partnershipId) {
      const p = await tx.query('select 1 from partnerships where ecosystem_id = $1 and id = $2', [
        ecosystemId,
        partnershipId,
      ]);
      if (p.length === 0)
        problems.push({
          path: ['partnershipId'],
          message: `unknown partnership id "${partnershipId}"`,
          code: 'unknown_reference',
        });
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ValidationError(problems);
  if (parsed.data.visibility && !VISIBILITIES.includes(parsed.data.visibility))
    throw new ValidationError([{ path: ['visibility'], message: 'bad visibility', code: 'invalid_value' }]);
  return {
    ...parsed.data,
    partnershipId: partnershipId ?? null,
    ownerOrganizationId: ownerOrganizationId ?? null,
  };
}

export class RelationshipRepository {
  constructor(private readonly db: Db) {}

  async list(
    ecosystemId: string,
    v: Viewer,
    query: RelationshipListQuery = {},
  ): Promise<{ items: RelationshipItem[]; nextCursor: string | null }> {
    const p = new Params();
    const where = [`r.ecosystem_id = ${p.add(ecosystemId)}`, visibleSql(v, p, 'r')];
    if (query.actor) {
      const a = p.add(query.actor);
      where.push(`(r.from_actor = ${a} or r.to_actor = ${a})`);
    }
    if (query.kind) where.push(`r.kind = ${p.add(query.kind)}`);
    if (query.flow) where.push(`r.flows ? ${p.add(query.flow)}`);
    const sortKey = (query.sort ?? 'position').replace(/^-/, '');
    const desc = (query.sort ?? '').startsWith('-');
    const col = SORTS[sortKey] ?? 'r.position';
    if (query.cursor) {
      const [val, id] = decodeCursor(query.cursor);
      if (typeof id !== 'number')
        throw new ValidationError([
          { path: ['cursor'], message: 'not a cursor this API gave out', code: 'invalid_cursor' },
        ]);
      where.push(`(${col}, r.id) ${desc ? '<' : '>'} (${p.add(val)}, ${p.add(id)})`);
    }
    const limit = clampLimit(query.limit);
    const rows = await this.db.query<Row>(
      `${SELECT} where ${where.join(' and ')} order by ${col} ${desc ? 'desc' : 'asc'}, r.id ${desc ? 'desc' : 'asc'} limit ${limit + 1}`,
      p.values,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const sv = (r: Row) => (sortKey === 'kind' ? r.kind : sortKey === 'from' ? r.from : r.position);
    return {
      items: page.map(toItem),
      nextCursor: rows.length > limit && last ? encodeCursor(sv(last), Number(last.id)) : null,
    };
  }

  async get(
    ecosystemId: string,
    id: number,
    v: Viewer,
    q: Queryable = this.db,
    lock = false,
  ): Promise<RelationshipItem> {
    const p = new Params();
    const rows = await q.query<Row>(
      `${SELECT} where r.ecosystem_id = ${p.add(ecosystemId)} and r.id = ${p.add(id)} and ${visibleSql(v, p, 'r')}${lock ? ' for update' : ''}`,
      p.values,
    );
    const r = rows[0];
    if (!r) throw new StoreError('not_found', `no relationship ${id} in ecosystem "${ecosystemId}"`);
    return toItem(r);
  }

  /**
   * Creates a relationship. One statement does it all — check both actors,
   * insert, write the audit event — so the common case is one round trip and
   * atomic; only a failed check takes a second look to say what was wrong.
   */
  async create(
    ecosystemId: string,
    input: unknown,
    _v: Viewer,
    audit?: AuditContext,
  ): Promise<RelationshipItem> {
    const r = await validateShape(input);
    if (r.partnershipId || r.visibility === 'partnership') {
      // Rare path: also checks the partnership.
      return this.db.transaction(async (tx) => {
        const checked = await validate(tx, ecosystemId, input);
        return this.insert(tx, ecosystemId, checked, audit);
      });
    }
    const created = await this.insert(this.db, ecosystemId, r, audit);
    return created;
  }

  private async insert(
    q: Queryable,
    ecosystemId: string,
    r: Input,
    audit?: AuditContext,
  ): Promise<RelationshipItem> {
    const rows = await q.query<Row>(
      `with ins as (
         insert into relationships as r (ecosystem_id, position, from_actor, to_actor, kind, flows, strength, directed, description, visibility, partnership_id, owner_organization_id)
         select $1, (select coalesce(max(position) + 1, 0) from relationships where ecosystem_id = $1), $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11
          where exists (select 1 from actors where ecosystem_id = $1 and id = $2) and exists (select 1 from actors where ecosystem_id = $1 and id = $3)
         returning r.*
       ), aud as (
         insert into audit_events (user_id, organization_id, ecosystem_id, action, entity, entity_id, before, after, request_id, via)
         select $12, $13, $1, 'relationship.create', 'relationship', ins.id::text, null,
           jsonb_strip_nulls(jsonb_build_object('from', ins.from_actor, 'to', ins.to_actor, 'kind', ins.kind, 'flows', ins.flows, 'strength', ins.strength,
             'directed', ins.directed, 'description', ins.description, 'visibility', ins.visibility, 'partnershipId', ins.partnership_id)), $14, $15
         from ins
       )
       select ins.id, ins.from_actor as "from", ins.to_actor as "to", ins.kind, ins.flows, ins.strength, ins.directed, ins.description, ins.visibility,
         ins.partnership_id as "partnershipId", ins.owner_organization_id as "ownerOrganizationId", ins.version, ins.position, ins.extra from ins`,
      [
        ecosystemId,
        r.from,
        r.to,
        r.kind,
        r.flows ? JSON.stringify(r.flows) : null,
        r.strength,
        r.directed,
        r.description ?? null,
        r.visibility ?? null,
        r.partnershipId ?? null,
        r.ownerOrganizationId ?? null,
        audit?.userId ?? null,
        audit?.organizationId ?? null,
        audit?.requestId ?? null,
        audit?.via ?? null,
      ],
    );
    const row = rows[0];
    if (!row) {
      // Nothing inserted: say which actor is unknown.
      await validate(q, ecosystemId, r);
      throw new StoreError('conflict', 'the relationship could not be created; try again');
    }
    return toItem(row);
  }

  async update(
    ecosystemId: string,
    id: number,
    patch: Record<string, unknown>,
    ifMatch: number,
    v: Viewer,
    authorize: (current: RelationshipItem) => void,
    audit?: AuditContext,
  ): Promise<RelationshipItem> {
    return this.db.transaction(async (tx) => {
      const current = await this.get(ecosystemId, id, v, tx, true);
      authorize(current);
      if (current.version !== ifMatch) {
        throw new StoreError(
          'precondition_failed',
          `relationship ${id} was changed by someone else (version ${current.version}, you sent ${ifMatch}); reload it`,
          { version: current.version },
        );
      }
      if ('id' in patch && patch.id !== id)
        throw new ValidationError([
          { path: ['id'], message: 'a relationship id cannot change', code: 'invalid_value' },
        ]);
      const { id: _id, version: _v, ...rest } = current;
      const { id: _pid, ...patchRest } = patch;
      const r = await validate(tx, ecosystemId, { ...rest, ...patchRest });
      await tx.query(
        `update relationships set from_actor = $3, to_actor = $4, kind = $5, flows = $6::jsonb, strength = $7, directed = $8, description = $9, visibility = $10,
           partnership_id = $11, owner_organization_id = $12, version = version + 1 where ecosystem_id = $1 and id = $2`,
        [
          ecosystemId,
          id,
          r.from,
          r.to,
          r.kind,
          r.flows ? JSON.stringify(r.flows) : null,
          r.strength,
          r.directed,
          r.description ?? null,
          r.visibility ?? null,
          r.partnershipId,
          r.ownerOrganizationId,
        ],
      );
      const after = await this.get(ecosystemId, id, { ...v, isAdmin: true }, tx);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'relationship.update',
        entity: 'relationship',
        entityId: String(id),
        before: documentPart(current),
        after: documentPart(after),
      });
      return after;
    });
  }

  async delete(
    ecosystemId: string,
    id: number,
    ifMatch: number,
    v: Viewer,
    authorize: (current: RelationshipItem) => void,
    audit?: AuditContext,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await this.get(ecosystemId, id, v, tx, true);
      authorize(current);
      if (current.version !== ifMatch) {
        throw new StoreError(
          'precondition_failed',
          `relationship ${id} was changed by someone else (version ${current.version}); reload it`,
          { version: current.version },
        );
      }
      await tx.query('delete from relationships where ecosystem_id = $1 and id = $2', [ecosystemId, id]);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'relationship.delete',
        entity: 'relationship',
        entityId: String(id),
        before: documentPart(current),
        after: null,
      });
    });
  }
}
