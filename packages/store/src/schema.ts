/**
 * The one PostgreSQL schema, shared by the embedded store (PGlite) and a
 * PostgreSQL server. drizzle-kit generates the forward-only migrations in
 * `packages/store/drizzle/` from this file (`npm run db:generate -w @valueweb/store`).
 * Keep to what PostgreSQL 15 supports.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
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
  id: uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A person; belongs to one organization. */
export const users = pgTable(
  'users',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
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
    capabilities: jsonb('capabilities')
      .notNull()
      .default(sql`'[]'::jsonb`),
    needs: jsonb('needs')
      .notNull()
      .default(sql`'[]'::jsonb`),
    values: jsonb('values')
      .notNull()
      .default(sql`'[]'::jsonb`),
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
  (t) => [
    primaryKey({ columns: [t.ecosystemId, t.id] }),
    index('actors_position_idx').on(t.ecosystemId, t.position),
  ],
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
    foreignKey({
      columns: [t.ecosystemId, t.fromActor],
      foreignColumns: [actors.ecosystemId, actors.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.ecosystemId, t.toActor],
      foreignColumns: [actors.ecosystemId, actors.id],
    }).onDelete('cascade'),
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
    foreignKey({
      columns: [t.ecosystemId, t.actorId],
      foreignColumns: [actors.ecosystemId, actors.id],
    }).onDelete('cascade'),
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
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
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
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
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

// ---- Partnership registers (Govern, Value, Pilot, Monitor) ------------------------------
// The lists under `partnerships[]` of the document live in tables, so each item can be
// changed on its own (ETag), filtered by visibility in SQL, and audited. Export puts them
// back in document order (`position`).

/**
 * One item of a partnership's list: `section` is the document field (decisions, obligations,
 * issues, risks, disputes, milestones, kpis, healthChecks, gates, pilots, lessons, stageHistory),
 * `key` its id (a gate's `to`; a stage change's ordinal). `data` is the item as in the
 * document, without the parts kept in their own tables (KPI measurements, health-check answers).
 */
export const partnershipRecords = pgTable(
  'partnership_records',
  {
    ecosystemId: text('ecosystem_id').notNull(),
    partnershipId: text('partnership_id').notNull(),
    section: text('section').notNull(),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    data: jsonb('data').notNull(),
    /** private (owner organization + orchestrators), partnership (its members), ecosystem (everyone; default). */
    visibility: text('visibility'),
    ownerOrganizationId: uuid('owner_organization_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ecosystemId, t.partnershipId, t.section, t.key] }),
    foreignKey({
      columns: [t.ecosystemId, t.partnershipId],
      foreignColumns: [partnerships.ecosystemId, partnerships.id],
    })
      .onDelete('cascade')
      .onUpdate('cascade'),
    index('partnership_records_pos_idx').on(t.ecosystemId, t.partnershipId, t.section, t.position),
  ],
);

/** KPI measurements (one per KPI and day), kept apart from the KPI for bulk entry and CSV upload. */
export const kpiMeasurements = pgTable(
  'kpi_measurements',
  {
    ecosystemId: text('ecosystem_id').notNull(),
    partnershipId: text('partnership_id').notNull(),
    kpiId: text('kpi_id').notNull(),
    date: text('date').notNull(),
    value: doublePrecision('value').notNull(),
    /** Any other fields of the measurement (note, source…), as in the document. */
    extra: jsonb('extra'),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ecosystemId, t.partnershipId, t.kpiId, t.date] }),
    foreignKey({
      columns: [t.ecosystemId, t.partnershipId],
      foreignColumns: [partnerships.ecosystemId, partnerships.id],
    })
      .onDelete('cascade')
      .onUpdate('cascade'),
  ],
);

/** Health-check answers: private to the answering organization until the cycle closes. */
export const healthCheckAnswers = pgTable(
  'health_check_answers',
  {
    ecosystemId: text('ecosystem_id').notNull(),
    partnershipId: text('partnership_id').notNull(),
    cycleId: text('cycle_id').notNull(),
    /** The member actor that answered (its organization). */
    organization: text('organization').notNull(),
    dimension: text('dimension').notNull(),
    position: integer('position').notNull(),
    /** The answer as in the document (score, comment, …). */
    data: jsonb('data').notNull(),
    answeredBy: uuid('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ecosystemId, t.partnershipId, t.cycleId, t.organization, t.dimension] }),
    foreignKey({
      columns: [t.ecosystemId, t.partnershipId],
      foreignColumns: [partnerships.ecosystemId, partnerships.id],
    })
      .onDelete('cascade')
      .onUpdate('cascade'),
  ],
);

/**
 * The contributions and benefits ledger: append-only and tamper-evident. `hash` is the
 * SHA-256 of the entry's canonical content together with `prev_hash` (the previous entry's
 * hash in `seq` order within the partnership), so editing or removing a row breaks the chain.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    ecosystemId: text('ecosystem_id').notNull(),
    partnershipId: text('partnership_id').notNull(),
    seq: integer('seq').notNull(),
    id: text('id').notNull(),
    actorId: text('actor_id').notNull(),
    /** The entry as in the document (kind, type, value, currency, date, …). */
    data: jsonb('data').notNull(),
    visibility: text('visibility'),
    ownerOrganizationId: uuid('owner_organization_id'),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ecosystemId, t.partnershipId, t.seq] }),
    uniqueIndex('ledger_entries_id_key').on(t.ecosystemId, t.partnershipId, t.id),
    foreignKey({
      columns: [t.ecosystemId, t.partnershipId],
      foreignColumns: [partnerships.ecosystemId, partnerships.id],
    })
      .onDelete('cascade')
      .onUpdate('cascade'),
  ],
);

