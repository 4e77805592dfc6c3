/** Govern: decision rules of a charter, tallies, and the voting power a rule gives each member. */
export {
  checkDecisionRule,
  DECISION_RULES,
  type DecisionRule,
  type DecisionRuleInput,
  DecisionRuleSchema,
  memberWeights,
} from './decision-schema.ts';
export {
  penroseByGeneratingFunction,
  powerByGeneratingFunction,
  shapleyShubikByGeneratingFunction,
} from './power-dp.ts';
export {
  charterStatus,
  type CharterLike,
  type CharterStatus,
  type InForce,
  inForceOn,
  type MemberRatification,
  nextVersionLabel,
  ratify,
  type RatificationLike,
  versionLabel,
  versionStatus,
  type VersionStatus,
} from './charter-status.ts';
export {
  appendRationale,
  castVote,
  closeDecision,
  type CharterWithRule,
  type DecisionDispute,
  type DecisionLike,
  type DisputeLike,
  disputeStep,
  type DisputeStep,
  escalateDecision,
  escalateDispute,
  isStuck,
  type RuleInForce,
  type Ruling,
  rulingFor,
  tallyOf,
  votesOf,
} from './decision-flow.ts';
export { type PowerReport, powerReport } from './power-report.ts';
export { type QuotaOptions, type QuotaSuggestion, suggestQuota } from './suggest-quota.ts';
export { type Tally, tallyDecision, type Vote } from './tally.ts';
export {
  type MemberPower,
  powerIndices,
  type VotingPower,
  votingPower,
  weightedGamePower,
} from './voting-power.ts';
export {
  isWinning,
  type IntegerWeightedGame,
  powerByEnumeration,
  type PowerIndices,
  toIntegerGame,
  type WeightedGame,
  weightedGameOfRule,
} from './weighted-game.ts';
export {
  canonicalJson,
  chainPayload,
  type ChainBreak,
  type ChainLink,
  type ChainVerification,
  GENESIS_HASH,
  LEDGER_CHAIN_VERSION,
  type StoredLink,
  verifyChain,
} from './ledger-chain.ts';
export {
  anchorDay,
  checkReminderPolicy,
  completeObligation,
  type Completion,
  DEFAULT_REMINDER_POLICY,
  isOverdue,
  nextDue,
  OBLIGATION_REMINDER_KINDS,
  type ObligationLike,
  type ObligationReminder,
  type ObligationReminderKind,
  obligationReminder,
  obligationReminders,
  RECURRENCE_MONTHS,
  REMINDER_POLICY_LIMITS,
  type ReminderPolicy,
  reminderRule,
  type ReminderSeverity,
} from './obligation-reminders.ts';
