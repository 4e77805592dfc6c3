/**
 * Stages and gates. A partnership moves exploring → pilot → scaling → evolving,
 * one stage at a time, and may be dissolved from any stage. Moving on needs the
 * gate into the next stage to pass — its checklist ticked off and its
 * thresholds met on the partnership's own data — or an override with a written
 * rationale, which is logged in the stage history together with what was not
 * met. Skipping a stage, moving back, or reviving a dissolved partnership is
 * never a gate that passes: each needs an override with a rationale.
 *
 * The default gates follow the pattern's steps (seed 000 §4): co-design the
 * rules of the game before piloting; scale "once the pilot has demonstrated
 * success and the partnership model has been validated"; evolve with
 * "mechanisms for ongoing monitoring, evaluation, and adaptation". A
 * partnership's `gates` entry replaces the checklist, overrides thresholds
 * (null switches one off) and adds per-KPI targets.
 */
import type { PartnershipStage } from '../model/document.ts';
import { dayNumber, toIsoDate, type DateInput } from '../monitor/dates.ts';
import { fmt, pct, plural } from '../monitor/format.ts';
import { healthCheckResults, isCycleClosed } from '../monitor/health-check.ts';
import { countMilestonesOnTime } from '../monitor/health-score.ts';
import { evaluateKpi, evaluateKpis } from '../monitor/kpi.ts';
import type { HealthCheck, Kpi, Milestone } from '../monitor/schema.ts';
import type {
  ChecklistItem,
  Gate,
  GatedStage,
  GateThresholds,
  KpiTarget,
  Lesson,
  Pilot,
  StageChange,
} from './schema.ts';

/** The lifecycle order (dissolved is outside it: reachable from any stage). */
export const STAGE_ORDER = ['exploring', 'pilot', 'scaling', 'evolving'] as const;

export interface GateDefinition {
  checklist: ChecklistItem[];
  thresholds: GateThresholds;
}

/** The default gate into each stage: a checklist in the seeds' words and thresholds on the partnership's data. */
export const DEFAULT_GATES: Readonly<Record<GatedStage, GateDefinition>> = {
  pilot: {
    checklist: [
      {
        id: 'shared-purpose',
        criterion:
          'Shared purpose: the partners can articulate the "why", the mutual benefits and the outcomes they seek together.',
      },
      {
        id: 'complementary-capabilities',
        criterion:
          'Complementary capabilities: each partner brings capabilities, resources or market access the others lack.',
      },
      {
        id: 'rules-of-the-game',
        criterion:
          'Rules of the game co-designed: roles and responsibilities, decision-making, and how contributions are tracked and co-created value is distributed.',
      },
      {
        id: 'pilot-scoped',
        criterion:
          "A small, well-defined pilot is scoped to test the partners' assumptions in a lower-risk setting.",
      },
    ],
    thresholds: { minMembers: 2, requireCharter: true, minPilots: 1, minKpis: 1 },
  },
  scaling: {
    checklist: [
      {
        id: 'model-validated',
        criterion:
          'The partnership model is validated: every member agrees the pilot demonstrated success and is worth scaling.',
      },
      {
        id: 'processes-refined',
        criterion: 'Collaborative processes refined with the lessons learned from the pilot.',
      },
      {
        id: 'trust-built',
        criterion: 'Mutual trust built in the pilot: partners are ready to share more control and resources.',
      },
    ],
    thresholds: {
      minPilotsWithGo: 1,
      minLessons: 1,
      minKpisOnTrackShare: 0.5,
      minClosedHealthChecks: 1,
      minHealthCheckMean: 3.5,
    },
  },
  evolving: {
    checklist: [
      {
        id: 'monitoring-in-place',
        criterion: 'Mechanisms for ongoing monitoring, evaluation and adaptation are built in.',
      },
      {
        id: 'balance-reviewed',
        criterion: 'The balance of contributions and benefits has been reviewed with every member.',
      },
      {
        id: 'roles-adjusted',
        criterion:
          'Partner roles have been adjusted to what the partnership has learned as the context shifts.',
      },
    ],
    thresholds: {
      minKpisOnTrackShare: 0.6,
      minMilestonesOnTimeShare: 0.7,
      minClosedHealthChecks: 2,
      minHealthCheckMean: 3.5,
      maxOpenDisputes: 1,
    },
  },
};

