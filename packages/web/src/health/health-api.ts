/**
 * Health checks and the health score over REST API v1
 * (server/src/routes/health.ts): cycles with the results the caller may see,
 * starting and closing a cycle, the "to answer" list, and the score with its
 * components and signals. Answers go through recordsApi.answer.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { monitor } from '@valueweb/core';
import { api } from '../api/client.ts';
import { recordKeys, recordsApi } from '../api/records-api.ts';

export type Signal = monitor.Signal & { label: string };
export type HealthComponent = monitor.HealthComponent;

export interface HealthView {
  partnership: { id: string; name: string; stage: string };
  today: string;
  score: number;
  rag: monitor.Rag;
  components: HealthComponent[];
  explanation: string;
  weights: Record<string, number>;
  bands: { green: number; amber: number; noData: number };
  signals: Signal[];
  history: { day: string; score: number; rag: string | null }[];
  historySource: string;
}

export interface OrganizationResult {
  organization: string;
  name: string;
  mean: number;
  scores: Record<string, number>;
  comments: { dimension: string; text: string }[];
}

export interface CycleView {
  id: string;
  opened: string;
  closed?: string;
  status: 'open' | 'closed' | 'scheduled';
  version: number;
  dimensions: monitor.HealthCheckDimension[];
  respondents: string[];
  awaiting: string[];
  results: monitor.HealthCheckResults;
  byOrganization: OrganizationResult[];
  own: { dimension: string; score: number; comment?: string }[];
}

export interface HealthChecksView {
  today: string;
  partnership: { id: string; name: string; stage: string };
  members: { id: string; name: string }[];
  cycles: CycleView[];
  trend: monitor.HealthCheckTrend;
  template: monitor.HealthCheckTemplate;
  perceptionGapFlag: number;
  you: { organization: string | null; mayAnswer: boolean; mayStart: boolean; mayClose: boolean };
}

export interface ToAnswerItem {
  partnershipId: string;
  partnershipName: string;
  cycle: string;
  opened: string;
  closes?: string;
  dimensions: number;
  answered: number;
  complete: boolean;
}

export interface StartCycleInput {
  id?: string;
  opened?: string;
  closes?: string;
  template: 'default' | 'custom';
  dimensions?: { id: string; name?: string; prompt?: string }[];
}

const enc = encodeURIComponent;
const base = (eco: string, pid: string) => `/ecosystems/${enc(eco)}/partnerships/${enc(pid)}`;

export const healthApi = {
  health: (eco: string, pid: string) => api.request<HealthView>('GET', `${base(eco, pid)}/health`),
  cycles: (eco: string, pid: string) =>
    api.request<HealthChecksView>('GET', `${base(eco, pid)}/health-checks`),
  start: (eco: string, pid: string, input: StartCycleInput) =>
    api.request<{ cycle: CycleView }>('POST', `${base(eco, pid)}/health-checks`, { body: input }),
  close: (eco: string, pid: string, cycle: string) =>
    api.request<{ cycle: CycleView }>('POST', `${base(eco, pid)}/health-checks/${enc(cycle)}/close`),
  toAnswer: (eco: string) =>
    api.request<{ today: string; organization: string | null; items: ToAnswerItem[] }>(
      'GET',
      `/ecosystems/${enc(eco)}/health-checks/to-answer`,
    ),
};

export const healthKeys = {
  health: (eco: string, pid: string) => [...recordKeys.partnership(eco, pid), 'health'] as const,
  cycles: (eco: string, pid: string) => [...recordKeys.partnership(eco, pid), 'health-checks'] as const,
  toAnswer: (eco: string) => ['health-checks-to-answer', eco] as const,
};

export function useHealth(eco: string, pid: string) {
  return useQuery({ queryKey: healthKeys.health(eco, pid), queryFn: () => healthApi.health(eco, pid) });
}

export function useHealthChecks(eco: string, pid: string) {
  return useQuery({ queryKey: healthKeys.cycles(eco, pid), queryFn: () => healthApi.cycles(eco, pid) });
}

export function useToAnswer(eco: string) {
  return useQuery({ queryKey: healthKeys.toAnswer(eco), queryFn: () => healthApi.toAnswer(eco) });
}

/** Refreshes the partnership's data (cycles, score, document), the to-answer list and the portfolio. */
function useRefresh() {
  const qc = useQueryClient();
  return (eco: string, pid: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: recordKeys.partnership(eco, pid) }),
      qc.invalidateQueries({ queryKey: healthKeys.toAnswer(eco) }),
      qc.invalidateQueries({ queryKey: ['portfolio', eco] }),
      qc.invalidateQueries({ queryKey: ['audit', eco] }),
    ]);
}

export function useStartCycle(eco: string, pid: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: StartCycleInput) => healthApi.start(eco, pid, input),
    onSuccess: () => refresh(eco, pid),
  });
}

export function useCloseCycle(eco: string, pid: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (cycle: string) => healthApi.close(eco, pid, cycle),
    onSuccess: () => refresh(eco, pid),
  });
}

export function useAnswerCycle(eco: string, pid: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (v: {
      cycle: string;
      organization: string;
      answers: { dimension: string; score: number; comment?: string }[];
    }) => recordsApi.answer(eco, pid, v.cycle, v.organization, v.answers),
    onSuccess: () => refresh(eco, pid),
  });
}
