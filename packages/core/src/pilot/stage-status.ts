/**
 * Where a partnership stands in its lifecycle and what its gates ask, for the
 * stage and gate panel: the next stage, the gate into it evaluated on the
 * partnership's own data, every gate's definition (the defaults and this
 * partnership's edits), and the changes a person makes to a gate — ticking a
 * checklist item off with evidence, and editing the checklist, thresholds
 * and KPI targets. Pure functions: the caller stores what they return.
 */
import type { PartnershipStage } from '../model/document.ts';
import { ValidationError } from '../model/problem.ts';
import { toIsoDate, type DateInput } from '../monitor/dates.ts';
import {
  DEFAULT_GATES,
  effectiveGate,
  evaluateGate,
  STAGE_ORDER,
  type GateResult,
  type GateSubject,
} from './gates.ts';
import {
  ChecklistItemSchema,
  GATED_STAGES,
  GateThresholdsSchema,
  KpiTargetSchema,
  type CheckedItem,
  type ChecklistItem,
  type Gate,
  type GatedStage,
  type GateThresholds,
  type KpiTarget,
  type StageChange,
} from './schema.ts';
import { z } from 'zod';

/** The stage after `stage` in the lifecycle, or null (evolving is the last; dissolved has none). */
export function nextStage(stage: PartnershipStage): GatedStage | null {
  const i = (STAGE_ORDER as readonly string[]).indexOf(stage);
  if (i < 0 || i === STAGE_ORDER.length - 1) return null;
  return STAGE_ORDER[i + 1] as GatedStage;
}

/** The stage before a gated stage (the one its gate is passed from). */
export function previousStage(stage: GatedStage): PartnershipStage {
  return STAGE_ORDER[(STAGE_ORDER as readonly string[]).indexOf(stage) - 1]!;
}

/** One gate as the panel shows it: its effective criteria, what was edited, and a preview evaluation. */
export interface GateView {
  to: GatedStage;
  /** The checklist, each item with its tick (evidence, who, when) when met. */
  checklist: (ChecklistItem & { met?: CheckedItem })[];
  /** Thresholds in force (defaults merged with this partnership's edits; switched-off ones left out). */
  thresholds: GateThresholds;
  kpiTargets: KpiTarget[];
  /** What this partnership changed: its own checklist, which thresholds it set or switched off, KPI targets. */
  customized: { checklist: boolean; thresholds: string[]; kpiTargets: boolean };
  /** The gate evaluated as if the partnership were in the stage before it (what passing it would take today). */
  preview: GateResult;
}

export interface StageStatus {
  stage: PartnershipStage;
  /** The next stage in the lifecycle (null in evolving or dissolved). */
  next: GatedStage | null;
  /** The gate into the next stage, evaluated on `now` (null when there is no next stage). */
  gate: GateResult | null;
  /** Every gate (into pilot, scaling, evolving). */
  gates: GateView[];
  /** Every other stage the partnership could be moved to, and whether that passes or needs an override. */
  moves: { to: PartnershipStage; pass: boolean; summary: string }[];
  history: StageChange[];
}

const ALL_STAGES: readonly PartnershipStage[] = [...STAGE_ORDER, 'dissolved'];

/** The stage and gate panel of a partnership on `now`. */
export function stageStatus(
  subject: GateSubject & { stageHistory?: readonly StageChange[] },
  now: DateInput,
): StageStatus {
  const at = toIsoDate(now);
  const next = nextStage(subject.stage);
  const gates: GateView[] = GATED_STAGES.map((to) => {
    const eff = effectiveGate(subject, to);
    const own = subject.gates?.find((g) => g.to === to);
    const thresholds = Object.fromEntries(
      Object.entries(eff.thresholds).filter(([, v]) => v !== null && v !== undefined && v !== false),
    ) as GateThresholds;
    return {
      to,
      checklist: eff.checklist.map((c) => {
        const met = eff.met.find((m) => m.item === c.id);
        return met ? { ...c, met } : { ...c };
      }),
      thresholds,
      kpiTargets: eff.kpiTargets,
      customized: {
        checklist: own?.checklist !== undefined,
        thresholds: Object.keys(own?.thresholds ?? {}),
        kpiTargets: (own?.kpiTargets?.length ?? 0) > 0,
      },
      preview: evaluateGate({ ...subject, stage: previousStage(to) }, to, at),
    };
  });
  return {
    stage: subject.stage,
    next,
    gate: next ? evaluateGate(subject, next, at) : null,
    gates,
    moves: ALL_STAGES.filter((s) => s !== subject.stage).map((to) => {
      const r = evaluateGate(subject, to, at);
      return { to, pass: r.pass, summary: r.summary };
    }),
    history: [...(subject.stageHistory ?? [])],
  };
}

