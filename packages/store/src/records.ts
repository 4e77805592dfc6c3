/**
 * The lists of a partnership, one item at a time: governance registers
 * (decisions, obligations, issues, risks, disputes), monitoring (milestones,
 * KPIs and their measurements, health-check cycles and their answers), pilot
 * (gates, pilots, lessons, stage history) and the append-only, hash-chained
 * ledger. Every write is validated against the whole partnership (the same
 * checks as the ecosystem document), optimistic (`version` backs the ETag),
 * and audited in its transaction; every read leaves out, in SQL, what the
 * viewer may not see.
 */
import {
  checkPartnership,
  effectiveRole,
  govern,
  LedgerEntrySchema,
  monitor,
  PartnershipSchema,
  ValidationError,
  type LedgerEntry,
  type Partnership,
  type Path,
  type Problem,
  type Viewer,
  problemsFromZod,
} from '@valueweb/core';
import type { Db, Queryable } from './db.ts';
import { writeAudit, type AuditContext } from './audit.ts';
import { StoreError } from './errors.ts';
import { Params, clampLimit, decodeCursor, encodeCursor, visibleSql } from './query-kit.ts';
import {
  ledgerLink,
  ledgerVisibility,
  stringsIn,
  readSections,
  recordData,
  recordKey,
  RECORD_SECTIONS,
  sha256,
  type RecordSection,
} from './sections.ts';

export { RECORD_SECTIONS, type RecordSection } from './sections.ts';

/** One item of a partnership list, with what the API adds around it. */
export interface RecordItem {
  section: RecordSection;
  key: string;
  /** The item exactly as in the ecosystem document (KPIs with their measurements, cycles with the answers you may see). */
  item: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A ledger entry as stored: the document entry plus its place in the chain. */
export interface LedgerItem {
  entry: LedgerEntry;
  seq: number;
  hash: string;
  prevHash: string;
  recordedBy: string | null;
  recordedAt: string;
}

export interface SectionContext {
  /** The partnership as in the document, with every list (nothing filtered; for checks and computations). */
  partnership: Partnership;
  memberIds: string[];
}

/** Checks an item may be written: called with the current item (absent on create). */
export type Authorize = (current: Record<string, unknown> | null) => void;

const toIso = (d: Date | string) => new Date(d).toISOString();
const today = () => new Date().toISOString().slice(0, 10);

/** 412 unless the write is based on the item's current version. */
function requireVersion(section: RecordSection, key: string, version: number, ifMatch: number): void {
  if (version !== ifMatch) {
    throw new StoreError(
      'precondition_failed',
      `${section} item "${key}" was changed by someone else (version ${version}, you sent ${ifMatch}); reload it`,
      { version },
    );
  }
}

const keyOf = (p: Problem) => `${JSON.stringify(p.path)} ${p.message}`;

interface RecordRow {
  section: RecordSection;
  key: string;
  position: number;
  data: Record<string, unknown>;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

export class RecordRepository {
  constructor(private readonly db: Db) {}

  // ---- reading ---------------------------------------------------------------------------

  /** The partnership as in the document with every list, nothing filtered (for checks and computations). */
  async context(
    q: Queryable,
    ecosystemId: string,
    partnershipId: string,
    lock = false,
  ): Promise<SectionContext> {
    const rows = await q.query<{
      id: string;
      name: string;
      purpose: string | null;
      stage: Partnership['stage'];
      charter: Partnership['charter'] | null;
    }>(
      `select id, name, purpose, stage, charter from partnerships where ecosystem_id = $1 and id = $2${lock ? ' for update' : ''}`,
      [ecosystemId, partnershipId],
    );
    const p = rows[0];
    if (!p)
      throw new StoreError('not_found', `no partnership "${partnershipId}" in ecosystem "${ecosystemId}"`);
    const members = await q.query<{ actor_id: string; role: string | null }>(
      'select actor_id, role from partnership_members where ecosystem_id = $1 and partnership_id = $2 order by position',
      [ecosystemId, partnershipId],
    );
    const sections =
      (await readSections(q, ecosystemId, { partnershipIds: [partnershipId] })).get(partnershipId) ?? {};
    const partnership: Partnership = {
      id: p.id,
      name: p.name,
      ...(p.purpose !== null ? { purpose: p.purpose } : {}),
      stage: p.stage,
      members: members.map((m) =>
        m.role === null ? { actor: m.actor_id } : { actor: m.actor_id, role: m.role },
      ),
      ...(p.charter ? { charter: p.charter } : {}),
      ...sections,
    };
    return { partnership, memberIds: members.map((m) => m.actor_id) };
  }

