/**
 * The `discover` section of the ecosystem document: partner selection as code.
 *
 * - `criteria`: the ecosystem's selection criteria with their weights (absent:
 *   the six defaults of seed 000, see criteria.ts);
 * - `focal`: the actor we select partners for;
 * - `ratings`: one rater organization's 1–5 score of one candidate on one rated
 *   criterion, with a note; private to the rater's organization (and the
 *   orchestrators) unless `visibility: ecosystem`;
 * - `pipeline`: one entry per candidate on its way from first idea to a
 *   chartered partnership (pipeline.ts);
 * - `readiness`: alliance readiness assessments (seed 001, readiness.ts) of an
 *   initiative or a partnership, with each organization's responses, private
 *   to it (and the orchestrators) unless shared.
 *
 * The cross-references a schema cannot see are checked by `discoverProblems`,
 * which model/validate.ts runs with the document's other checks. This file
 * imports only leaf modules so model/document.ts can import it without a cycle.
 */
import { z } from 'zod';
import { IdSchema, Label, Text } from '../model/partnership-base.ts';
import type { Path, Problem } from '../model/problem.ts';
import { CriterionSchema, DEFAULT_CRITERIA, validateCriteria } from './criteria.ts';
import { PipelineEntrySchema } from './pipeline.ts';
import { MAP_SIGNALS, READINESS_ANSWERS, READINESS_ITEMS, type AssessmentItemId } from './readiness.ts';

/** Who may see a rating or a readiness response: its organization and the orchestrators, or everyone in the ecosystem. */
export const DISCOVER_VISIBILITIES = ['private', 'ecosystem'] as const;
export type DiscoverVisibility = (typeof DISCOVER_VISIBILITIES)[number];

const Visibility = z.enum(DISCOVER_VISIBILITIES, {
  error: (issue) =>
    `unknown visibility ${JSON.stringify(issue.input)}; expected private (the organization and the orchestrators) or ecosystem (everyone)`,
});

const Timestamp = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 date-time, e.g. 2026-03-01T09:00:00Z',
});

export const DiscoverRatingSchema = z.strictObject({
  /** The candidate organization (an actor id). */
  candidate: IdSchema,
  /** A rated criterion of `criteria`. */
  criterion: IdSchema,
  /** The rating organization (an actor id). */
  rater: IdSchema,
  score: z
    .number({ error: 'expected a score from 1 to 5' })
    .int({ error: 'expected a whole score from 1 to 5' })
    .min(1, { error: 'expected a score from 1 to 5' })
    .max(5, { error: 'expected a score from 1 to 5' }),
  note: Text(2000).optional(),
  /** Default private. */
  visibility: Visibility.optional(),
});
/** One organization's rating of a candidate on a criterion. */
export type DiscoverRating = z.infer<typeof DiscoverRatingSchema>;

export const ASSESSMENT_SUBJECTS = ['initiative', 'partnership'] as const;
export type AssessmentSubjectKind = (typeof ASSESSMENT_SUBJECTS)[number];

const ITEM_IDS = [...MAP_SIGNALS, ...READINESS_ITEMS].map((i) => i.id) as [
  AssessmentItemId,
  ...AssessmentItemId[],
];

export const ReadinessResponseSchema = z.strictObject({
  /** The answering organization (an actor id). */
  organization: IdSchema,
  /** Item id (a map signal or a readiness item) → yes, partly or no; unanswered items are left out. */
  answers: z.partialRecord(
    z.enum(ITEM_IDS, {
      error: (i) => `unknown item ${JSON.stringify(i.input)}; expected one of: ${ITEM_IDS.join(', ')}`,
    }),
    z.enum(READINESS_ANSWERS, {
      error: (i) => `unknown answer ${JSON.stringify(i.input)}; expected yes, partly or no`,
    }),
  ),
  /** Who answered (a person). */
  answeredBy: Label.optional(),
  at: Timestamp.optional(),
  note: Text(2000).optional(),
  /** Default private. */
  visibility: Visibility.optional(),
});
/** One organization's answers in an assessment. */
export type ReadinessResponse = z.infer<typeof ReadinessResponseSchema>;

