/**
 * Roles and organization links per ecosystem, and the viewer context the
 * access policy (core/access/policy.ts) decides on, read in one query.
 */
import type { Role, Viewer } from '@valueweb/core';
import type { Db, Queryable } from './db.ts';
import { writeAudit, type AuditContext } from './audit.ts';
import { StoreError } from './errors.ts';

export interface RoleAssignment {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
  organizationName: string;
  role: Role;
}

export interface OrganizationLink {
  organizationId: string;
  organizationName: string;
  actorId: string;
}

export class AccessRepository {
  constructor(private readonly db: Db) {}

  /** The viewer context of a user in an ecosystem: role, their organization's actor, its partnerships. */
  async viewer(
    user: { id: string; organizationId: string; isAdmin: boolean },
    ecosystemId: string,
    scope: 'read' | 'write',
    q: Queryable = this.db,
  ): Promise<Viewer & { ecosystemExists: boolean }> {
    const rows = await q.query<{
      exists: boolean;
      role: Role | null;
      actor_id: string | null;
      pids: string[] | null;
    }>(
      `select exists(select 1 from ecosystems where id = $1) as exists,
        (select role from ecosystem_roles where ecosystem_id = $1 and user_id = $2) as role,
        (select actor_id from ecosystem_organizations where ecosystem_id = $1 and organization_id = $3) as actor_id,
        (select array_agg(m.partnership_id order by m.partnership_id) from partnership_members m
           join ecosystem_organizations o on o.ecosystem_id = m.ecosystem_id and o.actor_id = m.actor_id
          where m.ecosystem_id = $1 and o.organization_id = $3) as pids`,
      [ecosystemId, user.id, user.organizationId],
    );
    const r = rows[0]!;
    return {
      userId: user.id,
      organizationId: user.organizationId,
      isAdmin: user.isAdmin,
      role: r.role,
      actorId: r.actor_id,
      partnershipIds: r.pids ?? [],
      scope,
      ecosystemExists: r.exists,
    };
  }

  /** Ecosystem ids a user has a role in (all of them for an admin), with the role. */
  async rolesOf(userId: string): Promise<{ ecosystemId: string; role: Role }[]> {
    return this.db.query<{ ecosystemId: string; role: Role }>(
      `select ecosystem_id as "ecosystemId", role from ecosystem_roles where user_id = $1 order by ecosystem_id`,
      [userId],
    );
  }

  /** Gives a user a role in an ecosystem (or changes it); audited. */
  async setRole(
    ecosystemId: string,
    userId: string,
    role: Role,
    audit?: AuditContext,
    q?: Queryable,
  ): Promise<void> {
    const run = async (tx: Queryable) => {
      const before = await tx.query<{ role: string }>(
        'select role from ecosystem_roles where ecosystem_id = $1 and user_id = $2',
        [ecosystemId, userId],
      );
      const user = await tx.query('select 1 from users where id = $1', [userId]);
      if (user.length === 0) throw new StoreError('not_found', `no user ${userId}`);
      await tx.query(
        `insert into ecosystem_roles (ecosystem_id, user_id, role) values ($1, $2, $3)
         on conflict (ecosystem_id, user_id) do update set role = excluded.role`,
        [ecosystemId, userId, role],
      );
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'role.set',
        entity: 'role',
        entityId: userId,
        before: before[0] ?? null,
        after: { role },
      });
    };
    return q ? run(q) : this.db.transaction(run);
  }

  async removeRole(ecosystemId: string, userId: string, audit?: AuditContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows = await tx.query<{ role: string }>(
        'delete from ecosystem_roles where ecosystem_id = $1 and user_id = $2 returning role',
        [ecosystemId, userId],
      );
      if (rows.length === 0)
        throw new StoreError('not_found', `user ${userId} has no role in "${ecosystemId}"`);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'role.remove',
        entity: 'role',
        entityId: userId,
        before: rows[0],
        after: null,
      });
    });
  }

  async listRoles(ecosystemId: string): Promise<RoleAssignment[]> {
    return this.db.query<RoleAssignment>(
      `select u.id as "userId", u.email, u.name, u.organization_id as "organizationId", o.name as "organizationName", r.role
         from ecosystem_roles r join users u on u.id = r.user_id join organizations o on o.id = u.organization_id
        where r.ecosystem_id = $1 order by o.name, u.name`,
      [ecosystemId],
    );
  }

  /** Links an organization to its actor in an ecosystem; audited. */
  async linkOrganization(
    ecosystemId: string,
    organizationId: string,
    actorId: string,
    audit?: AuditContext,
    q?: Queryable,
  ): Promise<void> {
    const run = async (tx: Queryable) => {
      const actor = await tx.query('select 1 from actors where ecosystem_id = $1 and id = $2', [
        ecosystemId,
        actorId,
      ]);
      if (actor.length === 0)
        throw new StoreError('not_found', `no actor "${actorId}" in "${ecosystemId}"`, { field: 'actorId' });
      const taken = await tx.query<{ organization_id: string }>(
        'select organization_id from ecosystem_organizations where ecosystem_id = $1 and actor_id = $2 and organization_id <> $3',
        [ecosystemId, actorId, organizationId],
      );
      if (taken.length > 0)
        throw new StoreError('conflict', `actor "${actorId}" is already linked to another organization`, {
          field: 'actorId',
        });
      await tx.query(
        `insert into ecosystem_organizations (ecosystem_id, organization_id, actor_id) values ($1, $2, $3)
         on conflict (ecosystem_id, organization_id) do update set actor_id = excluded.actor_id`,
        [ecosystemId, organizationId, actorId],
      );
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'organization.link',
        entity: 'organization',
        entityId: organizationId,
        before: null,
        after: { actorId },
      });
    };
    return q ? run(q) : this.db.transaction(run);
  }

  async listOrganizationLinks(ecosystemId: string): Promise<OrganizationLink[]> {
    return this.db.query<OrganizationLink>(
      `select l.organization_id as "organizationId", o.name as "organizationName", l.actor_id as "actorId"
         from ecosystem_organizations l join organizations o on o.id = l.organization_id
        where l.ecosystem_id = $1 order by o.name`,
      [ecosystemId],
    );
  }
}