  /** The partnership as in the document with every list, as much as the viewer may see. */
  async partnership(
    ecosystemId: string,
    partnershipId: string,
    viewer?: Viewer,
    opts: { today?: string } = {},
  ): Promise<Partnership> {
    const { partnership } = await this.context(this.db, ecosystemId, partnershipId);
    if (!viewer) return partnership;
    const visible =
      (await readSections(this.db, ecosystemId, { viewer, partnershipIds: [partnershipId], ...opts })).get(
        partnershipId,
      ) ?? {};
    const base: Partnership = { ...partnership };
    for (const f of [...RECORD_SECTIONS, 'ledger'] as const) delete base[f];
    return { ...base, ...visible };
  }

  /** The items of one list the viewer may see, in document order. */
  async list(
    ecosystemId: string,
    partnershipId: string,
    section: RecordSection,
    viewer: Viewer,
    opts: { today?: string } = {},
  ): Promise<{ items: RecordItem[] }> {
    await this.requirePartnership(this.db, ecosystemId, partnershipId);
    const p = new Params();
    const rows = await this.db.query<RecordRow>(
      `select r.section, r.key, r.position, r.data, r.version, r.created_at, r.updated_at from partnership_records r
        where r.ecosystem_id = ${p.add(ecosystemId)} and r.partnership_id = ${p.add(partnershipId)} and r.section = ${p.add(section)} and ${visibleSql(viewer, p, 'r')}
        order by r.position, r.key`,
      p.values,
    );
    const full = await this.withChildren(this.db, ecosystemId, partnershipId, section, { viewer, ...opts });
    return { items: rows.map((r) => this.toItem(r, full)) };
  }

  /** One item (404 when absent or not visible). */
  async get(
    ecosystemId: string,
    partnershipId: string,
    section: RecordSection,
    key: string,
    viewer: Viewer,
    opts: { today?: string } = {},
  ): Promise<RecordItem> {
    const p = new Params();
    const rows = await this.db.query<RecordRow>(
      `select r.section, r.key, r.position, r.data, r.version, r.created_at, r.updated_at from partnership_records r
        where r.ecosystem_id = ${p.add(ecosystemId)} and r.partnership_id = ${p.add(partnershipId)} and r.section = ${p.add(section)} and r.key = ${p.add(key)} and ${visibleSql(viewer, p, 'r')}`,
      p.values,
    );
    const r = rows[0];
    if (!r)
      throw new StoreError('not_found', `no ${section} item "${key}" in partnership "${partnershipId}"`);
    const full = await this.withChildren(this.db, ecosystemId, partnershipId, section, { viewer, ...opts });
    return this.toItem(r, full);
  }

  /** KPIs with their measurements and cycles with their answers (as the viewer may see them; all without one), by key. */
  private async withChildren(
    q: Queryable,
    ecosystemId: string,
    partnershipId: string,
    section: RecordSection,
    opts: { viewer?: Viewer; today?: string } = {},
  ): Promise<Map<string, Record<string, unknown>> | null> {
    if (section !== 'kpis' && section !== 'healthChecks') return null;
    const s =
      (await readSections(q, ecosystemId, { ...opts, partnershipIds: [partnershipId] })).get(partnershipId) ??
      {};
    const list = (s[section] ?? []) as Record<string, unknown>[];
    return new Map(list.map((x) => [String(x.id), x]));
  }

  private toItem(r: RecordRow, full: Map<string, Record<string, unknown>> | null): RecordItem {
    return {
      section: r.section,
      key: r.key,
      item: full?.get(r.key) ?? r.data,
      version: r.version,
      createdAt: toIso(r.created_at),
      updatedAt: toIso(r.updated_at),
    };
  }

  private async requirePartnership(q: Queryable, ecosystemId: string, partnershipId: string): Promise<void> {
    const rows = await q.query('select 1 from partnerships where ecosystem_id = $1 and id = $2', [
      ecosystemId,
      partnershipId,
    ]);
    if (rows.length === 0)
      throw new StoreError('not_found', `no partnership "${partnershipId}" in ecosystem "${ecosystemId}"`);
  }

  // ---- checking --------------------------------------------------------------------------

  /** Every problem of a partnership as the document checks would report it (paths relative to the partnership). */
  private async problemsOf(q: Queryable, ecosystemId: string, p: unknown): Promise<Problem[]> {
    const parsed = PartnershipSchema.safeParse(p);
    const mentioned = [...stringsIn(p, new Set())];
    const known = new Set(
      (
        await q.query<{ id: string }>(
          'select id from actors where ecosystem_id = $1 and id = any($2::text[])',
          [ecosystemId, mentioned],
        )
      ).map((r) => r.id),
    );
    const problems = parsed.success ? [] : problemsFromZod(parsed.error.issues);
    for (const pr of checkPartnership(p, 0, known)) problems.push({ ...pr, path: pr.path.slice(2) });
    return problems;
  }

