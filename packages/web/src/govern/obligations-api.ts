/**
 * Obligations over REST API v1 (server/src/routes/obligations.ts): each one
 * with its reminder on the day (due soon, overdue, critical — the rule the
 * monitoring agent applies, with the server's lead time and threshold) and a
 * recurring one's next due date; marking one done (a recurring one rolls
 * forward to its next due date).
 */
import { useQuery } from '@tanstack/react-query';
import type { govern, Obligation } from '@valueweb/core';
import { api } from '../api/client.ts';
import { recordKeys } from '../api/records-api.ts';

const enc = encodeURIComponent;
const base = (eco: string, pid: string) => `/ecosystems/${enc(eco)}/partnerships/${enc(pid)}`;

export interface ObligationView {
  key: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  item: Obligation;
  overdue: boolean;
  /** Days to the due date (negative: late by that many); null once done or waived. */
  dueIn: number | null;
  reminder: {
    kind: govern.ObligationReminderKind;
    severity: govern.ReminderSeverity;
    label: string;
    headline: string;
    dueIn: number;
    daysOverdue: number;
    since: string;
  } | null;
  /** A recurring obligation's due date once the current one is done. */
  nextDue: string | null;
}

export interface ObligationsAnswer {
  today: string;
  policy: govern.ReminderPolicy;
  rule: string;
  counts: { dueSoon: number; overdue: number };
  items: ObligationView[];
  you: { mayMarkDone: boolean };
}

export interface MarkDoneAnswer {
  obligation: ObligationView;
  completed: { due: string; on: string; late: boolean };
  next: string | null;
  explanation: string;
}

export const obligationsApi = {
  list: (eco: string, pid: string) => api.request<ObligationsAnswer>('GET', `${base(eco, pid)}/obligations`),
  markDone: (eco: string, pid: string, key: string, on?: string) =>
    api.request<MarkDoneAnswer>('POST', `${base(eco, pid)}/obligations/${enc(key)}/done`, {
      body: on ? { on } : {},
    }),
};

/** Under the partnership's key, so any change to the partnership refreshes it. */
export const obligationsKey = (eco: string, pid: string) =>
  [...recordKeys.partnership(eco, pid), 'obligations'] as const;

export function useObligations(eco: string, pid: string, enabled = true) {
  return useQuery({
    queryKey: obligationsKey(eco, pid),
    queryFn: () => obligationsApi.list(eco, pid),
    enabled,
  });
}
