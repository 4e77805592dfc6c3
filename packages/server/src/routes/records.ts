/**
 * A partnership's lists over HTTP, one item at a time: the governance
 * registers, monitoring and pilot lists (`/records/:section`, sections named
 * as in the ecosystem document), KPI measurements, health-check answers and
 * the hash-chained ledger with its verification. Reads are filtered by the
 * store in SQL; writes follow the access policy: orchestrators, and members
 * whose organization belongs to the partnership.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can, effectiveRole, type Viewer } from '@valueweb/core';
import { RECORD_SECTIONS, type Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { auditOf, ifMatch, viewerFor } from '../auth/principal.ts';
import { allow, IdParam } from './ecosystems.ts';

const PParams = z.strictObject({ id: IdParam, pid: IdParam });
const SectionParams = z.strictObject({
  id: IdParam,
  pid: IdParam,
  section: z.enum(RECORD_SECTIONS, { error: `expected one of: ${RECORD_SECTIONS.join(', ')}` }),
});
const ItemParams = SectionParams.extend({ key: IdParam });
const Body = z.record(z.string(), z.unknown());
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date YYYY-MM-DD' });

/**
 * Lists with a flow of their own: members go through it (a vote only for
 * their own organization, a cycle closed once, a stage change through its
 * gate), never around it with the item calls. Orchestrators may still curate
 * these lists item by item (a decision taken before the partnership used
 * Valueweb, a corrected stage history); each change is audited.
 */
const FLOWS: Partial<Record<(typeof RECORD_SECTIONS)[number], string>> = {
  decisions:
    'open a decision with POST …/decisions, vote with PUT …/decisions/:key/votes/:actor, close it with POST …/decisions/:key/close',
  healthChecks:
    'start a cycle with POST …/health-checks, answer with PUT …/health-checks/:cycle/answers/:organization; an orchestrator closes it',
  stageHistory:
    'stage changes are recorded by moving the stage with POST …/stage (its gate, or an override with a rationale)',
};

function guard(v: Viewer, section: (typeof RECORD_SECTIONS)[number]): void {
  const flow = FLOWS[section];
  if (flow && effectiveRole(v) !== 'orchestrator')
    throw new HttpError(403, 'forbidden', `only orchestrators change ${section} item by item; ${flow}`);
}

/** Orchestrators, and members of the partnership's member organizations (with a write credential). */
export function mayWork(v: Viewer, partnershipId: string): boolean {
  return can(v, 'partnership.update', { visibility: 'ecosystem', ownerOrganizationId: null, partnershipId });
}

