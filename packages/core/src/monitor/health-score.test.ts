import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HEALTH_SCORE_WEIGHTS,
  healthScore,
  herfindahl,
  ragOf,
  type HealthScoreInputs,
} from './health-score.ts';

const NOW = '2025-06-30';

describe('HEALTH_SCORE_WEIGHTS', () => {
  it('sum to 1', () => {
    expect(Object.values(HEALTH_SCORE_WEIGHTS).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });
});

describe('healthScore', () => {
  it('computes a known score from every component', () => {
    const h = healthScore(
      {
        members: ['a', 'b'],
        kpiStatuses: ['on-track', 'at-risk', 'off-track', 'no-data'],
        milestones: [
          { due: '2025-03-01', status: 'done', completed: '2025-02-20' },
          { due: '2025-04-01', status: 'done' },
          { due: '2025-05-01', status: 'slipped' },
          { due: '2025-09-01', status: 'planned' },
          { due: '2025-01-01', status: 'cancelled' },
        ],
        healthCheckMeans: [3, 4],
        contributions: { a: 50, b: 50 },
        activity: { a: 3, b: 0 },
        openDisputes: 1,
        decisionLatencies: [10, 20, 30],
      },
      NOW,
    );
    const value = Object.fromEntries(h.components.map((c) => [c.name, c.value]));
    expect(value.kpiProgress).toBeCloseTo(0.5, 12);
    expect(value.milestonesOnTime).toBeCloseTo(2 / 3, 12);
    expect(value.healthCheck).toBeCloseTo(0.75, 12);
    expect(value.contributionBalance).toBeCloseTo(1, 12);
    expect(value.engagement).toBeCloseTo(0.5, 12);
    expect(value.disputes).toBeCloseTo(2 / 3, 12);
    expect(value.decisionLatency).toBeCloseTo(40 / 46, 12);
    // 0.125 + 0.1 + 0.15 + 0.1 + 0.05 + 0.0667 + 0.0870 = 0.6786
    expect(h.score).toBe(68);
    expect(h.rag).toBe('amber');
    expect(h.components.every((c) => c.included && c.effectiveWeight === c.weight)).toBe(true);
    expect(h.components.find((c) => c.name === 'milestonesOnTime')!.explanation).toMatch(
      /1 done without a completion date counted as on time/,
    );
    expect(h.components.find((c) => c.name === 'engagement')!.explanation).toMatch(/No activity from b/);
    expect(h.explanation).toMatch(/^Score 68 \(amber: green ≥ 70, amber ≥ 50\)/);
  });

  it('gives a defined, explained score with no data at all', () => {
    const h = healthScore({}, NOW);
    expect(h.score).toBe(50);
    expect(h.rag).toBe('amber');
    expect(h.components).toHaveLength(7);
    expect(h.components.every((c) => !c.included && c.value === null && c.contribution === 0)).toBe(true);
    expect(h.explanation).toMatch(/Nothing is measured yet/);
  });

  it('leaves out components without data and scales the weights, saying so', () => {
    const h = healthScore({ kpiStatuses: ['on-track'], openDisputes: 3 }, NOW);
    const kpi = h.components.find((c) => c.name === 'kpiProgress')!;
    expect(kpi.effectiveWeight).toBeCloseTo(0.25 / 0.35, 12);
    expect(kpi.explanation).toMatch(
      /Weight 0.25 scaled to 0.714 because components without data are left out/,
    );
    expect(h.score).toBe(71);
    expect(h.rag).toBe('green');
    expect(h.components.find((c) => c.name === 'healthCheck')!.explanation).toBe(
      'No closed health-check cycle yet. Left out of the score.',
    );
  });

  it('handles one member: balance is left out, engagement counts', () => {
    const h = healthScore({ members: ['a'], contributions: { a: 10 }, activity: { a: 6 } }, NOW);
    const balance = h.components.find((c) => c.name === 'contributionBalance')!;
    expect(balance.included).toBe(false);
    expect(balance.explanation).toMatch(/at least two members/);
    expect(h.score).toBe(100);
  });

  it('scores concentrated contributions low (normalized Herfindahl)', () => {
    expect(herfindahl([1, 1, 1, 1])).toBeCloseTo(0.25, 12);
    expect(herfindahl([5, 0])).toBe(1);
    expect(herfindahl([])).toBe(0);
    const h = healthScore({ members: ['a', 'b', 'c'], contributions: { a: 100 } }, NOW);
    expect(h.components.find((c) => c.name === 'contributionBalance')!.value).toBe(0);
    expect(h.score).toBe(0);
    expect(h.rag).toBe('red');
  });

  it('bands red / amber / green at 50 and 70', () => {
    expect([ragOf(49), ragOf(50), ragOf(69), ragOf(70), ragOf(100)]).toEqual([
      'red',
      'amber',
      'amber',
      'green',
      'green',
    ]);
  });

  const inputs: fc.Arbitrary<HealthScoreInputs> = fc.record(
    {
      members: fc.constant(['a', 'b', 'c']),
      kpiStatuses: fc.array(
        fc.constantFrom('on-track' as const, 'at-risk' as const, 'off-track' as const, 'no-data' as const),
        { maxLength: 5 },
      ),
      milestones: fc.array(
        fc.record({
          due: fc.constantFrom('2025-01-01', '2025-06-30', '2025-12-31'),
          status: fc.constantFrom(
            'planned' as const,
            'in-progress' as const,
            'done' as const,
            'slipped' as const,
            'cancelled' as const,
          ),
        }),
        { maxLength: 5 },
      ),
      healthCheckMeans: fc.array(fc.double({ min: 1, max: 5, noNaN: true }), { maxLength: 3 }),
      contributions: fc.dictionary(
        fc.constantFrom('a', 'b', 'c', 'd'),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
      ),
      activity: fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.nat(50)),
      openDisputes: fc.nat(10),
      decisionLatencies: fc.array(fc.double({ min: 0, max: 400, noNaN: true }), { maxLength: 5 }),
    },
    { requiredKeys: [] },
  );

  it('keeps the score in [0, 100] and the effective weights summing to 1 (property)', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const h = healthScore(i, NOW);
        expect(h.score).toBeGreaterThanOrEqual(0);
        expect(h.score).toBeLessThanOrEqual(100);
        expect(Number.isInteger(h.score)).toBe(true);
        expect(h.rag).toBe(ragOf(h.score));
        const included = h.components.filter((c) => c.included);
        if (included.length) {
          expect(included.reduce((s, c) => s + c.effectiveWeight, 0)).toBeCloseTo(1, 9);
          expect(Math.abs(included.reduce((s, c) => s + c.contribution, 0) - h.score)).toBeLessThanOrEqual(1);
          for (const c of included) {
            expect(c.value).toBeGreaterThanOrEqual(0);
            expect(c.value).toBeLessThanOrEqual(1);
            expect(c.effectiveWeight / c.weight).toBeCloseTo(
              included[0]!.effectiveWeight / included[0]!.weight,
              9,
            );
          }
        } else expect(h.score).toBe(50);
        expect(JSON.stringify(h)).not.toMatch(/NaN/);
      }),
    );
  });
});
