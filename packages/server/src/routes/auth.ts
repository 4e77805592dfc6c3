/** auth (login, logout, me), personal API tokens, and accepting invitations. */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { SESSION_COOKIE, SESSION_DAYS, auditOf, requireUser } from '../auth/principal.ts';
import { hashPassword, newSecret, sha256, verifyPassword } from '../auth/secrets.ts';

const Email = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^@\s]+@[^@\s]+$/, { error: 'expected an email address' });
const Password = z.string().min(1).max(1000);
const NewPassword = z.string().min(12, { error: 'expected at least 12 characters' }).max(1000);

export function authRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const startSession = async (userId: string, reply: import('fastify').FastifyReply, secure: boolean) => {
    const secret = newSecret();
    const csrfToken = newSecret();
    await store.auth.createSession(
      sha256(secret),
      userId,
      csrfToken,
      new Date(Date.now() + SESSION_DAYS * 86400_000),
    );
    void reply.setCookie(SESSION_COOKIE, secret, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure,
      maxAge: SESSION_DAYS * 86400,
    });
    return csrfToken;
  };

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password (sets the session cookie)',
        body: z.strictObject({ email: Email, password: Password }),
      },
      config: {
        rateLimit: {
          max: (app as unknown as { loginRateLimit: number }).loginRateLimit,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req) => {
            const email = (req.body as { email?: unknown } | undefined)?.email;
            return `${req.ip}:${typeof email === 'string' ? email.toLowerCase() : ''}`;
          },
        },
      },
    },
    async (request, reply) => {
      const user = await store.people.findUserByEmail(request.body.email);
      const ok = await verifyPassword(request.body.password, user?.passwordHash ?? null);
      if (!user || !ok) throw new HttpError(401, 'unauthenticated', 'wrong email or password');
      const csrfToken = await startSession(user.id, reply, request.protocol === 'https');
      const me = await store.auth.user(user.id);
      return { user: presentUser(me!), csrfToken };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the session' } },
    async (request, reply) => {
      if (request.principal?.sessionId) await store.auth.deleteSession(request.principal.sessionId);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'The current user, their roles, and the CSRF token' } },
    async (request) => {
      const p = requireUser(request);
      const roles = await store.access.rolesOf(p.user.id);
      return { user: presentUser(p.user), roles, csrfToken: p.csrfToken ?? null, via: p.via, scope: p.scope };
    },
  );

  r.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password (ends your other sessions)',
        body: z.strictObject({ currentPassword: Password, newPassword: NewPassword }),
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      if (p.via === 'token')
        throw new HttpError(403, 'forbidden', 'change your password from a logged-in session');
      const user = await store.people.findUserByEmail(p.user.email);
      if (!(await verifyPassword(request.body.currentPassword, user?.passwordHash ?? null))) {
        throw new HttpError(400, 'validation_failed', 'the current password is wrong', [
          { field: 'currentPassword', message: 'wrong password' },
        ]);
      }
      await store.people.setPasswordHash(
        p.user.id,
        await hashPassword(request.body.newPassword),
        auditOf(request),
      );
      const csrfToken = await startSession(p.user.id, reply, request.protocol === 'https');
      return { csrfToken };
    },
  );

  r.get(
    '/api/v1/tokens',
    { schema: { tags: ['tokens'], summary: 'Your personal API tokens' } },
    async (request) => {
      const p = requireUser(request);
      return { items: await store.auth.listTokens(p.user.id) };
    },
  );

  r.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create a personal API token (shown once)',
        body: z.strictObject({ name: z.string().trim().min(1).max(100), scope: z.enum(['read', 'write']) }),
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      if (p.via === 'token')
        throw new HttpError(
          403,
          'forbidden',
          'tokens are created from a logged-in session, not with another token',
        );
      const token = newSecret('vw_');
      const info = await store.auth.createToken(
        p.user.id,
        request.body.name,
        request.body.scope,
        sha256(token),
        auditOf(request),
      );
      return reply.status(201).send({ ...info, token });
    },
  );

  r.delete(
    '/api/v1/tokens/:id',
    { schema: { tags: ['tokens'], summary: 'Revoke a token', params: z.strictObject({ id: z.uuid() }) } },
    async (request, reply) => {
      const p = requireUser(request);
      await store.auth.revokeToken(p.user.id, request.params.id, auditOf(request));
      return reply.status(204).send();
    },
  );

  const TokenParam = z.strictObject({
    token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'not an invitation token' }),
  });

  r.get(
    '/api/v1/invites/:token',
    { schema: { tags: ['invites'], summary: 'What an invitation is for', params: TokenParam } },
    async (request) => {
      const inv = await store.auth.invite(sha256(request.params.token));
      if (!inv || inv.expired || inv.acceptedAt)
        throw new HttpError(
          404,
          'not_found',
          'this invitation link is not valid, has expired or has been used',
        );
      return {
        email: inv.email,
        name: inv.name,
        organization: { id: inv.organizationId, name: inv.organizationName },
        ecosystemId: inv.ecosystemId,
        role: inv.role,
        expiresAt: inv.expiresAt,
      };
    },
  );

  r.post(
    '/api/v1/invites/:token/accept',
    {
      schema: {
        tags: ['invites'],
        summary: 'Set a password and log in',
        params: TokenParam,
        body: z.strictObject({ password: NewPassword }),
      },
    },
    async (request, reply) => {
      const user = await store.auth.acceptInvite(
        sha256(request.params.token),
        await hashPassword(request.body.password),
        { requestId: request.id, via: 'web' },
      );
      const csrfToken = await startSession(user.id, reply, request.protocol === 'https');
      return reply.status(201).send({ user: presentUser(user), csrfToken });
    },
  );
}

export function presentUser(u: {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  organizationId: string;
  organizationName: string;
}) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    isAdmin: u.isAdmin,
    organization: { id: u.organizationId, name: u.organizationName },
  };
}
