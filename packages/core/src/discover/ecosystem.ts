/**
 * Discover on a whole ecosystem: the candidate pool, scores with sensitivity,
 * the portfolio and the readiness results, computed from a document's actors
 * and its `discover` section. The API computes from what the viewer may see
 * (the store filters the ratings and responses); `valueweb analyze` from the file.
 */
import type { Actor } from '../model/document.ts';
import { ValidationError, type Problem } from '../model/problem.ts';
import type { Criterion } from './criteria.ts';
import {
  criteriaOf,
  type DiscoverSection,
  type ReadinessAssessment,
  type ReadinessResponse,
} from './document.ts';
import { pipelineCounts, allowedTransitions, type PipelineEntry, type PipelineStage } from './pipeline.ts';
import { needsFromActor, recommendPortfolio, type Portfolio } from './portfolio.ts';
import {
  compareReadiness,
  scoreReadiness,
  type ReadinessComparison,
  type ReadinessResult,
} from './readiness.ts';
import { scoreCandidates, type Rating, type ScoringResult } from './scoring.ts';
import { analyzeSensitivity, type SensitivityReport } from './sensitivity.ts';

/** What Discover reads from a document: its actors and (optionally) its discover section. */
export interface DiscoverDocument {
  actors: readonly Actor[];
  discover?: DiscoverSection | undefined;
}

/** Pipeline stages whose candidates are still being considered. */
const OPEN_STAGES: readonly PipelineStage[] = ['candidate', 'contacted', 'exploring', 'aligned'];

export interface CandidatePool {
  ids: string[];
  source: 'given' | 'pipeline and ratings' | 'all actors';
  explanation: string;
}

function problem(path: Problem['path'], message: string, code = 'invalid_value'): ValidationError {
  return new ValidationError([{ path, message, code }]);
}

/** The focal actor: the one asked for, else the section's; a clear error when there is none or it is unknown. */
export function focalActor(doc: DiscoverDocument, focal?: string): Actor {
  const id = focal ?? doc.discover?.focal;
  if (id === undefined) {
    throw problem(
      ['focal'],
      'no focal actor: choose the actor partners are selected for (discover.focal, or pass focal)',
      'missing',
    );
  }
  const a = doc.actors.find((x) => x.id === id);
  if (!a) throw problem(['focal'], `unknown actor id "${id}" for the focal actor`, 'unknown_reference');
  return a;
}

/**
 * The candidates to score: the ids given; else the pipeline's open entries
 * (candidate to aligned) then every other rated actor, in that order; else,
 * when there are neither, every actor but the focal one.
 */
export function candidatePool(
  doc: DiscoverDocument,
  focal: string,
  given?: readonly string[],
): CandidatePool {
  const known = new Set(doc.actors.map((a) => a.id));
  if (given !== undefined) {
    const problems: Problem[] = [];
    given.forEach((id, i) => {
      if (!known.has(id))
        problems.push({
          path: ['candidates', i],
          message: `unknown actor id "${id}"`,
          code: 'unknown_reference',
        });
      else if (id === focal)
        problems.push({
          path: ['candidates', i],
          message: `"${id}" is the focal actor, not a candidate`,
          code: 'invalid_value',
        });
    });
    if (problems.length) throw new ValidationError(problems);
    const ids = [...new Set(given)];
    return { ids, source: 'given', explanation: `${ids.length} candidate(s) chosen by hand.` };
  }
  const ids: string[] = [];
  const add = (id: string) => {
    if (id !== focal && known.has(id) && !ids.includes(id)) ids.push(id);
  };
  const d = doc.discover;
  for (const e of d?.pipeline ?? []) if (OPEN_STAGES.includes(e.stage)) add(e.candidate);
  const fromPipeline = ids.length;
  for (const r of d?.ratings ?? []) add(r.candidate);
  if (ids.length > 0) {
    return {
      ids,
      source: 'pipeline and ratings',
      explanation: `${fromPipeline} open pipeline entr${fromPipeline === 1 ? 'y' : 'ies'} (candidate to aligned) and ${ids.length - fromPipeline} other rated actor(s).`,
    };
  }
  for (const a of doc.actors) add(a.id);
  return {
    ids,
    source: 'all actors',
    explanation: `No pipeline entries or ratings yet: every actor but the focal one (${ids.length}).`,
  };
}

