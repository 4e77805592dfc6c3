/**
 * Edit this partnership's gate into a stage: its checklist (replacing the
 * default one), each threshold (the default, a value of its own, or off) and
 * per-KPI targets. Ticks of items taken off the checklist are dropped, and
 * the user is told.
 */
import {
  ActionIcon,
  Button,
  Divider,
  Drawer,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconRestore, IconTrash } from '@tabler/icons-react';
import { pilot } from '@valueweb/core';
import { useState } from 'react';
import { formErrors } from '../api/errors.ts';
import { useInvalidatePartnership, useRecords } from '../api/records-api.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { slugify } from '../lib/format.ts';
import { pilotApi, STAGE_LABELS, type GateView } from './pilot-api.ts';

type ThresholdKey = keyof pilot.GateThresholds;

/** Every threshold a gate can check, as people read it. */
const THRESHOLDS: { key: ThresholdKey; label: string; kind: 'count' | 'share' | 'mean' | 'bool' }[] = [
  { key: 'minMembers', label: 'Member organizations, at least', kind: 'count' },
  { key: 'requireCharter', label: 'A charter is written down', kind: 'bool' },
  { key: 'minPilots', label: 'Pilots with hypotheses, at least', kind: 'count' },
  { key: 'minPilotsWithGo', label: 'Pilots decided “go”, at least', kind: 'count' },
  { key: 'minLessons', label: 'Lessons logged, at least', kind: 'count' },
  { key: 'minKpis', label: 'Shared KPIs defined, at least', kind: 'count' },
  { key: 'minKpisOnTrackShare', label: 'KPIs on track, at least (%)', kind: 'share' },
  { key: 'minMilestonesOnTimeShare', label: 'Due milestones on time, at least (%)', kind: 'share' },
  { key: 'minClosedHealthChecks', label: 'Closed health-check cycles, at least', kind: 'count' },
  { key: 'minHealthCheckMean', label: 'Latest health-check mean, at least (1–5)', kind: 'mean' },
  { key: 'maxOpenDisputes', label: 'Open disputes, at most', kind: 'count' },
];

type Mode = 'default' | 'custom' | 'off';
interface ThresholdState {
  mode: Mode;
  value: number | boolean | null;
}

interface Item {
  id: string;
  criterion: string;
  fresh: boolean;
}

export function GateEditorDrawer(props: {
  ecosystemId: string;
  partnershipId: string;
  gate: GateView | null;
  onClose: () => void;
}) {
  return (
    <Drawer
      opened={props.gate !== null}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          {props.gate ? `Gate into ${STAGE_LABELS[props.gate.to]}` : 'Gate'}
        </Text>
      }
      size="xl"
    >
      {props.gate && <GateEditor key={props.gate.to} {...props} gate={props.gate} />}
    </Drawer>
  );
}

/** A threshold value in the units the form shows (shares as percentages). */
const toDisplay = (
  kind: (typeof THRESHOLDS)[number]['kind'],
  v: number | boolean | null | undefined,
): number | boolean | null =>
  v === undefined || v === null ? null : kind === 'share' && typeof v === 'number' ? Math.round(v * 100) : v;

const FALLBACK: Record<(typeof THRESHOLDS)[number]['kind'], number | boolean> = {
  bool: true,
  share: 50,
  mean: 3.5,
  count: 1,
};

function initialThresholds(gate: GateView): Record<ThresholdKey, ThresholdState> {
  const base = pilot.DEFAULT_GATES[gate.to].thresholds as Record<string, number | boolean | undefined>;
  const out = {} as Record<ThresholdKey, ThresholdState>;
  for (const t of THRESHOLDS) {
    const edited = gate.customized.thresholds.includes(t.key);
    const value = (gate.thresholds as Record<string, number | boolean | undefined>)[t.key];
    if (!edited) out[t.key] = { mode: 'default', value: toDisplay(t.kind, base[t.key]) };
    else if (value === undefined) out[t.key] = { mode: 'off', value: toDisplay(t.kind, base[t.key]) };
    else out[t.key] = { mode: 'custom', value: toDisplay(t.kind, value) };
  }
  return out;
}

