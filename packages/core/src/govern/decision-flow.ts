/**
 * The life of a decision (`partnerships[].decisions`) and of a dispute along the charter's
 * conflict path, as pure steps the store applies under a row lock:
 * - a vote is cast or changed while the decision is open (one vote per member);
 * - closing tallies the votes by the charter version in force when the decision opened and
 *   writes the outcome (passed or rejected) and the tally into the decision log (`rationale`);
 * - a decision still open after its deadline is *stuck*: escalating it marks it `escalated` and
 *   opens a dispute at the first step of the conflict path, between the members who did not vote
 *   yes; from there the dispute is walked up the path one step at a time.
 */
import { GameInputError } from '../games/errors.ts';
import { type CharterLike, inForceOn, versionLabel } from './charter-status.ts';
import type { DecisionRuleInput } from './decision-schema.ts';
import { type Tally, tallyDecision, type Vote } from './tally.ts';

/** The fields of a decision this module reads and writes. */
export interface DecisionLike {
  readonly id: string;
  readonly title: string;
  readonly opened: string;
  readonly deadline: string;
  readonly status: string;
  readonly decided?: string | undefined;
  readonly votes?:
    readonly { readonly actor: string; readonly vote: Vote; readonly at?: string | undefined }[] | undefined;
  readonly rationale?: string | undefined;
}

/** The fields of a dispute this module reads and writes. */
export interface DisputeLike {
  readonly id: string;
  readonly stage: string;
  readonly status: string;
}

/** A dispute opened for a stuck decision (fields as in `partnerships[].disputes`). */
export interface DecisionDispute {
  id: string;
  title: string;
  parties: string[];
  opened: string;
  stage: string;
  status: 'open';
  formal: false;
}

/** Longest rationale the document accepts. */
const MAX_RATIONALE = 5000;

/** Appends a paragraph to the decision log, keeping it within the document's limit (the newest text wins). */
export function appendRationale(rationale: string | undefined, paragraph: string): string {
  const text = rationale?.trim() ? `${rationale.trim()}\n\n${paragraph}` : paragraph;
  return text.length <= MAX_RATIONALE ? text : `…${text.slice(text.length - MAX_RATIONALE + 1)}`;
}

/** The votes of a decision by member (votes of actors who are no longer members are left out). */
export function votesOf(decision: DecisionLike, members: readonly string[]): Record<string, Vote> {
  const memberSet = new Set(members);
  const out: Record<string, Vote> = {};
  for (const v of decision.votes ?? []) if (memberSet.has(v.actor)) out[v.actor] = v.vote;
  return out;
}

/** The tally of a decision's votes by `rule` (the rule of the charter version in force when it opened). */
export function tallyOf(decision: DecisionLike, rule: DecisionRuleInput, members: readonly string[]): Tally {
  return tallyDecision(rule, members, votesOf(decision, members));
}

/** Casts (or changes) `actor`'s vote on an open decision; throws naming the field when it may not. */
export function castVote<D extends DecisionLike>(
  decision: D,
  members: readonly string[],
  actor: string,
  vote: Vote,
  at: string,
): Omit<D, 'votes'> & { votes: { actor: string; vote: Vote; at?: string | undefined }[] } {
  if (decision.status !== 'open')
    throw new GameInputError(
      ['status'],
      `decision ${decision.id} is ${decision.status}: votes can change only while it is open`,
    );
  if (!members.includes(actor))
    throw new GameInputError(['actor'], `${actor} is not a member of the partnership, so it has no vote`);
  const votes = [...(decision.votes ?? [])];
  const i = votes.findIndex((v) => v.actor === actor);
  const next = { actor, vote, at };
  if (i >= 0) votes[i] = next;
  else votes.push(next);
  return { ...decision, votes };
}

/** True when the decision is still open after its deadline (`today` past `deadline`). */
export function isStuck(decision: DecisionLike, today: string): boolean {
  return decision.status === 'open' && decision.deadline < today;
}

