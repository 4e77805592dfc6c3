/**
 * The vitality signals about balance between member organizations: information
 * hoarding, contribution imbalance, dependency on one member (Herfindahl
 * index) and defection risk. Shares are computed over member organizations
 * only; ledger totals are cumulative up to `now`.
 */
import { dayNumber } from './dates.ts';
import { fmt, pct, plural } from './format.ts';
import { herfindahl } from './health-score.ts';
import {
  SIGNAL_THRESHOLDS,
  sinceMin,
  windowOf,
  windowStart,
  type DatedActor,
  type SignalLedgerEntry,
  type Signal,
  type SignalContext,
  type SignalInputs,
} from './signals-common.ts';

const W = SIGNAL_THRESHOLDS.windowDays;

/** A member's share of recent activity or shared items far below the other members' mean share. */
export function informationHoarding(
  inputs: Pick<SignalInputs, 'members' | 'activity' | 'sharedItems'>,
  ctx: SignalContext,
): Signal | undefined {
  const T = SIGNAL_THRESHOLDS.hoarding;
  const members = inputs.members;
  const n = members.length;
  if (n < 2) return undefined;
  const evidence: string[] = [];
  const flagged = new Map<string, string>(); // member → since
  const active = new Set<string>(); // members with any recent item in an evaluated list
  const lists: [string, string, readonly DatedActor[] | undefined][] = [
    ['activities', 'activity', inputs.activity],
    ['shared items', 'shared item', inputs.sharedItems],
  ];
  for (const [what, one, list] of lists) {
    const mine = (list ?? []).filter((x) => members.includes(x.actor));
    const recent = mine.filter((x) => windowOf(ctx, dayNumber(x.date)) === 0);
    if (recent.length < T.minTotal) continue;
    for (const m of members) {
      const c = recent.filter((x) => x.actor === m).length;
      if (c > 0) active.add(m);
      const share = c / recent.length;
      const others = (1 - share) / (n - 1);
      if (share >= T.shareOfOthers * others) continue;
      evidence.push(
        `${ctx.name(m)}: ${c} of ${recent.length} ${what} in the last ${W} days (${pct(share)}), while the other members average ${pct(others)}.`,
      );
      const last = mine
        .filter((x) => x.actor === m && windowOf(ctx, dayNumber(x.date)) > 0)
        .reduce<string | undefined>((a, x) => (a === undefined || x.date > a ? x.date : a), undefined);
      if (c === 0 && last !== undefined) evidence.push(`${ctx.name(m)}'s last ${one} was on ${last}.`);
      const since = c === 0 && last !== undefined ? last : windowStart(ctx, 0);
      flagged.set(m, sinceMin([since], flagged.get(m) ?? since));
    }
  }
  if (!flagged.size) return undefined;
  const actors = [...flagged.keys()];
  return {
    kind: 'information-hoarding',
    severity: actors.some((m) => !active.has(m)) ? 'critical' : 'warning',
    evidence,
    since: sinceMin([...flagged.values()], ctx.now),
    action: `Information is being hoarded, and trust erodes when it is. Ask ${actors.map(ctx.name).join(', ')} what makes sharing feel risky, agree what is shared with the partnership and how confidential items stay protected, so information flows freely again.`,
    actors,
  };
}

interface Totals {
  c: Map<string, number>;
  b: Map<string, number>;
  C: number;
  B: number;
}

function emptyTotals(members: readonly string[]): Totals {
  return { c: new Map(members.map((m) => [m, 0])), b: new Map(members.map((m) => [m, 0])), C: 0, B: 0 };
}

/** Adds one entry to running totals (entries of non-members and non-positive values do not count). */
function addTo(t: Totals, e: SignalLedgerEntry): void {
  if (!t.c.has(e.actor) || !(e.value > 0)) return;
  const map = e.kind === 'contribution' ? t.c : t.b;
  map.set(e.actor, (map.get(e.actor) ?? 0) + e.value);
  if (e.kind === 'contribution') t.C += e.value;
  else t.B += e.value;
}

function totalsOf(entries: readonly SignalLedgerEntry[], members: readonly string[]): Totals {
  const t = emptyTotals(members);
  for (const e of entries) addTo(t, e);
  return t;
}

/**
 * Replays the ledger date by date and returns, for each actor `holds` picks at
 * the end, the first date of the unbroken run in which it kept holding.
 */
