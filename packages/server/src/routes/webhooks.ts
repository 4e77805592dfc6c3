/**
 * Webhook endpoints of an ecosystem and their delivery logs (orchestrators
 * only: the URLs are integration details). The signing secret is returned
 * once, when the endpoint is created (or its secret rotated), and kept only
 * sealed. URLs must be http(s) and reach public addresses unless the
 * operator allows private ones.
 */
import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can, ValidationError, type Viewer } from '@valueweb/core';
import { WEBHOOK_EVENTS, type Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { auditOf, ifMatch, viewerFor } from '../auth/principal.ts';
import { newSecret } from '../auth/secrets.ts';
import { allow, IdParam } from './ecosystems.ts';
import { checkWebhookUrl } from '../webhooks/address.ts';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../webhooks/sender.ts';

const Eco = z.strictObject({ id: IdParam });
const Hook = z.strictObject({
  id: IdParam,
  webhookId: z.uuid({ error: 'expected a webhook endpoint id (a UUID)' }),
});
const Events = z
  .array(z.enum(WEBHOOK_EVENTS, { error: `expected one of: ${WEBHOOK_EVENTS.join(', ')}` }))
  .min(1, { error: 'subscribe to at least one event' })
  .max(WEBHOOK_EVENTS.length);
const Description = z.string().max(500);

export function webhookRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/ecosystems/:id/webhooks';

  const orchestrator = async (request: FastifyRequest, id: string): Promise<Viewer> => {
    const v = await viewerFor(request, store, id);
    allow(v, can(v, 'ecosystem.update'), 'manage webhooks (orchestrators do)');
    return v;
  };
  const box = () => {
    const m = app.monitor;
    if (!m.box)
      throw new HttpError(
        503,
        'webhooks_unavailable',
        m.webhooksDisabledReason ?? 'webhooks are off on this server',
      );
    return m.box;
  };
  const checkedUrl = async (url: string): Promise<string> => {
    const c = await checkWebhookUrl(url, { allowPrivate: app.monitor.allowPrivate });
    if (!c.ok) throw new ValidationError([{ path: ['url'], message: c.message, code: 'invalid_value' }]);
    return c.url.toString();
  };

  r.get(
    `${base}`,
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Webhook endpoints with their delivery counts (orchestrators), and whether webhooks are on',
        params: Eco,
      },
    },
    async (request) => {
      await orchestrator(request, request.params.id);
      const m = app.monitor;
      return {
        items: await store.webhooks.list(request.params.id),
        enabled: m.box !== null,
        ...(m.box ? {} : { disabledReason: m.webhooksDisabledReason }),
        allowPrivate: m.allowPrivate,
        events: WEBHOOK_EVENTS,
        signature: {
          header: SIGNATURE_HEADER,
          timestampHeader: TIMESTAMP_HEADER,
          eventHeader: EVENT_HEADER,
          deliveryHeader: DELIVERY_HEADER,
          algorithm: 'HMAC-SHA256 of the raw request body, hex, prefixed "sha256="',
        },
        retries: {
          maxAttempts: m.worker.options.maxAttempts,
          firstDelaySeconds: m.worker.options.baseDelayMs / 1000,
          maxDelaySeconds: m.worker.options.maxDelayMs / 1000,
          timeoutSeconds: m.worker.options.timeoutMs / 1000,
        },
      };
    },
  );

  r.post(
    `${base}`,
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Add an endpoint; the answer carries its signing secret, shown this once',
        params: Eco,
        body: z.strictObject({
          url: z.string().min(1).max(2000),
          description: Description.optional(),
          events: Events.optional(),
        }),
      },
    },
    async (request, reply) => {
      const v = await orchestrator(request, request.params.id);
      const sealer = box();
      const url = await checkedUrl(request.body.url);
      const secret = newSecret('whsec_');
      const item = await store.webhooks.create(
        request.params.id,
        {
          url,
          description: request.body.description?.trim() || null,
          events: request.body.events ? [...new Set(request.body.events)] : [...WEBHOOK_EVENTS],
          secretCiphertext: sealer.seal(secret),
        },
        v.userId || null,
        auditOf(request),
      );
      return reply
        .status(201)
        .header('etag', `"${item.version}"`)
        .send({ ...item, secret });
    },
  );

  r.get(
    `${base}/:webhookId`,
    { schema: { tags: ['webhooks'], summary: 'One endpoint (ETag: its version)', params: Hook } },
    async (request, reply) => {
      await orchestrator(request, request.params.id);
      const item = await store.webhooks.get(request.params.id, request.params.webhookId);
      return reply.header('etag', `"${item.version}"`).send(item);
    },
  );

  r.patch(
    `${base}/:webhookId`,
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Change the URL, description, events, or pause it (active=false) (If-Match required)',
        params: Hook,
        body: z.strictObject({
          url: z.string().min(1).max(2000).optional(),
          description: Description.nullable().optional(),
          events: Events.optional(),
          active: z.boolean().optional(),
        }),
      },
    },
    async (request, reply) => {
      await orchestrator(request, request.params.id);
      const version = ifMatch(request);
      const b = request.body;
      const item = await store.webhooks.update(
        request.params.id,
        request.params.webhookId,
        {
          ...(b.url !== undefined ? { url: await checkedUrl(b.url) } : {}),
          ...(b.description !== undefined ? { description: b.description?.trim() || null } : {}),
          ...(b.events ? { events: [...new Set(b.events)] } : {}),
          ...(b.active !== undefined ? { active: b.active } : {}),
        },
        version,
        auditOf(request),
      );
      if (item.active) app.monitor.worker.kick();
      return reply.header('etag', `"${item.version}"`).send(item);
    },
  );

  r.delete(
    `${base}/:webhookId`,
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Remove an endpoint and its delivery log (If-Match required)',
        params: Hook,
      },
    },
    async (request, reply) => {
      await orchestrator(request, request.params.id);
      await store.webhooks.delete(
        request.params.id,
        request.params.webhookId,
        ifMatch(request),
        auditOf(request),
      );
      return reply.status(204).send();
    },
  );

  r.post(
    `${base}/:webhookId/rotate-secret`,
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Replace the signing secret; the answer carries the new one, shown this once',
        params: Hook,
      },
    },
    async (request) => {
      await orchestrator(request, request.params.id);
      const sealer = box();
      const secret = newSecret('whsec_');
      const item = await store.webhooks.rotateSecret(
        request.params.id,
        request.params.webhookId,
        sealer.seal(secret),
        auditOf(request),
      );
      return { ...item, secret };
    },
  );

  r.get(
    `${base}/:webhookId/deliveries`,
    {
      schema: {
        tags: ['webhooks'],
        summary:
          'The delivery log of an endpoint, newest first: status, attempts, last status code and error, next retry',
        params: Hook,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).optional(),
          cursor: z.string().max(500).optional(),
        }),
      },
    },
    async (request) => {
      await orchestrator(request, request.params.id);
      return store.webhooks.deliveries(request.params.id, request.params.webhookId, request.query);
    },
  );

  r.post(
    `${base}/:webhookId/test`,
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Send a test event (webhook.test) to this endpoint now',
        params: Hook,
      },
    },
    async (request, reply) => {
      await orchestrator(request, request.params.id);
      box();
      const eco = await store.ecosystems.get(request.params.id);
      const now = new Date().toISOString();
      const payload = {
        event: 'webhook.test',
        test: true,
        ecosystem: { id: eco.id, name: eco.name },
        alert: {
          id: 0,
          partnershipId: null,
          partnershipName: 'Example partnership',
          kind: 'decision-gridlock',
          severity: 'warning',
          title: 'Test alert from Valueweb',
          status: 'open',
          why: {
            evidence: ['This is a test event: no partnership is affected.'],
            rule: 'Sent when an orchestrator presses "Send test event".',
            action:
              'Check that your receiver verified the x-valueweb-signature header with the secret shown when the endpoint was added.',
          },
          firstRaisedAt: now,
          lastSeenAt: now,
          acknowledgedAt: null,
          resolvedAt: null,
        },
      };
      const d = await store.webhooks.enqueueTest(
        request.params.id,
        request.params.webhookId,
        payload,
        auditOf(request),
      );
      app.monitor.worker.kick();
      return reply.status(202).send(d);
    },
  );

  r.post(
    `${base}/:webhookId/deliveries/:deliveryId/retry`,
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Send a failed (or waiting) delivery again now, from its first attempt',
        params: Hook.extend({ deliveryId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
      },
    },
    async (request, reply) => {
      await orchestrator(request, request.params.id);
      box();
      const d = await store.webhooks.redeliver(
        request.params.id,
        request.params.webhookId,
        request.params.deliveryId,
        auditOf(request),
      );
      app.monitor.worker.kick();
      return reply.status(202).send(d);
    },
  );
}