const problem = (path: (string | number)[], message: string, code = 'invalid_value') =>
  new ValidationError([{ path, message, code }]);

/**
 * Ticks checklist item `item` of the gate into `to` off, with the evidence
 * that shows it (required), who and when. Returns the partnership's gate
 * entry to store (created from the defaults when it has none). Ticking an
 * item again replaces its evidence.
 */
export function tickChecklistItem(
  gates: readonly Gate[] | undefined,
  to: GatedStage,
  tick: { item: string; evidence: string; at: DateInput; by?: string | null | undefined },
): Gate {
  const evidence = tick.evidence.trim();
  if (!evidence)
    throw problem(['evidence'], 'say what shows the criterion is met (a document, a decision, a result)');
  if (evidence.length > 2000) throw problem(['evidence'], 'expected at most 2000 characters');
  const own = gates?.find((g) => g.to === to);
  const { checklist } = effectiveGate({ gates: gates ?? [] }, to);
  if (!checklist.some((c) => c.id === tick.item)) {
    throw new ValidationError([
      {
        path: ['item'],
        message: `"${tick.item}" is not on the checklist of the gate into ${to}; its items are: ${checklist.map((c) => c.id).join(', ') || '(none)'}`,
        code: 'unknown_reference',
      },
    ]);
  }
  const entry: CheckedItem = {
    item: tick.item,
    evidence,
    at: toIsoDate(tick.at),
    ...(tick.by ? { by: tick.by } : {}),
  };
  const met = (own?.met ?? []).filter((m) => m.item !== tick.item);
  return { ...(own ?? { to }), met: [...met, entry] };
}

/** Takes the tick off checklist item `item` (a mistake, or the evidence no longer holds). */
export function untickChecklistItem(gates: readonly Gate[] | undefined, to: GatedStage, item: string): Gate {
  const own = gates?.find((g) => g.to === to);
  if (!own?.met?.some((m) => m.item === item)) {
    throw new ValidationError([
      { path: ['item'], message: `"${item}" is not ticked off on the gate into ${to}`, code: 'not_met' },
    ]);
  }
  return { ...own, met: own.met.filter((m) => m.item !== item) };
}

/** An edit of one gate: each field given replaces this partnership's own; null goes back to the default. */
export const GateEditSchema = z.strictObject({
  checklist: z.array(ChecklistItemSchema).nullable().optional(),
  thresholds: GateThresholdsSchema.nullable().optional(),
  kpiTargets: z.array(KpiTargetSchema).nullable().optional(),
});
export type GateEdit = z.infer<typeof GateEditSchema>;

/**
 * Applies an edit to the gate into `to`. Ticks of checklist items no longer
 * on the checklist are dropped (and named in `dropped`). Thresholds equal to
 * the default are not stored as edits.
 */
export function editGate(
  gates: readonly Gate[] | undefined,
  to: GatedStage,
  edit: GateEdit,
): { gate: Gate; dropped: string[] } {
  const own: Gate = gates?.find((g) => g.to === to) ?? { to };
  const next: Gate = { to };
  const checklist = edit.checklist === undefined ? own.checklist : (edit.checklist ?? undefined);
  if (checklist !== undefined) next.checklist = checklist;
  const thresholdsIn = edit.thresholds === undefined ? own.thresholds : (edit.thresholds ?? undefined);
  if (thresholdsIn !== undefined) {
    const base = DEFAULT_GATES[to].thresholds as Record<string, unknown>;
    const kept = Object.fromEntries(
      Object.entries(thresholdsIn).filter(
        ([k, v]) => v !== undefined && !(v === base[k] || (v === null && base[k] === undefined)),
      ),
    ) as GateThresholds;
    if (Object.keys(kept).length) next.thresholds = kept;
  }
  const kpiTargets = edit.kpiTargets === undefined ? own.kpiTargets : (edit.kpiTargets ?? undefined);
  if (kpiTargets?.length) next.kpiTargets = kpiTargets;
  const ids = new Set((checklist ?? DEFAULT_GATES[to].checklist).map((c) => c.id));
  const met = own.met ?? [];
  const dropped = met.filter((m) => !ids.has(m.item)).map((m) => m.item);
  const kept = met.filter((m) => ids.has(m.item));
  if (kept.length) next.met = kept;
  return { gate: next, dropped };
}
