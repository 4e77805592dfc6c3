/** The portfolio over REST API v1 (server/src/routes/portfolio.ts) and the executive report's URLs (routes/report.ts). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { monitor } from '@valueweb/core';
import { api } from '../api/client.ts';
import type { Signal } from '../health/health-api.ts';

export interface PortfolioItem {
  id: string;
  name: string;
  stage: string;
  purpose?: string;
  members: number;
  score: number;
  rag: monitor.Rag;
  explanation: string;
  trend: { day: string; score: number }[];
  trendSource: 'history' | 'live';
  signals: Signal[];
  topSignals: Signal[];
  signalCounts: { critical: number; warning: number; info: number };
  nextMilestones: monitor.ReportMilestone[];
  overdueMilestones: monitor.ReportMilestone[];
  overdueCount: number;
  kpis: { total: number; offTrack: number; atRisk: number; onTrack: number };
  openCycles: number;
}

export interface Portfolio {
  today: string;
  total: number;
  summary: {
    partnerships: number;
    green: number;
    amber: number;
    red: number;
    meanScore: number | null;
    critical: number;
    warning: number;
  };
  headline: string;
  facets: { stage: Record<string, number>; rag: Record<string, number>; signal: Record<string, number> };
  signalLabels: Record<string, string>;
  rules: string[];
  items: PortfolioItem[];
}

export interface PortfolioFilters {
  stage: string[];
  rag: string[];
  signal: string[];
}

const enc = encodeURIComponent;
const list = (xs: string[]) => (xs.length ? xs.join(',') : undefined);

export const portfolioApi = {
  portfolio: (eco: string, f: PortfolioFilters) =>
    api.request<Portfolio>('GET', `/ecosystems/${enc(eco)}/portfolio`, {
      query: { stage: list(f.stage), rag: list(f.rag), signal: list(f.signal) },
    }),
};

export function usePortfolio(eco: string, f: PortfolioFilters) {
  return useQuery({
    queryKey: ['portfolio', eco, f],
    queryFn: () => portfolioApi.portfolio(eco, f),
    placeholderData: keepPreviousData,
  });
}

/** The URL of the executive report the server renders (same origin; the session cookie authenticates it). */
export function reportUrl(
  eco: string,
  opts: { partnership?: string | null; format: 'html' | 'pdf'; download?: boolean },
): string {
  const q = new URLSearchParams();
  if (opts.partnership) q.set('partnership', opts.partnership);
  q.set('format', opts.format);
  if (opts.download) q.set('download', '1');
  return `/api/v1/ecosystems/${enc(eco)}/report?${q.toString()}`;
}
