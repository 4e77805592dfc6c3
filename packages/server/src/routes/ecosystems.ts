/** Ecosystems: list, create, read, update, delete, import, export, roles, organization links, invitations, audit, map graph. */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  analyzeNetwork,
  can,
  readDocument,
  ROLES,
  ValidationError,
  validateDocument,
  writeDocument,
  type Viewer,
} from '@valueweb/core';
import type { Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { auditOf, ifMatch, requireUser, viewerFor } from '../auth/principal.ts';
import { newSecret, sha256 } from '../auth/secrets.ts';

export const IdParam = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/, {
    error: 'expected an id: letters, digits, ".", "_", ":" or "-"',
  });
export const EcoParams = z.strictObject({ id: IdParam });
const INVITE_DAYS = 7;

/** 403 unless the policy allows it. */
export function allow(v: Viewer, ok: boolean, what: string): void {
  if (!ok)
    throw new HttpError(
      v.scope === 'read' ? 403 : 403,
      'forbidden',
      v.scope === 'read'
        ? `this API token is read-only: it cannot ${what}`
        : `your role does not allow you to ${what}`,
    );
}

export function ecosystemRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/ecosystems',
    { schema: { tags: ['ecosystems'], summary: 'Ecosystems you take part in, with counts' } },
    async (request) => {
      const p = requireUser(request);
      return { items: await store.ecosystems.listFor(p.user), nextCursor: null };
    },
  );

  r.post(
    '/api/v1/ecosystems',
    {
      schema: {
        tags: ['ecosystems'],
        summary: 'Create an empty ecosystem (administrators)',
        body: z.strictObject({
          id: IdParam,
          name: z.string(),
          purpose: z.string().optional(),
          goals: z.array(z.string()).optional(),
        }),
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      if (!p.user.isAdmin) throw new HttpError(403, 'forbidden', 'only administrators create ecosystems');
      if (p.scope === 'read') throw new HttpError(403, 'forbidden', 'this API token is read-only');
      const e = await store.ecosystems.create(request.body, { userId: p.user.id }, auditOf(request));
      return reply.status(201).header('etag', `"${e.version}"`).send(e);
    },
  );

  r.get(
    '/api/v1/ecosystems/:id',
    { schema: { tags: ['ecosystems'], summary: 'One ecosystem (ETag: its version)', params: EcoParams } },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      const e = await store.ecosystems.get(request.params.id);
      return reply
        .header('etag', `"${e.version}"`)
        .send({ ...e, role: v.isAdmin ? 'orchestrator' : v.role, actorId: v.actorId });
    },
  );

  r.patch(
    '/api/v1/ecosystems/:id',
    {
      schema: {
        tags: ['ecosystems'],
        summary: 'Change name, purpose or goals (If-Match required)',
        params: EcoParams,
        body: z.strictObject({
          name: z.string().optional(),
          purpose: z.string().optional(),
          goals: z.array(z.string()).optional(),
        }),
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'ecosystem.update'), 'change this ecosystem');
      const e = await store.ecosystems.update(
        request.params.id,
        request.body,
        ifMatch(request),
        auditOf(request),
      );
      return reply.header('etag', `"${e.version}"`).send(e);
    },
  );

  r.delete(
    '/api/v1/ecosystems/:id',
    {
      schema: {
        tags: ['ecosystems'],
        summary: 'Delete an ecosystem and everything in it (If-Match required)',
        params: EcoParams,
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'ecosystem.delete'), 'delete this ecosystem');
      const version = ifMatch(request);
      const e = await store.ecosystems.get(request.params.id);
      if (e.version !== version)
        throw new HttpError(
          412,
          'precondition_failed',
          `ecosystem "${e.id}" was changed by someone else (version ${e.version}); reload it`,
        );
      await store.ecosystems.delete(request.params.id, auditOf(request));
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/ecosystems/import',
    {
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags: ['ecosystems'],
        summary:
          'Import a document: JSON {document} or YAML/JSON text; one transaction; ?replace=true overwrites (keeping a snapshot)',
        querystring: z.strictObject({ replace: z.enum(['true', 'false']).optional() }),
        body: z.union([z.strictObject({ document: z.unknown() }), z.string()]),
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      const result =
        typeof request.body === 'string'
          ? readDocument(request.body, {
              format: /json/.test(String(request.headers['content-type'])) ? 'json' : 'yaml',
            })
          : validateDocument(request.body.document);
      if (!result.ok) throw new ValidationError(result.problems);
      const doc = result.document;
      const exists = await store.ecosystems.exists(doc.ecosystem.id);
      if (exists) {
        const v = await viewerFor(request, store, doc.ecosystem.id);
        allow(v, can(v, 'ecosystem.import'), 'replace this ecosystem');
      } else if (!p.user.isAdmin || p.scope === 'read') {
        throw new HttpError(403, 'forbidden', 'only administrators import new ecosystems');
      }
      const res = await store.ecosystems.import(doc, {
        replace: request.query.replace === 'true',
        audit: auditOf(request),
      });
      if (!exists) await store.access.setRole(doc.ecosystem.id, p.user.id, 'orchestrator', auditOf(request));
      return reply.status(201).send(res);
    },
  );

  r.get(
    '/api/v1/ecosystems/:id/document',
    {
      schema: {
        tags: ['ecosystems'],
        summary: 'Export as a document (only what you may see)',
        params: EcoParams,
        querystring: z.strictObject({ format: z.enum(['yaml', 'json']).optional() }),
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      const doc = await store.ecosystems.export(request.params.id, v);
      const format = request.query.format ?? (request.headers.accept?.includes('yaml') ? 'yaml' : 'json');
      if (format === 'yaml') {
        return reply
          .type('application/yaml; charset=utf-8')
          .header('content-disposition', `attachment; filename="${doc.ecosystem.id}.yaml"`)
          .send(writeDocument(doc, 'yaml'));
      }
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(doc));
    },
  );

  r.get(
    '/api/v1/ecosystems/:id/graph',
    {
      schema: {
        tags: ['map'],
        summary: 'Nodes with network metrics and edges, for the map',
        params: EcoParams,
        querystring: z.strictObject({ seed: z.coerce.number().int().optional() }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      const doc = await store.ecosystems.export(request.params.id, v);
      const report = analyzeNetwork(doc, { seed: request.query.seed ?? 1 });
      const articulation = new Set(report.articulationPoints);
      const siloCommunities = new Set(report.silos.map((s) => (s as { community?: number }).community));
      return {
        nodes: doc.actors.map((a) => {
          const m = report.actors[a.id]!;
          return {
            id: a.id,
            name: a.name,
            kind: a.kind,
            capabilities: a.capabilities,
            needs: a.needs,
            ...m,
            articulationPoint: articulation.has(a.id),
            inSilo: siloCommunities.has(m.community),
          };
        }),
        edges: doc.relationships.map((e, i) => ({
          id: i,
          from: e.from,
          to: e.to,
          kind: e.kind,
          flows: e.flows ?? [],
          strength: e.strength,
          directed: e.directed,
        })),
        network: {
          components: report.components,
          modularity: report.modularity,
          density: report.density,
          communities: report.communities,
          definitions: report.definitions,
        },
      };
    },
  );

  r.get(
    '/api/v1/ecosystems/:id/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log of an ecosystem, newest first',
        params: EcoParams,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).optional(),
          cursor: z
            .string()
            .regex(/^\d{1,18}$/, { error: 'not a cursor this API gave out' })
            .optional(),
        }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'audit.read'), 'read the audit log');
      const limit = request.query.limit ?? 50;
      const items = await store.audit({
        ecosystemId: request.params.id,
        limit: limit + 1,
        ...(request.query.cursor ? { before: Number(request.query.cursor) } : {}),
      });
      const page = items.slice(0, limit);
      return {
        items: page,
        nextCursor: items.length > limit && page.length ? String(page.at(-1)!.id) : null,
      };
    },
  );

  r.get(
    '/api/v1/ecosystems/:id/roles',
    { schema: { tags: ['access'], summary: 'Who has which role', params: EcoParams } },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'roles.manage'), 'see the roles');
      return { items: await store.access.listRoles(request.params.id) };
    },
  );

  r.put(
    '/api/v1/ecosystems/:id/roles/:userId',
    {
      schema: {
        tags: ['access'],
        summary: "Set a user's role",
        params: z.strictObject({ id: IdParam, userId: z.uuid() }),
        body: z.strictObject({ role: z.enum(ROLES) }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'roles.manage'), 'change roles');
      await store.access.setRole(
        request.params.id,
        request.params.userId,
        request.body.role,
        auditOf(request),
      );
      return { userId: request.params.userId, role: request.body.role };
    },
  );

  r.get(
    '/api/v1/ecosystems/:id/organizations',
    {
      schema: {
        tags: ['access'],
        summary: 'Organizations and the actor each is in this ecosystem',
        params: EcoParams,
      },
    },
    async (request) => {
      await viewerFor(request, store, request.params.id);
      return { items: await store.access.listOrganizationLinks(request.params.id) };
    },
  );

  r.put(
    '/api/v1/ecosystems/:id/organizations/:orgId',
    {
      schema: {
        tags: ['access'],
        summary: 'Link an organization to its actor',
        params: z.strictObject({ id: IdParam, orgId: z.uuid() }),
        body: z.strictObject({ actorId: IdParam }),
      },
    },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'roles.manage'), 'link organizations');
      await store.access.linkOrganization(
        request.params.id,
        request.params.orgId,
        request.body.actorId,
        auditOf(request),
      );
      return { organizationId: request.params.orgId, actorId: request.body.actorId };
    },
  );

  r.get(
    '/api/v1/ecosystems/:id/invites',
    { schema: { tags: ['invites'], summary: 'Invitations to this ecosystem', params: EcoParams } },
    async (request) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'invites.create'), 'see invitations');
      return { items: await store.auth.listInvites(request.params.id) };
    },
  );

  r.post(
    '/api/v1/ecosystems/:id/invites',
    {
      schema: {
        tags: ['invites'],
        summary: 'Invite a person of an organization (the link sets a password and expires in 7 days)',
        params: EcoParams,
        body: z.strictObject({
          email: z
            .string()
            .trim()
            .regex(/^[^@\s]+@[^@\s]+$/, { error: 'expected an email address' })
            .max(320),
          name: z.string().trim().min(1).max(200),
          organizationId: z.uuid(),
          role: z.enum(ROLES),
        }),
      },
    },
    async (request, reply) => {
      const v = await viewerFor(request, store, request.params.id);
      allow(v, can(v, 'invites.create'), 'invite people');
      const token = newSecret();
      const expiresAt = new Date(Date.now() + INVITE_DAYS * 86400_000);
      await store.auth.createInvite(
        {
          tokenHash: sha256(token),
          ...request.body,
          ecosystemId: request.params.id,
          createdBy: v.userId,
          expiresAt,
        },
        auditOf(request),
      );
      const origin = `${request.protocol}://${request.host}`;
      return reply
        .status(201)
        .send({ url: `${origin}/invite/${token}`, token, expiresAt: expiresAt.toISOString() });
    },
  );

  r.get(
    '/api/v1/organizations',
    { schema: { tags: ['organizations'], summary: 'Organizations on the platform' } },
    async (request) => {
      requireUser(request);
      return { items: await store.people.listOrganizations() };
    },
  );

  r.post(
    '/api/v1/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Create an organization (administrators)',
        body: z.strictObject({ name: z.string().trim().min(1).max(200) }),
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      if (!p.user.isAdmin || p.scope === 'read')
        throw new HttpError(403, 'forbidden', 'only administrators create organizations');
      return reply
        .status(201)
        .send(await store.people.createOrganization(request.body.name, auditOf(request)));
    },
  );

  r.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users of your organization (administrators: everyone)',
        querystring: z.strictObject({ organizationId: z.uuid().optional() }),
      },
    },
    async (request) => {
      const p = requireUser(request);
      const orgId = p.user.isAdmin ? request.query.organizationId : p.user.organizationId;
      return { items: await store.people.listUsers(orgId) };
    },
  );
}
