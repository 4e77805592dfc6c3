/**
 * The power panel of a charter's decision rule: each member's voting power (Shapley–Shubik,
 * Banzhaf, Penrose; dictator, veto players and dummies flagged) and, for rules with a quota
 * (qualified and weighted), the quota that brings Banzhaf power closest to weight.
 */
import { formatNumber } from '../games/format.ts';
import { type DecisionRuleInput, memberWeights } from './decision-schema.ts';
import { type QuotaSuggestion, suggestQuota } from './suggest-quota.ts';
import { type VotingPower, votingPower } from './voting-power.ts';

/** Power of each member and the suggested quota, explained. */
export interface PowerReport {
  readonly rule: DecisionRuleInput['rule'];
  readonly power: VotingPower;
  /** Null for unanimity and majority, whose quota the rule fixes. */
  readonly suggestion: QuotaSuggestion | null;
  readonly explanation: string[];
}

/** Voting power under `rule` over `members`, with a suggested quota; throws naming the field on an invalid rule. */
export function powerReport(rule: DecisionRuleInput, members: readonly string[]): PowerReport {
  const power = votingPower(rule, members);
  const explanation = [...power.explanation];
  let suggestion: QuotaSuggestion | null = null;
  if (rule.rule === 'weighted' || rule.rule === 'qualified') {
    const w = memberWeights(rule, members);
    suggestion = suggestQuota(Object.fromEntries(members.map((id, i) => [id, w[i]!])), {
      ...(rule.veto ? { veto: rule.veto } : {}),
      ...(rule.quota !== undefined ? { current: rule.quota } : {}),
    });
    explanation.push(
      suggestion.quota === rule.quota
        ? `the current quota ${formatNumber(rule.quota)} is already the one that brings power closest to weight`
        : `a quota of ${formatNumber(suggestion.quota)} would bring power closer to weight than the current ${formatNumber(rule.quota!)}`,
    );
  } else {
    explanation.push(
      `the ${rule.rule} rule fixes its quota (${rule.rule === 'unanimity' ? 'every member' : 'more than half'}), so no quota is suggested; with equal weights, members without a veto have equal power`,
    );
  }
  return { rule: rule.rule, power, suggestion, explanation };
}
