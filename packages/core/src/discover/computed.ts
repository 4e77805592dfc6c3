/**
 * The selection criteria computed from the map: capability complementarity,
 * values alignment and clock fit. Each returns a value in [0, 1] (or null when
 * the map cannot say, which only happens for a missing clock) with an
 * explanation that lists the matched items, so a partner can check it.
 *
 * Labels (needs, capabilities, values) match when equal after trimming and
 * lower-casing (the Map's labelKey, so Map coverage and Discover agree):
 * " Clinical Trials" = "clinical trials".
 */
import type { Actor, Clock, ClockCadence } from '../model/document.ts';
import { CLOCK_CADENCES } from '../model/document.ts';
import { labelKey } from '../map/analysis/catalog.ts';
import type { ComputedCriterion } from './criteria.ts';

/** The parts of an actor the computed criteria read. */
export type ProfileActor = Pick<Actor, 'id' | 'name'> &
  Partial<Pick<Actor, 'capabilities' | 'needs' | 'values' | 'clock'>>;

/** A computed criterion's value with the evidence behind it. */
export interface ComputedValue {
  /** In [0, 1]; null when the criterion cannot be computed (then it is treated as missing). */
  value: number | null;
  /** One or two sentences a partner can check. */
  explanation: string;
  /** The labels that matched (as the focal organization wrote them, then the candidate's). */
  matched: string[];
}

/** Distinct labels by key, keeping the first spelling; blank labels dropped. */
function distinct(labels: readonly string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of labels ?? []) {
    const k = labelKey(l);
    if (k && !out.has(k)) out.set(k, l.trim());
  }
  return out;
}

const fmt = (x: number) => x.toFixed(2);
const list = (items: string[]) => (items.length ? ` (${items.join(', ')})` : '');

/** The needs of `needer` that `provider` has a capability for, in the needer's spelling. */
function coveredNeeds(needer: Map<string, string>, provider: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, label] of needer) if (provider.has(k)) out.push(label);
  return out;
}

/**
 * Capability complementarity: the mean of (a) the share of the focal
 * organization's needs the candidate has a capability for and (b) the share of
 * the candidate's needs the focal organization has a capability for. A side
 * that states no needs gives no share and is left out of the mean (absence of
 * data is not evidence of a poor fit); when neither side states needs the value
 * is 0 with that reason.
 */
export function complementarity(focal: ProfileActor, candidate: ProfileActor): ComputedValue {
  const ourNeeds = distinct(focal.needs);
  const theirNeeds = distinct(candidate.needs);
  const theyCover = coveredNeeds(ourNeeds, distinct(candidate.capabilities));
  const weCover = coveredNeeds(theirNeeds, distinct(focal.capabilities));
  const parts: string[] = [];
  const shares: number[] = [];
  if (ourNeeds.size > 0) {
    shares.push(theyCover.length / ourNeeds.size);
    parts.push(
      `${candidate.name} covers ${theyCover.length} of our ${ourNeeds.size} needs${list(theyCover)}`,
    );
  } else parts.push(`${focal.name} states no needs`);
  if (theirNeeds.size > 0) {
    shares.push(weCover.length / theirNeeds.size);
    parts.push(`we cover ${weCover.length} of its ${theirNeeds.size} needs${list(weCover)}`);
  } else parts.push(`${candidate.name} states no needs`);
  const matched = [...theyCover, ...weCover];
  if (shares.length === 0) {
    return { value: 0, explanation: `${parts.join('; ')}: no stated needs, so 0.`, matched };
  }
  const value = shares.reduce((a, b) => a + b, 0) / shares.length;
  const rule =
    shares.length === 2
      ? `mean of ${fmt(shares[0]!)} and ${fmt(shares[1]!)} = ${fmt(value)}`
      : `only one side states needs, so ${fmt(value)}`;
  return { value, explanation: `${parts.join('; ')}: ${rule}.`, matched };
}

