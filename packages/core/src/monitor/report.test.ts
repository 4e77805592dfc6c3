import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDocument, type EcosystemDocument } from '../model/index.ts';
import { analyzeAllPartnershipsHealth } from './from-document.ts';
import { buildExecutiveReport, fmtAmount, SEVERITY_RANK } from './report.ts';

const file = fileURLToPath(new URL('../../../../examples/rare-disease-ecosystem.yaml', import.meta.url));
const read = readDocument(readFileSync(file, 'utf8'), { file });
if (!read.ok) throw new Error('example is invalid');
const doc: EcosystemDocument = read.document;
const TODAY = '2026-12-01';
const health = analyzeAllPartnershipsHealth(doc, TODAY);
const GENE = health['gene-therapy-access-ppp']!.health.score;

describe('executive report', () => {
  it('leads the portfolio with what needs attention, most severe and weakest partnership first', () => {
    const r = buildExecutiveReport(doc, health, { today: TODAY });
    expect(r.scope).toBe('portfolio');
    expect(r.summary.partnerships).toBe(doc.partnerships.length);
    expect(r.summary.red + r.summary.amber + r.summary.green).toBe(doc.partnerships.length);
    expect(r.summary.red).toBe(1);
    const ranks = r.attention.map((a) => SEVERITY_RANK[a.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // The red partnership's health score comes first among the critical items.
    expect(r.attention[0]).toMatchObject({
      partnershipId: 'gene-therapy-access-ppp',
      kind: 'health-score',
      severity: 'critical',
    });
    expect(GENE).toBeLessThan(50);
    expect(r.headline).toContain(`start with Gene Therapy Access Partnership (score ${GENE}, red)`);
    // Every signal the health computation raised is in the list, with its action.
    const signals = Object.values(health).reduce((n, h) => n + h.signals.length, 0);
    expect(
      r.attention.filter(
        (a) => !['health-score', 'milestone-overdue', 'kpi-off-track', 'health-check-open'].includes(a.kind),
      ),
    ).toHaveLength(signals);
    expect(r.attention.every((a) => a.action.length > 10 && a.evidence.length > 0)).toBe(true);
    expect(r.rules.join(' ')).toMatch(/KPI progress 0.25/);
  });

  it('reports one partnership: overdue milestones, KPI statuses, the latest health check and the ledger per member', () => {
    const r = buildExecutiveReport(doc, health, { today: TODAY, partnershipId: 'gene-therapy-access-ppp' });
    expect(r.scope).toBe('partnership');
    expect(r.partnerships).toHaveLength(1);
    const p = r.partnerships[0]!;
    expect(p.milestones.overdue.map((m) => m.id).sort()).toEqual(['eight-centres', 'second-courier']);
    expect(p.milestones.overdue[0]!.daysLate).toBe(154);
    expect(
      r.attention.filter((a) => a.kind === 'milestone-overdue').every((a) => a.severity === 'critical'),
    ).toBe(true);
    expect(p.kpis.length).toBeGreaterThan(0);
    expect(p.healthCheck).toMatchObject({ cycle: '2026-q3', closed: '2026-10-16', respondents: 5 });
    const value = p.healthCheck!.dimensions.find((d) => d.id === 'value-creation')!;
    expect(value).toMatchObject({
      flagged: true,
      gap: 3,
      lowest: { organization: 'rare-voices-europe', mean: 2 },
    });
    expect(p.value.currency).toBe('EUR');
    expect(p.value.totalContributed).toBe(p.value.members.reduce((s, m) => s + m.contributed, 0));
    expect(p.value.members.find((m) => m.actor === 'rare-voices-europe')!.flagged).toBe(true);
    expect(p.trend).toEqual([{ day: TODAY, score: GENE }]);
    expect(r.headline.startsWith(`Gene Therapy Access Partnership scores ${GENE} of 100 (red)`)).toBe(true);
  });

  it('uses the score history when given, and who answered an open cycle when told', () => {
    const open = structuredClone(doc);
    const p = open.partnerships.find((x) => x.id === 'rwd-platform-alliance')!;
    p.healthChecks = [{ id: 'now', opened: '2026-11-20', answers: [] }];
    const h = analyzeAllPartnershipsHealth(open, TODAY);
    const r = buildExecutiveReport(open, h, {
      today: TODAY,
      partnershipId: 'rwd-platform-alliance',
      history: {
        'rwd-platform-alliance': [
          { day: '2026-11-01', score: 55 },
          { day: '2026-11-15', score: 52 },
        ],
      },
      respondents: { 'rwd-platform-alliance': { now: ['stratocloud-systems'] } },
    });
    const rp = r.partnerships[0]!;
    expect(rp.trend.map((t) => t.score)).toEqual([55, 52, 50]);
    expect(rp.openCycles[0]).toMatchObject({ id: 'now', respondents: ['stratocloud-systems'] });
    expect(rp.openCycles[0]!.awaiting).toHaveLength(5);
    const item = r.attention.find((a) => a.kind === 'health-check-open')!;
    expect(item.severity).toBe('info');
    expect(item.evidence[0]).toMatch(/1 of 6 member organizations answered \(6 dimensions\)/);
  });

  it('names the known partnerships when asked for an unknown one', () => {
    expect(() => buildExecutiveReport(doc, health, { today: TODAY, partnershipId: 'nope' })).toThrow(
      /known: newborn-screening-consortium/,
    );
  });

  it('formats amounts for people', () => {
    expect([fmtAmount(12_400_000), fmtAmount(270_000), fmtAmount(950), fmtAmount(2.5e9)]).toEqual([
      '12.4M',
      '270k',
      '950',
      '2.5bn',
    ]);
  });
});