/**
 * The criteria with some weights changed (`{criterionId: weight}`), for live
 * re-ranking; an unknown criterion or a weight below 0 is an error at `weights.<id>`.
 */
export function withWeights(
  criteria: readonly Criterion[],
  overrides: Readonly<Record<string, number>> = {},
): Criterion[] {
  const byId = new Set(criteria.map((c) => c.id));
  const problems: Problem[] = [];
  for (const [id, w] of Object.entries(overrides)) {
    if (!byId.has(id)) {
      problems.push({
        path: ['weights', id],
        message: `unknown criterion "${id}"; the criteria are: ${[...byId].join(', ')}`,
        code: 'unknown_reference',
      });
    } else if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      problems.push({
        path: ['weights', id],
        message: 'expected a weight of 0 or more',
        code: 'invalid_value',
      });
    }
  }
  if (problems.length) throw new ValidationError(problems);
  return criteria.map((c) => (overrides[c.id] !== undefined ? { ...c, weight: overrides[c.id]! } : c));
}

/** The section's ratings in the form scoring reads (the rater is the rating organization's id). */
export function ratingsOf(discover: Pick<DiscoverSection, 'ratings'> | undefined): Rating[] {
  return (discover?.ratings ?? []).map((r) => ({
    candidate: r.candidate,
    criterion: r.criterion,
    rater: r.rater,
    score: r.score,
  }));
}

export interface DiscoverScores {
  focal: string;
  pool: CandidatePool;
  /** True when `criteria` are the defaults of seed 000 (the section sets none). */
  defaultCriteria: boolean;
  result: ScoringResult;
  sensitivity: SensitivityReport;
}

/** Scores the candidate pool for the focal actor, with the sensitivity of the ranking to ±20% on each weight. */
export function scoreDocument(
  doc: DiscoverDocument,
  opts: { focal?: string; weights?: Record<string, number>; candidates?: readonly string[] } = {},
): DiscoverScores {
  const focal = focalActor(doc, opts.focal);
  const pool = candidatePool(doc, focal.id, opts.candidates);
  const criteria = withWeights(criteriaOf(doc.discover), opts.weights);
  const byId = new Map(doc.actors.map((a) => [a.id, a]));
  const result = scoreCandidates(
    focal,
    pool.ids.map((id) => byId.get(id)!),
    criteria,
    ratingsOf(doc.discover),
  );
  return {
    focal: focal.id,
    pool,
    defaultCriteria: doc.discover?.criteria === undefined,
    result,
    sensitivity: analyzeSensitivity(result),
  };
}

export interface DocumentPortfolio {
  focal: string;
  k: number;
  maxShare: number;
  pool: CandidatePool;
  /** The focal actor's needs with the weights used (default 1 each). */
  needs: { need: string; weight: number }[];
  portfolio: Portfolio;
}

/**
 * The recommended portfolio of up to k partners for the focal actor's needs
 * (weights default 1), from the candidate pool, with no partner carrying more
 * than `maxShare` of the covered value.
 */
export function portfolioForDocument(
  doc: DiscoverDocument,
  opts: {
    k: number;
    maxShare?: number;
    focal?: string;
    candidates?: readonly string[];
    needWeights?: Record<string, number>;
    method?: 'auto' | 'exact' | 'greedy';
  },
): DocumentPortfolio {
  const focal = focalActor(doc, opts.focal);
  const pool = candidatePool(doc, focal.id, opts.candidates);
  const byId = new Map(doc.actors.map((a) => [a.id, a]));
  const needs = needsFromActor(focal, opts.needWeights);
  const portfolio = recommendPortfolio({
    needs,
    candidates: pool.ids.map((id) => {
      const a = byId.get(id)!;
      return { id: a.id, name: a.name, capabilities: a.capabilities };
    }),
    k: opts.k,
    ...(opts.maxShare !== undefined ? { maxShare: opts.maxShare } : {}),
    ...(opts.method ? { method: opts.method } : {}),
  });
  return { focal: focal.id, k: opts.k, maxShare: opts.maxShare ?? 1, pool, needs, portfolio };
}

export interface ResponseResult {
  organization: string;
  visibility: 'private' | 'ecosystem';
  answeredBy?: string;
  at?: string;
  note?: string;
  answers: ReadinessResponse['answers'];
  result: ReadinessResult;
}

