/**
 * The document's `discover` section in the store: one row per criterion,
 * rating, pipeline entry, assessment and readiness response in
 * `ecosystem_records` (sections `discover.*`), plus a settings row (the focal
 * actor; its presence says the document has the section). Import writes them in
 * the import's transaction; export reads them back in document order.
 *
 * Visibility, in SQL: a rating belongs to the rating organization and a
 * readiness response to the answering one; others (but the orchestrators) see
 * them only when shared with the ecosystem (`visibility` column, default
 * private). Rows naming an actor or partnership that no longer exists are left
 * out, so an export always validates.
 *
 * Every change is validated against the whole section with the document's own
 * checks (discoverProblems), runs in one transaction under a lock on the
 * settings row, and is audited in that transaction.
 */
import {
  discover as d,
  effectiveRole,
  PartnershipSchema,
  ValidationError,
  type Actor,
  type Path,
  type Problem,
  type Viewer,
  problemsFromZod,
} from '@valueweb/core';
import type { Db, Queryable } from './db.ts';
import { writeAudit, type AuditContext } from './audit.ts';
import { StoreError } from './errors.ts';
import { Params } from './query-kit.ts';

/** The `ecosystem_records` sections this module owns. */
export const DISCOVER_SECTIONS = {
  settings: 'discover.settings',
  criteria: 'discover.criteria',
  ratings: 'discover.ratings',
  pipeline: 'discover.pipeline',
  readiness: 'discover.readiness',
  responses: 'discover.responses',
} as const;
const ALL = Object.values(DISCOVER_SECTIONS);
const S = DISCOVER_SECTIONS;

type Section = d.DiscoverSection;
type Rating = d.DiscoverRating;
type Entry = d.PipelineEntry;

export const ratingKey = (r: Pick<Rating, 'candidate' | 'criterion' | 'rater'>) =>
  `${r.candidate}/${r.criterion}/${r.rater}`;
const responseKey = (subject: d.AssessmentSubject, organization: string) =>
  `${d.assessmentKey(subject)}/${organization}`;

interface Row {
  section: string;
  key: string;
  position: number;
  data: Record<string, unknown>;
  visibility: string | null;
  version: number;
}

/** The profile of an actor the computed criteria and the portfolio read (never its confidential attributes). */
export type ProfileActor = Pick<
  Actor,
  'id' | 'name' | 'kind' | 'capabilities' | 'needs' | 'values' | 'clock'
>;

const isUuid = (s: string | null | undefined) =>
  typeof s === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
const by = (audit: AuditContext | undefined) => (isUuid(audit?.userId) ? audit!.userId! : null);

/** The SQL that leaves out ratings and responses the viewer may not see, and rows whose actors or partnerships are gone. */
function visibleRows(v: Viewer | undefined, p: Params, alias = 'r'): string {
  const actor = (expr: string) =>
    `exists (select 1 from actors a where a.ecosystem_id = ${alias}.ecosystem_id and a.id = ${expr})`;
  // Assessment keys are `kind:id` and response keys `kind:id/organization` (ids hold no "/").
  const partnershipOk = `(${alias}.key not like 'partnership:%' or exists (select 1 from partnerships pp where pp.ecosystem_id = ${alias}.ecosystem_id and pp.id = split_part(substr(${alias}.key, 13), '/', 1)))`;
  const refs = [
    `(${alias}.section <> '${S.ratings}' or (${actor(`${alias}.data->>'candidate'`)} and ${actor(`${alias}.data->>'rater'`)}))`,
    `(${alias}.section <> '${S.pipeline}' or ${actor(`${alias}.data->>'candidate'`)})`,
    `(${alias}.section <> '${S.readiness}' or ${partnershipOk})`,
    `(${alias}.section <> '${S.responses}' or (${actor(`${alias}.data->>'organization'`)} and ${partnershipOk}))`,
  ];
  if (v && effectiveRole(v) !== 'orchestrator') {
    const own: string[] = [];
    if (v.actorId) {
      const me = p.add(v.actorId);
      own.push(
        `(${alias}.section = '${S.ratings}' and ${alias}.data->>'rater' = ${me})`,
        `(${alias}.section = '${S.responses}' and ${alias}.data->>'organization' = ${me})`,
      );
    }
    refs.push(
      `(${alias}.section not in ('${S.ratings}', '${S.responses}') or coalesce(${alias}.visibility, 'private') = 'ecosystem'${own.map((o) => ` or ${o}`).join('')})`,
    );
  }
  return refs.join(' and ');
}

