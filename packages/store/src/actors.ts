/**
 * Actors of an ecosystem, one at a time: list (filtered, sorted, keyset-paged),
 * get, create, update with optimistic concurrency, delete. Attributes the
 * viewer may not see are removed in SQL. Every change is audited in its transaction.
 */
import {
  ActorSchema,
  ValidationError,
  VISIBILITIES,
  type Actor,
  type Viewer,
  type Visibility,
} from '@valueweb/core';
import type { Db, Queryable } from './db.ts';
import { writeAudit, type AuditContext } from './audit.ts';
import { StoreError } from './errors.ts';
import { Params, clampLimit, decodeCursor, encodeCursor, visibleSql } from './query-kit.ts';

export interface ActorItem extends Actor {
  attributesVisibility: Visibility;
  ownerOrganizationId: string | null;
  /** True when the attributes exist but the viewer may not see them. */
  attributesHidden: boolean;
  version: number;
}

export interface ActorListQuery {
  q?: string;
  kind?: string;
  capability?: string;
  sort?: 'name' | '-name' | 'kind' | '-kind' | 'id' | '-id' | 'position';
  limit?: number;
  cursor?: string;
}

export type ActorInput = Actor & { attributesVisibility?: Visibility; ownerOrganizationId?: string | null };

const SORTS: Record<string, string> = { name: 'a.name', kind: 'a.kind', id: 'a.id', position: 'a.position' };

function selectActor(v: Viewer, p: Params): string {
  const seeAttrs = visibleSql(v, p, 'a', {
    selfActorColumn: 'id',
    visibilityColumn: 'attributes_visibility',
  });
  return `select a.id, a.name, a.kind, a.description, a.capabilities, a.needs, a."values", a.clock, a.tags,
    case when ${seeAttrs} then a.attributes else null end as attributes,
    (a.attributes is not null and not ${seeAttrs}) as "attributesHidden",
    a.attributes_visibility as "attributesVisibility", a.owner_organization_id as "ownerOrganizationId", a.version, a.position, a.extra
    from actors a`;
}

interface Row {
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
  attributesHidden: boolean;
  attributesVisibility: Visibility;
  ownerOrganizationId: string | null;
  version: number;
  position: number;
  extra: Record<string, unknown> | null;
}

function toItem(r: Row): ActorItem {
  return {
    ...(r.extra ?? {}),
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
    attributesHidden: r.attributesHidden,
    attributesVisibility: r.attributesVisibility,
    ownerOrganizationId: r.ownerOrganizationId,
    version: r.version,
  };
}

/** The document fields of an item (what the audit log and validation see). */
function documentPart(a: ActorItem | ActorInput): Actor {
  const { attributesVisibility: _v, ownerOrganizationId: _o, ...rest } = a as ActorItem;
  const { attributesHidden: _h, version: _ver, ...doc } = rest as ActorItem;
  return doc;
}

function validateActor(input: unknown): ActorInput {
  const { attributesVisibility, ownerOrganizationId, ...doc } = input as ActorInput;
  const problems = [];
  const parsed = ActorSchema.safeParse(doc);
  if (!parsed.success) {
    problems.push(
      ...parsed.error.issues.map((i) => ({
        path: i.path.map((x) => (typeof x === 'symbol' ? String(x) : x)),
        message: i.message,
        code: 'invalid_value',
      })),
    );
  }
  if (attributesVisibility !== undefined && !VISIBILITIES.includes(attributesVisibility)) {
    problems.push({
      path: ['attributesVisibility'],
      message: `expected one of: ${VISIBILITIES.join(', ')}`,
      code: 'invalid_value',
    });
  }
  if (problems.length > 0 || !parsed.success) throw new ValidationError(problems);
  return {
    ...parsed.data,
    ...(attributesVisibility ? { attributesVisibility } : {}),
    ...(ownerOrganizationId !== undefined ? { ownerOrganizationId } : {}),
  };
}

export class ActorRepository {
  constructor(private readonly db: Db) {}

