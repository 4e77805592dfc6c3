/**
 * Health checks and the health score of a partnership.
 *
 * Health checks: a cycle is sent to every member organization when it is
 * started (it shows in each member user's "to answer" list); each
 * organization scores every dimension 1–5 with a comment (the answer endpoint
 * is in records.ts), and may change its answers until an orchestrator closes
 * the cycle. Results are computed by core from the answers the viewer may see:
 * while a cycle is open only who has answered is shown (never a score); once
 * closed, the mean per dimension, each organization's scores, the perception
 * gaps between organizations, and the trend across cycles.
 *
 * Health score: 0–100 with red/amber/green, every component with its weight,
 * its inputs and the rule, and the vitality signals, all from computeHealth.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { effectiveRole, monitor, ValidationError, type Viewer } from '@valueweb/core';
import { readSections, StoreError, type Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { auditOf, viewerFor } from '../auth/principal.ts';
import { computeHealth } from '../monitor/health.ts';
import { readHealthHistory, readRespondents, serverToday } from '../report/build.ts';
import { allow, IdParam } from './ecosystems.ts';
import { mayWork } from './records.ts';

const PParams = z.strictObject({ id: IdParam, pid: IdParam });
const CycleParams = PParams.extend({ cycle: IdParam });

/** Orchestrators (with a write credential). */
function isOrchestrator(v: Viewer): boolean {
  return effectiveRole(v) === 'orchestrator' && v.scope === 'write';
}

export interface OrganizationResult {
  organization: string;
  name: string;
  /** Mean of its dimension means. */
  mean: number;
  scores: Record<string, number>;
  comments: { dimension: string; text: string }[];
}

/** One cycle as the viewer may see it. */
export interface CycleView {
  id: string;
  opened: string;
  closed?: string;
  status: 'open' | 'closed' | 'scheduled';
  version: number;
  dimensions: monitor.HealthCheckDimension[];
  /** Organizations that have answered (who, never what, while open). */
  respondents: string[];
  awaiting: string[];
  results: monitor.HealthCheckResults;
  /** Closed cycles: each organization's scores per dimension. */
  byOrganization: OrganizationResult[];
  /** The viewer's own organization's answers (while open: its draft, editable until close). */
  own: { dimension: string; score: number; comment?: string }[];
}

type Cycle = monitor.HealthCheck;

function cycleView(
  c: Cycle,
  version: number,
  members: readonly string[],
  respondents: readonly string[],
  today: string,
  viewerActor: string | null,
  names: Record<string, string>,
): CycleView {
  const results = monitor.healthCheckResults(c, today, { members });
  const isClosed = monitor.isCycleClosed(c, today);
  const who = isClosed ? results.respondents : [...respondents];
  const awaiting = members.filter((m) => !who.includes(m));
  const orgs = new Map<string, OrganizationResult>();
  for (const d of results.dimensions) {
    for (const o of d.byOrganization) {
      let r = orgs.get(o.organization);
      if (!r)
        orgs.set(
          o.organization,
          (r = {
            organization: o.organization,
            name: names[o.organization] ?? o.organization,
            mean: 0,
            scores: {},
            comments: [],
          }),
        );
      r.scores[d.dimension] = o.mean;
      for (const text of o.comments) r.comments.push({ dimension: d.dimension, text });
    }
  }
  for (const r of orgs.values()) {
    const xs = Object.values(r.scores);
    r.mean = xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
  }
  return {
    id: c.id,
    opened: c.opened,
    ...(c.closed !== undefined ? { closed: c.closed } : {}),
    status: isClosed ? 'closed' : c.opened > today ? 'scheduled' : 'open',
    version,
    dimensions: monitor.cycleDimensions(c),
    respondents: who,
    awaiting,
    results: isClosed
      ? results
      : {
          ...results,
          respondents: who,
          awaiting,
          explanation: `Cycle "${c.id}" is open: ${who.length} of ${members.length} member organization(s) answered${awaiting.length ? `; awaiting ${awaiting.map((a) => names[a] ?? a).join(', ')}` : ''}. Scores stay private until an orchestrator closes it.`,
        },
    byOrganization: [...orgs.values()],
    own: viewerActor
      ? c.answers
          .filter((a) => a.organization === viewerActor)
          .map((a) => ({
            dimension: a.dimension,
            score: a.score,
            ...(a.comment !== undefined ? { comment: a.comment } : {}),
          }))
      : [],
  };
}

