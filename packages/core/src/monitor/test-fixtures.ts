/**
 * Test data factories for the monitor and pilot modules (used by their tests
 * only): a small partnership of three organizations with one planning clock
 * each (seed 002: a biotech in quarters, a hospital in annual budgets, a
 * public body in multi-year policy windows).
 */
import type { HealthCheckInput, KpiInput, Milestone } from './schema.ts';

export const BIOTECH = 'biotech';
export const HOSPITAL = 'hospital';
export const MINISTRY = 'ministry';

export function milestone(over: Partial<Milestone> & { id: string }): Milestone {
  return { name: `Milestone ${over.id}`, owner: BIOTECH, due: '2025-06-30', status: 'planned', ...over };
}

export function kpi(over: Partial<KpiInput> = {}): KpiInput {
  return {
    id: 'k1',
    name: 'Patients enrolled',
    unit: 'patients',
    baseline: 0,
    target: 100,
    direction: 'increase',
    targetDate: '2025-12-31',
    measurements: [],
    ...over,
  };
}

/** A closed health-check cycle where each organization gives the same score on every default dimension (or per-dimension overrides). */
export function healthCheck(
  id: string,
  opened: string,
  closed: string | undefined,
  scores: Record<string, number | Record<string, number>>,
): HealthCheckInput {
  const dims = [
    'strategic-fit',
    'trust',
    'communication',
    'governance',
    'value-creation',
    'operational-execution',
  ];
  return {
    id,
    opened,
    ...(closed ? { closed } : {}),
    answers: Object.entries(scores).flatMap(([organization, s]) =>
      dims.map((dimension) => ({
        organization,
        dimension,
        score: typeof s === 'number' ? s : (s[dimension] ?? 3),
      })),
    ),
  };
}

/** A raw document (as written by hand) with one partnership carrying every monitoring list. */
export function sampleDocument(): {
  actors: {
    id: string;
    name: string;
    capabilities?: string[];
    clock?: { cadence: 'quarterly' | 'semiannual' | 'annual' | 'multiyear'; fiscalYearStart?: number };
  }[];
  relationships: { from: string; to: string }[];
  partnerships: Record<string, unknown>[];
} {
  return {
    actors: [
      {
        id: BIOTECH,
        name: 'Helix Bio',
        capabilities: ['gene therapy', 'trials'],
        clock: { cadence: 'quarterly' },
      },
      {
        id: HOSPITAL,
        name: 'City Hospital',
        capabilities: ['clinical validation'],
        clock: { cadence: 'annual', fiscalYearStart: 1 },
      },
      {
        id: MINISTRY,
        name: 'Health Ministry',
        capabilities: ['reimbursement'],
        clock: { cadence: 'multiyear' },
      },
    ],
    relationships: [{ from: BIOTECH, to: HOSPITAL }],
    partnerships: [
      {
        id: 'p1',
        name: 'Gene therapy access',
        stage: 'pilot',
        members: [{ actor: BIOTECH }, { actor: HOSPITAL }, { actor: MINISTRY }],
        milestones: [
          {
            id: 'm1',
            name: 'Protocol agreed',
            owner: BIOTECH,
            due: '2025-03-31',
            status: 'done',
            completed: '2025-03-20',
          },
          {
            id: 'm2',
            name: 'First patients',
            owner: HOSPITAL,
            due: '2025-05-31',
            status: 'in-progress',
            dependsOn: ['m1'],
            decisionBy: [HOSPITAL],
          },
        ],
        kpis: [
          kpi({
            measurements: [
              { date: '2025-01-31', value: 10 },
              { date: '2025-03-31', value: 20 },
            ],
          }),
        ],
        healthChecks: [
          healthCheck('2025-q1', '2025-03-01', '2025-03-15', {
            [BIOTECH]: 4,
            [HOSPITAL]: { trust: 2 },
            [MINISTRY]: 4,
          }),
        ],
        ledger: [
          { kind: 'contribution', actor: BIOTECH, value: 800, date: '2025-01-15' },
          { kind: 'contribution', actor: HOSPITAL, value: 150, date: '2025-02-15' },
          { kind: 'contribution', actor: MINISTRY, value: 50, date: '2025-02-20' },
          { kind: 'benefit', actor: BIOTECH, value: 100, date: '2025-03-01' },
          { kind: 'benefit', actor: HOSPITAL, value: 100, date: '2025-03-01' },
        ],
        disputes: [{ status: 'open', opened: '2025-04-01' }],
        decisions: [{ status: 'decided', opened: '2025-02-01', decided: '2025-02-11' }],
      },
    ],
  };
}
