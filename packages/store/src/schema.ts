/**
 * The one PostgreSQL schema, shared by the embedded store (PGlite) and a
 * PostgreSQL server. drizzle-kit generates the forward-only migrations in
 * `packages/store/drizzle/` from this file (`npm run db:generate -w @valueweb/store`).
 * Keep to what PostgreSQL 15 supports.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** A party with people on the platform (linked to its actor in each ecosystem). */
export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A person; belongs to one organization. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    isAdmin: boolean('is_admin').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

/** An ecosystem: the workspace an orchestrator runs. `version` backs ETags. */
export const ecosystems = pgTable('ecosystems', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  purpose: text('purpose'),
  goals: jsonb('goals'),
  extra: jsonb('extra'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Actors of an ecosystem; `position` keeps the document order. Lists are JSON arrays. */
export const actors = pgTable(
  'actors',
  {
    ecosystemId: text('ecosystem_id')
      .notNull()
      .references(() => ecosystems.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    description: text('description'),
    capabilities: jsonb('capabilities').notNull().default(sql`'[]'::jsonb`),
    needs: jsonb('needs').notNull().default(sql`'[]'::jsonb`),
    values: jsonb('values').notNull().default(sql`'[]'::jsonb`),
    clock: jsonb('clock'),
    tags: jsonb('tags'),
    attributes: jsonb('attributes'),
    /** Who may see `attributes`: private (owner organization + orchestrators), partnership, ecosystem (default). */
    attributesVisibility: text('attributes_visibility').notNull().default('ecosystem'),
    /** The organization that owns this item's confidential parts (null: the orchestrators). */
    ownerOrganizationId: uuid('owner_organization_id'),
    extra: jsonb('extra'),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.ecosystemId, t.id] }), index('actors_position_idx').on(t.ecosystemId, t.position)],
);

/** Ties between two actors of the same ecosystem. */
export const relationships = pgTable(
  'relationships',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ecosystemId: text('ecosystem_id').notNull(),
    position: integer('position').notNull(),
    fromActor: text('from_actor').notNull(),
    toActor: text('to_actor').notNull(),
    kind: text('kind').notNull(),
    flows: jsonb('flows'),
    strength: doublePrecision('strength').notNull().default(1),
    directed: boolean('directed').notNull().default(false),
    description: text('description'),
    visibility: text('visibility'),
    /** For visibility 'partnership': the partnership whose members may see it. */
    partnershipId: text('partnership_id'),
    ownerOrganizationId: uuid('owner_organization_id'),
    extra: jsonb('extra'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    foreignKey({ columns: [t.ecosystemId], foreignColumns: [ecosystems.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.ecosystemId, t.fromActor], foreignColumns: [actors.ecosystemId, actors.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.ecosystemId, t.toActor], foreignColumns: [actors.ecosystemId, actors.id] }).onDelete(
      'cascade',
    ),
    index('relationships_eco_pos_idx').on(t.ecosystemId, t.position),
    index('relationships_from_idx').on(t.ecosystemId, t.fromActor),
    index('relationships_to_idx').on(t.ecosystemId, t.toActor),
  ],
);

/** Partnerships: formal alliances. Sections not yet stored in their own tables live in `extra` (JSON). */
export const partnerships = pgTable(
  'partnerships',
  {
    ecosystemId: text('ecosystem_id')
      .notNull()
      .references(() => ecosystems.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    purpose: text('purpose'),
    stage: text('stage').notNull(),
    charter: jsonb('charter'),
    extra: jsonb('extra'),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.ecosystemId, t.id] })],
);

/** Members of a partnership (actors of the same ecosystem). */
export const partnershipMembers = pgTable(
  'partnership_members',
  {
    ecosystemId: text('ecosystem_id').notNull(),
    partnershipId: text('partnership_id').notNull(),
    actorId: text('actor_id').notNull(),
    position: integer('position').notNull(),
    role: text('role'),
  },
  (t) => [
    primaryKey({ columns: [t.ecosystemId, t.partnershipId, t.actorId] }),
    foreignKey({
      columns: [t.ecosystemId, t.partnershipId],
      foreignColumns: [partnerships.ecosystemId, partnerships.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.ecosystemId, t.actorId], foreignColumns: [actors.ecosystemId, actors.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** Every change: who, from which organization, when, what, before and after. Written in the change's transaction. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id'),
    organizationId: uuid('organization_id'),
    ecosystemId: text('ecosystem_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    via: text('via'),
  },
  (t) => [index('audit_events_eco_idx').on(t.ecosystemId, t.id)],
);

/** Saved states of an ecosystem (on demand, and automatically before every import that replaces one). */
export const snapshots = pgTable(
  'snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ecosystemId: text('ecosystem_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    reason: text('reason').notNull(),
    label: text('label'),
    document: jsonb('document').notNull(),
  },
  (t) => [index('snapshots_eco_idx').on(t.ecosystemId, t.id)],
);

/** A user's role in an ecosystem: orchestrator, member or observer. */
export const ecosystemRoles = pgTable(
  'ecosystem_roles',
  {
    ecosystemId: text('ecosystem_id')
      .notNull()
      .references(() => ecosystems.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ecosystemId, t.userId] }), index('ecosystem_roles_user_idx').on(t.userId)],
);

/** Which actor an organization is in an ecosystem (one organization can be an actor in several ecosystems). */
export const ecosystemOrganizations = pgTable(
  'ecosystem_organizations',
  {
    ecosystemId: text('ecosystem_id')
      .notNull()
      .references(() => ecosystems.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ecosystemId, t.organizationId] }),
    uniqueIndex('ecosystem_organizations_actor_key').on(t.ecosystemId, t.actorId),
  ],
);

/** Login sessions (in the database, so any instance can serve any request). The id is a hash of the cookie. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Personal API tokens: stored hashed, shown once, scoped read or write, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scope: text('scope').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

/** Invitations: a link that lets a person set a password; expires. The token is stored hashed. */
export const invites = pgTable(
  'invites',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tokenHash: text('token_hash').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ecosystemId: text('ecosystem_id').references(() => ecosystems.id, { onDelete: 'cascade' }),
    role: text('role'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('invites_token_key').on(t.tokenHash)],
);
