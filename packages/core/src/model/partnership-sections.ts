/**
 * The optional lists under each partnership of the ecosystem document, with
 * these exact field names (a contract):
 * - governance: `decisions` (with votes), `obligations`, `issues` (the issue
 *   log), `risks` (the risk register), `disputes` (walked up the charter's
 *   conflict path);
 * - value: `ledger` (contributions and benefits, govern/ledger-schema.ts);
 * - monitoring: `milestones`, `kpis`, `healthChecks` (monitor/schema.ts);
 * - pilot: `gates`, `pilots`, `lessons`, `stageHistory` (pilot/schema.ts).
 * Each schema checks an entry on its own; checks.ts checks the references
 * (actors, members, ids) a schema cannot see.
 */
import { z } from 'zod';
import { LedgerSchema } from '../govern/ledger-schema.ts';
import { IsoDateSchema } from '../monitor/dates.ts';
import { HealthChecksSchema, KpisSchema, MilestonesSchema } from '../monitor/schema.ts';
import { GatesSchema, LessonsSchema, PilotsSchema, StageHistorySchema } from '../pilot/schema.ts';
import { IdSchema, Label, oneOf, Text } from './partnership-base.ts';

export {
  effectiveLedger,
  LEDGER_KINDS,
  LEDGER_TYPES,
  type LedgerEntry,
  LedgerEntrySchema,
  type LedgerKind,
  LedgerSchema,
  type LedgerType,
  ledgerTotals,
  mainCurrency,
} from '../govern/ledger-schema.ts';

