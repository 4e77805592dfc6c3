/**
 * The cross-reference checks of a partnership's charter and lists, the ones a
 * schema cannot see. They run on the raw input (entries of the wrong shape are
 * skipped: the schema reports those), so they are reported together with the
 * schema's problems. Every problem has a path from the document root; the text
 * reader adds line and column.
 *
 * - charter: the decision rule and the value rule against the members
 *   (govern/checkDecisionRule, value/checkValueRule); RACI `responsible` and
 *   `accountable` are members, `consulted` and `informed` known actors;
 *   committee members and ratifying actors are members; no step twice in the
 *   conflict path, no committee named twice, no member ratifying a version twice;
 * - decisions: votes only by members, one vote per member, deadline and
 *   decided not before opened, `decided` only once no longer open;
 * - obligations (from, to), issues (owner), risks (owner): known actors;
 *   an issue not resolved before it was opened;
 * - disputes: parties are members (each once), the stage is a step of the
 *   charter's conflict path when it has one, closed not before opened and
 *   only once no longer open;
 * - ledger: actors are members; `reverses` names another entry of the ledger
 *   that is not itself a reversal and is reversed once, with the same kind,
 *   actor, value and currency (negative values are refused by the schema);
 * - every list: no id twice;
 * - monitoring and pilot lists: monitor/checkMonitoringReferences.
 */
import { checkDecisionRule, DecisionRuleSchema } from '../govern/decision-schema.ts';
import { checkMonitoringReferences } from '../monitor/schema.ts';
import { checkValueRule, ValueRuleSchema } from '../value/value-rule-schema.ts';
import type { Path, Problem } from './problem.ts';

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
/** Dates compare as strings once both are YYYY-MM-DD. */
const isDate = (x: unknown): x is string => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x);

/** What a partnership check sees: the partnership, its members, the ecosystem's actors, where it is. */
interface Ctx {
  p: Record<string, unknown>;
  base: Path;
  members: ReadonlySet<string>;
  actors: ReadonlySet<string>;
  problems: Problem[];
}

function push(ctx: Ctx, path: Path, message: string, code: string): void {
  ctx.problems.push({ path: [...ctx.base, ...path], message, code });
}

/** An actor id that must name an actor of the ecosystem. */
function knownActor(ctx: Ctx, id: unknown, path: Path, field: string): void {
  const s = str(id);
  if (s !== undefined && !ctx.actors.has(s))
    push(ctx, path, `unknown actor id "${s}" in ${field}`, 'unknown_reference');
}

/** An actor id that must name a member of this partnership (`why` completes "only members …"). */
function member(ctx: Ctx, id: unknown, path: Path, field: string, why: string): void {
  const s = str(id);
  if (s === undefined) return;
  if (!ctx.actors.has(s)) push(ctx, path, `unknown actor id "${s}" in ${field}`, 'unknown_reference');
  else if (!ctx.members.has(s))
    push(
      ctx,
      path,
      `"${s}" in ${field} is not a member of this partnership: only members ${why}`,
      'unknown_reference',
    );
}

/** Second and later uses of the same key in a list. */
function duplicates(
  ctx: Ctx,
  list: unknown,
  key: (item: unknown) => string | undefined,
  path: (i: number) => Path,
  what: (k: string, first: number) => string,
): void {
  const seen = new Map<string, number>();
  arr(list).forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    const first = seen.get(k);
    if (first !== undefined) push(ctx, path(i), what(k, first), 'duplicate_id');
    else seen.set(k, i);
  });
}

const field = (name: string) => (item: unknown) => (isObj(item) ? str(item[name]) : undefined);

function duplicateIds(ctx: Ctx, list: string, what: string): void {
  duplicates(
    ctx,
    ctx.p[list],
    field('id'),
    (i) => [list, i, 'id'],
    (k, first) => `duplicate ${what} id "${k}" (first used at ${list}[${first}])`,
  );
}

/** `later` must not be before `earlier` (both dates; otherwise the schema speaks). */
function notBefore(
  ctx: Ctx,
  item: Record<string, unknown>,
  later: string,
  earlier: string,
  path: Path,
): void {
  const a = item[later];
  const b = item[earlier];
  if (isDate(a) && isDate(b) && a < b)
    push(ctx, [...path, later], `${later} ${a} is before ${earlier} ${b}`, 'invalid_value');
}

