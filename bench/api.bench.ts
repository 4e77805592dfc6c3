/**
 * bench:api — autocannon, 32 connections, against the real server on the
 * PostgreSQL server (autocannon runs in a child process): GET /api/v1/ecosystems/:id/actors?limit=50 (token auth,
 * access policy, validation, serialization included) and one write endpoint
 * (POST relationships), each next to a bare Fastify handler running the same
 * SQL through the same driver, measured in the same run.
 *
 *   npm run bench:api   (VALUEWEB_BENCH_DATABASE_URL, default postgres://root@127.0.0.1:5432/test;
 *                        the bench creates and drops its own database valueweb_bench_api)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import pg from 'pg';
import { validateDocument } from '@valueweb/core';
import { Store } from '@valueweb/store';
import { buildApp } from '@valueweb/server';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const base =
  process.env.VALUEWEB_BENCH_DATABASE_URL ??
  process.env.VALUEWEB_TEST_DATABASE_URL ??
  'postgres://root@127.0.0.1:5432/test';
const u = new URL(base);
u.pathname = '/valueweb_bench_api';
const url = u.toString();

const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));

/**
 * autocannon in a child process, so the load generator does not share the
 * servers' event loop (in-process it would add its own work to every latency).
 */
function run(
  target: string,
  opts: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
): Promise<{ rps: number; p99: number; non2xx: number }> {
  const args = [AUTOCANNON, '-j', '-c', '32', '-d', String(SECONDS), '-m', opts.method ?? 'GET'];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  if (opts.body) args.push('-b', opts.body);
  args.push(target);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err}`));
      const r = JSON.parse(out) as {
        requests: { average: number };
        latency: { p99: number };
        non2xx: number;
        errors: number;
      };
      resolve({ rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx + r.errors });
    });
  });
}

async function main() {
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  await admin.connect();
  await admin.query('drop database if exists valueweb_bench_api with (force)');
  await admin.query('create database valueweb_bench_api');
  try {
    const store = await Store.open({ databaseUrl: url, poolSize: 16 });
    const actors = Array.from({ length: 1000 }, (_, i) => ({
      id: `actor-${i}`,
      name: `Actor ${i}`,
      kind: 'corporate',
      capabilities: [`cap-${i % 50}`],
      needs: [`cap-${(i + 7) % 50}`],
      values: ['openness'],
    }));
    const doc = validateDocument({
      valueweb: 1,
      ecosystem: { id: 'bench', name: 'Bench' },
      actors,
      relationships: [],
      partnerships: [],
    });
    if (!doc.ok) throw new Error('bad bench document');
    await store.ecosystems.import(doc.document);
    const { hashPassword } = await import('../packages/server/src/auth/secrets.ts');
    const org = await store.people.createOrganization('Bench org');
    const user = await store.people.createUser({
      organizationId: org.id,
      email: 'bench@bench.test',
      name: 'Bench',
      passwordHash: await hashPassword('bench-password-1'),
      isAdmin: true,
    });
    await store.access.setRole('bench', user.id, 'orchestrator');
    const { newSecret, sha256 } = await import('../packages/server/src/auth/secrets.ts');
    const token = newSecret('vw_');
    await store.auth.createToken(user.id, 'bench', 'write', sha256(token));

    const app = await buildApp({ store, logger: false, webDir: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const real = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

    // The bare reference: the same SQL through the same driver, no auth, no policy, no validation.
    const pool = new pg.Pool({ connectionString: url, max: 16 });
    pool.on('error', () => undefined);
    const bare = Fastify({ logger: false });
    bare.get('/actors', async () => {
      const { rows } = await pool.query(
        `select a.id, a.name, a.kind, a.description, a.capabilities, a.needs, a."values", a.clock, a.tags, a.attributes, a.attributes_visibility, a.owner_organization_id, a.version, a.position, a.extra
         from actors a where a.ecosystem_id = $1 order by a.position asc, a.id asc limit 51`,
        ['bench'],
      );
      return { items: rows.slice(0, 50) };
    });
    // The same statement the real endpoint runs: check both actors, insert, write the audit event.
    bare.post('/relationships', async (request, reply) => {
      const b = request.body as { from: string; to: string; kind: string };
      const { rows } = await pool.query(
        `with ins as (
           insert into relationships as r (ecosystem_id, position, from_actor, to_actor, kind, flows, strength, directed, description, visibility, partnership_id, owner_organization_id)
           select $1, (select coalesce(max(position) + 1, 0) from relationships where ecosystem_id = $1), $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11
            where exists (select 1 from actors where ecosystem_id = $1 and id = $2) and exists (select 1 from actors where ecosystem_id = $1 and id = $3)
           returning r.*
         ), aud as (
           insert into audit_events (user_id, organization_id, ecosystem_id, action, entity, entity_id, before, after, request_id, via)
           select $12, $13, $1, 'relationship.create', 'relationship', ins.id::text, null,
             jsonb_strip_nulls(jsonb_build_object('from', ins.from_actor, 'to', ins.to_actor, 'kind', ins.kind, 'flows', ins.flows, 'strength', ins.strength,
               'directed', ins.directed, 'description', ins.description, 'visibility', ins.visibility, 'partnershipId', ins.partnership_id)), $14, $15
           from ins
         )
         select ins.id, ins.from_actor as "from", ins.to_actor as "to", ins.kind, ins.flows, ins.strength, ins.directed, ins.description, ins.visibility,
           ins.partnership_id as "partnershipId", ins.owner_organization_id as "ownerOrganizationId", ins.version, ins.position, ins.extra from ins`,
        ['bench', b.from, b.to, b.kind, null, 1, false, null, null, null, null, null, null, null, 'bench'],
      );
      return reply.status(201).send(rows[0]);
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const rel = JSON.stringify({ from: 'actor-1', to: 'actor-2', kind: 'data' });
    console.log(`bench:api — autocannon, 32 connections, ${SECONDS} s each, PostgreSQL server\n`);
    const rows: [
      string,
      { rps: number; p99: number; non2xx: number },
      { rps: number; p99: number; non2xx: number },
    ][] = [];
    rows.push([
      'GET actors?limit=50',
      await run(`${real}/api/v1/ecosystems/bench/actors?limit=50`, { headers: auth }),
      await run(`${bareUrl}/actors`, {}),
    ]);
    rows.push([
      'POST relationships',
      await run(`${real}/api/v1/ecosystems/bench/relationships`, {
        method: 'POST',
        headers: auth,
        body: rel,
      }),
      await run(`${bareUrl}/relationships`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: rel,
      }),
    ]);
    console.log(
      `${'endpoint'.padEnd(22)}${'real req/s'.padStart(12)}${'real p99'.padStart(10)}${'bare req/s'.padStart(12)}${'bare p99'.padStart(10)}${'ratio'.padStart(8)}  target (≥ 60%, p99 < 50 ms)`,
    );
    for (const [name, r, b] of rows) {
      const ratio = r.rps / b.rps;
      const ok = ratio >= 0.6 && r.p99 < 50;
      console.log(
        `${name.padEnd(22)}${r.rps.toFixed(0).padStart(12)}${`${r.p99} ms`.padStart(10)}${b.rps.toFixed(0).padStart(12)}${`${b.p99} ms`.padStart(10)}${`${(ratio * 100).toFixed(0)}%`.padStart(8)}  ${ok ? 'OK' : 'MISSED'}${r.non2xx ? ` (${r.non2xx} non-2xx)` : ''}`,
      );
    }
    await app.close();
    await bare.close();
    await pool.end();
    await store.close();
  } finally {
    await admin.query('drop database if exists valueweb_bench_api with (force)');
    await admin.end();
  }
}

await main();
