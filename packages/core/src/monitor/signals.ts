/**
 * Vitality signals: early warnings that a partnership is decaying (seed 000 §8:
 * "an increase in formal disputes, a slowdown in innovation, and a growing sense
 * of fragmentation"; "information is hoarded, and trust erodes") and the
 * alliance pitfalls of seed 001 ("decision gridlock due to too many players",
 * "unequal contributions leading to resentment", "defection by members with
 * changing incentives", "loss of strategic direction if governance is weak").
 *
 * Each signal is a pure function of plain inputs and `now`, returning a
 * `Signal` (severity, the evidence in words, since when, and a recommended
 * action in the seeds' words) or undefined. Every threshold is in
 * SIGNAL_THRESHOLDS. "Recent" means the last `windowDays` (90) days up to and
 * including `now`; "previous" the 90 days before that. When the data carries
 * no date for when a condition began, `since` is the analysis date.
 */
import { addDays, dayNumber, type DateInput } from './dates.ts';
import { fmt, plural } from './format.ts';
import { contributionImbalance, defectionRisk, dependency, informationHoarding } from './signals-balance.ts';
import {
  SIGNAL_KINDS,
  SIGNAL_THRESHOLDS,
  signalContext,
  sinceMin,
  windowOf,
  windowStart,
  type SignalSeverity,
  type Signal,
  type SignalContext,
  type SignalInputs,
} from './signals-common.ts';

const W = SIGNAL_THRESHOLDS.windowDays;

/** Formal disputes opened in the last 90 days: at least 2 and more than in the 90 days before. */
export function risingDisputes(disputes: SignalInputs['disputes'], ctx: SignalContext): Signal | undefined {
  const T = SIGNAL_THRESHOLDS.disputes;
  const formal = (disputes ?? []).filter((d) => d.formal !== false);
  const recent = formal.filter((d) => windowOf(ctx, dayNumber(d.opened)) === 0);
  const previous = formal.filter((d) => windowOf(ctx, dayNumber(d.opened)) === 1).length;
  if (recent.length < T.minRecent || recent.length <= previous) return undefined;
  const open = formal.filter((d) => d.status === undefined || d.status === 'open').length;
  return {
    kind: 'rising-disputes',
    severity: recent.length >= T.criticalRecent ? 'critical' : 'warning',
    evidence: [
      `${plural(recent.length, 'formal dispute')} opened in the last ${W} days, against ${previous} in the ${W} days before.`,
      `${open} formal dispute(s) still open.`,
    ],
    since: sinceMin(
      recent.map((d) => d.opened),
      ctx.now,
    ),
    action:
      "Formal disputes are rising. Disagreements are inevitable, but if not managed effectively they damage trust and derail the partnership: take each one through the charter's conflict-resolution path early, and ask every member whether the rules of the game still feel fair.",
  };
}

/** New pilots, ideas and lessons in the last 90 days fell by half or more against the mean of the three quarters before. */
export function innovationSlowdown(
  innovation: SignalInputs['innovation'],
  ctx: SignalContext,
): Signal | undefined {
  const T = SIGNAL_THRESHOLDS.innovation;
  const kinds = {
    pilots: innovation?.pilots ?? [],
    ideas: innovation?.ideas ?? [],
    lessons: innovation?.lessons ?? [],
  };
  const counts = (list: readonly string[]) => {
    const c = new Array<number>(T.quarters).fill(0);
    for (const d of list) {
      const k = windowOf(ctx, dayNumber(d));
      if (k >= 0 && k < T.quarters) c[k]!++;
    }
    return c;
  };
  const per = Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, counts(v)])) as Record<
    keyof typeof kinds,
    number[]
  >;
  const total = per.pilots.map((_, i) => per.pilots[i]! + per.ideas[i]! + per.lessons[i]!);
  const prevMean = total.slice(1).reduce((s, x) => s + x, 0) / (T.quarters - 1);
  if (prevMean < T.minPreviousPerQuarter) return undefined;
  const drop = 1 - total[0]! / prevMean;
  if (drop < T.dropWarning) return undefined;
  // Since: the start of the earliest window of the current run of falling counts.
  let k = 0;
  while (k + 1 < T.quarters && total[k]! < total[k + 1]!) k++;
  const quarters = total
    .map((c, i) => `${windowStart(ctx, i)}…${addDays(windowStart(ctx, i), W - 1)}: ${c}`)
    .reverse();
  return {
    kind: 'innovation-slowdown',
    severity: drop >= T.dropCritical ? 'critical' : 'warning',
    evidence: [
      `${total[0]} new pilots, ideas and lessons in the last ${W} days against a mean of ${fmt(prevMean, 1)} per ${W} days before (down ${fmt(drop * 100, 0)}%).`,
      `Per ${W} days, oldest first: ${quarters.join('; ')}.`,
      `Last ${W} days: ${per.pilots[0]} pilots, ${per.ideas[0]} ideas, ${per.lessons[0]} lessons.`,
    ],
    since: windowStart(ctx, k - 1 < 0 ? 0 : k - 1),
    action:
      'Innovation is slowing down. Design for learning: treat the partnership as a living system, bring the partners together to surface new ideas, start a small, well-defined pilot to test the next assumption, and log what you learn.',
  };
}

