/**
 * Partner selection criteria (seed 000, "Partner Identification and Alignment":
 * criteria that "go beyond purely financial or technical considerations to
 * include alignment on values, culture, and long-term vision").
 *
 * A criterion is either computed from the map (complementarity, values, clock)
 * or rated 1–5 by people. Weights are relative: only their ratios matter, and the
 * defaults add up to 100 so each reads as a percentage.
 */
import { z } from 'zod';
import { IdSchema } from '../model/partnership-base.ts';
import type { Problem } from '../model/problem.ts';

/** Where a criterion's value comes from. */
export const CRITERION_SOURCES = ['computed', 'rated'] as const;
export type CriterionSource = (typeof CRITERION_SOURCES)[number];

/** The criteria Valueweb can compute from the map (see computed.ts). */
export const COMPUTED_CRITERIA = ['complementarity', 'values', 'clock'] as const;
export type ComputedCriterion = (typeof COMPUTED_CRITERIA)[number];

export const CriterionSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().trim().min(1, { error: 'expected a non-empty name' }).max(200),
    description: z.string().max(1000).default(''),
    weight: z
      .number({ error: 'expected a weight (a number)' })
      .finite({ error: 'expected a finite weight' })
      .min(0, { error: 'expected a weight of 0 or more' }),
    source: z.enum(CRITERION_SOURCES, { error: `expected source: ${CRITERION_SOURCES.join(' or ')}` }),
    computed: z
      .enum(COMPUTED_CRITERIA, { error: `expected computed: one of ${COMPUTED_CRITERIA.join(', ')}` })
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (c.source === 'computed' && c.computed === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['computed'],
        message: `a computed criterion needs computed: one of ${COMPUTED_CRITERIA.join(', ')}`,
      });
    }
    if (c.source === 'rated' && c.computed !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['computed'],
        message: 'a rated criterion takes no computed field',
      });
    }
  });

/** One selection criterion with its weight. */
export type Criterion = z.infer<typeof CriterionSchema>;
/** A criterion as written by hand (description optional). */
export type CriterionInput = z.input<typeof CriterionSchema>;

/** The six criteria of seed 000, with default weights summing to 100. */
export const DEFAULT_CRITERIA: readonly Criterion[] = Object.freeze([
  {
    id: 'complementarity',
    name: 'Capability complementarity',
    description: 'How far the candidate covers our needs and we cover its needs, computed from the map.',
    weight: 30,
    source: 'computed',
    computed: 'complementarity',
  },
  {
    id: 'values',
    name: 'Values alignment',
    description:
      'How much the stated values of the candidate and our organization overlap, computed from the map.',
    weight: 20,
    source: 'computed',
    computed: 'values',
  },
  {
    id: 'culture',
    name: 'Culture',
    description: 'How well our ways of working, deciding and building trust fit together, rated 1–5.',
    weight: 15,
    source: 'rated',
  },
  {
    id: 'vision',
    name: 'Long-term vision',
    description: 'Whether the candidate shares a durable commitment to the partnership’s purpose, rated 1–5.',
    weight: 15,
    source: 'rated',
  },
  {
    id: 'financial',
    name: 'Financial strength',
    description:
      'Whether the candidate can sustain its contributions over the life of the partnership, rated 1–5.',
    weight: 10,
    source: 'rated',
  },
  {
    id: 'clock',
    name: 'Clock fit',
    description:
      'How close the candidate’s planning cadence and fiscal year are to ours, computed from the map.',
    weight: 10,
    source: 'computed',
    computed: 'clock',
  },
] satisfies Criterion[]);

export type CriteriaValidation =
  { ok: true; criteria: Criterion[]; problems: [] } | { ok: false; problems: Problem[] };

/**
 * Checks a list of criteria: each well-formed, weights ≥ 0 and not all zero,
 * ids unique, at least one criterion. Every problem is reported with its path.
 */
export function validateCriteria(input: unknown): CriteriaValidation {
  const parsed = z.array(CriterionSchema, { error: 'expected a list of criteria' }).safeParse(input);
  const problems: Problem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({
        path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message:
          issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue.message,
        code: issue.code === 'unrecognized_keys' ? 'unknown_field' : 'invalid_value',
      });
    }
  }
  // Duplicate ids and the all-zero check run on the raw input too, so they show next to schema problems.
  const raw = Array.isArray(input) ? (input as unknown[]) : [];
  if (Array.isArray(input) && raw.length === 0) {
    problems.push({ path: [], message: 'expected at least one criterion', code: 'empty' });
  }
  const seen = new Map<string, number>();
  let positive = 0;
  let weighted = 0;
  raw.forEach((c, i) => {
    if (typeof c !== 'object' || c === null) return;
    const { id, weight } = c as { id?: unknown; weight?: unknown };
    if (typeof id === 'string') {
      const first = seen.get(id);
      if (first !== undefined) {
        problems.push({
          path: [i, 'id'],
          message: `duplicate criterion id "${id}" (first used at [${first}])`,
          code: 'duplicate_id',
        });
      } else seen.set(id, i);
    }
    if (typeof weight === 'number' && Number.isFinite(weight)) {
      weighted++;
      if (weight > 0) positive++;
    }
  });
  if (raw.length > 0 && weighted === raw.length && positive === 0) {
    problems.push({
      path: [],
      message: 'all criterion weights are zero; give at least one criterion a positive weight',
      code: 'all_weights_zero',
    });
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, criteria: parsed.data, problems: [] };
}
