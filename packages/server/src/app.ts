/**
 * The HTTP server: Fastify with request ids, request logging, security
 * headers, body limits, cookies and CSRF, login rate limiting, one error
 * format, schemas on every route (zod) and the OpenAPI document built from them.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Store } from '@valueweb/store';
import { errorHandler } from './errors.ts';
import { registerPrincipal } from './auth/principal.ts';
import { authRoutes } from './routes/auth.ts';
import { ecosystemRoutes } from './routes/ecosystems.ts';
import { itemRoutes } from './routes/items.ts';
import { mapRoutes } from './routes/map.ts';
import { recordRoutes } from './routes/records.ts';
import { discoverRoutes } from './routes/discover.ts';
import { governRoutes } from './routes/govern.ts';
import { obligationRoutes } from './routes/obligations.ts';
import { valueRoutes } from './routes/value.ts';
import { pilotRoutes } from './routes/pilot.ts';
import { kpiRoutes } from './routes/kpis.ts';
import { healthRoutes } from './routes/health.ts';
import { portfolioRoutes } from './routes/portfolio.ts';
import { reportRoutes } from './routes/report.ts';
import { alertRoutes } from './routes/alerts.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { registerMonitor, type MonitorOptions } from './agent/plugin.ts';

export interface AppOptions {
  store: Store;
  logLevel?: string;
  /** Extra pino options (tests pass false). */
  logger?: boolean | Record<string, unknown>;
  /** Directory of the built web app (default packages/web/dist when it exists). */
  webDir?: string | null;
  /** Login attempts per minute per address and email (default 10). */
  loginRateLimit?: number;
  /** The monitoring agent and webhook deliveries (default: no schedule, no runs after changes, webhooks off). */
  monitor?: MonitorOptions;
}

export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Builds the Fastify app around an open store (no port bound: tests use inject()). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? {
      level: opts.logLevel ?? 'info',
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Documents may be sent as YAML or JSON text.
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );

  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:', 'blob:'],
        'worker-src': ["'self'", 'blob:'],
        'upgrade-insecure-requests': null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, hook: 'preHandler' });
  app.decorate('loginRateLimit', opts.loginRateLimit ?? 10);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Valueweb API',
        version: '1.0.0',
        description: 'Design, govern and monitor ecosystem partnerships. See docs/api-v1.md.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vw_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });
  registerPrincipal(app, opts.store);
  registerMonitor(app, opts.store, opts.monitor);

  const { store } = opts;
  app.get('/health', { schema: { hide: true } }, async (_request, reply) => {
    const h = await store.health();
    return reply.status(h.ok ? 200 : 503).send({
      status: h.ok ? 'ok' : 'unavailable',
      store: {
        kind: h.store,
        reachable: h.reachable,
        migrations: h.migrations,
        ...(h.error ? { error: h.error } : {}),
      },
    });
  });
  authRoutes(app, store);
  ecosystemRoutes(app, store);
  itemRoutes(app, store);
  mapRoutes(app, store);
  recordRoutes(app, store);
  discoverRoutes(app, store);
  governRoutes(app, store);
  obligationRoutes(app, store);
  valueRoutes(app, store);
  pilotRoutes(app, store);
  kpiRoutes(app, store);
  healthRoutes(app, store);
  portfolioRoutes(app, store);
  reportRoutes(app, store);
  alertRoutes(app, store);
  webhookRoutes(app, store);

  // The web app, with an SPA fallback for its client-side routes; API paths answer a JSON 404.
  const webDir = opts.webDir === undefined ? DEFAULT_WEB_DIR : opts.webDir;
  const hasWeb = Boolean(webDir && existsSync(`${webDir}/index.html`));
  // wildcard: files are looked up per request (a rebuilt bundle is served without a restart); a missing one falls through to the handler below.
  if (hasWeb) await app.register(fastifyStatic, { root: webDir!, wildcard: true, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/') && request.url !== '/health') {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply
      .status(404)
      .send({
        error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` },
      });
  });
  return app;
}