/** A member isolated in the map, members falling into separate groups, or modularity rising between snapshots. */
export function fragmentation(
  input: SignalInputs['fragmentation'],
  members: readonly string[],
  ctx: SignalContext,
): Signal | undefined {
  const T = SIGNAL_THRESHOLDS.fragmentation;
  const evidence: string[] = [];
  const actors = new Set<string>();
  let critical = false;
  let since = ctx.now;
  const isolated = (input?.isolated ?? []).filter((m) => members.includes(m));
  if (isolated.length) {
    evidence.push(
      `${isolated.map(ctx.name).join(', ')} ha${isolated.length === 1 ? 's' : 've'} no tie to any other member in the map.`,
    );
    isolated.forEach((m) => actors.add(m));
    if (members.length >= 2 && isolated.length / members.length >= T.isolatedShareCritical) critical = true;
  }
  const groups = input?.groups ?? [];
  if (groups.length > 1) {
    evidence.push(
      `Members fall into ${groups.length} groups with no ties between them: ${groups.map((g) => `{${g.map(ctx.name).join(', ')}}`).join(', ')}.`,
    );
  }
  const snaps = [...(input?.modularity ?? [])].sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  const last = snaps.at(-1);
  const prev = snaps.at(-2);
  if (last && prev && last.value - prev.value >= T.modularityRise) {
    let i = snaps.length - 2;
    while (i > 0 && snaps[i]!.value > snaps[i - 1]!.value) i--;
    const rise = last.value - snaps[i]!.value;
    evidence.push(
      `Modularity of the map rose from ${fmt(snaps[i]!.value, 3)} (${snaps[i]!.date}) to ${fmt(last.value, 3)} (${last.date}): communities are drifting apart.`,
    );
    if (rise >= T.modularityRiseCritical) critical = true;
    since = snaps[i + 1]!.date;
  }
  if (!evidence.length) return undefined;
  const who = actors.size ? [...actors].map(ctx.name).join(', ') : 'the separate groups';
  return {
    kind: 'fragmentation',
    severity: critical ? 'critical' : 'warning',
    evidence,
    since,
    action: `The network is fragmenting into isolated silos. Reconnect it while new connections can still form: involve ${who} with other members in shared work, and bring the communities together around the shared purpose.`,
    ...(actors.size ? { actors: [...actors] } : {}),
  };
}

const DECIDED = new Set([
  'decided',
  'approved',
  'accepted',
  'passed',
  'adopted',
  'closed',
  'done',
  'withdrawn',
  'cancelled',
  'canceled',
]);
const FAILED = new Set(['rejected', 'failed', 'vetoed']);

/** Decisions past their deadline and still open, and votes that failed in the last 90 days. */
export function decisionGridlock(
  decisions: SignalInputs['decisions'],
  ctx: SignalContext,
): Signal | undefined {
  const T = SIGNAL_THRESHOLDS.gridlock;
  const all = decisions ?? [];
  const isOpen = (d: (typeof all)[number]) => !DECIDED.has(d.status) && !FAILED.has(d.status);
  const overdue = all.filter(
    (d) => isOpen(d) && d.deadline !== undefined && dayNumber(d.deadline) < ctx.today,
  );
  const failed = all.filter((d) => {
    const date = d.decided ?? d.deadline ?? d.opened;
    return FAILED.has(d.status) && date !== undefined && windowOf(ctx, dayNumber(date)) === 0;
  });
  const count = overdue.length + failed.length;
  if (count < T.warningCount) return undefined;
  const evidence: string[] = [];
  if (overdue.length) {
    const oldest = sinceMin(
      overdue.map((d) => d.deadline!),
      ctx.now,
    );
    evidence.push(
      `${plural(overdue.length, 'decision')} past deadline and still open (oldest deadline ${oldest}).`,
    );
  }
  if (failed.length)
    evidence.push(`${plural(failed.length, 'vote')} failed or rejected in the last ${W} days.`);
  const open = all.filter(isOpen).length;
  evidence.push(`${open} decision(s) open in all.`);
  return {
    kind: 'decision-gridlock',
    severity: count >= T.criticalCount ? 'critical' : 'warning',
    evidence,
    since: sinceMin(
      [...overdue.map((d) => d.deadline!), ...failed.map((d) => (d.decided ?? d.deadline ?? d.opened)!)],
      ctx.now,
    ),
    action:
      "Decision gridlock: create governance structures that ensure fairness and decision-making agility. Give each open decision an owner and a deadline, use the charter's fallback rule or escalation path, and delegate operational decisions to a smaller group.",
  };
}

