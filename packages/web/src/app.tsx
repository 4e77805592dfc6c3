/** Providers and routes. Heavy pages (the map, import) load on demand. */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { api } from './api/client.ts';
import { createQueryClient, keys } from './api/queries.ts';
import { AppLayout } from './components/app-layout.tsx';
import { RequireAuth } from './components/require-auth.tsx';
import { PageLoader } from './components/states.tsx';
import { cssVariablesResolver, theme } from './theme.ts';
import { LoginPage } from './pages/login-page.tsx';
import { InvitePage } from './pages/invite-page.tsx';
import { EcosystemsPage } from './pages/ecosystems-page.tsx';
import { EcosystemLayout } from './pages/ecosystem-layout.tsx';
import { EcosystemHomePage } from './pages/ecosystem-home-page.tsx';
import { ActorsPage } from './pages/actors-page.tsx';
import { RelationshipsPage } from './pages/relationships-page.tsx';
import { PartnershipsPage } from './pages/partnerships-page.tsx';
import { PeoplePage } from './pages/people-page.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';

const MapPage = lazy(() => import('./map/map-page.tsx'));
const AnalysisPage = lazy(() => import('./map-pages/analysis-page.tsx'));
const GapsPage = lazy(() => import('./map-pages/gaps-page.tsx'));
const WhatIfPage = lazy(() => import('./map-pages/what-if-page.tsx'));
const SnapshotsPage = lazy(() => import('./map-pages/snapshots-page.tsx'));
const CandidatesPage = lazy(() => import('./discover/candidates-page.tsx'));
const PartnerPortfolioPage = lazy(() => import('./discover/portfolio-page.tsx'));
const PipelinePage = lazy(() => import('./discover/pipeline-page.tsx'));
const ReadinessPage = lazy(() => import('./discover/readiness-page.tsx'));
const PartnershipPage = lazy(() => import('./partnership/partnership-page.tsx'));
const PortfolioPage = lazy(() => import('./portfolio/portfolio-page.tsx'));
const ReportPage = lazy(() => import('./portfolio/report-page.tsx'));
const ImportPage = lazy(() => import('./pages/import-page.tsx'));
const DataPage = lazy(() => import('./pages/data-page.tsx'));
const LessonsPage = lazy(() => import('./pilot/lessons-page.tsx'));
const RoadmapPage = lazy(() => import('./roadmap/roadmap-page.tsx'));
const AlertsPage = lazy(() => import('./alerts/alerts-page.tsx'));
const WebhooksPage = lazy(() => import('./webhooks/webhooks-page.tsx'));

export function App() {
  const [queryClient] = useState(() => {
    const qc = createQueryClient();
    // A 401 anywhere means the session ended: forget the user, and the guard sends them to sign in.
    api.onUnauthenticated = () => qc.setQueryData(keys.me, null);
    return qc;
  });
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Suspense fallback={<PageLoader />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/invite/:token" element={<InvitePage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<EcosystemsPage />} />
                <Route path="import" element={<ImportPage />} />
                <Route path="e/:ecosystemId" element={<EcosystemLayout />}>
                  <Route index element={<EcosystemHomePage />} />
                  <Route path="map" element={<MapPage />} />
                  <Route path="analysis" element={<AnalysisPage />} />
                  <Route path="gaps" element={<GapsPage />} />
                  <Route path="what-if" element={<WhatIfPage />} />
                  <Route path="snapshots" element={<SnapshotsPage />} />
                  <Route path="discover/candidates" element={<CandidatesPage />} />
                  <Route path="discover/portfolio" element={<PartnerPortfolioPage />} />
                  <Route path="discover/pipeline" element={<PipelinePage />} />
                  <Route path="discover/readiness" element={<ReadinessPage />} />
                  <Route path="actors" element={<ActorsPage />} />
                  <Route path="relationships" element={<RelationshipsPage />} />
                  <Route path="partnerships" element={<PartnershipsPage />} />
                  <Route path="partnerships/:partnershipId/*" element={<PartnershipPage />} />
                  <Route path="portfolio" element={<PortfolioPage />} />
                  <Route path="report" element={<ReportPage />} />
                  <Route path="lessons" element={<LessonsPage />} />
                  <Route path="roadmap" element={<RoadmapPage />} />
                  <Route path="alerts" element={<AlertsPage />} />
                  <Route path="webhooks" element={<WebhooksPage />} />
                  <Route path="people" element={<PeoplePage />} />
                  <Route path="audit" element={<AuditPage />} />
                  <Route path="data" element={<DataPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
