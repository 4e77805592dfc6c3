import { describe, expect, it } from 'vitest';
import { checkMonitoringReferences } from '../monitor/schema.ts';
import { checkPilotReferences, GateSchema, LessonSchema, PilotSchema, StageChangeSchema } from './schema.ts';

const messages = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('pilot schemas', () => {
  it('accept a pilot, a lesson, a gate and a stage change', () => {
    expect(
      PilotSchema.safeParse({
        id: 'p',
        name: 'Pilot',
        status: 'running',
        hypotheses: [{ assumption: 'a', test: 't', metric: 'm', threshold: '≥ 30%' }],
      }).success,
    ).toBe(true);
    expect(
      LessonSchema.parse({ id: 'l', date: '2025-01-01', happened: 'h', learned: 'l', change: 'c' }).tags,
    ).toEqual([]);
    expect(
      GateSchema.safeParse({ to: 'scaling', thresholds: { minHealthCheckMean: 4, maxOpenDisputes: null } })
        .success,
    ).toBe(true);
    expect(
      StageChangeSchema.safeParse({
        from: 'pilot',
        to: 'scaling',
        at: '2025-01-01',
        override: { rationale: 'why' },
      }).success,
    ).toBe(true);
  });

  it('need a rationale for a decision and for an override', () => {
    expect(
      messages(PilotSchema.safeParse({ id: 'p', name: 'P', status: 'completed', decision: 'stop' })),
    ).toEqual(['rationale: a "stop" decision needs a written rationale']);
    expect(
      messages(
        StageChangeSchema.safeParse({
          from: 'pilot',
          to: 'scaling',
          at: '2025-01-01',
          override: { rationale: '  ' },
        }),
      ),
    ).toEqual(['override.rationale: expected non-empty text']);
  });

  it('name the field of bad values', () => {
    expect(
      messages(
        PilotSchema.safeParse({ id: 'p', name: 'P', status: 'done', decision: 'maybe', rationale: 'r' }),
      ),
    ).toEqual([
      'status: unknown pilot status "done"; expected one of: planned, running, completed, cancelled',
      'decision: unknown pilot decision "maybe"; expected one of: go, iterate, stop',
    ]);
    expect(
      messages(GateSchema.safeParse({ to: 'exploring', thresholds: { minKpisOnTrackShare: 1.5 } })),
    ).toEqual([
      'to: unknown gated stage "exploring"; expected one of: pilot, scaling, evolving',
      'thresholds.minKpisOnTrackShare: expected a number from 0 to 1',
    ]);
    expect(
      messages(
        LessonSchema.safeParse({ id: 'l', date: '2025-13-01', happened: 'h', learned: 'l', change: 'c' }),
      ),
    ).toEqual(['date: "2025-13-01" is not a real calendar date']);
  });
});

describe('checkPilotReferences', () => {
  it('reports duplicate gates, unknown checklist items, KPIs, pilots and actors', () => {
    const p = {
      kpis: [{ id: 'k1' }],
      pilots: [{ id: 'p1' }, { id: 'p1' }],
      gates: [
        {
          to: 'pilot',
          met: [
            { item: 'shared-purpose', by: 'a' },
            { item: 'vibes', by: 'ghost' },
          ],
          kpiTargets: [{ kpi: 'k2', progress: 1 }],
        },
        { to: 'pilot', checklist: [{ id: 'nda', criterion: 'x' }], met: [{ item: 'shared-purpose' }] },
      ],
      lessons: [{ id: 'l1', pilot: 'p9', by: 'a' }],
      stageHistory: [{ by: 'ghost' }],
    };
    const problems = checkPilotReferences(p, new Set(['a']), new Set(['a'])).map(
      (x) => `${x.path.join('.')}: ${x.message}`,
    );
    expect(problems).toEqual([
      'gates.1.to: duplicate gate for stage "pilot" (first used at gates[0])',
      'pilots.1.id: duplicate pilot id "p1" (first used at pilots[0])',
      'gates.0.met.1.item: "vibes" is not on this gate\'s checklist; expected one of: shared-purpose, complementary-capabilities, rules-of-the-game, pilot-scoped',
      'gates.0.met.1.by: unknown actor id "ghost"',
      'gates.0.kpiTargets.0.kpi: unknown KPI id "k2"',
      'gates.1.met.0.item: "shared-purpose" is not on this gate\'s checklist; expected one of: nda',
      'lessons.0.pilot: unknown pilot id "p9"',
      'stageHistory.0.by: unknown actor id "ghost"',
    ]);
    expect(checkMonitoringReferences(p, ['a'], ['a'])).toHaveLength(8);
  });
});
