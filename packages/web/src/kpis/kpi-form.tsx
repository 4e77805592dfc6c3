/**
 * Create or edit a shared KPI (baseline, target, direction, unit, target
 * date), and record one measurement in the app.
 */
import {
  Button,
  Drawer,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { monitor } from '@valueweb/core';
import { useState, type FormEvent } from 'react';
import { formErrors } from '../api/errors.ts';
import { recordsApi, useInvalidatePartnership, type RecordItem } from '../api/records-api.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { slugify } from '../lib/format.ts';

const FIELDS = [
  'id',
  'name',
  'unit',
  'description',
  'baseline',
  'baselineDate',
  'target',
  'direction',
  'targetDate',
] as const;

export function KpiFormDrawer(props: {
  ecosystemId: string;
  partnershipId: string;
  kpi: RecordItem<'kpis'> | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          {props.kpi ? `Edit ${props.kpi.item.name}` : 'New shared KPI'}
        </Text>
      }
      size="lg"
    >
      {props.opened && <KpiForm key={props.kpi?.key ?? 'new'} {...props} />}
    </Drawer>
  );
}

function KpiForm(props: {
  ecosystemId: string;
  partnershipId: string;
  kpi: RecordItem<'kpis'> | null;
  onClose: () => void;
}) {
  const k = props.kpi?.item;
  const editing = props.kpi !== null;
  const [name, setName] = useState(k?.name ?? '');
  const [id, setId] = useState(k?.id ?? '');
  const [unit, setUnit] = useState(k?.unit ?? '');
  const [description, setDescription] = useState(k?.description ?? '');
  const [baseline, setBaseline] = useState<number | ''>(k?.baseline ?? '');
  const [baselineDate, setBaselineDate] = useState(k?.baselineDate ?? '');
  const [target, setTarget] = useState<number | ''>(k?.target ?? '');
  const [direction, setDirection] = useState<monitor.KpiDirection>(k?.direction ?? 'increase');
  const [targetDate, setTargetDate] = useState(k?.targetDate ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const invalidate = useInvalidatePartnership();
  const { fields, other } = formErrors(error, FIELDS);
  const theId = editing ? id : id || slugify(name);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, string> = {};
    if (!name.trim()) need.name = 'Name the goal.';
    if (baseline === '') need.baseline = 'Where it starts.';
    if (target === '') need.target = 'Where it should get to.';
    if (!targetDate) need.targetDate = 'By when.';
    setMissing(need);
    if (Object.keys(need).length) return;
    const clear = (v: string) => (v.trim() ? v.trim() : editing ? null : undefined);
    const body = {
      name: name.trim(),
      unit: clear(unit),
      description: clear(description),
      baseline,
      baselineDate: baselineDate || (editing ? null : undefined),
      target,
      direction,
      targetDate,
    };
    setBusy(true);
    setError(null);
    const req = editing
      ? recordsApi.update(
          props.ecosystemId,
          props.partnershipId,
          'kpis',
          props.kpi!.key,
          body,
          props.kpi!.version,
        )
      : recordsApi.create(
          props.ecosystemId,
          props.partnershipId,
          'kpis',
          JSON.parse(JSON.stringify({ id: theId, ...body, measurements: [] })) as unknown,
        );
    req
      .then(async () => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notifications.show({ color: 'teal', message: editing ? 'KPI saved.' : 'KPI added.' });
        props.onClose();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="kpi-form">
      <Stack gap="md">
        <FormProblems error={error} other={other} what="KPI" />
        <TextInput
          label="Name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          error={missing.name ?? fields.name}
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Identifier"
            value={theId}
            disabled={editing}
            onChange={(e) => setId(e.currentTarget.value)}
            error={fields.id}
            description="The kpi column of a CSV file uses it."
          />
          <TextInput
            label="Unit"
            placeholder="patients, days, EUR…"
            value={unit}
            onChange={(e) => setUnit(e.currentTarget.value)}
            error={fields.unit}
          />
          <NumberInput
            label="Baseline"
            value={baseline}
            onChange={(v) => setBaseline(typeof v === 'number' ? v : '')}
            required
            error={missing.baseline ?? fields.baseline}
          />
          <TextInput
            type="date"
            label="Baseline measured on"
            description="Optional: then it counts as the first point of the trend."
            value={baselineDate}
            onChange={(e) => setBaselineDate(e.currentTarget.value)}
            error={fields.baselineDate}
          />
          <NumberInput
            label="Target"
            value={target}
            onChange={(v) => setTarget(typeof v === 'number' ? v : '')}
            required
            error={missing.target ?? fields.target}
          />
          <TextInput
            type="date"
            label="Target date"
            value={targetDate}
            onChange={(e) => setTargetDate(e.currentTarget.value)}
            required
            error={missing.targetDate ?? fields.targetDate}
          />
        </SimpleGrid>
        <Stack gap={4}>
          <Text fz="sm" fw={500}>
            Better is
          </Text>
          <SegmentedControl
            value={direction}
            onChange={(v) => setDirection(v)}
            data={[
              { value: 'increase', label: 'Higher (increase)' },
              { value: 'decrease', label: 'Lower (decrease)' },
            ]}
            aria-label="Direction"
          />
          {fields.direction && (
            <Text c="red" fz="xs">
              {fields.direction}
            </Text>
          )}
        </Stack>
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
          <Button type="submit" loading={busy}>
            {editing ? 'Save' : 'Add the KPI'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Records one measurement of a KPI (POST /measurements). */
export function MeasurementModal(props: {
  ecosystemId: string;
  partnershipId: string;
  kpi: { id: string; name: string; unit?: string | undefined } | null;
  today: string;
  onClose: () => void;
}) {
  const [date, setDate] = useState(props.today);
  const [value, setValue] = useState<number | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidatePartnership();
  // The API reports problems at [0].date, [0].value: the field is the last segment.
  const { fields, other } = formErrors(error, ['date', 'value', 'note', 'kpi']);
  const submit = () => {
    if (!props.kpi || value === '') return;
    setBusy(true);
    setError(null);
    recordsApi
      .addMeasurements(props.ecosystemId, props.partnershipId, [
        { kpi: props.kpi.id, date, value, ...(note.trim() ? { note: note.trim() } : {}) },
      ])
      .then(async () => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notifications.show({ color: 'teal', message: 'Measurement recorded.' });
        props.onClose();
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Modal
      opened={props.kpi !== null}
      onClose={props.onClose}
      title={<Text fw={650}>Record a measurement: {props.kpi?.name}</Text>}
    >
      <Stack>
        <FormProblems error={error} other={other} />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label="Date"
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            required
            error={fields.date}
            data-testid="measurement-date"
          />
          <NumberInput
            label={`Value${props.kpi?.unit ? ` (${props.kpi.unit})` : ''}`}
            value={value}
            onChange={(v) => setValue(typeof v === 'number' ? v : '')}
            required
            error={fields.value}
            data-autofocus
            data-testid="measurement-value"
          />
        </Group>
        <TextInput
          label="Note"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fields.note}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            onClick={submit}
            loading={busy}
            disabled={value === '' || !date}
            data-testid="measurement-save"
          >
            Record
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