export const DECISION_STATUSES = ['open', 'passed', 'rejected', 'escalated', 'withdrawn'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/** One member's vote on a decision. */
export const DecisionVoteSchema = z.strictObject({
  actor: IdSchema,
  vote: z.enum(VOTE_CHOICES, { error: oneOf('vote', VOTE_CHOICES) }),
  at: IsoDateSchema.optional(),
});
export type DecisionVote = z.infer<typeof DecisionVoteSchema>;

/** A motion put to the members, tallied by the charter's decision rule. */
export const PartnershipDecisionSchema = z.strictObject({
  id: IdSchema,
  title: Label,
  description: Text(5000).optional(),
  /** The alternatives considered (the motion is the first unless said). */
  options: z.array(Label).optional(),
  opened: IsoDateSchema,
  deadline: IsoDateSchema,
  status: z.enum(DECISION_STATUSES, { error: oneOf('decision status', DECISION_STATUSES) }),
  /** When it was decided (passed, rejected or withdrawn); decision latency counts from `opened`. */
  decided: IsoDateSchema.optional(),
  votes: z.array(DecisionVoteSchema).optional(),
  rationale: Text(5000).optional(),
});
export type PartnershipDecision = z.infer<typeof PartnershipDecisionSchema>;

export const OBLIGATION_STATUSES = ['open', 'done', 'overdue', 'waived'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];
export const RECURRENCES = ['monthly', 'quarterly', 'annually'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** Something one actor owes another under the partnership (a report, a payment, data, access). */
export const ObligationSchema = z.strictObject({
  id: IdSchema,
  from: IdSchema,
  to: IdSchema,
  what: z
    .string({ error: 'expected text (a string)' })
    .trim()
    .min(1, { error: 'expected a non-empty string' })
    .max(2000, { error: 'expected at most 2000 characters' }),
  /** The (next) due date. */
  due: IsoDateSchema,
  recurring: z.enum(RECURRENCES, { error: oneOf('recurrence', RECURRENCES) }).optional(),
  /**
   * A recurring obligation's day of the month (1–31; a month without that day:
   * its last day). Kept when it rolls forward so Jan 31 → Feb 28 → Mar 31.
   */
  dueDay: z
    .number({ error: 'expected a day of the month from 1 to 31' })
    .int({ error: 'expected a whole day of the month from 1 to 31' })
    .min(1, { error: 'expected a day of the month from 1 to 31' })
    .max(31, { error: 'expected a day of the month from 1 to 31' })
    .optional(),
  status: z.enum(OBLIGATION_STATUSES, { error: oneOf('obligation status', OBLIGATION_STATUSES) }),
  /** When it was last done (a recurring one: the last occurrence delivered, before it rolled forward). */
  lastDone: IsoDateSchema.optional(),
});
export type Obligation = z.infer<typeof ObligationSchema>;

export const ISSUE_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IssuePriority = (typeof ISSUE_PRIORITIES)[number];
export const ISSUE_STATUSES = ['open', 'in-progress', 'resolved', 'closed'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** An entry in the issue log. */
export const IssueSchema = z.strictObject({
  id: IdSchema,
  title: Label,
  owner: IdSchema,
  priority: z.enum(ISSUE_PRIORITIES, { error: oneOf('issue priority', ISSUE_PRIORITIES) }),
  status: z.enum(ISSUE_STATUSES, { error: oneOf('issue status', ISSUE_STATUSES) }),
  opened: IsoDateSchema,
  /** When it was resolved or closed. */
  resolved: IsoDateSchema.optional(),
  resolution: Text(5000).optional(),
});
export type Issue = z.infer<typeof IssueSchema>;

const Scale5 = (what: string) =>
  z
    .number({ error: `expected a ${what} from 1 to 5` })
    .int({ error: `expected a whole-number ${what} from 1 to 5` })
    .min(1, {
      error: (iss) => `${what} ${String(iss.input)} is out of range: expected 1 (lowest) to 5 (highest)`,
    })
    .max(5, {
      error: (iss) => `${what} ${String(iss.input)} is out of range: expected 1 (lowest) to 5 (highest)`,
    });

export const RISK_STATUSES = ['open', 'mitigated', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** An entry in the risk register; exposure = likelihood × impact (1–25). */
export const RiskSchema = z.strictObject({
  id: IdSchema,
  title: Label,
  likelihood: Scale5('likelihood'),
  impact: Scale5('impact'),
  mitigation: Text(5000).optional(),
  owner: IdSchema.optional(),
  /** Default: open. */
  status: z.enum(RISK_STATUSES, { error: oneOf('risk status', RISK_STATUSES) }).optional(),
});
export type Risk = z.infer<typeof RiskSchema>;

export const DISPUTE_STATUSES = ['open', 'resolved', 'withdrawn'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** A disagreement between members, taken up the charter's conflict path. */
export const DisputeSchema = z.strictObject({
  id: IdSchema,
  title: Label,
  /** The members in dispute. */
  parties: z.array(IdSchema).min(1, { error: 'expected at least one party' }),
  opened: IsoDateSchema,
  /** The step of the charter's `conflictPath` it has reached. */
  stage: Label,
  status: z.enum(DISPUTE_STATUSES, { error: oneOf('dispute status', DISPUTE_STATUSES) }),
  /** A formal dispute (notice served under the agreement), as opposed to a disagreement being worked out. */
  formal: z.boolean({ error: 'expected true or false' }).optional(),
  resolution: Text(5000).optional(),
  closed: IsoDateSchema.optional(),
});
export type Dispute = z.infer<typeof DisputeSchema>;

export const DecisionsSchema = z.array(PartnershipDecisionSchema);
export const ObligationsSchema = z.array(ObligationSchema);
export const IssuesSchema = z.array(IssueSchema);
export const RisksSchema = z.array(RiskSchema);
export const DisputesSchema = z.array(DisputeSchema);

/** Every optional list of a partnership, by field name (spread into PartnershipSchema). */
export const PARTNERSHIP_SECTIONS = {
  decisions: DecisionsSchema.optional(),
  obligations: ObligationsSchema.optional(),
  issues: IssuesSchema.optional(),
  risks: RisksSchema.optional(),
  disputes: DisputesSchema.optional(),
  ledger: LedgerSchema.optional(),
  milestones: MilestonesSchema.optional(),
  kpis: KpisSchema.optional(),
  healthChecks: HealthChecksSchema.optional(),
  gates: GatesSchema.optional(),
  pilots: PilotsSchema.optional(),
  lessons: LessonsSchema.optional(),
  stageHistory: StageHistorySchema.optional(),
};

/** The field names of those lists, in document order. */
export const PARTNERSHIP_LIST_FIELDS = Object.keys(
  PARTNERSHIP_SECTIONS,
) as (keyof typeof PARTNERSHIP_SECTIONS)[];