export const AssessmentSubjectSchema = z.strictObject({
  kind: z.enum(ASSESSMENT_SUBJECTS, { error: 'expected kind: initiative or partnership' }),
  /** A partnership id, or any id naming the initiative. */
  id: IdSchema,
});
export type AssessmentSubject = z.infer<typeof AssessmentSubjectSchema>;

export const ReadinessAssessmentSchema = z.strictObject({
  subject: AssessmentSubjectSchema,
  /** A display name (an initiative has no other). */
  name: Label.optional(),
  responses: z.array(ReadinessResponseSchema).default([]),
});
export type ReadinessAssessment = z.infer<typeof ReadinessAssessmentSchema>;

export const DiscoverSchema = z.strictObject({
  /** The ecosystem's selection criteria (absent: the defaults of seed 000). */
  criteria: z.array(CriterionSchema).optional(),
  /** The actor partners are selected for. */
  focal: IdSchema.optional(),
  ratings: z.array(DiscoverRatingSchema).default([]),
  pipeline: z.array(PipelineEntrySchema).default([]),
  readiness: z.array(ReadinessAssessmentSchema).default([]),
});
/** The validated `discover` section. */
export type DiscoverSection = z.infer<typeof DiscoverSchema>;
export type DiscoverSectionInput = z.input<typeof DiscoverSchema>;

/** The key of an assessment: its subject, as `kind:id`. */
export const assessmentKey = (s: AssessmentSubject): string => `${s.kind}:${s.id}`;

