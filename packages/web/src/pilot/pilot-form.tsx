/**
 * Create or edit a pilot: what it tests (hypotheses: the assumption, how it is
 * tested, the metric and the success threshold), its status and dates, and
 * each hypothesis's result once known. The go / iterate / stop decision is
 * recorded apart (decision-modal), with its rationale.
 */
import {
  ActionIcon,
  Button,
  Card,
  Drawer,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { pilot } from '@valueweb/core';
import { useState, type FormEvent } from 'react';
import { ApiError, formErrors } from '../api/errors.ts';
import { recordsApi, useInvalidatePartnership, type RecordItem } from '../api/records-api.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { humanize, slugify } from '../lib/format.ts';

interface HypothesisValues {
  assumption: string;
  test: string;
  metric: string;
  threshold: string;
  observed: string;
  met: 'unknown' | 'yes' | 'no';
  note: string;
}

const blank: HypothesisValues = {
  assumption: '',
  test: '',
  metric: '',
  threshold: '',
  observed: '',
  met: 'unknown',
  note: '',
};

/** A typed number stays a number ("0.7"), anything else is text ("≥ 70% opt in"). */
const numberOrText = (s: string): number | string => {
  const t = s.trim();
  return t !== '' && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : t;
};

function toHypothesis(h: HypothesisValues): pilot.Hypothesis {
  return {
    assumption: h.assumption.trim(),
    test: h.test.trim(),
    metric: h.metric.trim(),
    threshold: numberOrText(h.threshold),
    ...(h.met !== 'unknown'
      ? {
          result: {
            observed: numberOrText(h.observed),
            met: h.met === 'yes',
            ...(h.note.trim() ? { note: h.note.trim() } : {}),
          },
        }
      : {}),
  };
}

const fromHypothesis = (h: pilot.Hypothesis): HypothesisValues => ({
  assumption: h.assumption,
  test: h.test,
  metric: h.metric,
  threshold: String(h.threshold),
  observed: h.result ? String(h.result.observed) : '',
  met: h.result ? (h.result.met ? 'yes' : 'no') : 'unknown',
  note: h.result?.note ?? '',
});

export function PilotFormDrawer(props: {
  ecosystemId: string;
  partnershipId: string;
  pilot: RecordItem<'pilots'> | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          {props.pilot ? `Edit ${props.pilot.item.name}` : 'New pilot'}
        </Text>
      }
      size="xl"
    >
      {props.opened && <PilotForm key={props.pilot?.key ?? 'new'} {...props} />}
    </Drawer>
  );
}

