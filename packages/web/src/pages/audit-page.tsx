import {
  ActionIcon,
  Badge,
  Code,
  Container,
  Grid,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconHistory, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useAudit } from '../api/queries.ts';
import type { AuditEvent } from '../api/types.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { useTableState } from '../hooks/use-table-state.ts';
import { describeAction, entityLabel, eventParties } from '../lib/audit.ts';
import { usePeopleNames } from '../hooks/use-people-names.ts';
import { dateTime, humanize, relativeTime } from '../lib/format.ts';
import { changedFields, prettyJson, preview } from '../lib/json-diff.ts';

const ACTION_COLORS: Record<string, string> = {
  create: 'teal',
  update: 'blue',
  delete: 'red',
  import: 'grape',
};
const actionColor = (a: string) =>
  ACTION_COLORS[Object.keys(ACTION_COLORS).find((k) => a.toLowerCase().includes(k)) ?? ''] ?? 'gray';

export function AuditPage() {
  const { id, ecosystem, may } = useCurrentEcosystem();
  const table = useTableState(null, '');
  const mayRead = may('audit.read');
  const audit = useAudit(id, table.params.cursor ?? null, table.pageSize, mayRead);
  const names = usePeopleNames(id, mayRead);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (eventId: string | number) =>
    setOpen((s) => {
      const n = new Set(s);
      const k = String(eventId);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });

  const columns: Column<AuditEvent>[] = [
    {
      key: 'expand',
      header: '',
      width: 40,
      render: (e) => (
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={open.has(String(e.id)) ? 'Hide details' : 'Show details'}
          aria-expanded={open.has(String(e.id))}
        >
          {open.has(String(e.id)) ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
        </ActionIcon>
      ),
    },
    {
      key: 'when',
      header: 'When',
      width: 140,
      render: (e) => (
        <Tooltip label={dateTime(e.at)}>
          <Text fz="sm">{relativeTime(e.at)}</Text>
        </Tooltip>
      ),
    },
    { key: 'who', header: 'Who', render: (e) => <Text fz="sm">{eventParties(e, names).user}</Text> },
    {
      key: 'org',
      header: 'Organization',
      visibleFrom: 'md',
      render: (e) => (
        <Text fz="sm" c="dimmed">
          {eventParties(e, names).organization ?? '—'}
        </Text>
      ),
    },
    {
      key: 'action',
      header: 'Action',
      width: 170,
      render: (e) => (
        <Badge
          variant="dot"
          color={actionColor(e.action)}
          tt="none"
          fw={600}
          maw="none"
          styles={{ label: { overflow: 'visible' } }}
        >
          {e.action}
        </Badge>
      ),
    },
    {
      key: 'entity',
      header: 'Item',
      render: (e) => (
        <Stack gap={0}>
          <Text fz="sm">
            {humanize(e.entity)}
            {entityLabel(e) && entityLabel(e) !== e.entityId ? ` “${entityLabel(e)}”` : ''}
          </Text>
          <Text fz="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {e.entityId ?? ''}
          </Text>
        </Stack>
      ),
    },
  ];

  if (!mayRead) {
    return (
      <Container size="xl" py="xl">
        <PageHeader title="Audit log" />
        <Paper withBorder>
          <Empty
            icon={<IconLock size={28} />}
            title="Orchestrators only"
            description="The audit log of this ecosystem is visible to its orchestrators."
          />
        </Paper>
      </Container>
    );
  }

  return (
    <Container size="xl" py="xl">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: `/e/${encodeURIComponent(id)}` }, { label: 'Audit log' }]}
        title="Audit log"
        description="Every change to this ecosystem: who made it, for which organization, and what was there before and after."
      />
      {audit.isError ? (
        <ErrorAlert
          error={audit.error}
          title="Could not load the audit log"
          onRetry={() => void audit.refetch()}
        />
      ) : (
        <DataTable
          testId="audit-table"
          caption="Audit log"
          columns={columns}
          rows={audit.data?.items}
          rowKey={(e) => String(e.id)}
          loading={audit.isPending}
          fetching={audit.isFetching && audit.isPlaceholderData}
          page={table.page}
          hasNext={Boolean(audit.data?.nextCursor)}
          onNext={() => table.next(audit.data?.nextCursor ?? null)}
          onPrevious={table.previous}
          pageSize={table.pageSize}
          onPageSize={table.onPageSize}
          onRowClick={(e) => toggle(e.id)}
          expanded={(e) => (open.has(String(e.id)) ? <EventDetails e={e} /> : null)}
          empty={
            <Empty
              icon={<IconHistory size={28} />}
              title="Nothing recorded yet"
              description="Changes to actors, relationships, partnerships and people will be listed here."
            />
          }
        />
      )}
    </Container>
  );
}

function EventDetails({ e }: { e: AuditEvent }) {
  const changes = changedFields(e.before, e.after);
  return (
    <Stack gap="sm" p="xs" data-testid="audit-details">
      {changes.length > 0 && (
        <Table withTableBorder fz="xs" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((c) => (
              <Table.Tr key={c.field}>
                <Table.Td fw={600}>{c.field}</Table.Td>
                <Table.Td c="red.8">{preview(c.before, 40)}</Table.Td>
                <Table.Td c="teal.8">{preview(c.after, 40)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Grid gap="xs">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Text fz="xs" fw={600} c="dimmed" mb={4}>
            Before
          </Text>
          <Code block className="vw-pre">
            {prettyJson(e.before)}
          </Code>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Text fz="xs" fw={600} c="dimmed" mb={4}>
            After
          </Text>
          <Code block className="vw-pre">
            {prettyJson(e.after)}
          </Code>
        </Grid.Col>
      </Grid>
      <Group gap={6}>
        <Text fz="xs" c="dimmed">
          {describeAction(e)} · {dateTime(e.at)}
        </Text>
      </Group>
    </Stack>
  );
}
