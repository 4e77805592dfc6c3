/** Actors, relationships and partnerships (and members) of an ecosystem. */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ACTOR_KINDS, can, canSee, RELATIONSHIP_KINDS, type Viewer } from '@valueweb/core';
import type { Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { auditOf, ifMatch, viewerFor } from '../auth/principal.ts';
import { allow, IdParam } from './ecosystems.ts';

const Eco = z.strictObject({ id: IdParam });
const ActorParams = z.strictObject({ id: IdParam, actorId: IdParam });
const RelParams = z.strictObject({
  id: IdParam,
  relId: z.coerce.number().int().positive({ error: 'expected a relationship id (a positive number)' }),
});
const PParams = z.strictObject({ id: IdParam, pid: IdParam });
const Body = z.record(z.string(), z.unknown());
const Limit = z.coerce.number().int().min(1).max(200).optional();
const Cursor = z.string().max(500).optional();

/** Organizations own what their members create; orchestrators may set any owner. */
function withOwner(v: Viewer, body: Record<string, unknown>): Record<string, unknown> {
  if ((v.isAdmin || v.role === 'orchestrator') && 'ownerOrganizationId' in body) return body;
  return { ...body, ownerOrganizationId: v.role === 'orchestrator' || v.isAdmin ? null : v.organizationId };
}

export function itemRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Actors
  r.get(
    '/api/v1/ecosystems/:id/actors',
    {
      schema: {
        tags: ['actors'],
        summary: 'Actors (search, filter, sort, cursor pages)',
        params: Eco,
        querystring: z.strictObject({
          q: z.string().max(200).optional(),
          kind: z.enum(ACTOR_KINDS).optional(),
          capability: z.string().max(200).optional(),
          sort: z.enum(['name', '-name', 'kind', '-kind', 'id', '-id', 'position']).optional(),
          limit: Limit,
          cursor: Cursor,
        }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      return store.actors.list(request.params.id, v, request.query);
    },
  );
  r.post(
    '/api/v1/ecosystems/:id/actors',
    { schema: { tags: ['actors'], summary: 'Create an actor', params: Eco, body: Body } },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'actor.create'), 'create actors');
      const a = await store.actors.create(request.params.id, withOwner(v, request.body), v, auditOf(request));
      return reply.status(201).header('etag', `"${a.version}"`).send(a);
    },
  );
  r.get(
    '/api/v1/ecosystems/:id/actors/:actorId',
    { schema: { tags: ['actors'], summary: 'One actor (ETag: its version)', params: ActorParams } },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      const a = await store.actors.get(request.params.id, request.params.actorId, v);
      return reply.header('etag', `"${a.version}"`).send(a);
    },
  );
  r.patch(
    '/api/v1/ecosystems/:id/actors/:actorId',
    {
      schema: {
        tags: ['actors'],
        summary: 'Change an actor (If-Match required)',
        params: ActorParams,
        body: Body,
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      const body =
        v.isAdmin || v.role === 'orchestrator'
          ? request.body
          : (({ ownerOrganizationId: _o, ...rest }) => rest)(request.body);
      const a = await store.actors.update(
        request.params.id,
        request.params.actorId,
        body,
        ifMatch(request),
        v,
        (cur) =>
          allow(
            v,
            can(v, 'actor.update', {
              visibility: 'ecosystem',
              ownerOrganizationId: cur.ownerOrganizationId,
              actorId: cur.id,
            }),
            'change this actor',
          ),
        auditOf(request),
      );
      return reply.header('etag', `"${a.version}"`).send(a);
    },
  );
  r.delete(
    '/api/v1/ecosystems/:id/actors/:actorId',
    {
      schema: {
        tags: ['actors'],
        summary: 'Delete an actor with its relationships and memberships (If-Match required)',
        params: ActorParams,
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'actor.delete'), 'delete actors');
      await store.actors.delete(
        request.params.id,
        request.params.actorId,
        ifMatch(request),
        v,
        () => undefined,
        auditOf(request),
      );
      return reply.status(204).send();
    },
  );

  // Relationships
  r.get(
    '/api/v1/ecosystems/:id/relationships',
    {
      schema: {
        tags: ['relationships'],
        summary: 'Relationships you may see',
        params: Eco,
        querystring: z.strictObject({
          actor: IdParam.optional(),
          kind: z.enum(RELATIONSHIP_KINDS).optional(),
          flow: z.string().max(200).optional(),
          sort: z.enum(['position', 'kind', '-kind', 'from', '-from']).optional(),
          limit: Limit,
          cursor: Cursor,
        }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      return store.relationships.list(request.params.id, v, request.query);
    },
  );
  r.post(
    '/api/v1/ecosystems/:id/relationships',
    { schema: { tags: ['relationships'], summary: 'Create a relationship', params: Eco, body: Body } },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'relationship.create'), 'create relationships');
      const rel = await store.relationships.create(
        request.params.id,
        withOwner(v, request.body),
        v,
        auditOf(request),
      );
      return reply.status(201).header('etag', `"${rel.version}"`).send(rel);
    },
  );
  r.get(
    '/api/v1/ecosystems/:id/relationships/:relId',
    { schema: { tags: ['relationships'], summary: 'One relationship', params: RelParams } },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      const rel = await store.relationships.get(request.params.id, request.params.relId, v);
      return reply.header('etag', `"${rel.version}"`).send(rel);
    },
  );
  r.patch(
    '/api/v1/ecosystems/:id/relationships/:relId',
    {
      schema: {
        tags: ['relationships'],
        summary: 'Change a relationship (If-Match required)',
        params: RelParams,
        body: Body,
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      const body =
        v.isAdmin || v.role === 'orchestrator'
          ? request.body
          : (({ ownerOrganizationId: _o, ...rest }) => rest)(request.body);
      const rel = await store.relationships.update(
        request.params.id,
        request.params.relId,
        body,
        ifMatch(request),
        v,
        (cur) =>
          allow(
            v,
            can(v, 'relationship.update', {
              visibility: cur.visibility,
              ownerOrganizationId: cur.ownerOrganizationId,
            }),
            'change this relationship',
          ),
        auditOf(request),
      );
      return reply.header('etag', `"${rel.version}"`).send(rel);
    },
  );
  r.delete(
    '/api/v1/ecosystems/:id/relationships/:relId',
    {
      schema: {
        tags: ['relationships'],
        summary: 'Delete a relationship (If-Match required)',
        params: RelParams,
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      await store.relationships.delete(
        request.params.id,
        request.params.relId,
        ifMatch(request),
        v,
        (cur) =>
          allow(
            v,
            can(v, 'relationship.delete', {
              visibility: cur.visibility,
              ownerOrganizationId: cur.ownerOrganizationId,
            }) && canSee(v, cur),
            'delete this relationship',
          ),
        auditOf(request),
      );
      return reply.status(204).send();
    },
  );

  // Partnerships
  r.get(
    '/api/v1/ecosystems/:id/partnerships',
    {
      schema: {
        tags: ['partnerships'],
        summary: 'Partnerships',
        params: Eco,
        querystring: z.strictObject({
          stage: z.string().max(50).optional(),
          q: z.string().max(200).optional(),
          limit: Limit,
          cursor: Cursor,
        }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      return store.partnerships.list(request.params.id, v, request.query);
    },
  );
  r.post(
    '/api/v1/ecosystems/:id/partnerships',
    { schema: { tags: ['partnerships'], summary: 'Create a partnership', params: Eco, body: Body } },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'partnership.create'), 'create partnerships');
      const p = await store.partnerships.create(request.params.id, request.body, auditOf(request));
      return reply.status(201).header('etag', `"${p.version}"`).send(p);
    },
  );
  r.get(
    '/api/v1/ecosystems/:id/partnerships/:pid',
    { schema: { tags: ['partnerships'], summary: 'One partnership', params: PParams } },
    async (request, reply) => {
      await viewerFor(request, store, request.params.id);
      const p = await store.partnerships.get(request.params.id, request.params.pid);
      return reply.header('etag', `"${p.version}"`).send(p);
    },
  );
  r.patch(
    '/api/v1/ecosystems/:id/partnerships/:pid',
    {
      schema: {
        tags: ['partnerships'],
        summary: 'Change a partnership (If-Match required)',
        params: PParams,
        body: Body,
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      const p = await store.partnerships.update(
        request.params.id,
        request.params.pid,
        request.body,
        ifMatch(request),
        (cur) => {
          allow(
            v,
            can(v, 'partnership.update', {
              visibility: 'ecosystem',
              ownerOrganizationId: null,
              partnershipId: cur.id,
            }),
            'change this partnership',
          );
          if ('members' in request.body) allow(v, can(v, 'members.manage'), 'change the members');
          if (
            'charter' in request.body &&
            JSON.stringify(request.body.charter) !== JSON.stringify(cur.charter ?? null)
          ) {
            // A charter changes by amendment (a new version each member ratifies): it has its own call.
            throw new HttpError(
              400,
              'validation_failed',
              `the charter changes by amendment: PUT /api/v1/ecosystems/${request.params.id}/partnerships/${cur.id}/charter`,
              [
                {
                  path: ['charter'],
                  field: 'charter',
                  message: 'amend the charter with PUT …/charter (a new version that every member ratifies)',
                  code: 'invalid_value',
                },
              ],
            );
          }
          if ('stage' in request.body && request.body.stage !== cur.stage) {
            // A stage change passes its gate (or is an override with a rationale): it has its own call.
            throw new HttpError(
              400,
              'validation_failed',
              `the stage moves through its gate: POST /api/v1/ecosystems/${request.params.id}/partnerships/${cur.id}/stage`,
              [
                {
                  path: ['stage'],
                  field: 'stage',
                  message: 'move the stage with POST …/stage (its gate, or an override with a rationale)',
                  code: 'invalid_value',
                },
              ],
            );
          }
        },
        auditOf(request),
      );
      return reply.header('etag', `"${p.version}"`).send(p);
    },
  );
  r.delete(
    '/api/v1/ecosystems/:id/partnerships/:pid',
    {
      schema: {
        tags: ['partnerships'],
        summary: 'Delete a partnership (If-Match required)',
        params: PParams,
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'partnership.delete'), 'delete partnerships');
      await store.partnerships.delete(
        request.params.id,
        request.params.pid,
        ifMatch(request),
        auditOf(request),
      );
      return reply.status(204).send();
    },
  );
  r.put(
    '/api/v1/ecosystems/:id/partnerships/:pid/members/:actorId',
    {
      schema: {
        tags: ['partnerships'],
        summary: 'Add a member or change its role',
        params: z.strictObject({ id: IdParam, pid: IdParam, actorId: IdParam }),
        body: z.strictObject({ role: z.string().trim().min(1).max(200).optional() }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'members.manage'), 'change the members');
      return store.partnerships.putMember(
        request.params.id,
        request.params.pid,
        request.params.actorId,
        request.body.role,
        auditOf(request),
      );
    },
  );
  r.delete(
    '/api/v1/ecosystems/:id/partnerships/:pid/members/:actorId',
    {
      schema: {
        tags: ['partnerships'],
        summary: 'Remove a member',
        params: z.strictObject({ id: IdParam, pid: IdParam, actorId: IdParam }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'members.manage'), 'change the members');
      return store.partnerships.removeMember(
        request.params.id,
        request.params.pid,
        request.params.actorId,
        auditOf(request),
      );
    },
  );
}
