import { describe, expect, it } from 'vitest';
import { HealthCheckSchema, KpiSchema } from '../monitor/schema.ts';
import { healthCheck, kpi } from '../monitor/test-fixtures.ts';
import {
  DEFAULT_GATES,
  effectiveGate,
  evaluateGate,
  moveStage,
  StageMoveError,
  type GateSubject,
} from './gates.ts';
import { DEFAULT_CHECKLIST_IDS, GATED_STAGES, GatesSchema, PilotSchema } from './schema.ts';

const NOW = '2025-06-30';
const pilot = PilotSchema.parse({
  id: 'pl1',
  name: 'Home infusion pilot',
  status: 'completed',
  started: '2025-01-10',
  hypotheses: [
    {
      assumption: 'Clinics adopt home infusion',
      test: 'Offer it in 3 clinics',
      metric: 'adoption',
      threshold: 0.3,
      result: { observed: 0.4, met: true },
    },
  ],
  decision: 'go',
  rationale: 'Adoption beat the threshold in every clinic.',
});
const onTrack = KpiSchema.parse(
  kpi({
    measurements: [
      { date: '2025-01-31', value: 20 },
      { date: '2025-03-31', value: 40 },
    ],
  }),
);

function exploring(over: Partial<GateSubject> = {}): GateSubject {
  return {
    stage: 'exploring',
    members: [{ actor: 'a' }, { actor: 'b' }],
    charter: { purpose: 'x' },
    pilots: [pilot],
    kpis: [onTrack],
    gates: GatesSchema.parse([
      { to: 'pilot', met: DEFAULT_CHECKLIST_IDS.pilot.map((item) => ({ item, by: 'a', at: '2025-02-01' })) },
    ]),
    ...over,
  };
}

describe('default gates', () => {
  it('agree with the checklist ids the reference check knows', () => {
    for (const s of GATED_STAGES)
      expect(DEFAULT_GATES[s].checklist.map((c) => c.id)).toEqual(DEFAULT_CHECKLIST_IDS[s]);
  });
});

