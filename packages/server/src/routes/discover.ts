/**
 * Discover over HTTP: the ecosystem's selection criteria and focal actor,
 * ratings, scores with every term and their sensitivity, the portfolio
 * recommendation, the partner pipeline and the alliance readiness assessment.
 *
 * Who may do what:
 * - criteria and the focal actor: everyone reads; orchestrators change them;
 * - ratings: a member rates as its own organization, an orchestrator for any;
 *   a rating is private to its organization (and the orchestrators) unless
 *   shared with the ecosystem, and scores are computed from the ratings the
 *   caller may see (the store filters them in SQL);
 * - the pipeline: orchestrators, observers and the focal organization's people
 *   read it (it names who is being courted: candidates and competitors do not);
 *   orchestrators and the focal organization's members move it; only
 *   orchestrators charter (that creates a partnership);
 * - readiness: everyone reads the questions and what they may see of the
 *   responses; a member answers for its own organization, an orchestrator for any.
 */
import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can, discover as d, effectiveRole, ValidationError, type Viewer } from '@valueweb/core';
import type { Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { auditOf, ifMatch, requireUser, viewerFor } from '../auth/principal.ts';
import { allow, IdParam } from './ecosystems.ts';

const Eco = z.strictObject({ id: IdParam });
const Visibility = z.enum(d.DISCOVER_VISIBILITIES, { error: 'expected private or ecosystem' });
const Stage = z.enum(d.PIPELINE_STAGES, {
  error: `expected a stage: one of ${d.PIPELINE_STAGES.join(', ')}`,
});
const Note = z.string().max(5000);
const Person = z.string().trim().min(1).max(200);

const ScoreQuery = z.strictObject({
  /** Weight overrides for live re-ranking: `culture:20,vision:10`. */
  weights: z.string().max(2000).optional(),
  focal: IdParam.optional(),
  /** A comma-separated list of actor ids (default: the pipeline's open entries and rated actors). */
  candidates: z.string().max(20_000).optional(),
});

/** Parses `id:weight,id:weight`; a malformed pair is a problem at `weights`. */
function parseWeights(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._:-]{0,199})\s*:\s*(-?\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m) {
      throw new ValidationError([
        {
          path: ['weights'],
          message: `expected criterion:weight pairs separated by commas (e.g. culture:20,vision:10), got ${JSON.stringify(part)}`,
          code: 'invalid_value',
        },
      ]);
    }
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

const list = (text: string | undefined) =>
  text === undefined
    ? undefined
    : text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

const isOrchestrator = (v: Viewer) => effectiveRole(v) === 'orchestrator';

/** May rate as, or answer for, this organization (an actor id). */
function mayActFor(v: Viewer, organization: string, what: string): void {
  if (v.scope === 'read')
    throw new HttpError(403, 'forbidden', `this API token is read-only: it cannot ${what}`);
  const role = effectiveRole(v);
  if (role === 'orchestrator') return;
  if (role !== 'member') throw new HttpError(403, 'forbidden', `your role does not allow you to ${what}`);
  if (v.actorId !== organization) {
    throw new HttpError(
      403,
      'forbidden',
      v.actorId
        ? `you ${what} as your own organization ("${v.actorId}"), not as "${organization}"`
        : 'your organization is not linked to an actor of this ecosystem, so it cannot rate or answer yet',
    );
  }
}

function mayReadPipeline(v: Viewer, focal: string | null): void {
  if (isOrchestrator(v) || v.role === 'observer' || (focal !== null && v.actorId === focal)) return;
  throw new HttpError(
    403,
    'forbidden',
    `the partner pipeline is shared with the orchestrators, observers and the organization partners are selected for${focal ? ` ("${focal}")` : ''}: it names who is being approached`,
  );
}

