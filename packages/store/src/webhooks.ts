/**
 * Webhook endpoints of an ecosystem and the deliveries to them. A delivery is
 * a row written in the same transaction as the alert it reports, so an alert
 * is never lost when a receiver is down; a worker claims due rows with
 * `FOR UPDATE SKIP LOCKED` (each delivery is sent by one instance), sends them
 * outside any transaction and records the outcome: delivered, retried later
 * with backoff, or given up after the last attempt (and can be sent again).
 * The signing secret is kept only as ciphertext, sealed by the server's key.
 */
import type { Db, Queryable } from './db.ts';
import { writeAudit, type AuditContext } from './audit.ts';
import { StoreError } from './errors.ts';
import { clampLimit, decodeCursor, encodeCursor } from './query-kit.ts';

/** Events an endpoint can subscribe to; `webhook.test` is sent on request to any endpoint. */
export const WEBHOOK_EVENTS = ['alert.raised', 'alert.resolved'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number] | 'webhook.test';

export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed';

export interface WebhookEndpointItem {
  id: string;
  ecosystemId: string;
  url: string;
  description: string | null;
  events: string[];
  active: boolean;
  createdBy: string | null;
  createdAt: string;
  version: number;
  /** What happened to its deliveries. */
  deliveries: {
    pending: number;
    delivered: number;
    failed: number;
    lastAttemptAt: string | null;
    lastStatusCode: number | null;
  };
}

export interface WebhookDeliveryItem {
  id: number;
  endpointId: string;
  event: string;
  alertId: number | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: Record<string, unknown>;
}

/** A delivery claimed by a worker: what to send, where, and the sealed secret to sign it with. */
export interface ClaimedDelivery {
  id: number;
  endpointId: string;
  ecosystemId: string;
  url: string;
  secretCiphertext: string;
  event: string;
  payload: Record<string, unknown>;
  /** Attempts including this one. */
  attempts: number;
}

/** One event to enqueue for every active endpoint of the ecosystem that subscribes to it. */
export interface EventToDeliver {
  event: string;
  alertId: number | null;
  payload: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

interface EndpointRow {
  id: string;
  ecosystem_id: string;
  url: string;
  description: string | null;
  events: string[];
  active: boolean;
  created_by: string | null;
  created_at: Date | string;
  version: number;
  pending: number;
  delivered: number;
  failed: number;
  last_attempt_at: Date | string | null;
  last_status_code: number | null;
}

const ENDPOINT_SELECT = `select e.id, e.ecosystem_id, e.url, e.description, e.events, e.active, e.created_by, e.created_at, e.version,
  (select count(*)::int from webhook_deliveries d where d.endpoint_id = e.id and d.status in ('pending', 'sending')) as pending,
  (select count(*)::int from webhook_deliveries d where d.endpoint_id = e.id and d.status = 'delivered') as delivered,
  (select count(*)::int from webhook_deliveries d where d.endpoint_id = e.id and d.status = 'failed') as failed,
  (select max(coalesce(d.delivered_at, case when d.attempts > 0 then d.created_at end)) from webhook_deliveries d where d.endpoint_id = e.id) as last_attempt_at,
  (select d.last_status_code from webhook_deliveries d where d.endpoint_id = e.id and d.attempts > 0 order by d.id desc limit 1) as last_status_code
  from webhook_endpoints e`;

function endpointOf(r: EndpointRow): WebhookEndpointItem {
  return {
    id: r.id,
    ecosystemId: r.ecosystem_id,
    url: r.url,
    description: r.description,
    events: r.events,
    active: r.active,
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    version: r.version,
    deliveries: {
      pending: r.pending,
      delivered: r.delivered,
      failed: r.failed,
      lastAttemptAt: iso(r.last_attempt_at),
      lastStatusCode: r.last_status_code,
    },
  };
}

interface DeliveryRow {
  id: number | string;
  endpoint_id: string;
  event: string;
  alert_id: number | string | null;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date | string;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
  payload: Record<string, unknown>;
}

function deliveryOf(r: DeliveryRow): WebhookDeliveryItem {
  return {
    id: Number(r.id),
    endpointId: r.endpoint_id,
    event: r.event,
    alertId: r.alert_id === null ? null : Number(r.alert_id),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' || r.status === 'sending' ? iso(r.next_attempt_at) : null,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    createdAt: iso(r.created_at)!,
    deliveredAt: iso(r.delivered_at),
    payload: r.payload,
  };
}

/** Writes one delivery per (event, active subscribed endpoint) in the caller's transaction; returns how many. */
export async function enqueueDeliveries(
  tx: Queryable,
  ecosystemId: string,
  events: readonly EventToDeliver[],
): Promise<number> {
  if (events.length === 0) return 0;
  const active = await tx.query(
    'select 1 from webhook_endpoints where ecosystem_id = $1 and active limit 1',
    [ecosystemId],
  );
  if (!active.length) return 0;
  let n = 0;
  for (let i = 0; i < events.length; i += 2000) {
    const part = events
      .slice(i, i + 2000)
      .map((e) => ({ event: e.event, alert_id: e.alertId, payload: e.payload }));
    const rows = await tx.query<{ n: number }>(
      `with ins as (
         insert into webhook_deliveries (endpoint_id, event, alert_id, payload)
         select e.id, x.event, x.alert_id, x.payload
           from jsonb_to_recordset($1::jsonb) as x(event text, alert_id bigint, payload jsonb)
           join webhook_endpoints e on e.ecosystem_id = $2 and e.active and e.events ? x.event
         returning 1)
       select count(*)::int as n from ins`,
      [JSON.stringify(part), ecosystemId],
    );
    n += rows[0]?.n ?? 0;
  }
  return n;
}

export class WebhookRepository {
  constructor(private readonly db: Db) {}

