/**
 * Govern over HTTP: the charter (versioned; ratified by each member
 * organization for itself; the version in force), decisions (proposed, voted
 * on by one user of each member organization, tallied live by the charter
 * version in force when they opened, closed into the decision log, escalated
 * along the conflict path once stuck past their deadline), disputes walked up
 * the conflict path, and the voting power a decision rule gives each member.
 * The registers themselves (obligations, issues, risks, disputes) are written
 * one item at a time through /records/:section (routes/records.ts).
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  effectiveRole,
  games,
  govern,
  ValidationError,
  VOTE_CHOICES,
  type Charter,
  type Path,
  type PartnershipDecision,
  type Viewer,
} from '@valueweb/core';
import type { CharterView, RecordItem, Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { auditOf, ifMatch, viewerFor } from '../auth/principal.ts';
import { allow, IdParam } from './ecosystems.ts';
import { mayWork } from './records.ts';

const PParams = z.strictObject({ id: IdParam, pid: IdParam });
const KeyParams = PParams.extend({ key: IdParam });
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: 'not a real calendar date',
  });
const TodayQuery = z.strictObject({ today: IsoDate.optional() });
const Body = z.record(z.string(), z.unknown());

/** The day computations are made for: `?today=` when given (reproducible answers), else the server's UTC date. */
export const dayOf = (q: { today?: string | undefined }): string =>
  q.today ?? new Date().toISOString().slice(0, 10);

/** Runs a core computation, turning its refusal (GameInputError) into a 400 naming the field. */
export function checked<T>(fn: () => T, prefix: Path = []): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof games.GameInputError) {
      const at = e.path.join('.');
      const message = at && e.message.startsWith(`${at}: `) ? e.message.slice(at.length + 2) : e.message;
      throw new ValidationError([{ path: [...prefix, ...e.path], message, code: 'invalid_value' }]);
    }
    throw e;
  }
}

/** A 403 that names the field at fault. */
const refuse = (field: string, message: string) =>
  new HttpError(403, 'forbidden', message, [{ field, message }]);

/** Only a user of `actor`'s own organization, with a write credential, acts for it (votes, ratifies). */
function actingFor(v: Viewer, actor: string, members: readonly string[], what: string): void {
  if (v.scope === 'read')
    throw new HttpError(403, 'forbidden', `this API token is read-only: it cannot ${what}`);
  if (effectiveRole(v) === 'observer')
    throw new HttpError(403, 'forbidden', `observers read; they do not ${what}`);
  if (v.actorId === null)
    throw refuse(
      'actor',
      `your organization is not linked to an actor in this ecosystem, so it cannot ${what}`,
    );
  if (v.actorId !== actor)
    throw refuse(
      'actor',
      `you ${what} for your own organization (${v.actorId}); ${actor} does so through its own people`,
    );
  if (!members.includes(actor))
    throw refuse('actor', `${actor} is not a member of this partnership, so it does not ${what}`);
}

/** Every charter version, oldest first, the current one last. */
const versionsOf = (c: CharterView): Charter[] => [
  ...c.history.map((h) => h.charter),
  ...(c.current ? [c.current] : []),
];

/** What the caller may do with the charter. */
function charterYou(v: Viewer, pid: string, c: CharterView) {
  const actorId = v.actorId;
  const member = actorId !== null && c.members.includes(actorId);
  const current = c.status.current;
  const mine = member ? current?.members.find((m) => m.actor === actorId) : undefined;
  return {
    actorId,
    member,
    mayAmend: mayWork(v, pid),
    mayRatify:
      member &&
      v.scope === 'write' &&
      effectiveRole(v) !== 'observer' &&
      current !== null &&
      current.version !== null &&
      !mine?.ratified,
    ratified: mine?.ratified ?? false,
  };
}

interface DecisionContext {
  charter: CharterView;
  versions: Charter[];
  today: string;
}

