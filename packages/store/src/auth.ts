/**
 * Sessions, personal API tokens and invitations. Secrets are never stored:
 * the caller passes the SHA-256 of the secret, which is all the database keeps.
 */
import type { Role } from '@valueweb/core';
import type { Db, Queryable } from './db.ts';
import { writeAudit, type AuditContext } from './audit.ts';
import { StoreError } from './errors.ts';

export interface AuthUser {
  id: string;
  organizationId: string;
  organizationName: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

export interface TokenInfo {
  id: string;
  name: string;
  scope: 'read' | 'write';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface InviteInfo {
  id: string;
  email: string;
  name: string;
  organizationId: string;
  organizationName: string;
  ecosystemId: string | null;
  role: Role | null;
  expiresAt: string;
  acceptedAt: string | null;
}

const USER_COLS = `u.id, u.organization_id as "organizationId", o.name as "organizationName", u.email, u.name, u.is_admin as "isAdmin"`;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export class AuthRepository {
  constructor(private readonly db: Db) {}

  async createSession(id: string, userId: string, csrfToken: string, expiresAt: Date): Promise<void> {
    await this.db.query(
      'insert into sessions (id, user_id, csrf_token, expires_at) values ($1, $2, $3, $4)',
      [id, userId, csrfToken, expiresAt],
    );
  }

  /** The user and CSRF token of a live session, or undefined (expired sessions are deleted on sight). */
  async session(id: string): Promise<{ user: AuthUser; csrfToken: string } | undefined> {
    const rows = await this.db.query<AuthUser & { csrfToken: string; expired: boolean }>(
      `select ${USER_COLS}, s.csrf_token as "csrfToken", s.expires_at < now() as expired
         from sessions s join users u on u.id = s.user_id join organizations o on o.id = u.organization_id where s.id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) return undefined;
    if (r.expired) {
      await this.db.query('delete from sessions where id = $1', [id]);
      return undefined;
    }
    const { csrfToken, expired: _e, ...user } = r;
    return { user, csrfToken };
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.query('delete from sessions where id = $1', [id]);
  }

  async user(id: string): Promise<AuthUser | undefined> {
    const rows = await this.db.query<AuthUser>(
      `select ${USER_COLS} from users u join organizations o on o.id = u.organization_id where u.id = $1`,
      [id],
    );
    return rows[0];
  }

  async createToken(
    userId: string,
    name: string,
    scope: 'read' | 'write',
    tokenHash: string,
    audit?: AuditContext,
  ): Promise<TokenInfo> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string; created_at: Date }>(
        'insert into api_tokens (user_id, name, scope, token_hash) values ($1, $2, $3, $4) returning id, created_at',
        [userId, name, scope, tokenHash],
      );
      const t: TokenInfo = {
        id: rows[0]!.id,
        name,
        scope,
        createdAt: iso(rows[0]!.created_at)!,
        lastUsedAt: null,
        revokedAt: null,
      };
      await writeAudit(tx, audit, {
        ecosystemId: null,
        action: 'token.create',
        entity: 'token',
        entityId: t.id,
        before: null,
        after: { name, scope },
      });
      return t;
    });
  }

  async listTokens(userId: string): Promise<TokenInfo[]> {
    const rows = await this.db.query<{
      id: string;
      name: string;
      scope: 'read' | 'write';
      created_at: Date;
      last_used_at: Date | null;
      revoked_at: Date | null;
    }>(
      'select id, name, scope, created_at, last_used_at, revoked_at from api_tokens where user_id = $1 order by created_at desc, id',
      [userId],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      scope: r.scope,
      createdAt: iso(r.created_at)!,
      lastUsedAt: iso(r.last_used_at),
      revokedAt: iso(r.revoked_at),
    }));
  }

  async revokeToken(userId: string, id: string, audit?: AuditContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows = await tx.query(
        'update api_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null returning id',
        [id, userId],
      );
      if (rows.length === 0) throw new StoreError('not_found', `no active token ${id}`);
      await writeAudit(tx, audit, {
        ecosystemId: null,
        action: 'token.revoke',
        entity: 'token',
        entityId: id,
        before: null,
        after: null,
      });
    });
  }

  /** The user and scope of a live (not revoked) token. */
  async tokenUser(tokenHash: string): Promise<{ user: AuthUser; scope: 'read' | 'write' } | undefined> {
    const rows = await this.db.query<AuthUser & { scope: 'read' | 'write'; tokenId: string }>(
      `select ${USER_COLS}, t.scope, t.id as "tokenId" from api_tokens t join users u on u.id = t.user_id
         join organizations o on o.id = u.organization_id where t.token_hash = $1 and t.revoked_at is null`,
      [tokenHash],
    );
    const r = rows[0];
    if (!r) return undefined;
    // Best effort, at most once a minute per token: last use is information, not a control.
    await this.db.query(
      `update api_tokens set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
      [r.tokenId],
    );
    const { scope, tokenId: _t, ...user } = r;
    return { user, scope };
  }

  async createInvite(
    i: {
      tokenHash: string;
      email: string;
      name: string;
      organizationId: string;
      ecosystemId: string | null;
      role: Role | null;
      createdBy: string | null;
      expiresAt: Date;
    },
    audit?: AuditContext,
  ): Promise<{ id: string }> {
    return this.db.transaction(async (tx) => {
      const taken = await tx.query('select 1 from users where lower(email) = lower($1)', [i.email]);
      if (taken.length > 0)
        throw new StoreError('conflict', `a user with email ${i.email} already exists`, { field: 'email' });
      const org = await tx.query('select 1 from organizations where id = $1', [i.organizationId]);
      if (org.length === 0)
        throw new StoreError('not_found', `no organization ${i.organizationId}`, { field: 'organizationId' });
      const rows = await tx.query<{ id: string }>(
        `insert into invites (token_hash, email, name, organization_id, ecosystem_id, role, created_by, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [i.tokenHash, i.email, i.name, i.organizationId, i.ecosystemId, i.role, i.createdBy, i.expiresAt],
      );
      await writeAudit(tx, audit, {
        ecosystemId: i.ecosystemId,
        action: 'invite.create',
        entity: 'invite',
        entityId: rows[0]!.id,
        before: null,
        after: {
          email: i.email,
          name: i.name,
          organizationId: i.organizationId,
          role: i.role,
          expiresAt: i.expiresAt.toISOString(),
        },
      });
      return { id: rows[0]!.id };
    });
  }

  async invite(tokenHash: string): Promise<(InviteInfo & { expired: boolean }) | undefined> {
    const rows = await this.db.query<
      InviteInfo & { expired: boolean; expiresAt: Date; acceptedAt: Date | null }
    >(
      `select i.id, i.email, i.name, i.organization_id as "organizationId", o.name as "organizationName", i.ecosystem_id as "ecosystemId",
              i.role, i.expires_at as "expiresAt", i.accepted_at as "acceptedAt", i.expires_at < now() as expired
         from invites i join organizations o on o.id = i.organization_id where i.token_hash = $1`,
      [tokenHash],
    );
    const r = rows[0];
    return r ? { ...r, expiresAt: iso(r.expiresAt)!, acceptedAt: iso(r.acceptedAt) } : undefined;
  }

  /** Accepts an invite: creates the user with the password hash and the role, in one transaction. */
  async acceptInvite(tokenHash: string, passwordHash: string, audit?: AuditContext): Promise<AuthUser> {
    return this.db.transaction(async (tx: Queryable) => {
      const rows = await tx.query<{
        id: string;
        email: string;
        name: string;
        organization_id: string;
        ecosystem_id: string | null;
        role: string | null;
        expired: boolean;
        accepted_at: Date | null;
      }>(
        'select id, email, name, organization_id, ecosystem_id, role, expires_at < now() as expired, accepted_at from invites where token_hash = $1 for update',
        [tokenHash],
      );
      const inv = rows[0];
      if (!inv) throw new StoreError('not_found', 'this invitation link is not valid');
      if (inv.accepted_at) throw new StoreError('conflict', 'this invitation has already been used');
      if (inv.expired)
        throw new StoreError('not_found', 'this invitation link has expired; ask for a new one');
      const taken = await tx.query('select 1 from users where lower(email) = lower($1)', [inv.email]);
      if (taken.length > 0) throw new StoreError('conflict', `a user with email ${inv.email} already exists`);
      const u = await tx.query<{ id: string }>(
        'insert into users (organization_id, email, name, password_hash) values ($1, $2, $3, $4) returning id',
        [inv.organization_id, inv.email, inv.name, passwordHash],
      );
      const userId = u[0]!.id;
      if (inv.ecosystem_id && inv.role) {
        await tx.query(
          'insert into ecosystem_roles (ecosystem_id, user_id, role) values ($1, $2, $3) on conflict do nothing',
          [inv.ecosystem_id, userId, inv.role],
        );
      }
      await tx.query('update invites set accepted_at = now() where id = $1', [inv.id]);
      await writeAudit(
        tx,
        { ...audit, userId, organizationId: inv.organization_id },
        {
          ecosystemId: inv.ecosystem_id,
          action: 'invite.accept',
          entity: 'user',
          entityId: userId,
          before: null,
          after: { email: inv.email, name: inv.name, role: inv.role },
        },
      );
      const user = await tx.query<AuthUser>(
        `select ${USER_COLS} from users u join organizations o on o.id = u.organization_id where u.id = $1`,
        [userId],
      );
      return user[0]!;
    });
  }

  async listInvites(ecosystemId: string): Promise<InviteInfo[]> {
    const rows = await this.db.query<InviteInfo & { expiresAt: Date; acceptedAt: Date | null }>(
      `select i.id, i.email, i.name, i.organization_id as "organizationId", o.name as "organizationName", i.ecosystem_id as "ecosystemId",
              i.role, i.expires_at as "expiresAt", i.accepted_at as "acceptedAt"
         from invites i join organizations o on o.id = i.organization_id where i.ecosystem_id = $1 order by i.created_at desc`,
      [ecosystemId],
    );
    return rows.map((r) => ({ ...r, expiresAt: iso(r.expiresAt)!, acceptedAt: iso(r.acceptedAt) }));
  }
}
