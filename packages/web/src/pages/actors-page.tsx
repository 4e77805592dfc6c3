import { ActionIcon, Button, Container, Group, Menu, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconBuildingCommunity,
  IconChartDots3,
  IconDots,
  IconPencil,
  IconPlus,
  IconSearch,
  IconTrash,
} from '@tabler/icons-react';
import { ACTOR_KINDS } from '@valueweb/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { useActors, useInvalidateEcosystem } from '../api/queries.ts';
import type { ActorRecord } from '../api/types.ts';
import { ActorKind, Labels } from '../components/badges.tsx';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert } from '../components/states.tsx';
import { ActorFormDrawer } from '../forms/actor-form.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { useTableState } from '../hooks/use-table-state.ts';
import { humanize, kindLabel } from '../lib/format.ts';

export function ActorsPage() {
  const { id, ecosystem, may } = useCurrentEcosystem();
  const [search, setSearch] = useSearchParams();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [capability, setCapability] = useState('');
  const [dq] = useDebouncedValue(q.trim(), 250);
  const [dcap] = useDebouncedValue(capability.trim(), 250);
  const table = useTableState({ field: 'name', descending: false }, `${dq}|${kind ?? ''}|${dcap}`);
  const actors = useActors(id, {
    ...table.params,
    q: dq || undefined,
    kind: kind ?? undefined,
    capability: dcap || undefined,
  });
  const [editing, setEditing] = useState<ActorRecord | null>(null);
  const [deleting, setDeleting] = useState<ActorRecord | null>(null);
  const creating = search.get('new') === '1';
  const invalidate = useInvalidateEcosystem();
  const filtered = Boolean(dq || kind || dcap);
  const mapLink = (a: ActorRecord) => `/e/${encodeURIComponent(id)}/map?focus=${encodeURIComponent(a.id)}`;

  const openCreate = () => setSearch({ new: '1' }, { replace: true });
  const closeForm = () => {
    setEditing(null);
    if (creating) setSearch({}, { replace: true });
  };

  const columns: Column<ActorRecord>[] = [
    {
      key: 'name',
      header: 'Name',
      sortField: 'name',
      render: (a) => (
        <Stack gap={0}>
          <Text fz="sm" fw={600}>
            {a.name}
          </Text>
          <Text fz="xs" c="dimmed">
            {a.id}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'kind',
      header: 'Kind',
      sortField: 'kind',
      render: (a) => <ActorKind kind={a.kind} />,
      width: 170,
    },
    {
      key: 'capabilities',
      header: 'Capabilities',
      render: (a) => <Labels items={a.capabilities} color="brand" />,
      visibleFrom: 'sm',
    },
    { key: 'needs', header: 'Needs', render: (a) => <Labels items={a.needs} max={2} />, visibleFrom: 'lg' },
    {
      key: 'clock',
      header: 'Planning clock',
      render: (a) => (
        <Text fz="sm" c={a.clock ? undefined : 'dimmed'}>
          {a.clock ? humanize(a.clock.cadence) : '—'}
        </Text>
      ),
      visibleFrom: 'lg',
      width: 130,
    },
    {
      key: 'actions',
      header: '',
      width: 52,
      render: (a) => (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Actions for ${a.name}`}
              onClick={(e) => e.stopPropagation()}
            >
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
            {may('actor.update') && (
              <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(a)}>
                Edit
              </Menu.Item>
            )}
            <Menu.Item leftSection={<IconChartDots3 size={14} />} component={Link} to={mapLink(a)}>
              Show on the map
            </Menu.Item>
            {may('actor.delete') && (
              <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDeleting(a)}>
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
        crumbs={[{ label: ecosystem.name, to: `/e/${encodeURIComponent(id)}` }, { label: 'Actors' }]}
        title="Actors"
        description="The organizations, communities and people in this ecosystem, with what they bring and what they need."
        actions={
          may('actor.create') && (
            <Button leftSection={<IconPlus size={16} />} onClick={openCreate} data-testid="add-actor">
              Add actor
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          placeholder="Search by name or identifier"
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          aria-label="Search actors"
          style={{ flex: '1 1 260px' }}
          data-testid="actor-search"
        />
        <Select
          placeholder="Any kind"
          aria-label="Filter by kind"
          data={ACTOR_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          value={kind}
          onChange={setKind}
          clearable
          w={180}
          data-testid="actor-kind-filter"
        />
        <TextInput
          placeholder="Has capability…"
          aria-label="Filter by capability"
          value={capability}
          onChange={(e) => setCapability(e.currentTarget.value)}
          w={200}
        />
      </Group>
      {actors.isError ? (
        <ErrorAlert
          error={actors.error}
          title="Could not load the actors"
          onRetry={() => void actors.refetch()}
        />
      ) : (
        <DataTable
          testId="actors-table"
          caption="Actors"
          columns={columns}
          rows={actors.data?.items}
          rowKey={(a) => a.id}
          loading={actors.isPending}
          fetching={actors.isFetching && actors.isPlaceholderData}
          sort={table.sort}
          onSort={table.onSort}
          page={table.page}
          hasNext={Boolean(actors.data?.nextCursor)}
          onNext={() => table.next(actors.data?.nextCursor ?? null)}
          onPrevious={table.previous}
          pageSize={table.pageSize}
          onPageSize={table.onPageSize}
          onRowClick={may('actor.update') ? (a) => setEditing(a) : undefined}
          empty={
            filtered ? (
              <Empty
                icon={<IconSearch size={28} />}
                title="No actor matches"
                description="Try another name, or clear the filters."
              />
            ) : (
              <Empty
                icon={<IconBuildingCommunity size={28} />}
                title="No actors yet"
                description="Actors are the organizations, communities and people of the ecosystem. Add the first one, or import a file."
                action={
                  may('actor.create') && (
                    <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
                      Add actor
                    </Button>
                  )
                }
              />
            )
          }
        />
      )}
      <ActorFormDrawer
        ecosystemId={id}
        actor={editing}
        opened={creating || editing !== null}
        onClose={closeForm}
      />
      <ConfirmDelete
        opened={deleting !== null}
        title={`Delete ${deleting?.name ?? 'actor'}?`}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await api.deleteActor(id, deleting.id, deleting.version);
          await invalidate(id, ['actors']);
          notifications.show({ color: 'teal', message: `${deleting.name} deleted.` });
        }}
      >
        {deleting?.name} will be removed from the ecosystem, with its relationships and its memberships in
        partnerships. This is recorded in the audit log.
      </ConfirmDelete>
    </Container>
  );
}
