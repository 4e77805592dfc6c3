/**
 * Discover over REST API v1 (server/src/routes/discover.ts): criteria and the
 * focal actor, ratings, scores with their terms, sensitivity, the portfolio,
 * the partner pipeline and the readiness assessment; with TanStack Query hooks.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { discover } from '@valueweb/core';
import { api } from '../api/client.ts';

const enc = encodeURIComponent;
const base = (eco: string) => `/ecosystems/${enc(eco)}/discover`;

export type Criterion = discover.Criterion;
export type Rating = discover.DiscoverRating;
export type PipelineStage = discover.PipelineStage;
export type PipelineEntry = discover.PipelineEntry;
export type ScoreRow = discover.CandidateScore;
export type ScoreTerm = discover.ScoreTerm;
export type Sensitivity = discover.SensitivityReport;
export type PortfolioResult = discover.DocumentPortfolio;
export type AssessmentResult = discover.AssessmentResult;
export type ReadinessResult = discover.ReadinessResult;
export type ReadinessAnswer = discover.ReadinessAnswer;
export type AssessmentSubject = discover.AssessmentSubject;
export type Visibility = discover.DiscoverVisibility;

export interface Settings {
  criteria: Criterion[];
  defaultCriteria: boolean;
  focal: string | null;
  version: number;
  computedCriteria: string[];
  defaults: Criterion[];
}

export interface Scores {
  focal: string;
  candidates: discover.CandidatePool;
  defaultCriteria: boolean;
  criteria: Criterion[];
  ranking: ScoreRow[];
  ignoredRatings: {
    rating: { candidate: string; criterion: string; rater: string; score: number };
    reason: string;
  }[];
  rule: string;
  sensitivity: Sensitivity;
  ratingsCounted: number;
  basis: string;
}

export interface PipelineItem {
  entry: PipelineEntry;
  version: number;
  allowed: PipelineStage[];
  partnership?: string;
}

export interface Pipeline {
  items: PipelineItem[];
  counts: Record<PipelineStage, number>;
  stages: PipelineStage[];
  transitions: Record<PipelineStage, PipelineStage[]>;
  rules: string;
  focal: string | null;
  mayMove: boolean;
  mayCharter: boolean;
}

export interface AssessmentItem {
  id: string;
  text: string;
  suggestion: string;
}

export interface Questions {
  mapSignals: AssessmentItem[];
  readinessItems: AssessmentItem[];
  answers: ReadinessAnswer[];
  answerValue: Record<ReadinessAnswer, number>;
  rule: string;
  guidance: {
    useWhen: string[];
    avoidWhen: string[];
    pitfalls: { id: string; name: string; text: string; watch: string; guardedBy: string[] }[];
    keyQuestions: string[];
    keyPrinciples: string[];
    howToExecute: string[];
  };
}

export interface PortfolioRequest {
  k: number;
  dependencyCap?: number;
  candidates?: string[];
  needWeights?: Record<string, number>;
}

/** `culture:20,vision:10` for ?weights=. */
export const weightsQuery = (weights: Record<string, number> | undefined) =>
  weights
    ? Object.entries(weights)
        .map(([k, v]) => `${k}:${v}`)
        .join(',')
    : undefined;

