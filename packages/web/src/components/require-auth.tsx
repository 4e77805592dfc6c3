import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/queries.ts';
import { ErrorAlert, PageLoader } from './states.tsx';
import { Container } from '@mantine/core';

/** Shows its children to a signed-in user; sends anyone else to sign in (and back afterwards). */
export function RequireAuth(props: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader label="Opening Valueweb…" />;
  if (me.isError)
    return (
      <Container size="sm" py="xl">
        <ErrorAlert error={me.error} title="Valueweb is not available" onRetry={() => void me.refetch()} />
      </Container>
    );
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return props.children;
}
