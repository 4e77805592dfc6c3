import {
  Button,
  Drawer,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ACTOR_KINDS, CLOCK_CADENCES, type Actor, type ActorKind, type ClockCadence } from '@valueweb/core';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { formErrors } from '../api/errors.ts';
import { useInvalidateEcosystem } from '../api/queries.ts';
import type { ActorRecord } from '../api/types.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { cleanLabels, humanize, kindLabel, slugify } from '../lib/format.ts';
import { actorKindColor } from '../lib/graph-style.ts';

const FIELDS = [
  'id',
  'name',
  'kind',
  'description',
  'capabilities',
  'needs',
  'values',
  'tags',
  'clock',
] as const;

interface Values {
  id: string;
  name: string;
  kind: ActorKind | null;
  description: string;
  capabilities: string[];
  needs: string[];
  values: string[];
  tags: string[];
  cadence: ClockCadence | null;
  fiscalYearStart: number | null;
}

const fromActor = (a: ActorRecord | null): Values => ({
  id: a?.id ?? '',
  name: a?.name ?? '',
  kind: a?.kind ?? null,
  description: a?.description ?? '',
  capabilities: a?.capabilities ?? [],
  needs: a?.needs ?? [],
  values: a?.values ?? [],
  tags: a?.tags ?? [],
  cadence: a?.clock?.cadence ?? null,
  fiscalYearStart: a?.clock?.fiscalYearStart ?? null,
});

/** The fields a form sends: the document's actor fields (attributes are kept as they are). */
export function actorFromValues(v: Values): Omit<Actor, 'id' | 'kind'> & { kind: ActorKind | null } {
  return {
    name: v.name.trim(),
    kind: v.kind,
    description: v.description.trim(),
    capabilities: v.capabilities,
    needs: v.needs,
    values: v.values,
    tags: v.tags,
    ...(v.cadence
      ? {
          clock: { cadence: v.cadence, ...(v.fiscalYearStart ? { fiscalYearStart: v.fiscalYearStart } : {}) },
        }
      : {}),
  };
}

/** Create (actor null) or edit an actor, in a drawer, with the server's problems next to the fields. */
export function ActorFormDrawer(props: {
  ecosystemId: string;
  actor: ActorRecord | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          {props.actor ? `Edit ${props.actor.name}` : 'New actor'}
        </Text>
      }
      size="lg"
    >
      {props.opened && <ActorForm key={props.actor?.id ?? 'new'} {...props} />}
    </Drawer>
  );
}

function ActorForm(props: { ecosystemId: string; actor: ActorRecord | null; onClose: () => void }) {
  const editing = props.actor !== null;
  const [v, setV] = useState<Values>(() => fromActor(props.actor));
  const [version, setVersion] = useState(props.actor?.version ?? 0);
  const [idTouched, setIdTouched] = useState(editing);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidateEcosystem();
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((old) => ({ ...old, [k]: value }));
  const id = idTouched ? v.id : slugify(v.name);
  const { fields, other } = formErrors(error, FIELDS);

  const reload = () => {
    if (!props.actor) return;
    void api
      .actor(props.ecosystemId, props.actor.id)
      .then((fresh) => {
        setV(fromActor(fresh));
        setVersion(fresh.version);
        setError(null);
        notifications.show({ color: 'blue', message: 'Loaded the latest version. Make your changes again.' });
      })
      .catch((e: unknown) => setError(e));
  };

  const [missing, setMissing] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, string> = {};
    if (!v.name.trim()) need.name = 'Give the actor a name.';
    if (!v.kind) need.kind = 'Choose what kind of actor this is.';
    setMissing(need);
    if (Object.keys(need).length > 0) return;
    setBusy(true);
    setError(null);
    const body = actorFromValues(v);
    const request = editing
      ? api.updateActor(props.ecosystemId, props.actor?.id ?? '', body as Partial<Actor>, version)
      : api.createActor(props.ecosystemId, { ...body, id } as Actor);
    request
      .then(async (saved) => {
        await invalidate(props.ecosystemId, ['actors']);
        notifications.show({
          color: 'teal',
          message: editing ? `${saved.name} saved.` : `${saved.name} added to the ecosystem.`,
        });
        props.onClose();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="actor-form">
      <Stack gap="md">
        <FormProblems error={error} other={other} onReload={editing ? reload : undefined} what="actor" />
        <TextInput
          label="Name"
          value={v.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={missing.name ?? fields.name}
          required
          data-autofocus
          data-testid="actor-name"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Identifier"
            description={editing ? 'Identifiers do not change.' : 'Used in links and files.'}
            value={id}
            disabled={editing}
            onChange={(e) => {
              setIdTouched(true);
              set('id', e.currentTarget.value);
            }}
            error={fields.id}
            required
          />
          <Select
            label="Kind"
            description="What sort of actor this is."
            data={ACTOR_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
            value={v.kind}
            onChange={(k) => set('kind', k ?? null)}
            error={missing.kind ?? fields.kind}
            required
            searchable
            renderOption={({ option }) => (
              <Group gap={8}>
                <span className="vw-dot" style={{ background: actorKindColor(option.value) }} aria-hidden />
                {option.label}
              </Group>
            )}
            data-testid="actor-kind"
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={8}
          value={v.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={fields.description}
        />
        <TagsInput
          label="Capabilities"
          description="What this actor brings. Press Enter after each."
          value={v.capabilities}
          onChange={(x) => set('capabilities', cleanLabels(x))}
          error={fields.capabilities}
          clearable
          data-testid="actor-capabilities"
        />
        <TagsInput
          label="Needs"
          description="What this actor is looking for."
          value={v.needs}
          onChange={(x) => set('needs', cleanLabels(x))}
          error={fields.needs}
          clearable
        />
        <TagsInput
          label="Values"
          description="What this actor cares about (e.g. patient access, open science)."
          value={v.values}
          onChange={(x) => set('values', cleanLabels(x))}
          error={fields.values}
          clearable
        />
        <TagsInput
          label="Tags"
          value={v.tags}
          onChange={(x) => set('tags', cleanLabels(x))}
          error={fields.tags}
          clearable
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Planning clock"
            description="How often this actor plans and budgets."
            data={CLOCK_CADENCES.map((c) => ({ value: c, label: humanize(c) }))}
            value={v.cadence}
            onChange={(c) => set('cadence', c ?? null)}
            error={fields.clock}
            clearable
          />
          <NumberInput
            label="Fiscal year starts in month"
            description="1 = January … 12 = December."
            min={1}
            max={12}
            value={v.fiscalYearStart ?? ''}
            onChange={(n) => set('fiscalYearStart', typeof n === 'number' ? n : null)}
            disabled={!v.cadence}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="actor-save">
            {editing ? 'Save changes' : 'Add actor'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