  /**
   * Raises every problem the change brings: paths inside the changed item are
   * given relative to the item; a problem it causes elsewhere (a lesson naming
   * a deleted pilot) keeps its path in the partnership.
   */
  private async checkChange(
    q: Queryable,
    ecosystemId: string,
    before: Partnership,
    after: unknown,
    focus: Path | null,
    rebase: (path: Path) => Path = (x) => x,
  ): Promise<void> {
    const old = new Set((await this.problemsOf(q, ecosystemId, before)).map(keyOf));
    const fresh = (await this.problemsOf(q, ecosystemId, after)).filter((p) => !old.has(keyOf(p)));
    if (fresh.length === 0) return;
    const rel = (p: Problem): Problem =>
      focus && focus.every((x, i) => p.path[i] === x)
        ? { ...p, path: rebase(p.path.slice(focus.length)) }
        : p;
    throw new ValidationError(fresh.map(rel));
  }

  // ---- writing ---------------------------------------------------------------------------

  /** Adds an item at the end of its list. */
  async create(
    ecosystemId: string,
    partnershipId: string,
    section: RecordSection,
    input: unknown,
    viewer: Viewer,
    authorize: Authorize,
    audit?: AuditContext,
  ): Promise<RecordItem> {
    if (!input || typeof input !== 'object' || Array.isArray(input))
      throw new ValidationError([{ path: [], message: 'expected an object', code: 'invalid_type' }]);
    return this.db.transaction(async (tx) => {
      authorize(null);
      const { partnership } = await this.context(tx, ecosystemId, partnershipId, true);
      const list = [...((partnership[section] as unknown[] | undefined) ?? [])];
      const after = { ...partnership, [section]: [...list, input] };
      await this.checkChange(tx, ecosystemId, partnership, after, [section, list.length]);
      const parsed = PartnershipSchema.parse(after)[section] as Record<string, unknown>[];
      const item = parsed[list.length]!;
      const key = recordKey(section, item, list.length + 1);
      const dup = await tx.query(
        'select 1 from partnership_records where ecosystem_id = $1 and partnership_id = $2 and section = $3 and key = $4',
        [ecosystemId, partnershipId, section, key],
      );
      if (dup.length > 0)
        throw new StoreError(
          'conflict',
          `partnership "${partnershipId}" already has a ${section} item "${key}"`,
          { field: section === 'gates' ? 'to' : 'id' },
        );
      await tx.query(
        `insert into partnership_records (ecosystem_id, partnership_id, section, key, position, data, owner_organization_id)
         values ($1, $2, $3, $4, (select coalesce(max(position) + 1, 0) from partnership_records where ecosystem_id = $1 and partnership_id = $2 and section = $3), $5::jsonb, $6)`,
        [
          ecosystemId,
          partnershipId,
          section,
          key,
          JSON.stringify(recordData(section, item)),
          effectiveRole(viewer) === 'orchestrator' ? null : viewer.organizationId,
        ],
      );
      await this.writeChildren(tx, ecosystemId, partnershipId, section, item, audit);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: `partnership.${section}.create`,
        entity: `partnership.${section}`,
        entityId: `${partnershipId}/${key}`,
        before: null,
        after: item,
      });
      return this.getWith(tx, ecosystemId, partnershipId, section, key);
    });
  }

  /** KPIs created with measurements, cycles created with answers: those go to their own tables. */
  private async writeChildren(
    tx: Queryable,
    ecosystemId: string,
    partnershipId: string,
    section: RecordSection,
    item: Record<string, unknown>,
    audit?: AuditContext,
  ): Promise<void> {
    if (section === 'kpis') {
      for (const m of (item.measurements as monitor.Measurement[] | undefined) ?? []) {
        const { date, value, ...rest } = m;
        await tx.query(
          `insert into kpi_measurements (ecosystem_id, partnership_id, kpi_id, date, value, extra, recorded_by) values ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
          [
            ecosystemId,
            partnershipId,
            item.id,
            date,
            value,
            Object.keys(rest).length ? JSON.stringify(rest) : null,
            audit?.userId ?? null,
          ],
        );
      }
    }
    if (section === 'healthChecks') {
      const answers = (item.answers as monitor.HealthCheckAnswer[] | undefined) ?? [];
      for (const [i, a] of answers.entries()) {
        await tx.query(
          `insert into health_check_answers (ecosystem_id, partnership_id, cycle_id, organization, dimension, position, data, answered_by) values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
          [
            ecosystemId,
            partnershipId,
            item.id,
            a.organization,
            a.dimension,
            i,
            JSON.stringify(a),
            audit?.userId ?? null,
          ],
        );
      }
    }
  }

