/**
 * Amending the charter (or writing its first version), in a drawer: purpose,
 * scope, the decision rule (with weights per member, vetoes, quorum and
 * abstentions), the value rule and its game, the conflict path, roles (RACI)
 * and committees. Saving makes a new version that every member must ratify
 * again; the server's problems appear next to the fields they concern.
 */
import {
  ActionIcon,
  Alert,
  Button,
  Divider,
  Drawer,
  Group,
  JsonInput,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import type { Charter, CharterRole, Committee } from '@valueweb/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useInvalidatePartnership } from '../api/records-api.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { governApi, nameOf, type CharterAnswer } from './govern-api.ts';
import { errorsByPath, notify } from './ui.tsx';

type RuleName = 'unanimity' | 'majority' | 'qualified' | 'weighted';
type ValueName = 'equal' | 'proportional' | 'shapley';

interface Values {
  version: string;
  purpose: string;
  scope: string;
  notes: string;
  rule: RuleName | null;
  quota: number | string;
  weights: Record<string, number | string>;
  veto: string[];
  quorum: number | string;
  abstention: 'counts-as-no' | 'excluded';
  valueRule: ValueName | null;
  game: string;
  conflictPath: string[];
  roles: CharterRole[];
  committees: Committee[];
}

const MAPPING: Record<string, string> = {
  version: 'version',
  purpose: 'purpose',
  scope: 'scope',
  notes: 'notes',
  decision: 'rule',
  'decision.rule': 'rule',
  'decision.quota': 'quota',
  'decision.weights': 'weights',
  'decision.veto': 'veto',
  'decision.quorum': 'quorum',
  'decision.abstention': 'abstention',
  value: 'valueRule',
  'value.rule': 'valueRule',
  'value.game': 'game',
  conflictPath: 'conflictPath',
  roles: 'roles',
  committees: 'committees',
};

function fromCharter(c: Charter | null, members: string[]): Values {
  const d = c?.decision;
  return {
    version: '',
    purpose: c?.purpose ?? '',
    scope: c?.scope ?? '',
    notes: c?.notes ?? '',
    rule: d?.rule ?? 'majority',
    quota: d?.quota ?? '',
    weights: Object.fromEntries(members.map((m) => [m, d?.weights?.[m] ?? ''])),
    veto: d?.veto ?? [],
    quorum: d?.quorum ?? '',
    abstention: d?.abstention ?? 'counts-as-no',
    valueRule: c?.value?.rule ?? null,
    game: c?.value?.game ? JSON.stringify(c.value.game, null, 2) : '',
    conflictPath: c?.conflictPath ?? [],
    roles: c?.roles ?? [],
    committees: c?.committees ?? [],
  };
}

const numberOr = (x: number | string): number | undefined =>
  typeof x === 'number' ? x : x.trim() === '' ? undefined : Number(x);

/** The charter the form sends (document fields; empty ones left out). */
function toCharter(v: Values): { charter: Record<string, unknown>; gameError: string | null } {
  const decision: Record<string, unknown> = { rule: v.rule ?? 'majority' };
  const quota = numberOr(v.quota);
  if ((v.rule === 'qualified' || v.rule === 'weighted') && quota !== undefined) decision.quota = quota;
  if (v.rule === 'weighted') {
    const weights = Object.fromEntries(
      Object.entries(v.weights).flatMap(([k, w]) => (numberOr(w) === undefined ? [] : [[k, numberOr(w)!]])),
    );
    if (Object.keys(weights).length > 0) decision.weights = weights;
  }
  if (v.veto.length > 0) decision.veto = v.veto;
  const quorum = numberOr(v.quorum);
  if (quorum !== undefined) decision.quorum = quorum;
  decision.abstention = v.abstention;
  let gameError: string | null = null;
  let value: Record<string, unknown> | undefined;
  if (v.valueRule) {
    value = { rule: v.valueRule };
    if (v.game.trim()) {
      try {
        value.game = JSON.parse(v.game) as unknown;
      } catch {
        gameError = 'The game is not valid JSON.';
      }
    }
  }
  const text = (s: string) => (s.trim() ? s.trim() : undefined);
  const charter: Record<string, unknown> = {
    ...(text(v.version) ? { version: text(v.version) } : {}),
    ...(text(v.purpose) ? { purpose: text(v.purpose) } : {}),
    ...(text(v.scope) ? { scope: text(v.scope) } : {}),
    ...(v.roles.length ? { roles: v.roles } : {}),
    ...(v.committees.length ? { committees: v.committees } : {}),
    decision,
    ...(value ? { value } : {}),
    ...(v.conflictPath.length ? { conflictPath: v.conflictPath } : {}),
    ...(text(v.notes) ? { notes: text(v.notes) } : {}),
  };
  return { charter, gameError };
}

export function CharterFormDrawer(props: {
  ecosystemId: string;
  partnershipId: string;
  charter: CharterAnswer;
  names: Record<string, string>;
  opened: boolean;
  onClose: () => void;
}) {
  const first = props.charter.current === null;
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={props.opened}
      onClose={props.onClose}
      size="xl"
      title={
        <Text fw={650} fz="lg">
          {first
            ? 'Write the charter'
            : `Amend charter version ${String(props.charter.current?.version ?? '')}`}
        </Text>
      }
    >
      {props.opened && <CharterForm key={props.charter.version} {...props} />}
    </Drawer>
  );
}

