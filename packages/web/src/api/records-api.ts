/**
 * A partnership's lists over REST API v1 (server/src/routes/records.ts):
 * registers, monitoring and pilot items one at a time, KPI measurements,
 * health-check answers and the ledger. Items are exactly as in the ecosystem
 * document; `version` backs optimistic concurrency (If-Match).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LedgerEntry, Partnership } from '@valueweb/core';
import { api } from './client.ts';

/** The lists kept one item at a time (the document's field names). */
export const RECORD_SECTIONS = [
  'decisions',
  'obligations',
  'issues',
  'risks',
  'disputes',
  'milestones',
  'kpis',
  'healthChecks',
  'gates',
  'pilots',
  'lessons',
  'stageHistory',
] as const;
export type RecordSection = (typeof RECORD_SECTIONS)[number];

/** The item type of each list, from the document model. */
export type SectionItem<S extends RecordSection> = NonNullable<Partnership[S]>[number];

export interface RecordItem<S extends RecordSection = RecordSection> {
  section: S;
  key: string;
  item: SectionItem<S>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface LedgerItem {
  entry: LedgerEntry;
  seq: number;
  hash: string;
  prevHash: string;
  recordedBy: string | null;
  recordedAt: string;
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  head: string;
  firstBroken: {
    reason: 'hash_mismatch' | 'prev_mismatch' | 'gap';
    seq: number;
    id: string;
    message: string;
  } | null;
}

const enc = encodeURIComponent;
const base = (eco: string, pid: string) => `/ecosystems/${enc(eco)}/partnerships/${enc(pid)}`;

export const recordsApi = {
  partnershipDocument: (eco: string, pid: string) =>
    api.request<Partnership>('GET', `${base(eco, pid)}/document`),
  list: <S extends RecordSection>(eco: string, pid: string, section: S) =>
    api.request<{ items: RecordItem<S>[] }>('GET', `${base(eco, pid)}/records/${section}`),
  get: <S extends RecordSection>(eco: string, pid: string, section: S, key: string) =>
    api.request<RecordItem<S>>('GET', `${base(eco, pid)}/records/${section}/${enc(key)}`),
  create: <S extends RecordSection>(eco: string, pid: string, section: S, item: unknown) =>
    api.request<RecordItem<S>>('POST', `${base(eco, pid)}/records/${section}`, { body: item }),
  update: <S extends RecordSection>(
    eco: string,
    pid: string,
    section: S,
    key: string,
    patch: Record<string, unknown>,
    version: number,
  ) =>
    api.request<RecordItem<S>>('PATCH', `${base(eco, pid)}/records/${section}/${enc(key)}`, {
      body: patch,
      version,
    }),
  remove: (eco: string, pid: string, section: RecordSection, key: string, version: number) =>
    api.request<void>('DELETE', `${base(eco, pid)}/records/${section}/${enc(key)}`, { version }),
  addMeasurements: (
    eco: string,
    pid: string,
    measurements: { kpi: string; date: string; value: number; note?: string }[],
    replace = false,
  ) =>
    api.request<{ added: number; replaced: number }>('POST', `${base(eco, pid)}/measurements`, {
      body: { measurements, replace },
    }),
  deleteMeasurement: (eco: string, pid: string, kpi: string, date: string) =>
    api.request<void>('DELETE', `${base(eco, pid)}/kpis/${enc(kpi)}/measurements/${enc(date)}`),
  answer: (
    eco: string,
    pid: string,
    cycle: string,
    organization: string,
    answers: { dimension: string; score: number; comment?: string }[],
  ) =>
    api.request<{ answered: number }>(
      'PUT',
      `${base(eco, pid)}/health-checks/${enc(cycle)}/answers/${enc(organization)}`,
      { body: { answers } },
    ),
  ledger: (eco: string, pid: string, cursor?: string | null, limit = 200) =>
    api.request<{ items: LedgerItem[]; nextCursor: string | null }>('GET', `${base(eco, pid)}/ledger`, {
      query: { cursor: cursor ?? undefined, limit },
    }),
  appendLedger: (eco: string, pid: string, entry: unknown) =>
    api.request<LedgerItem>('POST', `${base(eco, pid)}/ledger`, { body: entry }),
  verifyLedger: (eco: string, pid: string) =>
    api.request<ChainVerification>('GET', `${base(eco, pid)}/ledger/verify`),
};

export const recordKeys = {
  /** Everything of one partnership (invalidate this after any change to it). */
  partnership: (eco: string, pid: string) => ['partnership-data', eco, pid] as const,
  document: (eco: string, pid: string) => ['partnership-data', eco, pid, 'document'] as const,
  section: (eco: string, pid: string, section: RecordSection) =>
    ['partnership-data', eco, pid, 'records', section] as const,
  ledger: (eco: string, pid: string) => ['partnership-data', eco, pid, 'ledger'] as const,
  verify: (eco: string, pid: string) => ['partnership-data', eco, pid, 'ledger', 'verify'] as const,
};

/** The partnership as in the document, with every list the caller may see. */
export function usePartnershipDocument(eco: string, pid: string) {
  return useQuery({
    queryKey: recordKeys.document(eco, pid),
    queryFn: () => recordsApi.partnershipDocument(eco, pid),
  });
}

export function useRecords<S extends RecordSection>(eco: string, pid: string, section: S) {
  return useQuery({
    queryKey: recordKeys.section(eco, pid, section),
    queryFn: () => recordsApi.list(eco, pid, section),
  });
}

/** Every ledger entry the caller may see (all pages). */
export function useLedger(eco: string, pid: string) {
  return useQuery({
    queryKey: recordKeys.ledger(eco, pid),
    queryFn: async () => {
      const items: LedgerItem[] = [];
      let cursor: string | null = null;
      do {
        const page = await recordsApi.ledger(eco, pid, cursor);
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
  });
}

export function useLedgerVerification(eco: string, pid: string) {
  return useQuery({
    queryKey: recordKeys.verify(eco, pid),
    queryFn: () => recordsApi.verifyLedger(eco, pid),
  });
}

/** Refreshes everything shown about a partnership (its lists, document, computed panels) and the audit log. */
export function useInvalidatePartnership() {
  const qc = useQueryClient();
  return (eco: string, pid: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: recordKeys.partnership(eco, pid) }),
      qc.invalidateQueries({ queryKey: ['partnerships', eco] }),
      qc.invalidateQueries({ queryKey: ['audit', eco] }),
    ]);
}

/** A mutation that refreshes the partnership's data when it succeeds. */
export function usePartnershipMutation<V, R>(eco: string, pid: string, fn: (vars: V) => Promise<R>) {
  const invalidate = useInvalidatePartnership();
  return useMutation({ mutationFn: fn, onSuccess: () => invalidate(eco, pid) });
}
