/**
 * Which charter version is in force, and who has ratified what. The rule (also in the user docs):
 * - a version is *fully ratified* when every member organization of the partnership (its current
 *   members) has ratified that version (`ratifications[]` with `version` equal to the charter's
 *   `version`); it is fully ratified *on* the day the last of them ratified;
 * - the version *in force* (on a day) is the newest version fully ratified by then: while an
 *   amendment gathers ratifications, the version before it stays in force; when no version has
 *   been fully ratified, none is in force;
 * - an amendment is a new version: its ratifications start from nothing.
 * Versions are given oldest first, the current (newest) one last.
 */
import { GameInputError } from '../games/errors.ts';

/** A ratification as in `charter.ratifications`. */
export interface RatificationLike {
  readonly actor: string;
  readonly version: string | number;
  readonly at: string;
}

/** The parts of a charter this module reads. */
export interface CharterLike {
  readonly version?: string | number | undefined;
  readonly ratifications?: readonly RatificationLike[] | undefined;
}

/** One member's signature on a version. */
export interface MemberRatification {
  readonly actor: string;
  readonly ratified: boolean;
  /** The day it ratified this version, when it has. */
  readonly at: string | null;
}

/** Ratification of one version by the members. */
export interface VersionStatus {
  /** Position in the list of versions, oldest first (the current one is last). */
  readonly index: number;
  /** The version label (`charter.version` as text), or null for a charter without a version. */
  readonly version: string | null;
  readonly members: MemberRatification[];
  /** Members that have not ratified it yet. */
  readonly pending: string[];
  readonly fullyRatified: boolean;
  /** The day the last member ratified it (null while not fully ratified). */
  readonly fullyRatifiedOn: string | null;
}

/** The version in force, if any. */
export interface InForce {
  readonly index: number;
  readonly version: string;
  /** The day it came into force (its last ratification). */
  readonly since: string;
  /** True when it is the current (newest) version. */
  readonly current: boolean;
}

/** Every version's ratification status and the version in force, explained. */
export interface CharterStatus {
  /** The current (newest) version, or null when the partnership has no charter. */
  readonly current: VersionStatus | null;
  /** Earlier versions, oldest first. */
  readonly history: VersionStatus[];
  readonly inForce: InForce | null;
  readonly explanation: string[];
}

/** A charter's version as text (`1.1` and `'1.1'` are the same version), or null when it has none. */
export function versionLabel(charter: CharterLike | null | undefined): string | null {
  return charter?.version === undefined ? null : String(charter.version);
}

/** Ratification of one version by `members`. */
export function versionStatus(charter: CharterLike, members: readonly string[], index = 0): VersionStatus {
  const version = versionLabel(charter);
  const firstAt = new Map<string, string>();
  if (version !== null) {
    for (const r of charter.ratifications ?? []) {
      if (String(r.version) !== version) continue;
      const seen = firstAt.get(r.actor);
      if (seen === undefined || r.at < seen) firstAt.set(r.actor, r.at);
    }
  }
  const rows = members.map((actor): MemberRatification => {
    const at = firstAt.get(actor) ?? null;
    return { actor, ratified: at !== null, at };
  });
  const pending = rows.filter((m) => !m.ratified).map((m) => m.actor);
  const fullyRatified = version !== null && members.length > 0 && pending.length === 0;
  const fullyRatifiedOn = fullyRatified
    ? rows.reduce((last, m) => (m.at! > last ? m.at! : last), rows[0]!.at!)
    : null;
  return { index, version, members: rows, pending, fullyRatified, fullyRatifiedOn };
}

/** The newest version fully ratified on or before `on` (any day when `on` is omitted), or null. */
export function inForceOn(
  versions: readonly CharterLike[],
  members: readonly string[],
  on?: string,
): InForce | null {
  for (let i = versions.length - 1; i >= 0; i--) {
    const s = versionStatus(versions[i]!, members, i);
    if (s.fullyRatified && (on === undefined || s.fullyRatifiedOn! <= on)) {
      return { index: i, version: s.version!, since: s.fullyRatifiedOn!, current: i === versions.length - 1 };
    }
  }
  return null;
}