describe('evaluateGate', () => {
  it('passes into pilot when the checklist is ticked and the thresholds are met', () => {
    const g = evaluateGate(exploring(), 'pilot', NOW);
    expect(g.pass).toBe(true);
    expect(g.items.map((i) => [i.id, i.kind, i.met])).toEqual([
      ['shared-purpose', 'checklist', true],
      ['complementary-capabilities', 'checklist', true],
      ['rules-of-the-game', 'checklist', true],
      ['pilot-scoped', 'checklist', true],
      ['min-members', 'threshold', true],
      ['charter', 'threshold', true],
      ['min-pilots', 'threshold', true],
      ['min-kpis', 'threshold', true],
    ]);
    expect(g.items[0]!.evidence).toBe('Ticked off by a on 2025-02-01.');
  });

  it('lists every criterion not met, with evidence', () => {
    const g = evaluateGate({ stage: 'exploring', members: [{ actor: 'a' }] }, 'pilot', NOW);
    expect(g.pass).toBe(false);
    expect(g.items.filter((i) => !i.met).map((i) => `${i.id}: ${i.evidence}`)).toEqual([
      'shared-purpose: Not ticked off yet.',
      'complementary-capabilities: Not ticked off yet.',
      'rules-of-the-game: Not ticked off yet.',
      'pilot-scoped: Not ticked off yet.',
      'min-members: 1 member organization.',
      'charter: No charter yet.',
      'min-pilots: 0 pilots with at least one hypothesis.',
      'min-kpis: 0 KPIs defined.',
    ]);
    expect(g.summary).toMatch(/does not pass: 8 of 8 criteria not met/);
  });

  it('checks the scaling gate against pilots, lessons, KPIs and health checks', () => {
    const subject = exploring({
      stage: 'pilot',
      lessons: [{ id: 'l1', date: '2025-03-01', happened: 'x', learned: 'y', change: 'z', tags: [] }],
      healthChecks: [HealthCheckSchema.parse(healthCheck('q1', '2025-03-01', '2025-03-15', { a: 4, b: 4 }))],
      gates: GatesSchema.parse([
        {
          to: 'scaling',
          met: DEFAULT_CHECKLIST_IDS.scaling.map((item) => ({
            item,
            evidence: 'steering committee minutes',
          })),
        },
      ]),
    });
    const g = evaluateGate(subject, 'scaling', NOW);
    expect(g.items.filter((i) => i.kind === 'threshold').map((i) => [i.id, i.met, i.evidence])).toEqual([
      ['pilots-go', true, 'Decided go: Home infusion pilot.'],
      ['min-lessons', true, '1 lesson logged.'],
      ['kpis-on-track', true, '1 of 1 KPI with measurements on track (100%).'],
      ['health-checks', true, '1 closed cycle with answers.'],
      ['health-check-mean', true, 'Mean 4 in "q1" (closed 2025-03-15).'],
    ]);
    expect(g.pass).toBe(true);
    const low = evaluateGate(
      {
        ...subject,
        healthChecks: [
          HealthCheckSchema.parse(healthCheck('q1', '2025-03-01', '2025-03-15', { a: 3, b: 3 })),
        ],
      },
      'scaling',
      NOW,
    );
    expect(low.pass).toBe(false);
    expect(low.items.find((i) => i.id === 'health-check-mean')!.met).toBe(false);
  });

  it("applies the partnership's own checklist, thresholds (null switches off) and KPI targets", () => {
    const gates = GatesSchema.parse([
      {
        to: 'pilot',
        checklist: [{ id: 'nda', criterion: 'Mutual NDA signed' }],
        thresholds: { requireCharter: null, minKpis: 2 },
        kpiTargets: [{ kpi: 'k1', progress: 0.5 }],
        met: [{ item: 'nda' }],
      },
    ]);
    const eff = effectiveGate({ gates }, 'pilot');
    expect(eff.thresholds).toEqual({ minMembers: 2, requireCharter: null, minPilots: 1, minKpis: 2 });
    const g = evaluateGate(exploring({ gates, charter: undefined }), 'pilot', NOW);
    expect(g.items.map((i) => [i.id, i.met])).toEqual([
      ['nda', true],
      ['min-members', true],
      ['min-pilots', true],
      ['min-kpis', false],
      ['kpi:k1', false],
    ]);
    expect(g.items.at(-1)!.evidence).toBe('40% of the way (latest 40 on 2025-03-31).');
  });

  it('never passes a skip, a move back or a revival; dissolving needs no gate', () => {
    const skip = evaluateGate(exploring(), 'scaling', NOW);
    expect(skip.pass).toBe(false);
    expect(skip.items[0]).toMatchObject({
      kind: 'transition',
      met: false,
      evidence: '"exploring" → "scaling" skips "pilot".',
    });
    expect(evaluateGate(exploring({ stage: 'scaling' }), 'pilot', NOW).items[0]!.evidence).toMatch(
      /Moving back/,
    );
    expect(evaluateGate(exploring({ stage: 'scaling' }), 'exploring', NOW).pass).toBe(false);
    expect(evaluateGate(exploring({ stage: 'dissolved' }), 'exploring', NOW).items[0]!.evidence).toMatch(
      /revived only by an override/,
    );
    expect(evaluateGate(exploring({ stage: 'scaling' }), 'dissolved', NOW)).toMatchObject({ pass: true });
    expect(evaluateGate(exploring(), 'exploring', NOW).pass).toBe(false);
  });
});

describe('moveStage', () => {
  it('moves when the gate passes and returns the history entry', () => {
    expect(moveStage(exploring(), 'pilot', { now: NOW, by: 'a' })).toMatchObject({
      stage: 'pilot',
      entry: { from: 'exploring', to: 'pilot', at: NOW, by: 'a' },
      gate: { pass: true },
    });
    expect(moveStage(exploring(), 'dissolved', { now: NOW }).entry).toEqual({
      from: 'exploring',
      to: 'dissolved',
      at: NOW,
    });
  });

  it('refuses a failing gate without an override, and an override without a rationale', () => {
    const bare: GateSubject = { stage: 'exploring', members: [] };
    expect(() => moveStage(bare, 'pilot', { now: NOW })).toThrow(StageMoveError);
    try {
      moveStage(bare, 'pilot', { now: NOW, override: { rationale: '   ' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StageMoveError);
      expect((e as StageMoveError).code).toBe('override_rationale_required');
      expect((e as StageMoveError).gate.pass).toBe(false);
    }
    expect(() => moveStage(exploring(), 'exploring', { now: NOW })).toThrow(/already in stage/);
  });

  it('logs an override with its rationale and what was not met', () => {
    const m = moveStage(exploring(), 'scaling', {
      now: '2025-06-30T10:00:00Z',
      by: 'a',
      override: { rationale: ' Board mandate to scale now. ' },
    });
    expect(m.stage).toBe('scaling');
    expect(m.entry.override!.rationale).toBe('Board mandate to scale now.');
    expect(m.entry.override!.unmet![0]).toBe(
      'One stage at a time, forward — "exploring" → "scaling" skips "pilot".',
    );
    expect(m.entry.at).toBe('2025-06-30');
  });
});
