/**
 * `charter.value`, a contract: how a partnership splits an amount (a period's revenue,
 * savings, a grant). The schema checks shapes; `checkValueRule` checks the game against the members.
 */
import { z } from 'zod';
import type { Problem } from '../games/errors.ts';
import { checkGameModel, type GameModel } from '../games/game-model.ts';

/** The three value rules a charter can name. */
export const VALUE_RULES = ['equal', 'proportional', 'shapley'] as const;

const MemberValueSchema = z.strictObject({ members: z.array(z.string().min(1)).min(1), value: z.number() });

/**
 * `charter.value.game`: any combination of
 * - `coalitions`: the characteristic function as a table, one entry per non-empty coalition of the members (up to 20 members);
 * - `synergies`: rules whose value arises when all their members take part;
 * - `capabilities`: values that arise when at least one member providing the capability takes part.
 */
export const ValueGameSchema = z.strictObject({
  coalitions: z.array(MemberValueSchema).optional(),
  synergies: z.array(MemberValueSchema).optional(),
  capabilities: z.array(z.strictObject({ capability: z.string().min(1), value: z.number() })).optional(),
});

/**
 * `charter.value`: `rule` is `equal`, `proportional` (to the ledger's contributions in the
 * period) or `shapley` (over `game`, which that rule requires).
 */
export const ValueRuleSchema = z
  .strictObject({
    rule: z.enum(VALUE_RULES),
    game: ValueGameSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.rule !== 'shapley') return;
    const g = v.game;
    if (g === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['game'],
        message: 'the shapley rule needs a game (coalitions, synergies or capabilities)',
      });
    else if (g.coalitions === undefined && g.synergies === undefined && g.capabilities === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['game'],
        message: 'the game needs coalitions, synergies or capabilities',
      });
    }
  });

/** A parsed `charter.value`. */
export type ValueRule = z.output<typeof ValueRuleSchema>;
/** `charter.value.game`. */
export type ValueGame = z.output<typeof ValueGameSchema>;
/** A `charter.value` as the functions here accept it (arrays may be readonly). */
export interface ValueRuleInput {
  readonly rule: ValueRule['rule'];
  readonly game?: GameModel | undefined;
}

/**
 * Checks a value rule against the members: a game for the shapley rule, non-members and
 * repeated members in the game, duplicate and missing coalitions (named, e.g. `{a, c}`), tables
 * over 20 members. Paths are relative to the charter (`['value', 'game', 'coalitions', 3]`).
 */
export function checkValueRule(rule: ValueRuleInput, memberIds: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  if (memberIds.length === 0)
    problems.push({ path: ['value'], message: 'a value rule needs at least one member' });
  if (rule.rule === 'shapley' && rule.game === undefined) {
    problems.push({
      path: ['value', 'game'],
      message: 'the shapley rule needs a game (coalitions, synergies or capabilities)',
    });
  }
  if (rule.game !== undefined) problems.push(...checkGameModel(rule.game, memberIds, ['value', 'game']));
  return problems;
}
