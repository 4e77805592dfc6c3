import { describe, expect, it } from 'vitest';
import { ValidationError } from '../model/problem.ts';
import { DEFAULT_GATES, evaluateGate, type GateSubject } from './gates.ts';
import { DEFAULT_CHECKLIST_IDS, GatesSchema, PilotSchema } from './schema.ts';
import {
  editGate,
  nextStage,
  previousStage,
  stageStatus,
  tickChecklistItem,
  untickChecklistItem,
} from './stage-status.ts';

const NOW = '2025-06-30';
const pilot = PilotSchema.parse({
  id: 'pl1',
  name: 'Home infusion pilot',
  status: 'planned',
  hypotheses: [
    { assumption: 'Clinics adopt it', test: 'Offer it in 3 clinics', metric: 'adoption', threshold: 0.3 },
  ],
});
const subject = (over: Partial<GateSubject> = {}): GateSubject => ({
  stage: 'exploring',
  members: [{ actor: 'a' }, { actor: 'b' }],
  charter: { purpose: 'x' },
  pilots: [pilot],
  kpis: [],
  ...over,
});

describe('nextStage / previousStage', () => {
  it('follows the lifecycle; evolving and dissolved have no next stage', () => {
    expect(
      ['exploring', 'pilot', 'scaling', 'evolving', 'dissolved'].map((s) => nextStage(s as never)),
    ).toEqual(['pilot', 'scaling', 'evolving', null, null]);
    expect(previousStage('pilot')).toBe('exploring');
    expect(previousStage('evolving')).toBe('scaling');
  });
});

describe('stageStatus', () => {
  it('evaluates the gate into the next stage and previews every gate', () => {
    const s = stageStatus({ ...subject(), stageHistory: [] }, NOW);
    expect(s.next).toBe('pilot');
    expect(s.gate).toEqual(evaluateGate(subject(), 'pilot', NOW));
    expect(s.gate!.pass).toBe(false);
    // Unmet: the four checklist items and the KPI count.
    expect(s.gate!.items.filter((i) => !i.met).map((i) => i.id)).toEqual([
      ...DEFAULT_CHECKLIST_IDS.pilot,
      'min-kpis',
    ]);
    expect(s.gates.map((g) => g.to)).toEqual(['pilot', 'scaling', 'evolving']);
    expect(s.gates[1]!.preview.from).toBe('pilot');
    expect(s.gates[1]!.preview.items.some((i) => i.kind === 'transition')).toBe(false);
    expect(s.gates[0]!.thresholds).toEqual(DEFAULT_GATES.pilot.thresholds);
    expect(s.gates[0]!.customized).toEqual({ checklist: false, thresholds: [], kpiTargets: false });
    expect(s.moves.map((m) => [m.to, m.pass])).toEqual([
      ['pilot', false],
      ['scaling', false],
      ['evolving', false],
      ['dissolved', true],
    ]);
  });

  it('shows ticks, edits and switched-off thresholds; no gate in the last stage', () => {
    const gates = GatesSchema.parse([
      {
        to: 'pilot',
        thresholds: { minKpis: null, minMembers: 3 },
        met: [{ item: 'shared-purpose', evidence: 'Signed letter of intent', at: '2025-02-01', by: 'a' }],
      },
    ]);
    const s = stageStatus(subject({ gates }), NOW);
    expect(s.gates[0]!.thresholds).toEqual({ minMembers: 3, requireCharter: true, minPilots: 1 });
    expect([...s.gates[0]!.customized.thresholds].sort()).toEqual(['minKpis', 'minMembers']);
    expect(s.gates[0]!.checklist[0]!.met).toMatchObject({ evidence: 'Signed letter of intent', by: 'a' });
    expect(s.gates[0]!.checklist[1]!.met).toBeUndefined();
    const last = stageStatus(subject({ stage: 'evolving' }), NOW);
    expect([last.next, last.gate]).toEqual([null, null]);
  });
});

