import { describe, expect, it } from 'vitest';
import { assessFairness, gini } from './fairness.ts';

describe('gini', () => {
  it('follows the mean-absolute-difference definition', () => {
    expect(gini([1, 1, 1])).toBe(0);
    expect(gini([0, 0, 1])).toBeCloseTo(2 / 3, 12);
    const xs = [3, 1, 4, 1, 5, 9, 2, 6];
    let sum = 0;
    for (const a of xs) for (const b of xs) sum += Math.abs(a - b);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(gini(xs)).toBeCloseTo(sum / (2 * xs.length ** 2 * mean), 12);
    expect(gini([])).toBeNull();
  });
});

describe('assessFairness', () => {
  it('computes shares and ratios, flags members far below the median and explains', () => {
    const f = assessFairness({
      members: ['a', 'b', 'c', 'd'],
      contributed: { a: 100, b: 100, c: 100 },
      received: { a: 120, b: 100, c: 30, d: 50 },
    });
    expect(f.members.map((m) => m.ratio)).toEqual([1.2, 1, 0.3, null]);
    expect(f.medianRatio).toBe(1);
    expect(f.flagged).toEqual(['c']);
    expect(f.members[2]!.explanation.at(-1)).toMatch(/flagged: ratio below 0.5 × the median ratio \(0.5\)/);
    expect(f.members[3]!.explanation[1]).toMatch(/contributed nothing but received benefits/);
    expect(f.members[0]!.contributionShare).toBeCloseTo(1 / 3, 12);
    expect(f.members[0]!.benefitShare).toBeCloseTo(0.4, 12);
    expect(f.gini).toBeCloseTo(gini([1.2, 1, 0.3])!, 12);
    expect(f.explanation.join('\n')).toMatch(/receiving without contributing: d/);
  });

  it('rejects negative values and non-members, naming the field', () => {
    expect(() => assessFairness({ members: ['a'], contributed: { a: -1 }, received: {} })).toThrow(
      /^contributed\.a/,
    );
    expect(() => assessFairness({ members: ['a'], contributed: {}, received: { z: 1 } })).toThrow(
      /^received\.z/,
    );
  });
});
