/**
 * The one typed client for REST API v1 (docs/api-v1.md). Sends the session
 * cookie (same origin), the CSRF token on state-changing requests, `If-Match`
 * with the version on PATCH and DELETE, and turns every error body into an
 * ApiError. Nothing else in the app calls fetch.
 */
import type { Actor, EcosystemDocumentInput, Partnership, Relationship } from '@valueweb/core';
import { ApiError } from './errors.ts';
import { normalizeEcosystem, normalizeOrganizationLink, normalizeUser } from './normalize.ts';
import type {
  ActorRecord,
  ApiToken,
  AuditEvent,
  Ecosystem,
  EcosystemSummary,
  Graph,
  ImportResult,
  InviteInfo,
  InviteLink,
  Me,
  Organization,
  OrganizationLink,
  Page,
  PartnershipRecord,
  RelationshipRecord,
  Role,
  RoleGrant,
  Session,
  User,
} from './types.ts';

export { ApiError };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  /** A JSON body. */
  body?: unknown;
  /** A text body sent as is, with `contentType`. */
  text?: string;
  contentType?: string;
  /** The version the change is based on: sent as `If-Match: "<version>"`. */
  version?: number;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  /** Prefix of every path; `/api/v1` by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called when an answer is 401 (except for the login itself). */
  onUnauthenticated?: () => void;
}

/** A downloaded file: its text and the name the server suggests. */
export interface Download {
  text: string;
  contentType: string;
  filename: string | null;
}

/** Parameters common to lists. */
export interface ListParams {
  limit?: number;
  cursor?: string | null;
  sort?: string;
}

export interface ActorListParams extends ListParams {
  q?: string;
  kind?: string;
  capability?: string;
}

export interface RelationshipListParams extends ListParams {
  actor?: string;
  kind?: string;
  flow?: string;
}

export interface PartnershipListParams extends ListParams {
  q?: string;
  stage?: string;
}

const UNSAFE = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds `?a=1&b=x` from the defined, non-empty values (in key order given). */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Encodes one path segment (ids may hold `:` and `.`, never `/`). */
const seg = (s: string | number) => encodeURIComponent(String(s));