async function actorNames(
  store: Store,
  ecosystemId: string,
  ids: readonly string[],
): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const rows = await store.db.query<{ id: string; name: string }>(
    'select id, name from actors where ecosystem_id = $1 and id = any($2::text[])',
    [ecosystemId, [...ids]],
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/** The cycles of a partnership as the viewer may see them, with the trend across closed cycles. */
async function cyclesFor(store: Store, ecosystemId: string, pid: string, v: Viewer, today: string) {
  const p = await store.partnerships.get(ecosystemId, pid);
  const members = p.members.map((m) => m.actor);
  const [list, respondents, names] = await Promise.all([
    store.records.list(ecosystemId, pid, 'healthChecks', v, { today }),
    readRespondents(store.db, ecosystemId, [pid]),
    actorNames(store, ecosystemId, members),
  ]);
  const cycles = list.items.map((i) => {
    const c = monitor.HealthCheckSchema.parse(i.item);
    return cycleView(c, i.version, members, respondents[pid]?.[c.id] ?? [], today, v.actorId, names);
  });
  const trend = monitor.healthCheckTrend(
    list.items.map((i) => monitor.HealthCheckSchema.parse(i.item)),
    today,
  );
  return {
    partnership: { id: p.id, name: p.name, stage: p.stage },
    members: members.map((id) => ({ id, name: names[id] ?? id })),
    cycles,
    trend,
  };
}

/** A person in a role that writes (observers read). */
function mayAnswerAny(v: Viewer): boolean {
  const role = effectiveRole(v);
  return v.scope === 'write' && (role === 'member' || role === 'orchestrator');
}

/** People of a member organization of the partnership, in a role that writes (observers read). */
function mayAnswer(v: Viewer, pid: string): boolean {
  const role = effectiveRole(v);
  return (
    v.scope === 'write' &&
    (role === 'member' || role === 'orchestrator') &&
    v.actorId !== null &&
    v.partnershipIds.includes(pid)
  );
}

const StartBody = z.strictObject({
  id: z.string().max(200).optional(),
  opened: z.string().max(20).optional(),
  /** A planned closing date: the cycle closes on its own that day (an orchestrator may close it earlier). */
  closes: z.string().max(20).optional(),
  /** `default` (the six dimensions) or `custom` (then `dimensions` is required). */
  template: z.enum(['default', 'custom']).optional(),
  dimensions: z.array(z.unknown()).max(30).optional(),
});

/** A cycle id not taken yet: 2026-q4, then 2026-q4-2, … */
function nextCycleId(opened: string, taken: ReadonlySet<string>): string {
  const [y, m] = opened.split('-').map(Number);
  const base = `${y}-q${Math.floor((m! - 1) / 3) + 1}`;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function healthRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/ecosystems/:id/partnerships/:pid';

  r.get(
    `${base}/health`,
    {
      schema: {
        tags: ['monitor'],
        summary:
          'Health score 0–100 with red/amber/green, every component with its weight and inputs, the vitality signals and the score history',
        params: PParams,
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      await viewerFor(request, store, id);
      const p = await store.partnerships.get(id, pid);
      const today = serverToday();
      const health = (await computeHealth(store, id, { today, partnershipIds: [pid] }))[pid]!;
      const history = (await readHealthHistory(store.db, id, today, [pid]))[pid] ?? [];
      return {
        partnership: { id: p.id, name: p.name, stage: p.stage },
        today,
        ...health.health,
        weights: monitor.HEALTH_SCORE_WEIGHTS,
        bands: {
          green: monitor.HEALTH_SCORE_RULES.green,
          amber: monitor.HEALTH_SCORE_RULES.amber,
          noData: monitor.HEALTH_SCORE_RULES.noData,
        },
        signals: [...health.signals]
          .sort((a, b) => monitor.SEVERITY_RANK[a.severity] - monitor.SEVERITY_RANK[b.severity])
          .map((s) => ({ ...s, label: monitor.SIGNAL_LABELS[s.kind] })),
        history,
        historySource: history.length ? 'monitoring agent' : 'none yet (the live score only)',
      };
    },
  );

  r.get(
    `${base}/health-checks`,
    {
      schema: {
        tags: ['monitor'],
        summary:
          'Health-check cycles with the results you may see (per dimension, per organization, perception gaps) and the trend across cycles',
        params: PParams,
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      const today = serverToday();
      const view = await cyclesFor(store, id, pid, v, today);
      return {
        today,
        ...view,
        template: monitor.DEFAULT_TEMPLATE,
        perceptionGapFlag: monitor.PERCEPTION_GAP_FLAG,
        you: {
          organization: v.actorId,
          mayAnswer: mayAnswer(v, pid),
          mayStart: mayWork(v, pid),
          mayClose: isOrchestrator(v),
        },
      };
    },
  );

  r.get(
    `${base}/health-checks/:cycle`,
    {
      schema: {
        tags: ['monitor'],
        summary: 'One health-check cycle with the results you may see',
        params: CycleParams,
      },
    },
    async (request) => {
      const { id, pid, cycle } = request.params;
      const v = await viewerFor(request, store, id);
      const today = serverToday();
      const view = await cyclesFor(store, id, pid, v, today);
      const c = view.cycles.find((x) => x.id === cycle);
      if (!c)
        throw new HttpError(404, 'not_found', `no health-check cycle "${cycle}" in partnership "${pid}"`);
      return { today, partnership: view.partnership, members: view.members, cycle: c };
    },
  );

  r.post(
    `${base}/health-checks`,
    {
      schema: {
        tags: ['monitor'],
        summary:
          'Start a health-check cycle: the default six dimensions or your own; it goes to every member organization',
        params: PParams,
        body: StartBody,
      },
    },
    async (request, reply) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      allow(v, mayWork(v, pid), 'start a health check in this partnership');
      const body = request.body;
      const today = serverToday();
      const opened = body.opened ?? today;
      if (body.template === 'custom' && !body.dimensions?.length) {
        throw new ValidationError([
          {
            path: ['dimensions'],
            message: 'a custom template needs at least one dimension {id, name, prompt}',
            code: 'invalid_value',
          },
        ]);
      }
      if (body.template === 'default' && body.dimensions?.length) {
        throw new ValidationError([
          {
            path: ['dimensions'],
            message: 'the default template has its own six dimensions: send template "custom" to give yours',
            code: 'invalid_value',
          },
        ]);
      }
      if (
        body.closes !== undefined &&
        monitor.isIsoDate(body.closes) &&
        monitor.isIsoDate(opened) &&
        body.closes <= today
      ) {
        throw new ValidationError([
          {
            path: ['closes'],
            message: `a planned closing date must be after today (${today}); to close a cycle now, start it and close it`,
            code: 'invalid_value',
          },
        ]);
      }
      let cycleId = body.id;
      if (cycleId === undefined) {
        const taken = new Set((await store.records.list(id, pid, 'healthChecks', v)).items.map((i) => i.key));
        cycleId = nextCycleId(monitor.isIsoDate(opened) ? opened : today, taken);
      }
      const item = {
        id: cycleId,
        opened,
        ...(body.closes !== undefined ? { closed: body.closes } : {}),
        ...(body.dimensions?.length ? { dimensions: body.dimensions } : {}),
        answers: [],
      };
      let created;
      try {
        created = await store.records.create(
          id,
          pid,
          'healthChecks',
          item,
          v,
          () => undefined,
          auditOf(request),
        );
      } catch (e) {
        // The document calls the planned close `closed`; this endpoint calls it `closes`.
        if (e instanceof ValidationError)
          throw new ValidationError(
            e.problems.map((p) =>
              p.path[0] === 'closed' ? { ...p, path: ['closes', ...p.path.slice(1)] } : p,
            ),
          );
        throw e;
      }
      const view = await cyclesFor(store, id, pid, v, today);
      return reply
        .status(201)
        .header('etag', `"${created.version}"`)
        .send({ cycle: view.cycles.find((c) => c.id === created.key)! });
    },
  );

  r.post(
    `${base}/health-checks/:cycle/close`,
    {
      schema: {
        tags: ['monitor'],
        summary:
          'Close a cycle today (orchestrators): its answers become visible to everyone who sees the partnership; closing twice is a 409',
        params: CycleParams,
      },
    },
    async (request) => {
      const { id, pid, cycle } = request.params;
      const v = await viewerFor(request, store, id);
      const today = serverToday();
      await store.records.mutate(
        id,
        pid,
        'healthChecks',
        cycle,
        (current) => {
          const c = current as { opened: string; closed?: string };
          if (c.closed !== undefined && c.closed <= today) {
            throw new StoreError(
              'conflict',
              `health-check cycle "${cycle}" is already closed (on ${c.closed}); its results are visible`,
              { closed: c.closed },
            );
          }
          if (c.opened > today) {
            throw new ValidationError([
              {
                path: ['opened'],
                message: `cycle "${cycle}" opens on ${c.opened}: it cannot close before it opens`,
                code: 'invalid_value',
              },
            ]);
          }
          return { ...current, closed: today };
        },
        v,
        () => {
          if (!isOrchestrator(v))
            throw new HttpError(
              403,
              'forbidden',
              v.scope === 'read'
                ? 'this API token is read-only'
                : 'only orchestrators close health-check cycles',
            );
        },
        'partnership.healthChecks.close',
        auditOf(request),
      );
      const view = await cyclesFor(store, id, pid, v, today);
      return { cycle: view.cycles.find((c) => c.id === cycle)!, trend: view.trend };
    },
  );

  r.get(
    '/api/v1/ecosystems/:id/health-checks/to-answer',
    {
      schema: {
        tags: ['monitor'],
        summary: 'Open health-check cycles your organization is asked to answer, with how far it got',
        params: z.strictObject({ id: IdParam }),
      },
    },
    async (request) => {
      const { id } = request.params;
      const v = await viewerFor(request, store, id);
      const today = serverToday();
      // Observers read; they have nothing to answer.
      if (!v.actorId || !v.partnershipIds.length || !mayAnswerAny(v))
        return { today, organization: v.actorId, items: [] };
      const sections = await readSections(store.db, id, {
        viewer: v,
        today,
        partnershipIds: v.partnershipIds,
      });
      const names = new Map(
        (
          await store.db.query<{ id: string; name: string }>(
            'select id, name from partnerships where ecosystem_id = $1 and id = any($2::text[])',
            [id, [...v.partnershipIds]],
          )
        ).map((r) => [r.id, r.name]),
      );
      const items = [];
      for (const pid of v.partnershipIds) {
        for (const raw of sections.get(pid)?.healthChecks ?? []) {
          const c = monitor.HealthCheckSchema.parse(raw);
          if (monitor.isCycleClosed(c, today) || c.opened > today) continue;
          const dims = monitor.cycleDimensions(c);
          const answered = new Set(
            c.answers.filter((a) => a.organization === v.actorId).map((a) => a.dimension),
          );
          const done = dims.filter((d) => answered.has(d.id)).length;
          items.push({
            partnershipId: pid,
            partnershipName: names.get(pid) ?? pid,
            cycle: c.id,
            opened: c.opened,
            ...(c.closed ? { closes: c.closed } : {}),
            dimensions: dims.length,
            answered: done,
            complete: done === dims.length,
          });
        }
      }
      items.sort((a, b) => Number(a.complete) - Number(b.complete) || a.opened.localeCompare(b.opened));
      return { today, organization: v.actorId, items };
    },
  );
}
