import { describe, expect, it } from 'vitest';
import { powerReport } from './power-report.ts';

describe('powerReport', () => {
  it('a weighted rule: power per member adding up to 1, compared with the current quota', () => {
    const r = powerReport({ rule: 'weighted', quota: 6, weights: { a: 4, b: 3, c: 2, d: 1 } }, [
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(r.power.members).toHaveLength(4);
    const sum = r.power.members.reduce((s, m) => s + m.shapleyShubik, 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(r.suggestion).not.toBeNull();
    expect(r.suggestion!.current?.quota).toBe(6);
    expect(r.suggestion!.distance).toBeLessThanOrEqual(r.suggestion!.current!.distance);
    expect(r.explanation.at(-1)).toMatch(/quota/);
  });

  it('calls out veto players, a dictator and dummies', () => {
    const r = powerReport({ rule: 'weighted', quota: 4, weights: { a: 3, b: 1, c: 1 } }, ['a', 'b', 'c']);
    // a is needed in every winning coalition (the others weigh 2 < 4); b and c are symmetric.
    expect(r.power.vetoPlayers).toEqual(['a']);
    const big = powerReport({ rule: 'weighted', quota: 3, weights: { a: 3, b: 1, c: 1 } }, ['a', 'b', 'c']);
    expect(big.power.dictator).toBe('a');
    expect(big.power.dummies).toEqual(['b', 'c']);
  });

  it('majority and unanimity get no suggested quota, with the reason', () => {
    const r = powerReport({ rule: 'majority' }, ['a', 'b', 'c']);
    expect(r.suggestion).toBeNull();
    expect(r.explanation.at(-1)).toMatch(/fixes its quota/);
  });

  it('refuses a quota above the total weight, naming the field', () => {
    expect(() => powerReport({ rule: 'weighted', quota: 20, weights: { a: 3, b: 1 } }, ['a', 'b'])).toThrow(
      /^decision\.quota: quota 20 is above the total weight 4/,
    );
    expect(() => powerReport({ rule: 'qualified', quota: 2, veto: ['z'] }, ['a', 'b'])).toThrow(
      /^decision\.veto\.0: veto member z is not a member/,
    );
  });
});