/** Reads the file name of a `content-disposition: attachment; filename="x"` header. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? null;
}

export class ApiClient {
  private csrfToken: string | null = null;
  private csrfPending: Promise<string | null> | null = null;
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  /** Called when an answer is 401 (the session ended); the app sends the user to sign in. */
  onUnauthenticated: (() => void) | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.base = options.baseUrl ?? '/api/v1';
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.onUnauthenticated = options.onUnauthenticated;
  }

  /** Remembers the token `login`, `accept` or `me` returned. */
  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  /** Sends a request and returns the parsed JSON answer (undefined for 204). */
  async request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, opts);
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('json')) return (await res.json()) as T;
    return (await res.text()) as T;
  }

  /** Sends a GET and returns the answer as a file (for exports). */
  async download(path: string, query?: Query): Promise<Download> {
    const res = await this.send('GET', path, { query });
    return {
      text: await res.text(),
      contentType: res.headers.get('content-type') ?? 'application/octet-stream',
      filename: filenameFromDisposition(res.headers.get('content-disposition')),
    };
  }

  private async send(method: Method, path: string, opts: RequestOptions, retried = false): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | undefined;
    if (opts.text !== undefined) {
      body = opts.text;
      headers['content-type'] = opts.contentType ?? 'text/plain';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    if (opts.version !== undefined) headers['if-match'] = `"${opts.version}"`;
    const anonymous = isAnonymous(path);
    if (UNSAFE.has(method) && !anonymous) {
      const token = this.csrfToken ?? (await this.fetchCsrfToken());
      if (token) headers['x-csrf-token'] = token;
    }

    let res: Response;
    try {
      res = await this.fetchImpl(`${this.base}${path}${queryString(opts.query)}`, {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: opts.signal,
      });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError(0, 'network', 'Valueweb could not reach the server.');
    }
    if (res.ok) return res;

    const error = await toApiError(res);
    // A stale CSRF token (the session was renewed elsewhere): fetch the current one and try once more.
    if (
      res.status === 403 &&
      /csrf/i.test(`${error.code} ${error.message}`) &&
      UNSAFE.has(method) &&
      !retried
    ) {
      this.csrfToken = null;
      return this.send(method, path, opts, true);
    }
    if (res.status === 401 && !anonymous) {
      this.csrfToken = null;
      this.onUnauthenticated?.();
    }
    throw error;
  }

  /** Asks `/auth/me` for the CSRF token once, however many requests wait for it. */
  private fetchCsrfToken(): Promise<string | null> {
    this.csrfPending ??= this.fetchImpl(`${this.base}/auth/me`, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    })
      .then(async (res) => {
        if (!res.ok) return null;
        const me = (await res.json()) as Partial<Me>;
        this.csrfToken = typeof me.csrfToken === 'string' ? me.csrfToken : null;
        return this.csrfToken;
      })
      .catch(() => null)
      .finally(() => {
        this.csrfPending = null;
      });
    return this.csrfPending;
  }

  // ---- auth -------------------------------------------------------------

  async login(email: string, password: string): Promise<Session> {
    const session = await this.request<Session>('POST', '/auth/login', { body: { email, password } });
    this.csrfToken = session.csrfToken;
    return { ...session, user: normalizeUser(session.user) };
  }

  async logout(): Promise<void> {
    try {
      await this.request<void>('POST', '/auth/logout');
    } finally {
      this.csrfToken = null;
    }
  }

  async me(): Promise<Me> {
    const me = await this.request<Me>('GET', '/auth/me');
    this.csrfToken = me.csrfToken;
    return { ...me, user: normalizeUser(me.user), roles: me.roles ?? [] };
  }

  invite(token: string): Promise<InviteInfo> {
    return this.request('GET', `/invites/${seg(token)}`);
  }

  async acceptInvite(token: string, password: string): Promise<Session> {
    const session = await this.request<Session>('POST', `/invites/${seg(token)}/accept`, {
      body: { password },
    });
    if (session && typeof session.csrfToken === 'string') this.csrfToken = session.csrfToken;
    return session;
  }

  // ---- people -----------------------------------------------------------

  async users(organizationId?: string): Promise<Page<User>> {
    const page = await this.request<Page<unknown>>('GET', '/users', { query: { organizationId } });
    return { items: (page.items ?? []).map(normalizeUser), nextCursor: page.nextCursor ?? null };
  }

  organizations(): Promise<Page<Organization>> {
    return this.request('GET', '/organizations');
  }

  createOrganization(name: string): Promise<Organization> {
    return this.request('POST', '/organizations', { body: { name } });
  }

  tokens(): Promise<Page<ApiToken>> {
    return this.request('GET', '/tokens');
  }

  // ---- ecosystems -------------------------------------------------------

  ecosystems(): Promise<{ items: EcosystemSummary[] }> {
    return this.request('GET', '/ecosystems');
  }

  async ecosystem(id: string): Promise<Ecosystem> {
    return normalizeEcosystem(await this.request('GET', `/ecosystems/${seg(id)}`));
  }

  async createEcosystem(input: { id: string; name: string; purpose?: string }): Promise<Ecosystem> {
    return normalizeEcosystem(await this.request('POST', '/ecosystems', { body: input }));
  }

  /** Changes name, purpose or goals; the answer keeps the caller's role (a PATCH answer may not carry it). */
  async updateEcosystem(
    id: string,
    patch: { name?: string; purpose?: string; goals?: string[] },
    version: number,
    role: Ecosystem['role'] = null,
  ): Promise<Ecosystem> {
    const e = normalizeEcosystem(
      await this.request('PATCH', `/ecosystems/${seg(id)}`, { body: patch, version }),
    );
    return { ...e, role: e.role ?? role };
  }

  deleteEcosystem(id: string, version: number): Promise<void> {
    return this.request('DELETE', `/ecosystems/${seg(id)}`, { version });
  }

  /**
   * Imports a document. Text (YAML, or JSON, which is YAML too) is sent as
   * `application/yaml` so the server reports every problem with its line and
   * column; an object is sent as `{document}`.
   */
  importDocument(
    document: string | EcosystemDocumentInput,
    opts: { replace?: boolean } = {},
  ): Promise<ImportResult> {
    const query = { replace: opts.replace ? 'true' : undefined };
    if (typeof document === 'string')
      return this.request('POST', '/ecosystems/import', {
        text: document,
        contentType: 'application/yaml',
        query,
      });
    return this.request('POST', '/ecosystems/import', { body: { document }, query });
  }

  exportDocument(id: string, format: 'yaml' | 'json'): Promise<Download> {
    return this.download(`/ecosystems/${seg(id)}/document`, { format });
  }

  roles(id: string): Promise<Page<RoleGrant>> {
    return this.request('GET', `/ecosystems/${seg(id)}/roles`);
  }

  setRole(id: string, userId: string, role: Role): Promise<RoleGrant> {
    return this.request('PUT', `/ecosystems/${seg(id)}/roles/${seg(userId)}`, { body: { role } });
  }

  async ecosystemOrganizations(id: string): Promise<Page<OrganizationLink>> {
    const page = await this.request<Page<unknown>>('GET', `/ecosystems/${seg(id)}/organizations`);
    return { items: (page.items ?? []).map(normalizeOrganizationLink), nextCursor: page.nextCursor ?? null };
  }

  linkOrganization(id: string, organizationId: string, actorId: string): Promise<unknown> {
    return this.request('PUT', `/ecosystems/${seg(id)}/organizations/${seg(organizationId)}`, {
      body: { actorId },
    });
  }

  createInvite(
    id: string,
    input: { email: string; name: string; organizationId: string; role: Role },
  ): Promise<InviteLink> {
    return this.request('POST', `/ecosystems/${seg(id)}/invites`, { body: input });
  }

  // ---- actors -----------------------------------------------------------

  actors(id: string, params: ActorListParams = {}): Promise<Page<ActorRecord>> {
    return this.request('GET', `/ecosystems/${seg(id)}/actors`, { query: { ...params } });
  }

  actor(id: string, actorId: string): Promise<ActorRecord> {
    return this.request('GET', `/ecosystems/${seg(id)}/actors/${seg(actorId)}`);
  }

  createActor(id: string, actor: Actor): Promise<ActorRecord> {
    return this.request('POST', `/ecosystems/${seg(id)}/actors`, { body: actor });
  }

  updateActor(id: string, actorId: string, patch: Partial<Actor>, version: number): Promise<ActorRecord> {
    return this.request('PATCH', `/ecosystems/${seg(id)}/actors/${seg(actorId)}`, { body: patch, version });
  }

  deleteActor(id: string, actorId: string, version: number): Promise<void> {
    return this.request('DELETE', `/ecosystems/${seg(id)}/actors/${seg(actorId)}`, { version });
  }

  // ---- relationships ----------------------------------------------------

  relationships(id: string, params: RelationshipListParams = {}): Promise<Page<RelationshipRecord>> {
    return this.request('GET', `/ecosystems/${seg(id)}/relationships`, { query: { ...params } });
  }

  relationship(id: string, relId: string | number): Promise<RelationshipRecord> {
    return this.request('GET', `/ecosystems/${seg(id)}/relationships/${seg(relId)}`);
  }

  createRelationship(id: string, rel: Relationship): Promise<RelationshipRecord> {
    return this.request('POST', `/ecosystems/${seg(id)}/relationships`, { body: rel });
  }

  updateRelationship(
    id: string,
    relId: string | number,
    patch: Partial<Relationship>,
    version: number,
  ): Promise<RelationshipRecord> {
    return this.request('PATCH', `/ecosystems/${seg(id)}/relationships/${seg(relId)}`, {
      body: patch,
      version,
    });
  }

  deleteRelationship(id: string, relId: string | number, version: number): Promise<void> {
    return this.request('DELETE', `/ecosystems/${seg(id)}/relationships/${seg(relId)}`, { version });
  }

  // ---- partnerships -----------------------------------------------------

  partnerships(id: string, params: PartnershipListParams = {}): Promise<Page<PartnershipRecord>> {
    return this.request('GET', `/ecosystems/${seg(id)}/partnerships`, { query: { ...params } });
  }

  partnership(id: string, pid: string): Promise<PartnershipRecord> {
    return this.request('GET', `/ecosystems/${seg(id)}/partnerships/${seg(pid)}`);
  }

  createPartnership(id: string, p: Partnership): Promise<PartnershipRecord> {
    return this.request('POST', `/ecosystems/${seg(id)}/partnerships`, { body: p });
  }

  updatePartnership(
    id: string,
    pid: string,
    patch: Partial<Partnership>,
    version: number,
  ): Promise<PartnershipRecord> {
    return this.request('PATCH', `/ecosystems/${seg(id)}/partnerships/${seg(pid)}`, { body: patch, version });
  }

  deletePartnership(id: string, pid: string, version: number): Promise<void> {
    return this.request('DELETE', `/ecosystems/${seg(id)}/partnerships/${seg(pid)}`, { version });
  }

  putMember(id: string, pid: string, actorId: string, role?: string): Promise<unknown> {
    return this.request('PUT', `/ecosystems/${seg(id)}/partnerships/${seg(pid)}/members/${seg(actorId)}`, {
      body: role ? { role } : {},
    });
  }

  removeMember(id: string, pid: string, actorId: string): Promise<void> {
    return this.request('DELETE', `/ecosystems/${seg(id)}/partnerships/${seg(pid)}/members/${seg(actorId)}`);
  }

  // ---- map and audit ----------------------------------------------------

  graph(id: string, signal?: AbortSignal): Promise<Graph> {
    return this.request('GET', `/ecosystems/${seg(id)}/graph`, signal ? { signal } : {});
  }

  audit(id: string, params: ListParams = {}): Promise<Page<AuditEvent>> {
    return this.request('GET', `/ecosystems/${seg(id)}/audit`, { query: { ...params } });
  }
}

/** Paths that need no session (and so no CSRF token). */
function isAnonymous(path: string): boolean {
  return path === '/auth/login' || /^\/invites\/[^/]+(\/accept)?$/.test(path);
}

/** Turns a non-2xx answer into an ApiError, whatever its body. */
async function toApiError(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('x-request-id') ?? undefined;
  let raw: unknown;
  try {
    raw = await res.json();
  } catch {
    raw = undefined;
  }
  const err = raw && typeof raw === 'object' ? (raw as { error?: unknown }).error : undefined;
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown };
    return new ApiError(
      res.status,
      typeof e.code === 'string' ? e.code : `http_${res.status}`,
      typeof e.message === 'string' ? e.message : res.statusText,
      e.details,
      typeof e.requestId === 'string' ? e.requestId : requestId,
    );
  }
  const fallback: Record<number, string> = {
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    412: 'precondition_failed',
    413: 'payload_too_large',
    428: 'precondition_required',
    429: 'rate_limited',
  };
  return new ApiError(
    res.status,
    fallback[res.status] ?? `http_${res.status}`,
    res.statusText || `The server answered ${res.status}.`,
    undefined,
    requestId,
  );
}

/** The app's client. */
export const api = new ApiClient();
