/** @valueweb/store: the PostgreSQL schema, migrations and repositories, on PGlite or a PostgreSQL server. */
export { Store, type Health, type OpenOptions } from './store.ts';
export {
  openDb,
  redactUrl,
  wrapPglite,
  type Connection,
  type Db,
  type DbConfig,
  type Queryable,
} from './db.ts';
export { StoreError, type StoreErrorCode } from './errors.ts';
export { migrate, migrationStatus, loadMigrations, type MigrationStatus } from './migrate.ts';
export type { EcosystemListItem, ImportOptions, ImportResult } from './ecosystems.ts';
export type { AuditContext, AuditEvent } from './audit.ts';
export type { Organization, User } from './people.ts';
export type { SnapshotInfo } from './snapshots.ts';
export type { RoleAssignment, OrganizationLink } from './access.ts';
export type { AuthUser, TokenInfo, InviteInfo } from './auth.ts';
export type { ActorItem, ActorListQuery } from './actors.ts';
export type { RelationshipItem, RelationshipListQuery } from './relationships.ts';
export type { PartnershipItem } from './partnerships.ts';
export {
  RECORD_SECTIONS,
  type RecordSection,
  type RecordItem,
  type LedgerItem,
  type SectionContext,
  type Authorize,
} from './records.ts';
export {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  alertPayload,
  type AgentRun,
  type AlertDraft,
  type AlertItem,
  type AlertListQuery,
  type AlertSeverity,
  type AlertStatus,
  type HealthRecord,
  type ReconcileInput,
  type ReconcileResult,
} from './alerts.ts';
export {
  WEBHOOK_EVENTS,
  type ClaimedDelivery,
  type DeliveryStatus,
  type WebhookDeliveryItem,
  type WebhookEndpointItem,
  type WebhookEvent,
} from './webhooks.ts';
export { moveStage, type StageMoveOptions, type StageMoveResult } from './pilot.ts';
export { readSections, type SectionReadOptions } from './sections.ts';
export { encodeCursor, decodeCursor } from './query-kit.ts';
export type { CharterAuthorize, CharterInForce, CharterVersionItem, CharterView } from './charters.ts';
export {
  DISCOVER_SECTIONS,
  readDiscover,
  type DiscoverSettings,
  type PipelineActionInput,
  type PipelineItem,
  type PipelinePartnershipInput,
  type ProfileActor,
} from './discover.ts';