export const discoverApi = {
  settings: (eco: string) => api.request<Settings>('GET', `${base(eco)}/criteria`),
  putSettings: (eco: string, body: { criteria?: unknown[] | null; focal?: string | null }) =>
    api.request<Settings & { removedRatings: number }>('PUT', `${base(eco)}/criteria`, { body }),
  ratings: (eco: string) => api.request<{ items: Rating[] }>('GET', `${base(eco)}/ratings`),
  putRatings: (
    eco: string,
    candidate: string,
    rater: string,
    ratings: { criterion: string; score: number; note?: string }[],
    visibility: Visibility,
  ) =>
    api.request<{ items: Rating[] }>('PUT', `${base(eco)}/ratings/${enc(candidate)}/${enc(rater)}`, {
      body: { ratings, visibility },
    }),
  scores: (eco: string, opts: { focal?: string; candidates?: string[] } = {}) =>
    api.request<Scores>('GET', `${base(eco)}/scores`, {
      query: { focal: opts.focal, candidates: opts.candidates?.join(',') },
    }),
  portfolio: (eco: string, body: PortfolioRequest) =>
    api.request<PortfolioResult>('POST', `${base(eco)}/portfolio`, { body }),
  pipeline: (eco: string) => api.request<Pipeline>('GET', `${base(eco)}/pipeline`),
  addCandidate: (eco: string, body: { candidate: string; owner?: string; note?: string }) =>
    api.request<PipelineItem>('POST', `${base(eco)}/pipeline`, { body }),
  transition: (
    eco: string,
    candidate: string,
    body: { to: PipelineStage; note?: string; partnership?: { id: string; name: string; purpose?: string } },
    version?: number,
  ) =>
    api.request<PipelineItem>('POST', `${base(eco)}/pipeline/${enc(candidate)}/transitions`, {
      body,
      ...(version !== undefined ? { version } : {}),
    }),
  setOwner: (eco: string, candidate: string, owner: string | null, note?: string) =>
    api.request<PipelineItem>('PUT', `${base(eco)}/pipeline/${enc(candidate)}/owner`, {
      body: { owner, ...(note ? { note } : {}) },
    }),
  addNote: (eco: string, candidate: string, note: string) =>
    api.request<PipelineItem>('POST', `${base(eco)}/pipeline/${enc(candidate)}/notes`, { body: { note } }),
  questions: (eco: string) => api.request<Questions>('GET', `${base(eco)}/readiness/questions`),
  assessments: (eco: string) => api.request<{ items: AssessmentResult[] }>('GET', `${base(eco)}/readiness`),
  assessment: (eco: string, s: AssessmentSubject) =>
    api.request<AssessmentResult>('GET', `${base(eco)}/readiness/${s.kind}/${enc(s.id)}`),
  answer: (
    eco: string,
    s: AssessmentSubject,
    organization: string,
    body: { answers: Record<string, ReadinessAnswer>; note?: string; visibility: Visibility; name?: string },
  ) =>
    api.request<{ response: unknown; result: ReadinessResult }>(
      'PUT',
      `${base(eco)}/readiness/${s.kind}/${enc(s.id)}/responses/${enc(organization)}`,
      { body },
    ),
};

export const discoverKeys = {
  all: (eco: string) => ['discover', eco] as const,
  settings: (eco: string) => ['discover', eco, 'settings'] as const,
  ratings: (eco: string) => ['discover', eco, 'ratings'] as const,
  scores: (eco: string, focal?: string) => ['discover', eco, 'scores', focal ?? ''] as const,
  pipeline: (eco: string) => ['discover', eco, 'pipeline'] as const,
  questions: (eco: string) => ['discover', eco, 'questions'] as const,
  assessments: (eco: string) => ['discover', eco, 'assessments'] as const,
  assessment: (eco: string, s: AssessmentSubject) => ['discover', eco, 'assessments', s.kind, s.id] as const,
};

export function useDiscoverSettings(eco: string) {
  return useQuery({ queryKey: discoverKeys.settings(eco), queryFn: () => discoverApi.settings(eco) });
}

export function useRatings(eco: string) {
  return useQuery({ queryKey: discoverKeys.ratings(eco), queryFn: () => discoverApi.ratings(eco) });
}

export function useScores(eco: string, enabled: boolean) {
  return useQuery({
    queryKey: discoverKeys.scores(eco),
    queryFn: () => discoverApi.scores(eco),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function usePipeline(eco: string) {
  return useQuery({
    queryKey: discoverKeys.pipeline(eco),
    queryFn: () => discoverApi.pipeline(eco),
    retry: (n, e) => (e as { status?: number }).status !== 403 && n < 2,
  });
}

export function useQuestions(eco: string) {
  return useQuery({
    queryKey: discoverKeys.questions(eco),
    queryFn: () => discoverApi.questions(eco),
    staleTime: Infinity,
  });
}

export function useAssessments(eco: string) {
  return useQuery({ queryKey: discoverKeys.assessments(eco), queryFn: () => discoverApi.assessments(eco) });
}

export function useAssessment(eco: string, subject: AssessmentSubject | null) {
  return useQuery({
    queryKey: subject ? discoverKeys.assessment(eco, subject) : ['discover', eco, 'assessments', 'none'],
    queryFn: () => discoverApi.assessment(eco, subject!),
    enabled: subject !== null,
  });
}

/** A change to Discover: runs `fn`, then refreshes everything Discover shows. */
export function useDiscoverMutation<A, R>(eco: string, fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: discoverKeys.all(eco) }),
  });
}