function charterProblems(ctx: Ctx): void {
  const charter = ctx.p.charter;
  if (!isObj(charter)) return;
  const memberIds = [...ctx.members];
  const fromGovern = (problems: readonly { path: readonly (string | number)[]; message: string }[]) => {
    for (const pr of problems) {
      const code = /not a member/.test(pr.message)
        ? 'unknown_reference'
        : /listed twice/.test(pr.message)
          ? 'duplicate_id'
          : 'invalid_value';
      push(ctx, ['charter', ...pr.path], pr.message, code);
    }
  };
  const decision = DecisionRuleSchema.safeParse(charter.decision);
  if (charter.decision !== undefined && decision.success)
    fromGovern(checkDecisionRule(decision.data, memberIds));
  const value = ValueRuleSchema.safeParse(charter.value);
  if (charter.value !== undefined && value.success) fromGovern(checkValueRule(value.data, memberIds));

  arr(charter.roles).forEach((r, j) => {
    if (!isObj(r)) return;
    const at = (k: string): Path => ['charter', 'roles', j, k];
    arr(r.responsible).forEach((id, k) =>
      member(
        ctx,
        id,
        [...at('responsible'), k],
        `charter.roles[${j}].responsible`,
        'can be responsible for a workstream',
      ),
    );
    member(
      ctx,
      r.accountable,
      at('accountable'),
      `charter.roles[${j}].accountable`,
      'can be accountable for a workstream',
    );
    for (const f of ['consulted', 'informed'] as const)
      arr(r[f]).forEach((id, k) => knownActor(ctx, id, [...at(f), k], `charter.roles[${j}].${f}`));
  });
  duplicates(
    ctx,
    charter.roles,
    field('workstream'),
    (j) => ['charter', 'roles', j, 'workstream'],
    (k, first) => `workstream "${k}" already has roles (roles[${first}])`,
  );

  arr(charter.committees).forEach((c, j) => {
    if (!isObj(c)) return;
    arr(c.members).forEach((id, k) =>
      member(
        ctx,
        id,
        ['charter', 'committees', j, 'members', k],
        `charter.committees[${j}].members`,
        'sit on its committees',
      ),
    );
    duplicates(
      ctx,
      c.members,
      str,
      (k) => ['charter', 'committees', j, 'members', k],
      (k, first) => `"${k}" is already on this committee (members[${first}])`,
    );
  });
  duplicates(
    ctx,
    charter.committees,
    field('name'),
    (j) => ['charter', 'committees', j, 'name'],
    (k, first) => `duplicate committee "${k}" (committees[${first}])`,
  );
  duplicates(
    ctx,
    charter.conflictPath,
    str,
    (j) => ['charter', 'conflictPath', j],
    (k, first) => `step "${k}" is already on the conflict path (conflictPath[${first}])`,
  );

  arr(charter.ratifications).forEach((r, j) => {
    if (isObj(r))
      member(
        ctx,
        r.actor,
        ['charter', 'ratifications', j, 'actor'],
        `charter.ratifications[${j}].actor`,
        'ratify the charter',
      );
  });
  duplicates(
    ctx,
    charter.ratifications,
    (r) =>
      isObj(r) &&
      typeof r.actor === 'string' &&
      (typeof r.version === 'string' || typeof r.version === 'number')
        ? `${r.actor}\u0000${String(r.version)}`
        : undefined,
    (j) => ['charter', 'ratifications', j],
    (k, first) =>
      `"${k.split('\u0000')[0]}" already ratified version ${k.split('\u0000')[1]} (ratifications[${first}])`,
  );
}

function decisionProblems(ctx: Ctx): void {
  duplicateIds(ctx, 'decisions', 'decision');
  arr(ctx.p.decisions).forEach((d, i) => {
    if (!isObj(d)) return;
    arr(d.votes).forEach((v, k) => {
      if (isObj(v))
        member(
          ctx,
          v.actor,
          ['decisions', i, 'votes', k, 'actor'],
          `decisions[${i}].votes[${k}].actor`,
          'vote',
        );
    });
    duplicates(
      ctx,
      d.votes,
      field('actor'),
      (k) => ['decisions', i, 'votes', k, 'actor'],
      (k, first) => `"${k}" already voted on this decision (votes[${first}]); keep one vote per member`,
    );
    notBefore(ctx, d, 'deadline', 'opened', ['decisions', i]);
    notBefore(ctx, d, 'decided', 'opened', ['decisions', i]);
    if (d.decided !== undefined && d.status === 'open')
      push(
        ctx,
        ['decisions', i, 'decided'],
        'decided is set but status is "open"; set the outcome or remove decided',
        'invalid_value',
      );
  });
}

function registerProblems(ctx: Ctx): void {
  duplicateIds(ctx, 'obligations', 'obligation');
  arr(ctx.p.obligations).forEach((o, i) => {
    if (!isObj(o)) return;
    knownActor(ctx, o.from, ['obligations', i, 'from'], `obligations[${i}].from`);
    knownActor(ctx, o.to, ['obligations', i, 'to'], `obligations[${i}].to`);
  });
  duplicateIds(ctx, 'issues', 'issue');
  arr(ctx.p.issues).forEach((x, i) => {
    if (!isObj(x)) return;
    knownActor(ctx, x.owner, ['issues', i, 'owner'], `issues[${i}].owner`);
    notBefore(ctx, x, 'resolved', 'opened', ['issues', i]);
  });
  duplicateIds(ctx, 'risks', 'risk');
  arr(ctx.p.risks).forEach((x, i) => {
    if (isObj(x)) knownActor(ctx, x.owner, ['risks', i, 'owner'], `risks[${i}].owner`);
  });
}