const list = (ids: readonly string[], names: Readonly<Record<string, string>>): string =>
  ids.map((id) => names[id] ?? id).join(', ');

/**
 * The ratification status of every version (`versions` oldest first, the current one last) and
 * the version in force on `today` (every ratification counts when omitted), explained in words.
 */
export function charterStatus(
  versions: readonly CharterLike[],
  members: readonly string[],
  options: { today?: string; names?: Readonly<Record<string, string>> } = {},
): CharterStatus {
  const names = options.names ?? {};
  const all = versions.map((c, i) => versionStatus(c, members, i));
  const current = all.at(-1) ?? null;
  const inForce = inForceOn(versions, members, options.today);
  const explanation: string[] = [];
  if (current === null) {
    explanation.push('the partnership has no charter yet: no decision rule or value rule is in force');
    return { current, history: [], inForce, explanation };
  }
  explanation.push(
    `a charter version is in force once all ${members.length} member organizations have ratified it; until an amendment is fully ratified, the version before it stays in force`,
  );
  if (current.version === null) {
    explanation.push(
      'the current charter has no version label, so it cannot be ratified: amend it to give it one',
    );
  } else if (current.fullyRatified) {
    explanation.push(
      `version ${current.version} was ratified by every member, the last on ${current.fullyRatifiedOn}`,
    );
  } else {
    const done = members.length - current.pending.length;
    explanation.push(
      `version ${current.version} is ratified by ${done} of ${members.length} members; waiting for ${list(current.pending, names)}`,
    );
  }
  if (inForce === null) explanation.push('no version has been ratified by every member, so none is in force');
  else if (inForce.current) explanation.push(`version ${inForce.version} is in force since ${inForce.since}`);
  else
    explanation.push(
      `version ${inForce.version} (ratified by every member on ${inForce.since}) stays in force until version ${current.version ?? '(unversioned)'} is fully ratified`,
    );
  return { current, history: all.slice(0, -1), inForce, explanation };
}

/**
 * The label of the next version after `previous`: the last number in it plus one (`1.1` → `1.2`,
 * `2025-03` → `2025-04`, `v2` → `v3`, 3 → `4`), `1` when there is none, and never one of `taken`.
 */
export function nextVersionLabel(
  previous: string | number | undefined,
  taken: Iterable<string> = [],
): string {
  const used = new Set(taken);
  const bump = (text: string): string => {
    const m = /^(.*?)(\d+)(\D*)$/.exec(text);
    return m ? `${m[1]}${String(Number(m[2]) + 1).padStart(m[2]!.length, '0')}${m[3]}` : `${text}.1`;
  };
  let label = previous === undefined ? '1' : bump(String(previous));
  while (used.has(label)) label = bump(label);
  return label;
}

/**
 * Adds `actor`'s ratification of the current version `version` on `at`; throws naming the field
 * when the version is not the current one, the actor is not a member, or it already ratified.
 */
export function ratify<C extends CharterLike>(
  charter: C,
  members: readonly string[],
  actor: string,
  version: string | number,
  at: string,
): C & { ratifications: RatificationLike[] } {
  const current = versionLabel(charter);
  if (current === null)
    throw new GameInputError(
      ['version'],
      'the current charter has no version label, so it cannot be ratified: amend it to give it one',
    );
  if (String(version) !== current)
    throw new GameInputError(
      ['version'],
      `version ${String(version)} is not the current charter version (${current}); only the current version can be ratified`,
    );
  if (!members.includes(actor))
    throw new GameInputError(
      ['actor'],
      `${actor} is not a member of the partnership, so it does not ratify its charter`,
    );
  const existing = versionStatus(charter, members).members.find((m) => m.actor === actor);
  if (existing?.ratified)
    throw new GameInputError(['actor'], `${actor} already ratified version ${current} on ${existing.at}`);
  return {
    ...charter,
    ratifications: [...(charter.ratifications ?? []), { actor, version: charter.version!, at }],
  };
}
