/**
 * The ecosystem's selection criteria (orchestrators): names, weights, custom
 * rated criteria, the computed ones Valueweb knows, or back to the six
 * defaults of seed 000. Saved with the server's checks (weights ≥ 0, known
 * computed criteria, unique ids); ratings of a removed criterion go with it.
 */
import {
  ActionIcon,
  Alert,
  Button,
  Drawer,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { formErrors } from '../api/errors.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { slugify } from '../lib/format.ts';
import { discoverApi, useDiscoverMutation, type Criterion, type Settings } from './discover-api.ts';
import { SourceBadge } from './shared.tsx';

const COMPUTED_LABELS: Record<string, string> = {
  complementarity: 'Capability complementarity (needs covered both ways)',
  values: 'Values alignment (shared stated values)',
  clock: 'Clock fit (planning cadence and fiscal year)',
};

export function CriteriaDrawer(props: {
  ecosystemId: string;
  opened: boolean;
  onClose: () => void;
  settings: Settings;
}) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          Selection criteria
        </Text>
      }
      size="lg"
    >
      {props.opened && <CriteriaForm {...props} />}
    </Drawer>
  );
}

function CriteriaForm(props: { ecosystemId: string; onClose: () => void; settings: Settings }) {
  const [list, setList] = useState<Criterion[]>(() => props.settings.criteria.map((c) => ({ ...c })));
  const [newName, setNewName] = useState('');
  const [newComputed, setNewComputed] = useState<string | null>(null);
  const save = useDiscoverMutation(props.ecosystemId, (criteria: Criterion[] | null) =>
    discoverApi.putSettings(props.ecosystemId, { criteria }),
  );
  const { other } = formErrors(save.error, []);
  const set = (i: number, patch: Partial<Criterion>) =>
    setList((old) => old.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const missingComputed = props.settings.computedCriteria.filter((k) => !list.some((c) => c.computed === k));

  const done = (criteria: Criterion[] | null) =>
    save.mutate(criteria, {
      onSuccess: (r) => {
        notifications.show({
          color: 'teal',
          message: `Criteria saved${r.removedRatings ? `; ${r.removedRatings} rating(s) of removed criteria were removed` : ''}.`,
          closeButtonProps: { 'aria-label': 'Dismiss the notification' },
        });
        props.onClose();
      },
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    done(list);
  };
  const addRated = () => {
    const name = newName.trim();
    if (!name) return;
    let id = slugify(name) || 'criterion';
    while (list.some((c) => c.id === id)) id = `${id}-2`;
    setList((old) => [...old, { id, name, description: '', weight: 10, source: 'rated' }]);
    setNewName('');
  };

  return (
    <form onSubmit={submit} noValidate data-testid="criteria-form">
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          Seed 000: criteria “should go beyond purely financial or technical considerations to include
          alignment on values, culture, and long-term vision.” Weights are relative: only their ratios matter.
        </Text>
        {props.settings.defaultCriteria && (
          <Alert variant="light" color="blue">
            The ecosystem uses the six default criteria of seed 000. Saving makes them its own.
          </Alert>
        )}
        <FormProblems error={save.error} other={other} what="set of criteria" />
        {list.map((c, i) => (
          <Paper key={c.id} withBorder p="sm">
            <Group align="flex-end" wrap="nowrap" gap="sm">
              <TextInput
                label="Name"
                value={c.name}
                onChange={(e) => set(i, { name: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <NumberInput
                label="Weight"
                min={0}
                value={c.weight}
                onChange={(v) => set(i, { weight: typeof v === 'number' ? v : Number(v) || 0 })}
                w={100}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Remove ${c.name}`}
                onClick={() => setList((old) => old.filter((_, j) => j !== i))}
                mb={2}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Group gap="xs" mt={6}>
              <SourceBadge source={c.source} computed={c.computed} />
              <Text fz="xs" c="dimmed">
                {c.source === 'computed'
                  ? COMPUTED_LABELS[c.computed ?? '']
                  : c.description || 'Rated 1–5 by organizations.'}
              </Text>
            </Group>
          </Paper>
        ))}
        <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
          <Stack gap="xs">
            <Group align="flex-end" gap="sm" wrap="nowrap">
              <TextInput
                label="Add a rated criterion"
                placeholder="e.g. Patient involvement"
                value={newName}
                onChange={(e) => setNewName(e.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button
                variant="light"
                leftSection={<IconPlus size={14} />}
                onClick={addRated}
                disabled={!newName.trim()}
              >
                Add
              </Button>
            </Group>
            {missingComputed.length > 0 && (
              <Group align="flex-end" gap="sm" wrap="nowrap">
                <Select
                  label="Add a computed criterion"
                  data={missingComputed.map((k) => ({ value: k, label: COMPUTED_LABELS[k] ?? k }))}
                  value={newComputed}
                  onChange={setNewComputed}
                  style={{ flex: 1 }}
                />
                <Button
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  disabled={!newComputed}
                  onClick={() => {
                    const d = props.settings.defaults.find((x) => x.computed === newComputed);
                    const k = newComputed!;
                    setList((old) => [
                      ...old,
                      d
                        ? { ...d }
                        : {
                            id: k,
                            name: k,
                            description: '',
                            weight: 10,
                            source: 'computed',
                            computed: k as Criterion['computed'],
                          },
                    ]);
                    setNewComputed(null);
                  }}
                >
                  Add
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
        <Group justify="space-between">
          <Button variant="subtle" color="gray" onClick={() => done(null)} loading={save.isPending}>
            Back to the seed 000 defaults
          </Button>
          <Group>
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-criteria">
              Save criteria
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
