import {
  Alert,
  Badge,
  Button,
  Container,
  CopyButton,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBuilding,
  IconCheck,
  IconCopy,
  IconLink,
  IconMailPlus,
  IconPlus,
  IconUsers,
} from '@tabler/icons-react';
import { ROLES, type Role } from '@valueweb/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { describeError, formErrors } from '../api/errors.ts';
import {
  keys,
  useEcosystemOrganizations,
  useInvalidateEcosystem,
  useOrganizations,
  useRoles,
  useUsers,
} from '../api/queries.ts';
import type { InviteLink, Organization } from '../api/types.ts';
import { ActorPicker } from '../components/actor-picker.tsx';
import { RoleBadge } from '../components/badges.tsx';
import { FormProblems } from '../components/form-problems.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert, TableSkeleton } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import { dateTime } from '../lib/format.ts';
import { absoluteUrl, itemsOf } from '../lib/items.ts';
import { roleLabel } from '../lib/permissions.ts';

/** A person as the people table shows them. */
interface Person {
  id: string;
  name: string;
  email: string;
  organization: string | null;
  isAdmin: boolean;
  role: Role | null;
}

const ROLE_HINTS: Record<Role, string> = {
  orchestrator: 'Manages the ecosystem: actors, partnerships, people.',
  member: 'Works in the partnerships their organization belongs to.',
  observer: 'Reads dashboards and reports; changes nothing.',
};

export function PeoplePage() {
  const { id, ecosystem, may } = useCurrentEcosystem();
  const [inviting, setInviting] = useState(false);
  return (
    <Container size="xl" py="xl">
      <PageHeader
        crumbs={[
          { label: ecosystem.name, to: `/e/${encodeURIComponent(id)}` },
          { label: 'People & invitations' },
        ]}
        title="People & invitations"
        description="Who works in this ecosystem, for which organization, and in which role. Invite partner users with a personal link."
        actions={
          may('invites.create') && (
            <Button
              leftSection={<IconMailPlus size={16} />}
              onClick={() => setInviting(true)}
              data-testid="invite-button"
            >
              Invite someone
            </Button>
          )
        }
      />
      <Tabs defaultValue="people" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="people" leftSection={<IconUsers size={16} />}>
            People
          </Tabs.Tab>
          <Tabs.Tab value="organizations" leftSection={<IconBuilding size={16} />}>
            Organizations
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="people">
          <PeopleTable onInvite={() => setInviting(true)} />
        </Tabs.Panel>
        <Tabs.Panel value="organizations">
          <OrganizationsTable />
        </Tabs.Panel>
      </Tabs>
      {inviting && <InviteModal onClose={() => setInviting(false)} />}
    </Container>
  );
}