function sinceHolding(
  entries: readonly SignalLedgerEntry[],
  members: readonly string[],
  ctx: SignalContext,
  holds: (t: Totals) => ReadonlySet<string>,
): Map<string, string> {
  const upToNow = entries
    .filter((e) => dayNumber(e.date) <= ctx.today)
    .sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  const dates = [...new Set(upToNow.map((e) => e.date))];
  const start = new Map<string, string>();
  let i = 0;
  // Running totals: the same sums, in the same order, as totalling every entry up to each date.
  const running = emptyTotals(members);
  for (const d of dates) {
    while (i < upToNow.length && upToNow[i]!.date === d) addTo(running, upToNow[i++]!);
    const now = holds(running);
    for (const m of members) {
      if (!now.has(m)) start.delete(m);
      else if (!start.has(m)) start.set(m, d);
    }
  }
  return start;
}

type Imbalance = {
  actor: string;
  kind: 'gives-more' | 'gets-more' | 'under-contributes';
  ratio: number;
  text: string;
};

function imbalances(t: Totals, members: readonly string[], ctx: SignalContext): Imbalance[] {
  const T = SIGNAL_THRESHOLDS.imbalance;
  const out: Imbalance[] = [];
  if (t.C <= 0 || members.length < 2) return out;
  for (const m of members) {
    const cv = t.c.get(m) ?? 0;
    const bv = t.b.get(m) ?? 0;
    const c = cv / t.C;
    if (t.B > 0) {
      const b = bv / t.B;
      // Worded only when it is reported (sinceHolding asks for every date).
      const who = () =>
        `${ctx.name(m)} put in ${pct(c)} of contributions (${fmt(cv)} of ${fmt(t.C)}) and received ${pct(b)} of benefits (${fmt(bv)} of ${fmt(t.B)})`;
      if (c > 0 && b / c < T.ratio)
        out.push({
          actor: m,
          kind: 'gives-more',
          ratio: b / c,
          text: `${who()}: it gives more than it gets (benefit/contribution share ratio ${fmt(b / c)}).`,
        });
      else if (b > 0 && c / b < T.ratio)
        out.push({
          actor: m,
          kind: 'gets-more',
          ratio: c / b,
          text: `${who()}: it gets more than it gives (contribution/benefit share ratio ${fmt(c / b)}).`,
        });
    } else if (c < T.evenShare / members.length) {
      const ratio = c * members.length;
      out.push({
        actor: m,
        kind: 'under-contributes',
        ratio,
        text: `${ctx.name(m)} put in ${pct(c)} of contributions (${fmt(cv)} of ${fmt(t.C)}); an even share would be ${pct(1 / members.length)}.`,
      });
    }
  }
  return out;
}

/** Members whose share of benefits is far from their share of contributions (or, with no benefits recorded, who contribute far less than an even share). */
export function contributionImbalance(
  inputs: Pick<SignalInputs, 'members' | 'ledger'>,
  ctx: SignalContext,
): Signal | undefined {
  const entries = (inputs.ledger ?? []).filter((e) => dayNumber(e.date) <= ctx.today);
  const found = imbalances(totalsOf(entries, inputs.members), inputs.members, ctx);
  if (!found.length) return undefined;
  const kinds = new Map(found.map((f) => [f.actor, f.kind]));
  const since = sinceHolding(
    entries,
    inputs.members,
    ctx,
    (t) =>
      new Set(
        imbalances(t, inputs.members, ctx)
          .filter((f) => kinds.get(f.actor) === f.kind)
          .map((f) => f.actor),
      ),
  );
  return {
    kind: 'contribution-imbalance',
    severity: found.some((f) => f.ratio < SIGNAL_THRESHOLDS.imbalance.ratioCritical) ? 'critical' : 'warning',
    evidence: found.map((f) => f.text),
    since: sinceMin(
      found.map((f) => since.get(f.actor) ?? ctx.now),
      ctx.now,
    ),
    action:
      'Unequal contributions lead to resentment. Review the balance of contributions and benefits with every member, and revisit the value rule so that co-created value is distributed equitably and every contribution is recognized.',
    actors: found.map((f) => f.actor),
  };
}

function dominant(
  amounts: readonly [string, number][],
): { actor: string; share: number; hhi: number } | undefined {
  const total = amounts.reduce((s, [, a]) => s + a, 0);
  if (amounts.length < 2 || total <= 0) return undefined;
  const [actor, top] = amounts.reduce((a, x) => (x[1] > a[1] ? x : a));
  return { actor, share: top / total, hhi: herfindahl(amounts.map(([, a]) => a)) };
}

