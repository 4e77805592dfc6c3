import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE, healthCheckResults, healthCheckTrend } from './health-check.ts';
import { HealthCheckSchema } from './schema.ts';
import { BIOTECH, HOSPITAL, MINISTRY, healthCheck } from './test-fixtures.ts';

const cycle = (...args: Parameters<typeof healthCheck>) => HealthCheckSchema.parse(healthCheck(...args));

describe('DEFAULT_TEMPLATE', () => {
  it('covers the six dimensions with one-sentence prompts', () => {
    expect(DEFAULT_TEMPLATE.dimensions.map((d) => d.name)).toEqual([
      'Strategic fit',
      'Trust',
      'Communication',
      'Governance effectiveness',
      'Value creation',
      'Operational execution',
    ]);
    for (const d of DEFAULT_TEMPLATE.dimensions) expect(d.prompt).toMatch(/^[A-Z][^.]*\.$/);
  });
});

describe('healthCheckResults', () => {
  const c = cycle('2025-q1', '2025-03-01', '2025-03-15', {
    [BIOTECH]: 4,
    [HOSPITAL]: { trust: 2, communication: 5 },
  });

  it('keeps answers private while the cycle is open', () => {
    const r = healthCheckResults(c, '2025-03-10', { members: [BIOTECH, HOSPITAL, MINISTRY] });
    expect(r).toMatchObject({
      isClosed: false,
      dimensions: [],
      perceptionGaps: [],
      respondents: [BIOTECH, HOSPITAL],
      awaiting: [MINISTRY],
    });
    expect(r.mean).toBeUndefined();
    expect(JSON.stringify(r)).not.toMatch(/"score"|"mean"/);
    expect(r.explanation).toMatch(/private until it closes/);
    const never = healthCheckResults(cycle('c', '2025-01-01', undefined, { [BIOTECH]: 3 }), '2030-01-01');
    expect(never.isClosed).toBe(false);
  });

  it('gives per-dimension means, per-organization means and perception gaps once closed', () => {
    const r = healthCheckResults(c, '2025-03-15');
    expect(r.isClosed).toBe(true);
    const trust = r.dimensions.find((d) => d.dimension === 'trust')!;
    expect(trust).toMatchObject({
      mean: 3,
      n: 2,
      byOrganization: [
        { organization: BIOTECH, mean: 4, n: 1 },
        { organization: HOSPITAL, mean: 2, n: 1 },
      ],
    });
    // dimension means: 3.5 (fit), 3 (trust), 4.5 (comm), 3.5, 3.5, 3.5 → 21.5 / 6
    expect(r.mean).toBeCloseTo(21.5 / 6, 12);
    expect(r.perceptionGaps.find((g) => g.dimension === 'trust')).toEqual({
      dimension: 'trust',
      name: 'Trust',
      gap: 2,
      highest: { organization: BIOTECH, mean: 4 },
      lowest: { organization: HOSPITAL, mean: 2 },
      flagged: true,
    });
    expect(r.perceptionGaps.find((g) => g.dimension === 'strategic-fit')!.flagged).toBe(false);
    expect(r.explanation).toMatch(/Perception gap of 1.5 points or more on: Trust \(2\)/);
  });

  it('weighs organizations equally and keeps comments', () => {
    const r = healthCheckResults(
      HealthCheckSchema.parse({
        id: 'c',
        opened: '2025-01-01',
        closed: '2025-01-02',
        answers: [
          { organization: 'a', dimension: 'trust', score: 5, comment: 'great' },
          { organization: 'a', dimension: 'trust', score: 3 },
          { organization: 'b', dimension: 'trust', score: 1 },
        ],
      }),
      '2025-02-01',
    );
    expect(r.dimensions[0]).toMatchObject({ mean: 2.5, n: 3 });
    expect(r.dimensions[0]!.byOrganization[0]).toMatchObject({ mean: 4, comments: ['great'] });
  });

  it('has no gap with one organization, and no mean with no answers', () => {
    const one = healthCheckResults(cycle('c', '2025-01-01', '2025-01-02', { [BIOTECH]: 2 }), '2025-02-01');
    expect(one.perceptionGaps).toEqual([]);
    expect(one.mean).toBe(2);
    const none = healthCheckResults(
      HealthCheckSchema.parse({ id: 'c', opened: '2025-01-01', closed: '2025-01-02' }),
      '2025-02-01',
    );
    expect(none.mean).toBeUndefined();
    expect(none.explanation).toMatch(/no answers/);
  });
});

describe('healthCheckTrend', () => {
  it('orders closed cycles and reports the change', () => {
    const cycles = [
      cycle('q2', '2025-06-01', '2025-06-15', { a: 3, b: 3 }),
      cycle('q1', '2025-03-01', '2025-03-15', { a: 4, b: 4 }),
      cycle('q3', '2025-09-01', undefined, { a: 1 }),
    ];
    const t = healthCheckTrend(cycles, '2025-09-10');
    expect(t.points.map((p) => [p.cycle, p.mean])).toEqual([
      ['q1', 4],
      ['q2', 3],
    ]);
    expect(t.change).toBe(-1);
    expect(t.changeByDimension.trust).toBe(-1);
    expect(t.direction).toBe('declining');
    expect(healthCheckTrend(cycles.slice(0, 1), '2025-09-10').direction).toBe('unknown');
    expect(healthCheckTrend([], '2025-09-10').explanation).toBe('No closed health-check cycle yet.');
  });
});
