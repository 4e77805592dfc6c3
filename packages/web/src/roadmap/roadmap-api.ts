/**
 * The roadmap over REST API v1 (server/src/routes/kpis.ts): a partnership's
 * clock alignment (members' planning windows, sync points, warnings, staging)
 * and the roadmap across the portfolio.
 */
import { useQuery } from '@tanstack/react-query';
import type { monitor, PartnershipStage } from '@valueweb/core';
import { api } from '../api/client.ts';
import { recordKeys } from '../api/records-api.ts';

const enc = encodeURIComponent;

export type TimedMilestone = monitor.Milestone & { state: monitor.MilestoneTimeliness; explanation: string };

export interface ClockAlignmentAnswer extends monitor.ClockAlignment {
  partnership: { id: string; name: string; stage: PartnershipStage };
  milestones: TimedMilestone[];
}

export interface RoadmapPartnership {
  id: string;
  name: string;
  stage: PartnershipStage;
  members: monitor.MemberAlignment[];
  syncPoints: monitor.SyncPoints;
  warnings: monitor.ClockWarning[];
  staging: monitor.StagingSuggestion[];
  milestones: TimedMilestone[];
}

export interface RoadmapAnswer {
  today: string;
  from: string;
  to: string;
  partnerships: RoadmapPartnership[];
  summary: { milestones: number; late: number; dueSoon: number; warnings: number };
  rule: string;
}

export const roadmapApi = {
  alignment: (eco: string, pid: string) =>
    api.request<ClockAlignmentAnswer>(
      'GET',
      `/ecosystems/${enc(eco)}/partnerships/${enc(pid)}/clock-alignment`,
    ),
  roadmap: (eco: string, stage?: string | null) =>
    api.request<RoadmapAnswer>('GET', `/ecosystems/${enc(eco)}/roadmap`, {
      query: { stage: stage ?? undefined },
    }),
};

export function useClockAlignment(eco: string, pid: string) {
  return useQuery({
    queryKey: [...recordKeys.partnership(eco, pid), 'clock-alignment'],
    queryFn: () => roadmapApi.alignment(eco, pid),
  });
}

export function useRoadmap(eco: string, stage: string | null) {
  return useQuery({
    queryKey: ['roadmap', eco, stage ?? ''],
    queryFn: () => roadmapApi.roadmap(eco, stage),
    placeholderData: (prev) => prev,
  });
}

export const STATE_COLOR: Record<monitor.MilestoneTimeliness, string> = {
  'done-on-time': 'teal',
  'done-late': 'grape',
  late: 'red',
  'due-soon': 'orange',
  upcoming: 'brand',
  cancelled: 'gray',
};

export const STATE_LABEL: Record<monitor.MilestoneTimeliness, string> = {
  'done-on-time': 'Done on time',
  'done-late': 'Done late',
  late: 'Late',
  'due-soon': 'Due soon',
  upcoming: 'Upcoming',
  cancelled: 'Cancelled',
};
