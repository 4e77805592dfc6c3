/**
 * `valueweb analyze`: the whole report on an ecosystem document, computed
 * with no store. Its JSON keys are a contract (docs/analyze-report.md):
 * the summary (ecosystem, counts, kinds, flows, stages, capabilities, needs),
 * the Map (network, coverage, gaps, opportunities, criticality) and, per
 * partnership, governance (voting power under the charter's decision rule, the
 * recorded decisions tallied by it), value (Shapley values of the charter's
 * value game), fairness (of the ledger), health and vitality signals.
 */
import { GameInputError } from './games/errors.ts';
import { shapleyOfGameModel } from './games/game-model.ts';
import type { DecisionRule } from './govern/decision-schema.ts';
import { effectiveLedger, ledgerTotals, mainCurrency } from './govern/ledger-schema.ts';
import { tallyDecision, type Tally, type Vote } from './govern/tally.ts';
import { votingPower } from './govern/voting-power.ts';
import { analyzeMap, type MapReport } from './map/analysis/analyze.ts';
import { analyzeDiscover, type DiscoverReport } from './discover/ecosystem.ts';
import type { EcosystemDocument, Partnership } from './model/document.ts';
import { ValidationError } from './model/problem.ts';
import { summarize, type DocumentSummary } from './model/summary.ts';
import { isIsoDate } from './monitor/dates.ts';
import { analyzePartnershipHealth } from './monitor/from-document.ts';
import type { HealthScore } from './monitor/health-score.ts';
import type { Signal } from './monitor/signals-common.ts';
import { assessFairness, type Fairness } from './value/fairness.ts';

export interface AnalyzeOptions {
  /** Seed for community detection and sampling (same seed, same report). */
  seed: number;
  /** The day health and signals are computed for (YYYY-MM-DD). */
  today: string;
  /** Exact betweenness up to this many actors, sampled above (default DEFAULT_EXACT_BETWEENNESS_LIMIT). */
  exactBetweennessLimit?: number;
}

/** One member's voting power under the decision rule. */
export interface MemberPowerReport {
  weight: number;
  /** Shapley–Shubik index: share of the orders of arrival in which the member is pivotal. */
  shapleyShubik: number;
  /** Normalized Banzhaf index: the member's share of all swings. */
  banzhaf: number;
  /** Raw Penrose–Banzhaf measure: the chance of being decisive when the others vote at random. */
  penrose: number;
  /** banzhaf / weight share (1 = power in line with weight); null for a member of zero weight. */
  powerToWeight: number | null;
  veto: boolean;
  dummy: boolean;
}

/** A recorded decision with votes, tallied by the rule. */
export interface DecisionTallyReport {
  id: string;
  title: string;
  status: string;
  tally: Omit<Tally, 'vetoedBy'> & { vetoedBy: string[] };
  /** Whether the recorded status (passed / rejected) agrees with the tally; null while open, escalated or withdrawn. */
  agrees: boolean | null;
}

export interface GovernanceReport {
  /** The decision rule analysed (the charter's, or a simple majority of the members when it has none). */
  rule: DecisionRule;
  ruleSource: 'charter' | 'default';
  /** Yes weight (or yes votes) a motion needs when every member votes. */
  quota: number | null;
  totalWeight: number | null;
  power: Record<string, MemberPowerReport>;
  vetoPlayers: string[];
  dummies: string[];
  dictator: string | null;
  decisions: DecisionTallyReport[];
  explanation: string[];
  /** Why the power analysis could not be made, when it could not. */
  error?: string;
}

export interface ValueReport {
  rule: 'equal' | 'proportional' | 'shapley';
  method: 'exact' | 'sampling';
  /** v(N): what the whole partnership is worth in the game. */
  grandValue: number;
  /** Shapley value of each member in the charter's value game. */
  shapley: Record<string, number>;
  /** φ_i / v(N): each member's share of any amount split by the game (null when v(N) ≤ 0). */
  shares: Record<string, number> | null;
  /** 95% interval per member, when a coalition table was sampled. */
  ci95?: Record<string, [number, number]>;
  explanation: string[];
  memberExplanations: Record<string, string[]>;
  error?: string;
}

/** Fairness of the ledger (effective entries up to `today`, in its main currency). */
export type FairnessReport = Fairness & {
  currency: string;
  /** Entries counted (reversed entries and their reversals, later entries and other currencies left out). */
  entries: number;
  /** Entries left out because they are in another currency. */
  otherCurrencyEntries: number;
};

/** Counts of the partnership's registers on `today`. */
export interface RegistersReport {
  obligations: { total: number; open: number; overdue: number; done: number; waived: number };
  issues: { total: number; open: number; openHighOrCritical: number };
  risks: { total: number; open: number; top: { id: string; title: string; exposure: number }[] };
  disputes: { total: number; open: number; openByStage: Record<string, number> };
  decisions: { total: number; open: number; pastDeadline: number };
}

