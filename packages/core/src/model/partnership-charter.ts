/**
 * `partnerships[].charter`: the partnership's rules of the game — purpose and
 * scope, roles (RACI per workstream), committees, the decision rule
 * (`govern/decision-schema.ts`), the value rule (`value/value-rule-schema.ts`),
 * the conflict-resolution ladder and each member's ratification of a version.
 * Field names are a contract. Cross-references (members, the rules against the
 * members) are checked in checks.ts.
 */
import { z } from 'zod';
import { DecisionRuleSchema } from '../govern/decision-schema.ts';
import { IsoDateSchema } from '../monitor/dates.ts';
import { ValueRuleSchema } from '../value/value-rule-schema.ts';
import { IdSchema, Label, Text } from './partnership-base.ts';

/** A charter version: a label such as `1`, `1.2` or `2025-03`. */
const VersionSchema = z.union([z.number().finite(), Label], {
  error: 'expected a version (a number or a label)',
});

/** Who does what for one workstream (RACI: responsible, accountable, consulted, informed). */
export const CharterRoleSchema = z.strictObject({
  workstream: Label,
  /** Actors that do the work. */
  responsible: z.array(IdSchema).optional(),
  /** The one actor answerable for the outcome. */
  accountable: IdSchema.optional(),
  /** Actors asked before a decision (two-way). */
  consulted: z.array(IdSchema).optional(),
  /** Actors told after a decision (one-way). */
  informed: z.array(IdSchema).optional(),
});
export type CharterRole = z.infer<typeof CharterRoleSchema>;

/** A standing body of the partnership (steering committee, data access committee, …). */
export const CommitteeSchema = z.strictObject({
  name: Label,
  members: z.array(IdSchema),
  /** How often it meets, e.g. "monthly" or "quarterly". */
  cadence: Label.optional(),
  /** What it decides or oversees. */
  remit: Text(2000).optional(),
});
export type Committee = z.infer<typeof CommitteeSchema>;

/** A member's signature on a charter version. */
export const RatificationSchema = z.strictObject({
  actor: IdSchema,
  version: VersionSchema,
  at: IsoDateSchema,
});
export type Ratification = z.infer<typeof RatificationSchema>;

export const CharterSchema = z.strictObject({
  /** The version of the charter these rules are (ratifications name it). */
  version: VersionSchema.optional(),
  /** Why the partnership exists (the charter's own wording; the partnership's `purpose` is its summary). */
  purpose: Text(5000).optional(),
  /** What is in and out of scope. */
  scope: Text(5000).optional(),
  roles: z.array(CharterRoleSchema).optional(),
  committees: z.array(CommitteeSchema).optional(),
  /** How decisions are taken (unanimity, majority, qualified, weighted; vetoes, quorum). */
  decision: DecisionRuleSchema.optional(),
  /** How co-created value is split (equal, proportional, shapley over a game). */
  value: ValueRuleSchema.optional(),
  /** The conflict-resolution path, first step first (e.g. working level → steering committee → mediation → arbitration). */
  conflictPath: z.array(Label).optional(),
  ratifications: z.array(RatificationSchema).optional(),
  /** Anything else worth writing down. */
  notes: Text(5000).optional(),
});
/** A parsed charter (defaults filled in). */
export type Charter = z.infer<typeof CharterSchema>;
/** A charter as written. */
export type CharterInput = z.input<typeof CharterSchema>;
