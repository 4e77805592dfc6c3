/**
 * Document schemas for a partnership's pilot lists: `gates` (per-partnership
 * edits to the default gate criteria), `pilots` (hypotheses, results and the
 * go / iterate / stop decision), `lessons` (the lessons-learned log) and
 * `stageHistory` (every stage move, with the rationale of any override). They
 * sit under each partnership as optional fields with these exact names.
 */
import { z } from 'zod';
import { IdSchema, PARTNERSHIP_STAGES } from '../model/partnership-base.ts';
import type { Path, Problem } from '../model/problem.ts';
import { IsoDateSchema } from '../monitor/dates.ts';

const oneOf = (what: string, values: readonly string[]) => (issue: { input?: unknown }) =>
  `unknown ${what} ${JSON.stringify(issue.input)}; expected one of: ${values.join(', ')}`;
const Label = z
  .string({ error: 'expected a non-empty string' })
  .trim()
  .min(1, { error: 'expected a non-empty string' })
  .max(200, { error: 'expected at most 200 characters' });
const Text = (max: number) =>
  z
    .string({ error: 'expected text (a string)' })
    .trim()
    .min(1, { error: 'expected non-empty text' })
    .max(max, { error: `expected at most ${max} characters` });
const Share = z
  .number({ error: 'expected a number from 0 to 1' })
  .min(0, { error: 'expected a number from 0 to 1' })
  .max(1, { error: 'expected a number from 0 to 1' });
const Count = z
  .number({ error: 'expected a whole number' })
  .int({ error: 'expected a whole number' })
  .min(0, { error: 'expected 0 or more' });

/** Stages that have a gate into them (dissolving needs no gate; exploring is where partnerships start). */
export const GATED_STAGES = ['pilot', 'scaling', 'evolving'] as const;
export type GatedStage = (typeof GATED_STAGES)[number];

/**
 * Thresholds a gate checks against the partnership's own data. Each is optional;
 * in a partnership's `gates` entry, a number replaces the default and `null`
 * switches the default off.
 */
export const GateThresholdsSchema = z.strictObject({
  /** At least this many member organizations. */
  minMembers: Count.nullable().optional(),
  /** A charter (the rules of the game) is written down. */
  requireCharter: z.boolean({ error: 'expected true or false' }).nullable().optional(),
  /** At least this many pilots with at least one hypothesis. */
  minPilots: Count.nullable().optional(),
  /** At least this many pilots decided "go". */
  minPilotsWithGo: Count.nullable().optional(),
  /** At least this many lessons logged. */
  minLessons: Count.nullable().optional(),
  /** At least this many shared KPIs defined. */
  minKpis: Count.nullable().optional(),
  /** Share of KPIs (with measurements) on track, 0..1. */
  minKpisOnTrackShare: Share.nullable().optional(),
  /** Share of due milestones done on time, 0..1. */
  minMilestonesOnTimeShare: Share.nullable().optional(),
  /** At least this many closed health-check cycles. */
  minClosedHealthChecks: Count.nullable().optional(),
  /** Mean score (1..5) of the latest closed health check. */
  minHealthCheckMean: z
    .number({ error: 'expected a number from 1 to 5' })
    .min(1, { error: 'expected a number from 1 to 5' })
    .max(5, { error: 'expected a number from 1 to 5' })
    .nullable()
    .optional(),
  /** At most this many open disputes. */
  maxOpenDisputes: Count.nullable().optional(),
});
export type GateThresholds = z.infer<typeof GateThresholdsSchema>;

export const ChecklistItemSchema = z.strictObject({ id: IdSchema, criterion: Text(1000) });
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

/** A checklist item ticked off, with what shows it. */
export const CheckedItemSchema = z.strictObject({
  item: IdSchema,
  evidence: Text(2000).optional(),
  at: IsoDateSchema.optional(),
  by: IdSchema.optional(),
});
export type CheckedItem = z.infer<typeof CheckedItemSchema>;

/** A KPI that must have come at least `progress` (0..1) of the way from baseline to target. */
export const KpiTargetSchema = z.strictObject({ kpi: IdSchema, progress: Share });
export type KpiTarget = z.infer<typeof KpiTargetSchema>;

