/**
 * Govern and Value over REST API v1 (server/src/routes/govern.ts and
 * value.ts): the charter with its versions and ratifications, decisions with
 * their live tally, voting power, disputes up the conflict path, fairness of
 * the ledger and the distribution calculator. Every answer carries the
 * explanation of its numbers; `you` says what the caller may do (the server
 * has the last word).
 */
import { useQuery } from '@tanstack/react-query';
import type { Charter, govern, PartnershipDecision, value } from '@valueweb/core';
import { api } from '../api/client.ts';
import { recordKeys, type RecordItem } from '../api/records-api.ts';
import type { PartnershipRecord } from '../api/types.ts';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';

const enc = encodeURIComponent;
const base = (eco: string, pid: string) => `/ecosystems/${enc(eco)}/partnerships/${enc(pid)}`;

export interface CharterVersionItem {
  seq: number;
  charter: Charter;
  supersededAt: string;
  supersededBy: string | null;
}

export interface CharterAnswer {
  partnershipId: string;
  version: number;
  members: string[];
  names: Record<string, string>;
  current: Charter | null;
  history: CharterVersionItem[];
  status: govern.CharterStatus;
  inForce: Charter | null;
  you: { actorId: string | null; member: boolean; mayAmend: boolean; mayRatify: boolean; ratified: boolean };
}

export interface DecisionView {
  key: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  item: PartnershipDecision;
  ruling: {
    version: string | null;
    rule: govern.DecisionRuleInput | null;
    basis: govern.Ruling['basis'];
    binding: boolean;
    explanation: string;
  };
  tally: govern.Tally | null;
  tallyProblem: string | null;
  stuck: boolean;
  escalation: { due: boolean; to: string | null; explanation: string };
  you: {
    actorId: string | null;
    vote: govern.Vote | null;
    mayVote: boolean;
    mayClose: boolean;
    mayEscalate: boolean;
  };
}

export interface DecisionsAnswer {
  today: string;
  members: string[];
  names: Record<string, string>;
  conflictPath: string[];
  items: DecisionView[];
}

export interface PowerAnswer {
  basis: 'in-force' | 'current' | 'what-if' | null;
  charterVersion: string | null;
  members: string[];
  names: Record<string, string>;
  rule: govern.DecisionRuleInput | null;
  report: govern.PowerReport | null;
  explanation: string;
}

export interface FairnessAnswer {
  members: string[];
  names: Record<string, string>;
  period: { from: string | null; to: string | null; currency: string | null };
  currencies: string[];
  entries: {
    seen: number;
    counted: number;
    reversed: number;
    outsidePeriod: number;
    otherCurrencies: Record<string, number>;
  };
  fairness: value.Fairness;
  explanation: string[];
}

export interface DistributionRequest {
  amount: number;
  rule?: 'equal' | 'proportional' | 'shapley';
  from?: string;
  to?: string;
  currency?: string;
  sampling?: { samples?: number; seed?: number };
}

export interface DistributionAnswer {
  members: string[];
  names: Record<string, string>;
  charterVersion: string | null;
  inForce: boolean;
  ruleSource: 'charter' | 'chosen';
  currency: string | null;
  distribution: value.Distribution;
  explanation: string[];
}

export interface NewDecision {
  id?: string;
  title: string;
  description?: string;
  options?: string[];
  deadline: string;
}

export const governApi = {
  charter: (eco: string, pid: string) => api.request<CharterAnswer>('GET', `${base(eco, pid)}/charter`),
  amend: (eco: string, pid: string, charter: Record<string, unknown>, version: number) =>
    api.request<CharterAnswer>('PUT', `${base(eco, pid)}/charter`, { body: charter, version }),
  ratify: (eco: string, pid: string, version: string | number) =>
    api.request<CharterAnswer>('POST', `${base(eco, pid)}/charter/ratifications`, { body: { version } }),
  decisions: (eco: string, pid: string) => api.request<DecisionsAnswer>('GET', `${base(eco, pid)}/decisions`),
  propose: (eco: string, pid: string, d: NewDecision) =>
    api.request<DecisionView>('POST', `${base(eco, pid)}/decisions`, { body: d }),
  vote: (eco: string, pid: string, key: string, actor: string, vote: govern.Vote) =>
    api.request<DecisionView>('PUT', `${base(eco, pid)}/decisions/${enc(key)}/votes/${enc(actor)}`, {
      body: { vote },
    }),
  close: (eco: string, pid: string, key: string, rationale?: string) =>
    api.request<DecisionView>('POST', `${base(eco, pid)}/decisions/${enc(key)}/close`, {
      body: rationale ? { rationale } : {},
    }),
  escalate: (eco: string, pid: string, key: string) =>
    api.request<{ decision: DecisionView; dispute: RecordItem<'disputes'> }>(
      'POST',
      `${base(eco, pid)}/decisions/${enc(key)}/escalate`,
    ),
  escalateDispute: (eco: string, pid: string, key: string) =>
    api.request<RecordItem<'disputes'> & { escalated: { from: string; to: string } }>(
      'POST',
      `${base(eco, pid)}/disputes/${enc(key)}/escalate`,
    ),
  power: (eco: string, pid: string) => api.request<PowerAnswer>('GET', `${base(eco, pid)}/power`),
  powerWhatIf: (eco: string, pid: string, decision: unknown) =>
    api.request<PowerAnswer>('POST', `${base(eco, pid)}/power`, { body: { decision } }),
  fairness: (eco: string, pid: string, q: { from?: string; to?: string; currency?: string }) =>
    api.request<FairnessAnswer>('GET', `${base(eco, pid)}/fairness`, {
      query: { from: q.from || undefined, to: q.to || undefined, currency: q.currency || undefined },
    }),
  distribute: (eco: string, pid: string, body: DistributionRequest) =>
    api.request<DistributionAnswer>('POST', `${base(eco, pid)}/distribution`, { body }),
};

