import { describe, expect, it } from 'vitest';
import { checkDecisionRule, DecisionRuleSchema } from './decision-schema.ts';

describe('DecisionRuleSchema', () => {
  it('parses the contract and fills abstention in', () => {
    const rule = DecisionRuleSchema.parse({
      rule: 'weighted',
      quota: 60,
      weights: { a: 50 },
      veto: ['a'],
      quorum: 2,
    });
    expect(rule.abstention).toBe('counts-as-no');
  });

  it('requires a quota for qualified and weighted rules and rejects unknown fields', () => {
    const r = DecisionRuleSchema.safeParse({ rule: 'qualified' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['quota']);
    expect(DecisionRuleSchema.safeParse({ rule: 'majority', vetos: ['a'] }).success).toBe(false);
    expect(DecisionRuleSchema.safeParse({ rule: 'weighted', quota: 1, weights: { a: -1 } }).success).toBe(
      false,
    );
  });
});

describe('checkDecisionRule', () => {
  const members = ['a', 'b', 'c'];
  it('names each problem by its path in the charter', () => {
    expect(
      checkDecisionRule(
        { rule: 'weighted', quota: 10, weights: { a: 3, z: 1 }, veto: ['b', 'y', 'b'], quorum: 4 },
        members,
      ),
    ).toEqual([
      { path: ['decision', 'veto', 1], message: 'veto member y is not a member of the partnership' },
      { path: ['decision', 'veto', 2], message: 'veto member b is listed twice' },
      {
        path: ['decision', 'weights', 'z'],
        message: 'weight given for z, who is not a member of the partnership',
      },
      {
        path: ['decision', 'quota'],
        message:
          'quota 10 is above the total weight 5 of the 3 members (members without a weight count 1): no motion could pass',
      },
      { path: ['decision', 'quorum'], message: 'quorum 4 is above the 3 members: no vote could count' },
    ]);
  });

  it('flags quotas and weights a rule does not use, and fractional vote counts', () => {
    expect(
      checkDecisionRule({ rule: 'majority', quota: 2, weights: { a: 1 } }, members).map((p) => p.path),
    ).toEqual([
      ['decision', 'weights'],
      ['decision', 'quota'],
    ]);
    expect(checkDecisionRule({ rule: 'qualified', quota: 2.5 }, members)[0]!.message).toMatch(/whole number/);
    expect(checkDecisionRule({ rule: 'qualified', quota: 4 }, members)[0]!.message).toMatch(
      /above the 3 members' votes/,
    );
    expect(checkDecisionRule({ rule: 'unanimity' }, members)).toEqual([]);
  });
});
