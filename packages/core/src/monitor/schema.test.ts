import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatesSchema, LessonsSchema, PilotsSchema, StageHistorySchema } from '../pilot/schema.ts';
import {
  attachMeasurements,
  HealthChecksSchema,
  KpisSchema,
  MilestonesSchema,
  checkMonitoringReferences,
  HealthCheckSchema,
  KpiSchema,
  MilestoneSchema,
  monitoringDocumentCheck,
} from './schema.ts';
import { BIOTECH, HOSPITAL, MINISTRY, healthCheck, kpi, sampleDocument } from './test-fixtures.ts';

const members = [BIOTECH, HOSPITAL];
const actors = [BIOTECH, HOSPITAL, MINISTRY];
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => ({ path: i.path, message: i.message }));

describe('monitoring schemas', () => {
  it('accepts a full milestone, KPI and health check', () => {
    expect(
      MilestoneSchema.safeParse({
        id: 'm1',
        name: 'Go live',
        owner: 'a',
        due: '2025-06-30',
        status: 'planned',
        value: 'first patients',
        dependsOn: [],
        decisionBy: ['a'],
      }).success,
    ).toBe(true);
    const k = KpiSchema.parse(kpi());
    expect(k.measurements).toEqual([]);
    expect(
      HealthCheckSchema.parse(healthCheck('c1', '2025-01-01', '2025-01-31', { a: 3 })).answers,
    ).toHaveLength(6);
  });

  it('names the field of a date in the wrong format or not on the calendar', () => {
    const bad = KpiSchema.safeParse(
      kpi({ targetDate: '31/12/2025', measurements: [{ date: '2025-02-30', value: 1 }] }),
    );
    expect(issues(bad)).toEqual([
      { path: ['targetDate'], message: 'expected a date as YYYY-MM-DD (e.g. 2025-03-31), got "31/12/2025"' },
      { path: ['measurements', 0, 'date'], message: '"2025-02-30" is not a real calendar date' },
    ]);
  });

  it('rejects a survey answer out of range, naming the field and the scale', () => {
    const r = HealthCheckSchema.safeParse({
      id: 'c',
      opened: '2025-01-01',
      answers: [
        { organization: 'a', dimension: 'trust', score: 6 },
        { organization: 'a', dimension: 'communication', score: 2.5 },
      ],
    });
    expect(issues(r)).toEqual([
      {
        path: ['answers', 0, 'score'],
        message: 'score 6 is out of range: expected 1 (poor) to 5 (excellent)',
      },
      { path: ['answers', 1, 'score'], message: 'expected a whole-number score from 1 to 5' },
    ]);
  });

  it('lists the allowed values of an unknown status, and refuses unknown fields', () => {
    const r = MilestoneSchema.safeParse({
      id: 'm',
      name: 'x',
      owner: 'a',
      due: '2025-01-01',
      status: 'late',
      extra: 1,
    });
    const msgs = issues(r).map((i) => i.message);
    expect(msgs).toContain(
      'unknown milestone status "late"; expected one of: planned, in-progress, done, slipped, cancelled',
    );
    expect(r.error!.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });
});

describe('checkMonitoringReferences', () => {
  it('finds nothing wrong in the sample partnership', () => {
    const doc = sampleDocument();
    expect(checkMonitoringReferences(doc.partnerships[0], actors, actors)).toEqual([]);
    expect(monitoringDocumentCheck(doc)).toEqual([]);
  });

  it('reports unknown ids, duplicates, cycles and contradictions with paths relative to the partnership', () => {
    const p = {
      milestones: [
        {
          id: 'm1',
          name: 'a',
          owner: 'ghost',
          due: '2025-01-01',
          status: 'planned',
          dependsOn: ['m2', 'nope'],
          decisionBy: [MINISTRY],
        },
        {
          id: 'm2',
          name: 'b',
          owner: BIOTECH,
          due: '2025-01-01',
          status: 'planned',
          dependsOn: ['m1'],
          completed: '2025-01-01',
        },
        { id: 'm2', name: 'c', owner: BIOTECH, due: '2025-01-01', status: 'planned', dependsOn: ['m2'] },
      ],
      kpis: [
        kpi({
          target: -5,
          measurements: [
            { date: '2025-01-01', value: 1 },
            { date: '2025-02-01', value: 1 },
            { date: '2025-01-01', value: 2 },
          ],
        }),
      ],
      healthChecks: [
        {
          id: 'c1',
          opened: '2025-02-01',
          closed: '2025-01-01',
          answers: [
            { organization: MINISTRY, dimension: 'trust', score: 3 },
            { organization: BIOTECH, dimension: 'vibes', score: 3 },
            { organization: BIOTECH, dimension: 'trust', score: 3 },
            { organization: BIOTECH, dimension: 'trust', score: 4 },
          ],
        },
      ],
    };
    const problems = checkMonitoringReferences(p, members, actors).map((x) => [
      x.path.join('.'),
      x.code,
      x.message,
    ]);
    expect(problems).toEqual([
      ['milestones.2.id', 'duplicate_id', 'duplicate milestone id "m2" (first used at milestones[1])'],
      ['milestones.0.owner', 'unknown_reference', 'unknown actor id "ghost" as milestone owner'],
      ['milestones.0.dependsOn.1', 'unknown_reference', 'unknown milestone id "nope" in dependsOn'],
      [
        'milestones.0.decisionBy.0',
        'unknown_reference',
        '"ministry" is not a member of this partnership (decisionBy lists member organizations)',
      ],
      [
        'milestones.1.completed',
        'invalid_value',
        'completed is set but status is "planned"; set status: done or remove completed',
      ],
      ['milestones.2.dependsOn.0', 'invalid_value', 'milestone "m2" cannot depend on itself'],
      ['milestones.0.dependsOn', 'invalid_value', 'milestones depend on each other in a cycle: m1 → m2 → m1'],
      ['kpis.0.direction', 'invalid_value', 'direction is "increase" but target -5 is below baseline 0'],
      [
        'kpis.0.measurements.2.date',
        'duplicate_id',
        'two measurements dated 2025-01-01 (measurements[0] and [2]); keep one per day',
      ],
      ['healthChecks.0.closed', 'invalid_value', 'closed 2025-01-01 is before opened 2025-02-01'],
      [
        'healthChecks.0.answers.0.organization',
        'unknown_reference',
        '"ministry" is not a member organization of this partnership',
      ],
      [
        'healthChecks.0.answers.1.dimension',
        'unknown_reference',
        'unknown dimension "vibes"; expected one of: strategic-fit, trust, communication, governance, value-creation, operational-execution',
      ],
      [
        'healthChecks.0.answers.3',
        'duplicate_id',
        '"biotech" already answered "trust" in this cycle (answers[2])',
      ],
    ]);
  });

  it("checks answers against a cycle's own dimensions", () => {
    const p = {
      healthChecks: [
        {
          id: 'c',
          opened: '2025-01-01',
          dimensions: [{ id: 'speed' }],
          answers: [{ organization: BIOTECH, dimension: 'trust', score: 3 }],
        },
      ],
    };
    expect(checkMonitoringReferences(p, members, actors)[0]!.message).toBe(
      'unknown dimension "trust"; expected one of: speed',
    );
  });

  it('prefixes document paths in monitoringDocumentCheck', () => {
    const doc = sampleDocument();
    (doc.partnerships[0]!.milestones as { owner: string }[])[0]!.owner = 'ghost';
    expect(monitoringDocumentCheck(doc).map((p) => p.path)).toEqual([
      ['partnerships', 0, 'milestones', 0, 'owner'],
    ]);
  });

  it('ignores entries of the wrong shape (the schema reports those)', () => {
    expect(
      checkMonitoringReferences({ milestones: [null, 3, { id: 5 }], kpis: 'x', healthChecks: [{}] }, [], []),
    ).toEqual([]);
    expect(checkMonitoringReferences(null, [], [])).toEqual([]);
  });
});

describe('attachMeasurements', () => {
  const kpis = [KpiSchema.parse(kpi({ measurements: [{ date: '2025-02-01', value: 5 }] }))];

  it('adds records to their KPI in date order', () => {
    const r = attachMeasurements(kpis, [{ kpi: 'k1', date: '2025-01-01', value: 1 }]);
    expect(r.problems).toEqual([]);
    expect(r.kpis[0]!.measurements.map((m) => m.date)).toEqual(['2025-01-01', '2025-02-01']);
    expect(kpis[0]!.measurements).toHaveLength(1);
  });

  it('names an unknown KPI and a duplicate date, and adds nothing', () => {
    const r = attachMeasurements(kpis, [
      { kpi: 'k1', date: '2025-03-01', value: 1 },
      { kpi: 'revenue', date: '2025-01-01', value: 1 },
      { kpi: 'k1', date: '2025-02-01', value: 7 },
    ]);
    expect(r.problems).toEqual([
      { path: [1, 'kpi'], message: 'unknown KPI id "revenue"; known KPIs: k1', code: 'unknown_reference' },
      {
        path: [2, 'date'],
        message: 'KPI "k1" already has a measurement dated 2025-02-01',
        code: 'duplicate_id',
      },
    ]);
    expect(r.kpis[0]!.measurements).toHaveLength(1);
  });
});

describe('JSON Schema', () => {
  it('converts every list schema the way the document schema is published', () => {
    const lists = {
      MilestonesSchema,
      KpisSchema,
      HealthChecksSchema,
      GatesSchema,
      PilotsSchema,
      LessonsSchema,
      StageHistorySchema,
    };
    for (const [name, schema] of Object.entries(lists)) {
      const j = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as {
        type: string;
        items: { required?: string[] };
      };
      expect(j.type, name).toBe('array');
    }
    const kpis = z.toJSONSchema(KpisSchema, {
      io: 'input',
      unrepresentable: 'any',
      target: 'draft-2020-12',
    }) as { items: { required: string[] } };
    expect(kpis.items.required).toEqual(['id', 'name', 'baseline', 'target', 'direction', 'targetDate']);
  });
});