export interface AssessmentResult {
  subject: ReadinessAssessment['subject'];
  name?: string;
  responses: ResponseResult[];
  /** Items where one organization says yes and another no: the perception gaps to talk about. */
  disagreements: ReadinessComparison['disagreements'];
}

/** Scores every response of an assessment and lists where organizations disagree. */
export function assessmentResult(a: ReadinessAssessment): AssessmentResult {
  const responses = a.responses.map((r) => ({
    organization: r.organization,
    visibility: r.visibility ?? 'private',
    ...(r.answeredBy !== undefined ? { answeredBy: r.answeredBy } : {}),
    ...(r.at !== undefined ? { at: r.at } : {}),
    ...(r.note !== undefined ? { note: r.note } : {}),
    answers: r.answers,
    result: scoreReadiness(r.answers),
  }));
  const cmp = compareReadiness(
    a.responses.map((r) => ({ organization: r.organization, subject: a.subject, answers: r.answers })),
  );
  return {
    subject: a.subject,
    ...(a.name !== undefined ? { name: a.name } : {}),
    responses,
    disagreements: cmp.disagreements,
  };
}

/** One pipeline entry as reported: where it stands and where it may go. */
export interface PipelineSummaryEntry {
  candidate: string;
  stage: PipelineStage;
  owner?: string;
  partnership?: string;
  allowed: readonly PipelineStage[];
  lastEvent?: PipelineEntry['history'][number];
}

/** The analyze report's `discover` part. */
export interface DiscoverReport {
  focal: string | null;
  criteria: Criterion[];
  criteriaSource: 'document' | 'default';
  candidates: CandidatePool | null;
  ranking: ScoringResult['ranking'] | null;
  rule: string | null;
  sensitivity: SensitivityReport | null;
  /** With k = 3 and a dependency cap of 50% (seed 000, “risk of dependency”). */
  portfolio: (Portfolio & { k: number; maxShare: number }) | null;
  pipeline: { counts: Record<PipelineStage, number>; entries: PipelineSummaryEntry[] };
  readiness: AssessmentResult[];
  explanation: string[];
}

export const REPORT_PORTFOLIO = { k: 3, maxShare: 0.5 } as const;

/** The `discover` part of `valueweb analyze`, from the whole file. */
export function analyzeDiscover(doc: DiscoverDocument): DiscoverReport {
  const d = doc.discover;
  const explanation: string[] = [];
  const criteria = criteriaOf(d);
  let ranking: DiscoverReport['ranking'] = null;
  let rule: string | null = null;
  let sensitivity: SensitivityReport | null = null;
  let portfolio: DiscoverReport['portfolio'] = null;
  let candidates: CandidatePool | null = null;
  const focal = d?.focal ?? null;
  if (focal === null) {
    explanation.push(
      'No focal actor (discover.focal): scores and the portfolio need the actor partners are selected for.',
    );
  } else {
    const s = scoreDocument(doc);
    candidates = s.pool;
    ranking = s.result.ranking;
    rule = s.result.rule;
    sensitivity = s.sensitivity;
    const p = portfolioForDocument(doc, REPORT_PORTFOLIO);
    portfolio = { ...p.portfolio, k: REPORT_PORTFOLIO.k, maxShare: REPORT_PORTFOLIO.maxShare };
    explanation.push(`Candidates: ${s.pool.explanation}`, sensitivity.explanation);
  }
  const entries = (d?.pipeline ?? []).map((e) => ({
    candidate: e.candidate,
    stage: e.stage,
    ...(e.owner !== undefined ? { owner: e.owner } : {}),
    ...(e.partnership !== undefined ? { partnership: e.partnership } : {}),
    allowed: allowedTransitions(e),
    ...(e.history.length ? { lastEvent: e.history[e.history.length - 1]! } : {}),
  }));
  return {
    focal,
    criteria,
    criteriaSource: d?.criteria === undefined ? 'default' : 'document',
    candidates,
    ranking,
    rule,
    sensitivity,
    portfolio,
    pipeline: { counts: pipelineCounts(d?.pipeline ?? []), entries },
    readiness: (d?.readiness ?? []).map(assessmentResult),
    explanation,
  };
}
