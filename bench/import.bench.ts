/**
 * bench:import — generate a seeded document of 100,000 actors and 500,000
 * relationships, validate it, import it into the embedded store and into the
 * PostgreSQL server, and print rows/s next to the physical floor measured in
 * the same run: PostgreSQL's own COPY of the same rows, through the same driver.
 *
 *   npm run bench:import [-- --actors 100000 --relationships 500000]
 *   server: VALUEWEB_BENCH_DATABASE_URL (or VALUEWEB_TEST_DATABASE_URL), default postgres://root@127.0.0.1:5432/test;
 *   the bench creates and drops its own database `valueweb_bench` there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PGlite } from '@electric-sql/pglite';
import { validateDocument, type EcosystemDocument } from '@valueweb/core';
import { Store, migrate, wrapPglite } from '@valueweb/store';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N_ACTORS = arg('actors', 100_000);
const N_RELS = arg('relationships', 500_000);
const KINDS = [
  'biopharma',
  'medtech',
  'deeptech',
  'startup',
  'corporate',
  'provider',
  'payer',
  'public',
  'patient-group',
  'university',
];
const REL_KINDS = ['partnership', 'research', 'supply', 'data', 'funding', 'information'];
const CAPS = Array.from({ length: 200 }, (_, i) => `capability-${i}`);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(seed = 42): unknown {
  const r = rng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const actors = Array.from({ length: N_ACTORS }, (_, i) => ({
    id: `actor-${i}`,
    name: `Actor ${i}`,
    kind: pick(KINDS),
    capabilities: [pick(CAPS), pick(CAPS)],
    needs: [pick(CAPS)],
    values: ['openness'],
    ...(i % 3 === 0 ? { clock: { cadence: 'quarterly', fiscalYearStart: 1 + (i % 12) } } : {}),
  }));
  const relationships = Array.from({ length: N_RELS }, () => {
    const a = Math.floor(r() * N_ACTORS);
    let b = Math.floor(r() * N_ACTORS);
    if (b === a) b = (a + 1) % N_ACTORS;
    return {
      from: `actor-${a}`,
      to: `actor-${b}`,
      kind: pick(REL_KINDS),
      flows: ['data'],
      strength: 1 + Math.floor(r() * 3),
    };
  });
  return { valueweb: 1, ecosystem: { id: 'bench', name: 'Bench' }, actors, relationships, partnerships: [] };
}

const csv = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'object' ? JSON.stringify(v) : typeof v === 'string' ? v : JSON.stringify(v);
  return `"${text.replace(/"/g, '""')}"`;
};

function copyPayload(doc: EcosystemDocument): { actors: string; relationships: string } {
  const a: string[] = [];
  doc.actors.forEach((x, i) => {
    a.push(
      [
        csv('bench-copy'),
        csv(x.id),
        i,
        csv(x.name),
        csv(x.kind),
        csv(x.capabilities),
        csv(x.needs),
        csv(x.values),
        csv(x.clock ?? null),
      ].join(','),
    );
  });
  const r: string[] = [];
  doc.relationships.forEach((x, i) => {
    r.push(
      [
        csv('bench-copy'),
        i,
        csv(x.from),
        csv(x.to),
        csv(x.kind),
        csv(x.flows ?? null),
        x.strength,
        x.directed,
      ].join(','),
    );
  });
  return { actors: `${a.join('\n')}\n`, relationships: `${r.join('\n')}\n` };
}

const ACTOR_COLS = 'ecosystem_id, id, position, name, kind, capabilities, needs, "values", clock';
const REL_COLS = 'ecosystem_id, position, from_actor, to_actor, kind, flows, strength, directed';

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, (performance.now() - t) / 1000];
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main() {
  console.log(`bench:import — ${fmt(N_ACTORS)} actors, ${fmt(N_RELS)} relationships (seeded)\n`);
  const raw = generate();
  const [result, tValidate] = await time(async () => validateDocument(raw));
  if (!result.ok) throw new Error('generated document is invalid');
  const doc = result.document;
  console.log(`validation: ${tValidate.toFixed(2)} s (target < 5 s) ${tValidate < 5 ? 'OK' : 'MISSED'}`);
  const payload = copyPayload(doc);
  const rows = N_ACTORS + N_RELS;
  const lines: string[] = [];

  // Embedded store: a data directory on disk.
  {
    const dir = mkdtempSync(join(tmpdir(), 'valueweb-bench-'));
    try {
      const store = await Store.open({ dataDir: join(dir, 'import') });
      const [, tImport] = await time(() => store.ecosystems.import(doc));
      await store.close();
      // Reference: COPY of the same rows into the same (migrated, empty) tables, same driver.
      const pgl = await PGlite.create({ dataDir: join(dir, 'copy') });
      await migrate(wrapPglite(pgl, 'copy'));
      await pgl.query("insert into ecosystems (id, name) values ('bench-copy', 'Bench')");
      const [, tCopy] = await time(async () => {
        await pgl.transaction(async (tx) => {
          await tx.query(`copy actors (${ACTOR_COLS}) from '/dev/blob' with (format csv)`, [], {
            blob: new Blob([payload.actors]),
          });
          await tx.query(`copy relationships (${REL_COLS}) from '/dev/blob' with (format csv)`, [], {
            blob: new Blob([payload.relationships]),
          });
        });
      });
      await pgl.close();
      lines.push(row('embedded (PGlite)', rows, tImport, tCopy, undefined));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // PostgreSQL server.
  const base =
    process.env.VALUEWEB_BENCH_DATABASE_URL ??
    process.env.VALUEWEB_TEST_DATABASE_URL ??
    'postgres://root@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    lines.push(`server: skipped — ${base} does not answer (${(e as Error).message})`);
  }
  if ((admin as unknown as { _connected?: boolean })._connected) {
    await admin.query('drop database if exists valueweb_bench with (force)');
    await admin.query('create database valueweb_bench');
    const u = new URL(base);
    u.pathname = '/valueweb_bench';
    try {
      const store = await Store.open({ databaseUrl: u.toString() });
      const [, tImport] = await time(() => store.ecosystems.import(doc));
      await store.db.query("insert into ecosystems (id, name) values ('bench-copy', 'Bench')");
      await store.close();
      const client = new pg.Client({ connectionString: u.toString() });
      await client.connect();
      const [, tCopy] = await time(async () => {
        await client.query('begin');
        await pipeline(
          Readable.from([payload.actors]),
          client.query(copyFrom(`copy actors (${ACTOR_COLS}) from stdin with (format csv)`)),
        );
        await pipeline(
          Readable.from([payload.relationships]),
          client.query(copyFrom(`copy relationships (${REL_COLS}) from stdin with (format csv)`)),
        );
        await client.query('commit');
      });
      await client.end();
      lines.push(row('server (PostgreSQL)', rows, tImport, tCopy, 3));
    } finally {
      await admin.query('drop database if exists valueweb_bench with (force)');
      await admin.end();
    }
  }
  console.log(
    `\n${'store'.padEnd(22)}${'import rows/s'.padStart(15)}${'COPY rows/s'.padStart(15)}${'import s'.padStart(10)}${'COPY s'.padStart(10)}${'ratio'.padStart(8)}  target`,
  );
  for (const l of lines) console.log(l);
}

function row(name: string, rows: number, tImport: number, tCopy: number, target: number | undefined): string {
  const ratio = tImport / tCopy;
  return `${name.padEnd(22)}${fmt(rows / tImport).padStart(15)}${fmt(rows / tCopy).padStart(15)}${tImport.toFixed(2).padStart(10)}${tCopy.toFixed(2).padStart(10)}${`${ratio.toFixed(2)}x`.padStart(8)}  ${target ? `≤ ${target}x of COPY ${ratio <= target ? 'OK' : 'MISSED'}` : '(no target)'}`;
}

await main();
