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
