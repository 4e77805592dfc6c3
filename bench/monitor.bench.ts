/**
 * bench:monitor — seed an ecosystem of 1,000 partnerships with 5 years of
 * monthly KPI measurements and 100,000 ledger entries (with milestones,
 * decisions, disputes, health checks, pilots and lessons), import it through
 * store.ecosystems.import, then recompute the health score and the vitality
 * signals of every partnership — the monitoring agent's run: computeHealth,
 * the health history and the alerts — on the embedded store and on the
 * PostgreSQL server. Each time is printed next to the I/O floor measured in
 * the same run: reading the same rows through the same driver and doing
 * nothing with them. Targets: under 10 s embedded, under 5 s on the server.
 *
 *   npm run bench:monitor [-- --partnerships 1000 --ledger 100000]
 *   server: VALUEWEB_BENCH_DATABASE_URL (or VALUEWEB_TEST_DATABASE_URL), default postgres://root@127.0.0.1:5432/test;
 *   the bench creates and drops its own database `valueweb_bench_monitor` there (skipped with a note when it does not answer).
 */
import pg from 'pg';
import { validateDocument, type EcosystemDocument } from '@valueweb/core';
import { Store } from '@valueweb/store';
import { computeHealth } from '../packages/server/src/monitor/health.ts';
import { MonitoringAgent } from '../packages/server/src/agent/agent.ts';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N_P = arg('partnerships', 1000);
const N_LEDGER = arg('ledger', 100_000);
const MONTHS = 60;
const KPIS = 2;
const N_ACTORS = Math.max(20, Math.round(N_P / 2));
const TODAY = '2026-12-01';
const ECO = 'bench-monitor';
const DIMS = [
  'strategic-fit',
  'trust',
  'communication',
  'governance',
  'value-creation',
  'operational-execution',
];

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

const pad = (n: number) => String(n).padStart(2, '0');
/** The last day of month `m` months after 2021-12 (m = 1 … 60: 2022-01 … 2026-12). */
function monthEnd(m: number): string {
  const y = 2021 + Math.floor((11 + m) / 12);
  const mo = ((11 + m) % 12) + 1;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return `${y}-${pad(mo)}-${pad(last)}`;
}
function dayBetween(r: () => number, fromMonth: number, toMonth: number): string {
  const m = fromMonth + Math.floor(r() * (toMonth - fromMonth + 1));
  const y = 2021 + Math.floor((11 + m) / 12);
  const mo = ((11 + m) % 12) + 1;
  return `${y}-${pad(mo)}-${pad(1 + Math.floor(r() * 28))}`;
}

