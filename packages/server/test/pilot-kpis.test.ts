/**
 * KPIs, measurement CSV uploads, clock alignment and the roadmap over HTTP
 * (both stores). World: p1 = a0 (org A; quarterly clock, fiscal year from
 * April) + a1 (org B, memberB; no clock); org C (memberC) is outside p1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '@valueweb/store/testing';
import { buildWorld, type World } from './harness.ts';

describe.each(testStoreKinds())('KPIs and roadmap API ($name store)', (kind) => {
  let w: World;
  let cleanup: () => Promise<void>;
  const P = () => `/api/v1/ecosystems/${w.eco}/partnerships/p1`;
  const measurements = async () =>
    Object.fromEntries(
      (
        (await w.request('orchestrator', 'GET', `${P()}/records/kpis`)).json().items as {
          key: string;
          item: { measurements: unknown[] };
        }[]
      ).map((k) => [k.key, k.item.measurements]),
    );
  const csv = (text: string, query = '') =>
    w.request('memberB', 'POST', `${P()}/measurements/csv${query}`, text, { 'content-type': 'text/csv' });

  beforeAll(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    w = await buildWorld(opened.store);
    const kpi = (id: string, extra: object) => ({
      id,
      name: id,
      baseline: 0,
      target: 100,
      direction: 'increase',
      targetDate: '2027-12-31',
      ...extra,
    });
    expect(
      (
        await w.request(
          'orchestrator',
          'POST',
          `${P()}/records/kpis`,
          kpi('enrolled', { name: 'Patients enrolled', unit: 'patients', baselineDate: '2026-01-01' }),
        )
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await w.request(
          'orchestrator',
          'POST',
          `${P()}/records/kpis`,
          kpi('turnaround', { baseline: 21, target: 7, direction: 'decrease' }),
        )
      ).statusCode,
    ).toBe(201);
  });
  afterAll(async () => {
    await w.app.close();
    await cleanup();
  });

  it('refuses a CSV with a bad row, naming line and column, and writes nothing', async () => {
    const res = await csv(
      [
        'kpi,date,value,note',
        'enrolled,2026-02-28,10,',
        'enrolled,28/03/2026,20,',
        'enroled,2026-04-30,30,',
        'turnaround,2026-02-28,1 day,',
      ].join('\n'),
      '?name=march.csv',
    );
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('validation_failed');
    expect(
      err.details.map((d: { line: number; column: number; field: string; file: string }) => [
        d.file,
        d.line,
        d.column,
        d.field,
      ]),
    ).toEqual([
      ['march.csv', 3, 2, 'measurements[1].date'],
      ['march.csv', 4, 1, 'measurements[2].kpi'],
      ['march.csv', 5, 3, 'measurements[3].value'],
    ]);
    expect(err.details[1].message).toMatch(/unknown KPI "enroled"; the KPIs are: enrolled, turnaround/);
    expect(err.message).toMatch(/march\.csv:3:2/);
    expect(await measurements()).toEqual({ enrolled: [], turnaround: [] });
    const noColumn = await csv('kpi,when,value\nenrolled,2026-02-28,1\n');
    expect(noColumn.statusCode).toBe(400);
    expect(noColumn.json().error.details[0]).toMatchObject({ line: 1, column: 1, code: 'missing_column' });
  });

  it('takes a clean CSV (as text/csv or JSON), and refuses one repeating a stored day at its line', async () => {
    const ok = await csv(
      'Date,KPI,Value,Note,Unit\n2026-02-28,enrolled,10,first clinic,patients\n2026-03-31,enrolled,24,,patients\n2026-02-28,turnaround,19,,days\n',
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      added: 3,
      replaced: 0,
      rows: 3,
      kpis: ['enrolled', 'turnaround'],
      ignoredColumns: ['Unit'],
    });
    const json = await w.request('orchestrator', 'POST', `${P()}/measurements/csv`, {
      csv: 'kpi,date,value\nenrolled,2026-04-30,33\n',
      name: 'april.csv',
    });
    expect(json.statusCode).toBe(200);
    const again = await w.request('orchestrator', 'POST', `${P()}/measurements/csv`, {
      csv: 'kpi,date,value\nenrolled,2026-05-31,40\nenrolled,2026-04-30,35\n',
      name: 'may.csv',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details[0]).toMatchObject({
      file: 'may.csv',
      line: 3,
      column: 2,
      field: 'measurements[1].date',
    });
    expect(again.json().error.details[0].message).toMatch(/already has a measurement on 2026-04-30/);
    const m = await measurements();
    expect(m.enrolled).toEqual([
      { date: '2026-02-28', value: 10, note: 'first clinic' },
      { date: '2026-03-31', value: 24 },
      { date: '2026-04-30', value: 33 },
    ]);
    const replaced = await w.request('orchestrator', 'POST', `${P()}/measurements/csv`, {
      csv: 'kpi,date,value\nenrolled,2026-04-30,35\n',
      replace: true,
    });
    expect(replaced.json()).toMatchObject({ added: 0, replaced: 1 });
  });

  it('lets only the partnership upload: not observers, not members of another partnership', async () => {
    const text = 'kpi,date,value\nenrolled,2026-06-30,50\n';
    expect(
      (await w.request('observer', 'POST', `${P()}/measurements/csv`, text, { 'content-type': 'text/csv' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await w.request('memberC', 'POST', `${P()}/measurements/csv`, text, { 'content-type': 'text/csv' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await w.request('outsider', 'POST', `${P()}/measurements/csv`, text, { 'content-type': 'text/csv' }))
        .statusCode,
    ).toBe(404);
  });

  it('answers a measurement for an unknown KPI or with a badly formatted date with a clear 400', async () => {
    const unknown = await w.request('memberB', 'POST', `${P()}/measurements`, {
      measurements: [{ kpi: 'ghost', date: '2026-06-30', value: 1 }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ field: '[0].kpi' });
    expect(unknown.json().error.details[0].message).toMatch(/unknown KPI "ghost".*enrolled, turnaround/);
    const date = await w.request('memberB', 'POST', `${P()}/measurements`, {
      measurements: [
        { kpi: 'enrolled', date: '30.06.2026', value: 1 },
        { kpi: 'enrolled', date: '2026-06-31', value: 2 },
      ],
    });
    expect(date.statusCode).toBe(400);
    expect(date.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      '[0].date',
      '[1].date',
    ]);
    expect(date.json().error.details[0].message).toMatch(/YYYY-MM-DD/);
    expect(date.json().error.details[1].message).toMatch(/not a real calendar date/);
    expect((await measurements()).enrolled).toHaveLength(3);
  });

  it('evaluates every KPI with its trend, forecast, status and the series of its chart', async () => {
    const res = await w.request('observer', 'GET', `${P()}/kpis/evaluation?today=2026-05-15`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.today).toBe('2026-05-15');
    const enrolled = body.items.find((k: { kpi: string }) => k.kpi === 'enrolled');
    expect(enrolled.points.map((p: { kind: string }) => p.kind)).toEqual([
      'baseline',
      'measurement',
      'measurement',
      'measurement',
    ]);
    expect(enrolled.forecast[1].date).toBe('2027-12-31');
    expect(enrolled.forecast[1].value).toBeCloseTo(enrolled.evaluation.forecast, 6);
    expect(enrolled.evaluation.status).toBe('on-track');
    expect(enrolled.evaluation.explanation).toMatch(/least-squares trend over 4 points/);
    const turnaround = body.items.find((k: { kpi: string }) => k.kpi === 'turnaround');
    expect(turnaround.evaluation.expectedProgress).toBeDefined();
    expect(
      body.counts['on-track'] + body.counts['at-risk'] + body.counts['off-track'] + body.counts['no-data'],
    ).toBe(2);
    expect(body.rule).toMatch(/at risk when it covers at least 80%/);
    expect((await w.request('observer', 'GET', `${P()}/kpis/evaluation?today=2026-13-01`)).statusCode).toBe(
      400,
    );
  });

  it("gives the clock alignment: members' planning windows, sync points, and a warning for a decision outside a window", async () => {
    // a0 plans quarterly (March, June, September, December); a decision due in May is outside its window.
    const ms = await w.request('memberB', 'POST', `${P()}/records/milestones`, {
      id: 'go-live',
      name: 'Go live in three clinics',
      owner: 'a1',
      due: '2027-05-15',
      status: 'planned',
      value: 'Patients treated at home',
      decisionBy: ['a0'],
    });
    expect(ms.statusCode).toBe(201);
    const res = await w.request('memberC', 'GET', `${P()}/clock-alignment?today=2026-12-01`);
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect([a.from, a.to]).toEqual(['2026-09', '2027-12']);
    expect(
      a.members.map((m: { actor: string; windows: unknown[]; description: string | null }) => [
        m.actor,
        m.windows.length > 0,
        m.description !== null,
      ]),
    ).toEqual([
      ['a0', true, true],
      ['a1', false, false],
    ]);
    expect(a.members[0].windows[0]).toMatchObject({ start: '2026-09', end: '2026-09' });
    expect(a.syncPoints).toMatchObject({ all: true, unconstrained: ['a1'] });
    expect(a.warnings).toHaveLength(1);
    expect(a.warnings[0]).toMatchObject({ milestone: 'go-live', actor: 'a0' });
    expect(a.warnings[0].message).toMatch(/outside its planning window/);
    expect(a.staging[0]).toMatchObject({ milestone: 'go-live', suggestedMonth: '2027-03', basis: 'all' });
    expect(a.milestones[0]).toMatchObject({ id: 'go-live', state: 'upcoming' });
    expect(a.rule).toMatch(/sync point/);
    const narrow = await w.request('memberC', 'GET', `${P()}/clock-alignment?from=2027-01&to=2027-06`);
    expect([narrow.json().from, narrow.json().to]).toEqual(['2027-01', '2027-06']);
    const backwards = await w.request('memberC', 'GET', `${P()}/clock-alignment?from=2027-06&to=2027-01`);
    expect(backwards.statusCode).toBe(400);
    expect((await w.request('memberC', 'GET', `${P()}/clock-alignment?from=June`)).statusCode).toBe(400);
  });

  it('gives the roadmap across the portfolio over one range', async () => {
    const res = await w.request('observer', 'GET', `/api/v1/ecosystems/${w.eco}/roadmap?today=2027-05-01`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.partnerships.map((p: { id: string }) => p.id)).toEqual(['p1']);
    expect(r.partnerships[0].milestones[0]).toMatchObject({ id: 'go-live', state: 'due-soon' });
    expect(r.summary).toEqual({ milestones: 1, late: 0, dueSoon: 1, warnings: 1 });
    expect(
      (await w.request('observer', 'GET', `/api/v1/ecosystems/${w.eco}/roadmap?stage=evolving`)).json()
        .partnerships,
    ).toEqual([]);
    expect((await w.request('outsider', 'GET', `/api/v1/ecosystems/${w.eco}/roadmap`)).statusCode).toBe(404);
  });
});
