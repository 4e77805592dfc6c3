import {
  Alert,
  Button,
  Center,
  Code,
  EmptyState,
  Group,
  Loader,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ApiError, describeError } from '../api/errors.ts';

/** An error from the server, said in the product's words, with a retry when there is one. */
export function ErrorAlert(props: { error: unknown; title?: string; onRetry?: () => void }) {
  const requestId = props.error instanceof ApiError ? props.error.requestId : undefined;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={props.title ?? 'Something went wrong'}
      role="alert"
    >
      <Stack gap="xs">
        <Text fz="sm">{describeError(props.error)}</Text>
        {requestId && (
          <Text fz="xs" c="dimmed">
            Reference for support: <Code>{requestId}</Code>
          </Text>
        )}
        {props.onRetry && (
          <Group>
            <Button
              size="xs"
              variant="white"
              color="red"
              leftSection={<IconRefresh size={14} />}
              onClick={props.onRetry}
            >
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** A centred spinner for a whole page. */
export function PageLoader(props: { label?: string }) {
  return (
    <Center h="60vh" aria-busy="true">
      <Stack align="center" gap="sm">
        <Loader size="md" />
        <Text c="dimmed" fz="sm">
          {props.label ?? 'Loading…'}
        </Text>
      </Stack>
    </Center>
  );
}

/** Grey rows in the shape of a table, while its first page loads. */
export function TableSkeleton(props: { columns: number; rows?: number }) {
  const rows = props.rows ?? 6;
  return (
    <Table aria-busy="true" data-testid="table-skeleton">
      <Table.Tbody>
        {Array.from({ length: rows }, (_, r) => (
          <Table.Tr key={r}>
            {Array.from({ length: props.columns }, (_, c) => (
              <Table.Td key={c}>
                <Skeleton height={14} radius="sm" width={c === 0 ? '70%' : '50%'} />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Nothing here yet: an icon, what this place is for, and what to do. */
export function Empty(props: { icon: ReactNode; title: string; description: ReactNode; action?: ReactNode }) {
  return (
    <EmptyState py={48} icon={props.icon} variant="light" title={props.title} description={props.description}>
      {props.action && <EmptyState.Actions>{props.action}</EmptyState.Actions>}
    </EmptyState>
  );
}