/** The ruling behind a close or an escalation: the charter version and its decision rule. */
export interface RuleInForce {
  readonly version: string;
  readonly rule: DecisionRuleInput;
}

/** A charter version with its decision rule (what `rulingFor` reads). */
export interface CharterWithRule extends CharterLike {
  readonly decision?: DecisionRuleInput | undefined;
}

/** The rule a decision is tallied by, and why that one. */
export interface Ruling {
  /** The version and rule, or null when no version can rule (nothing in force, or no decision rule). */
  readonly ruling: RuleInForce | null;
  /**
   * `opened`: the version in force when the decision opened; `closing`: none was in force then, so
   * the one in force on `today`; `provisional`: none is in force at all, so the current version's
   * rule gives a live tally that cannot close the decision.
   */
  readonly basis: 'opened' | 'closing' | 'provisional' | null;
  /** True when the decision can be closed by this ruling. */
  readonly binding: boolean;
  readonly explanation: string;
}

/**
 * The rule a decision is tallied by: the charter version in force when it opened; for a decision
 * opened before any version was in force, the version in force on `today`; with none in force at
 * all, the current version's rule, provisionally (it shows a live tally but closes nothing).
 * `versions` are oldest first, the current one last.
 */
export function rulingFor(
  versions: readonly CharterWithRule[],
  members: readonly string[],
  opened: string,
  today: string,
): Ruling {
  const atOpening = inForceOn(versions, members, opened);
  const atClosing = atOpening ?? inForceOn(versions, members, today);
  const chosen = atClosing ? versions[atClosing.index]! : versions.at(-1);
  const basis: Ruling['basis'] = atOpening ? 'opened' : atClosing ? 'closing' : chosen ? 'provisional' : null;
  const label = chosen ? (versionLabel(chosen) ?? '(unversioned)') : null;
  if (!chosen || label === null)
    return {
      ruling: null,
      basis: null,
      binding: false,
      explanation: 'the partnership has no charter, so no decision rule',
    };
  if (chosen.decision === undefined)
    return {
      ruling: null,
      basis,
      binding: false,
      explanation: `charter version ${label} has no decision rule: add one to the charter to tally votes`,
    };
  const ruling = { version: label, rule: chosen.decision };
  const explanation =
    basis === 'opened'
      ? `tallied by charter version ${label}, in force since ${atOpening!.since} when the decision opened on ${opened}`
      : basis === 'closing'
        ? `no charter version was in force when the decision opened on ${opened}; tallied by version ${label}, in force since ${atClosing!.since}`
        : `no charter version is in force yet (not every member has ratified one); the tally follows the current version ${label} provisionally and the decision cannot be closed until a version is in force`;
  return { ruling, basis, binding: basis !== 'provisional', explanation };
}

/**
 * Closes an open decision: passed or rejected by the tally under the charter version in force
 * when it opened; the tally goes into the decision log after the rationale given.
 */
export function closeDecision<D extends DecisionLike>(
  decision: D,
  members: readonly string[],
  ruling: RuleInForce,
  today: string,
  rationale?: string,
): {
  decision: Omit<D, 'status' | 'decided' | 'rationale'> & {
    status: 'passed' | 'rejected';
    decided: string;
    rationale: string;
  };
  tally: Tally;
} {
  if (decision.status !== 'open')
    throw new GameInputError(['status'], `decision ${decision.id} is already ${decision.status}`);
  if (today < decision.opened)
    throw new GameInputError(
      ['decided'],
      `decision ${decision.id} opens on ${decision.opened}, after ${today}`,
    );
  const tally = tallyOf(decision, ruling.rule, members);
  const outcome: 'passed' | 'rejected' = tally.passed ? 'passed' : 'rejected';
  const log = `Closed on ${today}: ${outcome} under charter version ${ruling.version} (${ruling.rule.rule} rule). ${tally.explanation}`;
  const given = rationale?.trim()
    ? appendRationale(decision.rationale, rationale.trim())
    : decision.rationale;
  return {
    decision: { ...decision, status: outcome, decided: today, rationale: appendRationale(given, log) },
    tally,
  };
}

