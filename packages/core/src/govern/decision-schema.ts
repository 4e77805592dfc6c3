/**
 * `charter.decision`, a contract: how a partnership decides. Field names are part of the
 * ecosystem file format; the schema checks shapes, `checkDecisionRule` checks the rule
 * against the partnership's members.
 */
import { z } from 'zod';
import type { Problem } from '../games/errors.ts';
import { formatNumber } from '../games/format.ts';

/** The four decision rules a charter can name. */
export const DECISION_RULES = ['unanimity', 'majority', 'qualified', 'weighted'] as const;

/**
 * `charter.decision`:
 * - `rule`: `unanimity` (every member votes yes), `majority` (more than half of the votes cast),
 *   `qualified` (at least `quota` yes votes), `weighted` (yes weight at least `quota`);
 * - `quota`: yes votes (qualified, a whole number) or yes weight (weighted) needed; required by those two rules;
 * - `weights`: actor id → voting weight, for `weighted`; members without an entry weigh 1;
 * - `veto`: members whose yes is required for any motion to pass;
 * - `quorum`: how many members must take part (vote yes, no or abstain) for a vote to count;
 * - `abstention`: whether an abstention `counts-as-no` (default) or is `excluded` from the votes cast.
 */
export const DecisionRuleSchema = z
  .strictObject({
    rule: z.enum(DECISION_RULES),
    quota: z.number().positive().optional(),
    weights: z.record(z.string().min(1), z.number().nonnegative()).optional(),
    veto: z.array(z.string().min(1)).optional(),
    quorum: z.number().int().min(1).optional(),
    abstention: z.enum(['counts-as-no', 'excluded']).default('counts-as-no'),
  })
  .superRefine((d, ctx) => {
    if ((d.rule === 'qualified' || d.rule === 'weighted') && d.quota === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['quota'],
        message: `quota is required when the rule is ${d.rule}`,
      });
    }
  });

/** A parsed `charter.decision` (abstention filled in). */
export type DecisionRule = z.output<typeof DecisionRuleSchema>;
/** A `charter.decision` as written (abstention optional, arrays may be readonly); every function here accepts it. */
export type DecisionRuleInput = Readonly<Omit<z.input<typeof DecisionRuleSchema>, 'veto' | 'weights'>> & {
  readonly veto?: readonly string[] | undefined;
  readonly weights?: Readonly<Record<string, number>> | undefined;
};

/** Voting weight of each member under a rule: `weights[id]` for the weighted rule (default 1), 1 otherwise. */
export function memberWeights(rule: DecisionRuleInput, memberIds: readonly string[]): number[] {
  return memberIds.map((id) => (rule.rule === 'weighted' ? (rule.weights?.[id] ?? 1) : 1));
}

/**
 * Checks a decision rule against the members: veto members and weights for non-members,
 * a quota above the total weight (or member count), quota or weights the rule does not use,
 * a quorum above the member count. Paths are relative to the charter (`['decision', 'veto', 1]`).
 */
export function checkDecisionRule(rule: DecisionRuleInput, memberIds: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const members = new Set(memberIds);
  const n = memberIds.length;
  if (n === 0) problems.push({ path: ['decision'], message: 'a decision rule needs at least one member' });

  const seen = new Set<string>();
  rule.veto?.forEach((id, j) => {
    if (!members.has(id))
      problems.push({
        path: ['decision', 'veto', j],
        message: `veto member ${id} is not a member of the partnership`,
      });
    else if (seen.has(id))
      problems.push({ path: ['decision', 'veto', j], message: `veto member ${id} is listed twice` });
    seen.add(id);
  });

  if (rule.weights !== undefined) {
    if (rule.rule !== 'weighted') {
      problems.push({
        path: ['decision', 'weights'],
        message: `weights apply only to the weighted rule (this rule is ${rule.rule}); remove them or use rule: weighted`,
      });
    }
    for (const id of Object.keys(rule.weights)) {
      if (!members.has(id))
        problems.push({
          path: ['decision', 'weights', id],
          message: `weight given for ${id}, who is not a member of the partnership`,
        });
    }
  }

  if (rule.rule === 'unanimity' || rule.rule === 'majority') {
    if (rule.quota !== undefined) {
      problems.push({
        path: ['decision', 'quota'],
        message: `quota applies only to qualified and weighted rules (this rule is ${rule.rule}, which needs no quota)`,
      });
    }
  } else if (rule.quota === undefined) {
    problems.push({
      path: ['decision', 'quota'],
      message: `quota is required when the rule is ${rule.rule}`,
    });
  } else if (rule.rule === 'qualified') {
    if (!Number.isInteger(rule.quota)) {
      problems.push({
        path: ['decision', 'quota'],
        message: `the quota of a qualified rule is a number of yes votes, so a whole number (got ${rule.quota})`,
      });
    } else if (rule.quota > n) {
      problems.push({
        path: ['decision', 'quota'],
        message: `quota ${rule.quota} is above the ${n} members' votes: no motion could pass`,
      });
    }
  } else {
    const total = memberWeights(rule, memberIds).reduce((a, b) => a + b, 0);
    if (rule.quota > total) {
      problems.push({
        path: ['decision', 'quota'],
        message: `quota ${formatNumber(rule.quota)} is above the total weight ${formatNumber(total)} of the ${n} members (members without a weight count 1): no motion could pass`,
      });
    }
  }

  if (rule.quorum !== undefined && rule.quorum > n) {
    problems.push({
      path: ['decision', 'quorum'],
      message: `quorum ${rule.quorum} is above the ${n} members: no vote could count`,
    });
  }
  return problems;
}