/** This partnership's gate into stage `to`: edits to the defaults, and the checklist items met so far. */
export const GateSchema = z.strictObject({
  to: z.enum(GATED_STAGES, { error: oneOf('gated stage', GATED_STAGES) }),
  /** Replaces the default checklist when given. */
  checklist: z.array(ChecklistItemSchema).optional(),
  /** Merged over the default thresholds. */
  thresholds: GateThresholdsSchema.optional(),
  /** Per-KPI thresholds, in addition to the aggregate ones. */
  kpiTargets: z.array(KpiTargetSchema).optional(),
  /** Checklist items met (by id), with evidence. */
  met: z.array(CheckedItemSchema).optional(),
});
export type Gate = z.infer<typeof GateSchema>;

export const PILOT_STATUSES = ['planned', 'running', 'completed', 'cancelled'] as const;
export type PilotStatus = (typeof PILOT_STATUSES)[number];
export const PILOT_DECISIONS = ['go', 'iterate', 'stop'] as const;
export type PilotDecision = (typeof PILOT_DECISIONS)[number];

/** An assumption the pilot tests: how, by which metric, and the threshold that counts as success. */
export const HypothesisSchema = z.strictObject({
  assumption: Text(2000),
  test: Text(2000),
  metric: Label,
  /** The success threshold, e.g. 30 or "≥ 30% of clinics adopt". */
  threshold: z.union([z.number().finite(), Text(500)], {
    error: 'expected the success threshold as a number or text',
  }),
  result: z
    .strictObject({
      observed: z.union([z.number().finite(), Text(500)], {
        error: 'expected what was observed, as a number or text',
      }),
      met: z.boolean({ error: 'expected true or false: was the success threshold met?' }),
      note: Text(2000).optional(),
    })
    .optional(),
});
export type Hypothesis = z.infer<typeof HypothesisSchema>;

/** A small, well-defined pilot (seed 000 "Pilot and Iterate") and its go / iterate / stop decision. */
export const PilotSchema = z
  .strictObject({
    id: IdSchema,
    name: Label,
    status: z.enum(PILOT_STATUSES, { error: oneOf('pilot status', PILOT_STATUSES) }),
    description: Text(5000).optional(),
    started: IsoDateSchema.optional(),
    ended: IsoDateSchema.optional(),
    hypotheses: z.array(HypothesisSchema).default([]),
    decision: z.enum(PILOT_DECISIONS, { error: oneOf('pilot decision', PILOT_DECISIONS) }).optional(),
    decided: IsoDateSchema.optional(),
    rationale: Text(5000).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.decision !== undefined && p.rationale === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rationale'],
        message: `a "${p.decision}" decision needs a written rationale`,
      });
    }
  });
export type Pilot = z.infer<typeof PilotSchema>;

/** One entry in the lessons-learned log. */
export const LessonSchema = z.strictObject({
  id: IdSchema,
  date: IsoDateSchema,
  happened: Text(5000),
  learned: Text(5000),
  change: Text(5000),
  tags: z.array(Label).default([]),
  /** The pilot it came from, if any. */
  pilot: IdSchema.optional(),
  /** The organization that logged it. */
  by: IdSchema.optional(),
});
export type Lesson = z.infer<typeof LessonSchema>;
export type LessonInput = z.input<typeof LessonSchema>;

const StageEnum = z.enum(PARTNERSHIP_STAGES, { error: oneOf('partnership stage', PARTNERSHIP_STAGES) });

/** One stage move. `override` is there when the gate did not pass: the written rationale and the criteria not met. */
export const StageChangeSchema = z.strictObject({
  from: StageEnum,
  to: StageEnum,
  at: IsoDateSchema,
  by: IdSchema.optional(),
  override: z
    .strictObject({
      rationale: Text(5000),
      unmet: z.array(Text(1000)).optional(),
    })
    .optional(),
});
export type StageChange = z.infer<typeof StageChangeSchema>;

export const GatesSchema = z.array(GateSchema);
export const PilotsSchema = z.array(PilotSchema);
export const LessonsSchema = z.array(LessonSchema);
export const StageHistorySchema = z.array(StageChangeSchema);

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