/**
 * Escalates a stuck decision: it becomes `escalated` and a dispute is opened at the first step
 * of the conflict path between the members who did not vote yes (all members when every one did).
 */
export function escalateDecision<D extends DecisionLike>(
  decision: D,
  members: readonly string[],
  conflictPath: readonly string[] | undefined,
  today: string,
  tally: Tally | null,
): {
  decision: Omit<D, 'status' | 'rationale'> & { status: 'escalated'; rationale: string };
  dispute: DecisionDispute;
} {
  if (decision.status !== 'open')
    throw new GameInputError(
      ['status'],
      `decision ${decision.id} is ${decision.status}: only an open decision escalates`,
    );
  if (!(decision.deadline < today))
    throw new GameInputError(
      ['deadline'],
      `decision ${decision.id} is not past its deadline (${decision.deadline}); it escalates only once the deadline has passed without an outcome`,
    );
  const step = conflictPath?.[0];
  if (step === undefined)
    throw new GameInputError(
      ['charter', 'conflictPath'],
      'the charter has no conflict path to escalate along: add the escalation steps to the charter first',
    );
  const votes = votesOf(decision, members);
  const notYes = members.filter((m) => votes[m] !== 'yes');
  const parties = notYes.length > 0 ? notYes : [...members];
  const id = `decision-${decision.id}`.slice(0, 200);
  const dispute: DecisionDispute = {
    id,
    title: `Stuck decision: ${decision.title}`.slice(0, 200),
    parties,
    opened: today,
    stage: step,
    status: 'open',
    formal: false,
  };
  const present = Object.keys(votes).length;
  const log =
    `Escalated on ${today}: the deadline ${decision.deadline} passed without an outcome (${present} of ${members.length} members voted` +
    `${tally ? `; ${tally.passed ? 'the votes would pass it' : 'the votes do not pass it'}` : ''}). ` +
    `Dispute ${id} opened at "${step}", the first step of the conflict path (${conflictPath!.join(' → ')}).`;
  return {
    decision: {
      ...decision,
      status: 'escalated' as const,
      rationale: appendRationale(decision.rationale, log),
    },
    dispute,
  };
}

/** Where a dispute stands on the conflict path and where it would go next. */
export interface DisputeStep {
  /** Index of its stage on the path, or -1 when the stage is not on it. */
  readonly index: number;
  /** The next step, or null at the last step (or when it cannot move). */
  readonly next: string | null;
  readonly explanation: string;
}

/** The position of a dispute on the conflict path and its next step. */
export function disputeStep(dispute: DisputeLike, conflictPath: readonly string[] | undefined): DisputeStep {
  const path = conflictPath ?? [];
  const index = path.indexOf(dispute.stage);
  if (path.length === 0) return { index: -1, next: null, explanation: 'the charter has no conflict path' };
  if (index < 0)
    return {
      index,
      next: null,
      explanation: `stage "${dispute.stage}" is not on the conflict path (${path.join(' → ')})`,
    };
  const next = path[index + 1] ?? null;
  return {
    index,
    next,
    explanation:
      next === null
        ? `step ${index + 1} of ${path.length}, "${dispute.stage}", is the last step of the conflict path`
        : `step ${index + 1} of ${path.length}, "${dispute.stage}"; next: "${next}"`,
  };
}

/** Moves an open dispute to the next step of the conflict path; throws naming the field when it cannot move. */
export function escalateDispute<T extends DisputeLike>(
  dispute: T,
  conflictPath: readonly string[] | undefined,
): T {
  if (dispute.status !== 'open')
    throw new GameInputError(
      ['status'],
      `dispute ${dispute.id} is ${dispute.status}: only an open dispute escalates`,
    );
  const step = disputeStep(dispute, conflictPath);
  if (step.next === null)
    throw new GameInputError(['stage'], `dispute ${dispute.id} cannot escalate: ${step.explanation}`);
  return { ...dispute, stage: step.next };
}
