/**
 * Pilot over HTTP: a partnership's stage and the gate into its next stage
 * (every criterion with its evidence), moving it between stages (when the gate
 * passes, or with an override and its written rationale, logged in the stage
 * history and audited), editing a gate and ticking its checklist items off
 * with evidence, a pilot's go / iterate / stop decision, and the
 * lessons-learned log searched across every partnership of the ecosystem.
 * Pilots, lessons and the rest of the lists are written one item at a time
 * through /records/:section (routes/records.ts).
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PARTNERSHIP_STAGES, pilot, type Partnership } from '@valueweb/core';
import { moveStage, readSections, StoreError, type Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { auditOf, viewerFor } from '../auth/principal.ts';
import { allow, IdParam } from './ecosystems.ts';
import { mayWork } from './records.ts';

const PParams = z.strictObject({ id: IdParam, pid: IdParam });
const GateParams = PParams.extend({
  stage: z.enum(pilot.GATED_STAGES, { error: `expected one of: ${pilot.GATED_STAGES.join(', ')}` }),
});
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    { error: 'not a real calendar date' },
  );
export const TodayQuery = z.strictObject({ today: IsoDate.optional() });

/** The day computations are made for: `?today=` when given (reproducible reports), else the server's UTC date. */
export const todayOf = (q: { today?: string | undefined }): string =>
  q.today ?? new Date().toISOString().slice(0, 10);

/** Turns core's refusal of a stage move into the API's error. */
function stageMoveError(e: pilot.StageMoveError): HttpError {
  if (e.code === 'override_rationale_required') {
    return new HttpError(400, 'validation_failed', e.message, [
      {
        field: 'override.rationale',
        path: ['override', 'rationale'],
        message: 'write why the partnership moves on although the gate does not pass',
        code: 'required',
      },
    ]);
  }
  return new HttpError(409, e.code, e.message, { gate: e.gate });
}

