/**
 * The shapes of the REST API v1 (docs/api-v1.md) as the web app reads them.
 * Document fields come from `@valueweb/core`; what the server adds (ids of
 * relationships, versions, counts, roles) is declared here.
 */
import type {
  Actor,
  ActorKind,
  Partnership,
  Relationship,
  RelationshipKind,
  Role,
  Visibility,
} from '@valueweb/core';

export type { Actor, ActorKind, Partnership, Relationship, RelationshipKind, Role, Visibility };

export interface Organization {
  id: string;
  name: string;
  /** Present on some answers: users in it, its actor in the current ecosystem. */
  users?: number;
  actorId?: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  organization: Organization | null;
}

/** `GET /auth/me`. */
export interface Me {
  user: User;
  roles: { ecosystemId: string; role: Role }[];
  csrfToken: string;
}

/** `POST /auth/login` and `POST /invites/:token/accept`. */
export interface Session {
  user: User;
  csrfToken: string;
}

/** Every list answer. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Counts {
  actors: number;
  relationships: number;
  partnerships: number;
}

/** One row of `GET /ecosystems`. */
export interface EcosystemSummary extends Counts {
  id: string;
  name: string;
  purpose?: string | null;
  role: Role | null;
}

/** `GET /ecosystems/:id`. */
export interface Ecosystem {
  id: string;
  name: string;
  purpose?: string | null;
  goals?: string[] | null;
  version: number;
  counts: Counts;
  role: Role | null;
  /** The actor the user's organization is in this ecosystem, when linked. */
  actorId?: string | null;
}

/** A single resource carries the version its `If-Match` must name. */
export type Versioned<T> = T & { version: number };

export type ActorRecord = Versioned<Actor> & {
  attributesVisibility?: Visibility | null;
  ownerOrganizationId?: string | null;
  attributesHidden?: boolean;
};
export type RelationshipRecord = Versioned<Relationship> & {
  id: number | string;
  ownerOrganizationId?: string | null;
};
export type PartnershipRecord = Versioned<Partnership>;

/** A node of `GET /ecosystems/:id/graph`: the actor plus its network metrics. */
export interface GraphNode {
  id: string;
  name: string;
  /** An actor kind (ActorKind); a string, so a newer server's kinds still show. */
  kind: string;
  degree: number;
  community?: number | null;
  capabilities?: string[];
  x?: number;
  y?: number;
  [metric: string]: unknown;
}

export interface GraphEdge {
  /** The relationship's id (a number on the server; compared as a string). */
  id: string | number;
  from: string;
  to: string;
  /** A relationship kind (RelationshipKind), as a string for the same reason. */
  kind: string;
  strength: number;
  directed: boolean;
  flows?: string[];
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Whole-network figures and the definition of every metric (when the server sends them). */
  network?: {
    components?: number;
    modularity?: number;
    density?: number;
    definitions?: Record<string, string>;
  };
}

/** A person or organization as the audit log names it: an id, or an object with a name. */
export type AuditParty = string | { id?: string; name?: string | null; email?: string | null } | null;

export interface AuditEvent {
  id: string | number;
  at: string;
  /** The person, as a name or an object (the contract), or only their id (`userId`). */
  user?: AuditParty;
  organization?: AuditParty;
  userId?: string | null;
  organizationId?: string | null;
  via?: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** `POST /ecosystems/:id/invites`. */
export interface InviteLink {
  url: string;
  token: string;
  expiresAt: string;
}

/** `GET /invites/:token` (fields the server may add are optional). */
export interface InviteInfo {
  email: string;
  name?: string;
  organization?: Organization | string | null;
  ecosystemId?: string;
  ecosystem?: { id: string; name: string } | string | null;
  role?: Role;
  expiresAt?: string;
}

/** `GET /ecosystems/:id/roles`. */
export interface RoleGrant {
  userId: string;
  role: Role;
  email?: string;
  name?: string;
  organizationId?: string;
  organizationName?: string;
}

/** `GET /ecosystems/:id/organizations`: an organization and its actor here. */
export interface OrganizationLink {
  id: string;
  name: string;
  actorId: string | null;
}

/** `POST /ecosystems/import`. */
export interface ImportResult {
  ecosystemId: string;
  counts: Counts;
}

/** `GET /tokens`. */
export interface ApiToken {
  id: string;
  name: string;
  scope: 'read' | 'write';
  createdAt?: string;
  lastUsedAt?: string | null;
}
