import {
  ActionIcon,
  Avatar,
  Button,
  Container,
  Group,
  Menu,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconDots,
  IconPencil,
  IconPlus,
  IconSearch,
  IconTopologyStar3,
  IconTrash,
} from '@tabler/icons-react';
import { PARTNERSHIP_STAGES } from '@valueweb/core';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { useInvalidateEcosystem, usePartnerships } from '../api/queries.ts';
import type { PartnershipRecord } from '../api/types.ts';
import { StageBadge } from '../components/badges.tsx';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert } from '../components/states.tsx';
import { PartnershipFormDrawer } from '../forms/partnership-form.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import { useTableState } from '../hooks/use-table-state.ts';
import { humanize, initials } from '../lib/format.ts';

export function PartnershipsPage() {
  const { id, ecosystem, may } = useCurrentEcosystem();
  const names = useActorNames(id);
  const [search, setSearch] = useSearchParams();
  const [q, setQ] = useState('');
  const [stage, setStage] = useState<string | null>(null);
  const [dq] = useDebouncedValue(q.trim(), 250);
  const table = useTableState(null, `${dq}|${stage ?? ''}`);
  const list = usePartnerships(id, { ...table.params, q: dq || undefined, stage: stage ?? undefined });
  const [editing, setEditing] = useState<PartnershipRecord | null>(null);
  const [deleting, setDeleting] = useState<PartnershipRecord | null>(null);
  const creating = search.get('new') === '1';
  const invalidate = useInvalidateEcosystem();
  const navigate = useNavigate();
  const filtered = Boolean(dq || stage);
  const openCreate = () => setSearch({ new: '1' }, { replace: true });
  const closeForm = () => {
    setEditing(null);
    if (creating) setSearch({}, { replace: true });
  };

  const columns: Column<PartnershipRecord>[] = [
    {
      key: 'name',
      header: 'Partnership',
      render: (p) => (
        <Stack gap={0}>
          <Text
            component={Link}
            to={`/e/${encodeURIComponent(id)}/partnerships/${encodeURIComponent(p.id)}`}
            fz="sm"
            fw={600}
            c="brand.8"
            data-testid="partnership-link"
            onClick={(e) => e.stopPropagation()}
          >
            {p.name}
          </Text>
          <Text fz="xs" c="dimmed" lineClamp={1} maw={420}>
            {p.purpose || p.id}
          </Text>
        </Stack>
      ),
    },
    { key: 'stage', header: 'Stage', render: (p) => <StageBadge stage={p.stage} />, width: 120 },
    {
      key: 'members',
      header: 'Members',
      render: (p) => (
        <Group gap="xs" wrap="nowrap">
          <Avatar.Group spacing={6}>
            {p.members.slice(0, 4).map((m) => (
              <Tooltip key={m.actor} label={`${names[m.actor] ?? m.actor}${m.role ? ` (${m.role})` : ''}`}>
                <Avatar size={28} radius="xl" color="brand" variant="light">
                  {initials(names[m.actor] ?? m.actor)}
                </Avatar>
              </Tooltip>
            ))}
            {p.members.length > 4 && (
              <Avatar size={28} radius="xl">
                +{p.members.length - 4}
              </Avatar>
            )}
          </Avatar.Group>
          <Text fz="xs" c="dimmed" visibleFrom="lg">
            {p.members.length} {p.members.length === 1 ? 'member' : 'members'}
          </Text>
        </Group>
      ),
      width: 220,
    },
    {
      key: 'charter',
      header: 'Charter',
      visibleFrom: 'md',
      width: 120,
      render: (p) => (
        <Text fz="sm" c={p.charter ? 'teal.9' : 'dimmed'}>
          {p.charter ? 'Agreed' : 'Not yet'}
        </Text>
      ),
    },
    {
      key: 'actions',
      header: '',
      width: 52,
      render: (p) => (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Actions for ${p.name}`}
              onClick={(e) => e.stopPropagation()}
            >
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
            <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(p)}>
              {may('partnership.update') ? 'Edit and manage members' : 'View members'}
            </Menu.Item>
            {may('partnership.delete') && (
              <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDeleting(p)}>
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
        crumbs={[{ label: ecosystem.name, to: `/e/${encodeURIComponent(id)}` }, { label: 'Partnerships' }]}
        title="Partnerships"
        description="Formal alliances of two or more actors with a shared purpose, a stage in their lifecycle, and a charter."
        actions={
          may('partnership.create') && (
            <Button leftSection={<IconPlus size={16} />} onClick={openCreate} data-testid="add-partnership">
              New partnership
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          placeholder="Search partnerships"
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          aria-label="Search partnerships"
          style={{ flex: '1 1 260px' }}
        />
        <Select
          placeholder="Any stage"
          aria-label="Filter by stage"
          data={PARTNERSHIP_STAGES.map((s) => ({ value: s, label: humanize(s) }))}
          value={stage}
          onChange={setStage}
          clearable
          w={180}
        />
      </Group>
      {list.isError ? (
        <ErrorAlert
          error={list.error}
          title="Could not load the partnerships"
          onRetry={() => void list.refetch()}
        />
      ) : (
        <DataTable
          testId="partnerships-table"
          caption="Partnerships"
          columns={columns}
          rows={list.data?.items}
          rowKey={(p) => p.id}
          onRowClick={(p) =>
            void navigate(`/e/${encodeURIComponent(id)}/partnerships/${encodeURIComponent(p.id)}`)
          }
          loading={list.isPending}
          fetching={list.isFetching && list.isPlaceholderData}
          page={table.page}
          hasNext={Boolean(list.data?.nextCursor)}
          onNext={() => table.next(list.data?.nextCursor ?? null)}
          onPrevious={table.previous}
          pageSize={table.pageSize}
          onPageSize={table.onPageSize}
          empty={
            filtered ? (
              <Empty
                icon={<IconSearch size={28} />}
                title="No partnership matches"
                description="Try another name or stage."
              />
            ) : (
              <Empty
                icon={<IconTopologyStar3 size={28} />}
                title="No partnerships yet"
                description="A partnership brings two or more actors together around a shared purpose. Start one, then invite its members."
                action={
                  may('partnership.create') && (
                    <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
                      New partnership
                    </Button>
                  )
                }
              />
            )
          }
        />
      )}
      <PartnershipFormDrawer
        ecosystemId={id}
        partnership={editing}
        opened={creating || editing !== null}
        onClose={closeForm}
        names={names}
        mayManageMembers={may('members.manage')}
        mayEdit={editing ? may('partnership.update') : may('partnership.create')}
      />
      <ConfirmDelete
        opened={deleting !== null}
        title={`Delete ${deleting?.name ?? 'partnership'}?`}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await api.deletePartnership(id, deleting.id, deleting.version);
          await invalidate(id, ['partnerships']);
          notifications.show({ color: 'teal', message: `${deleting.name} deleted.` });
        }}
      >
        The partnership {deleting?.name}, its members and its charter will be removed. The actors themselves
        stay in the ecosystem.
      </ConfirmDelete>
    </Container>
  );
}