/** One member's share of contributions or of capability coverage at or above the threshold; evidence gives the Herfindahl index. */
export function dependency(
  inputs: Pick<SignalInputs, 'members' | 'ledger' | 'capabilities'>,
  ctx: SignalContext,
): Signal | undefined {
  const T = SIGNAL_THRESHOLDS.dependency;
  const members = inputs.members;
  const evidence: string[] = [];
  const actors = new Set<string>();
  const sinces: string[] = [];
  let top = 0;
  const entries = (inputs.ledger ?? []).filter((e) => dayNumber(e.date) <= ctx.today);
  const byContribution = (t: Totals) => dominant(members.map((m) => [m, t.c.get(m) ?? 0]));
  const d = byContribution(totalsOf(entries, members));
  if (d && d.share >= T.shareWarning) {
    evidence.push(
      `${ctx.name(d.actor)} holds ${pct(d.share)} of all contributions; Herfindahl index ${fmt(d.hhi, 3)} (as concentrated as ${fmt(1 / d.hhi, 1)} equal members out of ${members.length}).`,
    );
    actors.add(d.actor);
    top = Math.max(top, d.share);
    const since = sinceHolding(entries, members, ctx, (t) => {
      const x = byContribution(t);
      return new Set(x && x.actor === d.actor && x.share >= T.shareWarning ? [x.actor] : []);
    });
    sinces.push(since.get(d.actor) ?? ctx.now);
  }
  if (inputs.capabilities) {
    const caps = members.map((m) => [m, new Set(inputs.capabilities?.[m] ?? [])] as const);
    const dc = dominant(caps.map(([m, s]) => [m, s.size]));
    if (dc && dc.share >= T.shareWarning) {
      const sole = [...(caps.find(([m]) => m === dc.actor)?.[1] ?? [])].filter((c) =>
        caps.every(([m, s]) => m === dc.actor || !s.has(c)),
      );
      evidence.push(
        `${ctx.name(dc.actor)} provides ${pct(dc.share)} of the members' capabilities; Herfindahl index ${fmt(dc.hhi, 3)}.` +
          (sole.length ? ` Only it provides: ${sole.join(', ')}.` : ''),
      );
      actors.add(dc.actor);
      top = Math.max(top, dc.share);
      sinces.push(ctx.now);
    }
  }
  if (!evidence.length) return undefined;
  const who = [...actors].map(ctx.name).join(' and ');
  return {
    kind: 'dependency',
    severity: top >= T.shareCritical ? 'critical' : 'warning',
    evidence,
    since: sinceMin(sinces, ctx.now),
    action: `Over-reliance on ${who} creates vulnerabilities. Maintain a degree of strategic autonomy: grow a second source for what ${actors.size === 1 ? 'it provides' : 'they provide'} and cultivate a diverse portfolio of relationships.`,
    actors: [...actors],
  };
}

/** A member whose benefit share is low against its contribution share while its activity falls. */
export function defectionRisk(
  inputs: Pick<SignalInputs, 'members' | 'ledger' | 'activity'>,
  ctx: SignalContext,
): Signal | undefined {
  const T = SIGNAL_THRESHOLDS.defection;
  if (!inputs.activity || inputs.members.length < 2) return undefined;
  const t = totalsOf(
    (inputs.ledger ?? []).filter((e) => dayNumber(e.date) <= ctx.today),
    inputs.members,
  );
  if (t.C <= 0 || t.B <= 0) return undefined;
  const evidence: string[] = [];
  const actors: string[] = [];
  let critical = false;
  for (const m of inputs.members) {
    const cv = t.c.get(m) ?? 0;
    if (cv <= 0) continue;
    const ratio = (t.b.get(m) ?? 0) / t.B / (cv / t.C);
    const own = inputs.activity.filter((a) => a.actor === m);
    const recent = own.filter((a) => windowOf(ctx, dayNumber(a.date)) === 0).length;
    const previous = own.filter((a) => windowOf(ctx, dayNumber(a.date)) === 1).length;
    if (previous < T.minPreviousActivity) continue;
    const drop = 1 - recent / previous;
    if (ratio >= T.ratio || drop < T.activityDrop) continue;
    actors.push(m);
    if (ratio < T.ratioCritical && drop >= T.activityDropCritical) critical = true;
    evidence.push(
      `${ctx.name(m)} receives ${fmt(ratio)}× the benefit share its contribution share would suggest, and its activity fell from ${previous} to ${plural(recent, 'activity', 'activities')} per ${W} days (down ${pct(drop)}).`,
    );
  }
  if (!actors.length) return undefined;
  return {
    kind: 'defection-risk',
    severity: critical ? 'critical' : 'warning',
    evidence,
    since: windowStart(ctx, 0),
    action: `${actors.map(ctx.name).join(', ')} may defect as incentives change. Talk about what the partnership gives ${actors.length === 1 ? 'it' : 'them'}, and co-own value: make incentives reflect ${actors.length === 1 ? 'its' : 'their'} contribution so partners pull in the same direction.`,
    actors,
  };
}
