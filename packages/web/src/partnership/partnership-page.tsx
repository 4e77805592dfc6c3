/**
 * One partnership: its header (stage, members) and its tabs — the overview,
 * then one or more tabs per lifecycle module (registered in tabs.ts).
 */
import { Container, Tabs } from '@mantine/core';
import { IconTopologyStar3 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import { StageBadge } from '../components/badges.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { PARTNERSHIP_TABS } from './tabs.ts';

const MODULE_LABEL: Record<string, string> = {
  overview: 'The partnership at a glance',
  govern: 'Govern: rules of the game, decisions and registers',
  value: 'Value: contributions, benefits and their fair split',
  pilot: 'Pilot: stages, gates, pilots and lessons',
  monitor: 'Monitor: roadmap, KPIs and health',
};

export const partnershipKey = (eco: string, pid: string) => ['partnerships', eco, 'one', pid] as const;

export default function PartnershipPage() {
  const { id, ecosystem } = useCurrentEcosystem();
  const { partnershipId = '', '*': rest = '' } = useParams();
  const navigate = useNavigate();
  const p = useQuery({
    queryKey: partnershipKey(id, partnershipId),
    queryFn: () => api.partnership(id, partnershipId),
  });
  const tabPath = rest.split('/')[0] ?? '';
  const current = PARTNERSHIP_TABS.find((t) => t.path === tabPath) ?? PARTNERSHIP_TABS[0]!;
  const base = `/e/${encodeURIComponent(id)}/partnerships/${encodeURIComponent(partnershipId)}`;

  if (p.isPending) return <PageLoader label="Opening the partnership…" />;
  if (p.isError) {
    const missing = p.error instanceof ApiError && p.error.status === 404;
    return (
      <Container size="sm" py="xl">
        {missing ? (
          <Empty
            icon={<IconTopologyStar3 size={28} />}
            title="Partnership not found"
            description="It may have been deleted or renamed."
          />
        ) : (
          <ErrorAlert
            error={p.error}
            title="Could not open the partnership"
            onRetry={() => void p.refetch()}
          />
        )}
      </Container>
    );
  }
  const Tab = current.component;
  return (
    <Container size="xl" py="lg">
      <PageHeader
        crumbs={[
          { label: ecosystem.name, to: `/e/${encodeURIComponent(id)}` },
          { label: 'Partnerships', to: `/e/${encodeURIComponent(id)}/partnerships` },
          { label: p.data.name },
        ]}
        title={p.data.name}
        description={p.data.purpose}
        actions={<StageBadge stage={p.data.stage} />}
      />
      <Tabs
        value={current.path || 'overview'}
        onChange={(v) => void navigate(v === 'overview' || !v ? base : `${base}/${v}`)}
        keepMounted={false}
        mb="lg"
      >
        {/* Tabs wrap onto a second row rather than hide; a thin rule separates the lifecycle's modules. */}
        <Tabs.List style={{ flexWrap: 'wrap', rowGap: 2 }} aria-label="Partnership sections">
          {PARTNERSHIP_TABS.map((t, i) => {
            const startsModule =
              i > 0 && PARTNERSHIP_TABS[i - 1]!.module !== t.module && t.module !== 'value';
            return (
              <Tabs.Tab
                key={t.path || 'overview'}
                value={t.path || 'overview'}
                renderRoot={(props) => <Link {...props} to={t.path ? `${base}/${t.path}` : base} />}
                data-testid={`partnership-tab-${t.path || 'overview'}`}
                title={MODULE_LABEL[t.module]}
                style={
                  startsModule
                    ? { borderInlineStart: '1px solid var(--mantine-color-gray-3)', marginInlineStart: 6 }
                    : undefined
                }
              >
                {t.label}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
      </Tabs>
      <Suspense fallback={<PageLoader />}>
        <Tab ecosystemId={id} partnership={p.data} />
      </Suspense>
    </Container>
  );
}
