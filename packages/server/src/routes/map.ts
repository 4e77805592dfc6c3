/** Map analytics over HTTP: the analysis, what-if exits, snapshots and their diff — always on what the caller may see. */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { analyzeMap, can, diffDocuments, whatIfExit, type EcosystemDocument } from '@valueweb/core';
import type { Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { auditOf, viewerFor } from '../auth/principal.ts';
import { allow, IdParam } from './ecosystems.ts';

const Eco = z.strictObject({ id: IdParam });
const SnapshotRef = z.union([z.literal('current'), z.coerce.number().int().positive()]);

export function mapRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/ecosystems/:id/analysis',
    {
      schema: {
        tags: ['map'],
        summary:
          'Network metrics, communities, silos, brokers, gaps, opportunities and criticality (each number explained)',
        params: Eco,
        querystring: z.strictObject({
          seed: z.coerce.number().int().optional(),
          opportunities: z.coerce.number().int().min(0).max(500).optional(),
        }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      const doc = await store.ecosystems.export(request.params.id, v);
      return analyzeMap(doc, {
        seed: request.query.seed ?? 1,
        ...(request.query.opportunities !== undefined
          ? { opportunityLimit: request.query.opportunities }
          : {}),
      });
    },
  );

  r.post(
    '/api/v1/ecosystems/:id/what-if',
    {
      schema: {
        tags: ['map'],
        summary: 'What is lost if these actors leave',
        params: Eco,
        body: z.strictObject({ actors: z.array(IdParam).min(1).max(1000) }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      const doc = await store.ecosystems.export(request.params.id, v);
      return whatIfExit(doc, request.body.actors);
    },
  );

  r.get(
    '/api/v1/ecosystems/:id/snapshots',
    { schema: { tags: ['map'], summary: 'Saved snapshots, newest first', params: Eco } },
    async (request) => {
      await viewerFor(request, store, request.params.id);
      return { items: await store.snapshots.list(request.params.id) };
    },
  );

  r.post(
    '/api/v1/ecosystems/:id/snapshots',
    {
      schema: {
        tags: ['map'],
        summary: 'Save a snapshot of the ecosystem now',
        params: Eco,
        body: z.strictObject({ label: z.string().trim().min(1).max(200).optional() }),
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'ecosystem.update'), 'save snapshots');
      const doc = await store.ecosystems.export(request.params.id);
      const snap = await store.snapshots.save(
        request.params.id,
        doc,
        'on demand',
        request.body.label,
        auditOf(request),
      );
      return reply.status(201).send(snap);
    },
  );

  r.get(
    '/api/v1/ecosystems/:id/diff',
    {
      schema: {
        tags: ['map'],
        summary:
          'Differences between two snapshots (or a snapshot and now): actors, relationships, metric movers, communities merged or split',
        params: Eco,
        querystring: z.strictObject({
          from: SnapshotRef,
          to: SnapshotRef.optional(),
          seed: z.coerce.number().int().optional(),
        }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(
        v,
        can(v, 'ecosystem.update') || v.role === 'observer' || v.role === 'member',
        'compare snapshots',
      );
      // Snapshots hold the whole ecosystem: only orchestrators compare them in full; others compare what they may see now.
      const load = async (ref: 'current' | number): Promise<EcosystemDocument> => {
        if (ref === 'current') return store.ecosystems.export(request.params.id, v);
        if (!(v.isAdmin || v.role === 'orchestrator'))
          throw new HttpError(403, 'forbidden', 'only orchestrators read saved snapshots');
        return store.snapshots.get(request.params.id, ref);
      };
      const [a, b] = [await load(request.query.from), await load(request.query.to ?? 'current')];
      return diffDocuments(a, b, { seed: request.query.seed ?? 1 });
    },
  );
}