  private async getWith(
    q: Queryable,
    ecosystemId: string,
    partnershipId: string,
    section: RecordSection,
    key: string,
  ): Promise<RecordItem> {
    const rows = await q.query<RecordRow>(
      `select section, key, position, data, version, created_at, updated_at from partnership_records where ecosystem_id = $1 and partnership_id = $2 and section = $3 and key = $4`,
      [ecosystemId, partnershipId, section, key],
    );
    const r = rows[0];
    if (!r)
      throw new StoreError('not_found', `no ${section} item "${key}" in partnership "${partnershipId}"`);
    return this.toItem(r, await this.withChildren(q, ecosystemId, partnershipId, section));
  }

  /** Locks an item and its partnership, checks the version, and hands back the current state. */
  private async current(
    tx: Queryable,
    ecosystemId: string,
    partnershipId: string,
    section: RecordSection,
    key: string,
    viewer: Viewer,
  ) {
    const ctx = await this.context(tx, ecosystemId, partnershipId, true);
    const p = new Params();
    const rows = await tx.query<RecordRow>(
      `select r.section, r.key, r.position, r.data, r.version, r.created_at, r.updated_at from partnership_records r
        where r.ecosystem_id = ${p.add(ecosystemId)} and r.partnership_id = ${p.add(partnershipId)} and r.section = ${p.add(section)} and r.key = ${p.add(key)} and ${visibleSql(viewer, p, 'r')} for update`,
      p.values,
    );
    const row = rows[0];
    if (!row)
      throw new StoreError('not_found', `no ${section} item "${key}" in partnership "${partnershipId}"`);
    const list = (ctx.partnership[section] as Record<string, unknown>[] | undefined) ?? [];
    const index = list.findIndex((x, i) => recordKey(section, x, i + 1) === key);
    return { ctx, row, list, index: index < 0 ? list.length : index };
  }