function GateEditor(props: {
  ecosystemId: string;
  partnershipId: string;
  gate: GateView;
  onClose: () => void;
}) {
  const { gate } = props;
  const defaults = pilot.DEFAULT_GATES[gate.to];
  const [items, setItems] = useState<Item[]>(
    gate.checklist.map((c) => ({ id: c.id, criterion: c.criterion, fresh: false })),
  );
  const [ownChecklist, setOwnChecklist] = useState(gate.customized.checklist);
  const [thresholds, setThresholds] = useState(() => initialThresholds(gate));
  const [targets, setTargets] = useState<{ kpi: string | null; progress: number }[]>(
    gate.kpiTargets.map((t) => ({ kpi: t.kpi, progress: Math.round(t.progress * 100) })),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const kpis = useRecords(props.ecosystemId, props.partnershipId, 'kpis');
  const invalidate = useInvalidatePartnership();
  const { other } = formErrors(error, []);

  const setItem = (i: number, criterion: string) =>
    setItems((old) =>
      old.map((x, j) => (j === i ? { ...x, criterion, id: x.fresh ? slugify(criterion) || x.id : x.id } : x)),
    );

  const submit = () => {
    const checklist = ownChecklist
      ? items.map((x) => ({ id: x.id || slugify(x.criterion), criterion: x.criterion.trim() }))
      : null;
    const th: Record<string, number | boolean | null> = {};
    for (const t of THRESHOLDS) {
      const s = thresholds[t.key];
      if (s.mode === 'off') th[t.key] = null;
      else if (s.mode === 'custom' && s.value !== null)
        th[t.key] = t.kind === 'share' ? Number(s.value) / 100 : s.value;
    }
    const kpiTargets = targets.flatMap((t) => (t.kpi ? [{ kpi: t.kpi, progress: t.progress / 100 }] : []));
    setBusy(true);
    setError(null);
    pilotApi
      .editGate(props.ecosystemId, props.partnershipId, gate.to, {
        checklist,
        thresholds: Object.keys(th).length ? th : null,
        kpiTargets: kpiTargets.length ? kpiTargets : null,
      })
      .then(async (r) => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notifications.show({
          color: 'teal',
          message: r.dropped.length
            ? `Gate saved. Ticks of items no longer on the checklist were dropped: ${r.dropped.join(', ')}.`
            : 'Gate saved.',
        });
        props.onClose();
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Stack gap="lg" data-testid="gate-editor">
      <FormProblems error={error} other={other} />
      <div>
        <Group justify="space-between" mb={4}>
          <Title order={4} fz="md">
            Checklist
          </Title>
          {ownChecklist ? (
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconRestore size={14} />}
              onClick={() => {
                setOwnChecklist(false);
                setItems(defaults.checklist.map((c) => ({ ...c, fresh: false })));
              }}
            >
              Back to the default checklist
            </Button>
          ) : (
            <Text fz="xs" c="dimmed">
              The default checklist; changing it makes one of this partnership’s own.
            </Text>
          )}
        </Group>
        <Stack gap="xs">
          {items.map((x, i) => (
            <Group key={`${i}-${x.fresh ? 'new' : x.id}`} gap="xs" align="flex-start" wrap="nowrap">
              <Textarea
                style={{ flex: 1 }}
                aria-label={`Criterion ${i + 1}`}
                value={x.criterion}
                autosize
                minRows={1}
                onChange={(e) => {
                  setOwnChecklist(true);
                  setItem(i, e.currentTarget.value);
                }}
                description={`id: ${x.id || '(from the text)'}`}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={6}
                aria-label={`Remove criterion ${i + 1}`}
                onClick={() => {
                  setOwnChecklist(true);
                  setItems((old) => old.filter((_, j) => j !== i));
                }}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            w="fit-content"
            onClick={() => {
              setOwnChecklist(true);
              setItems((old) => [...old, { id: '', criterion: '', fresh: true }]);
            }}
          >
            Add a criterion
          </Button>
        </Stack>
      </div>
      <Divider />
      <div>
        <Title order={4} fz="md" mb={4}>
          Thresholds on the partnership’s data
        </Title>
        <Text fz="xs" c="dimmed" mb="sm">
          Default: the value the pattern suggests for this gate (shown). Own value: this partnership’s. Off:
          not checked.
        </Text>
        <Stack gap="xs">
          {THRESHOLDS.map((t) => {
            const s = thresholds[t.key];
            const base = (defaults.thresholds as Record<string, number | boolean | undefined>)[t.key];
            const shown = (v: number | boolean | null | undefined) =>
              v === undefined || v === null
                ? 'not checked by default'
                : typeof v === 'boolean'
                  ? v
                    ? 'required'
                    : 'not required'
                  : t.kind === 'share'
                    ? `${Math.round(v * 100)}%`
                    : String(v);
            const set = (next: Partial<ThresholdState>) =>
              setThresholds((old) => ({ ...old, [t.key]: { ...old[t.key], ...next } }));
            return (
              <Group
                key={t.key}
                justify="space-between"
                wrap="wrap"
                gap="xs"
                data-testid={`threshold-${t.key}`}
              >
                <Stack gap={0} style={{ flex: '1 1 220px' }}>
                  <Text fz="sm">{t.label}</Text>
                  <Text fz="xs" c="dimmed">
                    Default: {shown(base)}
                  </Text>
                </Stack>
                <Group gap="xs" wrap="nowrap">
                  <SegmentedControl
                    size="xs"
                    value={s.mode}
                    onChange={(m) => set({ mode: m, value: s.value ?? FALLBACK[t.kind] })}
                    data={[
                      { value: 'default', label: 'Default' },
                      { value: 'custom', label: 'Own' },
                      { value: 'off', label: 'Off' },
                    ]}
                    aria-label={`${t.label}: default, own value or off`}
                  />
                  {s.mode === 'custom' &&
                    (t.kind === 'bool' ? (
                      <SegmentedControl
                        size="xs"
                        value={s.value ? 'yes' : 'no'}
                        onChange={(v) => set({ value: v === 'yes' })}
                        data={[
                          { value: 'yes', label: 'Required' },
                          { value: 'no', label: 'Not required' },
                        ]}
                      />
                    ) : (
                      <NumberInput
                        size="xs"
                        w={90}
                        aria-label={t.label}
                        value={typeof s.value === 'number' ? s.value : ''}
                        onChange={(v) => set({ value: typeof v === 'number' ? v : null })}
                        min={t.kind === 'mean' ? 1 : 0}
                        max={t.kind === 'share' ? 100 : t.kind === 'mean' ? 5 : undefined}
                        step={t.kind === 'mean' ? 0.1 : 1}
                        decimalScale={t.kind === 'mean' ? 1 : 0}
                      />
                    ))}
                </Group>
              </Group>
            );
          })}
        </Stack>
      </div>
      <Divider />
      <div>
        <Title order={4} fz="md" mb={4}>
          KPI targets
        </Title>
        <Text fz="xs" c="dimmed" mb="sm">
          A KPI that must have come at least this far from its baseline to its target.
        </Text>
        <Stack gap="xs">
          {targets.map((t, i) => (
            <Group key={i} gap="xs" wrap="nowrap">
              <Select
                style={{ flex: 1 }}
                aria-label={`KPI of target ${i + 1}`}
                placeholder="Choose a KPI"
                data={(kpis.data?.items ?? []).map((k) => ({ value: k.key, label: k.item.name }))}
                value={t.kpi}
                onChange={(v) => setTargets((old) => old.map((x, j) => (j === i ? { ...x, kpi: v } : x)))}
                comboboxProps={{ withinPortal: true }}
              />
              <NumberInput
                w={110}
                aria-label={`Progress needed for target ${i + 1}`}
                suffix="%"
                min={0}
                max={100}
                value={t.progress}
                onChange={(v) =>
                  setTargets((old) =>
                    old.map((x, j) => (j === i ? { ...x, progress: typeof v === 'number' ? v : 0 } : x)),
                  )
                }
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove target ${i + 1}`}
                onClick={() => setTargets((old) => old.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            leftSection={<IconPlus size={14} />}
            onClick={() => setTargets((old) => [...old, { kpi: null, progress: 50 }])}
            disabled={(kpis.data?.items.length ?? 0) === 0}
          >
            Add a KPI target
          </Button>
        </Stack>
      </div>
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          Cancel
        </Button>
        <Button onClick={submit} loading={busy} data-testid="gate-save">
          Save the gate
        </Button>
      </Group>
    </Stack>
  );
}