export function recordRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/ecosystems/:id/partnerships/:pid';

  r.get(
    `${base}/document`,
    {
      schema: {
        tags: ['partnerships'],
        summary: 'The partnership as in the ecosystem document, with every list you may see',
        params: PParams,
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      return store.records.partnership(request.params.id, request.params.pid, v);
    },
  );

  r.get(
    `${base}/records/:section`,
    {
      schema: {
        tags: ['partnership lists'],
        summary:
          'The items of one list (decisions, obligations, issues, risks, disputes, milestones, kpis, healthChecks, gates, pilots, lessons, stageHistory)',
        params: SectionParams,
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      return store.records.list(request.params.id, request.params.pid, request.params.section, v);
    },
  );

  r.post(
    `${base}/records/:section`,
    {
      schema: {
        tags: ['partnership lists'],
        summary: 'Add an item (fields as in the ecosystem document)',
        params: SectionParams,
        body: Body,
      },
    },
    async (request, reply) => {
      const { id, pid, section } = request.params;
      const v = await viewerFor(request, store, id);
      const item = await store.records.create(
        id,
        pid,
        section,
        request.body,
        v,
        () => {
          allow(v, mayWork(v, pid), `change the ${section} of this partnership`);
          guard(v, section);
        },
        auditOf(request),
      );
      return reply.status(201).header('etag', `"${item.version}"`).send(item);
    },
  );

  r.get(
    `${base}/records/:section/:key`,
    { schema: { tags: ['partnership lists'], summary: 'One item (ETag: its version)', params: ItemParams } },
    async (request, reply) => {
      const { id, pid, section, key } = request.params;
      const v = await viewerFor(request, store, id);
      const item = await store.records.get(id, pid, section, key, v);
      return reply.header('etag', `"${item.version}"`).send(item);
    },
  );

  r.patch(
    `${base}/records/:section/:key`,
    {
      schema: {
        tags: ['partnership lists'],
        summary: 'Change an item: the fields sent replace those fields, null removes one (If-Match required)',
        params: ItemParams,
        body: Body,
      },
    },
    async (request, reply) => {
      const { id, pid, section, key } = request.params;
      const v = await viewerFor(request, store, id);
      const item = await store.records.update(
        id,
        pid,
        section,
        key,
        request.body,
        ifMatch(request),
        v,
        (current) => {
          allow(v, mayWork(v, pid), `change the ${section} of this partnership`);
          guard(v, section);
          // A recurring obligation is not simply done: it rolls forward to its next due date.
          const recurs = typeof current?.recurring === 'string' ? current.recurring : null;
          if (section === 'obligations' && request.body.status === 'done' && recurs) {
            throw new HttpError(
              400,
              'validation_failed',
              `"${key}" recurs ${recurs}: mark it done with POST …/obligations/${key}/done, which rolls it forward to its next due date`,
              [
                {
                  path: ['status'],
                  field: 'status',
                  message:
                    'a recurring obligation is marked done with POST …/obligations/:key/done (it rolls forward)',
                  code: 'invalid_value',
                },
              ],
            );
          }
        },
        auditOf(request),
      );
      return reply.header('etag', `"${item.version}"`).send(item);
    },
  );

  r.delete(
    `${base}/records/:section/:key`,
    {
      schema: {
        tags: ['partnership lists'],
        summary: 'Delete an item nothing else refers to (If-Match required)',
        params: ItemParams,
      },
    },
    async (request, reply) => {
      const { id, pid, section, key } = request.params;
      const v = await viewerFor(request, store, id);
      await store.records.delete(
        id,
        pid,
        section,
        key,
        ifMatch(request),
        v,
        () => {
          allow(v, mayWork(v, pid), `change the ${section} of this partnership`);
          guard(v, section);
        },
        auditOf(request),
      );
      return reply.status(204).send();
    },
  );

  // KPI measurements
  r.post(
    `${base}/measurements`,
    {
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags: ['partnership lists'],
        summary:
          'Add KPI measurements {kpi, date, value, note?} in one transaction (replace=true overwrites a day already measured)',
        params: PParams,
        body: z.strictObject({
          measurements: z.array(z.unknown()).min(1).max(100_000),
          replace: z.boolean().optional(),
        }),
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      return store.records.addMeasurements(
        id,
        pid,
        request.body.measurements,
        v,
        () => allow(v, mayWork(v, pid), 'record measurements for this partnership'),
        {
          replace: request.body.replace ?? false,
          audit: auditOf(request),
        },
      );
    },
  );

  r.delete(
    `${base}/kpis/:kpi/measurements/:date`,
    {
      schema: {
        tags: ['partnership lists'],
        summary: 'Remove one measurement',
        params: PParams.extend({ kpi: IdParam, date: IsoDate }),
      },
    },
    async (request, reply) => {
      const { id, pid, kpi, date } = request.params;
      const v = await viewerFor(request, store, id);
      await store.records.deleteMeasurement(
        id,
        pid,
        kpi,
        date,
        v,
        () => allow(v, mayWork(v, pid), 'change measurements of this partnership'),
        auditOf(request),
      );
      return reply.status(204).send();
    },
  );

  // Health-check answers
  r.put(
    `${base}/health-checks/:cycle/answers/:organization`,
    {
      schema: {
        tags: ['partnership lists'],
        summary:
          "Record your organization's answers to an open health-check cycle [{dimension, score 1–5, comment?}]; private to your organization until the cycle closes",
        params: PParams.extend({ cycle: IdParam, organization: IdParam }),
        body: z.strictObject({ answers: z.array(z.unknown()).min(1).max(100) }),
      },
    },
    async (request) => {
      const { id, pid, cycle, organization } = request.params;
      const v = await viewerFor(request, store, id);
      return store.records.answer(
        id,
        pid,
        cycle,
        organization,
        request.body.answers,
        v,
        () => {
          if (v.scope === 'read') throw new HttpError(403, 'forbidden', 'this API token is read-only');
          if (effectiveRole(v) === 'observer')
            throw new HttpError(
              403,
              'forbidden',
              'observers read health checks; the members of the partnership answer them',
            );
          if (v.actorId !== organization)
            throw new HttpError(
              403,
              'forbidden',
              `only people of the organization that is "${organization}" answer for it`,
            );
          if (!v.partnershipIds.includes(pid))
            throw new HttpError(403, 'forbidden', 'your organization is not a member of this partnership');
        },
        { audit: auditOf(request) },
      );
    },
  );

  // The ledger
  r.get(
    `${base}/ledger`,
    {
      schema: {
        tags: ['ledger'],
        summary: 'Contributions and benefits you may see, in the order recorded, with their chain hashes',
        params: PParams,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).optional(),
          cursor: z.string().max(500).optional(),
        }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      return store.records.ledger(request.params.id, request.params.pid, v, request.query);
    },
  );

  r.post(
    `${base}/ledger`,
    {
      schema: {
        tags: ['ledger'],
        summary: 'Record a contribution or benefit (append-only; a correction is a reversing entry)',
        params: PParams,
        body: Body,
      },
    },
    async (request, reply) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      const item = await store.records.appendLedger(
        id,
        pid,
        request.body,
        v,
        (entry) => {
          allow(v, mayWork(v, pid), 'record in the ledger of this partnership');
          if (effectiveRole(v) !== 'orchestrator' && entry.actor !== v.actorId) {
            throw new HttpError(
              403,
              'forbidden',
              `you record your own organization's entries (actor "${v.actorId ?? '?'}"); "${entry.actor}" records its own`,
            );
          }
        },
        auditOf(request),
      );
      return reply.status(201).send(item);
    },
  );

  r.get(
    `${base}/ledger/verify`,
    {
      schema: {
        tags: ['ledger'],
        summary: 'Recompute the hash chain of the whole ledger and name the first broken entry',
        params: PParams,
      },
    },
    async (request) => {
      await viewerFor(request, store, request.params.id);
      return store.records.verifyLedger(request.params.id, request.params.pid);
    },
  );
}
