import { Button, Container } from '@mantine/core';
import { IconWorldOff } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import type { Action } from '@valueweb/core';
import { ApiError } from '../api/errors.ts';
import { useEcosystem, useMe } from '../api/queries.ts';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { EcosystemContext, type EcosystemContextValue } from '../hooks/ecosystem-context.tsx';
import { allowed } from '../lib/permissions.ts';

/** Loads the ecosystem of the URL once, for every page inside it. */
export function EcosystemLayout() {
  const { ecosystemId = '' } = useParams();
  const eco = useEcosystem(ecosystemId);
  const me = useMe().data;
  const value = useMemo<EcosystemContextValue | null>(() => {
    if (!eco.data || !me) return null;
    const role = eco.data.role ?? me.roles.find((r) => r.ecosystemId === ecosystemId)?.role ?? null;
    return { id: ecosystemId, ecosystem: eco.data, me, may: (a: Action) => allowed(me.user, role, a) };
  }, [eco.data, me, ecosystemId]);

  if (eco.isPending) return <PageLoader label="Opening the ecosystem…" />;
  if (eco.isError) {
    const missing = eco.error instanceof ApiError && (eco.error.status === 404 || eco.error.status === 403);
    return (
      <Container size="sm" py="xl">
        {missing ? (
          <Empty
            icon={<IconWorldOff size={28} />}
            title="Ecosystem not found"
            description="It may have been deleted, or it has not been shared with you."
            action={
              <Button component={Link} to="/">
                All ecosystems
              </Button>
            }
          />
        ) : (
          <ErrorAlert
            error={eco.error}
            title="Could not open the ecosystem"
            onRetry={() => void eco.refetch()}
          />
        )}
      </Container>
    );
  }
  if (!value) return <PageLoader />;
  return (
    <EcosystemContext.Provider value={value}>
      <Outlet />
    </EcosystemContext.Provider>
  );
}