/**
 * Values alignment: the Jaccard index of the two sets of stated values,
 * |shared| / |either|. 0 when either side states no values (with that reason).
 */
export function valuesAlignment(focal: ProfileActor, candidate: ProfileActor): ComputedValue {
  const ours = distinct(focal.values);
  const theirs = distinct(candidate.values);
  if (ours.size === 0 || theirs.size === 0) {
    const who =
      ours.size === 0 && theirs.size === 0
        ? 'neither side states values'
        : `${ours.size === 0 ? focal.name : candidate.name} states no values`;
    return { value: 0, explanation: `No stated values to compare (${who}), so 0.`, matched: [] };
  }
  const shared: string[] = [];
  for (const [k, label] of ours) if (theirs.has(k)) shared.push(label);
  const union = ours.size + theirs.size - shared.length;
  const value = shared.length / union;
  return {
    value,
    explanation: `${shared.length} shared of ${union} distinct values${list(shared)}: ${shared.length}/${union} = ${fmt(value)}.`,
    matched: shared,
  };
}

/** Penalty for fiscal years starting six months apart (the most they can be); less apart, proportionally less. */
export const FISCAL_YEAR_PENALTY = 0.1;

/** The rank of a cadence: quarterly 0, semiannual 1, annual 2, multiyear 3. */
export function cadenceRank(cadence: ClockCadence): number {
  return CLOCK_CADENCES.indexOf(cadence);
}

/** Months between two fiscal-year starts, around the year: 0–6. */
export function fiscalYearOffset(a: number, b: number): number {
  const d = Math.abs(a - b) % 12;
  return Math.min(d, 12 - d);
}

/**
 * Clock fit (seed 002: quarters vs budgets vs policy windows):
 * 1 − |rank difference| / 3 over the cadences quarterly, semiannual, annual,
 * multiyear; when both sides give a fiscal-year start, minus
 * 0.1 × (months apart, 0–6) / 6; floored at 0. Null (missing) when either side
 * has no clock: a cadence cannot be guessed.
 */
export function clockFit(focal: ProfileActor, candidate: ProfileActor): ComputedValue {
  const a: Clock | undefined = focal.clock;
  const b: Clock | undefined = candidate.clock;
  if (!a || !b) {
    const who =
      !a && !b ? 'neither side states a clock' : `${!a ? focal.name : candidate.name} states no clock`;
    return {
      value: null,
      explanation: `Missing: ${who} (planning cadence), so clock fit is not counted.`,
      matched: [],
    };
  }
  const steps = Math.abs(cadenceRank(a.cadence) - cadenceRank(b.cadence));
  const base = 1 - steps / 3;
  let explanation =
    steps === 0
      ? `Both plan ${a.cadence}: 1.00`
      : `We plan ${a.cadence}, ${candidate.name} plans ${b.cadence} (${steps} step${steps > 1 ? 's' : ''} apart): 1 − ${steps}/3 = ${fmt(base)}`;
  let value = base;
  if (a.fiscalYearStart !== undefined && b.fiscalYearStart !== undefined) {
    const months = fiscalYearOffset(a.fiscalYearStart, b.fiscalYearStart);
    if (months > 0) {
      const penalty = (FISCAL_YEAR_PENALTY * months) / 6;
      value = Math.max(0, base - penalty);
      explanation += `; fiscal years start ${months} month${months > 1 ? 's' : ''} apart: − ${fmt(penalty)} = ${fmt(value)}`;
    } else explanation += '; fiscal years start in the same month';
  }
  const matched = steps === 0 ? [a.cadence] : [];
  return { value, explanation: `${explanation}.`, matched };
}

/** Runs the named computed criterion. */
export function computeCriterion(
  kind: ComputedCriterion,
  focal: ProfileActor,
  candidate: ProfileActor,
): ComputedValue {
  switch (kind) {
    case 'complementarity':
      return complementarity(focal, candidate);
    case 'values':
      return valuesAlignment(focal, candidate);
    case 'clock':
      return clockFit(focal, candidate);
  }
}
