import {
  ActionIcon,
  Badge,
  Button,
  Divider,
  Drawer,
  Fieldset,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { PARTNERSHIP_STAGES, type Member, type PartnershipStage } from '@valueweb/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { describeError, formErrors } from '../api/errors.ts';
import { useInvalidateEcosystem } from '../api/queries.ts';
import type { PartnershipRecord } from '../api/types.ts';
import { ActorPicker } from '../components/actor-picker.tsx';
import { FormProblems } from '../components/form-problems.tsx';
import { humanize, slugify } from '../lib/format.ts';

const FIELDS = ['id', 'name', 'stage', 'purpose', 'members'] as const;

const STAGE_HINTS: Record<PartnershipStage, string> = {
  exploring: 'Partners are getting to know each other',
  pilot: 'Testing the idea on a small scale',
  scaling: 'Growing what worked',
  evolving: 'Adapting an established partnership',
  dissolved: 'The partnership has ended',
};

/** Create (partnership null) or edit a partnership and its members. */
export function PartnershipFormDrawer(props: {
  ecosystemId: string;
  partnership: PartnershipRecord | null;
  opened: boolean;
  onClose: () => void;
  names: Record<string, string>;
  mayManageMembers: boolean;
  mayEdit: boolean;
}) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          {props.partnership ? props.partnership.name : 'New partnership'}
        </Text>
      }
      size="xl"
    >
      {props.opened && <PartnershipForm key={props.partnership?.id ?? 'new'} {...props} />}
    </Drawer>
  );
}

