import {
  ActionIcon,
  Autocomplete,
  Button,
  Container,
  Group,
  Menu,
  Select,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowNarrowRight,
  IconArrowsExchange,
  IconArrowsHorizontal,
  IconDots,
  IconPencil,
  IconPlus,
  IconSearch,
  IconTrash,
} from '@tabler/icons-react';
import { COMMON_FLOWS, RELATIONSHIP_KINDS } from '@valueweb/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { useInvalidateEcosystem, useRelationships } from '../api/queries.ts';
import type { RelationshipRecord } from '../api/types.ts';
import { ActorPicker } from '../components/actor-picker.tsx';
import { Labels, RelationshipKind } from '../components/badges.tsx';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert } from '../components/states.tsx';
import { RelationshipFormDrawer } from '../forms/relationship-form.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import { useTableState } from '../hooks/use-table-state.ts';
import { humanize } from '../lib/format.ts';

export function RelationshipsPage() {
  const { id, ecosystem, may } = useCurrentEcosystem();
  const names = useActorNames(id);
  const [params] = useSearchParams();
  const [actor, setActor] = useState<string | null>(() => params.get('actor'));
  const [kind, setKind] = useState<string | null>(null);
  const [flow, setFlow] = useState('');
  const [dflow] = useDebouncedValue(flow.trim(), 250);
  const table = useTableState(null, `${actor ?? ''}|${kind ?? ''}|${dflow}`);
  const rels = useRelationships(id, {
    ...table.params,
    actor: actor ?? undefined,
    kind: kind ?? undefined,
    flow: dflow || undefined,
  });
  const [form, setForm] = useState<{ rel: RelationshipRecord | null } | null>(null);
  const [deleting, setDeleting] = useState<RelationshipRecord | null>(null);
  const invalidate = useInvalidateEcosystem();
  const filtered = Boolean(actor || kind || dflow);
  const name = (actorId: string) => names[actorId] ?? actorId;

  const columns: Column<RelationshipRecord>[] = [
    {
      key: 'from',
      header: 'From',
      sortField: 'from',
      render: (r) => (
        <Text fz="sm" fw={600}>
          {name(r.from)}
        </Text>
      ),
    },
    {
      key: 'dir',
      header: '',
      width: 36,
      render: (r) => (
        <Tooltip label={r.directed ? 'Directed: from → to' : 'Both ways'}>
          {r.directed ? (
            <IconArrowNarrowRight size={18} color="var(--mantine-color-gray-6)" aria-label="directed" />
          ) : (
            <IconArrowsHorizontal size={18} color="var(--mantine-color-gray-5)" aria-label="both ways" />
          )}
        </Tooltip>
      ),
    },
    {
      key: 'to',
      header: 'To',
      render: (r) => (
        <Text fz="sm" fw={600}>
          {name(r.to)}
        </Text>
      ),
    },
    {
      key: 'kind',
      header: 'Kind',
      sortField: 'kind',
      render: (r) => <RelationshipKind kind={r.kind} />,
      width: 150,
    },
    {
      key: 'flows',
      header: 'Flows',
      render: (r) => <Labels items={r.flows} color="teal" />,
      visibleFrom: 'sm',
    },
    {
      key: 'strength',
      header: 'Strength',
      width: 100,
      visibleFrom: 'md',
      render: (r) => <Text fz="sm">{r.strength.toLocaleString('en', { maximumFractionDigits: 2 })}</Text>,
    },
    {
      key: 'visibility',
      header: 'Shared with',
      visibleFrom: 'lg',
      width: 130,
      render: (r) => (
        <Text fz="sm" c="dimmed">
          {humanize(r.visibility ?? 'ecosystem')}
        </Text>
      ),
    },
    {
      key: 'actions',
      header: '',
      width: 52,
      render: (r) =>
        (may('relationship.update') || may('relationship.delete')) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Actions for ${name(r.from)} to ${name(r.to)}`}
                onClick={(e) => e.stopPropagation()}
              >
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
              {may('relationship.update') && (
                <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setForm({ rel: r })}>
                  Edit
                </Menu.Item>
              )}
              {may('relationship.delete') && (
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDeleting(r)}>
                  Delete
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        ),
    },
  ];

  return (
    <Container size="xl" py="xl">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: `/e/${encodeURIComponent(id)}` }, { label: 'Relationships' }]}
        title="Relationships"
        description="Ties between actors, what kind they are and what flows along them: data, money, knowledge, product, talent."
        actions={
          may('relationship.create') && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setForm({ rel: null })}
              data-testid="add-relationship"
            >
              Add relationship
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" wrap="wrap">
        <ActorPicker
          ecosystemId={id}
          value={actor}
          onChange={setActor}
          names={names}
          placeholder="Involving actor…"
          aria-label="Filter by actor"
          style={{ flex: '1 1 260px' }}
        />
        <Select
          placeholder="Any kind"
          aria-label="Filter by kind"
          data={RELATIONSHIP_KINDS.map((k) => ({ value: k, label: humanize(k) }))}
          value={kind}
          onChange={setKind}
          clearable
          w={180}
        />
        <Autocomplete
          placeholder="Carrying flow…"
          aria-label="Filter by flow"
          data={[...COMMON_FLOWS]}
          value={flow}
          onChange={setFlow}
          w={180}
        />
      </Group>
      {rels.isError ? (
        <ErrorAlert
          error={rels.error}
          title="Could not load the relationships"
          onRetry={() => void rels.refetch()}
        />
      ) : (
        <DataTable
          testId="relationships-table"
          caption="Relationships"
          columns={columns}
          rows={rels.data?.items}
          rowKey={(r) => String(r.id)}
          loading={rels.isPending}
          fetching={rels.isFetching && rels.isPlaceholderData}
          sort={table.sort}
          onSort={table.onSort}
          page={table.page}
          hasNext={Boolean(rels.data?.nextCursor)}
          onNext={() => table.next(rels.data?.nextCursor ?? null)}
          onPrevious={table.previous}
          pageSize={table.pageSize}
          onPageSize={table.onPageSize}
          onRowClick={may('relationship.update') ? (r) => setForm({ rel: r }) : undefined}
          empty={
            filtered ? (
              <Empty
                icon={<IconSearch size={28} />}
                title="No relationship matches"
                description="Try another actor, kind or flow, or clear the filters."
              />
            ) : (
              <Empty
                icon={<IconArrowsExchange size={28} />}
                title="No relationships yet"
                description="Relationships connect actors: research collaborations, supply, data sharing, funding. They are the lines of the ecosystem map."
                action={
                  may('relationship.create') && (
                    <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ rel: null })}>
                      Add relationship
                    </Button>
                  )
                }
              />
            )
          }
        />
      )}
      <RelationshipFormDrawer
        ecosystemId={id}
        relationship={form?.rel ?? null}
        opened={form !== null}
        onClose={() => setForm(null)}
        names={names}
      />
      <ConfirmDelete
        opened={deleting !== null}
        title="Delete this relationship?"
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await api.deleteRelationship(id, deleting.id, deleting.version);
          await invalidate(id, ['relationships']);
          notifications.show({ color: 'teal', message: 'Relationship deleted.' });
        }}
      >
        The {humanize(deleting?.kind ?? '').toLowerCase()} relationship between{' '}
        {deleting ? name(deleting.from) : ''} and {deleting ? name(deleting.to) : ''} will be removed from the
        ecosystem map.
      </ConfirmDelete>
    </Container>
  );
}