  /**
   * Changes an item (the fields given replace those fields; `null` removes an
   * optional one) if `ifMatch` is its version. KPI measurements and cycle
   * answers are changed through their own calls.
   */
  async update(
    ecosystemId: string,
    partnershipId: string,
    section: RecordSection,
    key: string,
    patch: Record<string, unknown>,
    ifMatch: number,
    viewer: Viewer,
    authorize: Authorize,
    audit?: AuditContext,
  ): Promise<RecordItem> {
    return this.db.transaction(async (tx) => {
      const { ctx, row, list, index } = await this.current(
        tx,
        ecosystemId,
        partnershipId,
        section,
        key,
        viewer,
      );
      authorize(list[index] ?? row.data);
      requireVersion(section, key, row.version, ifMatch);
      const cur = list[index] ?? row.data;
      const merged: Record<string, unknown> = { ...cur };
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) delete merged[k];
        else merged[k] = v;
      }
      // Children keep their own tables: the patch cannot replace them.
      if (section === 'kpis') merged.measurements = (cur as { measurements?: unknown }).measurements ?? [];
      if (section === 'healthChecks') merged.answers = (cur as { answers?: unknown }).answers ?? [];
      return this.replaceItem(
        tx,
        ecosystemId,
        partnershipId,
        section,
        key,
        ctx,
        list,
        index,
        cur,
        merged,
        `partnership.${section}.update`,
        audit,
      );
    });
  }

  /**
   * Applies a change computed from the current item (a vote, a gate criterion
   * met, a cycle closed) under a row lock, with the same checks and audit.
   * `fn` may throw a ValidationError or StoreError to refuse.
   */
  async mutate(
    ecosystemId: string,
    partnershipId: string,
    section: RecordSection,
    key: string,
    fn: (current: Record<string, unknown>, context: SectionContext) => Record<string, unknown>,
    viewer: Viewer,
    authorize: Authorize,
    action: string,
    audit?: AuditContext,
  ): Promise<RecordItem> {
    return this.db.transaction(async (tx) => {
      const { ctx, row, list, index } = await this.current(
        tx,
        ecosystemId,
        partnershipId,
        section,
        key,
        viewer,
      );
      const cur = list[index] ?? row.data;
      authorize(cur);
      const next = fn(structuredClone(cur), ctx);
      return this.replaceItem(
        tx,
        ecosystemId,
        partnershipId,
        section,
        key,
        ctx,
        list,
        index,
        cur,
        next,
        action,
        audit,
      );
    });
  }

  private async replaceItem(
    tx: Queryable,
    ecosystemId: string,
    partnershipId: string,
    section: RecordSection,
    key: string,
    ctx: SectionContext,
    list: Record<string, unknown>[],
    index: number,
    before: Record<string, unknown>,
    next: Record<string, unknown>,
    action: string,
    audit?: AuditContext,
  ): Promise<RecordItem> {
    const nextList = [...list];
    nextList[index] = next;
    const after = { ...ctx.partnership, [section]: nextList };
    await this.checkChange(tx, ecosystemId, ctx.partnership, after, [section, index]);
    const item = (PartnershipSchema.parse(after)[section] as Record<string, unknown>[])[index]!;
    const newKey = recordKey(section, item, index + 1);
    if (newKey !== key)
      throw new ValidationError([
        {
          path: [section === 'gates' ? 'to' : 'id'],
          message: `the ${section === 'gates' ? 'stage a gate leads to' : 'id'} cannot change (it is "${key}")`,
          code: 'invalid_value',
        },
      ]);
    await tx.query(
      `update partnership_records set data = $5::jsonb, version = version + 1, updated_at = now() where ecosystem_id = $1 and partnership_id = $2 and section = $3 and key = $4`,
      [ecosystemId, partnershipId, section, key, JSON.stringify(recordData(section, item))],
    );
    await writeAudit(tx, audit, {
      ecosystemId,
      action,
      entity: `partnership.${section}`,
      entityId: `${partnershipId}/${key}`,
      before,
      after: item,
    });
    return this.getWith(tx, ecosystemId, partnershipId, section, key);
  }

  /** Deletes an item if `ifMatch` is its version and nothing else in the partnership refers to it. */
  async delete(
    ecosystemId: string,
    partnershipId: string,
    section: RecordSection,
    key: string,
    ifMatch: number,
    viewer: Viewer,
    authorize: Authorize,
    audit?: AuditContext,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { ctx, row, list, index } = await this.current(
        tx,
        ecosystemId,
        partnershipId,
        section,
        key,
        viewer,
      );
      const cur = list[index] ?? row.data;
      authorize(cur);
      requireVersion(section, key, row.version, ifMatch);
      const after = { ...ctx.partnership, [section]: list.filter((_, i) => i !== index) };
      await this.checkChange(tx, ecosystemId, ctx.partnership, after, null);
      await tx.query(
        'delete from partnership_records where ecosystem_id = $1 and partnership_id = $2 and section = $3 and key = $4',
        [ecosystemId, partnershipId, section, key],
      );
      if (section === 'kpis')
        await tx.query(
          'delete from kpi_measurements where ecosystem_id = $1 and partnership_id = $2 and kpi_id = $3',
          [ecosystemId, partnershipId, key],
        );
      if (section === 'healthChecks')
        await tx.query(
          'delete from health_check_answers where ecosystem_id = $1 and partnership_id = $2 and cycle_id = $3',
          [ecosystemId, partnershipId, key],
        );
      await writeAudit(tx, audit, {
        ecosystemId,
        action: `partnership.${section}.delete`,
        entity: `partnership.${section}`,
        entityId: `${partnershipId}/${key}`,
        before: cur,
        after: null,
      });
    });
  }

  // ---- KPI measurements ------------------------------------------------------------------

  /**
   * Adds measurements `{kpi, date, value, note?}` (from the app, a CSV file or
   * the API) in one transaction: an unknown KPI, a bad date or value, or a day
   * already measured (unless `replace`) is a problem at `[index, field]`, and
   * nothing is written when there is any.
   */
  async addMeasurements(
    ecosystemId: string,
    partnershipId: string,
    input: unknown[],
    viewer: Viewer,
    authorize: Authorize,
    opts: { replace?: boolean; audit?: AuditContext } = {},
  ): Promise<{ added: number; replaced: number }> {
    return this.db.transaction(async (tx) => {
      authorize(null);
      const { partnership } = await this.context(tx, ecosystemId, partnershipId, true);
      const p = new Params();
      const visibleKpis = new Set(
        (
          await tx.query<{ key: string }>(
            `select r.key from partnership_records r where r.ecosystem_id = ${p.add(ecosystemId)} and r.partnership_id = ${p.add(partnershipId)} and r.section = 'kpis' and ${visibleSql(viewer, p, 'r')}`,
            p.values,
          )
        ).map((r) => r.key),
      );
      const kpis = new Map(
        (partnership.kpis ?? []).filter((k) => visibleKpis.has(k.id)).map((k) => [k.id, k]),
      );
      const problems: Problem[] = [];
      const seen = new Map<string, number>();
      const rows: monitor.MeasurementRecord[] = [];
      input.forEach((raw, i) => {
        const parsed = monitor.MeasurementRecordSchema.safeParse(raw);
        if (!parsed.success) {
          problems.push(
            ...problemsFromZod(parsed.error.issues).map((pr) => ({ ...pr, path: [i, ...pr.path] })),
          );
          return;
        }
        const m = parsed.data;
        const kpi = kpis.get(m.kpi);
        if (!kpi) {
          problems.push({
            path: [i, 'kpi'],
            message: `unknown KPI "${m.kpi}" in partnership "${partnershipId}"${kpis.size ? `; its KPIs are: ${[...kpis.keys()].join(', ')}` : ' (it has no KPIs yet)'}`,
            code: 'unknown_reference',
          });
          return;
        }
        const k = `${m.kpi} ${m.date}`;
        const first = seen.get(k);
        if (first !== undefined)
          problems.push({
            path: [i, 'date'],
            message: `KPI "${m.kpi}" is measured on ${m.date} twice (also at [${first}])`,
            code: 'duplicate_id',
          });
        else if (!opts.replace && kpi.measurements.some((x) => x.date === m.date)) {
          problems.push({
            path: [i, 'date'],
            message: `KPI "${m.kpi}" already has a measurement on ${m.date} (send replace=true to overwrite it)`,
            code: 'duplicate_id',
          });
        }
        seen.set(k, i);
        rows.push(m);
      });
      if (problems.length > 0) throw new ValidationError(problems);
      let replaced = 0;
      for (let start = 0; start < rows.length; start += 2000) {
        const part = rows.slice(start, start + 2000).map(({ kpi, date, value, ...rest }) => ({
          kpi,
          date,
          value,
          extra: Object.keys(rest).length ? rest : null,
        }));
        const res = await tx.query<{ inserted: boolean }>(
          `insert into kpi_measurements as m (ecosystem_id, partnership_id, kpi_id, date, value, extra, recorded_by)
           select $2, $3, x.kpi, x.date, x.value, x.extra, $4 from jsonb_to_recordset($1::jsonb) as x(kpi text, date text, value double precision, extra jsonb)
           on conflict (ecosystem_id, partnership_id, kpi_id, date) do update set value = excluded.value, extra = excluded.extra, recorded_by = excluded.recorded_by, recorded_at = now()
           returning (xmax = 0) as inserted`,
          [JSON.stringify(part), ecosystemId, partnershipId, opts.audit?.userId ?? null],
        );
        replaced += res.filter((r) => !r.inserted).length;
      }
      await writeAudit(tx, opts.audit, {
        ecosystemId,
        action: 'partnership.kpis.measurements.add',
        entity: 'partnership.kpis',
        entityId: partnershipId,
        before: null,
        after: { measurements: rows.length, replaced, kpis: [...new Set(rows.map((r) => r.kpi))] },
      });
      return { added: rows.length - replaced, replaced };
    });
  }

  /** Removes one measurement. */
  async deleteMeasurement(
    ecosystemId: string,
    partnershipId: string,
    kpiId: string,
    date: string,
    viewer: Viewer,
    authorize: Authorize,
    audit?: AuditContext,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.current(tx, ecosystemId, partnershipId, 'kpis', kpiId, viewer);
      authorize(null);
      const rows = await tx.query<{ value: number }>(
        'delete from kpi_measurements where ecosystem_id = $1 and partnership_id = $2 and kpi_id = $3 and date = $4 returning value',
        [ecosystemId, partnershipId, kpiId, date],
      );
      if (rows.length === 0)
        throw new StoreError('not_found', `KPI "${kpiId}" has no measurement on ${date}`);
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'partnership.kpis.measurements.delete',
        entity: 'partnership.kpis',
        entityId: `${partnershipId}/${kpiId}`,
        before: { date, value: Number(rows[0]!.value) },
        after: null,
      });
    });
  }

  // ---- health-check answers --------------------------------------------------------------

  /**
   * Records (or changes) one member organization's answers to an open cycle:
   * `answers` are `{dimension, score, comment?}`. Refused once the cycle has
   * closed; each answer is checked like the document's (score 1–5, a known
   * dimension, a member organization).
   */
  async answer(
    ecosystemId: string,
    partnershipId: string,
    cycleId: string,
    organization: string,
    answers: unknown[],
    viewer: Viewer,
    authorize: Authorize,
    opts: { today?: string; audit?: AuditContext } = {},
  ): Promise<{ answered: number }> {
    return this.db.transaction(async (tx) => {
      const { ctx, list, index } = await this.current(
        tx,
        ecosystemId,
        partnershipId,
        'healthChecks',
        cycleId,
        viewer,
      );
      const cycle = list[index] as monitor.HealthCheck | undefined;
      if (!cycle) throw new StoreError('not_found', `no health-check cycle "${cycleId}"`);
      authorize(cycle);
      const day = opts.today ?? today();
      if (cycle.opened > day)
        throw new StoreError(
          'conflict',
          `health-check cycle "${cycleId}" opens on ${cycle.opened}: answers are taken from then`,
        );
      if (cycle.closed !== undefined && cycle.closed <= day) {
        throw new StoreError(
          'conflict',
          `health-check cycle "${cycleId}" closed on ${cycle.closed}: its answers can no longer change`,
        );
      }
      const given = answers.map((a) =>
        a && typeof a === 'object' && !Array.isArray(a) ? { organization, ...a } : a,
      );
      const others = cycle.answers.filter(
        (a) =>
          a.organization !== organization ||
          !given.some((g) => (g as { dimension?: unknown }).dimension === a.dimension),
      );
      const nextCycle = { ...cycle, answers: [...others, ...given] };
      const nextList = [...list];
      nextList[index] = nextCycle;
      const after = { ...ctx.partnership, healthChecks: nextList };
      // Problems are reported at answers[j] of what was sent.
      const sent = (path: Path): Path =>
        typeof path[0] === 'number' ? ['answers', path[0] - others.length, ...path.slice(1)] : path;
      await this.checkChange(
        tx,
        ecosystemId,
        ctx.partnership,
        after,
        ['healthChecks', index, 'answers'],
        sent,
      );
      const parsed = (PartnershipSchema.parse(after).healthChecks ?? [])[index]!.answers.slice(others.length);
      const dims = new Set<string>();
      for (const a of parsed) {
        if (dims.has(a.dimension))
          throw new ValidationError([
            {
              path: ['answers'],
              message: `dimension "${a.dimension}" is answered twice`,
              code: 'duplicate_id',
            },
          ]);
        dims.add(a.dimension);
      }
      const before = cycle.answers.filter((a) => a.organization === organization);
      for (const a of parsed) {
        await tx.query(
          `insert into health_check_answers (ecosystem_id, partnership_id, cycle_id, organization, dimension, position, data, answered_by)
           values ($1, $2, $3, $4, $5, (select coalesce(max(position) + 1, 0) from health_check_answers where ecosystem_id = $1 and partnership_id = $2 and cycle_id = $3), $6::jsonb, $7)
           on conflict (ecosystem_id, partnership_id, cycle_id, organization, dimension) do update set data = excluded.data, answered_by = excluded.answered_by, answered_at = now()`,
          [
            ecosystemId,
            partnershipId,
            cycleId,
            organization,
            a.dimension,
            JSON.stringify(a),
            opts.audit?.userId ?? null,
          ],
        );
      }
      // The audit keeps who answered, not what: the scores stay private until the cycle closes.
      await writeAudit(tx, opts.audit, {
        ecosystemId,
        action: 'partnership.healthChecks.answer',
        entity: 'partnership.healthChecks',
        entityId: `${partnershipId}/${cycleId}`,
        before: { organization, dimensions: before.map((a) => a.dimension) },
        after: { organization, dimensions: parsed.map((a) => a.dimension) },
      });
      return { answered: parsed.length };
    });
  }

  // ---- the ledger ------------------------------------------------------------------------

  /** Ledger entries the viewer may see, in the order they were recorded (keyset pages on seq). */
  async ledger(
    ecosystemId: string,
    partnershipId: string,
    viewer: Viewer,
    query: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: LedgerItem[]; nextCursor: string | null }> {
    await this.requirePartnership(this.db, ecosystemId, partnershipId);
    const p = new Params();
    const where = [
      `l.ecosystem_id = ${p.add(ecosystemId)}`,
      `l.partnership_id = ${p.add(partnershipId)}`,
      visibleSql(viewer, p, 'l', { selfActorColumn: 'actor_id' }),
    ];
    if (query.cursor) {
      const [seq] = decodeCursor(query.cursor);
      if (typeof seq !== 'number')
        throw new ValidationError([
          { path: ['cursor'], message: 'not a cursor this API gave out', code: 'invalid_cursor' },
        ]);
      where.push(`l.seq > ${p.add(seq)}`);
    }
    const limit = clampLimit(query.limit ?? 100);
    const rows = await this.db.query<{
      seq: number;
      data: LedgerEntry;
      hash: string;
      prev_hash: string;
      recorded_by: string | null;
      recorded_at: Date | string;
    }>(
      `select l.seq, l.data, l.hash, l.prev_hash, l.recorded_by, l.recorded_at from ledger_entries l where ${where.join(' and ')} order by l.seq limit ${limit + 1}`,
      p.values,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        entry: r.data,
        seq: r.seq,
        hash: r.hash,
        prevHash: r.prev_hash,
        recordedBy: r.recorded_by,
        recordedAt: toIso(r.recorded_at),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor(last.seq, last.seq) : null,
    };
  }

  /**
   * Appends an entry to the end of the chain (corrections are reversing
   * entries: `reverses: <id>`, same kind, actor, value and currency). Checked
   * like the document's ledger; the chain is extended under a lock on the
   * partnership so concurrent appends never fork it.
   */
  async appendLedger(
    ecosystemId: string,
    partnershipId: string,
    input: unknown,
    viewer: Viewer,
    authorize: (entry: LedgerEntry) => void,
    audit?: AuditContext,
  ): Promise<LedgerItem> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ stage: string }>(
        'select stage from partnerships where ecosystem_id = $1 and id = $2 for update',
        [ecosystemId, partnershipId],
      );
      if (rows.length === 0)
        throw new StoreError('not_found', `no partnership "${partnershipId}" in ecosystem "${ecosystemId}"`);
      const parsed = LedgerEntrySchema.safeParse(input);
      if (!parsed.success) throw new ValidationError(problemsFromZod(parsed.error.issues));
      const entry = parsed.data;
      authorize(entry);
      const members = (
        await tx.query<{ actor_id: string }>(
          'select actor_id from partnership_members where ecosystem_id = $1 and partnership_id = $2',
          [ecosystemId, partnershipId],
        )
      ).map((r) => r.actor_id);
      const dup = await tx.query(
        'select 1 from ledger_entries where ecosystem_id = $1 and partnership_id = $2 and id = $3',
        [ecosystemId, partnershipId, entry.id],
      );
      if (dup.length > 0)
        throw new StoreError(
          'conflict',
          `the ledger of "${partnershipId}" already has an entry "${entry.id}" (entries are never changed: add a reversing entry instead)`,
          { field: 'id' },
        );
      // The entries the checks need: the one reversed, and any reversal of it already recorded.
      const related = entry.reverses
        ? (
            await tx.query<{ data: LedgerEntry }>(
              `select data from ledger_entries where ecosystem_id = $1 and partnership_id = $2 and (id = $3 or data->>'reverses' = $3) order by seq`,
              [ecosystemId, partnershipId, entry.reverses],
            )
          ).map((r) => r.data)
        : [];
      const mini = {
        id: partnershipId,
        name: 'ledger',
        stage: rows[0]!.stage,
        members: members.map((a) => ({ actor: a })),
        ledger: [...related, entry],
      };
      const known = new Set(members);
      const problems = checkPartnership(mini, 0, known)
        .filter((pr) => pr.path[2] === 'ledger' && pr.path[3] === related.length)
        .map((pr) => ({ ...pr, path: pr.path.slice(4) }));
      if (problems.length > 0) throw new ValidationError(problems);
      const head = await tx.query<{ seq: number; hash: string }>(
        'select seq, hash from ledger_entries where ecosystem_id = $1 and partnership_id = $2 order by seq desc limit 1',
        [ecosystemId, partnershipId],
      );
      const seq = (head[0]?.seq ?? 0) + 1;
      const link = ledgerLink(
        ecosystemId,
        partnershipId,
        seq,
        entry,
        head[0]?.hash ?? govern.GENESIS_HASH,
        audit?.userId ?? null,
        new Date().toISOString(),
      );
      await tx.query(
        `insert into ledger_entries (ecosystem_id, partnership_id, seq, id, actor_id, data, visibility, owner_organization_id, recorded_by, recorded_at, prev_hash, hash)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12)`,
        [
          ecosystemId,
          partnershipId,
          seq,
          entry.id,
          entry.actor,
          JSON.stringify(entry),
          ledgerVisibility(entry),
          effectiveRole(viewer) === 'orchestrator' ? null : viewer.organizationId,
          link.recordedBy,
          link.recordedAt,
          link.prevHash,
          link.hash,
        ],
      );
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'partnership.ledger.append',
        entity: 'partnership.ledger',
        entityId: `${partnershipId}/${entry.id}`,
        before: null,
        after: { ...entry, seq, hash: link.hash },
      });
      return { entry, ...link };
    });
  }

  /** Recomputes the whole chain of a partnership's ledger and names the first broken entry. */
  async verifyLedger(
    ecosystemId: string,
    partnershipId: string,
    q: Queryable = this.db,
  ): Promise<govern.ChainVerification> {
    await this.requirePartnership(q, ecosystemId, partnershipId);
    const rows = await q.query<{
      seq: number;
      id: string;
      data: unknown;
      recorded_by: string | null;
      recorded_at: Date | string;
      prev_hash: string;
      hash: string;
    }>(
      `select seq, id, data, recorded_by, recorded_at, prev_hash, hash from ledger_entries where ecosystem_id = $1 and partnership_id = $2 order by seq`,
      [ecosystemId, partnershipId],
    );
    return govern.verifyChain(
      rows.map((r) => ({
        ecosystemId,
        partnershipId,
        seq: r.seq,
        id: r.id,
        entry: r.data,
        recordedBy: r.recorded_by,
        recordedAt: toIso(r.recorded_at),
        prevHash: r.prev_hash,
        hash: r.hash,
      })),
      sha256,
    );
  }
}
