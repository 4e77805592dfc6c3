/**
 * The portfolio: every partnership of the ecosystem with its stage, health
 * score and RAG, the score's trend (the monitoring agent's history, or the
 * live score alone), its top signals and next milestones; filterable by
 * stage, RAG and signal kind. The numbers are the executive report's, so the
 * dashboard and the report never disagree.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { monitor, PARTNERSHIP_STAGES } from '@valueweb/core';
import type { Store } from '@valueweb/store';
import { viewerFor } from '../auth/principal.ts';
import { monitoringView, reportFromView } from '../report/build.ts';
import { IdParam } from './ecosystems.ts';

const RAGS = ['green', 'amber', 'red'] as const;
/** Comma-separated values of one enum, each checked. */
const listOf = <T extends string>(values: readonly T[], what: string) =>
  z
    .string()
    .max(500)
    .transform((s, ctx) => {
      const parts = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const bad = parts.filter((x) => !values.includes(x as T));
      if (bad.length)
        ctx.addIssue({
          code: 'custom',
          message: `unknown ${what} ${bad.map((b) => JSON.stringify(b)).join(', ')}; expected one or more of: ${values.join(', ')} (comma-separated)`,
        });
      return parts as T[];
    });

const Query = z.strictObject({
  stage: listOf(PARTNERSHIP_STAGES, 'stage').optional(),
  rag: listOf(RAGS, 'RAG band').optional(),
  signal: listOf(monitor.SIGNAL_KINDS, 'signal kind').optional(),
});

/** Signals shown per partnership in the list. */
export const TOP_SIGNALS = 3;
export const NEXT_MILESTONES = 3;

export function portfolioRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/ecosystems/:id/portfolio',
    {
      schema: {
        tags: ['monitor'],
        summary:
          'Every partnership with stage, health score, RAG, trend, top signals and next milestones; ?stage=, ?rag=, ?signal= (comma-separated) filter',
        params: z.strictObject({ id: IdParam }),
        querystring: Query,
      },
    },
    async (request) => {
      const { id } = request.params;
      const v = await viewerFor(request, store, id);
      const view = await monitoringView(store, id, { viewer: v });
      const report = reportFromView(view);
      const all = report.partnerships.map((p) => {
        const history = view.history[p.id] ?? [];
        const signals = p.signals.map((s) => ({ ...s, label: monitor.SIGNAL_LABELS[s.kind] }));
        return {
          id: p.id,
          name: p.name,
          stage: p.stage,
          ...(p.purpose ? { purpose: p.purpose } : {}),
          members: p.members.length,
          score: p.health.score,
          rag: p.health.rag,
          explanation: p.health.explanation,
          trend: p.trend,
          trendSource: history.length ? ('history' as const) : ('live' as const),
          signals,
          topSignals: signals.slice(0, TOP_SIGNALS),
          signalCounts: {
            critical: signals.filter((s) => s.severity === 'critical').length,
            warning: signals.filter((s) => s.severity === 'warning').length,
            info: signals.filter((s) => s.severity === 'info').length,
          },
          nextMilestones: p.milestones.upcoming.slice(0, NEXT_MILESTONES),
          overdueMilestones: p.milestones.overdue.slice(0, NEXT_MILESTONES),
          overdueCount: p.milestones.overdue.length,
          kpis: {
            total: p.kpis.length,
            offTrack: p.kpis.filter((k) => k.status === 'off-track').length,
            atRisk: p.kpis.filter((k) => k.status === 'at-risk').length,
            onTrack: p.kpis.filter((k) => k.status === 'on-track').length,
          },
          openCycles: p.openCycles.length,
        };
      });
      const q = request.query;
      const items = all.filter(
        (p) =>
          (!q.stage?.length || q.stage.includes(p.stage as (typeof PARTNERSHIP_STAGES)[number])) &&
          (!q.rag?.length || q.rag.includes(p.rag)) &&
          (!q.signal?.length || p.signals.some((s) => q.signal!.includes(s.kind))),
      );
      const signalKinds: Record<string, number> = {};
      for (const p of all) for (const s of p.signals) signalKinds[s.kind] = (signalKinds[s.kind] ?? 0) + 1;
      return {
        today: view.today,
        total: all.length,
        summary: {
          partnerships: items.length,
          green: items.filter((p) => p.rag === 'green').length,
          amber: items.filter((p) => p.rag === 'amber').length,
          red: items.filter((p) => p.rag === 'red').length,
          meanScore: items.length ? Math.round(items.reduce((s, p) => s + p.score, 0) / items.length) : null,
          critical: items.reduce((s, p) => s + p.signalCounts.critical, 0),
          warning: items.reduce((s, p) => s + p.signalCounts.warning, 0),
        },
        headline: report.headline,
        /** Counts over all partnerships, for the filter menus. */
        facets: {
          stage: Object.fromEntries(
            PARTNERSHIP_STAGES.map((s) => [s, all.filter((p) => p.stage === s).length]),
          ),
          rag: Object.fromEntries(RAGS.map((x) => [x, all.filter((p) => p.rag === x).length])),
          signal: signalKinds,
        },
        signalLabels: monitor.SIGNAL_LABELS,
        rules: report.rules,
        items,
      };
    },
  );
}
