/**
 * The monitoring agent's alerts over REST API v1 (server/src/routes/alerts.ts):
 * the inbox with its filters, the count for the navigation badge, acknowledging
 * one, and running the agent now.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';
export type AlertSeverity = 'critical' | 'warning' | 'info';

/** Why an alert was raised: the signal's evidence, the rule that fired, and what to do. */
export interface AlertDetail {
  signal: string;
  label: string;
  partnershipName: string;
  evidence: string[];
  rule: string;
  action: string;
  since: string;
  actors?: { id: string; name: string }[];
  health?: { score: number; rag: string };
  computedFor?: string;
  escalatedFrom?: string;
  acknowledgement?: { note: string };
  /** An obligation reminder (kinds obligation-due, obligation-overdue): the obligation it is about. */
  obligation?: {
    id: string;
    what: string;
    from: string;
    to: string;
    due: string;
    recurring: string | null;
    status: string;
    nextDue: string | null;
  };
}

export interface Alert {
  id: number;
  ecosystemId: string;
  partnershipId: string | null;
  partnershipName: string | null;
  kind: string;
  severity: AlertSeverity;
  title: string;
  detail: AlertDetail;
  status: AlertStatus;
  firstRaisedAt: string;
  lastSeenAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; name: string; organization: string | null } | null;
  resolvedAt: string | null;
  mayAcknowledge: boolean;
}

export interface AlertSummary {
  open: number;
  acknowledged: number;
  openBySeverity: Record<AlertSeverity, number>;
}

export interface AgentRun {
  id: number;
  /** Why it ran: 'schedule', 'change' or 'manual'. */
  reason: string;
  instance: string | null;
  startedAt: string;
  finishedAt: string | null;
  stats: {
    partnerships?: number;
    signals?: number;
    /** Obligations due soon or overdue. */
    reminders?: number;
    raised?: number;
    updated?: number;
    escalated?: number;
    resolved?: number;
    deliveries?: number;
    durationMs?: number;
    today?: string;
  } | null;
  error: string | null;
}

export interface AlertFilters {
  status: AlertStatus[];
  severity?: AlertSeverity[];
  partnership?: string | null;
  mine?: boolean;
  sort?: 'severity' | 'recent';
}

const enc = encodeURIComponent;
const base = (eco: string) => `/ecosystems/${enc(eco)}`;

export const alertsApi = {
  list: (eco: string, f: AlertFilters, cursor?: string | null) =>
    api.request<{ items: Alert[]; nextCursor: string | null }>('GET', `${base(eco)}/alerts`, {
      query: {
        status: f.status.join(','),
        severity: f.severity?.length ? f.severity.join(',') : undefined,
        partnership: f.partnership ?? undefined,
        mine: f.mine ? 'true' : undefined,
        sort: f.sort,
        cursor: cursor ?? undefined,
        limit: 50,
      },
    }),
  summary: (eco: string) => api.request<AlertSummary>('GET', `${base(eco)}/alerts/summary`),
  acknowledge: (eco: string, id: number, note?: string) =>
    api.request<Alert>('POST', `${base(eco)}/alerts/${id}/acknowledge`, { body: note ? { note } : {} }),
  agent: (eco: string) =>
    api.request<{ schedule: { intervalMinutes: number; runsAfterChanges: boolean }; runs: AgentRun[] }>(
      'GET',
      `${base(eco)}/agent/run`,
      { query: { limit: 10 } },
    ),
  run: (eco: string) =>
    api.request<{ status: 'ran' | 'failed'; run: AgentRun; error?: string }>(
      'POST',
      `${base(eco)}/agent/run`,
    ),
};

export const alertKeys = {
  all: (eco: string) => ['alerts', eco] as const,
  list: (eco: string, f: AlertFilters) => ['alerts', eco, 'list', f] as const,
  summary: (eco: string) => ['alerts', eco, 'summary'] as const,
  agent: (eco: string) => ['alerts', eco, 'agent'] as const,
};

/** Pages of alerts (the next one loaded on demand). */
export function useAlerts(eco: string, f: AlertFilters, pages: (string | null)[]) {
  return useQuery({
    queryKey: [...alertKeys.list(eco, f), pages.length],
    queryFn: async () => {
      const items: Alert[] = [];
      let next: string | null = null;
      for (const cursor of pages) {
        const page = await alertsApi.list(eco, f, cursor);
        items.push(...page.items);
        next = page.nextCursor;
      }
      return { items, nextCursor: next };
    },
    placeholderData: keepPreviousData,
  });
}

/** Open and acknowledged counts: the navigation badge polls it every minute. */
export function useAlertSummary(eco: string | undefined) {
  return useQuery({
    queryKey: alertKeys.summary(eco ?? ''),
    queryFn: () => alertsApi.summary(eco!),
    enabled: Boolean(eco),
    refetchInterval: 60_000,
    staleTime: 10_000,
  });
}

export function useAgentRuns(eco: string) {
  return useQuery({
    queryKey: alertKeys.agent(eco),
    queryFn: () => alertsApi.agent(eco),
    refetchInterval: 60_000,
  });
}

/** Acknowledge an alert, then refresh the inbox and the badge. */
export function useAcknowledge(eco: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; note?: string }) => alertsApi.acknowledge(eco, v.id, v.note),
    onSuccess: () => qc.invalidateQueries({ queryKey: alertKeys.all(eco) }),
  });
}

/** Run the agent now; refreshes everything alerts show. */
export function useRunAgent(eco: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => alertsApi.run(eco),
    onSettled: () => qc.invalidateQueries({ queryKey: alertKeys.all(eco) }),
  });
}