describe('tickChecklistItem / untickChecklistItem', () => {
  it('ticks an item with evidence into a new or existing gate entry, replacing an earlier tick', () => {
    const g1 = tickChecklistItem(undefined, 'pilot', {
      item: 'shared-purpose',
      evidence: '  Letter of intent  ',
      at: '2025-03-01',
      by: 'a',
    });
    expect(g1).toEqual({
      to: 'pilot',
      met: [{ item: 'shared-purpose', evidence: 'Letter of intent', at: '2025-03-01', by: 'a' }],
    });
    const g2 = tickChecklistItem([g1], 'pilot', {
      item: 'shared-purpose',
      evidence: 'Signed MoU',
      at: '2025-04-01',
      by: null,
    });
    expect(g2.met).toEqual([{ item: 'shared-purpose', evidence: 'Signed MoU', at: '2025-04-01' }]);
    expect(GatesSchema.safeParse([g2]).success).toBe(true);
    expect(untickChecklistItem([g2], 'pilot', 'shared-purpose').met).toEqual([]);
  });

  it('refuses an item not on the checklist, empty evidence, and unticking what is not ticked', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('expected a ValidationError');
    };
    const e1 = err(() => tickChecklistItem(undefined, 'scaling', { item: 'nda', evidence: 'x', at: NOW }));
    expect(e1.problems[0]).toMatchObject({ path: ['item'], code: 'unknown_reference' });
    expect(e1.problems[0]!.message).toMatch(/model-validated, processes-refined, trust-built/);
    const own = GatesSchema.parse([
      { to: 'scaling', checklist: [{ id: 'nda', criterion: 'Mutual NDA signed' }] },
    ]);
    expect(tickChecklistItem(own, 'scaling', { item: 'nda', evidence: 'Signed', at: NOW }).met).toHaveLength(
      1,
    );
    expect(
      err(() => tickChecklistItem(undefined, 'pilot', { item: 'shared-purpose', evidence: '   ', at: NOW }))
        .problems[0]!.path,
    ).toEqual(['evidence']);
    expect(err(() => untickChecklistItem(undefined, 'pilot', 'shared-purpose')).problems[0]!.code).toBe(
      'not_met',
    );
  });
});

describe('editGate', () => {
  const ticked = GatesSchema.parse([
    {
      to: 'scaling',
      met: [
        { item: 'model-validated', evidence: 'Board minutes' },
        { item: 'trust-built', evidence: 'Survey' },
      ],
    },
  ]);

  it('replaces the checklist and drops ticks of items no longer on it', () => {
    const { gate, dropped } = editGate(ticked, 'scaling', {
      checklist: [
        { id: 'model-validated', criterion: 'The model is validated by every member' },
        { id: 'nda', criterion: 'Mutual NDA signed' },
      ],
    });
    expect(dropped).toEqual(['trust-built']);
    expect(gate.met).toEqual([{ item: 'model-validated', evidence: 'Board minutes' }]);
    expect(GatesSchema.safeParse([gate]).success).toBe(true);
  });

  it('keeps only thresholds that differ from the default; null goes back to the defaults', () => {
    const { gate } = editGate(undefined, 'scaling', {
      thresholds: { minLessons: 1, minHealthCheckMean: 4, maxOpenDisputes: null },
      kpiTargets: [{ kpi: 'k1', progress: 0.5 }],
    });
    expect(gate).toEqual({
      to: 'scaling',
      thresholds: { minHealthCheckMean: 4 },
      kpiTargets: [{ kpi: 'k1', progress: 0.5 }],
    });
    const off = editGate(undefined, 'scaling', { thresholds: { minLessons: null } });
    expect(off.gate.thresholds).toEqual({ minLessons: null });
    const reset = editGate(
      [{ ...gate, checklist: [{ id: 'x', criterion: 'X' }], met: [{ item: 'x' }] }],
      'scaling',
      { checklist: null, thresholds: null, kpiTargets: null },
    );
    expect(reset).toEqual({ gate: { to: 'scaling' }, dropped: ['x'] });
  });
});