function PilotForm(props: {
  ecosystemId: string;
  partnershipId: string;
  pilot: RecordItem<'pilots'> | null;
  onClose: () => void;
}) {
  const p = props.pilot?.item;
  const [name, setName] = useState(p?.name ?? '');
  const [id, setId] = useState(p?.id ?? '');
  const [status, setStatus] = useState<pilot.PilotStatus>(p?.status ?? 'planned');
  const [description, setDescription] = useState(p?.description ?? '');
  const [started, setStarted] = useState(p?.started ?? '');
  const [ended, setEnded] = useState(p?.ended ?? '');
  const [hypotheses, setHypotheses] = useState<HypothesisValues[]>(
    p?.hypotheses.length ? p.hypotheses.map(fromHypothesis) : [{ ...blank }],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidatePartnership();
  const editing = props.pilot !== null;
  const theId = editing ? id : id || slugify(name);
  const { fields, other } = formErrors(error, ['id', 'name', 'status', 'description', 'started', 'ended']);
  const problems = error instanceof ApiError ? error.problems : [];
  const SHOWN = /^hypotheses\[\d+\]\.(assumption|test|metric|threshold|result\.observed)(\.|$)/;
  const hField = (i: number, f: string) =>
    problems
      .filter((pr) => pr.field === `hypotheses[${i}].${f}`)
      .map((pr) => pr.message)
      .join('; ') || undefined;
  const setH = (i: number, patch: Partial<HypothesisValues>) =>
    setHypotheses((old) => old.map((h, j) => (j === i ? { ...h, ...patch } : h)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name: name.trim(),
      status,
      description: description.trim() || (editing ? null : undefined),
      started: started || (editing ? null : undefined),
      ended: ended || (editing ? null : undefined),
      hypotheses: hypotheses
        .filter((h) => h.assumption.trim() || h.test.trim() || h.metric.trim())
        .map(toHypothesis),
    };
    setBusy(true);
    setError(null);
    const req = editing
      ? recordsApi.update(
          props.ecosystemId,
          props.partnershipId,
          'pilots',
          props.pilot!.key,
          body,
          props.pilot!.version,
        )
      : recordsApi.create(
          props.ecosystemId,
          props.partnershipId,
          'pilots',
          JSON.parse(JSON.stringify({ id: theId, ...body })) as unknown,
        );
    req
      .then(async () => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notifications.show({ color: 'teal', message: editing ? 'Pilot saved.' : 'Pilot added.' });
        props.onClose();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="pilot-form">
      <Stack gap="md">
        <FormProblems
          error={error}
          other={other.filter((o) => !SHOWN.test(o.split(': ')[0] ?? ''))}
          what="pilot"
        />
        <TextInput
          label="Name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fields.name}
          required
          data-autofocus
          data-testid="pilot-name"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Identifier"
            description={editing ? 'Identifiers do not change.' : 'Used in links and files.'}
            value={theId}
            disabled={editing}
            onChange={(e) => setId(e.currentTarget.value)}
            error={fields.id}
            required
          />
          <Select
            label="Status"
            data={pilot.PILOT_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
            value={status}
            onChange={(v) => v && setStatus(v)}
            allowDeselect={false}
            error={fields.status}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            type="date"
            label="Started"
            value={started}
            onChange={(e) => setStarted(e.currentTarget.value)}
            error={fields.started}
          />
          <TextInput
            type="date"
            label="Ended"
            value={ended}
            onChange={(e) => setEnded(e.currentTarget.value)}
            error={fields.ended}
          />
        </SimpleGrid>
        <Textarea
          label="What the pilot does"
          description="A small, well-defined test in a lower-risk setting."
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
          error={fields.description}
        />
        <Group justify="space-between">
          <Title order={4} fz="md">
            Hypotheses
          </Title>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setHypotheses((old) => [...old, { ...blank }])}
          >
            Add a hypothesis
          </Button>
        </Group>
        {hypotheses.map((h, i) => (
          <Card key={i} padding="md" data-testid={`hypothesis-${i}`}>
            <Group justify="space-between" mb="xs">
              <Text fw={600} fz="sm">
                Hypothesis {i + 1}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove hypothesis ${i + 1}`}
                onClick={() => setHypotheses((old) => old.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Stack gap="xs">
              <Textarea
                label="Assumption"
                description="What the partners believe and need to test."
                value={h.assumption}
                onChange={(e) => setH(i, { assumption: e.currentTarget.value })}
                autosize
                minRows={1}
                error={hField(i, 'assumption')}
                data-testid={`hypothesis-${i}-assumption`}
              />
              <Textarea
                label="How it is tested"
                value={h.test}
                onChange={(e) => setH(i, { test: e.currentTarget.value })}
                autosize
                minRows={1}
                error={hField(i, 'test')}
                data-testid={`hypothesis-${i}-test`}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label="Metric"
                  value={h.metric}
                  onChange={(e) => setH(i, { metric: e.currentTarget.value })}
                  error={hField(i, 'metric')}
                  data-testid={`hypothesis-${i}-metric`}
                />
                <TextInput
                  label="Success threshold"
                  description="A number (0.7) or words (≥ 70% opt in)."
                  value={h.threshold}
                  onChange={(e) => setH(i, { threshold: e.currentTarget.value })}
                  error={hField(i, 'threshold')}
                  data-testid={`hypothesis-${i}-threshold`}
                />
              </SimpleGrid>
              <Group gap="sm" align="flex-end" wrap="wrap">
                <Stack gap={4}>
                  <Text fz="sm" fw={500}>
                    Result
                  </Text>
                  <SegmentedControl
                    size="xs"
                    value={h.met}
                    onChange={(v) => setH(i, { met: v })}
                    data={[
                      { value: 'unknown', label: 'Not yet' },
                      { value: 'yes', label: 'Met' },
                      { value: 'no', label: 'Not met' },
                    ]}
                    aria-label={`Result of hypothesis ${i + 1}`}
                  />
                </Stack>
                {h.met !== 'unknown' && (
                  <>
                    <TextInput
                      label="Observed"
                      value={h.observed}
                      onChange={(e) => setH(i, { observed: e.currentTarget.value })}
                      error={hField(i, 'result.observed')}
                      style={{ flex: '1 1 120px' }}
                    />
                    <TextInput
                      label="Note"
                      value={h.note}
                      onChange={(e) => setH(i, { note: e.currentTarget.value })}
                      style={{ flex: '2 1 200px' }}
                    />
                  </>
                )}
              </Group>
            </Stack>
          </Card>
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="pilot-save">
            {editing ? 'Save' : 'Add the pilot'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