  async list(
    ecosystemId: string,
    v: Viewer,
    query: ActorListQuery = {},
  ): Promise<{ items: ActorItem[]; nextCursor: string | null }> {
    const p = new Params();
    const where = [`a.ecosystem_id = ${p.add(ecosystemId)}`];
    if (query.q)
      where.push(
        `(a.name ilike ${p.add(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} or a.id ilike ${p.add(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)})`,
      );
    if (query.kind) where.push(`a.kind = ${p.add(query.kind)}`);
    if (query.capability) where.push(`a.capabilities ? ${p.add(query.capability)}`);
    const sortKey = (query.sort ?? 'position').replace(/^-/, '');
    const desc = (query.sort ?? '').startsWith('-');
    const col = SORTS[sortKey] ?? 'a.position';
    if (query.cursor) {
      const [val, id] = decodeCursor(query.cursor);
      where.push(`(${col}, a.id) ${desc ? '<' : '>'} (${p.add(val)}, ${p.add(String(id))})`);
    }
    const limit = clampLimit(query.limit);
    const rows = await this.db.query<Row>(
      `${selectActor(v, p)} where ${where.join(' and ')} order by ${col} ${desc ? 'desc' : 'asc'}, a.id ${desc ? 'desc' : 'asc'} limit ${limit + 1}`,
      p.values,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const sortValue = (r: Row) =>
      sortKey === 'position' ? r.position : sortKey === 'kind' ? r.kind : sortKey === 'id' ? r.id : r.name;
    return {
      items: page.map(toItem),
      nextCursor: rows.length > limit && last ? encodeCursor(sortValue(last), last.id) : null,
    };
  }

  async get(
    ecosystemId: string,
    id: string,
    v: Viewer,
    q: Queryable = this.db,
    lock = false,
  ): Promise<ActorItem> {
    const p = new Params();
    const rows = await q.query<Row>(
      `${selectActor(v, p)} where a.ecosystem_id = ${p.add(ecosystemId)} and a.id = ${p.add(id)}${lock ? ' for update' : ''}`,
      p.values,
    );
    const r = rows[0];
    if (!r) throw new StoreError('not_found', `no actor "${id}" in ecosystem "${ecosystemId}"`);
    return toItem(r);
  }

  async create(ecosystemId: string, input: unknown, v: Viewer, audit?: AuditContext): Promise<ActorItem> {
    const a = validateActor(input);
    return this.db.transaction(async (tx) => {
      const dup = await tx.query('select 1 from actors where ecosystem_id = $1 and id = $2', [
        ecosystemId,
        a.id,
      ]);
      if (dup.length > 0)
        throw new StoreError('conflict', `an actor with id "${a.id}" already exists`, { field: 'id' });
      await tx.query(
        `insert into actors (ecosystem_id, id, position, name, kind, description, capabilities, needs, "values", clock, tags, attributes, attributes_visibility, owner_organization_id)
         values ($1, $2, (select coalesce(max(position) + 1, 0) from actors where ecosystem_id = $1), $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10::jsonb, $11::jsonb, $12, $13)`,
        [
          ecosystemId,
          a.id,
          a.name,
          a.kind,
          a.description ?? null,
          JSON.stringify(a.capabilities),
          JSON.stringify(a.needs),
          JSON.stringify(a.values),
          a.clock ? JSON.stringify(a.clock) : null,
          a.tags ? JSON.stringify(a.tags) : null,
          a.attributes ? JSON.stringify(a.attributes) : null,
          a.attributesVisibility ?? 'ecosystem',
          a.ownerOrganizationId ?? null,
        ],
      );
      const created = await this.get(ecosystemId, a.id, v, tx);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'actor.create',
        entity: 'actor',
        entityId: a.id,
        before: null,
        after: documentPart(created),
      });
      return created;
    });
  }

  /**
   * Applies a partial change if `ifMatch` is the current version (else 412).
   * `authorize` sees the current item and may refuse.
   */
  async update(
    ecosystemId: string,
    id: string,
    patch: Record<string, unknown>,
    ifMatch: number,
    v: Viewer,
    authorize: (current: ActorItem) => void,
    audit?: AuditContext,
  ): Promise<ActorItem> {
    return this.db.transaction(async (tx) => {
      const orch = { ...v, isAdmin: true };
      const current = await this.get(ecosystemId, id, orch, tx, true);
      authorize(current);
      if (current.version !== ifMatch) {
        throw new StoreError(
          'precondition_failed',
          `actor "${id}" was changed by someone else (version ${current.version}, you sent ${ifMatch}); reload it`,
          { version: current.version },
        );
      }
      if ('id' in patch && patch.id !== id)
        throw new ValidationError([
          { path: ['id'], message: 'an actor id cannot change', code: 'invalid_value' },
        ]);
      const merged = validateActor({
        ...documentPart(current),
        attributesVisibility: current.attributesVisibility,
        ownerOrganizationId: current.ownerOrganizationId,
        ...patch,
      });
      await tx.query(
        `update actors set name = $3, kind = $4, description = $5, capabilities = $6::jsonb, needs = $7::jsonb, "values" = $8::jsonb, clock = $9::jsonb,
           tags = $10::jsonb, attributes = $11::jsonb, attributes_visibility = $12, owner_organization_id = $13, version = version + 1
         where ecosystem_id = $1 and id = $2`,
        [
          ecosystemId,
          id,
          merged.name,
          merged.kind,
          merged.description ?? null,
          JSON.stringify(merged.capabilities),
          JSON.stringify(merged.needs),
          JSON.stringify(merged.values),
          merged.clock ? JSON.stringify(merged.clock) : null,
          merged.tags ? JSON.stringify(merged.tags) : null,
          merged.attributes ? JSON.stringify(merged.attributes) : null,
          merged.attributesVisibility ?? 'ecosystem',
          merged.ownerOrganizationId ?? null,
        ],
      );
      const after = await this.get(ecosystemId, id, orch, tx);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'actor.update',
        entity: 'actor',
        entityId: id,
        before: documentPart(current),
        after: documentPart(after),
      });
      return this.get(ecosystemId, id, v, tx);
    });
  }

  /** Deletes an actor (its relationships and memberships go with it) if `ifMatch` is current. */
  async delete(
    ecosystemId: string,
    id: string,
    ifMatch: number,
    v: Viewer,
    authorize: (current: ActorItem) => void,
    audit?: AuditContext,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await this.get(ecosystemId, id, { ...v, isAdmin: true }, tx, true);
      authorize(current);
      if (current.version !== ifMatch) {
        throw new StoreError(
          'precondition_failed',
          `actor "${id}" was changed by someone else (version ${current.version}); reload it`,
          { version: current.version },
        );
      }
      await tx.query('delete from actors where ecosystem_id = $1 and id = $2', [ecosystemId, id]);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'actor.delete',
        entity: 'actor',
        entityId: id,
        before: documentPart(current),
        after: null,
      });
    });
  }
}
