/**
 * Create or edit a milestone: the owner organization, due date, the value
 * delivered at this step (seed 002: "staged milestones with clear value at
 * each step"), dependencies, the members whose decision it needs, status.
 */
import {
  Button,
  Drawer,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { monitor } from '@valueweb/core';
import { useState, type FormEvent } from 'react';
import { formErrors } from '../api/errors.ts';
import { recordsApi, useInvalidatePartnership, type RecordItem } from '../api/records-api.ts';
import type { PartnershipRecord } from '../api/types.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { humanize, slugify } from '../lib/format.ts';

const FIELDS = [
  'id',
  'name',
  'owner',
  'due',
  'status',
  'completed',
  'value',
  'description',
  'dependsOn',
  'decisionBy',
] as const;

export function MilestoneFormDrawer(props: {
  ecosystemId: string;
  partnership: PartnershipRecord;
  milestone: RecordItem<'milestones'> | null;
  all: RecordItem<'milestones'>[];
  names: Record<string, string>;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          {props.milestone ? `Edit ${props.milestone.item.name}` : 'New milestone'}
        </Text>
      }
      size="lg"
    >
      {props.opened && <MilestoneForm key={props.milestone?.key ?? 'new'} {...props} />}
    </Drawer>
  );
}

function MilestoneForm(props: {
  ecosystemId: string;
  partnership: PartnershipRecord;
  milestone: RecordItem<'milestones'> | null;
  all: RecordItem<'milestones'>[];
  names: Record<string, string>;
  onClose: () => void;
}) {
  const m = props.milestone?.item;
  const editing = props.milestone !== null;
  const [name, setName] = useState(m?.name ?? '');
  const [id, setId] = useState(m?.id ?? '');
  const [owner, setOwner] = useState<string | null>(m?.owner ?? props.partnership.members[0]?.actor ?? null);
  const [due, setDue] = useState(m?.due ?? '');
  const [status, setStatus] = useState<monitor.MilestoneStatus>(m?.status ?? 'planned');
  const [completed, setCompleted] = useState(m?.completed ?? '');
  const [value, setValue] = useState(m?.value ?? '');
  const [description, setDescription] = useState(m?.description ?? '');
  const [dependsOn, setDependsOn] = useState<string[]>(m?.dependsOn ?? []);
  const [decisionBy, setDecisionBy] = useState<string[]>(m?.decisionBy ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const invalidate = useInvalidatePartnership();
  const { fields, other } = formErrors(error, FIELDS);
  const theId = editing ? id : id || slugify(name);
  const members = props.partnership.members.map((x) => ({
    value: x.actor,
    label: props.names[x.actor] ?? x.actor,
  }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, string> = {};
    if (!name.trim()) need.name = 'Name the step.';
    if (!owner) need.owner = 'Choose the organization that owns it.';
    if (!due) need.due = 'Give it a due date.';
    if (status === 'done' && !completed) need.completed = 'When was it done?';
    setMissing(need);
    if (Object.keys(need).length) return;
    const clear = (v: string) => (v.trim() ? v.trim() : editing ? null : undefined);
    const body = {
      name: name.trim(),
      owner,
      due,
      status,
      completed: status === 'done' ? completed : editing ? null : undefined,
      value: clear(value),
      description: clear(description),
      dependsOn: dependsOn.length ? dependsOn : editing ? null : undefined,
      decisionBy: decisionBy.length ? decisionBy : editing ? null : undefined,
    };
    setBusy(true);
    setError(null);
    const req = editing
      ? recordsApi.update(
          props.ecosystemId,
          props.partnership.id,
          'milestones',
          props.milestone!.key,
          body,
          props.milestone!.version,
        )
      : recordsApi.create(
          props.ecosystemId,
          props.partnership.id,
          'milestones',
          JSON.parse(JSON.stringify({ id: theId, ...body })) as unknown,
        );
    req
      .then(async () => {
        await invalidate(props.ecosystemId, props.partnership.id);
        notifications.show({
          color: 'teal',
          message: editing ? 'Milestone saved.' : 'Milestone added to the roadmap.',
        });
        props.onClose();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="milestone-form">
      <Stack gap="md">
        <FormProblems error={error} other={other} what="milestone" />
        <TextInput
          label="Name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          error={missing.name ?? fields.name}
          data-autofocus
          data-testid="milestone-name"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Identifier"
            value={theId}
            disabled={editing}
            onChange={(e) => setId(e.currentTarget.value)}
            error={fields.id}
            description={editing ? 'Identifiers do not change.' : 'Used by dependencies.'}
          />
          <Select
            label="Owner"
            description="The organization that delivers the step."
            data={members}
            value={owner}
            onChange={setOwner}
            required
            error={missing.owner ?? fields.owner}
            searchable
            comboboxProps={{ withinPortal: true }}
            data-testid="milestone-owner"
          />
          <TextInput
            type="date"
            label="Due"
            value={due}
            onChange={(e) => setDue(e.currentTarget.value)}
            required
            error={missing.due ?? fields.due}
            data-testid="milestone-due"
          />
          <Select
            label="Status"
            data={monitor.MILESTONE_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
            value={status}
            onChange={(v) => v && setStatus(v)}
            allowDeselect={false}
            error={fields.status}
            comboboxProps={{ withinPortal: true }}
          />
          {status === 'done' && (
            <TextInput
              type="date"
              label="Completed"
              value={completed}
              onChange={(e) => setCompleted(e.currentTarget.value)}
              required
              error={missing.completed ?? fields.completed}
            />
          )}
        </SimpleGrid>
        <Textarea
          label="Value delivered at this step"
          description="What the partners have once it is done."
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          autosize
          minRows={2}
          error={fields.value}
          data-testid="milestone-value"
        />
        <MultiSelect
          label="Depends on"
          description="Milestones that must be done first."
          data={props.all
            .filter((x) => x.key !== props.milestone?.key)
            .map((x) => ({ value: x.key, label: x.item.name }))}
          value={dependsOn}
          onChange={setDependsOn}
          error={fields.dependsOn}
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          label="Needs a decision from"
          description="Members whose decision the step needs: checked against their planning windows."
          data={members}
          value={decisionBy}
          onChange={setDecisionBy}
          error={fields.decisionBy}
          searchable
          comboboxProps={{ withinPortal: true }}
          data-testid="milestone-decision-by"
        />
        <Textarea
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
          error={fields.description}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="milestone-save">
            {editing ? 'Save' : 'Add to the roadmap'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
