/**
 * Who is calling: a session cookie (with CSRF protection on state-changing
 * requests) or a personal API token. Sessions live in the database, so any
 * server instance can serve any request.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthUser, Store } from '@valueweb/store';
import type { Viewer } from '@valueweb/core';
import { HttpError } from '../errors.ts';
import { sha256 } from './secrets.ts';
import { TtlCache } from './cache.ts';

export const SESSION_COOKIE = 'vw_session';
export const SESSION_DAYS = 14;

export interface Principal {
  user: AuthUser;
  scope: 'read' | 'write';
  via: 'session' | 'token';
  csrfToken?: string;
  sessionId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    accessCache: AccessCache;
  }
}

/** The caches of one server instance (see cache.ts for the trade-off). */
export class AccessCache {
  readonly credentials = new TtlCache<Principal | null>(2000);
  readonly viewers = new TtlCache<Viewer & { ecosystemExists: boolean }>(1000);
  /** Called after any change to sessions, tokens, roles, organization links or memberships. */
  invalidate(): void {
    this.credentials.clear();
    this.viewers.clear();
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Resolves the principal of every request (or null), and enforces CSRF for cookie sessions. */
export function registerPrincipal(app: FastifyInstance, store: Store): void {
  app.decorateRequest('principal', null);
  const cache = new AccessCache();
  app.decorate('accessCache', cache);
  app.addHook('onRequest', async (request) => {
    const auth = request.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer\s+(vw_[A-Za-z0-9_-]{20,100})$/.exec(auth);
      if (!m)
        throw new HttpError(
          401,
          'unauthenticated',
          'the Authorization header must be "Bearer <token>" with a Valueweb API token',
        );
      const key = `t:${sha256(m[1]!)}`;
      let p = cache.credentials.get(key);
      if (p === undefined) {
        const found = await store.auth.tokenUser(key.slice(2));
        p = found ? { user: found.user, scope: found.scope, via: 'token' } : null;
        cache.credentials.set(key, p);
      }
      if (!p) throw new HttpError(401, 'unauthenticated', 'this API token is not valid or has been revoked');
      request.principal = p;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(cookie)) return;
    const sessionId = sha256(cookie);
    const key = `s:${sessionId}`;
    let p = cache.credentials.get(key);
    if (p === undefined) {
      const session = await store.auth.session(sessionId);
      p = session
        ? { user: session.user, scope: 'write', via: 'session', csrfToken: session.csrfToken, sessionId }
        : null;
      cache.credentials.set(key, p);
    }
    if (!p) return;
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== p.csrfToken) {
      throw new HttpError(
        403,
        'csrf_failed',
        'missing or wrong x-csrf-token header (get it from GET /api/v1/auth/me)',
      );
    }
    request.principal = p;
  });
  // Changes to who may see what clear the cache before the response leaves this process.
  app.addHook('onSend', async (request, reply) => {
    if (
      UNSAFE.has(request.method) &&
      reply.statusCode < 400 &&
      (request.method === 'DELETE' || ACCESS_CHANGES.test(request.url))
    )
      cache.invalidate();
  });
}

/** Requests that can change sessions, tokens, roles, organization links or memberships. */
const ACCESS_CHANGES =
  /^\/api\/v1\/(auth|tokens|invites|ecosystems\/import|organizations)|\/(roles|organizations|members|partnerships)(\/|\?|$)/;

/** The caller, or a 401. */
export function requireUser(request: FastifyRequest): Principal {
  if (!request.principal)
    throw new HttpError(
      401,
      'unauthenticated',
      'log in first (POST /api/v1/auth/login) or send an API token',
    );
  return request.principal;
}

/** The caller's viewer context in an ecosystem; 404 when it does not exist or the caller has no role in it. */
export async function viewerFor(request: FastifyRequest, store: Store, ecosystemId: string): Promise<Viewer> {
  const p = requireUser(request);
  const cache = request.server.accessCache;
  const key = `${p.user.id}:${p.scope}:${ecosystemId}`;
  let v = cache.viewers.get(key);
  if (!v) {
    v = await store.access.viewer(p.user, ecosystemId, p.scope);
    cache.viewers.set(key, v);
  }
  if (!v.ecosystemExists || (v.role === null && !v.isAdmin)) {
    throw new HttpError(404, 'not_found', `no ecosystem with id "${ecosystemId}"`);
  }
  const { ecosystemExists: _e, ...viewer } = v;
  return viewer;
}

/** The audit context of a request. */
export function auditOf(request: FastifyRequest): {
  userId: string | null;
  organizationId: string | null;
  requestId: string;
  via: string;
} {
  return {
    userId: request.principal?.user.id ?? null,
    organizationId: request.principal?.user.organizationId ?? null,
    requestId: request.id,
    via: request.principal?.via === 'token' ? 'api' : 'web',
  };
}

/** The version in an If-Match header; 428 when missing, 400 when malformed. */
export function ifMatch(request: FastifyRequest): number {
  const h = request.headers['if-match'];
  if (h === undefined)
    throw new HttpError(
      428,
      'precondition_required',
      'send If-Match with the version you read (the ETag), so concurrent edits never overwrite each other',
    );
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(h.trim());
  if (!m)
    throw new HttpError(400, 'validation_failed', 'If-Match must be the ETag you read, e.g. "3"', [
      { field: 'If-Match', message: 'expected "<version>"' },
    ]);
  return Number(m[1]);
}