/** The criteria in force: the section's own, or the defaults. */
export function criteriaOf(discover: Pick<DiscoverSection, 'criteria'> | undefined) {
  return discover?.criteria ?? [...DEFAULT_CRITERIA];
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

function idsOf(list: unknown): Set<string> {
  const out = new Set<string>();
  for (const x of arr(list)) if (isObj(x) && typeof x.id === 'string') out.add(x.id);
  return out;
}

/**
 * The cross-references of the `discover` section, on the raw document (entries
 * of the wrong shape are skipped; the schema reports those): the focal actor,
 * candidates, raters and answering organizations are actors; a rating names a
 * rated criterion of the criteria in force, once per candidate, criterion and
 * rater; criterion ids are unique and not all weights zero; one pipeline entry
 * per candidate, and a chartered entry's partnership exists; one assessment per
 * subject, a partnership subject exists, one response per organization.
 */
export function discoverProblems(raw: unknown): Problem[] {
  if (!isObj(raw) || !isObj(raw.discover)) return [];
  const d = raw.discover;
  const actors = idsOf(raw.actors);
  const partnerships = idsOf(raw.partnerships);
  const problems: Problem[] = [];
  const push = (path: Path, message: string, code: string) =>
    problems.push({ path: ['discover', ...path], message, code });
  const knownActor = (id: unknown, path: Path, what: string) => {
    const s = str(id);
    if (s !== undefined && !actors.has(s))
      push(path, `unknown actor id "${s}" in ${what}`, 'unknown_reference');
  };

  knownActor(d.focal, ['focal'], 'discover.focal');

  // Criteria: the list-level checks (duplicates, all weights zero, empty); the schema checks each item.
  let criteria: { id: string; source?: unknown; name?: unknown }[] = [...DEFAULT_CRITERIA];
  if (d.criteria !== undefined) {
    const checked = validateCriteria(d.criteria);
    if (!checked.ok) {
      for (const p of checked.problems) {
        if (p.code === 'duplicate_id' || p.code === 'all_weights_zero' || p.code === 'empty')
          push(['criteria', ...p.path], p.message, p.code);
      }
    }
    criteria = arr(d.criteria).filter(
      (c): c is { id: string; source?: unknown } => isObj(c) && typeof c.id === 'string',
    );
  }
  const criterionById = new Map(criteria.map((c) => [c.id, c]));

  const ratingKeys = new Map<string, number>();
  arr(d.ratings).forEach((r, i) => {
    if (!isObj(r)) return;
    knownActor(r.candidate, ['ratings', i, 'candidate'], `discover.ratings[${i}].candidate`);
    knownActor(r.rater, ['ratings', i, 'rater'], `discover.ratings[${i}].rater`);
    const cid = str(r.criterion);
    if (cid !== undefined) {
      const c = criterionById.get(cid);
      if (!c) {
        push(
          ['ratings', i, 'criterion'],
          `unknown criterion "${cid}"; the criteria are: ${[...criterionById.keys()].join(', ')}`,
          'unknown_reference',
        );
      } else if (c.source === 'computed') {
        push(
          ['ratings', i, 'criterion'],
          `criterion "${cid}" is computed from the map, not rated; rate one of: ${criteria
            .filter((x) => x.source === 'rated')
            .map((x) => x.id)
            .join(', ')}`,
          'invalid_value',
        );
      }
    }
    if (typeof r.candidate === 'string' && cid !== undefined && typeof r.rater === 'string') {
      const key = `${r.candidate}\u0000${cid}\u0000${r.rater}`;
      const first = ratingKeys.get(key);
      if (first !== undefined) {
        push(
          ['ratings', i],
          `"${r.rater}" already rates "${r.candidate}" on "${cid}" (discover.ratings[${first}]): one rating per candidate, criterion and rater`,
          'duplicate_id',
        );
      } else ratingKeys.set(key, i);
    }
  });

  const candidates = new Map<string, number>();
  arr(d.pipeline).forEach((e, i) => {
    if (!isObj(e)) return;
    knownActor(e.candidate, ['pipeline', i, 'candidate'], `discover.pipeline[${i}].candidate`);
    const c = str(e.candidate);
    if (c !== undefined) {
      const first = candidates.get(c);
      if (first !== undefined) {
        push(
          ['pipeline', i, 'candidate'],
          `"${c}" already has a pipeline entry (discover.pipeline[${first}])`,
          'duplicate_id',
        );
      } else candidates.set(c, i);
      if (c === str(d.focal)) {
        push(
          ['pipeline', i, 'candidate'],
          `"${c}" is the focal actor (the one partners are selected for), not a candidate`,
          'invalid_value',
        );
      }
    }
    const p = str(e.partnership);
    if (p !== undefined && !partnerships.has(p)) {
      push(['pipeline', i, 'partnership'], `unknown partnership id "${p}"`, 'unknown_reference');
    }
  });

  const subjects = new Map<string, number>();
  arr(d.readiness).forEach((a, i) => {
    if (!isObj(a)) return;
    if (isObj(a.subject) && typeof a.subject.id === 'string' && typeof a.subject.kind === 'string') {
      const key = `${a.subject.kind}:${a.subject.id}`;
      const first = subjects.get(key);
      if (first !== undefined) {
        push(
          ['readiness', i, 'subject'],
          `${a.subject.kind} "${a.subject.id}" already has an assessment (discover.readiness[${first}])`,
          'duplicate_id',
        );
      } else subjects.set(key, i);
      if (a.subject.kind === 'partnership' && !partnerships.has(a.subject.id)) {
        push(
          ['readiness', i, 'subject', 'id'],
          `unknown partnership id "${a.subject.id}"`,
          'unknown_reference',
        );
      }
    }
    const orgs = new Map<string, number>();
    arr(a.responses).forEach((r, j) => {
      if (!isObj(r)) return;
      knownActor(
        r.organization,
        ['readiness', i, 'responses', j, 'organization'],
        `discover.readiness[${i}].responses[${j}].organization`,
      );
      const o = str(r.organization);
      if (o === undefined) return;
      const first = orgs.get(o);
      if (first !== undefined) {
        push(
          ['readiness', i, 'responses', j, 'organization'],
          `"${o}" already responded to this assessment (responses[${first}])`,
          'duplicate_id',
        );
      } else orgs.set(o, j);
    });
  });
  return problems;
}
