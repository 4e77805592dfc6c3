/**
 * The tabs of a partnership's page, in order. Each module adds its own tabs
 * here (one entry each, a lazily loaded component in its own file) so the
 * page shell never changes when a module grows.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { PartnershipRecord } from '../api/types.ts';

export interface PartnershipTabProps {
  ecosystemId: string;
  partnership: PartnershipRecord;
}

export interface PartnershipTab {
  /** The URL segment: /e/:ecosystemId/partnerships/:partnershipId/<path> ('' for the first tab). */
  path: string;
  label: string;
  /** Module of the lifecycle it belongs to (for grouping and tests). */
  module: 'overview' | 'govern' | 'value' | 'pilot' | 'monitor';
  component: LazyExoticComponent<ComponentType<PartnershipTabProps>>;
}

export const PARTNERSHIP_TABS: PartnershipTab[] = [
  { path: '', label: 'Overview', module: 'overview', component: lazy(() => import('./overview-tab.tsx')) },
  { path: 'health', label: 'Health', module: 'monitor', component: lazy(() => import('../health/health-tab.tsx')) },
  { path: 'health-checks', label: 'Health checks', module: 'monitor', component: lazy(() => import('../health/health-checks-tab.tsx')) },
  { path: 'stage', label: 'Stage & gates', module: 'pilot', component: lazy(() => import('../pilot/stage-tab.tsx')) },
  { path: 'pilots', label: 'Pilots & lessons', module: 'pilot', component: lazy(() => import('../pilot/pilots-tab.tsx')) },
  { path: 'roadmap', label: 'Roadmap', module: 'monitor', component: lazy(() => import('../roadmap/roadmap-tab.tsx')) },
  { path: 'kpis', label: 'KPIs', module: 'monitor', component: lazy(() => import('../kpis/kpis-tab.tsx')) },
];
