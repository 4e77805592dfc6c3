import {
  Button,
  Drawer,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  COMMON_FLOWS,
  RELATIONSHIP_KINDS,
  VISIBILITIES,
  type Relationship,
  type RelationshipKind,
  type Visibility,
} from '@valueweb/core';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { formErrors } from '../api/errors.ts';
import { useInvalidateEcosystem } from '../api/queries.ts';
import type { RelationshipRecord } from '../api/types.ts';
import { ActorPicker } from '../components/actor-picker.tsx';
import { FormProblems } from '../components/form-problems.tsx';
import { cleanLabels, kindLabel } from '../lib/format.ts';
import { relationshipKindColor } from '../lib/graph-style.ts';

const FIELDS = ['from', 'to', 'kind', 'flows', 'strength', 'directed', 'description', 'visibility'] as const;

const VISIBILITY_LABELS: Record<Visibility, string> = {
  ecosystem: 'Everyone in the ecosystem',
  partnership: 'Members of the partnerships involved',
  private: 'My organization and the orchestrators',
};

interface Values {
  from: string | null;
  to: string | null;
  kind: RelationshipKind | null;
  flows: string[];
  strength: number;
  directed: boolean;
  description: string;
  visibility: Visibility | null;
}

const fromRecord = (r: RelationshipRecord | null): Values => ({
  from: r?.from ?? null,
  to: r?.to ?? null,
  kind: r?.kind ?? null,
  flows: r?.flows ?? [],
  strength: r?.strength ?? 1,
  directed: r?.directed ?? false,
  description: r?.description ?? '',
  visibility: r?.visibility ?? null,
});

/** Create (relationship null) or edit a relationship between two actors. */
export function RelationshipFormDrawer(props: {
  ecosystemId: string;
  relationship: RelationshipRecord | null;
  opened: boolean;
  onClose: () => void;
  names: Record<string, string>;
}) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          {props.relationship ? 'Edit relationship' : 'New relationship'}
        </Text>
      }
      size="lg"
    >
      {props.opened && <RelationshipForm key={props.relationship?.id ?? 'new'} {...props} />}
    </Drawer>
  );
}

function RelationshipForm(props: {
  ecosystemId: string;
  relationship: RelationshipRecord | null;
  onClose: () => void;
  names: Record<string, string>;
}) {
  const editing = props.relationship !== null;
  const [v, setV] = useState<Values>(() => fromRecord(props.relationship));
  const [version, setVersion] = useState(props.relationship?.version ?? 0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidateEcosystem();
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((old) => ({ ...old, [k]: value }));
  const { fields, other } = formErrors(error, FIELDS);

  const reload = () => {
    const r = props.relationship;
    if (!r) return;
    void api
      .relationship(props.ecosystemId, r.id)
      .then((fresh) => {
        setV(fromRecord(fresh));
        setVersion(fresh.version);
        setError(null);
      })
      .catch((e: unknown) => setError(e));
  };

  const [missing, setMissing] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, string> = {};
    if (!v.from) need.from = 'Choose the first actor.';
    if (!v.to) need.to = 'Choose the second actor.';
    if (!v.kind) need.kind = 'Choose what kind of relationship this is.';
    setMissing(need);
    if (Object.keys(need).length > 0) return;
    setBusy(true);
    setError(null);
    const body = {
      from: v.from,
      to: v.to,
      kind: v.kind,
      flows: v.flows,
      strength: v.strength,
      directed: v.directed,
      description: v.description.trim(),
      ...(v.visibility ? { visibility: v.visibility } : {}),
    } as unknown as Relationship;
    const request = props.relationship
      ? api.updateRelationship(props.ecosystemId, props.relationship.id, body, version)
      : api.createRelationship(props.ecosystemId, body);
    request
      .then(async () => {
        await invalidate(props.ecosystemId, ['relationships']);
        notifications.show({
          color: 'teal',
          message: editing ? 'Relationship saved.' : 'Relationship added.',
        });
        props.onClose();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="relationship-form">
      <Stack gap="md">
        <FormProblems
          error={error}
          other={other}
          onReload={editing ? reload : undefined}
          what="relationship"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ActorPicker
            ecosystemId={props.ecosystemId}
            label="From"
            value={v.from}
            onChange={(x) => set('from', x)}
            names={props.names}
            error={missing.from ?? fields.from}
            required
            data-testid="rel-from"
          />
          <ActorPicker
            ecosystemId={props.ecosystemId}
            label="To"
            value={v.to}
            onChange={(x) => set('to', x)}
            names={props.names}
            error={missing.to ?? fields.to}
            required
            exclude={v.from ? [v.from] : []}
            data-testid="rel-to"
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Kind"
            data={RELATIONSHIP_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
            value={v.kind}
            onChange={(k) => set('kind', k ?? null)}
            error={missing.kind ?? fields.kind}
            required
            renderOption={({ option }) => (
              <Group gap={8}>
                <span
                  className="vw-line"
                  style={{ background: relationshipKindColor(option.value) }}
                  aria-hidden
                />
                {option.label}
              </Group>
            )}
            data-testid="rel-kind"
          />
          <NumberInput
            label="Strength"
            description="1 is an ordinary tie; higher is stronger."
            min={0.1}
            step={0.5}
            decimalScale={2}
            value={v.strength}
            onChange={(n) => set('strength', typeof n === 'number' ? n : Number(n) || 0)}
            error={fields.strength}
          />
        </SimpleGrid>
        <TagsInput
          label="Flows"
          description="What moves along this tie: data, money, knowledge, product, talent, or your own."
          data={[...COMMON_FLOWS]}
          value={v.flows}
          onChange={(x) => set('flows', cleanLabels(x))}
          error={fields.flows}
          clearable
        />
        <Switch
          label="Directed"
          description="The tie goes one way, from the first actor to the second (for example a supplier to its customer)."
          checked={v.directed}
          onChange={(e) => set('directed', e.currentTarget.checked)}
          error={fields.directed}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={v.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={fields.description}
        />
        <Select
          label="Who may see it"
          placeholder="Everyone in the ecosystem"
          data={VISIBILITIES.map((x) => ({ value: x, label: VISIBILITY_LABELS[x] }))}
          value={v.visibility}
          onChange={(x) => set('visibility', x ?? null)}
          error={fields.visibility}
          clearable
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="rel-save">
            {editing ? 'Save changes' : 'Add relationship'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
