/**
 * The ecosystem document, format v1: the whole ecosystem as one human-readable
 * file (YAML or JSON; the same model). Field names here are a contract that
 * external tools depend on: add fields freely, rename none.
 */
import { z } from 'zod';
import { CharterSchema } from './partnership-charter.ts';
import { IdSchema, oneOf, PARTNERSHIP_STAGES, VISIBILITIES } from './partnership-base.ts';
import { PARTNERSHIP_SECTIONS } from './partnership-sections.ts';
import { DiscoverSchema } from '../discover/document.ts';

export {
  IdSchema,
  PARTNERSHIP_STAGES,
  type PartnershipStage,
  VISIBILITIES,
  type Visibility,
} from './partnership-base.ts';
export { CharterSchema, type Charter, type CharterInput } from './partnership-charter.ts';

/** The actor kinds users can choose from; an unknown kind is an error that lists these. */
export const ACTOR_KINDS = [
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
  'ngo',
  'community',
  'individual',
  'other',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Kinds of relationship between two actors. */
export const RELATIONSHIP_KINDS = [
  'partnership',
  'research',
  'supply',
  'data',
  'funding',
  'information',
  'customer',
  'competition',
  'other',
] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

/** The flows a relationship commonly carries; others are allowed (free text). */
export const COMMON_FLOWS = ['data', 'money', 'knowledge', 'product', 'talent'] as const;

/** Planning cadences (seed 002: quarters, annual budgets, multi-year policy windows). */
export const CLOCK_CADENCES = ['quarterly', 'semiannual', 'annual', 'multiyear'] as const;
export type ClockCadence = (typeof CLOCK_CADENCES)[number];

/** The only format version this code reads and writes. */
export const FORMAT_VERSION = 1;

const Text = (max: number) => z.string().max(max, { error: `expected at most ${max} characters` });
const Label = z.string().trim().min(1, { error: 'expected a non-empty string' }).max(200);
const Labels = z.array(Label).default([]);

export const ClockSchema = z.strictObject({
  cadence: z.enum(CLOCK_CADENCES, { error: oneOf('clock cadence', CLOCK_CADENCES) }),
  fiscalYearStart: z
    .number()
    .int({ error: 'expected a month number 1–12' })
    .min(1, { error: 'expected a month number 1–12' })
    .max(12, { error: 'expected a month number 1–12' })
    .optional(),
});
export type Clock = z.infer<typeof ClockSchema>;

const AttributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ActorSchema = z.strictObject({
  id: IdSchema,
  name: Label,
  kind: z.enum(ACTOR_KINDS, { error: oneOf('actor kind', ACTOR_KINDS) }),
  description: Text(5000).optional(),
  capabilities: Labels,
  needs: Labels,
  values: Labels,
  clock: ClockSchema.optional(),
  tags: z.array(Label).optional(),
  attributes: z.record(z.string(), AttributeValue).optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const RelationshipSchema = z.strictObject({
  from: IdSchema,
  to: IdSchema,
  kind: z.enum(RELATIONSHIP_KINDS, { error: oneOf('relationship kind', RELATIONSHIP_KINDS) }),
  flows: z.array(Label).optional(),
  strength: z
    .number({ error: 'expected a number' })
    .finite()
    .positive({ error: 'expected a positive number' })
    .default(1),
  directed: z.boolean({ error: 'expected true or false' }).default(false),
  description: Text(5000).optional(),
  visibility: z.enum(VISIBILITIES, { error: oneOf('visibility', VISIBILITIES) }).optional(),
});
export type Relationship = z.infer<typeof RelationshipSchema>;

export const MemberSchema = z.strictObject({
  actor: IdSchema,
  role: Label.optional(),
});
export type Member = z.infer<typeof MemberSchema>;

/**
 * A partnership: its members, its charter (rules of the game, see
 * partnership-charter.ts) and its optional lists: governance (`decisions`,
 * `obligations`, `issues`, `risks`, `disputes`), value (`ledger`), monitoring
 * (`milestones`, `kpis`, `healthChecks`) and pilot (`gates`, `pilots`,
 * `lessons`, `stageHistory`); see partnership-sections.ts and
 * docs/document-format.md. Cross-references are checked in checks.ts.
 */
export const PartnershipSchema = z.strictObject({
  id: IdSchema,
  name: Label,
  purpose: Text(5000).optional(),
  stage: z.enum(PARTNERSHIP_STAGES, { error: oneOf('partnership stage', PARTNERSHIP_STAGES) }),
  members: z.array(MemberSchema),
  charter: CharterSchema.optional(),
  ...PARTNERSHIP_SECTIONS,
});
export type Partnership = z.infer<typeof PartnershipSchema>;
/** A partnership as written by hand, before defaults. */
export type PartnershipInput = z.input<typeof PartnershipSchema>;

export const EcosystemSchema = z.strictObject({
  id: IdSchema,
  name: Label,
  purpose: Text(5000).optional(),
  goals: z.array(Text(1000)).optional(),
});
export type EcosystemInfo = z.infer<typeof EcosystemSchema>;

export const DocumentSchema = z.strictObject({
  valueweb: z.literal(FORMAT_VERSION, {
    error: `expected valueweb: ${FORMAT_VERSION} (the format version this Valueweb reads)`,
  }),
  ecosystem: EcosystemSchema,
  actors: z.array(ActorSchema).default([]),
  relationships: z.array(RelationshipSchema).default([]),
  partnerships: z.array(PartnershipSchema).default([]),
  /** Partner selection: criteria, the focal actor, ratings, the pipeline and readiness assessments (discover/document.ts). */
  discover: DiscoverSchema.optional(),
});

/** A validated, normalized ecosystem document (defaults filled in). */
export type EcosystemDocument = z.infer<typeof DocumentSchema>;
/** A document as written by hand, before defaults. */
export type EcosystemDocumentInput = z.input<typeof DocumentSchema>;
