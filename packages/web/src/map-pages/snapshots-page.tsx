/**
 * Snapshots: the saved states of the ecosystem on a timeline, saving a new
 * one (orchestrators), and the differences between any two, or a snapshot
 * and now: actors and relationships added, removed and changed, the biggest
 * metric movers, communities merged or split.
 */
import { BarChart } from '@mantine/charts';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Container,
  Grid,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Timeline,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowsLeftRight,
  IconCamera,
  IconCameraPlus,
  IconCircleCheck,
  IconGitCompare,
  IconLock,
  IconMinus,
  IconPencil,
  IconPlus,
} from '@tabler/icons-react';
import type { DocumentDiff, MetricMover, RelationshipRef } from '@valueweb/core';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import {
  useSaveSnapshot,
  useSnapshotDiff,
  useSnapshots,
  type SnapshotInfo,
  type SnapshotRef,
} from '../api/map-api.ts';
import { describeError } from '../api/errors.ts';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { dateTime, humanize, kindLabel, plural, relativeTime } from '../lib/format.ts';
import { describeDiff, describeFieldChange, diffCounts } from '../lib/map-insights.ts';
import { communityLabel } from '../lib/map-metrics.ts';
import { ActorLink, SectionTitle, useActorDirectory, type ActorDirectory } from './shared.tsx';
import { ink } from '../lib/ink.ts';

const refParam = (v: string | null): SnapshotRef | null =>
  v === 'current' ? 'current' : v && /^\d+$/.test(v) ? Number(v) : null;

const snapshotTitle = (s: SnapshotInfo) => s.label ?? `Snapshot ${s.id}`;

export default function SnapshotsPage() {
  const { id, ecosystem, may, me } = useCurrentEcosystem();
  const snapshots = useSnapshots(id);
  const directory = useActorDirectory(id);
  const [params, setParams] = useSearchParams();
  const [saving, setSaving] = useState(false);
  const canSave = may('ecosystem.update');
  // Saved snapshots hold the whole ecosystem: the server lets only orchestrators (and admins) read them.
  const canCompare = me.user.isAdmin || ecosystem.role === 'orchestrator';
  const items = snapshots.data?.items ?? [];
  const from = refParam(params.get('from')) ?? (items[0] ? items[0].id : null);
  const to = refParam(params.get('to')) ?? 'current';
  const base = `/e/${encodeURIComponent(id)}`;

  const compare = (f: SnapshotRef, t: SnapshotRef) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        n.set('from', String(f));
        n.set('to', String(t));
        return n;
      },
      { replace: true },
    );

  return (
    <Container size="xl" py="xl">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: base }, { label: 'Map' }, { label: 'Snapshots' }]}
        title="Snapshots"
        description="Saved states of the ecosystem, to see how it changes over time: who joined and left, which ties formed, who gained or lost influence, which communities merged or split."
        actions={
          canSave && (
            <Button
              leftSection={<IconCameraPlus size={16} />}
              onClick={() => setSaving(true)}
              data-testid="save-snapshot"
            >
              Save snapshot
            </Button>
          )
        }
      />
      {snapshots.isError ? (
        <ErrorAlert
          error={snapshots.error}
          title="Could not load the snapshots"
          onRetry={() => void snapshots.refetch()}
        />
      ) : snapshots.isPending ? (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Skeleton h={280} radius="md" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Skeleton h={280} radius="md" />
          </Grid.Col>
        </Grid>
      ) : items.length === 0 ? (
        <Paper withBorder>
          <Empty
            icon={<IconCamera size={28} />}
            title="No snapshots yet"
            description="A snapshot keeps the ecosystem as it is now, so you can compare later and see what changed. Valueweb also saves one before an import replaces the ecosystem."
            action={
              canSave && (
                <Button leftSection={<IconCameraPlus size={16} />} onClick={() => setSaving(true)}>
                  Save the first snapshot
                </Button>
              )
            }
          />
        </Paper>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <SnapshotTimeline
              items={items}
              from={from}
              to={to}
              canCompare={canCompare}
              onCompare={(s) => compare(s, 'current')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            {canCompare ? (
              <DiffPanel
                ecosystemId={id}
                items={items}
                from={from}
                to={to}
                onChange={compare}
                directory={directory}
              />
            ) : (
              <Alert icon={<IconLock size={18} />} color="gray" variant="light" title="Comparing snapshots">
                Saved snapshots hold the whole ecosystem, including what is private to other organizations, so
                only the ecosystem's orchestrators can compare them.
              </Alert>
            )}
          </Grid.Col>
        </Grid>
      )}
      <SaveSnapshotModal
        opened={saving}
        ecosystemId={id}
        onClose={() => setSaving(false)}
        onSaved={(s) => compare(s.id, 'current')}
      />
    </Container>
  );
}

