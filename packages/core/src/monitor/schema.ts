/**
 * Document schemas for a partnership's monitoring lists: `milestones`, `kpis`
 * (with their measurements) and `healthChecks`. They sit under each partnership
 * in the ecosystem document, as optional fields with these exact names. The
 * schemas check each entry on its own; `checkMonitoringReferences` checks what a
 * schema cannot see (ids pointing nowhere, duplicates, cycles).
 */
import { z } from 'zod';
import { IdSchema } from '../model/partnership-base.ts';
import type { Path, Problem } from '../model/problem.ts';
import { IsoDateSchema, isIsoDate } from './dates.ts';
import { DEFAULT_TEMPLATE } from './health-check.ts';
import { checkPilotReferences } from '../pilot/schema.ts';

const oneOf = (what: string, values: readonly string[]) => (issue: { input?: unknown }) =>
  `unknown ${what} ${JSON.stringify(issue.input)}; expected one of: ${values.join(', ')}`;
const Label = z
  .string({ error: 'expected a non-empty string' })
  .trim()
  .min(1, { error: 'expected a non-empty string' })
  .max(200, { error: 'expected at most 200 characters' });
const Text = (max: number) =>
  z.string({ error: 'expected text (a string)' }).max(max, { error: `expected at most ${max} characters` });
const FiniteNumber = z.number({ error: 'expected a number' }).finite({ error: 'expected a finite number' });

