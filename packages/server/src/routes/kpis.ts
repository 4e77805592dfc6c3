/**
 * Monitor over HTTP: where each shared KPI stands (trend, linear forecast to
 * the target date, on track / at risk / off track, with the chart's series
 * and the explanation), KPI measurements uploaded as a CSV file (all or
 * nothing, problems with line and column), a partnership's clock alignment
 * (planning windows per member, sync points, warnings, suggested staging) and
 * the roadmap of every partnership. KPIs, milestones and single measurements
 * are written through routes/records.ts.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { monitor, ValidationError, type Viewer } from '@valueweb/core';
import type { Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { auditOf, viewerFor } from '../auth/principal.ts';
import { allow, IdParam } from './ecosystems.ts';
import { mayWork } from './records.ts';
import { TodayQuery, todayOf } from './pilot.ts';

const PParams = z.strictObject({ id: IdParam, pid: IdParam });
const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, { error: 'expected a month as YYYY-MM (or a date YYYY-MM-DD)' });
const CSV_LIMIT = 10 * 1024 * 1024;

export function kpiRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/ecosystems/:id/partnerships/:pid';
  if (!app.hasContentTypeParser('text/csv')) {
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
  }

  r.get(
    `${base}/kpis/evaluation`,
    {
      schema: {
        tags: ['monitor'],
        summary:
          'Every KPI you may see: progress, least-squares trend, forecast at the target date, status (on track / at risk / off track) with its explanation, and the series a chart draws',
        params: PParams,
        querystring: TodayQuery,
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      const today = todayOf(request.query);
      const { items } = await store.records.list(id, pid, 'kpis', v, { today });
      const charts = items.map((it) => ({
        key: it.key,
        version: it.version,
        ...monitor.kpiChart(monitor.KpiSchema.parse(it.item), today),
      }));
      const counts = Object.fromEntries(
        monitor.KPI_STATUSES.map((s) => [s, charts.filter((c) => c.evaluation.status === s).length]),
      );
      return {
        today,
        items: charts,
        counts,
        rule: `On track when the least-squares trend through the measurements (and the dated baseline) reaches the target by the target date; at risk when it covers at least ${Math.round(monitor.KPI_STATUS_RULE.atRiskShare * 100)}% of the way; otherwise off track. With one measurement, progress is compared with the share of time gone by; past the target date, the latest value decides.`,
      };
    },
  );

  r.post(
    `${base}/measurements/csv`,
    {
      bodyLimit: CSV_LIMIT,
      schema: {
        tags: ['monitor'],
        summary:
          'Upload KPI measurements as CSV (columns kpi, date, value, note by header name): all or nothing; problems name the line and column. Send text/csv (?replace=true&name=file.csv) or JSON {csv, name?, replace?}',
        params: PParams,
        querystring: z.strictObject({
          replace: z.enum(['true', 'false']).optional(),
          name: z.string().max(200).optional(),
        }),
        body: z.union([
          z.string().max(CSV_LIMIT),
          z.strictObject({
            csv: z.string().max(CSV_LIMIT),
            name: z.string().max(200).optional(),
            replace: z.boolean().optional(),
          }),
        ]),
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      allow(v, mayWork(v, pid), 'record measurements for this partnership');
      const body = request.body;
      const text = typeof body === 'string' ? body : body.csv;
      const name =
        (typeof body === 'string' ? request.query.name : body.name) ??
        request.query.name ??
        'measurements.csv';
      const replace =
        typeof body === 'string'
          ? request.query.replace === 'true'
          : (body.replace ?? request.query.replace === 'true');
      const { items } = await store.records.list(id, pid, 'kpis', v);
      const file = { name, text };
      const read = monitor.readMeasurementsCsv(file, { kpis: items.map((k) => ({ id: k.key })) });
      if (!read.ok) throw new ValidationError(read.problems);
      try {
        const result = await store.records.addMeasurements(
          id,
          pid,
          read.measurements,
          v,
          () => allow(v, mayWork(v, pid), 'record measurements for this partnership'),
          { replace, audit: { ...auditOf(request), via: 'csv' } },
        );
        return {
          ...result,
          rows: read.rows.length,
          kpis: [...new Set(read.measurements.map((m) => m.kpi))],
          ignoredColumns: read.ignoredColumns,
        };
      } catch (e) {
        // Problems found against the stored data (a day already measured) point back at the file.
        if (e instanceof ValidationError)
          throw new ValidationError(monitor.locateMeasurementProblems(e.problems, file, read.rows));
        throw e;
      }
    },
  );

  /** The members of a partnership with their actors' planning clocks. */
  const memberClocks = async (
    eco: string,
    members: readonly { actor: string }[],
    v: Viewer,
  ): Promise<monitor.MemberClock[]> =>
    Promise.all(
      members.map(async (m) => {
        const a = await store.actors.get(eco, m.actor, v);
        return { actor: m.actor, name: a.name, ...(a.clock ? { clock: a.clock } : {}) };
      }),
    );

  const rangeError = (e: unknown): never => {
    if (e instanceof RangeError)
      throw new HttpError(400, 'validation_failed', e.message, [{ field: 'to', message: e.message }]);
    throw e;
  };

  r.get(
    `${base}/clock-alignment`,
    {
      schema: {
        tags: ['monitor'],
        summary:
          "The partnership's clock alignment: each member's planning windows, the sync points where all plan at once, milestones needing a decision outside a member's window, and a suggested staging onto sync points",
        params: PParams,
        querystring: TodayQuery.extend({ from: Month.optional(), to: Month.optional() }),
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      const today = todayOf(request.query);
      const p = await store.partnerships.get(id, pid);
      const milestones = (await store.records.list(id, pid, 'milestones', v)).items.map((i) =>
        monitor.MilestoneSchema.parse(i.item),
      );
      const clocks = await memberClocks(id, p.members, v);
      try {
        const alignment = monitor.clockAlignment(clocks, milestones, {
          today,
          ...(request.query.from ? { from: request.query.from } : {}),
          ...(request.query.to ? { to: request.query.to } : {}),
        });
        return {
          partnership: { id: p.id, name: p.name, stage: p.stage },
          ...alignment,
          milestones: milestones.map((m) => ({ ...m, ...monitor.milestoneTimeliness(m, today) })),
        };
      } catch (e) {
        return rangeError(e);
      }
    },
  );

  r.get(
    '/api/v1/ecosystems/:id/roadmap',
    {
      schema: {
        tags: ['monitor'],
        summary:
          "The roadmap across the portfolio: every partnership's milestones (with where each stands), its members' planning windows, sync points and clock warnings, over one common range",
        params: z.strictObject({ id: IdParam }),
        querystring: TodayQuery.extend({
          from: Month.optional(),
          to: Month.optional(),
          stage: z.string().max(50).optional(),
        }),
      },
    },
    async (request) => {
      const { id } = request.params;
      const v = await viewerFor(request, store, id);
      const today = todayOf(request.query);
      const doc = await store.ecosystems.export(id, v, { today });
      const actors = new Map(doc.actors.map((a) => [a.id, a]));
      const partnerships = doc.partnerships.filter(
        (p) => !request.query.stage || p.stage === request.query.stage,
      );
      const all = partnerships.flatMap((p) => p.milestones ?? []);
      const auto = monitor.roadmapRange(all, today);
      const from = request.query.from ?? auto.from;
      const to = request.query.to ?? auto.to;
      try {
        const items = partnerships.map((p) => {
          const clocks: monitor.MemberClock[] = p.members.map((m) => {
            const a = actors.get(m.actor);
            return {
              actor: m.actor,
              ...(a?.name ? { name: a.name } : {}),
              ...(a?.clock ? { clock: a.clock } : {}),
            };
          });
          const milestones = p.milestones ?? [];
          const alignment = monitor.clockAlignment(clocks, milestones, { today, from, to });
          return {
            id: p.id,
            name: p.name,
            stage: p.stage,
            members: alignment.members,
            syncPoints: alignment.syncPoints,
            warnings: alignment.warnings,
            staging: alignment.staging,
            milestones: milestones.map((m) => ({ ...m, ...monitor.milestoneTimeliness(m, today) })),
          };
        });
        const states = items.flatMap((p) => p.milestones.map((m) => m.state));
        return {
          today,
          from: monitor.monthLabel(monitor.monthIndex(from)),
          to: monitor.monthLabel(monitor.monthIndex(to)),
          partnerships: items,
          summary: {
            milestones: states.length,
            late: states.filter((s) => s === 'late').length,
            dueSoon: states.filter((s) => s === 'due-soon').length,
            warnings: items.reduce((n, p) => n + p.warnings.length, 0),
          },
          rule: monitor.planningRule(),
        };
      } catch (e) {
        return rangeError(e);
      }
    },
  );
}
