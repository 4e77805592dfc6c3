/**
 * First start: the first administrator (from VALUEWEB_ADMIN_EMAIL and
 * VALUEWEB_ADMIN_PASSWORD, or created with a one-time password that is
 * printed), and with --demo three partner organizations with users, linked
 * to their actors, so the access rules can be seen at work.
 */
import type { Store } from '@valueweb/store';
import { hashPassword, newPassword } from './auth/secrets.ts';

export interface BootstrapResult {
  admin?: { email: string; password?: string };
  demoUsers?: { email: string; password: string; organization: string; role: string }[];
}

export const DEMO_PASSWORD = 'valueweb-demo-2026';

/** Creates the first administrator when the platform has no user yet. */
export async function ensureAdmin(
  store: Store,
  opts: { email?: string | undefined; password?: string | undefined },
): Promise<BootstrapResult['admin']> {
  if ((await store.people.countUsers()) > 0) return undefined;
  const audit = { via: 'system' };
  const org = await store.people.createOrganization('Platform administration', audit);
  const email = opts.email ?? 'admin@valueweb.local';
  const password = opts.password ?? newPassword();
  await store.people.createUser(
    {
      organizationId: org.id,
      email,
      name: 'Administrator',
      passwordHash: await hashPassword(password),
      isAdmin: true,
    },
    audit,
  );
  return opts.password ? { email } : { email, password };
}

/** The demo organizations: each is an actor of the rare-disease demo ecosystem. */
const DEMO = {
  ecosystemId: 'rare-disease-ecosystem',
  orgs: [
    {
      name: 'Pan-European Rare Disease Clinical Network',
      actor: 'pan-european-clinical-network',
      user: 'orchestrator@demo.valueweb.local',
      person: 'Olivia Orchestrator',
      role: 'orchestrator' as const,
    },
    {
      name: 'Nordgen Therapeutics',
      actor: 'nordgen-therapeutics',
      user: 'member@nordgen.demo.valueweb.local',
      person: 'Nils Nordgen',
      role: 'member' as const,
    },
    {
      name: 'Stratocloud Systems',
      actor: 'stratocloud-systems',
      user: 'member@stratocloud.demo.valueweb.local',
      person: 'Sofia Stratocloud',
      role: 'member' as const,
    },
  ],
  observer: { user: 'observer@demo.valueweb.local', person: 'Oscar Observer' },
};

/** Creates the demo organizations, users and a private relationship (once; skipped if they exist). */
export async function ensureDemo(store: Store): Promise<BootstrapResult['demoUsers']> {
  if (!(await store.ecosystems.exists(DEMO.ecosystemId))) return undefined;
  if (await store.people.findUserByEmail(DEMO.orgs[0]!.user)) return undefined;
  const audit = { via: 'system' };
  const hash = await hashPassword(DEMO_PASSWORD);
  const out: NonNullable<BootstrapResult['demoUsers']> = [];
  const orgIds: string[] = [];
  for (const o of DEMO.orgs) {
    const org = await store.people.createOrganization(o.name, audit);
    orgIds.push(org.id);
    const user = await store.people.createUser(
      { organizationId: org.id, email: o.user, name: o.person, passwordHash: hash },
      audit,
    );
    await store.access.linkOrganization(DEMO.ecosystemId, org.id, o.actor, audit);
    await store.access.setRole(DEMO.ecosystemId, user.id, o.role, audit);
    out.push({ email: o.user, password: DEMO_PASSWORD, organization: o.name, role: o.role });
  }
  const observer = await store.people.createUser(
    { organizationId: orgIds[0]!, email: DEMO.observer.user, name: DEMO.observer.person, passwordHash: hash },
    audit,
  );
  await store.access.setRole(DEMO.ecosystemId, observer.id, 'observer', audit);
  out.push({
    email: DEMO.observer.user,
    password: DEMO_PASSWORD,
    organization: DEMO.orgs[0]!.name,
    role: 'observer',
  });
  // A confidential tie only Nordgen (and the orchestrators) may see: Stratocloud's member must not.
  const orch = {
    userId: '',
    organizationId: orgIds[0]!,
    isAdmin: true,
    role: 'orchestrator' as const,
    actorId: null,
    partnershipIds: [],
    scope: 'write' as const,
  };
  await store.relationships.create(
    DEMO.ecosystemId,
    {
      from: 'nordgen-therapeutics',
      to: 'cortexa-ai',
      kind: 'research',
      flows: ['data', 'knowledge'],
      description: 'Confidential: early talks on AI-assisted trial design',
      visibility: 'private',
      ownerOrganizationId: orgIds[1],
    },
    orch,
    audit,
  );
  // Nordgen keeps its commercial attributes to itself.
  const nordgen = await store.actors.get(DEMO.ecosystemId, 'nordgen-therapeutics', orch);
  await store.actors.update(
    DEMO.ecosystemId,
    'nordgen-therapeutics',
    {
      attributes: { ...(nordgen.attributes ?? {}), pipelineValueEurM: 420 },
      attributesVisibility: 'private',
    },
    nordgen.version,
    orch,
    () => undefined,
    audit,
  );
  return out;
}
