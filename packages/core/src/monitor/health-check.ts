/**
 * Health checks: a survey sent to every member organization per cycle, scored
 * 1 (poor) to 5 (excellent) per dimension with a comment. Answers stay private
 * until the cycle closes: before then only who has answered is shown. After it
 * closes: the mean per dimension, each organization's own mean, the perception
 * gap between organizations, and the trend across cycles.
 *
 * Means: an organization's mean on a dimension is the mean of its answers there
 * (normally one); a dimension's mean is the mean of the organizations' means,
 * so every member organization weighs the same. The overall mean is the mean of
 * the dimension means.
 *
 * Perception gap (per dimension): highest minus lowest organization mean. A gap
 * of PERCEPTION_GAP_FLAG (1.5 points on the 1–5 scale) or more is flagged: the
 * partners see the partnership differently enough to talk about it.
 */
import { dayNumber, toIsoDate, type DateInput } from './dates.ts';
import { fmt, mean } from './format.ts';
import type { HealthCheck } from './schema.ts';

export interface HealthCheckDimension {
  id: string;
  name: string;
  /** One sentence each organization scores from 1 (disagree / poor) to 5 (agree / excellent). */
  prompt: string;
}

export interface HealthCheckTemplate {
  id: string;
  name: string;
  dimensions: HealthCheckDimension[];
}

/** The default survey: six dimensions, each scored 1–5 with an optional comment. */
export const DEFAULT_TEMPLATE: HealthCheckTemplate = {
  id: 'default',
  name: 'Partnership health check',
  dimensions: [
    {
      id: 'strategic-fit',
      name: 'Strategic fit',
      prompt: 'The partnership still serves a shared purpose that matters to our organization.',
    },
    {
      id: 'trust',
      name: 'Trust',
      prompt: 'We trust our partners to act in the interest of the partnership, not only their own.',
    },
    {
      id: 'communication',
      name: 'Communication',
      prompt: 'Information flows freely and in time between us and our partners.',
    },
    {
      id: 'governance',
      name: 'Governance effectiveness',
      prompt: 'Decisions are made fairly, transparently and quickly enough under the rules we agreed.',
    },
    {
      id: 'value-creation',
      name: 'Value creation',
      prompt: 'The partnership creates value we could not create alone, and shares it fairly.',
    },
    {
      id: 'operational-execution',
      name: 'Operational execution',
      prompt: 'Joint work is delivered as planned: milestones met, roles clear, hand-offs smooth.',
    },
  ],
};

/** A gap between organization means of at least this many points (1–5 scale) is flagged. */
export const PERCEPTION_GAP_FLAG = 1.5;

export interface OrganizationScore {
  organization: string;
  mean: number;
  n: number;
  comments: string[];
}

export interface DimensionResult {
  dimension: string;
  name: string;
  mean: number;
  /** Number of answers. */
  n: number;
  byOrganization: OrganizationScore[];
}

export interface PerceptionGap {
  dimension: string;
  name: string;
  gap: number;
  highest: { organization: string; mean: number };
  lowest: { organization: string; mean: number };
  flagged: boolean;
}

export interface HealthCheckResults {
  cycle: string;
  opened: string;
  closed?: string;
  /** Whether the cycle has closed on `now`; scores are only shown when it has. */
  isClosed: boolean;
  respondents: string[];
  /** Member organizations that have not answered (when members are given). */
  awaiting: string[];
  /** Empty while the cycle is open (answers are private until it closes). */
  dimensions: DimensionResult[];
  /** Mean of the dimension means; undefined while open or with no answers. */
  mean?: number;
  perceptionGaps: PerceptionGap[];
  explanation: string;
}

/** The dimensions a cycle asks: its own list, else the template's. */
export function cycleDimensions(
  cycle: Pick<HealthCheck, 'dimensions'>,
  template: HealthCheckTemplate = DEFAULT_TEMPLATE,
): HealthCheckDimension[] {
  if (!cycle.dimensions) return template.dimensions;
  return cycle.dimensions.map((d) => {
    const known = template.dimensions.find((t) => t.id === d.id);
    return { id: d.id, name: d.name ?? known?.name ?? d.id, prompt: d.prompt ?? known?.prompt ?? '' };
  });
}

/** Whether a cycle has closed on `now` (closed date given and not in the future). */
export function isCycleClosed(cycle: Pick<HealthCheck, 'closed'>, now: DateInput): boolean {
  return cycle.closed !== undefined && dayNumber(cycle.closed) <= dayNumber(now);
}

/**
 * Results of one cycle on `now`. While open: only who answered and who is
 * awaited. Once closed: per dimension the mean, n and each organization's mean,
 * the overall mean, and the perception gaps.
 */
