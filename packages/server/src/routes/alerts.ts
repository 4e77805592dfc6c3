/**
 * Alerts of the monitoring agent and the agent itself over HTTP. Anyone with
 * a role in the ecosystem reads alerts (health and signals are aggregates);
 * orchestrators and members of the alert's partnership acknowledge one
 * (audited); orchestrators run the agent now.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can, effectiveRole, type Viewer } from '@valueweb/core';
import { ALERT_SEVERITIES, ALERT_STATUSES, type AlertItem, type Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { auditOf, viewerFor } from '../auth/principal.ts';
import { allow, IdParam } from './ecosystems.ts';
import { mayWork } from './records.ts';

const Eco = z.strictObject({ id: IdParam });
const AlertParams = z.strictObject({
  id: IdParam,
  alertId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
/** A comma-separated list of allowed values. */
const listOf = <T extends string>(values: readonly T[], what: string) =>
  z
    .string()
    .max(200)
    .transform((s, ctx) => {
      const parts = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const bad = parts.filter((p) => !values.includes(p as T));
      if (bad.length)
        ctx.addIssue({
          code: 'custom',
          message: `unknown ${what} ${bad.map((b) => JSON.stringify(b)).join(', ')}; expected ${values.join(', ')} (comma-separated)`,
        });
      return parts as T[];
    });

/** Whether the viewer may acknowledge an alert: orchestrators, and members of its partnership (ecosystem alerts: orchestrators). */
function mayAcknowledge(v: Viewer, a: AlertItem): boolean {
  return a.partnershipId
    ? mayWork(v, a.partnershipId)
    : v.scope === 'write' && effectiveRole(v) === 'orchestrator';
}

export function alertRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/ecosystems/:id';

  r.get(
    `${base}/alerts`,
    {
      schema: {
        tags: ['monitoring agent'],
        summary:
          'Alerts of the monitoring agent: most severe first (sort=recent: newest first); filters status, severity (comma-separated), partnership, mine=true (partnerships of your organization)',
        params: Eco,
        querystring: z.strictObject({
          status: listOf(ALERT_STATUSES, 'status').optional(),
          severity: listOf(ALERT_SEVERITIES, 'severity').optional(),
          partnership: IdParam.optional(),
          mine: z.enum(['true', 'false']).optional(),
          sort: z.enum(['severity', 'recent']).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          cursor: z.string().max(500).optional(),
        }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      const q = request.query;
      const page = await store.alerts.list(request.params.id, v, {
        ...(q.status ? { status: q.status } : {}),
        ...(q.severity ? { severity: q.severity } : {}),
        ...(q.partnership ? { partnershipId: q.partnership } : {}),
        mine: q.mine === 'true',
        ...(q.sort ? { sort: q.sort } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
      return {
        ...page,
        items: page.items.map((a) => ({ ...a, mayAcknowledge: a.status === 'open' && mayAcknowledge(v, a) })),
      };
    },
  );

  r.get(
    `${base}/alerts/summary`,
    {
      schema: {
        tags: ['monitoring agent'],
        summary: 'How many alerts are open (not yet acknowledged) and acknowledged; open ones by severity',
        params: Eco,
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      return store.alerts.summary(request.params.id, v);
    },
  );

  r.get(
    `${base}/alerts/:alertId`,
    {
      schema: {
        tags: ['monitoring agent'],
        summary: 'One alert, with why: evidence, rule and recommended action',
        params: AlertParams,
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      const a = await store.alerts.get(request.params.id, request.params.alertId, v);
      return { ...a, mayAcknowledge: a.status === 'open' && mayAcknowledge(v, a) };
    },
  );

  r.post(
    `${base}/alerts/:alertId/acknowledge`,
    {
      schema: {
        tags: ['monitoring agent'],
        summary:
          'Acknowledge an alert: you have seen it and will act (orchestrators, and members of its partnership); audited',
        params: AlertParams,
        body: z.strictObject({ note: z.string().max(2000).optional() }).nullish(),
      },
    },
    async (request) => {
      const { id, alertId } = request.params;
      const v = await viewerFor(request, store, id);
      const a = await store.alerts.acknowledge(
        id,
        alertId,
        v,
        (cur) =>
          allow(
            v,
            mayAcknowledge(v, cur),
            cur.partnershipId
              ? `acknowledge alerts of partnership "${cur.partnershipId}" (orchestrators and its members do)`
              : 'acknowledge ecosystem alerts (orchestrators do)',
          ),
        { ...(request.body?.note ? { note: request.body.note } : {}), audit: auditOf(request) },
      );
      return { ...a, mayAcknowledge: false };
    },
  );

  r.get(
    `${base}/agent/run`,
    {
      schema: {
        tags: ['monitoring agent'],
        summary: "The agent's schedule and its latest runs, newest first",
        params: Eco,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).optional() }),
      },
    },
    async (request) => {
      await viewerFor(request, store, request.params.id);
      const agent = request.server.monitor.agent;
      return {
        schedule: {
          intervalMinutes: agent.intervalMs > 0 ? agent.intervalMs / 60_000 : 0,
          runsAfterChanges: agent.runsAfterChanges,
        },
        runs: await store.alerts.runs(request.params.id, request.query.limit ?? 20),
      };
    },
  );

  r.post(
    `${base}/agent/run`,
    {
      schema: {
        tags: ['monitoring agent'],
        summary: 'Run the monitoring agent on this ecosystem now (orchestrators); answers when it is done',
        params: Eco,
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'ecosystem.update'), 'run the monitoring agent (orchestrators do)');
      const outcome = await request.server.monitor.agent.run(request.params.id, 'manual', auditOf(request));
      if (outcome.status === 'skipped' && outcome.reason === 'gone')
        throw new HttpError(404, 'not_found', outcome.message);
      if (outcome.status === 'skipped')
        throw new HttpError(
          409,
          'agent_busy',
          `the monitoring agent is already running on this ecosystem (${outcome.message}); its results appear when it is done`,
        );
      return outcome.status === 'ran'
        ? { status: 'ran', run: outcome.run }
        : { status: 'failed', run: outcome.run, error: outcome.error };
    },
  );
}