/**
 * The `discover` section of an ecosystem as in the document, with only what the
 * viewer may see (no viewer: everything); undefined when the ecosystem has none.
 */
export async function readDiscover(
  q: Queryable,
  ecosystemId: string,
  viewer?: Viewer,
): Promise<Section | undefined> {
  const p = new Params();
  const eco = p.add(ecosystemId);
  const rows = await q.query<Row>(
    `select r.section, r.key, r.position, r.data, r.visibility, r.version from ecosystem_records r
      where r.ecosystem_id = ${eco} and r.section = any(${p.add(ALL)}::text[]) and ${visibleRows(viewer, p)}
      order by r.section, r.position, r.key`,
    p.values,
  );
  if (rows.length === 0) return undefined;
  return assemble(q, ecosystemId, rows);
}

async function assemble(q: Queryable, ecosystemId: string, rows: Row[]): Promise<Section> {
  const of = (section: string) => rows.filter((r) => r.section === section);
  const settings = of(S.settings)[0]?.data as { focal?: string } | undefined;
  const criteria = of(S.criteria).map((r) => r.data as unknown as d.Criterion);
  const pipeline = of(S.pipeline).map((r) => r.data as unknown as Entry);
  // A chartered entry's partnership, or the focal actor, may have been deleted since: leave the reference out.
  const refs = [...pipeline.map((e) => e.partnership).filter((x): x is string => x !== undefined)];
  const live = refs.length
    ? new Set(
        (
          await q.query<{ id: string }>(
            'select id from partnerships where ecosystem_id = $1 and id = any($2::text[])',
            [ecosystemId, refs],
          )
        ).map((r) => r.id),
      )
    : new Set<string>();
  let focal = settings?.focal;
  if (
    focal !== undefined &&
    (await q.query('select 1 from actors where ecosystem_id = $1 and id = $2', [ecosystemId, focal]))
      .length === 0
  )
    focal = undefined;
  const responses = new Map<string, d.ReadinessResponse[]>();
  for (const r of of(S.responses)) {
    const k = r.key.slice(0, r.key.lastIndexOf('/'));
    let list = responses.get(k);
    if (!list) responses.set(k, (list = []));
    list.push(r.data as unknown as d.ReadinessResponse);
  }
  return {
    ...(criteria.length ? { criteria } : {}),
    ...(focal !== undefined ? { focal } : {}),
    ratings: of(S.ratings).map((r) => r.data as unknown as Rating),
    pipeline: pipeline.map((e) => {
      if (e.partnership === undefined || live.has(e.partnership)) return e;
      const { partnership: _gone, ...rest } = e;
      return rest;
    }),
    readiness: of(S.readiness).map((r) => {
      const a = r.data as { subject: d.AssessmentSubject; name?: string };
      return { ...a, responses: responses.get(r.key) ?? [] };
    }),
  };
}

const INSERT = `insert into ecosystem_records (ecosystem_id, section, key, position, data, visibility, created_by)
select $2, x.section, x.key, x.p, x.data, x.visibility, x.by
from jsonb_to_recordset($1::jsonb) as x(section text, key text, p int, data jsonb, visibility text, by uuid)`;

/** The rows of a section, as written. */
function rowsOf(s: Section, createdBy: string | null): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const add = (section: string, key: string, p: number, data: unknown, visibility: string | null = null) =>
    rows.push({ section, key, p, data, visibility, by: createdBy });
  add(S.settings, 'settings', 0, s.focal !== undefined ? { focal: s.focal } : {});
  (s.criteria ?? []).forEach((c, i) => add(S.criteria, c.id, i, c));
  s.ratings.forEach((r, i) => add(S.ratings, ratingKey(r), i, r, r.visibility ?? 'private'));
  s.pipeline.forEach((e, i) => add(S.pipeline, e.candidate, i, e));
  s.readiness.forEach((a, i) => {
    const { responses, ...head } = a;
    add(S.readiness, d.assessmentKey(a.subject), i, head);
    responses.forEach((r, j) =>
      add(S.responses, responseKey(a.subject, r.organization), j, r, r.visibility ?? 'private'),
    );
  });
  return rows;
}

