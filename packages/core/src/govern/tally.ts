/**
 * Tallies a vote by the charter's decision rule. Definitions (also in the user docs):
 * - present = members who voted yes, no or abstain; absent members did not vote;
 * - votes cast = yes + no + abstain when abstention counts as no, yes + no when it is excluded;
 * - majority: yes > half of the votes cast (absent members are not counted; the quorum guards turnout);
 * - unanimity: every member votes yes; when abstention is excluded, abstainers do not block but
 *   absent members and no votes do, and at least one yes is needed;
 * - qualified: at least `quota` yes votes; weighted: yes weight at least `quota` (absolute
 *   quotas, whatever the abstention setting);
 * - always: the quorum is met and every veto member votes yes.
 */
import { GameInputError, throwIfProblems } from '../games/errors.ts';
import { formatNumber } from '../games/format.ts';
import { checkDecisionRule, type DecisionRuleInput, memberWeights } from './decision-schema.ts';

/** A member's vote. */
export type Vote = 'yes' | 'no' | 'abstain';

/** The outcome of a vote, with the counts behind it. */
export interface Tally {
  readonly passed: boolean;
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly absent: number;
  /** Total weight of the yes votes (the count of yes votes unless the rule is weighted). */
  readonly yesWeight: number;
  /** Yes votes (or, for the weighted rule, yes weight) the motion needed. */
  readonly quotaNeeded: number;
  readonly quotaMet: boolean;
  readonly quorumMet: boolean;
  /** Veto members who did not vote yes (no, abstain or absent). */
  readonly vetoedBy: string[];
  readonly explanation: string;
}

const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;

/**
 * Tallies `votes` (actor id → yes/no/abstain; members missing from it are absent) by the
 * decision rule of `charter.decision`, following the definitions at the top of this file.
 */
export function tallyDecision(
  rule: DecisionRuleInput,
  members: readonly string[],
  votes: Readonly<Record<string, Vote>>,
): Tally {
  throwIfProblems(checkDecisionRule(rule, members));
  const memberSet = new Set(members);
  for (const id of Object.keys(votes)) {
    if (!memberSet.has(id))
      throw new GameInputError(['votes', id], `${id} voted but is not a member of the partnership`);
  }
  const weights = memberWeights(rule, members);
  let yes = 0;
  let no = 0;
  let abstain = 0;
  let yesWeight = 0;
  members.forEach((id, i) => {
    const v = votes[id];
    if (v === 'yes') {
      yes++;
      yesWeight += weights[i]!;
    } else if (v === 'no') no++;
    else if (v === 'abstain') abstain++;
  });
  const n = members.length;
  const present = yes + no + abstain;
  const absent = n - present;
  const abstentionExcluded = rule.abstention === 'excluded';
  const quorumMet = rule.quorum === undefined || present >= rule.quorum;
  const vetoedBy = (rule.veto ?? []).filter((id) => votes[id] !== 'yes');

  let quotaNeeded: number;
  let measured = yes;
  let ruleText: string;
  switch (rule.rule) {
    case 'unanimity':
      quotaNeeded = abstentionExcluded ? Math.max(1, n - abstain) : n;
      ruleText = abstentionExcluded
        ? `unanimity with abstentions excluded: every member who does not abstain must vote yes (${quotaNeeded} yes needed)`
        : `unanimity: all ${n} members must vote yes`;
      break;
    case 'majority': {
      const cast = abstentionExcluded ? yes + no : present;
      quotaNeeded = Math.floor(cast / 2) + 1;
      ruleText = `majority of the ${plural(cast, 'vote')} cast (${abstentionExcluded ? 'abstentions excluded' : 'abstentions counting as no'}): ${quotaNeeded} yes needed`;
      break;
    }
    case 'qualified':
      quotaNeeded = rule.quota!;
      ruleText = `qualified majority: ${quotaNeeded} yes votes needed`;
      break;
    case 'weighted':
      quotaNeeded = rule.quota!;
      measured = yesWeight;
      ruleText = `weighted votes: yes weight ${formatNumber(quotaNeeded)} needed`;
      break;
  }
  const quotaMet = measured >= quotaNeeded;
  const passed = quorumMet && quotaMet && vetoedBy.length === 0;

  const parts = [
    `${present} of ${n} members voted: ${yes} yes, ${no} no, ${abstain} abstain, ${absent} absent`,
    rule.quorum === undefined ? 'no quorum' : `quorum ${rule.quorum} ${quorumMet ? 'met' : 'not met'}`,
    `${ruleText}; got ${rule.rule === 'weighted' ? `yes weight ${formatNumber(yesWeight)}` : `${yes} yes`}: ${quotaMet ? 'met' : 'not met'}`,
  ];
  if ((rule.veto ?? []).length > 0) {
    parts.push(
      vetoedBy.length === 0
        ? `every veto member (${rule.veto!.join(', ')}) voted yes`
        : `vetoed: ${vetoedBy.map((id) => `${id} (${votes[id] ?? 'absent'})`).join(', ')} did not vote yes`,
    );
  }
  return {
    passed,
    yes,
    no,
    abstain,
    absent,
    yesWeight,
    quotaNeeded,
    quotaMet,
    quorumMet,
    vetoedBy,
    explanation: `${parts.join('; ')}. ${passed ? 'Passed' : 'Not passed'}.`,
  };
}
