/**
 * Obligation reminders as alerts: for each partnership, the obligations that
 * need a reminder on the run's day (core's rule: due within the lead time,
 * overdue, critical after the threshold), one alert per obligation and
 * occurrence — dedupe key `<partnership>:obligation:<id>:<due date>`, so a
 * reminder that turns overdue updates (and escalates) the same alert, and a
 * recurring obligation marked done resolves it; its next occurrence gets an
 * alert of its own when its window opens.
 */
import { govern, type EcosystemDocument } from '@valueweb/core';
import type { AlertDraft } from '@valueweb/store';

export const OBLIGATION_ALERT_KINDS = govern.OBLIGATION_REMINDER_KINDS;

/** The dedupe key of an obligation's reminder for the occurrence due on `due`. */
export const obligationDedupeKey = (partnershipId: string, obligationId: string, due: string) =>
  `${partnershipId}:obligation:${obligationId}:${due}`;

/** The reminder alerts every partnership of the document needs on `today`. */
export function obligationAlertDrafts(
  doc: Pick<EcosystemDocument, 'partnerships'>,
  today: string,
  policy: govern.ReminderPolicy,
  actorNames: ReadonlyMap<string, string>,
  partnershipIds?: ReadonlySet<string>,
): AlertDraft[] {
  const name = (id: string) => actorNames.get(id) ?? id;
  const out: AlertDraft[] = [];
  for (const p of doc.partnerships) {
    if (partnershipIds && !partnershipIds.has(p.id)) continue;
    const lastDone = new Map((p.obligations ?? []).map((o) => [o.id, o.lastDone]));
    for (const r of govern.obligationReminders(p.obligations ?? [], today, policy, name)) {
      const done = lastDone.get(r.obligationId);
      out.push({
        partnershipId: p.id,
        kind: r.kind,
        dedupeKey: obligationDedupeKey(p.id, r.obligationId, r.due),
        severity: r.severity,
        title: `${r.headline} in ${p.name}`,
        detail: {
          signal: r.kind,
          label: r.label,
          partnershipName: p.name,
          evidence: r.evidence,
          rule: r.rule,
          action: r.action,
          since: r.since,
          actors: [r.from, r.to]
            .filter((id, i, all) => all.indexOf(id) === i)
            .map((id) => ({ id, name: name(id) })),
          obligation: {
            id: r.obligationId,
            what: r.what,
            from: r.from,
            to: r.to,
            due: r.due,
            recurring: r.recurring,
            status: r.status,
            dueIn: r.dueIn,
            daysOverdue: r.daysOverdue,
            nextDue: r.nextDue,
            ...(done ? { lastDone: done } : {}),
          },
          policy: { leadDays: policy.leadDays, criticalAfterDays: policy.criticalAfterDays },
          computedFor: today,
        },
      });
    }
  }
  return out;
}
