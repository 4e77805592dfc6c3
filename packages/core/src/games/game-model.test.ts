import { describe, expect, it } from 'vitest';
import { checkGameModel, compileCoalitionTable, shapleyOfGameModel } from './game-model.ts';

const members = ['a', 'b', 'c'];
const fullTable = [
  { members: ['a'], value: 0 },
  { members: ['b'], value: 0 },
  { members: ['c'], value: 0 },
  { members: ['a', 'b'], value: 90 },
  { members: ['a', 'c'], value: 80 },
  { members: ['b', 'c'], value: 70 },
  { members: ['c', 'b', 'a'], value: 120 },
];

describe('checkGameModel', () => {
  it('names a missing coalition', () => {
    const problems = checkGameModel({ coalitions: fullTable.filter((c) => c.value !== 80) }, members, [
      'value',
      'game',
    ]);
    expect(problems).toEqual([
      { path: ['value', 'game', 'coalitions'], message: expect.stringContaining('coalition {a, c} missing') },
    ]);
  });

  it('names a duplicate coalition, whatever the order of its members', () => {
    const problems = checkGameModel(
      { coalitions: [...fullTable, { members: ['b', 'a'], value: 1 }] },
      members,
      ['value', 'game'],
    );
    expect(problems).toEqual([
      {
        path: ['value', 'game', 'coalitions', 7],
        message: 'coalition {a, b} appears twice (entries 3 and 7)',
      },
    ]);
  });

  it('names non-members, repeated members and repeated capabilities', () => {
    const problems = checkGameModel(
      {
        synergies: [
          { members: ['a', 'z'], value: 1 },
          { members: ['b', 'b'], value: 1 },
        ],
        capabilities: [
          { capability: 'x', value: 1 },
          { capability: 'x', value: 2 },
        ],
      },
      members,
      ['value', 'game'],
    );
    expect(problems.map((p) => p.path)).toEqual([
      ['value', 'game', 'synergies', 0, 'members', 1],
      ['value', 'game', 'synergies', 1, 'members', 1],
      ['value', 'game', 'capabilities', 1, 'capability'],
    ]);
  });

  it('refuses a coalition table over 20 members', () => {
    const many = Array.from({ length: 21 }, (_, i) => `m${i}`);
    expect(checkGameModel({ coalitions: [] }, many, ['value', 'game'])[0]!.message).toMatch(
      /limited to 20 members/,
    );
  });
});

describe('shapleyOfGameModel', () => {
  it('adds the parts of the game, explaining each', () => {
    const result = shapleyOfGameModel(
      {
        coalitions: fullTable,
        synergies: [{ members: ['a', 'b'], value: 100 }],
        capabilities: [
          { capability: 'imaging', value: 60 },
          { capability: 'nobody', value: 5 },
        ],
      },
      members,
      { capabilitiesOf: { a: ['imaging'], c: ['imaging', 'legal'] } },
    );
    expect(result.method).toBe('exact');
    expect(result.grandValue).toBe(120 + 100 + 60);
    // Table part: φ = (45, 40, 35) for v(ab)=90, v(ac)=80, v(bc)=70, v(abc)=120.
    const values = result.shares.map((s) => s.value);
    expect(values[0]).toBeCloseTo(45 + 50 + 30, 9);
    expect(values[1]).toBeCloseTo(40 + 50, 9);
    expect(values[2]).toBeCloseTo(35 + 30, 9);
    expect(result.shares[0]!.explanation).toContain(
      'synergy {a, b} worth 100 → 50 to each of 2 members (rule 0)',
    );
    expect(result.shares[2]!.explanation).toContain(
      'capability imaging worth 60, provided by {a, c} → 30 to each of 2 providers',
    );
    expect(result.explanation.join('\n')).toMatch(/capability nobody .* no provider/);
  });

  it('samples the table beyond the exact limit and states the interval', () => {
    const result = shapleyOfGameModel({ coalitions: fullTable }, members, {
      exactLimit: 2,
      samples: 5000,
      seed: 9,
    });
    expect(result.method).toBe('sampling');
    expect(result.samples).toBe(5000);
    const [lo, hi] = result.shares[0]!.ci95!;
    expect(lo).toBeLessThanOrEqual(45 + 3);
    expect(hi).toBeGreaterThanOrEqual(45 - 3);
  });

  it('throws naming the field when the game is unusable', () => {
    expect(() => shapleyOfGameModel({ coalitions: fullTable.slice(1) }, members)).toThrow(
      /value\.game\.coalitions: coalition \{a\} missing/,
    );
    expect(() => shapleyOfGameModel({ capabilities: [{ capability: 'x', value: 1 }] }, members)).toThrow(
      /value\.game\.capabilities/,
    );
  });

  it('builds the table by mask', () => {
    const t = compileCoalitionTable(fullTable, members);
    expect(Array.from(t)).toEqual([0, 0, 0, 90, 0, 80, 70, 120]);
  });
});