/** What gate evaluation reads from a partnership (a partnership of the document with its pilot and monitoring lists fits). */
export interface GateSubject {
  stage: PartnershipStage;
  members: readonly { actor: string }[];
  charter?: unknown;
  gates?: readonly Gate[];
  pilots?: readonly Pilot[];
  lessons?: readonly Lesson[];
  kpis?: readonly Kpi[];
  milestones?: readonly Milestone[];
  healthChecks?: readonly HealthCheck[];
  /** Loosely typed (the governance module defines disputes): an entry is open unless its status says otherwise. */
  disputes?: readonly unknown[];
}

export interface GateItem {
  id: string;
  criterion: string;
  kind: 'checklist' | 'threshold' | 'kpi-target' | 'transition';
  met: boolean;
  evidence: string;
}

export interface GateResult {
  from: PartnershipStage;
  to: PartnershipStage;
  pass: boolean;
  items: GateItem[];
  summary: string;
}

/** The partnership's effective gate into `to`: its checklist (or the default), thresholds merged over the defaults, KPI targets, items met. */
export function effectiveGate(
  subject: Pick<GateSubject, 'gates'>,
  to: GatedStage,
): GateDefinition & { kpiTargets: KpiTarget[]; met: NonNullable<Gate['met']> } {
  const own = subject.gates?.find((g) => g.to === to);
  const base = DEFAULT_GATES[to];
  return {
    checklist: own?.checklist ?? base.checklist,
    thresholds: { ...base.thresholds, ...(own?.thresholds ?? {}) },
    kpiTargets: own?.kpiTargets ?? [],
    met: own?.met ?? [],
  };
}

const CLOSED_DISPUTES = ['resolved', 'closed', 'settled', 'withdrawn', 'dismissed'];

