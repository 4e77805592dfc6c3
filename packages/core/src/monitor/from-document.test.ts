import { describe, expect, it } from 'vitest';
import { ValidationError } from '../model/problem.ts';
import {
  analyzeAllPartnershipsHealth,
  analyzePartnershipHealth,
  partnershipClocks,
  partnershipMonitoringInputs,
} from './from-document.ts';
import { BIOTECH, HOSPITAL, MINISTRY, sampleDocument } from './test-fixtures.ts';

const NOW = '2025-06-30';

describe('partnershipMonitoringInputs', () => {
  it('derives plain inputs from the document', () => {
    const { health, signals } = partnershipMonitoringInputs(sampleDocument(), 'p1', NOW);
    expect(health.members).toEqual([BIOTECH, HOSPITAL, MINISTRY]);
    expect(health.kpiStatuses).toEqual(['off-track']);
    expect(health.healthCheckMeans![0]).toBeCloseTo((10 / 3 + 5 * (11 / 3)) / 6, 12);
    expect(health.contributions).toEqual({ [BIOTECH]: 800, [HOSPITAL]: 150, [MINISTRY]: 50 });
    expect(health.activity).toEqual({ [BIOTECH]: 0, [HOSPITAL]: 0, [MINISTRY]: 0 });
    expect(health.openDisputes).toBe(1);
    expect(health.decisionLatencies).toEqual([10]);
    expect(signals.fragmentation).toEqual({ isolated: [MINISTRY] });
    expect(signals.capabilities![BIOTECH]).toEqual(['gene therapy', 'trials']);
    // activity: 5 ledger entries, 1 milestone completed, 3 organizations answering one cycle
    expect(signals.activity).toHaveLength(9);
    expect(signals.sharedItems).toHaveLength(3);
  });

  it('leaves out what the document does not hold', () => {
    const doc = sampleDocument();
    doc.partnerships[0] = { id: 'p1', name: 'Bare', stage: 'exploring', members: [{ actor: BIOTECH }] };
    const { health, signals } = partnershipMonitoringInputs(doc, 'p1', NOW);
    expect(health).toEqual({ members: [BIOTECH], names: { [BIOTECH]: 'Helix Bio' } });
    expect(signals.ledger).toBeUndefined();
    expect(signals.disputes).toBeUndefined();
  });

  it('skips loose entries of another shape', () => {
    const doc = sampleDocument();
    doc.partnerships[0]!.ledger = [
      { kind: 'gift', actor: BIOTECH, value: 1, date: '2025-01-01' },
      { kind: 'benefit', actor: BIOTECH, value: 'x', date: '2025-01-01' },
      7,
    ];
    doc.partnerships[0]!.disputes = [{ status: 'open' }, { opened: 'yesterday' }];
    const { health } = partnershipMonitoringInputs(doc, 'p1', NOW);
    expect(health.contributions).toEqual({ [BIOTECH]: 0, [HOSPITAL]: 0, [MINISTRY]: 0 });
    expect(health.openDisputes).toBe(0);
  });
});

describe('analyzePartnershipHealth', () => {
  it('gives the health score and the vitality signals', () => {
    const r = analyzePartnershipHealth(sampleDocument(), 'p1', NOW);
    expect(r.health.score).toBe(42);
    expect(r.health.rag).toBe('red');
    expect(r.health.components.map((c) => c.name)).toEqual([
      'kpiProgress',
      'milestonesOnTime',
      'healthCheck',
      'contributionBalance',
      'engagement',
      'disputes',
      'decisionLatency',
    ]);
    expect(r.health.components.find((c) => c.name === 'contributionBalance')!.explanation).toMatch(
      /^Contribution shares: Helix Bio 80%, City Hospital 15%, Health Ministry 5%/,
    );
    expect(r.signals.map((s) => [s.kind, s.severity])).toEqual([
      ['contribution-imbalance', 'critical'],
      ['dependency', 'critical'],
      ['defection-risk', 'critical'],
      ['loss-of-direction', 'critical'],
      ['fragmentation', 'warning'],
      ['perception-gap', 'warning'],
    ]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('works for every partnership, and for one with no data at all', () => {
    const doc = sampleDocument();
    doc.partnerships.push({ id: 'p2', name: 'Empty', stage: 'exploring', members: [] });
    const all = analyzeAllPartnershipsHealth(doc, NOW);
    expect(Object.keys(all)).toEqual(['p1', 'p2']);
    expect(all.p2!.health).toMatchObject({ score: 50, rag: 'amber' });
    expect(all.p2!.signals).toEqual([]);
  });

  it('names an unknown partnership and a bad field with its document path', () => {
    expect(() => analyzePartnershipHealth(sampleDocument(), 'nope', NOW)).toThrow(
      'unknown partnership id "nope"; known: p1',
    );
    const doc = sampleDocument();
    (doc.partnerships[0]!.kpis as { measurements: { date: string }[] }[])[0]!.measurements[1]!.date =
      '2025-3-31';
    try {
      analyzePartnershipHealth(doc, 'p1', NOW);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).problems[0]!.path).toEqual([
        'partnerships',
        0,
        'kpis',
        0,
        'measurements',
        1,
        'date',
      ]);
      expect((e as ValidationError).message).toMatch(
        /partnerships\[0\]\.kpis\[0\]\.measurements\[1\]\.date: expected a date as YYYY-MM-DD/,
      );
    }
  });
});

describe('partnershipClocks', () => {
  it('gives each member its clock', () => {
    expect(partnershipClocks(sampleDocument(), 'p1')).toEqual([
      { actor: BIOTECH, name: 'Helix Bio', clock: { cadence: 'quarterly' } },
      { actor: HOSPITAL, name: 'City Hospital', clock: { cadence: 'annual', fiscalYearStart: 1 } },
      { actor: MINISTRY, name: 'Health Ministry', clock: { cadence: 'multiyear' } },
    ]);
  });
});
