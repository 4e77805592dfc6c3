/** Organizations and users: the parties and people on the platform. */
import type { Db, Queryable } from './db.ts';
import { StoreError } from './errors.ts';
import { writeAudit, type AuditContext } from './audit.ts';

export interface Organization {
  id: string;
  name: string;
  createdAt: string;
}

export interface User {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  createdAt: string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export class PeopleRepository {
  constructor(private readonly db: Db) {}

  /** Creates an organization (audited). */
  async createOrganization(
    name: string,
    audit?: AuditContext,
    q: Queryable = this.db,
  ): Promise<Organization> {
    const run = async (tx: Queryable) => {
      const rows = await tx.query<{ id: string; name: string; created_at: Date }>(
        'insert into organizations (name) values ($1) returning id, name, created_at',
        [name],
      );
      const r = rows[0]!;
      const org = { id: r.id, name: r.name, createdAt: iso(r.created_at) };
      await writeAudit(tx, audit, {
        ecosystemId: null,
        action: 'organization.create',
        entity: 'organization',
        entityId: org.id,
        before: null,
        after: org,
      });
      return org;
    };
    return q === this.db ? this.db.transaction(run) : run(q);
  }

  async listOrganizations(): Promise<Organization[]> {
    const rows = await this.db.query<{ id: string; name: string; created_at: Date }>(
      'select id, name, created_at from organizations order by name, id',
    );
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: iso(r.created_at) }));
  }

  /** Creates a user; the password hash (never the password) is computed by the caller. Email is unique, case-insensitively. */
  async createUser(
    u: {
      organizationId: string;
      email: string;
      name: string;
      passwordHash?: string | null;
      isAdmin?: boolean;
    },
    audit?: AuditContext,
  ): Promise<User> {
    return this.db.transaction(async (tx) => {
      const dup = await tx.query('select 1 from users where lower(email) = lower($1)', [u.email]);
      if (dup.length > 0)
        throw new StoreError('conflict', `a user with email ${u.email} already exists`, { field: 'email' });
      const rows = await tx.query<{ id: string; created_at: Date }>(
        `insert into users (organization_id, email, name, password_hash, is_admin) values ($1, $2, $3, $4, $5) returning id, created_at`,
        [u.organizationId, u.email, u.name, u.passwordHash ?? null, u.isAdmin ?? false],
      );
      const r = rows[0]!;
      const user: User = {
        id: r.id,
        organizationId: u.organizationId,
        email: u.email,
        name: u.name,
        isAdmin: u.isAdmin ?? false,
        createdAt: iso(r.created_at),
      };
      await writeAudit(tx, audit, {
        ecosystemId: null,
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        before: null,
        after: user,
      });
      return user;
    });
  }

  /** Finds a user by email (case-insensitive), with the password hash for the login check. */
  async findUserByEmail(email: string): Promise<(User & { passwordHash: string | null }) | undefined> {
    const rows = await this.db.query<{
      id: string;
      organization_id: string;
      email: string;
      name: string;
      is_admin: boolean;
      created_at: Date;
      password_hash: string | null;
    }>(
      'select id, organization_id, email, name, is_admin, created_at, password_hash from users where lower(email) = lower($1)',
      [email],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          organizationId: r.organization_id,
          email: r.email,
          name: r.name,
          isAdmin: r.is_admin,
          createdAt: iso(r.created_at),
          passwordHash: r.password_hash,
        }
      : undefined;
  }

  /** Users, optionally of one organization (never with password hashes). */
  async listUsers(organizationId?: string): Promise<(User & { organizationName: string })[]> {
    const rows = await this.db.query<{
      id: string;
      organization_id: string;
      organization_name: string;
      email: string;
      name: string;
      is_admin: boolean;
      created_at: Date;
    }>(
      `select u.id, u.organization_id, o.name as organization_name, u.email, u.name, u.is_admin, u.created_at
         from users u join organizations o on o.id = u.organization_id
        where ($1::uuid is null or u.organization_id = $1::uuid) order by o.name, u.name`,
      [organizationId ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      email: r.email,
      name: r.name,
      isAdmin: r.is_admin,
      createdAt: iso(r.created_at),
    }));
  }

  /** Replaces a user's password hash (audited; the hash is not written to the log). */
  async setPasswordHash(userId: string, passwordHash: string, audit?: AuditContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows = await tx.query('update users set password_hash = $2 where id = $1 returning id', [
        userId,
        passwordHash,
      ]);
      if (rows.length === 0) throw new StoreError('not_found', `no user ${userId}`);
      await tx.query('delete from sessions where user_id = $1', [userId]);
      await writeAudit(tx, audit, {
        ecosystemId: null,
        action: 'user.password',
        entity: 'user',
        entityId: userId,
        before: null,
        after: null,
      });
    });
  }

  async countUsers(): Promise<number> {
    const rows = await this.db.query<{ n: number }>('select count(*)::int as n from users');
    return rows[0]?.n ?? 0;
  }
}
