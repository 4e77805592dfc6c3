/**
 * Where the lists under `partnerships[]` of the document live, and how they go
 * in and out: one row per item in `partnership_records` (with KPI measurements,
 * health-check answers and ledger entries in their own tables). Import writes
 * them in bulk inside the import's transaction; export reads them back in
 * document order, leaving out what a viewer may not see, in SQL.
 */
import { createHash } from 'node:crypto';
import { effectiveRole, govern, type Partnership, type Viewer } from '@valueweb/core';
import type { Queryable } from './db.ts';
import { Params, visibleSql } from './query-kit.ts';

/** The lists kept one item per row in partnership_records (the document's field names). */
export const RECORD_SECTIONS = [
  'decisions',
  'obligations',
  'issues',
  'risks',
  'disputes',
  'milestones',
  'kpis',
  'healthChecks',
  'gates',
  'pilots',
  'lessons',
  'stageHistory',
] as const;
export type RecordSection = (typeof RECORD_SECTIONS)[number];

/** Every list of a partnership, in document order (the records, then the ledger). */
export const SECTION_FIELDS = [...RECORD_SECTIONS, 'ledger'] as const;

/** The key of an item within its list: its id (a gate: the stage it leads to; a stage change: its ordinal). */
export function recordKey(section: RecordSection, item: Record<string, unknown>, ordinal: number): string {
  if (section === 'gates') return String(item.to);
  if (section === 'stageHistory') return String(ordinal).padStart(6, '0');
  return String(item.id);
}

/** The item without the parts kept in their own tables. */
export function recordData(section: RecordSection, item: Record<string, unknown>): Record<string, unknown> {
  if (section === 'kpis') {
    const { measurements: _m, ...rest } = item;
    return rest;
  }
  if (section === 'healthChecks') {
    const { answers: _a, ...rest } = item;
    return rest;
  }
  return item;
}

/** Every string in a value (to find which actor ids it mentions, for the reference checks). */
export function stringsIn(v: unknown, out: Set<string>): Set<string> {
  if (typeof v === 'string') out.add(v);
  else if (Array.isArray(v)) for (const x of v) stringsIn(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) stringsIn(x, out);
  return out;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The visibility a ledger entry is stored with (the document's default: the partnership's members). */
export const ledgerVisibility = (entry: { visibility?: string | undefined }): string =>
  entry.visibility ?? 'partnership';

/** A ledger row as written: the chain fields computed from the entry and the previous hash. */
export function ledgerLink(
  ecosystemId: string,
  partnershipId: string,
  seq: number,
  entry: Record<string, unknown>,
  prevHash: string,
  recordedBy: string | null,
  recordedAt: string,
): { seq: number; hash: string; prevHash: string; recordedAt: string; recordedBy: string | null } {
  const hash = sha256(
    govern.chainPayload({ ecosystemId, partnershipId, seq, entry, recordedBy, recordedAt, prevHash }),
  );
  return { seq, hash, prevHash, recordedAt, recordedBy };
}

const INSERT_RECORDS = `insert into partnership_records (ecosystem_id, partnership_id, section, key, position, data, visibility)
select $2, x.pid, x.section, x.key, x.p, x.data, x.visibility
from jsonb_to_recordset($1::jsonb) as x(pid text, section text, key text, p int, data jsonb, visibility text)`;

const INSERT_MEASUREMENTS = `insert into kpi_measurements (ecosystem_id, partnership_id, kpi_id, date, value, extra)
select $2, x.pid, x.kpi, x.date, x.value, x.extra
from jsonb_to_recordset($1::jsonb) as x(pid text, kpi text, date text, value double precision, extra jsonb)`;

const INSERT_ANSWERS = `insert into health_check_answers (ecosystem_id, partnership_id, cycle_id, organization, dimension, position, data)
select $2, x.pid, x.cycle, x.org, x.dim, x.p, x.data
from jsonb_to_recordset($1::jsonb) as x(pid text, cycle text, org text, dim text, p int, data jsonb)`;

const INSERT_LEDGER = `insert into ledger_entries (ecosystem_id, partnership_id, seq, id, actor_id, data, visibility, recorded_by, recorded_at, prev_hash, hash)
select $2, x.pid, x.seq, x.id, x.actor, x.data, x.visibility, x.by, x.at, x.prev, x.hash
from jsonb_to_recordset($1::jsonb) as x(pid text, seq int, id text, actor text, data jsonb, visibility text, by uuid, at timestamptz, prev text, hash text)`;

async function bulk(
  tx: Queryable,
  sql: string,
  rows: Record<string, unknown>[],
  ecosystemId: string,
  chunk: number,
  progress: (n: number) => void,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await tx.query(sql, [JSON.stringify(part), ecosystemId]);
    progress(part.length);
  }
}

