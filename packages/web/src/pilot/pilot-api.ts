/**
 * Pilot over REST API v1 (server/src/routes/pilot.ts): the stage and its
 * gates, stage moves (with an override's rationale), gate edits and ticks,
 * pilot decisions and the lessons log searched across the ecosystem.
 */
import { useQuery } from '@tanstack/react-query';
import type { PartnershipStage, pilot } from '@valueweb/core';
import { api } from '../api/client.ts';
import { recordKeys, type RecordItem } from '../api/records-api.ts';
import type { PartnershipRecord } from '../api/types.ts';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';

const enc = encodeURIComponent;
const base = (eco: string, pid: string) => `/ecosystems/${enc(eco)}/partnerships/${enc(pid)}`;

export type StageStatus = pilot.StageStatus & { today: string };
export type GateView = pilot.GateView;
export type GateResult = pilot.GateResult;
export type GateItem = pilot.GateItem;

export interface StageMoveAnswer {
  stage: PartnershipStage;
  entry: pilot.StageChange;
  gate: GateResult;
  version: number;
}

export interface LessonHitRow extends pilot.LessonHit {
  partnershipName: string;
}

export interface LessonSearch {
  query: { q: string; tags: string[]; partnership: string | null };
  total: number;
  logged: number;
  items: LessonHitRow[];
  tags: { tag: string; count: number }[];
  partnerships: { id: string; name: string; stage: PartnershipStage; lessons: number }[];
  rule: string;
}

export const pilotApi = {
  stage: (eco: string, pid: string) => api.request<StageStatus>('GET', `${base(eco, pid)}/stage`),
  move: (eco: string, pid: string, to: PartnershipStage, rationale?: string) =>
    api.request<StageMoveAnswer>('POST', `${base(eco, pid)}/stage`, {
      body: { to, ...(rationale !== undefined ? { override: { rationale } } : {}) },
    }),
  editGate: (eco: string, pid: string, to: pilot.GatedStage, edit: pilot.GateEdit) =>
    api.request<{ gate: GateView; dropped: string[] }>('PATCH', `${base(eco, pid)}/gates/${to}`, {
      body: edit,
    }),
  tick: (eco: string, pid: string, to: pilot.GatedStage, item: string, evidence: string) =>
    api.request<{ gate: GateView }>('PUT', `${base(eco, pid)}/gates/${to}/checklist/${enc(item)}`, {
      body: { evidence },
    }),
  untick: (eco: string, pid: string, to: pilot.GatedStage, item: string) =>
    api.request<{ gate: GateView }>('DELETE', `${base(eco, pid)}/gates/${to}/checklist/${enc(item)}`),
  decide: (
    eco: string,
    pid: string,
    pilotId: string,
    body: { decision: pilot.PilotDecision; rationale: string; decided?: string; status?: pilot.PilotStatus },
  ) =>
    api.request<RecordItem<'pilots'>>('POST', `${base(eco, pid)}/pilots/${enc(pilotId)}/decision`, { body }),
  lessons: (eco: string, params: { q?: string; tags?: string[]; partnership?: string | null }) =>
    api.request<LessonSearch>('GET', `/ecosystems/${enc(eco)}/lessons`, {
      query: {
        q: params.q || undefined,
        tags: params.tags?.length ? params.tags.join(',') : undefined,
        partnership: params.partnership ?? undefined,
        limit: 500,
      },
    }),
};

export function useStageStatus(eco: string, pid: string) {
  return useQuery({
    queryKey: [...recordKeys.partnership(eco, pid), 'stage'],
    queryFn: () => pilotApi.stage(eco, pid),
  });
}

export function useLessonSearch(
  eco: string,
  params: { q: string; tags: string[]; partnership: string | null },
) {
  return useQuery({
    queryKey: ['lessons', eco, params.q, params.tags.join(','), params.partnership ?? ''],
    queryFn: () => pilotApi.lessons(eco, params),
    placeholderData: (prev) => prev,
  });
}

/**
 * True when the signed-in user may work on this partnership: orchestrators
 * (and administrators), and members whose organization is one of its members.
 * The server has the last word; this only decides which buttons to show.
 */
export function useMayWork(partnership: Pick<PartnershipRecord, 'members'>): boolean {
  const { ecosystem, me } = useCurrentEcosystem();
  if (me.user.isAdmin || ecosystem.role === 'orchestrator') return true;
  if (ecosystem.role !== 'member' || !ecosystem.actorId) return false;
  return partnership.members.some((m) => m.actor === ecosystem.actorId);
}

export const STAGE_LABELS: Record<PartnershipStage, string> = {
  exploring: 'Exploring',
  pilot: 'Pilot',
  scaling: 'Scaling',
  evolving: 'Evolving',
  dissolved: 'Dissolved',
};

/** What each stage means, in the pattern's words (seed 000 §4). */
export const STAGE_MEANING: Record<PartnershipStage, string> = {
  exploring: 'Mapping the ecosystem, finding partners and co-designing the rules of the game.',
  pilot: 'A small, well-defined pilot tests the assumptions in a lower-risk setting.',
  scaling: 'The pilot demonstrated success: the partnership model is extended to new areas.',
  evolving: 'Ongoing monitoring, evaluation and adaptation as the context shifts.',
  dissolved: 'The partnership has ended.',
};
