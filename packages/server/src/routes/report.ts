/**
 * The executive report of a portfolio or of one partnership, as a
 * self-contained HTML page (charts in inline SVG) or as a PDF printed from it
 * by Chromium headless. Built from what the caller may see; `?format=json`
 * gives the report model itself.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { viewerFor } from '../auth/principal.ts';
import { buildReport, serverToday } from '../report/build.ts';
import { renderReportHtml } from '../report/html.ts';
import { htmlToPdf, PdfUnavailableError } from '../report/pdf.ts';
import { IdParam } from './ecosystems.ts';

export interface ReportRouteOptions {
  /** The Chromium executable for PDFs (default: the first of report/pdf.ts CHROMIUM_CANDIDATES that exists). */
  chromium?: string | null;
}

export function reportRoutes(app: FastifyInstance, store: Store, opts: ReportRouteOptions = {}): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/ecosystems/:id/report',
    {
      schema: {
        tags: ['monitor'],
        summary:
          'The executive report (what needs attention first, then progress and value) of the portfolio or of ?partnership=, as HTML, PDF or JSON',
        params: z.strictObject({ id: IdParam }),
        querystring: z.strictObject({
          partnership: IdParam.optional(),
          format: z.enum(['html', 'pdf', 'json'], { error: 'expected html, pdf or json' }).optional(),
          download: z.enum(['1', '0', 'true', 'false']).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { partnership, format = 'html' } = request.query;
      const v = await viewerFor(request, store, id);
      if (partnership !== undefined) await store.partnerships.get(id, partnership);
      const today = serverToday();
      const report = await buildReport(store, id, {
        viewer: v,
        today,
        ...(partnership ? { partnershipId: partnership } : {}),
      });
      if (format === 'json') return report;
      const user = request.principal?.user;
      const html = renderReportHtml(
        report,
        user
          ? {
              generatedFor: `${user.name || user.email}${user.organizationName ? ` (${user.organizationName})` : ''}`,
            }
          : {},
      );
      const name = `${partnership ?? id}-report-${today}`;
      const disposition =
        request.query.download === '1' || request.query.download === 'true' ? 'attachment' : 'inline';
      if (format === 'html') {
        return reply
          .type('text/html; charset=utf-8')
          .header('content-disposition', `${disposition}; filename="${name}.html"`)
          .send(html);
      }
      try {
        const pdf = await htmlToPdf(html, opts.chromium !== undefined ? { chromium: opts.chromium } : {});
        return reply
          .type('application/pdf')
          .header('content-disposition', `${disposition}; filename="${name}.pdf"`)
          .send(pdf);
      } catch (e) {
        if (e instanceof PdfUnavailableError) throw new HttpError(503, 'pdf_unavailable', e.message);
        throw e;
      }
    },
  );
}