/** How many rows the lists of these partnerships take (for progress). */
export function sectionRowCount(partnerships: readonly Partnership[]): number {
  let n = 0;
  for (const p of partnerships) {
    for (const s of RECORD_SECTIONS) n += (p[s] as unknown[] | undefined)?.length ?? 0;
    for (const k of p.kpis ?? []) n += k.measurements.length;
    for (const h of p.healthChecks ?? []) n += h.answers.length;
    n += p.ledger?.length ?? 0;
  }
  return n;
}

/**
 * Writes every list of these partnerships (their rows must exist). Ledger
 * entries are chained in document order, recorded by `recordedBy` now.
 */
export async function writeSections(
  tx: Queryable,
  ecosystemId: string,
  partnerships: readonly Partnership[],
  opts: { recordedBy: string | null; now: Date; chunkSize: number; progress: (n: number) => void },
): Promise<void> {
  const records: Record<string, unknown>[] = [];
  const measurements: Record<string, unknown>[] = [];
  const answers: Record<string, unknown>[] = [];
  const ledger: Record<string, unknown>[] = [];
  const at = opts.now.toISOString();
  for (const p of partnerships) {
    for (const section of RECORD_SECTIONS) {
      const list = (p[section] as Record<string, unknown>[] | undefined) ?? [];
      list.forEach((item, i) => {
        records.push({
          pid: p.id,
          section,
          key: recordKey(section, item, i + 1),
          p: i,
          data: recordData(section, item),
          visibility: null,
        });
      });
    }
    for (const k of p.kpis ?? []) {
      for (const m of k.measurements) {
        const { date, value, ...rest } = m;
        measurements.push({
          pid: p.id,
          kpi: k.id,
          date,
          value,
          extra: Object.keys(rest).length ? rest : null,
        });
      }
    }
    for (const h of p.healthChecks ?? []) {
      h.answers.forEach((a, i) =>
        answers.push({ pid: p.id, cycle: h.id, org: a.organization, dim: a.dimension, p: i, data: a }),
      );
    }
    let prev = govern.GENESIS_HASH;
    (p.ledger ?? []).forEach((e, i) => {
      const link = ledgerLink(ecosystemId, p.id, i + 1, e, prev, opts.recordedBy, at);
      prev = link.hash;
      ledger.push({
        pid: p.id,
        seq: link.seq,
        id: e.id,
        actor: e.actor,
        data: e,
        visibility: ledgerVisibility(e),
        by: opts.recordedBy,
        at,
        prev: link.prevHash,
        hash: link.hash,
      });
    });
  }
  await bulk(tx, INSERT_RECORDS, records, ecosystemId, opts.chunkSize, opts.progress);
  await bulk(tx, INSERT_MEASUREMENTS, measurements, ecosystemId, opts.chunkSize * 2, opts.progress);
  await bulk(tx, INSERT_ANSWERS, answers, ecosystemId, opts.chunkSize, opts.progress);
  await bulk(tx, INSERT_LEDGER, ledger, ecosystemId, opts.chunkSize, opts.progress);
}

type Sections = Partial<Pick<Partnership, (typeof SECTION_FIELDS)[number]>>;