/** Replaces the ecosystem's discover rows with the section (none: removes them). Runs in the caller's transaction. */
export async function writeDiscover(
  tx: Queryable,
  ecosystemId: string,
  section: Section | undefined,
  createdBy: string | null = null,
): Promise<number> {
  await tx.query('delete from ecosystem_records where ecosystem_id = $1 and section = any($2::text[])', [
    ecosystemId,
    ALL,
  ]);
  if (!section) return 0;
  const rows = rowsOf(section, isUuid(createdBy) ? createdBy : null);
  for (let i = 0; i < rows.length; i += 2000)
    await tx.query(INSERT, [JSON.stringify(rows.slice(i, i + 2000)), ecosystemId]);
  return rows.length;
}

/** How many rows a section takes. */
export const discoverRowCount = (s: Section | undefined): number => (s ? rowsOf(s, null).length : 0);

const EMPTY: Section = { ratings: [], pipeline: [], readiness: [] };
const keyOf = (p: Problem) => `${JSON.stringify(p.path)} ${p.message}`;

/** A pipeline move refused by the rules of core/discover/pipeline.ts, as a store error: a bad move is a conflict, a missing note or bad field a validation problem. */
function pipelineError(e: unknown): never {
  if (e instanceof d.PipelineError) {
    if (e.code === 'transition_not_allowed' || e.code === 'out_of_order')
      throw new StoreError('conflict', e.message, { code: e.code });
    const field = e.code === 'note_required' ? 'note' : (/^(\w+):/.exec(e.message)?.[1] ?? 'body');
    throw new ValidationError([{ path: [field], message: e.message.replace(/^\w+: /, ''), code: e.code }]);
  }
  throw e;
}

/** A pipeline action: who (a person's name), when (now, ISO), and an optional note. */
export interface PipelineActionInput {
  by: string;
  at: string;
  note?: string | undefined;
}

/** The partnership a chartered entry becomes (the candidate and the focal actor are its members). */
export interface PipelinePartnershipInput {
  id: string;
  name: string;
  purpose?: string | undefined;
  stage?: string | undefined;
}

export interface DiscoverSettings {
  criteria: d.Criterion[];
  /** True when the ecosystem sets no criteria of its own (the defaults of seed 000 apply). */
  defaultCriteria: boolean;
  focal: string | null;
  /** The settings version (the ETag of criteria and focal). */
  version: number;
}

export interface PipelineItem {
  entry: Entry;
  version: number;
  allowed: readonly d.PipelineStage[];
}

/** What a change of the section computes: the next section, how to read the result, what to audit. */
interface Changed<T> {
  next: Section;
  result: (tx: Queryable) => T | Promise<T>;
  audit: { action: string; entity: string; entityId: string; before: unknown; after: unknown };
}

/** What a pipeline change computes: the entry after it, the audit action, and anything else to write in the transaction. */
interface Applied {
  entry: Entry;
  action: string;
  extra?: (tx: Queryable) => Promise<void>;
}

export class DiscoverRepository {
  constructor(private readonly db: Db) {}

  /** The section as the viewer may see it (an empty one when the ecosystem has none yet). */
  async section(ecosystemId: string, viewer?: Viewer, q: Queryable = this.db): Promise<Section> {
    await this.requireEcosystem(q, ecosystemId);
    return (await readDiscover(q, ecosystemId, viewer)) ?? structuredClone(EMPTY);
  }