/** Half or more of the KPIs with data off track, or milestones slipping (slipped, or past due and not done). */
export function lossOfDirection(
  kpis: SignalInputs['kpis'],
  milestones: SignalInputs['milestones'],
  ctx: SignalContext,
): Signal | undefined {
  const T = SIGNAL_THRESHOLDS.direction;
  const evidence: string[] = [];
  const known = (kpis ?? []).filter((k) => k.status !== 'no-data');
  const off = known.filter((k) => k.status === 'off-track');
  const kpiBad = off.length > 0 && off.length / known.length >= T.kpiOffTrackShare;
  if (kpiBad)
    evidence.push(
      `${off.length} of ${plural(known.length, 'KPI')} with data off track: ${off.map((k) => k.name).join(', ')}.`,
    );
  const considered = (milestones ?? []).filter(
    (m) =>
      m.status !== 'cancelled' &&
      (m.status === 'done' || m.status === 'slipped' || dayNumber(m.due) < ctx.today),
  );
  const slipping = considered.filter(
    (m) => m.status === 'slipped' || (m.status !== 'done' && dayNumber(m.due) < ctx.today),
  );
  const msBad =
    slipping.length >= T.minSlipping ||
    (slipping.length > 0 && slipping.length / considered.length >= T.milestonesSlippingShare);
  if (msBad)
    evidence.push(
      `${slipping.length} of ${plural(considered.length, 'due milestone')} slipping: ${slipping.map((m) => `${m.name} (due ${m.due})`).join(', ')}.`,
    );
  if (!kpiBad && !msBad) return undefined;
  return {
    kind: 'loss-of-direction',
    severity: kpiBad && msBad ? 'critical' : 'warning',
    evidence,
    since: msBad
      ? sinceMin(
          slipping.map((m) => m.due),
          ctx.now,
        )
      : ctx.now,
    action:
      'The partnership risks losing its strategic direction. Purpose before process: restate the shared "why" and the outcomes you seek together, then re-plan a milestone-based roadmap with clear value at each step and make the trade-offs explicit early.',
  };
}

/** A perception gap of 1.5 points or more between member organizations in the latest closed health check. */
export function perceptionGap(cycles: SignalInputs['healthChecks'], ctx: SignalContext): Signal | undefined {
  const T = SIGNAL_THRESHOLDS.perceptionGap;
  const list = [...(cycles ?? [])].sort((a, b) => dayNumber(a.closed) - dayNumber(b.closed));
  const last = list.at(-1);
  const flagged = (last?.gaps ?? []).filter((g) => g.gap >= T.warning - 1e-9);
  if (!last || !flagged.length) return undefined;
  let since = last.closed;
  for (const g of flagged) {
    for (let i = list.length - 2; i >= 0; i--) {
      const earlier = list[i]!.gaps.find((x) => x.dimension === g.dimension);
      if (!earlier || earlier.gap < T.warning - 1e-9) break;
      if (list[i]!.closed < since) since = list[i]!.closed;
    }
  }
  const actors = [...new Set(flagged.flatMap((g) => [g.highest.organization, g.lowest.organization]))];
  const worst = flagged.reduce((a, g) => (g.gap > a.gap ? g : a));
  return {
    kind: 'perception-gap',
    severity: worst.gap >= T.critical - 1e-9 ? 'critical' : 'warning',
    evidence: flagged.map(
      (g) =>
        `${g.name}: ${ctx.name(g.highest.organization)} scores ${fmt(g.highest.mean)}, ${ctx.name(g.lowest.organization)} ${fmt(g.lowest.mean)} (gap ${fmt(g.gap)}) in health check "${last.cycle}".`,
    ),
    since,
    action: `The partners see the partnership differently. Manage the relationship actively and keep evaluating alignment: bring ${ctx.name(worst.highest.organization)} and ${ctx.name(worst.lowest.organization)} together to talk openly about ${worst.name.toLowerCase()}, understand why their views differ, and agree one change.`,
    actors,
  };
}

const ORDER: Record<SignalSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** Runs all ten signals on `now`; the ones that fire, most severe first. */
export function partnershipSignals(inputs: SignalInputs, now: DateInput): Signal[] {
  const ctx = signalContext(inputs, now);
  const found = [
    risingDisputes(inputs.disputes, ctx),
    innovationSlowdown(inputs.innovation, ctx),
    fragmentation(inputs.fragmentation, inputs.members, ctx),
    informationHoarding(inputs, ctx),
    contributionImbalance(inputs, ctx),
    decisionGridlock(inputs.decisions, ctx),
    dependency(inputs, ctx),
    defectionRisk(inputs, ctx),
    lossOfDirection(inputs.kpis, inputs.milestones, ctx),
    perceptionGap(inputs.healthChecks, ctx),
  ].filter((s): s is Signal => s !== undefined);
  return found.sort(
    (a, b) =>
      ORDER[a.severity] - ORDER[b.severity] || SIGNAL_KINDS.indexOf(a.kind) - SIGNAL_KINDS.indexOf(b.kind),
  );
}
