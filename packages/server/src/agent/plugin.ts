/**
 * Wires the monitoring agent and the webhook delivery worker into the app:
 * both start when the app is ready and stop when it closes; a successful
 * change under an ecosystem (an unsafe request answered below 400) marks
 * the ecosystem dirty, and the agent runs once it has been quiet for a moment.
 */
import type { FastifyInstance } from 'fastify';
import type { Store } from '@valueweb/store';
import { MonitoringAgent, type AgentOptions } from './agent.ts';
import { WebhookWorker, type WebhookWorkerOptions } from '../webhooks/worker.ts';
import type { SecretBox } from '../webhooks/secret-box.ts';

export interface MonitorOptions {
  agent?: AgentOptions;
  webhooks?: WebhookWorkerOptions & {
    /** Seals and unseals the signing secrets; null: webhooks are off (`disabledReason` says why). */
    box?: SecretBox | null;
    disabledReason?: string;
    /** Start the delivery worker when the app is ready (default true). */
    autoStart?: boolean;
  };
}

export interface Monitor {
  agent: MonitoringAgent;
  worker: WebhookWorker;
  box: SecretBox | null;
  allowPrivate: boolean;
  webhooksDisabledReason: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    monitor: Monitor;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Changes under an ecosystem, except the agent's own endpoints, alerts and webhooks (they change no signal). */
const CHANGE =
  /^\/api\/v1\/ecosystems\/([A-Za-z0-9][A-Za-z0-9._:%-]*)(?:\/(?!alerts|agent|webhooks)[^?]*)?(?:\?|$)/;

export function registerMonitor(app: FastifyInstance, store: Store, opts: MonitorOptions = {}): Monitor {
  const w = opts.webhooks ?? {};
  const box = w.box ?? null;
  const worker = new WebhookWorker(store, box, { ...w, log: app.log });
  const agent = new MonitoringAgent(store, opts.agent ?? { intervalMs: 0, runAfterChanges: false }, {
    afterRun: () => worker.kick(),
    log: app.log,
  });
  const monitor: Monitor = {
    agent,
    worker,
    box,
    allowPrivate: w.allowPrivate ?? false,
    webhooksDisabledReason: box
      ? null
      : (w.disabledReason ??
        'webhooks are off: this server has no key to seal their signing secrets (set VALUEWEB_SECRET_KEY)'),
  };
  app.decorate('monitor', monitor);
  app.addHook('onReady', (done) => {
    if (opts.agent?.autoStart !== false) agent.start();
    if (w.autoStart !== false) worker.start();
    done();
  });
  app.addHook('onClose', async () => {
    await agent.stop();
    await worker.stop();
  });
  app.addHook('onResponse', async (request, reply) => {
    if (!UNSAFE.has(request.method) || reply.statusCode >= 400 || !agent.runsAfterChanges) return;
    const m = CHANGE.exec(request.url);
    if (!m || m[1] === 'import') return;
    agent.markDirty(decodeURIComponent(m[1]!));
  });
  // An import names its ecosystem in the response.
  app.addHook('onSend', async (request, reply, payload) => {
    if (
      request.method !== 'POST' ||
      reply.statusCode !== 201 ||
      !request.url.startsWith('/api/v1/ecosystems/import') ||
      typeof payload !== 'string'
    )
      return payload;
    try {
      const id = (JSON.parse(payload) as { ecosystemId?: unknown }).ecosystemId;
      if (typeof id === 'string') agent.markDirty(id);
    } catch {
      /* not JSON: nothing to mark */
    }
    return payload;
  });
  return monitor;
}