  /** Actors' public profiles (what scoring and the portfolio read), in document order. */
  async actors(ecosystemId: string, q: Queryable = this.db): Promise<ProfileActor[]> {
    const rows = await q.query<{
      id: string;
      name: string;
      kind: Actor['kind'];
      capabilities: string[];
      needs: string[];
      values: string[];
      clock: Actor['clock'] | null;
    }>(
      `select id, name, kind, capabilities, needs, "values", clock from actors where ecosystem_id = $1 order by position`,
      [ecosystemId],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      capabilities: r.capabilities,
      needs: r.needs,
      values: r.values,
      ...(r.clock ? { clock: r.clock } : {}),
    }));
  }

  async settings(ecosystemId: string, q: Queryable = this.db): Promise<DiscoverSettings> {
    const s = await this.section(ecosystemId, undefined, q);
    const v = await q.query<{ version: number }>(
      `select version from ecosystem_records where ecosystem_id = $1 and section = '${S.settings}' and key = 'settings'`,
      [ecosystemId],
    );
    return {
      criteria: d.criteriaOf(s),
      defaultCriteria: s.criteria === undefined,
      focal: s.focal ?? null,
      version: v[0]?.version ?? 0,
    };
  }

  private async requireEcosystem(q: Queryable, ecosystemId: string): Promise<void> {
    const rows = await q.query('select 1 from ecosystems where id = $1', [ecosystemId]);
    if (rows.length === 0)
      throw new StoreError('not_found', `no ecosystem with id "${ecosystemId}"`, { ecosystemId });
  }

  /**
   * Runs a change of the section in one transaction: locks the settings row
   * (creating it, so the section exists), reads the whole section, applies `fn`,
   * checks the result with the document's checks (only problems the change
   * brings; `rebase` maps their paths to the request), writes the rows that
   * changed, and audits.
   */
  private async change<T>(
    ecosystemId: string,
    fn: (current: Section, tx: Queryable) => Changed<T> | Promise<Changed<T>>,
    audit: AuditContext | undefined,
    rebase: (path: Path) => Path = (x) => x,
    ifMatch?: number,
  ): Promise<T> {
    return this.db.transaction(async (tx) => {
      await this.requireEcosystem(tx, ecosystemId);
      await tx.query(
        `insert into ecosystem_records (ecosystem_id, section, key, position, data, version) values ($1, '${S.settings}', 'settings', 0, '{}'::jsonb, 0) on conflict do nothing`,
        [ecosystemId],
      );
      const lock = await tx.query<{ version: number }>(
        `select version from ecosystem_records where ecosystem_id = $1 and section = '${S.settings}' and key = 'settings' for update`,
        [ecosystemId],
      );
      if (ifMatch !== undefined && lock[0]!.version !== ifMatch) {
        throw new StoreError(
          'precondition_failed',
          `the discover settings were changed by someone else (version ${lock[0]!.version}, you sent ${ifMatch}); reload them`,
          { version: lock[0]!.version },
        );
      }
      const current = (await readDiscover(tx, ecosystemId)) ?? structuredClone(EMPTY);
      const { next, result, audit: entry } = await fn(structuredClone(current), tx);
      const known = await this.references(tx, ecosystemId, next);
      const before = new Set(d.discoverProblems({ ...known, discover: current }).map(keyOf));
      const parsed = d.DiscoverSchema.safeParse(next);
      const fresh = [
        ...(parsed.success ? [] : problemsFromZod(parsed.error.issues, ['discover'])),
        ...d.discoverProblems({ ...known, discover: next }).filter((p) => !before.has(keyOf(p))),
      ];
      if (fresh.length) throw new ValidationError(fresh.map((p) => ({ ...p, path: rebase(p.path) })));
      await this.writeChanges(tx, ecosystemId, current, parsed.data!, by(audit));
      await tx.query(
        `update ecosystem_records set version = version + 1, updated_at = now() where ecosystem_id = $1 and section = '${S.settings}' and key = 'settings'`,
        [ecosystemId],
      );
      await writeAudit(tx, audit, { ecosystemId, ...entry });
      return result(tx);
    });
  }

  /** The actor and partnership ids a section names that exist (what the checks need). */
  private async references(
    tx: Queryable,
    ecosystemId: string,
    s: Section,
  ): Promise<{ actors: { id: string }[]; partnerships: { id: string }[] }> {
    const names = new Set<string>();
    if (s.focal) names.add(s.focal);
    for (const r of s.ratings) names.add(r.candidate).add(r.rater);
    for (const e of s.pipeline) names.add(e.candidate);
    for (const a of s.readiness) for (const r of a.responses) names.add(r.organization);
    const actors = await tx.query<{ id: string }>(
      'select id from actors where ecosystem_id = $1 and id = any($2::text[])',
      [ecosystemId, [...names]],
    );
    const partnerships = await tx.query<{ id: string }>(
      'select id from partnerships where ecosystem_id = $1',
      [ecosystemId],
    );
    return { actors, partnerships };
  }

  /** Writes the difference between two sections: rows that changed are updated (version + 1), new ones inserted, gone ones deleted. */
  private async writeChanges(
    tx: Queryable,
    ecosystemId: string,
    before: Section,
    after: Section,
    createdBy: string | null,
  ): Promise<void> {
    const old = new Map(rowsOf(before, null).map((r) => [`${String(r.section)}\u0000${String(r.key)}`, r]));
    const rows = rowsOf(after, createdBy);
    const keep = new Set<string>();
    for (const r of rows) {
      const k = `${String(r.section)}\u0000${String(r.key)}`;
      keep.add(k);
      const o = old.get(k);
      if (r.section === S.settings) {
        if (JSON.stringify(o?.data) !== JSON.stringify(r.data)) {
          await tx.query(
            `update ecosystem_records set data = $3::jsonb where ecosystem_id = $1 and section = $2 and key = 'settings'`,
            [ecosystemId, S.settings, JSON.stringify(r.data)],
          );
        }
        continue;
      }
      if (!o) {
        await tx.query(
          `insert into ecosystem_records (ecosystem_id, section, key, position, data, visibility, created_by) values ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
          [ecosystemId, r.section, r.key, r.p, JSON.stringify(r.data), r.visibility, r.by],
        );
      } else if (
        JSON.stringify(o.data) !== JSON.stringify(r.data) ||
        o.p !== r.p ||
        o.visibility !== r.visibility
      ) {
        await tx.query(
          `update ecosystem_records set data = $4::jsonb, position = $5, visibility = $6, version = version + 1, updated_at = now() where ecosystem_id = $1 and section = $2 and key = $3`,
          [ecosystemId, r.section, r.key, JSON.stringify(r.data), r.p, r.visibility],
        );
      }
    }
    for (const [k, o] of old) {
      if (!keep.has(k))
        await tx.query(
          'delete from ecosystem_records where ecosystem_id = $1 and section = $2 and key = $3',
          [ecosystemId, o.section, o.key],
        );
    }
  }

  // ---- criteria and the focal actor ------------------------------------------------------

  /**
   * Sets the criteria (null: back to the defaults of seed 000) and/or the focal
   * actor (null: none); a field left out stays. Ratings of a criterion that is
   * removed or no longer rated are removed with it (counted in the result).
   */
  async putSettings(
    ecosystemId: string,
    input: { criteria?: unknown; focal?: string | null },
    audit?: AuditContext,
    ifMatch?: number,
  ): Promise<DiscoverSettings & { removedRatings: number }> {
    let criteria: d.Criterion[] | null | undefined = input.criteria === null ? null : undefined;
    if (input.criteria !== undefined && input.criteria !== null) {
      const checked = d.validateCriteria(input.criteria);
      if (!checked.ok)
        throw new ValidationError(checked.problems.map((p) => ({ ...p, path: ['criteria', ...p.path] })));
      criteria = checked.criteria;
    }
    let removed = 0;
    const out = await this.change(
      ecosystemId,
      (cur) => {
        const next: Section = { ...cur };
        if (criteria === null) delete next.criteria;
        else if (criteria !== undefined) next.criteria = criteria;
        if (input.focal === null) delete next.focal;
        else if (input.focal !== undefined) next.focal = input.focal;
        const rated = new Set(
          d
            .criteriaOf(next)
            .filter((c) => c.source === 'rated')
            .map((c) => c.id),
        );
        next.ratings = cur.ratings.filter((r) => rated.has(r.criterion));
        removed = cur.ratings.length - next.ratings.length;
        return {
          next,
          result: (tx) => this.settings(ecosystemId, tx),
          audit: {
            action: 'discover.settings.update',
            entity: 'discover.settings',
            entityId: ecosystemId,
            before: { criteria: cur.criteria ?? 'default', focal: cur.focal ?? null },
            after: {
              criteria: next.criteria ?? 'default',
              focal: next.focal ?? null,
              removedRatings: removed,
            },
          },
        };
      },
      audit,
      (p) => (p[0] === 'discover' && (p[1] === 'criteria' || p[1] === 'focal') ? p.slice(1) : p),
      ifMatch,
    );
    return { ...out, removedRatings: removed };
  }

  // ---- ratings -----------------------------------------------------------------------------

  /**
   * Replaces one rater organization's ratings of one candidate with `ratings`
   * ({criterion, score 1–5, note?}; an empty list removes them), shared as
   * `visibility` (default private). Problems are reported at `ratings[i].field`.
   */
  async putRatings(
    ecosystemId: string,
    candidate: string,
    rater: string,
    input: { ratings: unknown[]; visibility?: d.DiscoverVisibility | undefined },
    audit?: AuditContext,
  ): Promise<Rating[]> {
    const problems: Problem[] = [];
    const fresh: Rating[] = [];
    input.ratings.forEach((raw, i) => {
      const r = d.DiscoverRatingSchema.safeParse(
        raw && typeof raw === 'object' && !Array.isArray(raw)
          ? { ...raw, candidate, rater, ...(input.visibility ? { visibility: input.visibility } : {}) }
          : raw,
      );
      if (!r.success) problems.push(...problemsFromZod(r.error.issues, ['ratings', i]));
      else fresh.push(r.data);
    });
    if (problems.length) throw new ValidationError(problems);
    let others = 0;
    return this.change(
      ecosystemId,
      (cur) => {
        const mine = (r: Rating) => r.candidate === candidate && r.rater === rater;
        const before = cur.ratings.filter(mine);
        const kept = cur.ratings.filter((r) => !mine(r));
        others = kept.length;
        const next: Section = { ...cur, ratings: [...kept, ...fresh] };
        return {
          next,
          result: () => fresh,
          audit: {
            action: 'discover.ratings.put',
            entity: 'discover.ratings',
            entityId: `${candidate}/${rater}`,
            before,
            after: fresh,
          },
        };
      },
      audit,
      // A problem in one of the new ratings is reported at ratings[i] of the request.
      (p) =>
        p[1] === 'ratings' && typeof p[2] === 'number' && p[2] >= others
          ? ['ratings', p[2] - others, ...p.slice(3)]
          : p,
    );
  }

  // ---- the pipeline ------------------------------------------------------------------------

  private async pipelineChange(
    ecosystemId: string,
    candidate: string,
    apply: (entry: Entry | undefined, cur: Section, tx: Queryable) => Applied | Promise<Applied>,
    audit?: AuditContext,
    ifMatch?: number,
  ): Promise<PipelineItem> {
    let index = -1;
    return this.change(
      ecosystemId,
      async (cur, tx) => {
        const i = cur.pipeline.findIndex((e) => e.candidate === candidate);
        const before = i >= 0 ? cur.pipeline[i] : undefined;
        if (before && ifMatch !== undefined) {
          const v = await tx.query<{ version: number }>(
            `select version from ecosystem_records where ecosystem_id = $1 and section = '${S.pipeline}' and key = $2`,
            [ecosystemId, candidate],
          );
          if (v[0] && v[0].version !== ifMatch) {
            throw new StoreError(
              'precondition_failed',
              `the pipeline entry of "${candidate}" was changed by someone else (version ${v[0].version}, you sent ${ifMatch}); reload it`,
              { version: v[0].version },
            );
          }
        }
        let applied: Applied;
        try {
          applied = await apply(before, cur, tx);
        } catch (e) {
          pipelineError(e);
        }
        const pipeline = [...cur.pipeline];
        if (i >= 0) pipeline[i] = applied.entry;
        else pipeline.push(applied.entry);
        if (applied.extra) await applied.extra(tx);
        index = i >= 0 ? i : pipeline.length - 1;
        return {
          next: { ...cur, pipeline },
          result: (t) => this.pipelineItem(t, ecosystemId, candidate),
          audit: {
            action: applied.action,
            entity: 'discover.pipeline',
            entityId: candidate,
            before: before ?? null,
            after: applied.entry,
          },
        };
      },
      audit,
      // A problem of the entry itself is reported at its field (`candidate`, `partnership`).
      (p) => (p[0] === 'discover' && p[1] === 'pipeline' && p[2] === index ? p.slice(3) : p),
    );
  }

  private async pipelineItem(q: Queryable, ecosystemId: string, candidate: string): Promise<PipelineItem> {
    const rows = await q.query<{ data: Entry; version: number }>(
      `select data, version from ecosystem_records where ecosystem_id = $1 and section = '${S.pipeline}' and key = $2`,
      [ecosystemId, candidate],
    );
    const r = rows[0];
    if (!r) throw new StoreError('not_found', `"${candidate}" has no pipeline entry`);
    return { entry: r.data, version: r.version, allowed: d.allowedTransitions(r.data) };
  }

  /** Every pipeline entry with its version and the moves it allows, in pipeline order. */
  async pipeline(ecosystemId: string): Promise<PipelineItem[]> {
    const s = await this.section(ecosystemId);
    const versions = new Map(
      (
        await this.db.query<{ key: string; version: number }>(
          `select key, version from ecosystem_records where ecosystem_id = $1 and section = '${S.pipeline}'`,
          [ecosystemId],
        )
      ).map((r) => [r.key, r.version]),
    );
    return s.pipeline.map((entry) => ({
      entry,
      version: versions.get(entry.candidate) ?? 1,
      allowed: d.allowedTransitions(entry),
    }));
  }

  /** Adds a candidate to the pipeline (stage candidate); 409 when it already has an entry. */
  async createPipelineEntry(
    ecosystemId: string,
    candidate: string,
    action: PipelineActionInput & { owner?: string | undefined },
    audit?: AuditContext,
  ): Promise<PipelineItem> {
    return this.pipelineChange(
      ecosystemId,
      candidate,
      (entry) => {
        if (entry)
          throw new StoreError(
            'conflict',
            `"${candidate}" is already in the pipeline (stage ${entry.stage})`,
            { field: 'candidate' },
          );
        return { entry: d.createPipelineEntry(candidate, action), action: 'discover.pipeline.create' };
      },
      audit,
    );
  }

  /**
   * Moves an entry to another stage by the rules of core (a bad move is a
   * conflict naming the allowed ones; a missing note a validation problem).
   * Moving to chartered creates the partnership `charter` with the focal actor
   * and the candidate as members, in the same transaction.
   */
  async transitionPipeline(
    ecosystemId: string,
    candidate: string,
    to: d.PipelineStage,
    action: PipelineActionInput,
    charter?: PipelinePartnershipInput,
    audit?: AuditContext,
    ifMatch?: number,
  ): Promise<PipelineItem & { partnership?: string }> {
    let created: string | undefined;
    const item = await this.pipelineChange(
      ecosystemId,
      candidate,
      async (entry, cur, tx) => {
        if (!entry) throw new StoreError('not_found', `"${candidate}" has no pipeline entry`);
        if (to !== 'chartered') {
          if (charter)
            throw new ValidationError([
              {
                path: ['partnership'],
                message: 'a partnership is only created when moving to chartered',
                code: 'invalid_value',
              },
            ]);
          return { entry: d.transition(entry, to, action), action: 'discover.pipeline.transition' };
        }
        // Check the move first, so a refused move never creates a partnership.
        d.transition(entry, to, action);
        if (!cur.focal)
          throw new ValidationError([
            {
              path: ['focal'],
              message: 'set the focal actor first: the partnership is chartered between it and the candidate',
              code: 'missing',
            },
          ]);
        if (!charter)
          throw new ValidationError([
            {
              path: ['partnership'],
              message: 'give the partnership to create: {id, name, purpose?}',
              code: 'missing',
            },
          ]);
        const members = [{ actor: cur.focal, role: 'lead' }, { actor: candidate }];
        const parsed = PartnershipSchema.safeParse({
          id: charter.id,
          name: charter.name,
          ...(charter.purpose ? { purpose: charter.purpose } : {}),
          stage: charter.stage ?? 'exploring',
          members,
        });
        if (!parsed.success) throw new ValidationError(problemsFromZod(parsed.error.issues, ['partnership']));
        const p = parsed.data;
        const dup = await tx.query('select 1 from partnerships where ecosystem_id = $1 and id = $2', [
          ecosystemId,
          p.id,
        ]);
        if (dup.length > 0)
          throw new StoreError(
            'conflict',
            `a partnership with id "${p.id}" already exists; choose another id`,
            { field: 'partnership.id' },
          );
        created = p.id;
        return {
          entry: d.transition(entry, to, { ...action, partnership: p.id }),
          action: 'discover.pipeline.transition',
          extra: async (t) => {
            await t.query(
              `insert into partnerships (ecosystem_id, id, position, name, purpose, stage) values ($1, $2, (select coalesce(max(position) + 1, 0) from partnerships where ecosystem_id = $1), $3, $4, $5)`,
              [ecosystemId, p.id, p.name, p.purpose ?? null, p.stage],
            );
            for (const [i, m] of p.members.entries()) {
              await t.query(
                'insert into partnership_members (ecosystem_id, partnership_id, actor_id, position, role) values ($1, $2, $3, $4, $5)',
                [ecosystemId, p.id, m.actor, i, m.role ?? null],
              );
            }
            await writeAudit(t, audit, {
              ecosystemId,
              action: 'partnership.create',
              entity: 'partnership',
              entityId: p.id,
              before: null,
              after: { ...p, via: `discover pipeline: ${candidate} chartered` },
            });
          },
        };
      },
      audit,
      ifMatch,
    );
    return created ? { ...item, partnership: created } : item;
  }

  /** Hands an entry to another owner (null: none), recorded in its history. */
  async assignPipelineOwner(
    ecosystemId: string,
    candidate: string,
    owner: string | null,
    action: PipelineActionInput,
    audit?: AuditContext,
    ifMatch?: number,
  ): Promise<PipelineItem> {
    return this.pipelineChange(
      ecosystemId,
      candidate,
      (entry) => {
        if (!entry) throw new StoreError('not_found', `"${candidate}" has no pipeline entry`);
        return { entry: d.assignOwner(entry, owner ?? undefined, action), action: 'discover.pipeline.owner' };
      },
      audit,
      ifMatch,
    );
  }

  /** Adds a note to an entry. */
  async addPipelineNote(
    ecosystemId: string,
    candidate: string,
    action: PipelineActionInput & { note: string },
    audit?: AuditContext,
  ): Promise<PipelineItem> {
    return this.pipelineChange(
      ecosystemId,
      candidate,
      (entry) => {
        if (!entry) throw new StoreError('not_found', `"${candidate}" has no pipeline entry`);
        return { entry: d.addPipelineNote(entry, action), action: 'discover.pipeline.note' };
      },
      audit,
    );
  }

  // ---- readiness ---------------------------------------------------------------------------

  /**
   * Records (or replaces) one organization's response to the assessment of an
   * initiative or partnership, creating the assessment if needed (with `name`).
   * Problems are reported at the request's fields (`answers.<item>`, …).
   */
  async putResponse(
    ecosystemId: string,
    subject: d.AssessmentSubject,
    organization: string,
    input: {
      answers: unknown;
      answeredBy?: string | undefined;
      note?: string | undefined;
      visibility?: d.DiscoverVisibility | undefined;
      at: string;
      name?: string | undefined;
    },
    audit?: AuditContext,
  ): Promise<d.ReadinessResponse> {
    const { name, ...rest } = input;
    const parsed = d.ReadinessResponseSchema.safeParse({
      organization,
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    });
    if (!parsed.success) throw new ValidationError(problemsFromZod(parsed.error.issues));
    const response = parsed.data;
    return this.change(
      ecosystemId,
      (cur) => {
        const key = d.assessmentKey(subject);
        const readiness = [...cur.readiness];
        let i = readiness.findIndex((a) => d.assessmentKey(a.subject) === key);
        if (i < 0) {
          readiness.push({ subject, ...(name ? { name } : {}), responses: [] });
          i = readiness.length - 1;
        } else if (name && readiness[i]!.name !== name) readiness[i] = { ...readiness[i]!, name };
        const a = readiness[i]!;
        const before = a.responses.find((r) => r.organization === organization) ?? null;
        const responses = before
          ? a.responses.map((r) => (r.organization === organization ? response : r))
          : [...a.responses, response];
        readiness[i] = { ...a, responses };
        return {
          next: { ...cur, readiness },
          result: () => response,
          // The audit keeps who answered and which items, not the answers: they stay with the organization.
          audit: {
            action: 'discover.readiness.answer',
            entity: 'discover.readiness',
            entityId: `${key}/${organization}`,
            before: before ? { organization, items: Object.keys(before.answers) } : null,
            after: {
              organization,
              items: Object.keys(response.answers),
              visibility: response.visibility ?? 'private',
            },
          },
        };
      },
      audit,
      (p) =>
        p[1] === 'readiness' && p[3] === 'subject'
          ? ['subject', ...p.slice(4)]
          : p[1] === 'readiness' && p[3] === 'responses'
            ? p.slice(5)
            : p,
    );
  }
}