/** A decision with its live tally, the rule it is tallied by, whether it is stuck, and what the caller may do. */
function decisionView(rec: RecordItem, ctx: DecisionContext, v: Viewer, pid: string) {
  const d = rec.item as unknown as PartnershipDecision;
  const members = ctx.charter.members;
  const ruling = govern.rulingFor(ctx.versions, members, d.opened, ctx.today);
  let tally: govern.Tally | null = null;
  let tallyProblem: string | null = null;
  if (ruling.ruling) {
    try {
      tally = govern.tallyOf(d, ruling.ruling.rule, members);
    } catch (e) {
      if (!(e instanceof games.GameInputError)) throw e;
      tallyProblem = `the votes cannot be tallied by charter version ${ruling.ruling.version}: ${e.message}`;
    }
  }
  const path = ctx.charter.current?.conflictPath ?? [];
  const stuck = govern.isStuck(d, ctx.today);
  const votes = govern.votesOf(d, members);
  const open = d.status === 'open';
  const everyoneVoted = members.every((m) => votes[m] !== undefined);
  const actorId = v.actorId;
  const writer = v.scope === 'write' && effectiveRole(v) !== 'observer';
  return {
    key: rec.key,
    version: rec.version,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    item: d,
    ruling: {
      version: ruling.ruling?.version ?? null,
      rule: ruling.ruling?.rule ?? null,
      basis: ruling.basis,
      binding: ruling.binding,
      explanation: ruling.explanation,
    },
    tally,
    tallyProblem,
    stuck,
    escalation: {
      due: stuck,
      to: path[0] ?? null,
      explanation: !open
        ? `the decision is ${d.status}`
        : stuck
          ? path.length > 0
            ? `open past its deadline ${d.deadline}: escalate it to "${path[0]}", the first step of the conflict path (${path.join(' → ')})`
            : `open past its deadline ${d.deadline}, but the charter has no conflict path to escalate along`
          : `open until its deadline ${d.deadline}`,
    },
    you: {
      actorId,
      vote: actorId !== null ? (votes[actorId] ?? null) : null,
      mayVote: open && writer && actorId !== null && members.includes(actorId),
      mayClose:
        open &&
        ruling.binding &&
        tally !== null &&
        mayWork(v, pid) &&
        (effectiveRole(v) === 'orchestrator' || d.deadline < ctx.today || everyoneVoted),
      mayEscalate: stuck && path.length > 0 && mayWork(v, pid),
    },
  };
}

/** A slug of a title, for a decision id the caller did not give. */
function slugOf(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return s || 'decision';
}

