/**
 * The store: one object that opens the configured database (embedded PGlite
 * or a PostgreSQL server), migrates it, and hands out the repositories.
 */
import { openDb, type Db, type DbConfig } from './db.ts';
import { migrate, migrationStatus, type MigrationStatus } from './migrate.ts';
import { EcosystemRepository } from './ecosystems.ts';
import { PeopleRepository } from './people.ts';
import { SnapshotRepository } from './snapshots.ts';
import { listAudit, type AuditEvent } from './audit.ts';
import { AccessRepository } from './access.ts';
import { AuthRepository } from './auth.ts';
import { ActorRepository } from './actors.ts';
import { RelationshipRepository } from './relationships.ts';
import { PartnershipRepository } from './partnerships.ts';
import { RecordRepository } from './records.ts';
import { DiscoverRepository } from './discover.ts';
import { CharterRepository } from './charters.ts';
import { AlertRepository } from './alerts.ts';
import { WebhookRepository } from './webhooks.ts';

export interface OpenOptions {
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
}

export interface Health {
  ok: boolean;
  store: 'embedded' | 'server';
  where: string;
  reachable: boolean;
  migrations: MigrationStatus | null;
  error?: string;
}

export class Store {
  readonly ecosystems: EcosystemRepository;
  readonly people: PeopleRepository;
  readonly snapshots: SnapshotRepository;
  readonly access: AccessRepository;
  readonly auth: AuthRepository;
  readonly actors: ActorRepository;
  readonly relationships: RelationshipRepository;
  readonly partnerships: PartnershipRepository;
  /** A partnership's lists: registers, monitoring, pilot, and the hash-chained ledger. */
  readonly records: RecordRepository;
  /** The discover section: criteria, focal actor, ratings, the partner pipeline, readiness assessments. */
  readonly discover: DiscoverRepository;
  /** A partnership's charter: versions, ratifications, the version in force. */
  readonly charters: CharterRepository;
  /** The monitoring agent's results: health history, alerts, agent runs. */
  readonly alerts: AlertRepository;
  /** Webhook endpoints and their deliveries. */
  readonly webhooks: WebhookRepository;

  private constructor(readonly db: Db) {
    this.ecosystems = new EcosystemRepository(db);
    this.people = new PeopleRepository(db);
    this.snapshots = new SnapshotRepository(db);
    this.access = new AccessRepository(db);
    this.auth = new AuthRepository(db);
    this.actors = new ActorRepository(db);
    this.relationships = new RelationshipRepository(db);
    this.partnerships = new PartnershipRepository(db);
    this.records = new RecordRepository(db);
    this.discover = new DiscoverRepository(db);
    this.charters = new CharterRepository(db, this.records);
    this.alerts = new AlertRepository(db);
    this.webhooks = new WebhookRepository(db);
  }

  /** Opens (and by default migrates) a store. Closes the database again if migration fails. */
  static async open(config: DbConfig, options: OpenOptions = {}): Promise<Store> {
    const db = await openDb(config);
    try {
      if (options.migrate !== false) await migrate(db);
    } catch (e) {
      await db.close();
      throw e;
    }
    return new Store(db);
  }

  /** Wraps an already open database (tests). */
  static wrap(db: Db): Store {
    return new Store(db);
  }

  get kind(): 'embedded' | 'server' {
    return this.db.kind;
  }

  migrate(): Promise<string[]> {
    return migrate(this.db);
  }

  migrationStatus(): Promise<MigrationStatus> {
    return migrationStatus(this.db);
  }

  /** Audit events, newest first. */
  audit(opts: { ecosystemId?: string; before?: number; limit?: number } = {}): Promise<AuditEvent[]> {
    return listAudit(this.db, opts);
  }

  /** Whether the store answers and its migrations are current. */
  async health(): Promise<Health> {
    try {
      const migrations = await migrationStatus(this.db);
      return {
        ok: migrations.current,
        store: this.db.kind,
        where: this.db.where,
        reachable: true,
        migrations,
      };
    } catch (e) {
      return {
        ok: false,
        store: this.db.kind,
        where: this.db.where,
        reachable: false,
        migrations: null,
        error: (e as Error).message,
      };
    }
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
