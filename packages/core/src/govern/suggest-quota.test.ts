import { describe, expect, it } from 'vitest';
import { suggestQuota } from './suggest-quota.ts';
import { weightedGamePower } from './voting-power.ts';

describe('suggestQuota', () => {
  it('scores quotas by the distance between Banzhaf power and weight shares', () => {
    const weights = { FR: 4, DE: 4, IT: 4, BE: 2, NL: 2, LU: 1 };
    const s = suggestQuota(weights, { current: 12 });
    // Brute force over every quota with the power analysis itself.
    const ids = Object.keys(weights);
    const w = Object.values(weights);
    let best = { q: 0, d: Infinity };
    for (let q = 9; q <= 17; q++) {
      const p = weightedGamePower({ quota: q, weights: w, veto: w.map(() => false) }, ids);
      const d = p.members.reduce((a, m) => a + Math.abs(m.banzhaf - m.weightShare), 0);
      if (d < best.d - 1e-12) best = { q, d };
      if (q === 12) expect(s.current!.distance).toBeCloseTo(d, 12);
    }
    expect(s.quota).toBe(best.q);
    expect(s.distance).toBeCloseTo(best.d, 12);
    expect(s.banzhaf.LU).toBeGreaterThan(0);
    expect(s.explanation.join('\n')).toMatch(/current quota 12/);
  });

  it('picks simple majority for equal weights, and keeps vetoes in', () => {
    expect(suggestQuota({ a: 1, b: 1, c: 1 }).quota).toBe(2);
    const s = suggestQuota({ a: 3, b: 1, c: 1, d: 1 }, { veto: ['b'] });
    const p = weightedGamePower(
      { quota: s.quota, weights: [3, 1, 1, 1], veto: [false, true, false, false] },
      ['a', 'b', 'c', 'd'],
    );
    p.members.forEach((m) => expect(s.banzhaf[m.actorId]).toBeCloseTo(m.banzhaf, 12));
  });

  it('works in the units of decimal weights', () => {
    const s = suggestQuota({ a: 0.4, b: 0.4, c: 0.2 });
    expect([0.6, 0.8, 1]).toContain(Number(s.quota.toFixed(6)));
  });

  it('rejects negative weights and unknown veto members', () => {
    expect(() => suggestQuota({ a: -1 })).toThrow(/weights\.a/);
    expect(() => suggestQuota({ a: 1 }, { veto: ['z'] })).toThrow(/veto\.0/);
  });
});