export function governRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/ecosystems/:id/partnerships/:pid';

  const decisionContext = async (id: string, pid: string, today: string): Promise<DecisionContext> => {
    const charter = await store.charters.get(id, pid, { today });
    return { charter, versions: versionsOf(charter), today };
  };
  const oneDecision = async (id: string, pid: string, key: string, v: Viewer, today: string) => {
    const rec = await store.records.get(id, pid, 'decisions', key, v);
    return decisionView(rec, await decisionContext(id, pid, today), v, pid);
  };

  // ---- the charter ------------------------------------------------------------------------

  r.get(
    `${base}/charter`,
    {
      schema: {
        tags: ['govern'],
        summary:
          'The current charter, the version in force, every earlier version, and who has ratified which (ETag: the partnership version, for amending)',
        params: PParams,
        querystring: TodayQuery,
      },
    },
    async (request, reply) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      const c = await store.charters.get(id, pid, { today: dayOf(request.query) });
      return reply.header('etag', `"${c.version}"`).send({ ...c, you: charterYou(v, pid, c) });
    },
  );

  r.put(
    `${base}/charter`,
    {
      schema: {
        tags: ['govern'],
        summary:
          'Amend the charter: a new version (the current one moves to the history; ratifications start over). Body: the charter without ratifications; If-Match required',
        params: PParams,
        body: Body,
      },
    },
    async (request, reply) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      const c = await store.charters.amend(
        id,
        pid,
        request.body,
        ifMatch(request),
        () => allow(v, mayWork(v, pid), 'amend the charter of this partnership'),
        auditOf(request),
      );
      return reply.header('etag', `"${c.version}"`).send({ ...c, you: charterYou(v, pid, c) });
    },
  );

  r.post(
    `${base}/charter/ratifications`,
    {
      schema: {
        tags: ['govern'],
        summary:
          "Ratify the current charter version for your own organization: {version, actor?} (actor defaults to your organization's actor)",
        params: PParams,
        body: z.strictObject({
          version: z.union([z.string().min(1).max(200), z.number()]),
          actor: IdParam.optional(),
        }),
      },
    },
    async (request, reply) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      const actor = request.body.actor ?? v.actorId ?? '';
      const c = await store.charters.ratify(
        id,
        pid,
        actor,
        request.body.version,
        (members) => actingFor(v, actor, members, 'ratify the charter'),
        { audit: auditOf(request) },
      );
      return reply
        .status(201)
        .header('etag', `"${c.version}"`)
        .send({ ...c, you: charterYou(v, pid, c) });
    },
  );

  // ---- decisions --------------------------------------------------------------------------

  r.get(
    `${base}/decisions`,
    {
      schema: {
        tags: ['govern'],
        summary:
          'Decisions with their live tally by the charter version in force when each opened, whether each is stuck past its deadline, and what you may do',
        params: PParams,
        querystring: TodayQuery,
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      const today = dayOf(request.query);
      const { items } = await store.records.list(id, pid, 'decisions', v);
      const ctx = await decisionContext(id, pid, today);
      return {
        today,
        members: ctx.charter.members,
        names: ctx.charter.names,
        conflictPath: ctx.charter.current?.conflictPath ?? [],
        items: items.map((rec) => decisionView(rec, ctx, v, pid)),
      };
    },
  );

  r.post(
    `${base}/decisions`,
    {
      schema: {
        tags: ['govern'],
        summary:
          'Propose a decision: {title, deadline, description?, options?, id?, opened?} (opened defaults to today; it starts open with no votes)',
        params: PParams,
        body: Body,
      },
    },
    async (request, reply) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      const body = request.body;
      const fixed = ['status', 'votes', 'decided'].filter((k) => k in body);
      if (fixed.length > 0) {
        throw new ValidationError(
          fixed.map((k) => ({
            path: [k],
            message: `${k} is set by voting and closing, not when proposing`,
            code: 'invalid_value',
          })),
        );
      }
      allow(v, mayWork(v, pid), 'propose decisions in this partnership');
      let key = typeof body.id === 'string' && body.id ? body.id : '';
      if (!key) {
        const taken = new Set((await store.records.list(id, pid, 'decisions', v)).items.map((i) => i.key));
        const stem = slugOf(typeof body.title === 'string' ? body.title : '');
        key = stem;
        for (let k = 2; taken.has(key); k++) key = `${stem}-${k}`;
      }
      const today = dayOf({});
      const item = { ...body, id: key, opened: body.opened ?? today, status: 'open', votes: [] };
      const rec = await store.records.create(
        id,
        pid,
        'decisions',
        item,
        v,
        () => allow(v, mayWork(v, pid), 'propose decisions in this partnership'),
        auditOf(request),
      );
      return reply
        .status(201)
        .header('etag', `"${rec.version}"`)
        .send(decisionView(rec, await decisionContext(id, pid, today), v, pid));
    },
  );

  r.get(
    `${base}/decisions/:key`,
    {
      schema: {
        tags: ['govern'],
        summary: 'One decision with its live tally',
        params: KeyParams,
        querystring: TodayQuery,
      },
    },
    async (request, reply) => {
      const { id, pid, key } = request.params;
      const v = await viewerFor(request, store, id);
      const d = await oneDecision(id, pid, key, v, dayOf(request.query));
      return reply.header('etag', `"${d.version}"`).send(d);
    },
  );

  r.put(
    `${base}/decisions/:key/votes/:actor`,
    {
      schema: {
        tags: ['govern'],
        summary:
          "Cast or change your organization's vote {vote: yes|no|abstain} while the decision is open (only people of that member organization)",
        params: KeyParams.extend({ actor: IdParam }),
        body: z.strictObject({
          vote: z.enum(VOTE_CHOICES, { error: `expected one of: ${VOTE_CHOICES.join(', ')}` }),
        }),
      },
    },
    async (request, reply) => {
      const { id, pid, key, actor } = request.params;
      const v = await viewerFor(request, store, id);
      const today = dayOf({});
      const rec = await store.records.mutate(
        id,
        pid,
        'decisions',
        key,
        (cur, ctx) => {
          actingFor(v, actor, ctx.memberIds, 'vote');
          const d = cur as unknown as PartnershipDecision;
          if (d.status !== 'open')
            throw new HttpError(
              409,
              'conflict',
              `decision "${key}" is ${d.status}: votes change only while it is open`,
              [{ field: 'status', message: `the decision is ${d.status}` }],
            );
          return checked(() => govern.castVote(d, ctx.memberIds, actor, request.body.vote, today));
        },
        v,
        () => undefined,
        'partnership.decisions.vote',
        auditOf(request),
      );
      const view = decisionView(rec, await decisionContext(id, pid, today), v, pid);
      return reply.header('etag', `"${view.version}"`).send(view);
    },
  );

  r.post(
    `${base}/decisions/:key/close`,
    {
      schema: {
        tags: ['govern'],
        summary:
          'Close a decision: passed or rejected by the tally under the charter version in force when it opened; the tally goes into the decision log after your rationale. Members close once the deadline has passed or every member has voted; orchestrators any time',
        params: KeyParams,
        body: z.strictObject({ rationale: z.string().max(4000).optional() }).optional(),
      },
    },
    async (request, reply) => {
      const { id, pid, key } = request.params;
      const v = await viewerFor(request, store, id);
      const today = dayOf({});
      const dctx = await decisionContext(id, pid, today);
      const rec = await store.records.mutate(
        id,
        pid,
        'decisions',
        key,
        (cur, ctx) => {
          const d = cur as unknown as PartnershipDecision;
          if (d.status !== 'open')
            throw new HttpError(409, 'conflict', `decision "${key}" is already ${d.status}`, [
              { field: 'status', message: `the decision is ${d.status}` },
            ]);
          const ruling = govern.rulingFor(dctx.versions, ctx.memberIds, d.opened, today);
          if (!ruling.ruling || !ruling.binding)
            throw new HttpError(409, 'conflict', `decision "${key}" cannot be closed: ${ruling.explanation}`);
          if (effectiveRole(v) !== 'orchestrator') {
            const votes = govern.votesOf(d, ctx.memberIds);
            if (!(d.deadline < today) && !ctx.memberIds.every((m) => votes[m] !== undefined)) {
              throw new HttpError(
                403,
                'forbidden',
                `decision "${key}" is open until ${d.deadline} and not every member has voted: members close it once the deadline has passed or every member has voted (orchestrators any time)`,
              );
            }
          }
          return checked(
            () =>
              govern.closeDecision(d, ctx.memberIds, ruling.ruling!, today, request.body?.rationale).decision,
          );
        },
        v,
        () => allow(v, mayWork(v, pid), 'close decisions of this partnership'),
        'partnership.decisions.close',
        auditOf(request),
      );
      const view = decisionView(rec, await decisionContext(id, pid, today), v, pid);
      return reply.header('etag', `"${view.version}"`).send(view);
    },
  );

  r.post(
    `${base}/decisions/:key/escalate`,
    {
      schema: {
        tags: ['govern'],
        summary:
          'Escalate a decision stuck past its deadline: it becomes escalated and a dispute is opened at the first step of the conflict path, between the members who did not vote yes',
        params: KeyParams,
      },
    },
    async (request, reply) => {
      const { id, pid, key } = request.params;
      const v = await viewerFor(request, store, id);
      const today = dayOf({});
      const dctx = await decisionContext(id, pid, today);
      const taken = new Set((await store.records.list(id, pid, 'disputes', v)).items.map((i) => i.key));
      const held: { dispute?: govern.DecisionDispute; before?: Record<string, unknown> } = {};
      const rec = await store.records.mutate(
        id,
        pid,
        'decisions',
        key,
        (cur, ctx) => {
          const d = cur as unknown as PartnershipDecision;
          held.before = structuredClone(cur);
          const ruling = govern.rulingFor(dctx.versions, ctx.memberIds, d.opened, today);
          let tally: govern.Tally | null = null;
          try {
            tally = ruling.ruling ? govern.tallyOf(d, ruling.ruling.rule, ctx.memberIds) : null;
          } catch (e) {
            if (!(e instanceof games.GameInputError)) throw e;
          }
          if (d.status !== 'open')
            throw new HttpError(
              409,
              'conflict',
              `decision "${key}" is ${d.status}: only an open decision escalates`,
              [{ field: 'status', message: `the decision is ${d.status}` }],
            );
          const out = checked(() =>
            govern.escalateDecision(d, ctx.memberIds, ctx.partnership.charter?.conflictPath, today, tally),
          );
          let disputeId = out.dispute.id;
          for (let k = 2; taken.has(disputeId); k++) disputeId = `${out.dispute.id}-${k}`;
          held.dispute = { ...out.dispute, id: disputeId };
          return {
            ...out.decision,
            rationale: out.decision.rationale.replace(`Dispute ${out.dispute.id} `, `Dispute ${disputeId} `),
          };
        },
        v,
        () => allow(v, mayWork(v, pid), 'escalate decisions of this partnership'),
        'partnership.decisions.escalate',
        auditOf(request),
      );
      let created: RecordItem;
      try {
        created = await store.records.create(
          id,
          pid,
          'disputes',
          held.dispute!,
          v,
          () => undefined,
          auditOf(request),
        );
      } catch (e) {
        // Put the decision back as it was, so an escalation is all or nothing.
        await store.records.mutate(
          id,
          pid,
          'decisions',
          key,
          () => held.before!,
          v,
          () => undefined,
          'partnership.decisions.escalate.undo',
          auditOf(request),
        );
        throw e;
      }
      return reply.send({
        decision: decisionView(rec, await decisionContext(id, pid, today), v, pid),
        dispute: created,
      });
    },
  );

  // ---- disputes along the conflict path ----------------------------------------------------

  r.post(
    `${base}/disputes/:key/escalate`,
    {
      schema: {
        tags: ['govern'],
        summary: "Move an open dispute to the next step of the charter's conflict path",
        params: KeyParams,
      },
    },
    async (request, reply) => {
      const { id, pid, key } = request.params;
      const v = await viewerFor(request, store, id);
      let from = '';
      const rec = await store.records.mutate(
        id,
        pid,
        'disputes',
        key,
        (cur, ctx) => {
          from = String(cur.stage);
          return checked(() =>
            govern.escalateDispute(
              cur as unknown as govern.DisputeLike,
              ctx.partnership.charter?.conflictPath,
            ),
          ) as unknown as Record<string, unknown>;
        },
        v,
        () => allow(v, mayWork(v, pid), 'escalate disputes of this partnership'),
        'partnership.disputes.escalate',
        auditOf(request),
      );
      return reply
        .header('etag', `"${rec.version}"`)
        .send({ ...rec, escalated: { from, to: rec.item.stage } });
    },
  );

  // ---- voting power -------------------------------------------------------------------------

  const powerAnswer = (
    c: CharterView,
    rule: unknown,
    basis: 'in-force' | 'current' | 'what-if',
    charterVersion: string | null,
  ) => {
    const parsed = govern.DecisionRuleSchema.safeParse(rule);
    if (!parsed.success) {
      throw new ValidationError(
        parsed.error.issues.map((i) => ({
          path: ['decision', ...i.path.map((x) => (typeof x === 'symbol' ? String(x) : x))],
          message: i.message,
          code: 'invalid_value',
        })),
      );
    }
    const report = checked(() => govern.powerReport(parsed.data, c.members));
    return { basis, charterVersion, members: c.members, names: c.names, rule: parsed.data, report };
  };

  r.get(
    `${base}/power`,
    {
      schema: {
        tags: ['govern'],
        summary:
          'Voting power under the decision rule of the charter in force (else the current draft): Shapley–Shubik, Banzhaf, Penrose per member, dictator, veto players, dummies, power/weight, a suggested quota',
        params: PParams,
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      await viewerFor(request, store, id);
      const c = await store.charters.get(id, pid);
      const chosen = c.inForce ?? c.current;
      const basis = c.inForce ? 'in-force' : 'current';
      if (!chosen?.decision) {
        return {
          basis: null,
          charterVersion: govern.versionLabel(chosen),
          members: c.members,
          names: c.names,
          rule: null,
          report: null,
          explanation: chosen
            ? `charter version ${govern.versionLabel(chosen) ?? '(unversioned)'} has no decision rule`
            : 'the partnership has no charter yet',
        };
      }
      try {
        return {
          ...powerAnswer(c, chosen.decision, basis, govern.versionLabel(chosen)),
          explanation:
            basis === 'in-force'
              ? `the rule of charter version ${govern.versionLabel(chosen)}, in force`
              : `no version is in force yet: the rule of the current draft, version ${govern.versionLabel(chosen) ?? '(unversioned)'}`,
        };
      } catch (e) {
        // A stored rule the members no longer fit (a weighted member left): say so rather than fail.
        if (!(e instanceof ValidationError)) throw e;
        return {
          basis,
          charterVersion: govern.versionLabel(chosen),
          members: c.members,
          names: c.names,
          rule: chosen.decision,
          report: null,
          explanation: `the charter's decision rule does not fit the members: ${e.problems.map((p) => p.message).join('; ')}`,
        };
      }
    },
  );

  r.post(
    `${base}/power`,
    {
      schema: {
        tags: ['govern'],
        summary:
          "What-if: voting power under the decision rule in the body {decision: {rule, quota?, weights?, veto?}} over the partnership's members (nothing is written)",
        params: PParams,
        body: z.strictObject({ decision: z.unknown() }),
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      await viewerFor(request, store, id);
      const c = await store.charters.get(id, pid);
      return {
        ...powerAnswer(c, request.body.decision, 'what-if', null),
        explanation: 'a what-if rule from the request; the charter is unchanged',
      };
    },
  );
}
