/**
 * KPIs over REST API v1 (server/src/routes/kpis.ts): every KPI's evaluation
 * with the series its chart draws, and measurements uploaded as CSV.
 */
import { useQuery } from '@tanstack/react-query';
import type { monitor } from '@valueweb/core';
import { api } from '../api/client.ts';
import { recordKeys } from '../api/records-api.ts';

const enc = encodeURIComponent;
const base = (eco: string, pid: string) => `/ecosystems/${enc(eco)}/partnerships/${enc(pid)}`;

export type KpiChartData = monitor.KpiChart & { key: string; version: number };

export interface KpiEvaluationAnswer {
  today: string;
  items: KpiChartData[];
  counts: Record<monitor.KpiStatus, number>;
  rule: string;
}

export interface CsvUploadAnswer {
  added: number;
  replaced: number;
  rows: number;
  kpis: string[];
  ignoredColumns: string[];
}

export const kpiApi = {
  evaluation: (eco: string, pid: string) =>
    api.request<KpiEvaluationAnswer>('GET', `${base(eco, pid)}/kpis/evaluation`),
  uploadCsv: (eco: string, pid: string, csv: string, name: string, replace: boolean) =>
    api.request<CsvUploadAnswer>('POST', `${base(eco, pid)}/measurements/csv`, {
      body: { csv, name, replace },
    }),
};

export function useKpiEvaluation(eco: string, pid: string) {
  return useQuery({
    queryKey: [...recordKeys.partnership(eco, pid), 'kpi-evaluation'],
    queryFn: () => kpiApi.evaluation(eco, pid),
  });
}

export const STATUS_COLOR: Record<monitor.KpiStatus, string> = {
  'on-track': 'teal',
  'at-risk': 'yellow',
  'off-track': 'red',
  'no-data': 'gray',
};
export const STATUS_LABEL: Record<monitor.KpiStatus, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  'no-data': 'No data',
};