function PeopleTable(props: { onInvite: () => void }) {
  const { id, may } = useCurrentEcosystem();
  const users = useUsers();
  const mayManage = may('roles.manage');
  const roles = useRoles(id, mayManage);
  const invalidate = useInvalidateEcosystem();
  // Everyone with a role here (orchestrators see them all), plus the users the caller may list.
  const list = useMemo(() => {
    const m = new Map<string, Person>();
    for (const u of itemsOf(users.data))
      m.set(u.id, {
        id: u.id,
        name: u.name,
        email: u.email,
        organization: u.organization?.name ?? null,
        isAdmin: u.isAdmin,
        role: null,
      });
    for (const g of itemsOf(roles.data)) {
      const cur = m.get(g.userId);
      m.set(g.userId, {
        id: g.userId,
        name: g.name ?? cur?.name ?? '',
        email: g.email ?? cur?.email ?? '',
        organization: g.organizationName ?? cur?.organization ?? null,
        isAdmin: cur?.isAdmin ?? false,
        role: g.role,
      });
    }
    const rank = (r: Role | null) => (r === null ? 3 : ROLES.indexOf(r));
    return [...m.values()].sort(
      (a, b) => rank(a.role) - rank(b.role) || (a.name || a.email).localeCompare(b.name || b.email),
    );
  }, [users.data, roles.data]);

  const setRole = (u: Person, role: Role) => {
    api
      .setRole(id, u.id, role)
      .then(() => invalidate(id, ['people']))
      .then(() =>
        notifications.show({
          color: 'teal',
          message: `${u.name || u.email} is now ${roleLabel(role).toLowerCase()}.`,
        }),
      )
      .catch((e: unknown) =>
        notifications.show({ color: 'red', title: 'Role not changed', message: describeError(e) }),
      );
  };

  if (roles.isError)
    return (
      <ErrorAlert error={roles.error} title="Could not load the roles" onRetry={() => void roles.refetch()} />
    );
  if (users.isError)
    return (
      <ErrorAlert error={users.error} title="Could not load people" onRetry={() => void users.refetch()} />
    );
  return (
    <Paper withBorder>
      {users.isPending || (mayManage && roles.isPending) ? (
        <TableSkeleton columns={4} />
      ) : list.length === 0 ? (
        <Empty
          icon={<IconUsers size={28} />}
          title="Nobody here yet"
          description="Invite the people of your partner organizations. Each gets a personal link to set their password."
          action={may('invites.create') && <Button onClick={props.onInvite}>Invite someone</Button>}
        />
      ) : (
        <div className="vw-table-wrap">
          <Table data-testid="people-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Organization</Table.Th>
                <Table.Th w={220}>Role in this ecosystem</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((u) => {
                const role = u.role;
                return (
                  <Table.Tr key={u.id} data-testid="table-row">
                    <Table.Td>
                      <Group gap="xs">
                        <div>
                          <Text fz="sm" fw={600}>
                            {u.name || u.email}
                          </Text>
                          <Text fz="xs" c="dimmed">
                            {u.email}
                          </Text>
                        </div>
                        {u.isAdmin && (
                          <Badge color="grape" size="sm">
                            Administrator
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm">{u.organization ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      {mayManage ? (
                        <Select
                          size="xs"
                          aria-label={`Role of ${u.name || u.email}`}
                          placeholder="No access"
                          data={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
                          value={role}
                          onChange={(r) => r && setRole(u, r)}
                          allowDeselect={false}
                          w={180}
                        />
                      ) : (
                        <RoleBadge role={role} />
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Paper>
  );
}

function OrganizationsTable() {
  const { id, may, me } = useCurrentEcosystem();
  const orgs = useOrganizations();
  const mayLink = may('roles.manage');
  const linked = useEcosystemOrganizations(id, mayLink);
  const names = useActorNames(id);
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const actorOf = useMemo(() => {
    const m = new Map<string, string | null>();
    for (const o of itemsOf(linked.data)) m.set(o.id, o.actorId ?? null);
    return m;
  }, [linked.data]);
  const list: Organization[] = itemsOf(orgs.data);
  const link = (o: Organization, actorId: string | null) => {
    if (!actorId) return;
    api
      .linkOrganization(id, o.id, actorId)
      .then(() => qc.invalidateQueries({ queryKey: keys.ecosystemOrganizations(id) }))
      .then(() =>
        notifications.show({
          color: 'teal',
          message: `${o.name} is now ${names[actorId] ?? actorId} in this ecosystem.`,
        }),
      )
      .catch((e: unknown) =>
        notifications.show({ color: 'red', title: 'Not linked', message: describeError(e) }),
      );
  };

  if (orgs.isError)
    return (
      <ErrorAlert
        error={orgs.error}
        title="Could not load organizations"
        onRetry={() => void orgs.refetch()}
      />
    );
  return (
    <Stack>
      <Group justify="space-between">
        <Text fz="sm" c="dimmed" maw={640}>
          Each person belongs to one organization. Link an organization to its actor so its people see what is
          shared with that actor.
        </Text>
        {me.user.isAdmin && (
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => setCreating(true)}
            data-testid="add-organization"
          >
            Add organization
          </Button>
        )}
      </Group>
      <Paper withBorder>
        {orgs.isPending ? (
          <TableSkeleton columns={2} />
        ) : list.length === 0 ? (
          <Empty
            icon={<IconBuilding size={28} />}
            title="No organizations yet"
            description="Organizations are created by administrators; people are invited into one."
          />
        ) : (
          <div className="vw-table-wrap">
            <Table data-testid="organizations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Organization</Table.Th>
                  <Table.Th w={360}>Actor in this ecosystem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((o) => {
                  const actorId = actorOf.get(o.id) ?? null;
                  return (
                    <Table.Tr key={o.id} data-testid="table-row">
                      <Table.Td>
                        <Text fz="sm" fw={600}>
                          {o.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {mayLink ? (
                          <ActorPicker
                            ecosystemId={id}
                            value={actorId}
                            onChange={(a) => link(o, a)}
                            names={names}
                            size="xs"
                            placeholder="Not linked — choose its actor"
                            aria-label={`Actor of ${o.name}`}
                            clearable={false}
                          />
                        ) : (
                          <Text fz="sm" c={actorId ? undefined : 'dimmed'}>
                            {actorId ? (names[actorId] ?? actorId) : 'Not linked'}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Paper>
      {creating && <CreateOrganizationModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function CreateOrganizationModal(props: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const qc = useQueryClient();
  const { fields, other } = formErrors(error, ['name']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    api
      .createOrganization(name.trim())
      .then(async (o) => {
        await qc.invalidateQueries({ queryKey: keys.organizations });
        notifications.show({ color: 'teal', message: `${o.name} added.` });
        props.onClose();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };
  return (
    <Modal opened onClose={props.onClose} title={<Text fw={650}>Add organization</Text>}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormProblems error={error} other={other} />
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fields.name}
            required
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim()}>
              Add
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function InviteModal(props: { onClose: () => void }) {
  const { id, ecosystem } = useCurrentEcosystem();
  const orgs = useOrganizations();
  const invalidate = useInvalidateEcosystem();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [role, setRole] = useState<Role>('member');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [link, setLink] = useState<InviteLink | null>(null);
  const { fields, other } = formErrors(error, ['email', 'name', 'organizationId', 'role']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!organizationId) return;
    setBusy(true);
    setError(null);
    api
      .createInvite(id, { email: email.trim(), name: name.trim(), organizationId, role })
      .then(async (l) => {
        setLink(l);
        await invalidate(id, ['people']);
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };
  const url = link ? absoluteUrl(link.url, window.location.origin) : '';
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={<Text fw={650}>Invite someone to {ecosystem.name}</Text>}
      size="lg"
    >
      {link ? (
        <Stack data-testid="invite-result">
          <Alert color="teal" variant="light" icon={<IconLink size={18} />} title="Invitation link ready">
            Send this link to {name || email}. It lets them set a password and join as{' '}
            {roleLabel(role).toLowerCase()}; it works once, until {dateTime(link.expiresAt)}.
          </Alert>
          <Group gap="xs" wrap="nowrap">
            <TextInput
              value={url}
              readOnly
              style={{ flex: 1 }}
              aria-label="Invitation link"
              onFocus={(e) => e.currentTarget.select()}
              data-testid="invite-url"
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy the link'}>
                  <Button
                    color={copied ? 'teal' : 'brand'}
                    leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    onClick={copy}
                  >
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                setLink(null);
                setEmail('');
                setName('');
              }}
            >
              Invite another person
            </Button>
            <Button onClick={props.onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormProblems error={error} other={other} />
            <Group grow align="flex-start">
              <TextInput
                label="Name"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={fields.name}
                required
                data-autofocus
              />
              <TextInput
                label="Email"
                type="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={fields.email}
                required
              />
            </Group>
            <Select
              label="Organization"
              description="The partner organization this person works for."
              data={itemsOf(orgs.data).map((o) => ({ value: o.id, label: o.name }))}
              value={organizationId}
              onChange={setOrganizationId}
              error={fields.organizationId ?? (orgs.isError ? describeError(orgs.error) : undefined)}
              searchable
              required
              nothingFoundMessage="No organization with that name"
            />
            <Stack gap={6}>
              <Text fz="sm" fw={500}>
                Role
              </Text>
              <SegmentedControl
                fullWidth
                value={role}
                onChange={(r) => setRole(r)}
                data={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
              />
              <Text fz="xs" c="dimmed">
                {ROLE_HINTS[role]}
              </Text>
              {fields.role && (
                <Text fz="xs" c="red">
                  {fields.role}
                </Text>
              )}
            </Stack>
            <Group justify="flex-end">
              <Button variant="default" onClick={props.onClose}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={busy}
                disabled={!email.trim() || !name.trim() || !organizationId}
                data-testid="invite-create"
              >
                Create invitation link
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