function thresholdItems(subject: GateSubject, t: GateThresholds, now: DateInput): GateItem[] {
  const items: GateItem[] = [];
  const add = (id: string, criterion: string, met: boolean, evidence: string) =>
    items.push({ id, criterion, kind: 'threshold', met, evidence });
  const today = dayNumber(now);
  if (t.minMembers != null) {
    const n = subject.members.length;
    add(
      'min-members',
      `At least ${plural(t.minMembers, 'member organization')}`,
      n >= t.minMembers,
      `${plural(n, 'member organization')}.`,
    );
  }
  if (t.requireCharter) {
    const has =
      typeof subject.charter === 'object' &&
      subject.charter !== null &&
      Object.keys(subject.charter).length > 0;
    add(
      'charter',
      'A charter (the rules of the game) is written down',
      has,
      has ? 'The partnership has a charter.' : 'No charter yet.',
    );
  }
  const pilots = subject.pilots ?? [];
  if (t.minPilots != null) {
    const n = pilots.filter((p) => p.status !== 'cancelled' && p.hypotheses.length > 0).length;
    add(
      'min-pilots',
      `At least ${plural(t.minPilots, 'pilot')} with hypotheses to test`,
      n >= t.minPilots,
      `${plural(n, 'pilot')} with at least one hypothesis.`,
    );
  }
  if (t.minPilotsWithGo != null) {
    const go = pilots.filter((p) => p.decision === 'go');
    add(
      'pilots-go',
      `At least ${plural(t.minPilotsWithGo, 'pilot')} decided "go"`,
      go.length >= t.minPilotsWithGo,
      go.length ? `Decided go: ${go.map((p) => p.name).join(', ')}.` : 'No pilot decided "go" yet.',
    );
  }
  if (t.minLessons != null) {
    const n = subject.lessons?.length ?? 0;
    add(
      'min-lessons',
      `At least ${plural(t.minLessons, 'lesson')} learned logged`,
      n >= t.minLessons,
      `${plural(n, 'lesson')} logged.`,
    );
  }
  const kpis = subject.kpis ?? [];
  if (t.minKpis != null) {
    add(
      'min-kpis',
      `At least ${plural(t.minKpis, 'shared KPI')} defined`,
      kpis.length >= t.minKpis,
      `${plural(kpis.length, 'KPI')} defined.`,
    );
  }
  if (t.minKpisOnTrackShare != null) {
    const known = evaluateKpis(kpis, now).filter((k) => k.status !== 'no-data');
    const on = known.filter((k) => k.status === 'on-track').length;
    const share = known.length ? on / known.length : 0;
    add(
      'kpis-on-track',
      `At least ${pct(t.minKpisOnTrackShare)} of KPIs on track`,
      known.length > 0 && share >= t.minKpisOnTrackShare,
      known.length
        ? `${on} of ${plural(known.length, 'KPI')} with measurements on track (${pct(share)}).`
        : 'No KPI has measurements yet.',
    );
  }
  if (t.minMilestonesOnTimeShare != null) {
    const { onTime, late } = countMilestonesOnTime(subject.milestones, today);
    const n = onTime + late;
    add(
      'milestones-on-time',
      `At least ${pct(t.minMilestonesOnTimeShare)} of due milestones on time`,
      n > 0 && onTime / n >= t.minMilestonesOnTimeShare,
      n
        ? `${onTime} of ${plural(n, 'due or done milestone')} on time (${pct(onTime / n)}).`
        : 'No milestone is due or done yet.',
    );
  }
  const closed = (subject.healthChecks ?? [])
    .filter((h) => isCycleClosed(h, now))
    .map((h) => healthCheckResults(h, now))
    .filter((r) => r.mean !== undefined)
    .sort((a, b) => dayNumber(a.closed!) - dayNumber(b.closed!));
  if (t.minClosedHealthChecks != null) {
    add(
      'health-checks',
      `At least ${plural(t.minClosedHealthChecks, 'closed health-check cycle')}`,
      closed.length >= t.minClosedHealthChecks,
      `${plural(closed.length, 'closed cycle')} with answers.`,
    );
  }
  if (t.minHealthCheckMean != null) {
    const last = closed.at(-1);
    add(
      'health-check-mean',
      `Latest health check mean at least ${fmt(t.minHealthCheckMean)} of 5`,
      last !== undefined && last.mean! >= t.minHealthCheckMean,
      last
        ? `Mean ${fmt(last.mean!)} in "${last.cycle}" (closed ${last.closed}).`
        : 'No closed health check yet.',
    );
  }
  if (t.maxOpenDisputes != null) {
    const open = (subject.disputes ?? []).filter((d) => {
      const status = typeof d === 'object' && d !== null && 'status' in d ? d.status : undefined;
      return typeof status !== 'string' || !CLOSED_DISPUTES.includes(status);
    }).length;
    add(
      'open-disputes',
      `At most ${plural(t.maxOpenDisputes, 'open dispute')}`,
      open <= t.maxOpenDisputes,
      `${plural(open, 'open dispute')}.`,
    );
  }
  return items;
}

function gateItems(subject: GateSubject, to: GatedStage, now: DateInput): GateItem[] {
  const gate = effectiveGate(subject, to);
  const items: GateItem[] = gate.checklist.map((c) => {
    const tick = gate.met.find((m) => m.item === c.id);
    const who = tick
      ? [tick.by && `by ${tick.by}`, tick.at && `on ${tick.at}`].filter(Boolean).join(' ')
      : '';
    return {
      id: c.id,
      criterion: c.criterion,
      kind: 'checklist',
      met: tick !== undefined,
      evidence: tick
        ? `Ticked off${who ? ` ${who}` : ''}${tick.evidence ? `: ${tick.evidence}` : '.'}`
        : 'Not ticked off yet.',
    };
  });
  items.push(...thresholdItems(subject, gate.thresholds, now));
  for (const t of gate.kpiTargets) {
    const kpi = subject.kpis?.find((k) => k.id === t.kpi);
    const e = kpi ? evaluateKpi(kpi, now) : undefined;
    items.push({
      id: `kpi:${t.kpi}`,
      criterion: `KPI "${kpi?.name ?? t.kpi}" at least ${pct(t.progress)} of the way to its target`,
      kind: 'kpi-target',
      met: e !== undefined && e.status !== 'no-data' && e.progress >= t.progress,
      evidence: !kpi
        ? `Unknown KPI "${t.kpi}".`
        : e!.status === 'no-data'
          ? 'No measurements yet.'
          : `${pct(e!.progress)} of the way (latest ${fmt(e!.latest!.value)} on ${e!.latest!.date}).`,
    });
  }
  return items;
}