function duplicates(list: unknown, field: string, what: string, base: Path): Problem[] {
  const seen = new Map<string, number>();
  const out: Problem[] = [];
  arr(list).forEach((item, i) => {
    const id = isObj(item) && typeof item[field] === 'string' ? item[field] : undefined;
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) {
      out.push({
        path: [...base, i, field],
        message: `duplicate ${what} "${id}" (first used at ${String(base.at(-1))}[${first}])`,
        code: 'duplicate_id',
      });
    } else seen.set(id, i);
  });
  return out;
}

/**
 * Cross-reference checks for the pilot lists of one partnership (paths relative
 * to it): duplicate ids; gate entries for the same stage twice; `met` items not
 * on the gate's checklist (the default one unless replaced); kpiTargets naming
 * unknown KPIs; lessons naming unknown pilots; `by` fields naming unknown actors.
 */
export function checkPilotReferences(
  partnership: unknown,
  _memberIds: ReadonlySet<string>,
  actorIds: ReadonlySet<string>,
): Problem[] {
  if (!isObj(partnership)) return [];
  const problems: Problem[] = [
    ...duplicates(partnership.gates, 'to', 'gate for stage', ['gates']),
    ...duplicates(partnership.pilots, 'id', 'pilot id', ['pilots']),
    ...duplicates(partnership.lessons, 'id', 'lesson id', ['lessons']),
  ];
  const kpiIds = new Set(
    arr(partnership.kpis).flatMap((k) => (isObj(k) && typeof k.id === 'string' ? [k.id] : [])),
  );
  const pilotIds = new Set(
    arr(partnership.pilots).flatMap((p) => (isObj(p) && typeof p.id === 'string' ? [p.id] : [])),
  );
  const unknownActor = (id: unknown, path: Path) => {
    if (typeof id === 'string' && !actorIds.has(id))
      problems.push({ path, message: `unknown actor id "${id}"`, code: 'unknown_reference' });
  };
  arr(partnership.gates).forEach((g, i) => {
    if (!isObj(g)) return;
    problems.push(...duplicates(g.checklist, 'id', 'checklist item', ['gates', i, 'checklist']));
    const items = Array.isArray(g.checklist)
      ? g.checklist.flatMap((c) => (isObj(c) && typeof c.id === 'string' ? [c.id] : []))
      : (DEFAULT_CHECKLIST_IDS[g.to as GatedStage] ?? []);
    arr(g.met).forEach((m, j) => {
      if (!isObj(m)) return;
      if (typeof m.item === 'string' && !items.includes(m.item)) {
        problems.push({
          path: ['gates', i, 'met', j, 'item'],
          message: `"${m.item}" is not on this gate's checklist; expected one of: ${items.join(', ') || '(empty checklist)'}`,
          code: 'unknown_reference',
        });
      }
      unknownActor(m.by, ['gates', i, 'met', j, 'by']);
    });
    arr(g.kpiTargets).forEach((t, j) => {
      if (isObj(t) && typeof t.kpi === 'string' && !kpiIds.has(t.kpi)) {
        problems.push({
          path: ['gates', i, 'kpiTargets', j, 'kpi'],
          message: `unknown KPI id "${t.kpi}"`,
          code: 'unknown_reference',
        });
      }
    });
  });
  arr(partnership.lessons).forEach((l, i) => {
    if (!isObj(l)) return;
    if (typeof l.pilot === 'string' && !pilotIds.has(l.pilot)) {
      problems.push({
        path: ['lessons', i, 'pilot'],
        message: `unknown pilot id "${l.pilot}"`,
        code: 'unknown_reference',
      });
    }
    unknownActor(l.by, ['lessons', i, 'by']);
  });
  arr(partnership.stageHistory).forEach((s, i) => {
    if (isObj(s)) unknownActor(s.by, ['stageHistory', i, 'by']);
  });
  return problems;
}

/**
 * Ids of the default checklist items per gated stage (the criteria themselves
 * live in gates.ts); kept here so reference checks need not load the gate logic.
 */
export const DEFAULT_CHECKLIST_IDS: Record<GatedStage, readonly string[]> = {
  pilot: ['shared-purpose', 'complementary-capabilities', 'rules-of-the-game', 'pilot-scoped'],
  scaling: ['model-validated', 'processes-refined', 'trust-built'],
  evolving: ['monitoring-in-place', 'balance-reviewed', 'roles-adjusted'],
};