export function healthCheckResults(
  cycle: HealthCheck,
  now: DateInput,
  options: { members?: readonly string[]; template?: HealthCheckTemplate } = {},
): HealthCheckResults {
  toIsoDate(now);
  const respondents = [...new Set(cycle.answers.map((a) => a.organization))];
  const awaiting = (options.members ?? []).filter((m) => !respondents.includes(m));
  const head = {
    cycle: cycle.id,
    opened: cycle.opened,
    ...(cycle.closed !== undefined ? { closed: cycle.closed } : {}),
    respondents,
    awaiting,
  };
  if (!isCycleClosed(cycle, now)) {
    return {
      ...head,
      isClosed: false,
      dimensions: [],
      perceptionGaps: [],
      explanation: `Cycle "${cycle.id}" is open: ${respondents.length} organization(s) answered${awaiting.length ? `, awaiting ${awaiting.join(', ')}` : ''}. Scores stay private until it closes.`,
    };
  }
  const dims = cycleDimensions(cycle, options.template);
  const dimensions: DimensionResult[] = [];
  for (const d of dims) {
    const answers = cycle.answers.filter((a) => a.dimension === d.id);
    if (!answers.length) continue;
    const orgs = [...new Set(answers.map((a) => a.organization))];
    const byOrganization = orgs.map((organization) => {
      const own = answers.filter((a) => a.organization === organization);
      return {
        organization,
        mean: mean(own.map((a) => a.score)),
        n: own.length,
        comments: own.flatMap((a) => (a.comment ? [a.comment] : [])),
      };
    });
    dimensions.push({
      dimension: d.id,
      name: d.name,
      mean: mean(byOrganization.map((o) => o.mean)),
      n: answers.length,
      byOrganization,
    });
  }
  const perceptionGaps = dimensions.filter((d) => d.byOrganization.length >= 2).map(gapOf);
  const overall = dimensions.length ? mean(dimensions.map((d) => d.mean)) : undefined;
  const flagged = perceptionGaps.filter((g) => g.flagged);
  return {
    ...head,
    isClosed: true,
    dimensions,
    ...(overall !== undefined ? { mean: overall } : {}),
    perceptionGaps,
    explanation:
      overall === undefined
        ? `Cycle "${cycle.id}" closed with no answers.`
        : `Cycle "${cycle.id}" closed on ${cycle.closed}: ${respondents.length} organization(s) answered; mean ${fmt(overall)} of 5 over ${dimensions.length} dimension(s) (mean of organization means per dimension).` +
          (flagged.length
            ? ` Perception gap of ${PERCEPTION_GAP_FLAG} points or more on: ${flagged.map((g) => `${g.name} (${fmt(g.gap)})`).join(', ')}.`
            : ''),
  };
}

function gapOf(d: DimensionResult): PerceptionGap {
  let hi = d.byOrganization[0]!;
  let lo = hi;
  for (const o of d.byOrganization) {
    if (o.mean > hi.mean) hi = o;
    if (o.mean < lo.mean) lo = o;
  }
  const gap = hi.mean - lo.mean;
  return {
    dimension: d.dimension,
    name: d.name,
    gap,
    highest: { organization: hi.organization, mean: hi.mean },
    lowest: { organization: lo.organization, mean: lo.mean },
    flagged: gap >= PERCEPTION_GAP_FLAG - 1e-9,
  };
}

export interface HealthCheckTrendPoint {
  cycle: string;
  closed: string;
  mean: number;
  byDimension: Record<string, number>;
  gaps: PerceptionGap[];
}

export interface HealthCheckTrend {
  /** Closed cycles with answers, oldest first. */
  points: HealthCheckTrendPoint[];
  /** Latest overall mean minus the previous one. */
  change?: number;
  /** Per dimension: latest mean minus the previous cycle's (dimensions in both). */
  changeByDimension: Record<string, number>;
  direction: 'improving' | 'declining' | 'stable' | 'unknown';
  explanation: string;
}

/** Change in the overall mean smaller than this (points) counts as stable. */
export const HEALTH_TREND_STABLE = 0.1;

/** The trend across closed cycles on `now`: overall and per-dimension means, oldest first, and the latest change. */
export function healthCheckTrend(
  cycles: readonly HealthCheck[],
  now: DateInput,
  template: HealthCheckTemplate = DEFAULT_TEMPLATE,
): HealthCheckTrend {
  const points: HealthCheckTrendPoint[] = cycles
    .filter((c) => isCycleClosed(c, now))
    .map((c) => healthCheckResults(c, now, { template }))
    .filter((r) => r.mean !== undefined)
    .map((r) => ({
      cycle: r.cycle,
      closed: r.closed!,
      mean: r.mean!,
      byDimension: Object.fromEntries(r.dimensions.map((d) => [d.dimension, d.mean])),
      gaps: r.perceptionGaps,
    }))
    .sort((a, b) => dayNumber(a.closed) - dayNumber(b.closed));
  const last = points.at(-1);
  const prev = points.at(-2);
  if (!last || !prev) {
    return {
      points,
      changeByDimension: {},
      direction: 'unknown',
      explanation: last
        ? `One closed cycle (mean ${fmt(last.mean)}); a trend needs two.`
        : 'No closed health-check cycle yet.',
    };
  }
  const change = last.mean - prev.mean;
  const changeByDimension: Record<string, number> = {};
  for (const [d, m] of Object.entries(last.byDimension)) {
    const p = prev.byDimension[d];
    if (p !== undefined) changeByDimension[d] = m - p;
  }
  const direction =
    Math.abs(change) < HEALTH_TREND_STABLE ? 'stable' : change > 0 ? 'improving' : 'declining';
  return {
    points,
    change,
    changeByDimension,
    direction,
    explanation: `Mean ${fmt(prev.mean)} in "${prev.cycle}" → ${fmt(last.mean)} in "${last.cycle}" (${change >= 0 ? '+' : ''}${fmt(change)}): ${direction} (changes under ${HEALTH_TREND_STABLE} count as stable).`,
  };
}
