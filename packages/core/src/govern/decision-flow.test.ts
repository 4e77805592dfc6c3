import { describe, expect, it } from 'vitest';
import {
  appendRationale,
  castVote,
  closeDecision,
  disputeStep,
  escalateDecision,
  escalateDispute,
  isStuck,
  rulingFor,
  tallyOf,
} from './decision-flow.ts';

const members = ['a', 'b', 'c'];
const open = {
  id: 'd1',
  title: 'Adopt the data standard',
  opened: '2026-01-05',
  deadline: '2026-02-01',
  status: 'open' as const,
};
const path = ['working team', 'steering committee', 'mediation'];

describe('castVote', () => {
  it('adds a vote, then changes it in place (one vote per member)', () => {
    const one = castVote(open, members, 'a', 'yes', '2026-01-06');
    const two = castVote(one, members, 'b', 'no', '2026-01-07');
    const changed = castVote(two, members, 'a', 'no', '2026-01-08');
    expect(changed.votes).toEqual([
      { actor: 'a', vote: 'no', at: '2026-01-08' },
      { actor: 'b', vote: 'no', at: '2026-01-07' },
    ]);
  });

  it('refuses a vote on a closed decision and a vote by a non-member', () => {
    expect(() => castVote({ ...open, status: 'passed' }, members, 'a', 'yes', '2026-01-06')).toThrow(
      /^status: .*only while it is open/,
    );
    expect(() => castVote(open, members, 'x', 'yes', '2026-01-06')).toThrow(/^actor: x is not a member/);
  });
});

describe('closeDecision', () => {
  it('passes or rejects by the rule in force and keeps the tally in the log after the rationale', () => {
    const voted = {
      ...open,
      votes: [
        { actor: 'a', vote: 'yes' as const },
        { actor: 'b', vote: 'yes' as const },
        { actor: 'c', vote: 'no' as const },
      ],
    };
    const { decision, tally } = closeDecision(
      voted,
      members,
      { version: '2', rule: { rule: 'majority' } },
      '2026-01-20',
      'Agreed at the March meeting.',
    );
    expect(tally.passed).toBe(true);
    expect(decision).toMatchObject({ status: 'passed', decided: '2026-01-20' });
    expect(decision.rationale).toMatch(
      /^Agreed at the March meeting\.\n\nClosed on 2026-01-20: passed under charter version 2 \(majority rule\)\. 3 of 3 members voted: 2 yes, 1 no/,
    );
    const vetoed = closeDecision(
      voted,
      members,
      { version: '2', rule: { rule: 'majority', veto: ['c'] } },
      '2026-01-20',
    );
    expect(vetoed.decision.status).toBe('rejected');
    expect(vetoed.decision.rationale).toMatch(/vetoed: c \(no\)/);
  });

  it('refuses a decision that is not open', () => {
    expect(() =>
      closeDecision(
        { ...open, status: 'rejected' },
        members,
        { version: '1', rule: { rule: 'majority' } },
        '2026-01-20',
      ),
    ).toThrow(/^status: .*already rejected/);
  });

  it('leaves out votes of former members', () => {
    const t = tallyOf(
      {
        ...open,
        votes: [
          { actor: 'gone', vote: 'yes' },
          { actor: 'a', vote: 'yes' },
        ],
      },
      { rule: 'unanimity' },
      members,
    );
    expect(t).toMatchObject({ yes: 1, absent: 2 });
  });
});