/** Options of a read: the viewer (none: everything) and the day that decides which health-check cycles are closed. */
export interface SectionReadOptions {
  viewer?: Viewer | undefined;
  /** ISO date; default: today (UTC). */
  today?: string;
  /** Only these partnerships (default: all of the ecosystem). */
  partnershipIds?: readonly string[];
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * The lists of every partnership of an ecosystem, as in the document, with
 * only what the viewer may see: records by their visibility; KPI measurements
 * with their KPI; ledger entries by theirs (default: the partnership's
 * members); health-check answers private to the answering organization (and
 * the orchestrators) until their cycle has closed.
 */
export async function readSections(
  q: Queryable,
  ecosystemId: string,
  opts: SectionReadOptions = {},
): Promise<Map<string, Sections>> {
  const v = opts.viewer;
  const today = opts.today ?? todayUtc();
  const only = (p: Params, alias: string) =>
    opts.partnershipIds ? ` and ${alias}.partnership_id = any(${p.add(opts.partnershipIds)}::text[])` : '';

  const pr = new Params();
  pr.add(ecosystemId);
  const recVisible = v ? ` and ${visibleSql(v, pr, 'r')}` : '';
  const recs = await q.query<{
    partnership_id: string;
    section: RecordSection;
    key: string;
    data: Record<string, unknown>;
  }>(
    `select r.partnership_id, r.section, r.key, r.data from partnership_records r
      where r.ecosystem_id = $1${recVisible}${only(pr, 'r')} order by r.partnership_id, r.section, r.position, r.key`,
    pr.values,
  );
  const pm = new Params();
  pm.add(ecosystemId);
  const kpiVisible = v
    ? ` and exists (select 1 from partnership_records r where r.ecosystem_id = m.ecosystem_id and r.partnership_id = m.partnership_id and r.section = 'kpis' and r.key = m.kpi_id and ${visibleSql(v, pm, 'r')})`
    : '';
  const meas = await q.query<{
    partnership_id: string;
    kpi_id: string;
    date: string;
    value: number;
    extra: Record<string, unknown> | null;
  }>(
    `select m.partnership_id, m.kpi_id, m.date, m.value, m.extra from kpi_measurements m
      where m.ecosystem_id = $1${kpiVisible}${only(pm, 'm')} order by m.partnership_id, m.kpi_id, m.date`,
    pm.values,
  );
  const pa = new Params();
  pa.add(ecosystemId);
  let ansVisible = '';
  if (v && effectiveRole(v) !== 'orchestrator') {
    const own = v.actorId ? `a.organization = ${pa.add(v.actorId)} or ` : '';
    ansVisible = ` and (${own}exists (select 1 from partnership_records r where r.ecosystem_id = a.ecosystem_id and r.partnership_id = a.partnership_id
      and r.section = 'healthChecks' and r.key = a.cycle_id and r.data->>'closed' is not null and r.data->>'closed' <= ${pa.add(today)} and ${visibleSql(v, pa, 'r')}))`;
  }
  const ans = await q.query<{ partnership_id: string; cycle_id: string; data: Record<string, unknown> }>(
    `select a.partnership_id, a.cycle_id, a.data from health_check_answers a
      where a.ecosystem_id = $1${ansVisible}${only(pa, 'a')} order by a.partnership_id, a.cycle_id, a.position, a.organization, a.dimension`,
    pa.values,
  );
  const pl = new Params();
  pl.add(ecosystemId);
  const ledVisible = v ? ` and ${visibleSql(v, pl, 'l', { selfActorColumn: 'actor_id' })}` : '';
  const led = await q.query<{ partnership_id: string; data: Record<string, unknown> }>(
    `select l.partnership_id, l.data from ledger_entries l where l.ecosystem_id = $1${ledVisible}${only(pl, 'l')} order by l.partnership_id, l.seq`,
    pl.values,
  );

  const out = new Map<string, Record<string, unknown[]>>();
  const list = (pid: string, field: string): unknown[] => {
    let s = out.get(pid);
    if (!s) out.set(pid, (s = {}));
    return (s[field] ??= []);
  };
  const measBy = new Map<string, Record<string, unknown>[]>();
  for (const m of meas) {
    const k = `${m.partnership_id}\u0000${m.kpi_id}`;
    let l = measBy.get(k);
    if (!l) measBy.set(k, (l = []));
    l.push({ date: m.date, value: Number(m.value), ...(m.extra ?? {}) });
  }
  const ansBy = new Map<string, Record<string, unknown>[]>();
  for (const a of ans) {
    const k = `${a.partnership_id}\u0000${a.cycle_id}`;
    let l = ansBy.get(k);
    if (!l) ansBy.set(k, (l = []));
    l.push(a.data);
  }
  for (const r of recs) {
    let item = r.data;
    if (r.section === 'kpis')
      item = { ...item, measurements: measBy.get(`${r.partnership_id}\u0000${r.key}`) ?? [] };
    if (r.section === 'healthChecks')
      item = { ...item, answers: ansBy.get(`${r.partnership_id}\u0000${r.key}`) ?? [] };
    list(r.partnership_id, r.section).push(item);
  }
  for (const l of led) list(l.partnership_id, 'ledger').push(l.data);
  // Document order of the fields.
  const ordered = new Map<string, Sections>();
  for (const [pid, s] of out) {
    const o: Record<string, unknown[]> = {};
    for (const f of SECTION_FIELDS) if (s[f]) o[f] = s[f];
    ordered.set(pid, o);
  }
  return ordered;
}