function generate(seed = 7): EcosystemDocument {
  const r = rng(seed);
  const actors = Array.from({ length: N_ACTORS }, (_, i) => ({
    id: `org-${i}`,
    name: `Organization ${i}`,
    kind: ['biopharma', 'provider', 'payer', 'public', 'university', 'startup'][i % 6]!,
    capabilities: [`cap-${i % 40}`, `cap-${(i * 7) % 40}`],
    needs: [`cap-${(i * 3) % 40}`],
    values: ['openness'],
    clock: {
      cadence: (['quarterly', 'annual', 'multiyear'] as const)[i % 3]!,
      fiscalYearStart: 1 + (i % 12),
    },
  }));
  const relationships = Array.from({ length: N_ACTORS * 3 }, (_, i) => {
    const a = i % N_ACTORS;
    const b = (a + 1 + Math.floor(r() * (N_ACTORS - 1))) % N_ACTORS;
    return { from: `org-${a}`, to: `org-${b}`, kind: 'partnership', flows: ['data', 'knowledge'] };
  });
  const perLedger = Math.floor(N_LEDGER / N_P);
  const partnerships = Array.from({ length: N_P }, (_, p) => {
    const members = [0, 1, 2].map((k) => `org-${(p * 3 + k * 17) % N_ACTORS}`);
    const uniq = [...new Set(members)];
    const ledger = Array.from({ length: perLedger + (p < N_LEDGER - perLedger * N_P ? 1 : 0) }, (_, i) => ({
      id: `e${i}`,
      kind: r() < 0.7 ? ('contribution' as const) : ('benefit' as const),
      actor: uniq[Math.floor(r() * uniq.length)]!,
      type: (['cash', 'in-kind', 'staff-time', 'data'] as const)[i % 4]!,
      value: Math.round(1000 + r() * 50_000),
      currency: 'EUR',
      date: dayBetween(r, 1, 60),
    }));
    const kpis = Array.from({ length: KPIS }, (_, k) => {
      const grow = r() < 0.6;
      return {
        id: `k${k}`,
        name: `KPI ${k}`,
        unit: 'units',
        baseline: 0,
        baselineDate: '2021-12-31',
        target: 1000,
        direction: 'increase' as const,
        targetDate: '2027-12-31',
        measurements: Array.from({ length: MONTHS }, (_, m) => ({
          date: monthEnd(m + 1),
          value: Math.round((grow ? 15 : 6) * (m + 1) * (0.8 + r() * 0.4)),
        })),
      };
    });
    const milestones = Array.from({ length: 6 }, (_, i) => {
      const due = dayBetween(r, 10 * i + 1, 10 * i + 14 > 72 ? 72 : 10 * i + 14);
      const done = due < TODAY && r() < 0.7;
      return {
        id: `m${i}`,
        name: `Milestone ${i}`,
        owner: uniq[i % uniq.length]!,
        due,
        status: done ? ('done' as const) : due < TODAY ? ('slipped' as const) : ('planned' as const),
        ...(done ? { completed: due } : {}),
        ...(i > 0 ? { dependsOn: [`m${i - 1}`] } : {}),
      };
    });
    const decisions = Array.from({ length: 4 }, (_, i) => {
      const opened = dayBetween(r, 40, 56);
      const open = r() < 0.4;
      return {
        id: `d${i}`,
        title: `Decision ${i}`,
        opened,
        deadline: dayBetween(r, 57, 62),
        status: open ? ('open' as const) : ('passed' as const),
        ...(open ? {} : { decided: '2026-11-15' }),
      };
    });
    const disputes = Array.from({ length: p % 3 }, (_, i) => ({
      id: `x${i}`,
      title: `Dispute ${i}`,
      parties: uniq.slice(0, 2),
      opened: dayBetween(r, 55, 59),
      stage: 'negotiation',
      status: 'open' as const,
      formal: true,
    }));
    const healthChecks = [
      { id: 'hc-2025', opened: '2025-11-01', closed: '2025-11-30' },
      { id: 'hc-2026', opened: '2026-10-01', closed: '2026-10-31' },
    ].map((h) => ({
      ...h,
      answers: uniq.flatMap((org) =>
        DIMS.map((d) => ({ organization: org, dimension: d, score: 1 + Math.floor(r() * 5) })),
      ),
    }));
    return {
      id: `p${p}`,
      name: `Partnership ${p}`,
      stage: (['pilot', 'scaling', 'evolving'] as const)[p % 3]!,
      members: uniq.map((a) => ({ actor: a })),
      ledger,
      kpis,
      milestones,
      decisions,
      disputes,
      healthChecks,
      pilots: [
        {
          id: 'pl0',
          name: 'Pilot',
          status: 'running' as const,
          started: dayBetween(r, 30, 58),
          hypotheses: [],
        },
      ],
      lessons: Array.from({ length: 3 }, (_, i) => ({
        id: `l${i}`,
        date: dayBetween(r, 30, 60),
        happened: 'x',
        learned: 'y',
        change: 'z',
        tags: ['bench'],
        by: uniq[i % uniq.length]!,
      })),
    };
  });
  const res = validateDocument({
    valueweb: 1,
    ecosystem: { id: ECO, name: 'Monitor benchmark' },
    actors,
    relationships,
    partnerships,
  });
  if (!res.ok) throw new Error(`generated an invalid document: ${JSON.stringify(res.problems.slice(0, 5))}`);
  return res.document;
}

const ms = (t: number) => `${(t / 1000).toFixed(2)} s`;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

/** Reading the rows computeHealth reads, through the same driver, doing nothing with them: the I/O floor. */
async function readFloor(store: Store): Promise<number> {
  let rows = 0;
  for (const sql of [
    'select id, name, kind, description, capabilities, needs, "values", clock, tags, attributes, extra from actors where ecosystem_id = $1',
    'select from_actor, to_actor, kind, flows, strength, directed, description, visibility, extra from relationships where ecosystem_id = $1',
    'select id, name, purpose, stage, charter, extra from partnerships where ecosystem_id = $1',
    'select partnership_id, actor_id, role from partnership_members where ecosystem_id = $1',
    'select partnership_id, section, key, data from partnership_records where ecosystem_id = $1',
    'select partnership_id, kpi_id, date, value, extra from kpi_measurements where ecosystem_id = $1',
    'select partnership_id, cycle_id, data from health_check_answers where ecosystem_id = $1',
    'select partnership_id, data from ledger_entries where ecosystem_id = $1',
  ]) {
    rows += (await store.db.query(sql, [ECO])).length;
  }
  return rows;
}

interface Result {
  store: string;
  rows: number;
  floor: number;
  compute: number;
  run: number;
  firstRun: number;
  alerts: number;
  partnerships: number;
  /** The last run's own figures (computeMs, writeMs, …). */
  stats: Record<string, unknown>;
}