  /** The ecosystem's endpoints, oldest first, with delivery counts (never the secret). */
  async list(ecosystemId: string): Promise<WebhookEndpointItem[]> {
    const rows = await this.db.query<EndpointRow>(
      `${ENDPOINT_SELECT} where e.ecosystem_id = $1 order by e.created_at, e.id`,
      [ecosystemId],
    );
    return rows.map(endpointOf);
  }

  async get(ecosystemId: string, id: string, q: Queryable = this.db): Promise<WebhookEndpointItem> {
    const rows = UUID.test(id)
      ? await q.query<EndpointRow>(`${ENDPOINT_SELECT} where e.ecosystem_id = $1 and e.id = $2::uuid`, [
          ecosystemId,
          id,
        ])
      : [];
    if (!rows[0])
      throw new StoreError('not_found', `no webhook endpoint "${id}" in ecosystem "${ecosystemId}"`);
    return endpointOf(rows[0]);
  }

  /** Adds an endpoint with its sealed secret; audited (without the secret). */
  async create(
    ecosystemId: string,
    input: { url: string; description?: string | null; events: readonly string[]; secretCiphertext: string },
    createdBy: string | null,
    audit?: AuditContext,
  ): Promise<WebhookEndpointItem> {
    return this.db.transaction(async (tx) => {
      const eco = await tx.query('select 1 from ecosystems where id = $1', [ecosystemId]);
      if (!eco.length) throw new StoreError('not_found', `no ecosystem with id "${ecosystemId}"`);
      const rows = await tx.query<{ id: string }>(
        `insert into webhook_endpoints (ecosystem_id, url, description, secret_ciphertext, events, created_by) values ($1, $2, $3, $4, $5::jsonb, $6) returning id`,
        [
          ecosystemId,
          input.url,
          input.description ?? null,
          input.secretCiphertext,
          JSON.stringify(input.events),
          createdBy,
        ],
      );
      const item = await this.get(ecosystemId, rows[0]!.id, tx);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'webhook.create',
        entity: 'webhook_endpoint',
        entityId: item.id,
        before: null,
        after: { url: item.url, description: item.description, events: item.events, active: item.active },
      });
      return item;
    });
  }

  /** Changes url, description, events or active (optimistic on `version`); audited. */
  async update(
    ecosystemId: string,
    id: string,
    patch: { url?: string; description?: string | null; events?: readonly string[]; active?: boolean },
    version: number,
    audit?: AuditContext,
  ): Promise<WebhookEndpointItem> {
    return this.db.transaction(async (tx) => {
      const before = await this.get(ecosystemId, id, tx);
      if (before.version !== version)
        throw new StoreError(
          'precondition_failed',
          `webhook endpoint "${id}" was changed by someone else (version ${before.version}); reload it`,
        );
      await tx.query(
        `update webhook_endpoints set url = coalesce($3, url), description = case when $4::boolean then $5 else description end,
           events = coalesce($6::jsonb, events), active = coalesce($7, active), version = version + 1
         where ecosystem_id = $1 and id = $2::uuid`,
        [
          ecosystemId,
          id,
          patch.url ?? null,
          patch.description !== undefined,
          patch.description ?? null,
          patch.events ? JSON.stringify(patch.events) : null,
          patch.active ?? null,
        ],
      );
      const after = await this.get(ecosystemId, id, tx);
      const pick = (e: WebhookEndpointItem) => ({
        url: e.url,
        description: e.description,
        events: e.events,
        active: e.active,
      });
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'webhook.update',
        entity: 'webhook_endpoint',
        entityId: id,
        before: pick(before),
        after: pick(after),
      });
      return after;
    });
  }

  /** Removes an endpoint and its delivery log; audited. */
  async delete(ecosystemId: string, id: string, version: number | null, audit?: AuditContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await this.get(ecosystemId, id, tx);
      if (version !== null && before.version !== version)
        throw new StoreError(
          'precondition_failed',
          `webhook endpoint "${id}" was changed by someone else (version ${before.version}); reload it`,
        );
      await tx.query('delete from webhook_endpoints where ecosystem_id = $1 and id = $2::uuid', [
        ecosystemId,
        id,
      ]);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'webhook.delete',
        entity: 'webhook_endpoint',
        entityId: id,
        before: { url: before.url, description: before.description, events: before.events },
        after: null,
      });
    });
  }

  /** Replaces the sealed secret (the old one stops verifying at once); audited without the secret. */
  async rotateSecret(
    ecosystemId: string,
    id: string,
    secretCiphertext: string,
    audit?: AuditContext,
  ): Promise<WebhookEndpointItem> {
    return this.db.transaction(async (tx) => {
      await this.get(ecosystemId, id, tx);
      await tx.query(
        'update webhook_endpoints set secret_ciphertext = $3, version = version + 1 where ecosystem_id = $1 and id = $2::uuid',
        [ecosystemId, id, secretCiphertext],
      );
      const after = await this.get(ecosystemId, id, tx);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'webhook.rotate_secret',
        entity: 'webhook_endpoint',
        entityId: id,
        before: null,
        after: { url: after.url },
      });
      return after;
    });
  }

  /** The sealed secret of an endpoint (for the server to unseal and sign with). */
  async secretCiphertext(endpointId: string): Promise<string> {
    const rows = UUID.test(endpointId)
      ? await this.db.query<{ secret_ciphertext: string }>(
          'select secret_ciphertext from webhook_endpoints where id = $1::uuid',
          [endpointId],
        )
      : [];
    if (!rows[0]) throw new StoreError('not_found', `no webhook endpoint "${endpointId}"`);
    return rows[0].secret_ciphertext;
  }

  /** The delivery log of an endpoint, newest first (keyset on id). */
  async deliveries(
    ecosystemId: string,
    endpointId: string,
    opts: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: WebhookDeliveryItem[]; nextCursor: string | null }> {
    await this.get(ecosystemId, endpointId);
    const limit = clampLimit(opts.limit);
    const before = opts.cursor ? Number(decodeCursor(opts.cursor)[1]) : null;
    const rows = await this.db.query<DeliveryRow>(
      `select d.* from webhook_deliveries d where d.endpoint_id = $1::uuid ${before !== null ? 'and d.id < $3' : ''} order by d.id desc limit $2`,
      before !== null ? [endpointId, limit + 1, before] : [endpointId, limit + 1],
    );
    const items = rows.slice(0, limit).map(deliveryOf);
    return { items, nextCursor: rows.length > limit ? encodeCursor(null, items.at(-1)!.id) : null };
  }

  /** Queues a test event for one endpoint (whatever it subscribes to); audited. */
  async enqueueTest(
    ecosystemId: string,
    endpointId: string,
    payload: Record<string, unknown>,
    audit?: AuditContext,
  ): Promise<WebhookDeliveryItem> {
    return this.db.transaction(async (tx) => {
      await this.get(ecosystemId, endpointId, tx);
      const rows = await tx.query<DeliveryRow>(
        `insert into webhook_deliveries (endpoint_id, event, payload) values ($1::uuid, 'webhook.test', $2::jsonb) returning *`,
        [endpointId, JSON.stringify(payload)],
      );
      const d = deliveryOf(rows[0]!);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'webhook.test',
        entity: 'webhook_delivery',
        entityId: String(d.id),
        before: null,
        after: { endpointId, event: d.event },
      });
      return d;
    });
  }

  /** Sends a delivery again from the first attempt (a failed one, or one still waiting for its retry); audited. */
  async redeliver(
    ecosystemId: string,
    endpointId: string,
    deliveryId: number,
    audit?: AuditContext,
  ): Promise<WebhookDeliveryItem> {
    return this.db.transaction(async (tx) => {
      await this.get(ecosystemId, endpointId, tx);
      const cur = await tx.query<DeliveryRow>(
        'select * from webhook_deliveries where id = $1 and endpoint_id = $2::uuid for update',
        [deliveryId, endpointId],
      );
      const d = cur[0];
      if (!d)
        throw new StoreError('not_found', `no delivery ${deliveryId} for webhook endpoint "${endpointId}"`);
      if (d.status === 'sending')
        throw new StoreError('conflict', `delivery ${deliveryId} is being sent right now`);
      if (d.status === 'delivered')
        throw new StoreError(
          'conflict',
          `delivery ${deliveryId} was delivered already; send a test event instead`,
        );
      const rows = await tx.query<DeliveryRow>(
        `update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = now(), last_error = null where id = $1 returning *`,
        [deliveryId],
      );
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'webhook.redeliver',
        entity: 'webhook_delivery',
        entityId: String(deliveryId),
        before: { status: d.status, attempts: d.attempts },
        after: { status: 'pending', attempts: 0 },
      });
      return deliveryOf(rows[0]!);
    });
  }

  /**
   * Claims up to `limit` due deliveries for this worker: each is marked
   * `sending` with a lease (its next attempt moves `leaseMs` ahead, so a
   * worker that dies mid-send leaves it to another), and its attempt counted.
   * Rows another worker holds are skipped, so each delivery goes out once.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows = await this.db.transaction((tx) =>
      tx.query<{
        id: number | string;
        endpoint_id: string;
        event: string;
        payload: Record<string, unknown>;
        attempts: number;
        url: string;
        secret_ciphertext: string;
        ecosystem_id: string;
      }>(
        `with due as (
           select d.id from webhook_deliveries d
             join webhook_endpoints e on e.id = d.endpoint_id and e.active
            where d.status in ('pending', 'sending') and d.next_attempt_at <= now()
            order by d.next_attempt_at, d.id
            limit $1
            for update of d skip locked),
         claimed as (
           update webhook_deliveries d set status = 'sending', attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
             from due where d.id = due.id
           returning d.id, d.endpoint_id, d.event, d.payload, d.attempts)
         select c.*, e.url, e.secret_ciphertext, e.ecosystem_id from claimed c join webhook_endpoints e on e.id = c.endpoint_id order by c.id`,
        [limit, leaseMs],
      ),
    );
    return rows.map((r) => ({
      id: Number(r.id),
      endpointId: r.endpoint_id,
      ecosystemId: r.ecosystem_id,
      url: r.url,
      secretCiphertext: r.secret_ciphertext,
      event: r.event,
      payload: r.payload,
      attempts: r.attempts,
    }));
  }

  /** Records the outcome of an attempt: delivered; or failed, retried after `retryInMs` (null: given up). */
  async recordAttempt(
    id: number,
    outcome: {
      delivered: boolean;
      statusCode: number | null;
      error: string | null;
      retryInMs: number | null;
    },
  ): Promise<void> {
    if (outcome.delivered) {
      await this.db.query(
        `update webhook_deliveries set status = 'delivered', delivered_at = now(), last_status_code = $2, last_error = null where id = $1`,
        [id, outcome.statusCode],
      );
      return;
    }
    await this.db.query(
      `update webhook_deliveries set status = $2, last_status_code = $3, last_error = $4,
         next_attempt_at = case when $5::double precision is null then next_attempt_at else now() + make_interval(secs => $5::double precision / 1000) end
       where id = $1`,
      [
        id,
        outcome.retryInMs === null ? 'failed' : 'pending',
        outcome.statusCode,
        outcome.error?.slice(0, 1000) ?? null,
        outcome.retryInMs,
      ],
    );
  }

  /** Milliseconds until the next delivery is due (0: one is due now; null: none waiting). */
  async nextDueInMs(): Promise<number | null> {
    const rows = await this.db.query<{ ms: number | null }>(
      `select greatest(0, extract(epoch from (min(d.next_attempt_at) - now())) * 1000)::float8 as ms
         from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id and e.active where d.status in ('pending', 'sending')`,
    );
    const ms = rows[0]?.ms;
    return ms === null || ms === undefined ? null : Number(ms);
  }
}
