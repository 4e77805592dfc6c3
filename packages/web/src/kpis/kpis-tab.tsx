/**
 * KPIs: the partnership's shared goals with numbers. Each KPI's chart shows
 * its measurements, the target line, the least-squares trend and the linear
 * forecast to the target date, and its status (on track / at risk / off
 * track) with the explanation that produced it. Measurements are entered
 * here, uploaded as CSV, or sent by the API.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Menu,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconChartLine,
  IconDots,
  IconFileUpload,
  IconInfoCircle,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { monitor } from '@valueweb/core';
import { useState } from 'react';
import { recordsApi, useInvalidatePartnership, useRecords, type RecordItem } from '../api/records-api.ts';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { plural } from '../lib/format.ts';
import type { PartnershipTabProps } from '../partnership/tabs.ts';
import { useMayWork } from '../pilot/pilot-api.ts';
import { STATUS_COLOR, STATUS_LABEL, useKpiEvaluation, type KpiChartData } from './kpi-api.ts';
import { KpiChart } from './kpi-chart.tsx';
import { KpiFormDrawer, MeasurementModal } from './kpi-form.tsx';
import { MeasurementsUpload } from './measurements-upload.tsx';
import { Tone } from '../pilot/tone.tsx';

const num = (v: number) =>
  Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : Number(v.toFixed(2)).toLocaleString('en');
const pct = (x: number) => `${Math.round(x * 100)}%`;

export default function KpisTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const evaluation = useKpiEvaluation(ecosystemId, partnership.id);
  const records = useRecords(ecosystemId, partnership.id, 'kpis');
  const mayWork = useMayWork(partnership);
  const [editing, setEditing] = useState<RecordItem<'kpis'> | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<RecordItem<'kpis'> | null>(null);
  const [measuring, setMeasuring] = useState<KpiChartData | null>(null);
  const [uploading, setUploading] = useState(false);
  const invalidate = useInvalidatePartnership();

  if (evaluation.isPending || records.isPending)
    return <PageLoader label="Computing trends and forecasts…" />;
  if (evaluation.isError)
    return <ErrorAlert error={evaluation.error} onRetry={() => void evaluation.refetch()} />;
  if (records.isError) return <ErrorAlert error={records.error} onRetry={() => void records.refetch()} />;
  const e = evaluation.data;
  const byKey = new Map(records.data.items.map((r) => [r.key, r]));

  return (
    <Stack gap="lg" data-testid="kpis-tab">
      <Card padding="md">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm" wrap="wrap">
            <Title order={3} fz="lg">
              Shared goals and KPIs
            </Title>
            {monitor.KPI_STATUSES.filter((s) => e.counts[s]).map((s) => (
              <Tone key={s} color={STATUS_COLOR[s]} data-testid={`kpi-count-${s}`}>
                {e.counts[s]} {STATUS_LABEL[s].toLowerCase()}
              </Tone>
            ))}
            <Tooltip multiline w={420} label={e.rule}>
              <Badge
                variant="light"
                color="gray"
                leftSection={<IconInfoCircle size={12} />}
                tt="none"
                style={{ cursor: 'help' }}
                tabIndex={0}
              >
                How the status is decided
              </Badge>
            </Tooltip>
          </Group>
          {mayWork && (
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconFileUpload size={16} />}
                onClick={() => setUploading(true)}
                disabled={e.items.length === 0}
                data-testid="csv-open"
              >
                Upload CSV
              </Button>
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => setCreating(true)}
                data-testid="kpi-new"
              >
                New KPI
              </Button>
            </Group>
          )}
        </Group>
      </Card>
      {e.items.length === 0 ? (
        <Card>
          <Empty
            icon={<IconChartLine size={28} />}
            title="No shared KPIs yet"
            description="Agree on a few goals with numbers: a baseline, a target, a direction and a target date. Then record measurements over time."
          />
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
          {e.items.map((k) => (
            <KpiCard
              key={k.key}
              chart={k}
              today={e.today}
              record={byKey.get(k.key)}
              mayWork={mayWork}
              onMeasure={() => setMeasuring(k)}
              onEdit={() => setEditing(byKey.get(k.key) ?? null)}
              onDelete={() => setDeleting(byKey.get(k.key) ?? null)}
              onDeleteMeasurement={(date) =>
                void recordsApi
                  .deleteMeasurement(ecosystemId, partnership.id, k.kpi, date)
                  .then(() => invalidate(ecosystemId, partnership.id))
                  .then(() =>
                    notifications.show({ color: 'teal', message: `Measurement of ${date} removed.` }),
                  )
                  .catch((err: unknown) =>
                    notifications.show({
                      color: 'red',
                      title: 'Not removed',
                      message: err instanceof Error ? err.message : String(err),
                    }),
                  )
              }
            />
          ))}
        </SimpleGrid>
      )}
      <KpiFormDrawer
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        kpi={editing}
        opened={creating || editing !== null}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <MeasurementModal
        key={measuring?.key ?? 'none'}
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        kpi={measuring ? { id: measuring.kpi, name: measuring.name, unit: measuring.unit } : null}
        today={e.today}
        onClose={() => setMeasuring(null)}
      />
      <MeasurementsUpload
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        kpiIds={e.items.map((k) => k.kpi)}
        opened={uploading}
        onClose={() => setUploading(false)}
      />
      <ConfirmDelete
        opened={deleting !== null}
        title={`Delete ${deleting?.item.name ?? 'the KPI'}?`}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          recordsApi
            .remove(ecosystemId, partnership.id, 'kpis', deleting!.key, deleting!.version)
            .then(async () => {
              await invalidate(ecosystemId, partnership.id);
              notifications.show({ color: 'teal', message: 'KPI deleted.' });
            })
        }
      >
        The KPI and all its measurements are removed. A KPI a gate refers to cannot be deleted.
      </ConfirmDelete>
    </Stack>
  );
}

function KpiCard(props: {
  chart: KpiChartData;
  today: string;
  record: RecordItem<'kpis'> | undefined;
  mayWork: boolean;
  onMeasure: () => void;
  onEdit: () => void;
  onDelete: () => void;
  onDeleteMeasurement: (date: string) => void;
}) {
  const c = props.chart;
  const ev = c.evaluation;
  const unit = c.unit ? ` ${c.unit}` : '';
  const [open, { toggle }] = useDisclosure(false);
  const measured = c.points.filter((p) => p.kind === 'measurement');
  return (
    <Card data-testid={`kpi-${c.kpi}`} data-status={ev.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm" mb="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={650}>{c.name}</Text>
            <Tone color={STATUS_COLOR[ev.status]} strong data-testid="kpi-status">
              {STATUS_LABEL[ev.status]}
            </Tone>
          </Group>
          <Text fz="xs" c="dimmed">
            {c.direction === 'increase' ? 'Up' : 'Down'} from {num(c.baseline)} to {num(c.target)}
            {unit} by {c.targetDate}
          </Text>
        </Stack>
        {props.mayWork && (
          <Group gap={4} wrap="nowrap">
            <Button size="xs" variant="light" onClick={props.onMeasure} data-testid={`kpi-measure-${c.kpi}`}>
              Record
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${c.name}`}>
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={<IconPencil size={14} />}
                  onClick={props.onEdit}
                  disabled={!props.record}
                >
                  Edit
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconTrash size={14} />}
                  color="red"
                  onClick={props.onDelete}
                  disabled={!props.record}
                >
                  Delete
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>
      <SimpleGrid cols={3} spacing="xs" mb="xs">
        <Fact
          label="Latest"
          value={ev.latest ? `${num(ev.latest.value)}${unit}` : '—'}
          hint={ev.latest?.date}
        />
        <Fact
          label="Forecast at target date"
          value={ev.forecast !== undefined ? `${num(ev.forecast)}${unit}` : '—'}
          hint={
            ev.forecastProgress !== undefined
              ? `${pct(ev.forecastProgress)} of the way`
              : ev.expectedProgress !== undefined
                ? 'one point: no trend yet'
                : undefined
          }
        />
        <Fact
          label="Reaches target"
          value={ev.progress >= 1 ? 'reached' : (ev.reachesTargetOn ?? '—')}
          hint={ev.trend ? `trend ${ev.trend.direction}` : undefined}
        />
      </SimpleGrid>
      <Tooltip label={`${pct(ev.progress)} of the way from baseline to target`}>
        <Progress.Root size="sm" mb="sm">
          <Progress.Section
            value={ev.progress * 100}
            color={STATUS_COLOR[ev.status]}
            aria-label={`${c.name}: ${pct(ev.progress)} of the way from baseline to target`}
          />
        </Progress.Root>
      </Tooltip>
      {measured.length > 0 || c.plan ? <KpiChart chart={c} today={props.today} /> : null}
      <Text fz="sm" mt="xs" data-testid="kpi-explanation">
        {ev.explanation}
      </Text>
      {measured.length > 0 && (
        <>
          <Button variant="subtle" size="compact-xs" mt="xs" onClick={toggle} aria-expanded={open}>
            {open ? 'Hide' : 'Show'} {plural(measured.length, 'measurement')}
          </Button>
          <Collapse expanded={open}>
            <Table fz="sm" mt="xs" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Value</Table.Th>
                  <Table.Th>Note</Table.Th>
                  {props.mayWork && <Table.Th aria-label="Actions" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...measured].reverse().map((m) => (
                  <Table.Tr key={m.date}>
                    <Table.Td>{m.date}</Table.Td>
                    <Table.Td>
                      {num(m.value)}
                      {unit}
                    </Table.Td>
                    <Table.Td>{m.note ?? ''}</Table.Td>
                    {props.mayWork && (
                      <Table.Td>
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          color="red"
                          aria-label={`Remove the measurement of ${m.date}`}
                          onClick={() => props.onDeleteMeasurement(m.date)}
                        >
                          <IconTrash size={14} />
                        </ActionIcon>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Collapse>
        </>
      )}
    </Card>
  );
}

function Fact(props: { label: string; value: string; hint?: string | undefined }) {
  return (
    <Stack gap={0}>
      <Text fz={11} tt="uppercase" fw={600} c="dimmed" style={{ letterSpacing: '0.04em' }}>
        {props.label}
      </Text>
      <Text fz="sm" fw={600}>
        {props.value}
      </Text>
      {props.hint && (
        <Text fz="xs" c="dimmed">
          {props.hint}
        </Text>
      )}
    </Stack>
  );
}