function CharterForm(props: {
  ecosystemId: string;
  partnershipId: string;
  charter: CharterAnswer;
  names: Record<string, string>;
  onClose: () => void;
}) {
  const members = props.charter.members;
  const [v, setV] = useState<Values>(() => fromCharter(props.charter.current, members));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const invalidate = useInvalidatePartnership();
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((o) => ({ ...o, [k]: value }));
  const { fields, other } = errorsByPath(error, MAPPING);
  const err = (k: string) => local[k] ?? fields[k];
  const memberOptions = members.map((m) => ({ value: m, label: nameOf(props.names, m) }));
  const actorOptions = useMemo(() => {
    const memberSet = new Set(members);
    const rest = Object.keys(props.names)
      .filter((id) => !memberSet.has(id))
      .sort((a, b) => nameOf(props.names, a).localeCompare(nameOf(props.names, b)));
    return [
      { group: 'Members', items: memberOptions },
      { group: 'Other actors', items: rest.map((id) => ({ value: id, label: nameOf(props.names, id) })) },
    ];
  }, [members, props.names]);
  const totalWeight = members.reduce((s, m) => s + (numberOr(v.weights[m] ?? '') ?? 1), 0);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { charter, gameError } = toCharter(v);
    const need: Record<string, string> = {};
    if (gameError) need.game = gameError;
    if ((v.rule === 'qualified' || v.rule === 'weighted') && numberOr(v.quota) === undefined)
      need.quota = `The ${v.rule} rule needs a quota.`;
    setLocal(need);
    if (Object.keys(need).length > 0) return;
    setBusy(true);
    setError(null);
    governApi
      .amend(props.ecosystemId, props.partnershipId, charter, props.charter.version)
      .then(async (answer) => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notify({
          color: 'teal',
          message: `Charter version ${String(answer.current?.version ?? '')} saved. Each member now ratifies it.`,
        });
        props.onClose();
      })
      .catch((x: unknown) => setError(x))
      .finally(() => setBusy(false));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="charter-form">
      <Stack gap="md">
        {props.charter.current && (
          <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
            <Text fz="sm">
              Saving makes a new version. The current one moves to the history with its ratifications, and
              stays in force until every member has ratified the new one.
            </Text>
          </Alert>
        )}
        <FormProblems error={error} other={other} what="charter" />
        <TextInput
          label="Version label"
          description="Leave empty for the next number after the current version."
          placeholder={
            props.charter.current?.version !== undefined
              ? `after ${String(props.charter.current.version)}`
              : '1'
          }
          value={v.version}
          onChange={(e) => set('version', e.currentTarget.value)}
          error={err('version')}
          w={260}
        />
        <Textarea
          label="Purpose"
          autosize
          minRows={2}
          maxRows={6}
          value={v.purpose}
          onChange={(e) => set('purpose', e.currentTarget.value)}
          error={err('purpose')}
        />
        <Textarea
          label="Scope"
          description="What is in and out of scope."
          autosize
          minRows={2}
          maxRows={6}
          value={v.scope}
          onChange={(e) => set('scope', e.currentTarget.value)}
          error={err('scope')}
        />

        <Divider label="Decision rule" labelPosition="left" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Rule"
            data={[
              { value: 'unanimity', label: 'Unanimity: every member votes yes' },
              { value: 'majority', label: 'Majority of the votes cast' },
              { value: 'qualified', label: 'Qualified: a number of yes votes' },
              { value: 'weighted', label: 'Weighted votes: a yes weight' },
            ]}
            value={v.rule}
            onChange={(x) => set('rule', x ?? 'majority')}
            allowDeselect={false}
            error={err('rule')}
            data-testid="charter-rule"
          />
          {(v.rule === 'qualified' || v.rule === 'weighted') && (
            <NumberInput
              label="Quota"
              description={
                v.rule === 'qualified'
                  ? `Yes votes needed, of ${members.length}.`
                  : `Yes weight needed, of ${totalWeight}.`
              }
              value={v.quota}
              onChange={(x) => set('quota', x)}
              min={0}
              error={err('quota')}
              data-testid="charter-quota"
            />
          )}
        </SimpleGrid>
        {v.rule === 'weighted' && (
          <Paper withBorder p="sm">
            <Text fz="sm" fw={600} mb={4}>
              Weights
            </Text>
            <Text fz="xs" c="dimmed" mb="xs">
              A member without a weight counts 1. Total: {totalWeight}.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              {members.map((m) => (
                <NumberInput
                  key={m}
                  label={nameOf(props.names, m)}
                  value={v.weights[m] ?? ''}
                  min={0}
                  onChange={(x) => set('weights', { ...v.weights, [m]: x })}
                  size="xs"
                />
              ))}
            </SimpleGrid>
            {err('weights') && (
              <Text c="red" fz="xs" mt="xs" role="alert">
                {err('weights')}
              </Text>
            )}
          </Paper>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <MultiSelect
            label="Veto members"
            description="Their yes is needed for any motion."
            data={memberOptions}
            value={v.veto}
            onChange={(x) => set('veto', x)}
            error={err('veto')}
            clearable
          />
          <NumberInput
            label="Quorum"
            description="Members who must take part."
            value={v.quorum}
            onChange={(x) => set('quorum', x)}
            min={1}
            max={members.length}
            error={err('quorum')}
          />
          <Select
            label="Abstentions"
            data={[
              { value: 'counts-as-no', label: 'Count as no' },
              { value: 'excluded', label: 'Left out of the count' },
            ]}
            value={v.abstention}
            onChange={(x) => set('abstention', x ?? 'counts-as-no')}
            allowDeselect={false}
            error={err('abstention')}
          />
        </SimpleGrid>

        <Divider label="Value rule" labelPosition="left" />
        <Select
          label="How co-created value is split"
          data={[
            { value: 'equal', label: 'Equal shares' },
            { value: 'proportional', label: 'Proportional to contributions in the ledger' },
            { value: 'shapley', label: 'Shapley value of a game' },
          ]}
          value={v.valueRule}
          onChange={(x) => set('valueRule', x)}
          clearable
          placeholder="No value rule yet"
          error={err('valueRule')}
          w={{ base: '100%', sm: 420 }}
        />
        {v.valueRule === 'shapley' && (
          <JsonInput
            label="Game"
            description='JSON: {"coalitions": [{"members": [..], "value": n}], "synergies": [{"members": [..], "value": n}], "capabilities": [{"capability": "..", "value": n}]} — any combination. A coalition table needs every non-empty coalition of the members.'
            value={v.game}
            onChange={(x) => set('game', x)}
            autosize
            minRows={4}
            maxRows={14}
            formatOnBlur
            validationError="Not valid JSON"
            error={err('game')}
          />
        )}

        <Divider label="Conflict path" labelPosition="left" />
        <TagsInput
          label="Escalation steps, first step first"
          description="For example: working team, steering committee, executive sponsors, mediation. Press Enter after each."
          value={v.conflictPath}
          onChange={(x) => set('conflictPath', x.map((s) => s.trim()).filter(Boolean))}
          error={err('conflictPath')}
          data-testid="charter-conflict-path"
        />

        <Divider label="Roles by workstream (RACI)" labelPosition="left" />
        {v.roles.map((r, i) => (
          <Paper key={i} withBorder p="sm">
            <Group justify="space-between" mb="xs">
              <TextInput
                label="Workstream"
                value={r.workstream}
                onChange={(e) =>
                  set(
                    'roles',
                    v.roles.map((x, j) => (j === i ? { ...x, workstream: e.currentTarget.value } : x)),
                  )
                }
                style={{ flex: 1 }}
                size="xs"
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove workstream ${r.workstream || i + 1}`}
                onClick={() =>
                  set(
                    'roles',
                    v.roles.filter((_, j) => j !== i),
                  )
                }
                mt={18}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <MultiSelect
                size="xs"
                label="Responsible"
                data={actorOptions}
                value={r.responsible ?? []}
                searchable
                onChange={(x) =>
                  set(
                    'roles',
                    v.roles.map((y, j) => (j === i ? { ...y, responsible: x } : y)),
                  )
                }
              />
              <Select
                size="xs"
                label="Accountable"
                data={actorOptions}
                value={r.accountable ?? null}
                searchable
                clearable
                onChange={(x) =>
                  set(
                    'roles',
                    v.roles.map((y, j) => (j === i ? { ...y, accountable: x ?? undefined } : y)),
                  )
                }
              />
              <MultiSelect
                size="xs"
                label="Consulted"
                data={actorOptions}
                value={r.consulted ?? []}
                searchable
                onChange={(x) =>
                  set(
                    'roles',
                    v.roles.map((y, j) => (j === i ? { ...y, consulted: x } : y)),
                  )
                }
              />
              <MultiSelect
                size="xs"
                label="Informed"
                data={actorOptions}
                value={r.informed ?? []}
                searchable
                onChange={(x) =>
                  set(
                    'roles',
                    v.roles.map((y, j) => (j === i ? { ...y, informed: x } : y)),
                  )
                }
              />
            </SimpleGrid>
          </Paper>
        ))}
        {err('roles') && (
          <Text c="red" fz="xs" role="alert">
            {err('roles')}
          </Text>
        )}
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          w="fit-content"
          onClick={() => set('roles', [...v.roles, { workstream: '' }])}
        >
          Add workstream
        </Button>

        <Divider label="Committees" labelPosition="left" />
        {v.committees.map((cm, i) => (
          <Paper key={i} withBorder p="sm">
            <Group align="flex-end" mb="xs" wrap="nowrap">
              <TextInput
                size="xs"
                label="Name"
                value={cm.name}
                style={{ flex: 2 }}
                onChange={(e) =>
                  set(
                    'committees',
                    v.committees.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)),
                  )
                }
              />
              <TextInput
                size="xs"
                label="Cadence"
                placeholder="monthly"
                value={cm.cadence ?? ''}
                style={{ flex: 1 }}
                onChange={(e) =>
                  set(
                    'committees',
                    v.committees.map((x, j) =>
                      j === i ? { ...x, cadence: e.currentTarget.value || undefined } : x,
                    ),
                  )
                }
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove committee ${cm.name || i + 1}`}
                onClick={() =>
                  set(
                    'committees',
                    v.committees.filter((_, j) => j !== i),
                  )
                }
                mb={4}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <MultiSelect
              size="xs"
              label="Members"
              data={actorOptions}
              value={cm.members}
              searchable
              onChange={(x) =>
                set(
                  'committees',
                  v.committees.map((y, j) => (j === i ? { ...y, members: x } : y)),
                )
              }
            />
            <TextInput
              size="xs"
              mt="xs"
              label="Remit"
              value={cm.remit ?? ''}
              onChange={(e) =>
                set(
                  'committees',
                  v.committees.map((x, j) =>
                    j === i ? { ...x, remit: e.currentTarget.value || undefined } : x,
                  ),
                )
              }
            />
          </Paper>
        ))}
        {err('committees') && (
          <Text c="red" fz="xs" role="alert">
            {err('committees')}
          </Text>
        )}
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          w="fit-content"
          onClick={() => set('committees', [...v.committees, { name: '', members: [] }])}
        >
          Add committee
        </Button>

        <Textarea
          label="Notes"
          autosize
          minRows={2}
          maxRows={6}
          value={v.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
          error={err('notes')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="charter-save">
            {props.charter.current ? 'Save as a new version' : 'Save version 1'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
