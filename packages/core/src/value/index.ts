/** Value: the charter's value rule, distributing an amount with explanations, and fairness of the ledger. */
export {
  type DistributedShare,
  distribute,
  type Distribution,
  type DistributionContext,
} from './distribution.ts';
export {
  assessFairness,
  type Fairness,
  type FairnessInput,
  type FairnessOptions,
  gini,
  type MemberFairness,
} from './fairness.ts';
export {
  ledgerPeriodTotals,
  type PeriodOptions,
  type PeriodTotals,
  type TotalsEntry,
} from './period-totals.ts';
export { largestRemainder } from './rounding.ts';
export {
  checkValueRule,
  VALUE_RULES,
  type ValueGame,
  ValueGameSchema,
  type ValueRule,
  type ValueRuleInput,
  ValueRuleSchema,
} from './value-rule-schema.ts';
