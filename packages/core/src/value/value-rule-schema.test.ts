import { describe, expect, it } from 'vitest';
import { checkValueRule, ValueRuleSchema } from './value-rule-schema.ts';

describe('ValueRuleSchema', () => {
  it('parses the contract', () => {
    const v = ValueRuleSchema.parse({
      rule: 'shapley',
      game: {
        synergies: [{ members: ['a', 'b'], value: 10 }],
        capabilities: [{ capability: 'x', value: 3 }],
      },
    });
    expect(v.game?.synergies?.[0]?.value).toBe(10);
  });

  it('requires a game for the shapley rule and rejects unknown fields', () => {
    expect(ValueRuleSchema.safeParse({ rule: 'shapley' }).error!.issues[0]!.path).toEqual(['game']);
    expect(ValueRuleSchema.safeParse({ rule: 'shapley', game: {} }).success).toBe(false);
    expect(ValueRuleSchema.safeParse({ rule: 'equal', split: 'x' }).success).toBe(false);
  });
});

describe('checkValueRule', () => {
  it('names missing and duplicate coalitions by their members', () => {
    const problems = checkValueRule(
      {
        rule: 'shapley',
        game: {
          coalitions: [
            { members: ['a'], value: 1 },
            { members: ['b'], value: 1 },
            { members: ['a', 'b'], value: 3 },
            { members: ['b', 'a'], value: 3 },
          ],
        },
      },
      ['a', 'b', 'c'],
    );
    expect(problems).toEqual([
      {
        path: ['value', 'game', 'coalitions', 3],
        message: 'coalition {a, b} appears twice (entries 2 and 3)',
      },
      {
        path: ['value', 'game', 'coalitions'],
        message:
          'coalitions {c}, {a, c}, {b, c} and 1 more missing: the table must give a value for each of the 2^3 − 1 = 7 non-empty coalitions of the members',
      },
    ]);
  });

  it('names members of the game who are not members of the partnership', () => {
    expect(
      checkValueRule({ rule: 'shapley', game: { synergies: [{ members: ['a', 'z'], value: 1 }] } }, ['a']),
    ).toEqual([
      {
        path: ['value', 'game', 'synergies', 0, 'members', 1],
        message: 'z is not a member of the partnership',
      },
    ]);
  });
});