function SnapshotTimeline(props: {
  items: SnapshotInfo[];
  from: SnapshotRef | null;
  to: SnapshotRef;
  canCompare: boolean;
  onCompare: (id: number) => void;
}) {
  const now = Date.now();
  const active = (r: SnapshotRef) => r === props.from || r === props.to;
  return (
    <Paper withBorder p="md" data-testid="snapshot-timeline">
      <SectionTitle title="Timeline" description={plural(props.items.length, 'snapshot')} />
      <Timeline bulletSize={24} lineWidth={2} active={-1}>
        <Timeline.Item
          bullet={<IconCircleCheck size={14} />}
          color={active('current') ? 'brand' : 'gray'}
          title={
            <Text fz="sm" fw={650}>
              Now
            </Text>
          }
          lineVariant="dashed"
        >
          <Text fz="xs" c="dimmed">
            The ecosystem as it is today
          </Text>
        </Timeline.Item>
        {props.items.map((s) => (
          <Timeline.Item
            key={s.id}
            bullet={<IconCamera size={13} />}
            color={active(s.id) ? 'brand' : 'gray'}
            data-testid="snapshot-item"
            title={
              <Group gap={6} wrap="wrap">
                <Text fz="sm" fw={650}>
                  {snapshotTitle(s)}
                </Text>
                <Badge
                  size="xs"
                  color={s.reason === 'on demand' ? 'brand' : 'grape'}
                  c={ink(s.reason === 'on demand' ? 'brand' : 'grape')}
                  tt="none"
                >
                  {humanize(s.reason)}
                </Badge>
              </Group>
            }
          >
            <Tooltip label={dateTime(s.at)}>
              <Text fz="xs" c="dimmed" component="span">
                {relativeTime(s.at, now)} · {dateTime(s.at)}
              </Text>
            </Tooltip>
            {props.canCompare && (
              <Group mt={4}>
                <Button
                  size="compact-xs"
                  variant={props.from === s.id && props.to === 'current' ? 'light' : 'subtle'}
                  leftSection={<IconGitCompare size={12} />}
                  onClick={() => props.onCompare(s.id)}
                  data-testid="compare-with-now"
                >
                  Compare with now
                </Button>
              </Group>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

function SaveSnapshotModal(props: {
  opened: boolean;
  ecosystemId: string;
  onClose: () => void;
  onSaved: (s: SnapshotInfo) => void;
}) {
  const [label, setLabel] = useState('');
  const save = useSaveSnapshot(props.ecosystemId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(label, {
      onSuccess: (s) => {
        notifications.show({ color: 'teal', message: `Snapshot “${snapshotTitle(s)}” saved.` });
        setLabel('');
        props.onSaved(s);
        props.onClose();
      },
    });
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Save a snapshot">
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text fz="sm" c="dimmed">
            Keeps the whole ecosystem as it is now: actors, relationships and partnerships. It is recorded in
            the audit log.
          </Text>
          <TextInput
            label="Label"
            description="Optional: what this moment is, e.g. “Before the Q3 partner review”."
            placeholder="Before the Q3 partner review"
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            maxLength={200}
            data-testid="snapshot-label"
            data-autofocus
          />
          {save.isError && (
            <Text fz="sm" c={ink('red')} role="alert">
              {describeError(save.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              leftSection={<IconCamera size={16} />}
              data-testid="snapshot-save"
            >
              Save snapshot
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DiffPanel(props: {
  ecosystemId: string;
  items: SnapshotInfo[];
  from: SnapshotRef | null;
  to: SnapshotRef;
  onChange: (from: SnapshotRef, to: SnapshotRef) => void;
  directory: ActorDirectory;
}) {
  const { items, from, to } = props;
  const diff = useSnapshotDiff(props.ecosystemId, from, to);
  const options = [
    { value: 'current', label: 'Now (current state)' },
    ...items.map((s) => ({ value: String(s.id), label: `${snapshotTitle(s)} · ${dateTime(s.at)}` })),
  ];
  const label = (r: SnapshotRef | null) => options.find((o) => o.value === String(r))?.label ?? '—';
  return (
    <Paper withBorder p="md" data-testid="snapshot-diff">
      <SectionTitle title="What changed" description="Compare two snapshots, or a snapshot with now." />
      <Group align="flex-end" gap="xs" mb="md" wrap="wrap">
        <Select
          label="From"
          data={options}
          value={from === null ? null : String(from)}
          onChange={(v) => v && props.onChange(refParam(v) ?? 'current', to)}
          allowDeselect={false}
          style={{ flex: '1 1 220px' }}
          comboboxProps={{ withinPortal: true }}
          data-testid="diff-from"
        />
        <Tooltip label="Swap">
          <ActionIcon
            variant="default"
            size="lg"
            mb={1}
            aria-label="Swap from and to"
            onClick={() => from !== null && props.onChange(to, from)}
          >
            <IconArrowsLeftRight size={16} />
          </ActionIcon>
        </Tooltip>
        <Select
          label="To"
          data={options}
          value={String(to)}
          onChange={(v) => v && from !== null && props.onChange(from, refParam(v) ?? 'current')}
          allowDeselect={false}
          style={{ flex: '1 1 220px' }}
          comboboxProps={{ withinPortal: true }}
          data-testid="diff-to"
        />
      </Group>
      {from === to ? (
        <Text fz="sm" c="dimmed">
          Choose two different states to compare.
        </Text>
      ) : diff.isError ? (
        <ErrorAlert error={diff.error} title="Could not compare" onRetry={() => void diff.refetch()} />
      ) : diff.isPending ? (
        <Stack gap="sm" aria-busy="true">
          <Skeleton h={72} />
          <Skeleton h={160} />
        </Stack>
      ) : (
        <DiffView
          diff={diff.data}
          directory={props.directory}
          ecosystemId={props.ecosystemId}
          fromLabel={label(from)}
          toLabel={label(to)}
        />
      )}
    </Paper>
  );
}

function Count(props: { icon: ReactNode; n: number; label: string; color: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <ThemeIcon size={18} radius="xl" variant="light" color={props.n ? props.color : 'gray'}>
        {props.icon}
      </ThemeIcon>
      <Text fz="sm">
        <b>{props.n}</b>{' '}
        <Text component="span" fz="sm" c="dimmed">
          {props.label}
        </Text>
      </Text>
    </Group>
  );
}

function ChangeSummary(props: {
  title: string;
  added: number;
  removed: number;
  changed: number;
  testId: string;
}) {
  return (
    <Paper withBorder p="sm" data-testid={props.testId}>
      <Text fz="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.05em' }} mb={6}>
        {props.title}
      </Text>
      <Stack gap={4}>
        <Count icon={<IconPlus size={11} />} n={props.added} label="added" color="teal" />
        <Count icon={<IconMinus size={11} />} n={props.removed} label="removed" color="red" />
        <Count icon={<IconPencil size={11} />} n={props.changed} label="changed" color="blue" />
      </Stack>
    </Paper>
  );
}

type MoverMetric = keyof DocumentDiff['movers'];
const MOVER_LABELS: Record<MoverMetric, string> = {
  betweenness: 'Betweenness',
  degreeCentrality: 'Degree centrality',
  pagerank: 'PageRank',
};

function DiffView(props: {
  diff: DocumentDiff;
  directory: ActorDirectory;
  ecosystemId: string;
  fromLabel: string;
  toLabel: string;
}) {
  const { diff, directory, ecosystemId } = props;
  const counts = diffCounts(diff);
  const [metric, setMetric] = useState<MoverMetric>('betweenness');
  const moverCount =
    diff.movers.betweenness.length + diff.movers.degreeCentrality.length + diff.movers.pagerank.length;
  const actor = (a: string) =>
    directory.names.has(a) ? (
      <ActorLink ecosystemId={ecosystemId} id={a} directory={directory} />
    ) : (
      <Text fz="sm" component="span" title="No longer in the ecosystem">
        {a}
      </Text>
    );
  const rel = (r: RelationshipRef) => (
    <Group gap={6} wrap="wrap">
      {actor(r.from)}
      <Text fz="sm" c="dimmed" component="span">
        —
      </Text>
      {actor(r.to)}
      <Badge size="xs" variant="light" color="gray" tt="none">
        {kindLabel(r.kind)}
      </Badge>
    </Group>
  );

  if (counts.total === 0 && moverCount === 0)
    return (
      <Stack gap="sm" data-testid="diff-result">
        <Paper p="lg" bg="gray.0" ta="center" data-testid="diff-none">
          <Text fw={600}>No differences</Text>
          <Text fz="sm" c="dimmed">
            The ecosystem in “{props.toLabel}” is the same as in “{props.fromLabel}”: same actors,
            relationships and communities.
          </Text>
        </Paper>
      </Stack>
    );

  return (
    <Stack gap="md" data-testid="diff-result">
      <Text fz="sm" fw={500} data-testid="diff-summary">
        Since “{props.fromLabel}”: {describeDiff(diff, directory.name)}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <ChangeSummary
          title="Actors"
          added={diff.actors.added.length}
          removed={diff.actors.removed.length}
          changed={diff.actors.changed.length}
          testId="diff-actors-summary"
        />
        <ChangeSummary
          title="Relationships"
          added={diff.relationships.added.length}
          removed={diff.relationships.removed.length}
          changed={diff.relationships.changed.length}
          testId="diff-relationships-summary"
        />
        <Paper withBorder p="sm">
          <Text fz="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.05em' }} mb={6}>
            Communities
          </Text>
          <Text fz="sm">
            <b>{diff.communities.before}</b> → <b>{diff.communities.after}</b>
            <Text component="span" fz="xs" c="dimmed">
              {' '}
              · {plural(diff.communities.merged.length, 'merge')},{' '}
              {plural(diff.communities.split.length, 'split')}
            </Text>
          </Text>
        </Paper>
      </SimpleGrid>

      {counts.actors > 0 && (
        <ChangeList title="Actors">
          {diff.actors.added.map((a) => (
            <ChangeRow key={`+${a}`} kind="added">
              {actor(a)}
            </ChangeRow>
          ))}
          {diff.actors.removed.map((a) => (
            <ChangeRow key={`-${a}`} kind="removed">
              {actor(a)}
            </ChangeRow>
          ))}
          {diff.actors.changed.map((c) => (
            <ChangeRow key={`~${c.id}`} kind="changed">
              <Stack gap={2}>
                {actor(c.id)}
                {c.changes.map((f) => (
                  <Text key={f.field} fz="xs" c="dimmed">
                    {describeFieldChange(f)}
                  </Text>
                ))}
              </Stack>
            </ChangeRow>
          ))}
        </ChangeList>
      )}

      {counts.relationships > 0 && (
        <ChangeList title="Relationships">
          {diff.relationships.added.map((r, i) => (
            <ChangeRow key={`+${r.from}|${r.to}|${r.kind}|${i}`} kind="added">
              {rel(r)}
            </ChangeRow>
          ))}
          {diff.relationships.removed.map((r, i) => (
            <ChangeRow key={`-${r.from}|${r.to}|${r.kind}|${i}`} kind="removed">
              {rel(r)}
            </ChangeRow>
          ))}
          {diff.relationships.changed.map((r, i) => (
            <ChangeRow key={`~${r.from}|${r.to}|${r.kind}|${i}`} kind="changed">
              <Stack gap={2}>
                {rel(r)}
                {r.changes.map((f) => (
                  <Text key={f.field} fz="xs" c="dimmed">
                    {describeFieldChange(f)}
                  </Text>
                ))}
              </Stack>
            </ChangeRow>
          ))}
        </ChangeList>
      )}

      {moverCount > 0 && (
        <div data-testid="diff-movers">
          <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
            <Text fw={650}>Biggest metric movers</Text>
            <SegmentedControl
              size="xs"
              value={metric}
              onChange={(v) => setMetric(v)}
              aria-label="Metric"
              data={(Object.keys(MOVER_LABELS) as MoverMetric[]).map((k) => ({
                value: k,
                label: MOVER_LABELS[k],
              }))}
            />
          </Group>
          <Movers
            movers={diff.movers[metric]}
            metric={MOVER_LABELS[metric]}
            directory={directory}
            ecosystemId={ecosystemId}
          />
        </div>
      )}

      {counts.communities > 0 && (
        <ChangeList title="Communities">
          {diff.communities.merged.map((m) => (
            <ChangeRow key={`m${m.into}`} kind="changed">
              <Text fz="sm">
                {m.from.map((c) => communityLabel(c)).join(' and ')} (before) merged into{' '}
                {communityLabel(m.into).toLowerCase()} (after).
              </Text>
            </ChangeRow>
          ))}
          {diff.communities.split.map((s) => (
            <ChangeRow key={`s${s.from}`} kind="changed">
              <Text fz="sm">
                {communityLabel(s.from)} (before) split into{' '}
                {s.into.map((c) => communityLabel(c).toLowerCase()).join(' and ')} (after).
              </Text>
            </ChangeRow>
          ))}
        </ChangeList>
      )}
    </Stack>
  );
}

function ChangeList(props: { title: string; children: ReactNode }) {
  return (
    <div>
      <Text fw={650} mb={6}>
        {props.title}
      </Text>
      <Stack gap={4}>{props.children}</Stack>
    </div>
  );
}

const CHANGE = {
  added: { color: 'teal', icon: <IconPlus size={12} />, label: 'Added' },
  removed: { color: 'red', icon: <IconMinus size={12} />, label: 'Removed' },
  changed: { color: 'blue', icon: <IconPencil size={12} />, label: 'Changed' },
} as const;

function ChangeRow(props: { kind: keyof typeof CHANGE; children: ReactNode }) {
  const c = CHANGE[props.kind];
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      align="flex-start"
      py={4}
      px={8}
      style={{ borderRadius: 6, background: 'var(--mantine-color-gray-0)' }}
      data-testid={`diff-${props.kind}`}
    >
      <Tooltip label={c.label}>
        <ThemeIcon
          size={20}
          radius="xl"
          variant="light"
          color={c.color}
          style={{ flex: 'none' }}
          role="img"
          aria-label={c.label}
        >
          {c.icon}
        </ThemeIcon>
      </Tooltip>
      <div style={{ minWidth: 0 }}>{props.children}</div>
    </Group>
  );
}

function Movers(props: {
  movers: MetricMover[];
  metric: string;
  directory: ActorDirectory;
  ecosystemId: string;
}) {
  const { movers, directory } = props;
  const chart = useMemo(
    () =>
      movers.slice(0, 10).map((m) => ({
        actor: directory.name(m.actor),
        change: Number(m.delta.toPrecision(3)),
      })),
    [movers, directory],
  );
  if (movers.length === 0)
    return (
      <Text fz="sm" c="dimmed">
        No {props.metric.toLowerCase()} changed.
      </Text>
    );
  const f = (x: number) => x.toLocaleString('en', { maximumSignificantDigits: 3 });
  return (
    <Stack gap="sm">
      <BarChart
        h={Math.max(140, chart.length * 30)}
        data={chart}
        dataKey="actor"
        orientation="vertical"
        series={[{ name: 'change', label: `Change in ${props.metric.toLowerCase()}`, color: 'brand.6' }]}
        getBarColor={(v) => (v >= 0 ? 'teal.6' : 'red.6')}
        yAxisProps={{ width: 170 }}
        gridAxis="x"
        tickLine="none"
        valueFormatter={f}
        role="img"
        aria-label={`Bar chart of the biggest changes in ${props.metric.toLowerCase()}`}
      />
      <Stack gap={2}>
        {movers.slice(0, 10).map((m) => (
          <Group key={m.actor} justify="space-between" wrap="nowrap" gap="xs">
            {directory.names.has(m.actor) ? (
              <ActorLink ecosystemId={props.ecosystemId} id={m.actor} directory={directory} />
            ) : (
              <Text fz="sm">{m.actor}</Text>
            )}
            <Text fz="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
              {f(m.before)} → {f(m.after)}{' '}
              <Text component="span" fz="sm" c={ink(m.delta >= 0 ? 'teal' : 'red')} fw={600}>
                ({m.delta >= 0 ? '+' : '−'}
                {f(Math.abs(m.delta))})
              </Text>
            </Text>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