/** Earlier versions of a partnership's charter (the current one is `partnerships.charter`), newest last. */
export const charterVersions = pgTable(
  'charter_versions',
  {
    ecosystemId: text('ecosystem_id').notNull(),
    partnershipId: text('partnership_id').notNull(),
    seq: integer('seq').notNull(),
    /** The charter as it was, with the ratifications it had gathered. */
    charter: jsonb('charter').notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }).notNull().defaultNow(),
    supersededBy: uuid('superseded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.ecosystemId, t.partnershipId, t.seq] }),
    foreignKey({
      columns: [t.ecosystemId, t.partnershipId],
      foreignColumns: [partnerships.ecosystemId, partnerships.id],
    })
      .onDelete('cascade')
      .onUpdate('cascade'),
  ],
);

// ---- Ecosystem-level records (Discover) --------------------------------------------------

/**
 * Ecosystem-level lists (the Discover module: selection criteria, candidate ratings, the
 * partner pipeline, readiness assessments), one item per row, like partnership_records.
 */
export const ecosystemRecords = pgTable(
  'ecosystem_records',
  {
    ecosystemId: text('ecosystem_id')
      .notNull()
      .references(() => ecosystems.id, { onDelete: 'cascade' }),
    section: text('section').notNull(),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    data: jsonb('data').notNull(),
    visibility: text('visibility'),
    ownerOrganizationId: uuid('owner_organization_id'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ecosystemId, t.section, t.key] }),
    index('ecosystem_records_pos_idx').on(t.ecosystemId, t.section, t.position),
  ],
);

// ---- The monitoring agent: health history, alerts, webhooks ------------------------------

/** Health score of each partnership each time the agent computed it (the trend). */
export const healthHistory = pgTable(
  'health_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ecosystemId: text('ecosystem_id').notNull(),
    partnershipId: text('partnership_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The day the score is for (the agent's clock). */
    day: text('day').notNull(),
    score: doublePrecision('score'),
    rag: text('rag'),
    components: jsonb('components'),
    signals: jsonb('signals'),
  },
  (t) => [
    uniqueIndex('health_history_day_key').on(t.ecosystemId, t.partnershipId, t.day),
    foreignKey({
      columns: [t.ecosystemId, t.partnershipId],
      foreignColumns: [partnerships.ecosystemId, partnerships.id],
    })
      .onDelete('cascade')
      .onUpdate('cascade'),
  ],
);

/** Alerts the monitoring agent raised: deduplicated by `dedupe_key`, acknowledged by a person. */
export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ecosystemId: text('ecosystem_id')
      .notNull()
      .references(() => ecosystems.id, { onDelete: 'cascade' }),
    partnershipId: text('partnership_id'),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    severity: text('severity').notNull(),
    title: text('title').notNull(),
    /** Why: the evidence and the rule, and the recommended action. */
    detail: jsonb('detail').notNull(),
    status: text('status').notNull().default('open'),
    firstRaisedAt: timestamp('first_raised_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('alerts_open_key')
      .on(t.ecosystemId, t.dedupeKey)
      .where(sql`${t.status} <> 'resolved'`),
    index('alerts_eco_idx').on(t.ecosystemId, t.id),
  ],
);

/** Where alerts are sent: signed with HMAC-SHA256 using `secret` (stored encrypted). */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  ecosystemId: text('ecosystem_id')
    .notNull()
    .references(() => ecosystems.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  description: text('description'),
  /** The signing secret, encrypted with the server's key (AES-256-GCM). */
  secretCiphertext: text('secret_ciphertext').notNull(),
  events: jsonb('events')
    .notNull()
    .default(sql`'["alert.raised"]'::jsonb`),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** Each attempt to deliver an event to an endpoint, retried with backoff until delivered or given up. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    alertId: bigint('alert_id', { mode: 'number' }),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
  ],
);

/** Runs of the monitoring agent (one at a time across instances, under an advisory lock). */
export const agentRuns = pgTable('agent_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ecosystemId: text('ecosystem_id'),
  reason: text('reason').notNull(),
  instance: text('instance'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  stats: jsonb('stats'),
  error: text('error'),
});
