/**
 * Obligations with their reminders, and marking one done. The list says for
 * each obligation whether it is due soon or overdue on the day (the rule the
 * monitoring agent applies, with its configured lead time and critical
 * threshold) and when a recurring one falls due next. Marking done is a flow
 * of its own: a one-off becomes done; a recurring one rolls forward to its
 * next due date and opens again, its completion kept in `lastDone` and in the
 * audit log. Members of the partnership and orchestrators mark obligations
 * done; everyone in the ecosystem reads them (they are shared ecosystem-wide,
 * as the registers are).
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { govern, monitor, type Obligation, type Viewer } from '@valueweb/core';
import type { RecordItem, Store } from '@valueweb/store';
import { HttpError } from '../errors.ts';
import { auditOf, viewerFor } from '../auth/principal.ts';
import { allow, IdParam } from './ecosystems.ts';
import { mayWork } from './records.ts';

const PParams = z.strictObject({ id: IdParam, pid: IdParam });
const KeyParams = PParams.extend({ key: IdParam });
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: 'not a real calendar date',
  });

/** An obligation as the API returns it: the record, and what its due date means today. */
function obligationView(rec: RecordItem, today: string, policy: govern.ReminderPolicy) {
  const o = rec.item as unknown as Obligation;
  const r = govern.obligationReminder(o, today, policy);
  return {
    key: rec.key,
    version: rec.version,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    item: o,
    overdue: govern.isOverdue(o, today),
    /** Days from today to the due date (negative: overdue by that many); null once done or waived. */
    dueIn: o.status === 'done' || o.status === 'waived' ? null : monitor.daysBetween(today, o.due),
    reminder: r
      ? {
          kind: r.kind,
          severity: r.severity,
          label: r.label,
          headline: r.headline,
          dueIn: r.dueIn,
          daysOverdue: r.daysOverdue,
          since: r.since,
        }
      : null,
    /** A recurring obligation's next due date once the current one is done. */
    nextDue:
      o.recurring && o.status !== 'done' && o.status !== 'waived'
        ? govern.nextDue(o.due, o.recurring, { day: govern.anchorDay(o) })
        : null,
  };
}

export function obligationRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/ecosystems/:id/partnerships/:pid';
  const policy = () => app.monitor.agent.reminderPolicy;
  const you = (v: Viewer, pid: string) => ({ mayMarkDone: mayWork(v, pid) });

  r.get(
    `${base}/obligations`,
    {
      schema: {
        tags: ['govern'],
        summary:
          "Obligations (who owes what to whom by when) in due-date order, each with its reminder on the day: due soon (within the lead time), overdue, critical; a recurring one's next due date; the rule and its numbers",
        params: PParams,
        querystring: z.strictObject({ today: IsoDate.optional() }),
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      const today = request.query.today ?? app.monitor.agent.today();
      const p = policy();
      const { items } = await store.records.list(id, pid, 'obligations', v);
      const views = items
        .map((rec) => obligationView(rec, today, p))
        .sort((a, b) => a.item.due.localeCompare(b.item.due) || a.key.localeCompare(b.key));
      return {
        today,
        policy: { leadDays: p.leadDays, criticalAfterDays: p.criticalAfterDays },
        rule: govern.reminderRule(p),
        counts: {
          dueSoon: views.filter((x) => x.reminder?.kind === 'obligation-due').length,
          overdue: views.filter((x) => x.overdue).length,
        },
        items: views,
        you: you(v, pid),
      };
    },
  );

  r.post(
    `${base}/obligations/:key/done`,
    {
      schema: {
        tags: ['govern'],
        summary:
          'Mark an obligation done {on?: YYYY-MM-DD, default today}: a one-off becomes done; a recurring one rolls forward by its period (on its day of the month, clamped to the month: Jan 31 → Feb 28/29 → Mar 31) and opens again. lastDone keeps the day; audited. Members of the partnership and orchestrators',
        params: KeyParams,
        body: z.strictObject({ on: IsoDate.optional() }).nullish(),
      },
    },
    async (request, reply) => {
      const { id, pid, key } = request.params;
      const v = await viewerFor(request, store, id);
      const today = app.monitor.agent.today();
      const on = request.body?.on ?? today;
      if (on > today)
        throw new HttpError(
          400,
          'validation_failed',
          `an obligation cannot be done in the future: ${on} is after today (${today})`,
          [{ field: 'on', message: `${on} is after today (${today})` }],
        );
      let done: Extract<govern.Completion<Obligation>, { ok: true }> | undefined;
      const rec = await store.records.mutate(
        id,
        pid,
        'obligations',
        key,
        (cur) => {
          const c = govern.completeObligation(cur as unknown as Obligation, on);
          if (!c.ok) throw new HttpError(409, 'conflict', c.reason, [{ field: 'status', message: c.reason }]);
          done = c;
          return c.obligation;
        },
        v,
        () => allow(v, mayWork(v, pid), 'mark obligations of this partnership done'),
        'partnership.obligations.done',
        auditOf(request),
      );
      const c = done!;
      const o = rec.item as unknown as Obligation;
      return reply.header('etag', `"${rec.version}"`).send({
        obligation: obligationView(rec, today, policy()),
        completed: c.completed,
        next: c.next,
        explanation: c.next
          ? `Done on ${on} (the occurrence due ${c.completed.due}${c.completed.late ? ', late' : ''}); it recurs ${o.recurring ?? ''}, so the next one is due ${c.next} (${o.dueDay === 31 ? 'the last day of the month' : `day ${o.dueDay ?? ''} of the month, or its last day when the month is shorter`}) and it is open again.`
          : `Done on ${on} (it was due ${c.completed.due}${c.completed.late ? ', so late' : ''}); a one-off, so nothing more is owed.`,
      });
    },
  );
}