function PartnershipForm(props: {
  ecosystemId: string;
  partnership: PartnershipRecord | null;
  onClose: () => void;
  names: Record<string, string>;
  mayManageMembers: boolean;
  mayEdit: boolean;
}) {
  const editing = props.partnership !== null;
  const p = props.partnership;
  const [name, setName] = useState(p?.name ?? '');
  const [id, setId] = useState(p?.id ?? '');
  const [idTouched, setIdTouched] = useState(editing);
  const [stage, setStage] = useState<PartnershipStage | null>(p?.stage ?? 'exploring');
  const [purpose, setPurpose] = useState(p?.purpose ?? '');
  const [members, setMembers] = useState<Member[]>(p?.members ?? []);
  const [version, setVersion] = useState(p?.version ?? 0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidateEcosystem();
  const effectiveId = idTouched ? id : slugify(name);
  const { fields, other } = formErrors(error, FIELDS);

  const reload = () => {
    if (!p) return;
    void api
      .partnership(props.ecosystemId, p.id)
      .then((fresh) => {
        setName(fresh.name);
        setStage(fresh.stage);
        setPurpose(fresh.purpose ?? '');
        setMembers(fresh.members);
        setVersion(fresh.version);
        setError(null);
      })
      .catch((e: unknown) => setError(e));
  };

  const [missing, setMissing] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setMissing({ name: 'Give the partnership a name.' });
      return;
    }
    setMissing({});
    setBusy(true);
    setError(null);
    const request = p
      ? api.updatePartnership(
          props.ecosystemId,
          p.id,
          { name: name.trim(), purpose: purpose.trim() },
          version,
        )
      : api.createPartnership(props.ecosystemId, {
          id: effectiveId,
          name: name.trim(),
          stage: stage as PartnershipStage,
          purpose: purpose.trim(),
          members,
        });
    request
      .then(async (saved) => {
        await invalidate(props.ecosystemId, ['partnerships']);
        notifications.show({
          color: 'teal',
          message: editing ? `${saved.name} saved.` : `${saved.name} created.`,
        });
        props.onClose();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <Stack gap="lg">
      <form onSubmit={submit} noValidate data-testid="partnership-form">
        <Fieldset variant="unstyled" disabled={!props.mayEdit}>
          <Stack gap="md">
            <FormProblems
              error={error}
              other={other}
              onReload={editing ? reload : undefined}
              what="partnership"
            />
            <TextInput
              label="Name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={missing.name ?? fields.name}
              required
              data-autofocus
              data-testid="partnership-name"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Identifier"
                value={effectiveId}
                disabled={editing}
                description={editing ? 'Identifiers do not change.' : 'Used in links and files.'}
                onChange={(e) => {
                  setIdTouched(true);
                  setId(e.currentTarget.value);
                }}
                error={fields.id}
                required
              />
              <Select
                label="Stage"
                data={PARTNERSHIP_STAGES.map((s) => ({ value: s, label: humanize(s) }))}
                value={stage}
                onChange={(s) => setStage(s ?? null)}
                error={fields.stage}
                disabled={editing}
                description={
                  editing
                    ? 'The stage moves through its gate, on the Stage & gates tab of the partnership.'
                    : stage
                      ? STAGE_HINTS[stage]
                      : undefined
                }
                required
                allowDeselect={false}
              />
            </SimpleGrid>
            <Textarea
              label="Shared purpose"
              description="What the partners want to achieve together."
              autosize
              minRows={3}
              value={purpose}
              onChange={(e) => setPurpose(e.currentTarget.value)}
              error={fields.purpose}
            />
            {!editing && (
              <>
                <MembersEditor
                  ecosystemId={props.ecosystemId}
                  members={members}
                  names={props.names}
                  error={fields.members}
                  onAdd={(m) => setMembers((ms) => [...ms, m])}
                  onRemove={(a) => setMembers((ms) => ms.filter((m) => m.actor !== a))}
                />
              </>
            )}
            {props.mayEdit && (
              <Group justify="flex-end">
                <Button variant="default" onClick={props.onClose}>
                  Cancel
                </Button>
                <Button type="submit" loading={busy} data-testid="partnership-save">
                  {editing ? 'Save changes' : 'Create partnership'}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>
      </form>
      {p && (
        <LiveMembers
          ecosystemId={props.ecosystemId}
          partnershipId={p.id}
          names={props.names}
          mayManage={props.mayManageMembers}
          onVersion={setVersion}
        />
      )}
    </Stack>
  );
}

/** Members of an existing partnership: each change is saved at once. */
function LiveMembers(props: {
  ecosystemId: string;
  partnershipId: string;
  names: Record<string, string>;
  mayManage: boolean;
  onVersion: (v: number) => void;
}) {
  const qc = useQueryClient();
  const invalidate = useInvalidateEcosystem();
  const key = ['partnership', props.ecosystemId, props.partnershipId];
  const detail = useQuery({
    queryKey: key,
    queryFn: () => api.partnership(props.ecosystemId, props.partnershipId),
  });
  const refresh = async () => {
    const fresh = await api.partnership(props.ecosystemId, props.partnershipId);
    qc.setQueryData(key, fresh);
    props.onVersion(fresh.version);
    await invalidate(props.ecosystemId, ['partnerships']);
  };
  const run = (work: Promise<unknown>, done: string) =>
    work
      .then(refresh)
      .then(() => notifications.show({ color: 'teal', message: done }))
      .catch((e: unknown) =>
        notifications.show({ color: 'red', title: 'Members not changed', message: describeError(e) }),
      );
  return (
    <>
      <Divider />
      <MembersEditor
        ecosystemId={props.ecosystemId}
        members={detail.data?.members ?? []}
        loading={detail.isPending}
        names={props.names}
        readOnly={!props.mayManage}
        onAdd={(m) =>
          run(
            api.putMember(props.ecosystemId, props.partnershipId, m.actor, m.role),
            `${props.names[m.actor] ?? m.actor} joined the partnership.`,
          )
        }
        onRemove={(a) =>
          run(
            api.removeMember(props.ecosystemId, props.partnershipId, a),
            `${props.names[a] ?? a} left the partnership.`,
          )
        }
      />
    </>
  );
}

function MembersEditor(props: {
  ecosystemId: string;
  members: Member[];
  names: Record<string, string>;
  onAdd: (m: Member) => unknown;
  onRemove: (actorId: string) => unknown;
  error?: string;
  loading?: boolean;
  readOnly?: boolean;
}) {
  const [actor, setActor] = useState<string | null>(null);
  const [role, setRole] = useState('');
  const add = () => {
    if (!actor) return;
    void props.onAdd({ actor, ...(role.trim() ? { role: role.trim() } : {}) });
    setActor(null);
    setRole('');
  };
  return (
    <Stack gap="sm" data-testid="members-editor">
      <Group justify="space-between">
        <Title order={4} fz="md">
          Members
        </Title>
        <Badge color="gray">{props.members.length}</Badge>
      </Group>
      {props.error && (
        <Text c="red" fz="sm">
          {props.error}
        </Text>
      )}
      {props.members.length === 0 ? (
        <Paper withBorder p="md" bg="gray.0">
          <Group gap="sm" c="dimmed">
            <IconUsersGroup size={20} />
            <Text fz="sm">
              {props.loading ? 'Loading members…' : 'No members yet. A partnership has two or more actors.'}
            </Text>
          </Group>
        </Paper>
      ) : (
        <Paper withBorder>
          {props.members.map((m, i) => (
            <Group
              key={m.actor}
              justify="space-between"
              px="md"
              py="xs"
              style={i > 0 ? { borderTop: '1px solid var(--vw-border)' } : undefined}
              data-testid="member-row"
            >
              <div>
                <Text fz="sm" fw={600}>
                  {props.names[m.actor] ?? m.actor}
                </Text>
                <Text fz="xs" c="dimmed">
                  {m.role || 'Member'}
                </Text>
              </div>
              {!props.readOnly && (
                <Tooltip label="Remove from the partnership">
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${props.names[m.actor] ?? m.actor}`}
                    onClick={() => void props.onRemove(m.actor)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          ))}
        </Paper>
      )}
      {!props.readOnly && (
        <Group align="flex-end" gap="sm" wrap="wrap">
          <ActorPicker
            ecosystemId={props.ecosystemId}
            label="Add a member"
            value={actor}
            onChange={setActor}
            names={props.names}
            exclude={props.members.map((m) => m.actor)}
            style={{ flex: '2 1 220px' }}
            data-testid="member-actor"
          />
          <TextInput
            label="Role (optional)"
            placeholder="e.g. lead, funder"
            value={role}
            onChange={(e) => setRole(e.currentTarget.value)}
            style={{ flex: '1 1 140px' }}
          />
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={add}
            disabled={!actor}
            data-testid="member-add"
          >
            Add
          </Button>
        </Group>
      )}
    </Stack>
  );
}