export function pilotRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/ecosystems/:id/partnerships/:pid';

  const context = async (eco: string, pid: string) =>
    (await store.records.context(store.db, eco, pid)).partnership;

  r.get(
    `${base}/stage`,
    {
      schema: {
        tags: ['pilot'],
        summary:
          'The stage, the gate into the next stage (each criterion met or not, with evidence), every gate definition, the stage history',
        params: PParams,
        querystring: TodayQuery,
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      await viewerFor(request, store, id);
      const today = todayOf(request.query);
      return { today, ...pilot.stageStatus(await context(id, pid), today) };
    },
  );

  r.post(
    `${base}/stage`,
    {
      schema: {
        tags: ['pilot'],
        summary:
          'Move the partnership to another stage: allowed when the gate passes, or with override.rationale (logged in the stage history with the criteria not met)',
        params: PParams,
        body: z.strictObject({
          to: z.enum(PARTNERSHIP_STAGES, { error: `expected one of: ${PARTNERSHIP_STAGES.join(', ')}` }),
          override: z
            .strictObject({ rationale: z.string().max(5000, { error: 'expected at most 5000 characters' }) })
            .optional(),
        }),
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      try {
        return await moveStage(store.db, store.records, id, pid, request.body.to, {
          today: todayOf({}),
          by: v.actorId,
          ...(request.body.override ? { override: request.body.override } : {}),
          authorize: () => allow(v, mayWork(v, pid), 'move this partnership between stages'),
          audit: auditOf(request),
        });
      } catch (e) {
        if (e instanceof pilot.StageMoveError) throw stageMoveError(e);
        throw e;
      }
    },
  );

  /** Writes the gate entry `next` for stage `to`: created when the partnership has none yet, else changed under its row lock. */
  const writeGate = async (
    request: Parameters<typeof auditOf>[0],
    eco: string,
    pid: string,
    to: pilot.GatedStage,
    action: string,
    compute: (gates: pilot.Gate[]) => pilot.Gate,
  ) => {
    const v = await viewerFor(request, store, eco);
    const authorize = () => allow(v, mayWork(v, pid), 'change the gates of this partnership');
    const exists = (await context(eco, pid)).gates?.some((g) => g.to === to) ?? false;
    const mutate = () =>
      store.records.mutate(
        eco,
        pid,
        'gates',
        to,
        (_cur, ctx) => compute(ctx.partnership.gates ?? []),
        v,
        authorize,
        action,
        auditOf(request),
      );
    if (exists) return mutate();
    authorize();
    try {
      return await store.records.create(eco, pid, 'gates', compute([]), v, authorize, auditOf(request));
    } catch (e) {
      // Someone created it in the meantime: change theirs.
      if (e instanceof StoreError && e.code === 'conflict') return mutate();
      throw e;
    }
  };

  const gateView = async (eco: string, pid: string, to: pilot.GatedStage, today: string) =>
    pilot.stageStatus(await context(eco, pid), today).gates.find((g) => g.to === to)!;

  r.patch(
    `${base}/gates/:stage`,
    {
      schema: {
        tags: ['pilot'],
        summary:
          "Edit this partnership's gate into a stage: checklist (replaces the default), thresholds (merged over the defaults; null switches one off), kpiTargets; null goes back to the default",
        params: GateParams,
        body: pilot.GateEditSchema,
      },
    },
    async (request) => {
      const { id, pid, stage } = request.params;
      let dropped: string[] = [];
      await writeGate(request, id, pid, stage, 'partnership.gates.edit', (gates) => {
        const out = pilot.editGate(gates, stage, request.body);
        dropped = out.dropped;
        return out.gate;
      });
      return { gate: await gateView(id, pid, stage, todayOf({})), dropped };
    },
  );

  r.put(
    `${base}/gates/:stage/checklist/:item`,
    {
      schema: {
        tags: ['pilot'],
        summary:
          'Tick a checklist item of a gate off, with the evidence that shows it is met (ticking again replaces the evidence)',
        params: GateParams.extend({ item: IdParam }),
        body: z.strictObject({
          evidence: z.string().max(2000, { error: 'expected at most 2000 characters' }),
        }),
      },
    },
    async (request) => {
      const { id, pid, stage, item } = request.params;
      const v = await viewerFor(request, store, id);
      const today = todayOf({});
      await writeGate(request, id, pid, stage, 'partnership.gates.tick', (gates) =>
        pilot.tickChecklistItem(gates, stage, {
          item,
          evidence: request.body.evidence,
          at: today,
          by: v.actorId,
        }),
      );
      return { gate: await gateView(id, pid, stage, today) };
    },
  );

  r.delete(
    `${base}/gates/:stage/checklist/:item`,
    {
      schema: {
        tags: ['pilot'],
        summary: 'Take the tick off a checklist item',
        params: GateParams.extend({ item: IdParam }),
      },
    },
    async (request) => {
      const { id, pid, stage, item } = request.params;
      const v = await viewerFor(request, store, id);
      const gates = (await context(id, pid)).gates ?? [];
      if (!gates.some((g) => g.to === stage && g.met?.some((m) => m.item === item))) {
        throw new HttpError(
          404,
          'not_found',
          `checklist item "${item}" of the gate into ${stage} is not ticked off`,
        );
      }
      await store.records.mutate(
        id,
        pid,
        'gates',
        stage,
        (_cur, ctx) => pilot.untickChecklistItem(ctx.partnership.gates, stage, item),
        v,
        () => allow(v, mayWork(v, pid), 'change the gates of this partnership'),
        'partnership.gates.untick',
        auditOf(request),
      );
      return { gate: await gateView(id, pid, stage, todayOf({})) };
    },
  );

  r.post(
    `${base}/pilots/:pilot/decision`,
    {
      schema: {
        tags: ['pilot'],
        summary:
          'Record the go / iterate / stop decision of a pilot with its written rationale (decided: default today; status optional)',
        params: PParams.extend({ pilot: IdParam }),
        body: z.strictObject({
          decision: z.enum(pilot.PILOT_DECISIONS, {
            error: `expected one of: ${pilot.PILOT_DECISIONS.join(', ')}`,
          }),
          rationale: z
            .string()
            .trim()
            .min(1, { error: 'write why: a decision needs a rationale' })
            .max(5000, { error: 'expected at most 5000 characters' }),
          decided: IsoDate.optional(),
          status: z
            .enum(pilot.PILOT_STATUSES, { error: `expected one of: ${pilot.PILOT_STATUSES.join(', ')}` })
            .optional(),
        }),
      },
    },
    async (request, reply) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      const { decision, rationale, decided, status } = request.body;
      const item = await store.records.mutate(
        id,
        pid,
        'pilots',
        request.params.pilot,
        (cur) => ({
          ...cur,
          decision,
          rationale,
          decided: decided ?? todayOf({}),
          ...(status ? { status } : {}),
        }),
        v,
        () => allow(v, mayWork(v, pid), 'decide on the pilots of this partnership'),
        'partnership.pilots.decide',
        auditOf(request),
      );
      return reply.header('etag', `"${item.version}"`).send(item);
    },
  );

  r.get(
    '/api/v1/ecosystems/:id/lessons',
    {
      schema: {
        tags: ['pilot'],
        summary:
          'The lessons-learned log across every partnership you may see, searched by text (ranked) and tags (#tag in q, or tags=a,b)',
        params: z.strictObject({ id: IdParam }),
        querystring: z.strictObject({
          q: z.string().max(500).optional(),
          tags: z.string().max(1000).optional(),
          partnership: IdParam.optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
    },
    async (request) => {
      const { id } = request.params;
      const v = await viewerFor(request, store, id);
      const sections = await readSections(store.db, id, { viewer: v });
      const names = new Map<string, Pick<Partnership, 'name' | 'stage'>>();
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Store['partnerships']['list']>> = await store.partnerships.list(
          id,
          v,
          { limit: 200, ...(cursor ? { cursor } : {}) },
        );
        for (const p of page.items) names.set(p.id, { name: p.name, stage: p.stage });
        cursor = page.nextCursor;
      } while (cursor);
      const all = pilot.collectLessons(
        [...sections].map(([pid, s]) => ({ id: pid, lessons: s.lessons ?? [] })),
      );
      const tags = (request.query.tags ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const q = request.query.q ?? '';
      const hits = pilot.searchLessons(all, q, {
        tags,
        ...(request.query.partnership ? { partnership: request.query.partnership } : {}),
      });
      const limit = request.query.limit ?? 100;
      const tagCounts = new Map<string, number>();
      for (const l of all) for (const t of l.lesson.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
      const perPartnership = new Map<string, number>();
      for (const l of all) perPartnership.set(l.partnership, (perPartnership.get(l.partnership) ?? 0) + 1);
      return {
        query: { q, tags, partnership: request.query.partnership ?? null },
        total: hits.length,
        logged: all.length,
        items: hits
          .slice(0, limit)
          .map((h) => ({ ...h, partnershipName: names.get(h.partnership)?.name ?? h.partnership })),
        tags: [...tagCounts]
          .map(([tag, count]) => ({ tag, count }))
          .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
        partnerships: [...names].map(([pid, p]) => ({
          id: pid,
          name: p.name,
          stage: p.stage,
          lessons: perPartnership.get(pid) ?? 0,
        })),
        rule: 'A lesson matches when at least one word of the query does. Per word the best match counts: a tag equal to it 5, a tag starting with it 3, a whole word in the text 2, a word starting with it 1. Ranked by words matched, then score, then newest first; #tag keeps only lessons with that tag.',
      };
    },
  );
}