function mayMovePipeline(v: Viewer, focal: string | null): void {
  if (v.scope === 'read')
    throw new HttpError(403, 'forbidden', 'this API token is read-only: it cannot change the pipeline');
  if (isOrchestrator(v) || (v.role === 'member' && focal !== null && v.actorId === focal)) return;
  throw new HttpError(
    403,
    'forbidden',
    'only orchestrators and the organization partners are selected for move the pipeline',
  );
}

const action = (request: FastifyRequest, note?: string) => ({
  by: requireUser(request).user.name,
  at: new Date().toISOString(),
  ...(note !== undefined ? { note } : {}),
});
const optionalIfMatch = (request: FastifyRequest) =>
  request.headers['if-match'] === undefined ? undefined : ifMatch(request);

export function discoverRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/ecosystems/:id/discover';

  /** The actors and the section as the viewer may see them: what scores and portfolios are computed from. */
  const workspace = async (ecosystemId: string, v: Viewer): Promise<d.DiscoverDocument> => ({
    actors: await store.discover.actors(ecosystemId),
    discover: await store.discover.section(ecosystemId, v),
  });

  // ---- criteria and the focal actor -------------------------------------------------------

  r.get(
    `${base}/criteria`,
    {
      schema: {
        tags: ['discover'],
        summary: 'The selection criteria with weights, and the focal actor (ETag: the settings version)',
        params: Eco,
      },
    },
    async (request, reply) => {
      await viewerFor(request, store, request.params.id);
      const s = await store.discover.settings(request.params.id);
      return reply
        .header('etag', `"${s.version}"`)
        .send({ ...s, computedCriteria: d.COMPUTED_CRITERIA, defaults: d.DEFAULT_CRITERIA });
    },
  );

  r.put(
    `${base}/criteria`,
    {
      schema: {
        tags: ['discover'],
        summary:
          'Set the criteria (null: the defaults of seed 000) and/or the focal actor (null: none); orchestrators; If-Match optional',
        params: Eco,
        body: z.strictObject({
          criteria: z.array(z.unknown()).max(100).nullable().optional(),
          focal: IdParam.nullable().optional(),
        }),
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'ecosystem.update'), 'change the selection criteria');
      const s = await store.discover.putSettings(
        request.params.id,
        request.body,
        auditOf(request),
        optionalIfMatch(request),
      );
      return reply
        .header('etag', `"${s.version}"`)
        .send({ ...s, computedCriteria: d.COMPUTED_CRITERIA, defaults: d.DEFAULT_CRITERIA });
    },
  );

  // ---- ratings ----------------------------------------------------------------------------

  r.get(
    `${base}/ratings`,
    {
      schema: {
        tags: ['discover'],
        summary:
          'The ratings you may see: your organization’s and those shared with the ecosystem (orchestrators: all)',
        params: Eco,
        querystring: z.strictObject({ candidate: IdParam.optional() }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      const s = await store.discover.section(request.params.id, v);
      return {
        items: s.ratings.filter(
          (x) => request.query.candidate === undefined || x.candidate === request.query.candidate,
        ),
      };
    },
  );

  r.put(
    `${base}/ratings/:candidate/:rater`,
    {
      schema: {
        tags: ['discover'],
        summary:
          "Replace a rater organization's ratings of a candidate: [{criterion, score 1–5, note?}] (empty: remove); a member rates as its own organization",
        params: Eco.extend({ candidate: IdParam, rater: IdParam }),
        body: z.strictObject({ ratings: z.array(z.unknown()).max(100), visibility: Visibility.optional() }),
      },
    },
    async (request) => {
      const { id, candidate, rater } = request.params;
      const v = await viewerFor(request, store, id);
      mayActFor(v, rater, 'rate candidates');
      const items = await store.discover.putRatings(id, candidate, rater, request.body, auditOf(request));
      return { items };
    },
  );

  // ---- scores, sensitivity, portfolio -----------------------------------------------------

  const scores = async (request: FastifyRequest, ecosystemId: string, q: z.infer<typeof ScoreQuery>) => {
    const v = await viewerFor(request, store, ecosystemId);
    const doc = await workspace(ecosystemId, v);
    const weights = parseWeights(q.weights);
    const candidates = list(q.candidates);
    const out = d.scoreDocument(doc, {
      ...(q.focal ? { focal: q.focal } : {}),
      ...(weights ? { weights } : {}),
      ...(candidates ? { candidates } : {}),
    });
    return { out, v, ratings: doc.discover?.ratings.length ?? 0 };
  };

  r.get(
    `${base}/scores`,
    {
      schema: {
        tags: ['discover'],
        summary:
          'Candidates ranked, each score with every term (criterion, weight, value, source, contribution); ?weights=culture:20 re-ranks live',
        params: Eco,
        querystring: ScoreQuery,
      },
    },
    async (request) => {
      const { out, v, ratings } = await scores(request, request.params.id, request.query);
      return {
        focal: out.focal,
        candidates: out.pool,
        defaultCriteria: out.defaultCriteria,
        criteria: out.result.criteria,
        ranking: out.result.ranking,
        ignoredRatings: out.result.ignoredRatings,
        rule: out.result.rule,
        sensitivity: out.sensitivity,
        ratingsCounted: ratings,
        basis: isOrchestrator(v)
          ? 'Scores use every rating (you are an orchestrator).'
          : 'Scores use the ratings you may see: your organization’s and those shared with the ecosystem.',
      };
    },
  );

  r.get(
    `${base}/sensitivity`,
    {
      schema: {
        tags: ['discover'],
        summary: 'Which candidates could change rank if any one weight moves by ±20%',
        params: Eco,
        querystring: ScoreQuery,
      },
    },
    async (request) => (await scores(request, request.params.id, request.query)).out.sensitivity,
  );

  r.post(
    `${base}/portfolio`,
    {
      schema: {
        tags: ['discover'],
        summary:
          "Recommend up to k partners covering the most of the focal actor's weighted needs, none carrying more than dependencyCap of the covered value",
        params: Eco,
        body: z.strictObject({
          k: z.number().int({ error: 'expected a whole number of partners' }).min(0).max(100),
          dependencyCap: z
            .number()
            .gt(0, { error: 'expected a share above 0 and at most 1' })
            .max(1, { error: 'expected a share above 0 and at most 1' })
            .optional(),
          candidates: z.array(IdParam).max(20_000).optional(),
          needWeights: z
            .record(z.string(), z.number().min(0, { error: 'expected a weight of 0 or more' }))
            .optional(),
          focal: IdParam.optional(),
          method: z.enum(['auto', 'exact', 'greedy']).optional(),
        }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      const b = request.body;
      const doc = await workspace(request.params.id, v);
      try {
        return d.portfolioForDocument(doc, {
          k: b.k,
          ...(b.dependencyCap !== undefined ? { maxShare: b.dependencyCap } : {}),
          ...(b.candidates ? { candidates: b.candidates } : {}),
          ...(b.needWeights ? { needWeights: b.needWeights } : {}),
          ...(b.focal ? { focal: b.focal } : {}),
          ...(b.method ? { method: b.method } : {}),
        });
      } catch (e) {
        // Core names the cap maxShare; the API calls it dependencyCap.
        if (e instanceof ValidationError)
          throw new ValidationError(
            e.problems.map((p) => (p.path[0] === 'maxShare' ? { ...p, path: ['dependencyCap'] } : p)),
          );
        throw e;
      }
    },
  );

  // ---- the pipeline -----------------------------------------------------------------------

  const Candidate = Eco.extend({ candidate: IdParam });

  r.get(
    `${base}/pipeline`,
    {
      schema: {
        tags: ['discover'],
        summary:
          'The partner pipeline: every entry with its stage, owner, notes, history and the moves it allows',
        params: Eco,
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      const { focal } = await store.discover.settings(request.params.id);
      mayReadPipeline(v, focal);
      const items = await store.discover.pipeline(request.params.id);
      return {
        items,
        counts: d.pipelineCounts(items.map((i) => i.entry)),
        stages: d.PIPELINE_STAGES,
        transitions: d.PIPELINE_TRANSITIONS,
        rules:
          'Forward one stage at a time; back one stage between contacted, exploring and aligned with a note; any open stage → declined with a note; declined → candidate to reopen with a note; chartered is final and creates the partnership.',
        focal,
        mayMove:
          isOrchestrator(v) ||
          (v.role === 'member' && v.scope === 'write' && focal !== null && v.actorId === focal),
        mayCharter: can(v, 'partnership.create'),
      };
    },
  );

  r.post(
    `${base}/pipeline`,
    {
      schema: {
        tags: ['discover'],
        summary: 'Add a candidate to the pipeline (stage candidate)',
        params: Eco,
        body: z.strictObject({ candidate: IdParam, owner: Person.optional(), note: Note.optional() }),
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      const { focal } = await store.discover.settings(request.params.id);
      mayMovePipeline(v, focal);
      const b = request.body;
      const item = await store.discover.createPipelineEntry(
        request.params.id,
        b.candidate,
        { ...action(request, b.note), ...(b.owner ? { owner: b.owner } : {}) },
        auditOf(request),
      );
      return reply.status(201).header('etag', `"${item.version}"`).send(item);
    },
  );

  r.post(
    `${base}/pipeline/:candidate/transitions`,
    {
      schema: {
        tags: ['discover'],
        summary:
          'Move an entry to another stage (with a note when declining, reopening or going back); to chartered also creates the partnership {id, name, purpose?} with the focal actor and the candidate',
        params: Candidate,
        body: z.strictObject({
          to: Stage,
          note: Note.optional(),
          partnership: z
            .strictObject({
              id: IdParam,
              name: z.string().max(200),
              purpose: z.string().max(5000).optional(),
            })
            .optional(),
        }),
      },
    },
    async (request, reply) => {
      const { id, candidate } = request.params;
      const v = await viewerFor(request, store, id);
      const { focal } = await store.discover.settings(id);
      mayMovePipeline(v, focal);
      const b = request.body;
      if (b.to === 'chartered')
        allow(v, can(v, 'partnership.create'), 'charter a partnership (orchestrators do)');
      const item = await store.discover.transitionPipeline(
        id,
        candidate,
        b.to,
        action(request, b.note),
        b.partnership,
        auditOf(request),
        optionalIfMatch(request),
      );
      // A new partnership changes who sees what: drop cached viewers before answering.
      if (item.partnership) request.server.accessCache.invalidate();
      return reply.header('etag', `"${item.version}"`).send(item);
    },
  );

  r.put(
    `${base}/pipeline/:candidate/owner`,
    {
      schema: {
        tags: ['discover'],
        summary: 'Hand the entry to another owner (null: none)',
        params: Candidate,
        body: z.strictObject({ owner: Person.nullable(), note: Note.optional() }),
      },
    },
    async (request, reply) => {
      const { id, candidate } = request.params;
      const v = await viewerFor(request, store, id);
      const { focal } = await store.discover.settings(id);
      mayMovePipeline(v, focal);
      const item = await store.discover.assignPipelineOwner(
        id,
        candidate,
        request.body.owner,
        action(request, request.body.note),
        auditOf(request),
        optionalIfMatch(request),
      );
      return reply.header('etag', `"${item.version}"`).send(item);
    },
  );

  r.post(
    `${base}/pipeline/:candidate/notes`,
    {
      schema: {
        tags: ['discover'],
        summary: 'Add a note to an entry',
        params: Candidate,
        body: z.strictObject({ note: Note }),
      },
    },
    async (request, reply) => {
      const { id, candidate } = request.params;
      const v = await viewerFor(request, store, id);
      const { focal } = await store.discover.settings(id);
      mayMovePipeline(v, focal);
      const item = await store.discover.addPipelineNote(
        id,
        candidate,
        { ...action(request), note: request.body.note },
        auditOf(request),
      );
      return reply.status(201).header('etag', `"${item.version}"`).send(item);
    },
  );

  // ---- readiness --------------------------------------------------------------------------

  r.get(
    `${base}/readiness/questions`,
    {
      schema: {
        tags: ['discover'],
        summary:
          'The alliance readiness assessment (seed 001): six map signals, seven readiness items, the scale and the guidance',
        params: Eco,
      },
    },
    async (request) => {
      // Like every ecosystem path: only for people with a role in it (404 otherwise, 401 without a login).
      await viewerFor(request, store, request.params.id);
      return readinessQuestions();
    },
  );

  function readinessQuestions() {
    return {
      mapSignals: d.MAP_SIGNALS,
      readinessItems: d.READINESS_ITEMS,
      answers: d.READINESS_ANSWERS,
      answerValue: d.ANSWER_VALUE,
      rule: d.READINESS_RULE,
      guidance: {
        useWhen: d.USE_WHEN,
        avoidWhen: d.AVOID_WHEN,
        pitfalls: d.PITFALLS,
        keyQuestions: d.KEY_QUESTIONS,
        keyPrinciples: d.KEY_PRINCIPLES,
        howToExecute: d.HOW_TO_EXECUTE,
      },
    };
  }

  const Subject = Eco.extend({
    kind: z.enum(d.ASSESSMENT_SUBJECTS, { error: 'expected initiative or partnership' }),
    subject: IdParam,
  });

  r.get(
    `${base}/readiness`,
    {
      schema: {
        tags: ['discover'],
        summary:
          'Every assessment with the responses you may see, each scored, and where organizations disagree',
        params: Eco,
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      const s = await store.discover.section(request.params.id, v);
      return { items: s.readiness.map(d.assessmentResult) };
    },
  );

  r.get(
    `${base}/readiness/:kind/:subject`,
    {
      schema: {
        tags: ['discover'],
        summary:
          'One assessment: each visible response with its score, verdict and guidance (empty when nobody has answered yet)',
        params: Subject,
      },
    },
    async (request) => {
      const { id, kind, subject } = request.params;
      const v = await viewerFor(request, store, id);
      const s = await store.discover.section(id, v);
      const found = s.readiness.find((a) => a.subject.kind === kind && a.subject.id === subject);
      if (!found && kind === 'partnership') await store.partnerships.get(id, subject);
      return d.assessmentResult(found ?? { subject: { kind, id: subject }, responses: [] });
    },
  );

  r.put(
    `${base}/readiness/:kind/:subject/responses/:organization`,
    {
      schema: {
        tags: ['discover'],
        summary:
          "Record an organization's answers (item id → yes, partly or no); a member answers for its own organization; private unless visibility is ecosystem",
        params: Subject.extend({ organization: IdParam }),
        body: z.strictObject({
          answers: z.record(z.string(), z.unknown()),
          note: z.string().max(2000).optional(),
          visibility: Visibility.optional(),
          name: z.string().max(200).optional(),
        }),
      },
    },
    async (request) => {
      const { id, kind, subject, organization } = request.params;
      const v = await viewerFor(request, store, id);
      mayActFor(v, organization, 'answer the readiness assessment');
      const b = request.body;
      const response = await store.discover.putResponse(
        id,
        { kind, id: subject },
        organization,
        {
          answers: b.answers,
          note: b.note,
          visibility: b.visibility,
          name: b.name,
          answeredBy: requireUser(request).user.name,
          at: new Date().toISOString(),
        },
        auditOf(request),
      );
      return { response, result: d.scoreReadiness(response.answers) };
    },
  );
}