describe('escalation', () => {
  it('a decision open past its deadline is stuck, and escalating it opens a dispute at the first step', () => {
    expect(isStuck(open, '2026-02-01')).toBe(false);
    expect(isStuck(open, '2026-02-02')).toBe(true);
    const voted = {
      ...open,
      votes: [
        { actor: 'a', vote: 'yes' as const },
        { actor: 'b', vote: 'no' as const },
      ],
    };
    const { decision, dispute } = escalateDecision(voted, members, path, '2026-02-10', null);
    expect(decision.status).toBe('escalated');
    expect(decision.rationale).toMatch(
      /Escalated on 2026-02-10: the deadline 2026-02-01 passed without an outcome \(2 of 3 members voted\)\. Dispute decision-d1 opened at "working team"/,
    );
    expect(dispute).toEqual({
      id: 'decision-d1',
      title: 'Stuck decision: Adopt the data standard',
      parties: ['b', 'c'],
      opened: '2026-02-10',
      stage: 'working team',
      status: 'open',
      formal: false,
    });
  });

  it('refuses before the deadline, without a conflict path, and for a decision that is not open', () => {
    expect(() => escalateDecision(open, members, path, '2026-01-10', null)).toThrow(
      /^deadline: .*not past its deadline/,
    );
    expect(() => escalateDecision(open, members, [], '2026-02-10', null)).toThrow(/^charter\.conflictPath: /);
    expect(() => escalateDecision({ ...open, status: 'passed' }, members, path, '2026-02-10', null)).toThrow(
      /^status: /,
    );
  });

  it('a dispute walks up the conflict path one step at a time and stops at the last', () => {
    const d = { id: 'x', stage: 'working team', status: 'open' };
    expect(disputeStep(d, path)).toMatchObject({ index: 0, next: 'steering committee' });
    const up = escalateDispute(escalateDispute(d, path), path);
    expect(up.stage).toBe('mediation');
    expect(() => escalateDispute(up, path)).toThrow(/^stage: .*last step of the conflict path/);
    expect(() => escalateDispute({ ...d, stage: 'court' }, path)).toThrow(/not on the conflict path/);
    expect(() => escalateDispute({ ...d, status: 'resolved' }, path)).toThrow(/^status: /);
  });
});

describe('appendRationale', () => {
  it('keeps the log within 5000 characters, dropping the oldest text', () => {
    const long = appendRationale('x'.repeat(4990), 'the outcome');
    expect(long).toHaveLength(5000);
    expect(long.endsWith('the outcome')).toBe(true);
    expect(appendRationale(undefined, 'first')).toBe('first');
  });
});

describe('rulingFor', () => {
  const ratified = (version: string, at: string) => ['a', 'b', 'c'].map((actor) => ({ actor, version, at }));
  const v1 = {
    version: '1',
    decision: { rule: 'majority' as const },
    ratifications: ratified('1', '2026-01-10'),
  };
  const v2 = {
    version: '2',
    decision: { rule: 'unanimity' as const },
    ratifications: ratified('2', '2026-03-01'),
  };

  it('tallies by the version in force when the decision opened, even after an amendment came into force', () => {
    const r = rulingFor([v1, v2], members, '2026-02-01', '2026-04-01');
    expect(r).toMatchObject({
      basis: 'opened',
      binding: true,
      ruling: { version: '1', rule: { rule: 'majority' } },
    });
    expect(r.explanation).toMatch(/in force since 2026-01-10 when the decision opened on 2026-02-01/);
    expect(rulingFor([v1, v2], members, '2026-03-01', '2026-04-01').ruling?.version).toBe('2');
  });

  it('a decision opened before any version was in force is tallied by the one in force when it closes', () => {
    expect(rulingFor([v1], members, '2026-01-01', '2026-02-01')).toMatchObject({
      basis: 'closing',
      binding: true,
      ruling: { version: '1' },
    });
  });

  it('with nothing in force the tally is provisional, and without a rule there is none', () => {
    const draft = { version: '1', decision: { rule: 'majority' as const }, ratifications: [] };
    expect(rulingFor([draft], members, '2026-01-01', '2026-02-01')).toMatchObject({
      basis: 'provisional',
      binding: false,
      ruling: { version: '1' },
    });
    expect(
      rulingFor(
        [{ version: '1', ratifications: ratified('1', '2026-01-01') }],
        members,
        '2026-02-01',
        '2026-02-01',
      ),
    ).toMatchObject({ ruling: null, binding: false });
    expect(rulingFor([], members, '2026-02-01', '2026-02-01').ruling).toBeNull();
  });
});