/** Milestone statuses. `slipped` = known to be late; a planned or in-progress milestone past its due date also counts as late. */
export const MILESTONE_STATUSES = ['planned', 'in-progress', 'done', 'slipped', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** One step on the partnership's roadmap, with the value it delivers (seed 002: "staged milestones with clear value at each step"). */
export const MilestoneSchema = z.strictObject({
  id: IdSchema,
  name: Label,
  /** The actor (organization) that owns the step. */
  owner: IdSchema,
  due: IsoDateSchema,
  status: z.enum(MILESTONE_STATUSES, { error: oneOf('milestone status', MILESTONE_STATUSES) }),
  /** When it was done. */
  completed: IsoDateSchema.optional(),
  /** The value delivered at this step. */
  value: Text(2000).optional(),
  description: Text(5000).optional(),
  /** Milestones of this partnership that must be done first. */
  dependsOn: z.array(IdSchema).optional(),
  /** Member organizations whose decision the step needs (checked against their planning clocks). */
  decisionBy: z.array(IdSchema).optional(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const KPI_DIRECTIONS = ['increase', 'decrease'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

export const MeasurementSchema = z.strictObject({
  date: IsoDateSchema,
  value: FiniteNumber,
  note: Text(1000).optional(),
});
export type Measurement = z.infer<typeof MeasurementSchema>;

/** A shared goal with a number: from `baseline` to `target` by `targetDate`, measured over time. */
export const KpiSchema = z.strictObject({
  id: IdSchema,
  name: Label,
  unit: z.string().trim().max(50, { error: 'expected at most 50 characters' }).optional(),
  description: Text(5000).optional(),
  baseline: FiniteNumber,
  /** When the baseline was measured; it then counts as the first point of the trend. */
  baselineDate: IsoDateSchema.optional(),
  target: FiniteNumber,
  direction: z.enum(KPI_DIRECTIONS, { error: oneOf('KPI direction', KPI_DIRECTIONS) }),
  targetDate: IsoDateSchema,
  measurements: z.array(MeasurementSchema).default([]),
});
export type Kpi = z.infer<typeof KpiSchema>;
export type KpiInput = z.input<typeof KpiSchema>;

/** One organization's score on one dimension, 1 (poor) to 5 (excellent). */
export const HealthCheckAnswerSchema = z.strictObject({
  organization: IdSchema,
  dimension: IdSchema,
  score: z
    .number({ error: 'expected a score from 1 to 5' })
    .int({ error: 'expected a whole-number score from 1 to 5' })
    .min(1, {
      error: (iss) => `score ${String(iss.input)} is out of range: expected 1 (poor) to 5 (excellent)`,
    })
    .max(5, {
      error: (iss) => `score ${String(iss.input)} is out of range: expected 1 (poor) to 5 (excellent)`,
    }),
  comment: Text(5000).optional(),
});
export type HealthCheckAnswer = z.infer<typeof HealthCheckAnswerSchema>;

export const HealthCheckDimensionSchema = z.strictObject({
  id: IdSchema,
  name: Label.optional(),
  prompt: Text(1000).optional(),
});

/**
 * One health-check cycle: sent to every member organization when `opened`,
 * answers private until `closed`. `dimensions` replaces the default template's six.
 */
export const HealthCheckSchema = z.strictObject({
  id: IdSchema,
  opened: IsoDateSchema,
  closed: IsoDateSchema.optional(),
  dimensions: z
    .array(HealthCheckDimensionSchema)
    .min(1, { error: 'expected at least one dimension' })
    .optional(),
  answers: z.array(HealthCheckAnswerSchema).default([]),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;
export type HealthCheckInput = z.input<typeof HealthCheckSchema>;

export const MilestonesSchema = z.array(MilestoneSchema);
export const KpisSchema = z.array(KpiSchema);
export const HealthChecksSchema = z.array(HealthCheckSchema);

/** A measurement given apart from its KPI (an import row or an API call): `{kpi, date, value}`. */
export const MeasurementRecordSchema = z.strictObject({
  kpi: IdSchema,
  date: IsoDateSchema,
  value: FiniteNumber,
  note: Text(1000).optional(),
});
export type MeasurementRecord = z.infer<typeof MeasurementRecordSchema>;

/**
 * Adds measurement records to their KPIs (returning new KPI objects). A record
 * for an unknown KPI or dated the same day as an existing measurement is a
 * problem at `[index, 'kpi' | 'date']`; nothing is added when there is any.
 */
export function attachMeasurements(
  kpis: readonly Kpi[],
  records: readonly MeasurementRecord[],
): { kpis: Kpi[]; problems: Problem[] } {
  const byId = new Map(kpis.map((k) => [k.id, { ...k, measurements: [...k.measurements] }]));
  const problems: Problem[] = [];
  records.forEach((r, i) => {
    const kpi = byId.get(r.kpi);
    if (!kpi) {
      const known = kpis.map((k) => k.id);
      problems.push({
        path: [i, 'kpi'],
        message: `unknown KPI id "${r.kpi}"${known.length ? `; known KPIs: ${known.join(', ')}` : '; this partnership has no KPIs'}`,
        code: 'unknown_reference',
      });
      return;
    }
    if (kpi.measurements.some((m) => m.date === r.date)) {
      problems.push({
        path: [i, 'date'],
        message: `KPI "${r.kpi}" already has a measurement dated ${r.date}`,
        code: 'duplicate_id',
      });
      return;
    }
    kpi.measurements.push({
      date: r.date,
      value: r.value,
      ...(r.note !== undefined ? { note: r.note } : {}),
    });
  });
  if (problems.length) return { kpis: [...kpis], problems };
  const out = [...byId.values()];
  for (const k of out) k.measurements.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { kpis: out, problems };
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/** Reports the second and later uses of an id in a list. */
function duplicateIds(list: unknown, field: string, what: string, base: Path): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  arr(list).forEach((item, i) => {
    const id = isObj(item) ? str(item[field]) : undefined;
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({
        path: [...base, i, field],
        message: `duplicate ${what} id "${id}" (first used at ${String(base.at(-1))}[${first}])`,
        code: 'duplicate_id',
      });
    } else seen.set(id, i);
  });
  return problems;
}

function milestoneProblems(
  milestones: unknown,
  memberIds: ReadonlySet<string>,
  actorIds: ReadonlySet<string>,
): Problem[] {
  const problems = duplicateIds(milestones, 'id', 'milestone', ['milestones']);
  const ids = new Set(arr(milestones).flatMap((m) => (isObj(m) && typeof m.id === 'string' ? [m.id] : [])));
  const deps = new Map<string, string[]>();
  arr(milestones).forEach((m, i) => {
    if (!isObj(m)) return;
    const owner = str(m.owner);
    if (owner !== undefined && !actorIds.has(owner)) {
      problems.push({
        path: ['milestones', i, 'owner'],
        message: `unknown actor id "${owner}" as milestone owner`,
        code: 'unknown_reference',
      });
    }
    arr(m.dependsOn).forEach((d, j) => {
      if (typeof d !== 'string') return;
      if (d === m.id) {
        problems.push({
          path: ['milestones', i, 'dependsOn', j],
          message: `milestone "${d}" cannot depend on itself`,
          code: 'invalid_value',
        });
      } else if (!ids.has(d)) {
        problems.push({
          path: ['milestones', i, 'dependsOn', j],
          message: `unknown milestone id "${d}" in dependsOn`,
          code: 'unknown_reference',
        });
      }
    });
    arr(m.decisionBy).forEach((d, j) => {
      if (typeof d === 'string' && !memberIds.has(d)) {
        problems.push({
          path: ['milestones', i, 'decisionBy', j],
          message: `"${d}" is not a member of this partnership (decisionBy lists member organizations)`,
          code: 'unknown_reference',
        });
      }
    });
    if (m.completed !== undefined && m.status !== undefined && m.status !== 'done') {
      problems.push({
        path: ['milestones', i, 'completed'],
        message: `completed is set but status is ${JSON.stringify(m.status)}; set status: done or remove completed`,
        code: 'invalid_value',
      });
    }
    if (typeof m.id === 'string' && !deps.has(m.id))
      deps.set(
        m.id,
        arr(m.dependsOn).filter((d): d is string => typeof d === 'string' && d !== m.id && ids.has(d)),
      );
  });
  const cycle = findCycle(deps);
  if (cycle) {
    const i = arr(milestones).findIndex((m) => isObj(m) && m.id === cycle[0]);
    problems.push({
      path: ['milestones', i, 'dependsOn'],
      message: `milestones depend on each other in a cycle: ${cycle.join(' → ')}`,
      code: 'invalid_value',
    });
  }
  return problems;
}

/** A dependency cycle as a list of ids (first id repeated at the end), or undefined. */
function findCycle(deps: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = finished
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 1);
    stack.push(id);
    for (const d of deps.get(id) ?? []) {
      if (state.get(d) === 1) return [...stack.slice(stack.indexOf(d)), d];
      if (state.get(d) === undefined) {
        const c = visit(d);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(id, 2);
    return undefined;
  };
  for (const id of deps.keys()) {
    if (state.get(id) === undefined) {
      const c = visit(id);
      if (c) return c;
    }
  }
  return undefined;
}

function kpiProblems(kpis: unknown): Problem[] {
  const problems = duplicateIds(kpis, 'id', 'KPI', ['kpis']);
  arr(kpis).forEach((k, i) => {
    if (!isObj(k)) return;
    const { baseline, target, direction } = k;
    if (typeof baseline === 'number' && typeof target === 'number' && baseline !== target) {
      if (
        (direction === 'increase' && target < baseline) ||
        (direction === 'decrease' && target > baseline)
      ) {
        problems.push({
          path: ['kpis', i, 'direction'],
          message: `direction is "${direction}" but target ${target} is ${target < baseline ? 'below' : 'above'} baseline ${baseline}`,
          code: 'invalid_value',
        });
      }
    }
    const dates = new Map<string, number>();
    arr(k.measurements).forEach((m, j) => {
      const date = isObj(m) ? str(m.date) : undefined;
      if (date === undefined) return;
      const first = dates.get(date);
      if (first !== undefined) {
        problems.push({
          path: ['kpis', i, 'measurements', j, 'date'],
          message: `two measurements dated ${date} (measurements[${first}] and [${j}]); keep one per day`,
          code: 'duplicate_id',
        });
      } else dates.set(date, j);
    });
  });
  return problems;
}

function healthCheckProblems(healthChecks: unknown, memberIds: ReadonlySet<string>): Problem[] {
  const problems = duplicateIds(healthChecks, 'id', 'health-check cycle', ['healthChecks']);
  const defaultDims = DEFAULT_TEMPLATE.dimensions.map((d) => d.id);
  arr(healthChecks).forEach((h, i) => {
    if (!isObj(h)) return;
    const opened = str(h.opened);
    const closed = str(h.closed);
    if (
      opened !== undefined &&
      closed !== undefined &&
      isIsoDate(opened) &&
      isIsoDate(closed) &&
      closed < opened
    ) {
      problems.push({
        path: ['healthChecks', i, 'closed'],
        message: `closed ${closed} is before opened ${opened}`,
        code: 'invalid_value',
      });
    }
    problems.push(...duplicateIds(h.dimensions, 'id', 'dimension', ['healthChecks', i, 'dimensions']));
    const dims = Array.isArray(h.dimensions)
      ? arr(h.dimensions).flatMap((d) => (isObj(d) && typeof d.id === 'string' ? [d.id] : []))
      : defaultDims;
    const seen = new Map<string, number>();
    arr(h.answers).forEach((a, j) => {
      if (!isObj(a)) return;
      const org = str(a.organization);
      const dim = str(a.dimension);
      if (org !== undefined && !memberIds.has(org)) {
        problems.push({
          path: ['healthChecks', i, 'answers', j, 'organization'],
          message: `"${org}" is not a member organization of this partnership`,
          code: 'unknown_reference',
        });
      }
      if (dim !== undefined && !dims.includes(dim)) {
        problems.push({
          path: ['healthChecks', i, 'answers', j, 'dimension'],
          message: `unknown dimension "${dim}"; expected one of: ${dims.join(', ')}`,
          code: 'unknown_reference',
        });
      }
      if (org !== undefined && dim !== undefined) {
        const key = `${org}\u0000${dim}`;
        const first = seen.get(key);
        if (first !== undefined) {
          problems.push({
            path: ['healthChecks', i, 'answers', j],
            message: `"${org}" already answered "${dim}" in this cycle (answers[${first}])`,
            code: 'duplicate_id',
          });
        } else seen.set(key, j);
      }
    });
  });
  return problems;
}

/**
 * Cross-reference checks for the monitoring and pilot lists of one partnership
 * (raw input or parsed; entries of the wrong shape are skipped, the schema
 * reports those). Paths are relative to the partnership, e.g.
 * ['kpis', 0, 'measurements', 3, 'date']. Covers: milestone owners (actors),
 * dependsOn (milestones of this partnership, no cycles), decisionBy (members),
 * duplicate ids, a KPI direction that contradicts its baseline and target,
 * two measurements of one KPI on the same day, health-check answers from
 * non-members or on unknown dimensions or given twice, and the pilot module's
 * references (gates, pilots, lessons, stage history; see checkPilotReferences).
 */
export function checkMonitoringReferences(
  partnership: unknown,
  memberIds: Iterable<string>,
  actorIds: Iterable<string>,
): Problem[] {
  if (!isObj(partnership)) return [];
  const members = new Set(memberIds);
  const actors = new Set(actorIds);
  return [
    ...milestoneProblems(partnership.milestones, members, actors),
    ...kpiProblems(partnership.kpis),
    ...healthCheckProblems(partnership.healthChecks, members),
    ...checkPilotReferences(partnership, members, actors),
  ];
}

/**
 * The same checks for every partnership of a document, with paths from the
 * document root; fits `registerDocumentCheck`.
 */
export function monitoringDocumentCheck(doc: {
  actors: readonly { id: string }[];
  partnerships: readonly unknown[];
}): Problem[] {
  const actorIds = doc.actors.map((a) => a.id);
  return doc.partnerships.flatMap((p, i) => {
    const memberIds = isObj(p)
      ? arr(p.members).flatMap((m) => (isObj(m) && typeof m.actor === 'string' ? [m.actor] : []))
      : [];
    return checkMonitoringReferences(p, memberIds, actorIds).map((pr) => ({
      ...pr,
      path: ['partnerships', i, ...pr.path],
    }));
  });
}
