import { describe, expect, it } from 'vitest';
import { tallyDecision } from './tally.ts';

const members = ['a', 'b', 'c', 'd', 'e'];

describe('tallyDecision', () => {
  it('majority counts abstentions as no by default', () => {
    const t = tallyDecision({ rule: 'majority' }, members, { a: 'yes', b: 'yes', c: 'no', d: 'abstain' });
    expect(t).toMatchObject({ yes: 2, no: 1, abstain: 1, absent: 1, quotaNeeded: 3, passed: false });
    expect(t.explanation).toMatch(
      /majority of the 4 votes cast \(abstentions counting as no\): 3 yes needed/,
    );
  });

  it('majority with abstentions excluded counts yes against no only', () => {
    const t = tallyDecision({ rule: 'majority', abstention: 'excluded' }, members, {
      a: 'yes',
      b: 'yes',
      c: 'no',
      d: 'abstain',
    });
    expect(t).toMatchObject({ quotaNeeded: 2, passed: true });
  });

  it('majority of no votes cast does not pass', () => {
    expect(
      tallyDecision({ rule: 'majority', abstention: 'excluded' }, members, { a: 'abstain' }).passed,
    ).toBe(false);
  });

  it('unanimity: absent members block; excluded abstentions do not', () => {
    const votes = { a: 'yes', b: 'yes', c: 'yes', d: 'yes', e: 'abstain' } as const;
    expect(tallyDecision({ rule: 'unanimity' }, members, votes).passed).toBe(false);
    expect(tallyDecision({ rule: 'unanimity', abstention: 'excluded' }, members, votes).passed).toBe(true);
    expect(
      tallyDecision({ rule: 'unanimity', abstention: 'excluded' }, members, {
        a: 'yes',
        b: 'yes',
        c: 'yes',
        d: 'yes',
      }).passed,
    ).toBe(false);
  });

  it('qualified and weighted quotas, the quorum and vetoes', () => {
    expect(
      tallyDecision({ rule: 'qualified', quota: 3 }, members, { a: 'yes', b: 'yes', c: 'yes' }).passed,
    ).toBe(true);
    const w = {
      rule: 'weighted',
      quota: 60,
      weights: { a: 50, b: 30, c: 10, d: 5, e: 5 },
      veto: ['c'],
      quorum: 4,
    } as const;
    const t1 = tallyDecision(w, members, { a: 'yes', b: 'yes', c: 'no', d: 'no' });
    expect(t1).toMatchObject({
      yesWeight: 80,
      quotaMet: true,
      quorumMet: true,
      vetoedBy: ['c'],
      passed: false,
    });
    expect(t1.explanation).toMatch(/vetoed: c \(no\)/);
    const t2 = tallyDecision(w, members, { a: 'yes', c: 'yes' });
    expect(t2).toMatchObject({ yesWeight: 60, quorumMet: false, passed: false });
    expect(tallyDecision(w, members, { a: 'yes', c: 'yes', d: 'no', e: 'abstain' }).passed).toBe(true);
  });

  it('names non-member voters and invalid rules', () => {
    expect(() => tallyDecision({ rule: 'majority' }, members, { z: 'yes' })).toThrow(/votes\.z/);
    expect(() => tallyDecision({ rule: 'qualified', quota: 6 }, members, {})).toThrow(/decision\.quota/);
  });
});