const stageIndex = (s: PartnershipStage) => (STAGE_ORDER as readonly string[]).indexOf(s);

/** Evaluates moving the partnership from its current stage to `to` on `now`: every criterion, met or not, with evidence. */
export function evaluateGate(subject: GateSubject, to: PartnershipStage, now: DateInput): GateResult {
  toIsoDate(now);
  const from = subject.stage;
  const transition = (met: boolean, evidence: string, criterion = 'One stage at a time, forward') => ({
    id: 'transition',
    criterion,
    kind: 'transition' as const,
    met,
    evidence,
  });
  let items: GateItem[];
  if (to === from) {
    items = [transition(false, `The partnership is already in stage "${to}".`)];
  } else if (to === 'dissolved') {
    items = [transition(true, 'A partnership may be dissolved from any stage.', 'Dissolving needs no gate')];
  } else if (from === 'dissolved') {
    items = [
      transition(false, 'A dissolved partnership is revived only by an override with a written rationale.'),
    ];
  } else if (to === 'exploring' || stageIndex(to) < stageIndex(from)) {
    items = [
      transition(
        false,
        `Moving back from "${from}" to "${to}" is not a gate that passes; it needs an override with a written rationale.`,
      ),
    ];
  } else {
    const skipped = STAGE_ORDER.slice(stageIndex(from) + 1, stageIndex(to));
    items = [
      ...(skipped.length
        ? [transition(false, `"${from}" → "${to}" skips ${skipped.map((s) => `"${s}"`).join(', ')}.`)]
        : []),
      ...gateItems(subject, to, now),
    ];
  }
  const unmet = items.filter((i) => !i.met);
  const pass = unmet.length === 0;
  return {
    from,
    to,
    pass,
    items,
    summary: pass
      ? `The gate from "${from}" to "${to}" passes: all ${plural(items.length, 'criterion', 'criteria')} met.`
      : `The gate from "${from}" to "${to}" does not pass: ${unmet.length} of ${plural(items.length, 'criterion', 'criteria')} not met (${unmet.map((i) => i.id).join(', ')}).`,
  };
}

/** Raised when a stage move is refused; carries the gate result. */
export class StageMoveError extends Error {
  constructor(
    readonly code: 'same_stage' | 'gate_not_passed' | 'override_rationale_required',
    message: string,
    readonly gate: GateResult,
  ) {
    super(message);
    this.name = 'StageMoveError';
  }
}

export interface StageMove {
  stage: PartnershipStage;
  /** The entry to append to `stageHistory`. */
  entry: StageChange;
  gate: GateResult;
}

/**
 * Moves the partnership to `to` on `now`: allowed when the gate passes, or with
 * `override.rationale` (non-empty) when it does not; the returned history entry
 * then logs the rationale and the criteria not met. Throws StageMoveError
 * otherwise. Does not change `subject`.
 */
export function moveStage(
  subject: GateSubject,
  to: PartnershipStage,
  options: { now: DateInput; by?: string; override?: { rationale: string } },
): StageMove {
  const at = toIsoDate(options.now);
  const gate = evaluateGate(subject, to, at);
  if (to === subject.stage)
    throw new StageMoveError('same_stage', `The partnership is already in stage "${to}".`, gate);
  const base = { from: subject.stage, to, at, ...(options.by !== undefined ? { by: options.by } : {}) };
  if (gate.pass) return { stage: to, entry: base, gate };
  const rationale = options.override?.rationale.trim() ?? '';
  if (!options.override) {
    throw new StageMoveError(
      'gate_not_passed',
      `${gate.summary} Meet the criteria, or override with a written rationale.`,
      gate,
    );
  }
  if (!rationale) {
    throw new StageMoveError(
      'override_rationale_required',
      `An override needs a written rationale: say why the partnership moves on although ${gate.summary.replace(/^The gate/, 'the gate')}`,
      gate,
    );
  }
  const unmet = gate.items.filter((i) => !i.met).map((i) => `${i.criterion} — ${i.evidence}`);
  return { stage: to, entry: { ...base, override: { rationale, unmet } }, gate };
}
