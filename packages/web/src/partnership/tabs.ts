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
  {
    path: 'charter',
    label: 'Charter',
    module: 'govern',
    component: lazy(() => import('../govern/charter-tab.tsx')),
  },
  {
    path: 'decisions',
    label: 'Decisions',
    module: 'govern',
    component: lazy(() => import('../govern/decisions-tab.tsx')),
  },
  {
    path: 'power',
    label: 'Voting power',
    module: 'govern',
    component: lazy(() => import('../govern/power-tab.tsx')),
  },
  {
    path: 'registers',
    label: 'Registers',
    module: 'govern',
    component: lazy(() => import('../govern/registers-tab.tsx')),
  },
  {
    path: 'ledger',
    label: 'Ledger & fairness',
    module: 'value',
    component: lazy(() => import('../value/ledger-tab.tsx')),
  },
  {
    path: 'value-split',
    label: 'Value split',
    module: 'value',
    component: lazy(() => import('../value/split-tab.tsx')),
  },
  {
    path: 'stage',
    label: 'Stage & gates',
    module: 'pilot',
    component: lazy(() => import('../pilot/stage-tab.tsx')),
  },
  {
    path: 'pilots',
    label: 'Pilots & lessons',
    module: 'pilot',
    component: lazy(() => import('../pilot/pilots-tab.tsx')),
  },
  {
    path: 'roadmap',
    label: 'Roadmap',
    module: 'monitor',
    component: lazy(() => import('../roadmap/roadmap-tab.tsx')),
  },
  { path: 'kpis', label: 'KPIs', module: 'monitor', component: lazy(() => import('../kpis/kpis-tab.tsx')) },
  {
    path: 'health',
    label: 'Health',
    module: 'monitor',
    component: lazy(() => import('../health/health-tab.tsx')),
  },
  {
    path: 'health-checks',
    label: 'Health checks',
    module: 'monitor',
    component: lazy(() => import('../health/health-checks-tab.tsx')),
  },
];