export const governKeys = {
  charter: (eco: string, pid: string) => [...recordKeys.partnership(eco, pid), 'charter'] as const,
  decisions: (eco: string, pid: string) => [...recordKeys.partnership(eco, pid), 'decisions-live'] as const,
  power: (eco: string, pid: string) => [...recordKeys.partnership(eco, pid), 'power'] as const,
  fairness: (eco: string, pid: string, q: object) =>
    [...recordKeys.partnership(eco, pid), 'fairness', q] as const,
};

export function useCharter(eco: string, pid: string) {
  return useQuery({ queryKey: governKeys.charter(eco, pid), queryFn: () => governApi.charter(eco, pid) });
}

export function useDecisions(eco: string, pid: string) {
  return useQuery({ queryKey: governKeys.decisions(eco, pid), queryFn: () => governApi.decisions(eco, pid) });
}

export function usePower(eco: string, pid: string) {
  return useQuery({ queryKey: governKeys.power(eco, pid), queryFn: () => governApi.power(eco, pid) });
}

export function useFairness(eco: string, pid: string, q: { from?: string; to?: string; currency?: string }) {
  return useQuery({
    queryKey: governKeys.fairness(eco, pid, q),
    queryFn: () => governApi.fairness(eco, pid, q),
    placeholderData: (prev) => prev,
  });
}

/**
 * What the signed-in user may do in this partnership: `work` (orchestrators and
 * users of member organizations with a write role) and the actor they act for.
 * The server has the last word; this only decides which buttons to show.
 */
export function usePartnershipRole(partnership: Pick<PartnershipRecord, 'members'>): {
  work: boolean;
  orchestrator: boolean;
  actorId: string | null;
  member: boolean;
} {
  const { ecosystem, me } = useCurrentEcosystem();
  const orchestrator = me.user.isAdmin || ecosystem.role === 'orchestrator';
  const actorId = ecosystem.actorId ?? null;
  const member = actorId !== null && partnership.members.some((m) => m.actor === actorId);
  return { work: orchestrator || (ecosystem.role === 'member' && member), orchestrator, actorId, member };
}

/** A name for an actor id (the partnership's names first, then the ecosystem's). */
export const nameOf = (names: Record<string, string>, id: string): string => names[id] ?? id;

/** A number the way people read it: 1,234.5 (at most 2 decimals by default). */
export function num(x: number, digits = 2): string {
  return x.toLocaleString('en', { maximumFractionDigits: digits });
}

/** 0.1234 → "12.3%". */
export function pct(x: number, digits = 1): string {
  return `${(x * 100).toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })}%`;
}

/** An amount of money: "EUR 1,200,000". */
export function money(x: number, currency: string | null | undefined): string {
  return `${currency ? `${currency} ` : ''}${x.toLocaleString('en', { maximumFractionDigits: 2 })}`;
}

/** The charter's decision rule in one sentence. */
export function ruleSentence(
  rule: govern.DecisionRuleInput | null | undefined,
  names: Record<string, string>,
): string {
  if (!rule) return 'No decision rule agreed yet.';
  const base =
    rule.rule === 'unanimity'
      ? 'Every member must vote yes'
      : rule.rule === 'majority'
        ? 'More than half of the votes cast must be yes'
        : rule.rule === 'qualified'
          ? `At least ${rule.quota ?? '?'} members must vote yes`
          : `The yes votes must weigh at least ${rule.quota ?? '?'}`;
  const veto = rule.veto?.length
    ? `; ${rule.veto.map((a) => nameOf(names, a)).join(', ')} ${rule.veto.length === 1 ? 'holds' : 'hold'} a veto`
    : '';
  const quorum = rule.quorum ? `; at least ${rule.quorum} members must take part` : '';
  const abst = rule.abstention === 'excluded' ? '; abstentions are left out of the count' : '';
  return `${base}${veto}${quorum}${abst}.`;
}