export interface PartnershipReport {
  name: string;
  stage: string;
  members: string[];
  governance: GovernanceReport;
  /** Present when the charter's value rule has a game; null otherwise. */
  value: ValueReport | null;
  /** Null without ledger entries to weigh. */
  fairness: FairnessReport | null;
  health: HealthScore;
  signals: Signal[];
  registers: RegistersReport;
}

export interface AnalyzeReport extends DocumentSummary, MapReport {
  generatedFor: string;
  seed: number;
  /** Display names of actors, by id (for readers of the JSON and the text report). */
  names: Record<string, string>;
  partnerships: Record<string, PartnershipReport>;
  /** Partner scoring, sensitivity, portfolio, pipeline and readiness; present when the document has a `discover` section. */
  discover?: DiscoverReport;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Power of each member under the charter's decision rule (default: simple majority), and the decisions tallied by it. */
export function partnershipGovernance(p: Partnership): GovernanceReport {
  const members = p.members.map((m) => m.actor);
  const charterRule = p.charter?.decision;
  const rule: DecisionRule = charterRule ?? { rule: 'majority', abstention: 'counts-as-no' };
  const ruleSource = charterRule ? 'charter' : 'default';
  const base = {
    rule,
    ruleSource,
    decisions: tallies(p, rule, members),
  } as const;
  try {
    const vp = votingPower(rule, members);
    const power: Record<string, MemberPowerReport> = {};
    for (const m of vp.members) {
      power[m.actorId] = {
        weight: m.weight,
        shapleyShubik: m.shapleyShubik,
        banzhaf: m.banzhaf,
        penrose: m.penrose,
        powerToWeight: m.powerToWeight,
        veto: m.veto,
        dummy: m.dummy,
      };
    }
    return {
      ...base,
      quota: vp.quota,
      totalWeight: vp.totalWeight,
      power,
      vetoPlayers: vp.vetoPlayers,
      dummies: vp.dummies,
      dictator: vp.dictator,
      explanation: [
        ruleSource === 'charter'
          ? `the charter's decision rule: ${rule.rule}`
          : 'no decision rule in the charter: analysed as a simple majority of the members',
        ...vp.explanation,
      ],
    };
  } catch (e) {
    if (!(e instanceof GameInputError)) throw e;
    return {
      ...base,
      quota: null,
      totalWeight: null,
      power: {},
      vetoPlayers: [],
      dummies: [],
      dictator: null,
      explanation: [`no power analysis: ${errorText(e)}`],
      error: errorText(e),
    };
  }
}

function tallies(p: Partnership, rule: DecisionRule, members: readonly string[]): DecisionTallyReport[] {
  const memberSet = new Set(members);
  return (p.decisions ?? []).flatMap((d) => {
    if (!d.votes?.length) return [];
    const votes: Record<string, Vote> = {};
    for (const v of d.votes) if (memberSet.has(v.actor)) votes[v.actor] = v.vote;
    try {
      const t = tallyDecision(rule, members, votes);
      const agrees = d.status === 'passed' ? t.passed : d.status === 'rejected' ? !t.passed : null;
      return [
        { id: d.id, title: d.title, status: d.status, tally: { ...t, vetoedBy: [...t.vetoedBy] }, agrees },
      ];
    } catch (e) {
      if (e instanceof GameInputError) return [];
      throw e;
    }
  });
}

/** Shapley values of the charter's value game, when it has one. */
export function partnershipValue(p: Partnership, doc: EcosystemDocument, seed: number): ValueReport | null {
  const v = p.charter?.value;
  if (!v?.game) return null;
  const members = p.members.map((m) => m.actor);
  const actors = new Map(doc.actors.map((a) => [a.id, a]));
  const capabilitiesOf = Object.fromEntries(members.map((id) => [id, actors.get(id)?.capabilities ?? []]));
  try {
    const r = shapleyOfGameModel(v.game, members, { capabilitiesOf, seed });
    const shapley: Record<string, number> = {};
    const memberExplanations: Record<string, string[]> = {};
    let ci95: Record<string, [number, number]> | undefined;
    for (const s of r.shares) {
      shapley[s.actorId] = s.value;
      memberExplanations[s.actorId] = s.explanation;
      if (s.ci95) (ci95 ??= {})[s.actorId] = [s.ci95[0], s.ci95[1]];
    }
    const shares =
      r.grandValue > 0 ? Object.fromEntries(r.shares.map((s) => [s.actorId, s.value / r.grandValue])) : null;
    return {
      rule: v.rule,
      method: r.method,
      grandValue: r.grandValue,
      shapley,
      shares,
      ...(ci95 ? { ci95 } : {}),
      explanation: [
        ...(v.rule === 'shapley'
          ? []
          : [
              `the charter splits value by the ${v.rule} rule; the Shapley values of its game are shown for comparison`,
            ]),
        ...r.explanation,
      ],
      memberExplanations,
    };
  } catch (e) {
    if (!(e instanceof GameInputError)) throw e;
    return {
      rule: v.rule,
      method: 'exact',
      grandValue: 0,
      shapley: {},
      shares: null,
      explanation: [`no Shapley values: ${errorText(e)}`],
      memberExplanations: {},
      error: errorText(e),
    };
  }
}

/** Balance and fairness of the ledger's effective entries up to `today`, in its main currency. */
export function partnershipFairness(p: Partnership, today: string): FairnessReport | null {
  const entries = effectiveLedger(p.ledger ?? []).filter((e) => e.date <= today);
  const currency = mainCurrency(entries);
  if (currency === undefined) return null;
  const members = p.members.map((m) => m.actor);
  const memberSet = new Set(members);
  const totals = ledgerTotals(
    entries.filter((e) => memberSet.has(e.actor)),
    currency,
    today,
  );
  const fairness = assessFairness({ members, contributed: totals.contributed, received: totals.received });
  const other = entries.filter((e) => e.currency !== currency).length;
  return {
    ...fairness,
    explanation: [
      `ledger in ${currency}: ${totals.entries} entries up to ${today} (reversed entries and their reversals left out${other ? `; ${other} in other currencies not counted` : ''})`,
      ...fairness.explanation,
    ],
    currency,
    entries: totals.entries,
    otherCurrencyEntries: other,
  };
}

/** Counts of obligations, issues, risks, disputes and decisions on `today`. */
export function partnershipRegisters(p: Partnership, today: string): RegistersReport {
  const obligations = p.obligations ?? [];
  const issues = p.issues ?? [];
  const risks = p.risks ?? [];
  const disputes = p.disputes ?? [];
  const decisions = p.decisions ?? [];
  const openIssues = issues.filter((i) => i.status === 'open' || i.status === 'in-progress');
  const openRisks = risks.filter((r) => (r.status ?? 'open') === 'open');
  const openDisputes = disputes.filter((d) => d.status === 'open' && d.opened <= today);
  const openByStage: Record<string, number> = {};
  for (const d of openDisputes) openByStage[d.stage] = (openByStage[d.stage] ?? 0) + 1;
  const openDecisions = decisions.filter((d) => d.status === 'open');
  return {
    obligations: {
      total: obligations.length,
      open: obligations.filter((o) => o.status === 'open').length,
      overdue: obligations.filter((o) => o.status === 'overdue' || (o.status === 'open' && o.due < today))
        .length,
      done: obligations.filter((o) => o.status === 'done').length,
      waived: obligations.filter((o) => o.status === 'waived').length,
    },
    issues: {
      total: issues.length,
      open: openIssues.length,
      openHighOrCritical: openIssues.filter((i) => i.priority === 'high' || i.priority === 'critical').length,
    },
    risks: {
      total: risks.length,
      open: openRisks.length,
      top: openRisks
        .map((r) => ({ id: r.id, title: r.title, exposure: r.likelihood * r.impact }))
        .sort((a, b) => b.exposure - a.exposure || (a.id < b.id ? -1 : 1))
        .slice(0, 3),
    },
    disputes: { total: disputes.length, open: openDisputes.length, openByStage },
    decisions: {
      total: decisions.length,
      open: openDecisions.length,
      pastDeadline: openDecisions.filter((d) => d.deadline < today).length,
    },
  };
}

/** Analyses a validated document. */
export function analyzeEcosystem(doc: EcosystemDocument, options: AnalyzeOptions): AnalyzeReport {
  const { seed, today } = options;
  if (!isIsoDate(today)) {
    throw new ValidationError([
      {
        path: ['today'],
        message: `expected a real date as YYYY-MM-DD, got ${JSON.stringify(today)}`,
        code: 'invalid_value',
      },
    ]);
  }
  const map = analyzeMap(doc, {
    seed,
    ...(options.exactBetweennessLimit !== undefined
      ? { exactBetweennessLimit: options.exactBetweennessLimit }
      : {}),
  });
  // Health and signals read the ledger loosely: hand them the effective entries (reversals netted out).
  const monitored = {
    ...doc,
    partnerships: doc.partnerships.map((p) => (p.ledger ? { ...p, ledger: effectiveLedger(p.ledger) } : p)),
  };
  const partnerships: Record<string, PartnershipReport> = {};
  for (const p of doc.partnerships) {
    const { health, signals } = analyzePartnershipHealth(monitored, p.id, today);
    partnerships[p.id] = {
      name: p.name,
      stage: p.stage,
      members: p.members.map((m) => m.actor),
      governance: partnershipGovernance(p),
      value: partnershipValue(p, doc, seed),
      fairness: partnershipFairness(p, today),
      health,
      signals,
      registers: partnershipRegisters(p, today),
    };
  }
  return {
    ...summarize(doc),
    network: map.network,
    coverage: map.coverage,
    gaps: map.gaps,
    opportunities: map.opportunities,
    criticality: map.criticality,
    partnerships,
    ...(doc.discover ? { discover: analyzeDiscover(doc) } : {}),
    names: Object.fromEntries(doc.actors.map((a) => [a.id, a.name])),
    generatedFor: today,
    seed,
  };
}