function disputeProblems(ctx: Ctx): void {
  duplicateIds(ctx, 'disputes', 'dispute');
  const charter = isObj(ctx.p.charter) ? ctx.p.charter : {};
  const steps = Array.isArray(charter.conflictPath)
    ? charter.conflictPath.flatMap((s) => (typeof s === 'string' ? [s.trim()] : []))
    : undefined;
  arr(ctx.p.disputes).forEach((d, i) => {
    if (!isObj(d)) return;
    arr(d.parties).forEach((id, k) =>
      member(
        ctx,
        id,
        ['disputes', i, 'parties', k],
        `disputes[${i}].parties`,
        'can be parties to its disputes',
      ),
    );
    duplicates(
      ctx,
      d.parties,
      str,
      (k) => ['disputes', i, 'parties', k],
      (k, first) => `"${k}" is already a party (parties[${first}])`,
    );
    const stage = str(d.stage);
    if (stage !== undefined && steps !== undefined && !steps.includes(stage.trim())) {
      push(
        ctx,
        ['disputes', i, 'stage'],
        `stage "${stage}" is not a step of the charter's conflict path; expected one of: ${steps.join(', ') || '(empty path)'}`,
        'unknown_reference',
      );
    }
    notBefore(ctx, d, 'closed', 'opened', ['disputes', i]);
    if (d.closed !== undefined && d.status === 'open')
      push(
        ctx,
        ['disputes', i, 'closed'],
        'closed is set but status is "open"; set status resolved or withdrawn, or remove closed',
        'invalid_value',
      );
  });
}

function ledgerProblems(ctx: Ctx): void {
  duplicateIds(ctx, 'ledger', 'ledger entry');
  const entries = arr(ctx.p.ledger);
  const byId = new Map<string, Record<string, unknown>>();
  for (const e of entries) if (isObj(e) && typeof e.id === 'string' && !byId.has(e.id)) byId.set(e.id, e);
  const reversedBy = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!isObj(e)) return;
    member(
      ctx,
      e.actor,
      ['ledger', i, 'actor'],
      `ledger[${i}].actor`,
      'contribute to or benefit from it in its ledger',
    );
    const target = str(e.reverses);
    if (target === undefined) return;
    const at: Path = ['ledger', i, 'reverses'];
    const original = byId.get(target);
    if (target === e.id) {
      push(ctx, at, `entry "${target}" cannot reverse itself`, 'invalid_value');
    } else if (original === undefined) {
      push(ctx, at, `unknown ledger entry id "${target}" in reverses`, 'unknown_reference');
    } else if (original.reverses !== undefined) {
      push(
        ctx,
        at,
        `entry "${target}" is itself a reversal; reverse the original entry instead`,
        'invalid_value',
      );
    } else {
      const first = reversedBy.get(target);
      if (first !== undefined) {
        push(ctx, at, `entry "${target}" is already reversed by ledger[${first}]`, 'duplicate_id');
      } else reversedBy.set(target, i);
      const differs = (['kind', 'actor', 'value', 'currency'] as const).filter(
        (f) => e[f] !== undefined && original[f] !== undefined && e[f] !== original[f],
      );
      if (differs.length > 0)
        push(
          ctx,
          at,
          `a reversing entry cancels "${target}" exactly, so its ${differs.join(', ')} must match (${differs.map((f) => `${f} ${JSON.stringify(original[f])}`).join(', ')})`,
          'invalid_value',
        );
    }
  });
}

/** The checks of one partnership (raw input), with paths from the document root. */
export function checkPartnership(
  partnership: unknown,
  index: number,
  actorIds: ReadonlySet<string>,
): Problem[] {
  if (!isObj(partnership)) return [];
  const memberIds = arr(partnership.members).flatMap((m) =>
    isObj(m) && typeof m.actor === 'string' ? [m.actor] : [],
  );
  const ctx: Ctx = {
    p: partnership,
    base: ['partnerships', index],
    members: new Set(memberIds),
    actors: actorIds,
    problems: [],
  };
  charterProblems(ctx);
  decisionProblems(ctx);
  registerProblems(ctx);
  disputeProblems(ctx);
  ledgerProblems(ctx);
  for (const pr of checkMonitoringReferences(partnership, memberIds, actorIds))
    ctx.problems.push({ ...pr, path: [...ctx.base, ...pr.path] });
  return ctx.problems;
}

/** Every partnership check of a document (raw input or parsed). */
export function partnershipProblems(raw: unknown): Problem[] {
  if (!isObj(raw)) return [];
  const actorIds = new Set(
    arr(raw.actors).flatMap((a) => (isObj(a) && typeof a.id === 'string' ? [a.id] : [])),
  );
  return arr(raw.partnerships).flatMap((p, i) => checkPartnership(p, i, actorIds));
}