async function benchOn(label: string, store: Store, doc: EcosystemDocument): Promise<Result> {
  const [importMs] = await time(() => store.ecosystems.import(doc));
  console.log(`  ${label}: imported in ${ms(importMs)}`);
  // Warm up caches and the JIT once, as the agent's process is warm after its first run.
  await readFloor(store);
  const agent = new MonitoringAgent(store, { today: () => TODAY, instance: 'bench' });
  const [firstRun, first] = await time(() => agent.run(ECO, 'manual'));
  if (first.status !== 'ran') throw new Error(`agent run: ${JSON.stringify(first)}`);
  const best = async (fn: () => Promise<unknown>, n = 3) => {
    let b = Infinity;
    for (let i = 0; i < n; i++) b = Math.min(b, (await time(fn))[0]);
    return b;
  };
  const rows = await readFloor(store);
  const floor = await best(() => readFloor(store));
  let partnerships = 0;
  const compute = await best(async () => {
    partnerships = Object.keys(await computeHealth(store, ECO, { today: TODAY })).length;
  });
  let stats: Record<string, unknown> = {};
  const run = await best(async () => {
    const r = await agent.run(ECO, 'manual');
    if (r.status !== 'ran') throw new Error(`agent run: ${JSON.stringify(r)}`);
    stats = r.run.stats ?? {};
  });
  const alerts = (
    await store.db.query<{ n: number }>(
      `select count(*)::int as n from alerts where ecosystem_id = $1 and status <> 'resolved'`,
      [ECO],
    )
  )[0]!.n;
  return { store: label, rows, floor, compute, run, firstRun, alerts, partnerships, stats };
}

function report(r: Result, target: number): string[] {
  return [
    `${r.store}: ${r.partnerships} partnerships, ${r.rows.toLocaleString('en')} rows read, ${r.alerts} open alerts`,
    `  read the rows (I/O floor)        ${ms(r.floor)}`,
    `  computeHealth (read + compute)   ${ms(r.compute)}   ${(r.compute / r.floor).toFixed(1)}× the floor`,
    `  agent run (+ history, alerts)    ${ms(r.run)}   ${(r.run / r.floor).toFixed(1)}× the floor   target < ${target} s: ${r.run < target * 1000 ? 'met' : 'MISSED'}`,
    `    (a run's own split: reading and computing ${ms(Number(r.stats.computeMs))}, writing ${Number(r.stats.partnerships)} history rows and ${Number(r.stats.signals)} alerts ${ms(Number(r.stats.writeMs))})`,
    `  first agent run (raises alerts)  ${ms(r.firstRun)}`,
  ];
}

async function main() {
  const [genMs, doc] = await time(async () => generate());
  const counts = doc.partnerships.reduce(
    (a, p) => ({
      ledger: a.ledger + (p.ledger?.length ?? 0),
      measurements: a.measurements + (p.kpis ?? []).reduce((s, k) => s + k.measurements.length, 0),
    }),
    { ledger: 0, measurements: 0 },
  );
  console.log(
    `bench:monitor — ${doc.partnerships.length} partnerships, ${counts.measurements.toLocaleString('en')} KPI measurements (${MONTHS} months × ${KPIS} KPIs), ${counts.ledger.toLocaleString('en')} ledger entries, ${doc.actors.length} actors; generated and validated in ${ms(genMs)}; today = ${TODAY}`,
  );
  const lines: string[] = [];

  const embedded = await Store.open({ memory: true });
  try {
    lines.push(...report(await benchOn('embedded (PGlite)', embedded, doc), 10));
  } finally {
    await embedded.close();
  }

  const base =
    process.env.VALUEWEB_BENCH_DATABASE_URL ??
    process.env.VALUEWEB_TEST_DATABASE_URL ??
    'postgres://root@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (e) {
    lines.push(
      `server: skipped — ${base} does not answer (${(e as Error).message}); set VALUEWEB_BENCH_DATABASE_URL`,
    );
    console.log(lines.join('\n'));
    return;
  }
  try {
    await admin.query('drop database if exists valueweb_bench_monitor with (force)');
    await admin.query('create database valueweb_bench_monitor');
    const u = new URL(base);
    u.pathname = '/valueweb_bench_monitor';
    const server = await Store.open({ databaseUrl: u.toString(), poolSize: 10 });
    try {
      lines.push(...report(await benchOn('server (PostgreSQL)', server, doc), 5));
    } finally {
      await server.close();
    }
  } finally {
    await admin.query('drop database if exists valueweb_bench_monitor with (force)').catch(() => undefined);
    await admin.end();
  }
  console.log(lines.join('\n'));
}

await main();
