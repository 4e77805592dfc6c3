/**
 * Network analysis: every actor's metrics in a sortable table (each number
 * explained), communities with modularity, silos and brokers, and the weak
 * points (single points of failure, bridges, isolates).
 */
import { BarChart } from '@mantine/charts';
import {
  Alert,
  Badge,
  Button,
  Container,
  Grid,
  Group,
  Menu,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconChartDots3,
  IconCheck,
  IconCircles,
  IconColumns,
  IconLink,
  IconRoute,
  IconTopologyStar3,
  IconUserMinus,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ActorMetrics, MapReport } from '@valueweb/core';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMapAnalysis } from '../api/map-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { plural } from '../lib/format.ts';
import { listNames } from '../lib/map-insights.ts';
import {
  communityColor,
  communityLabel,
  explainMetric,
  formatMetric,
  METRIC_BY_KEY,
  metricHelp,
  metricOf,
  modularityWords,
  rankActors,
  type MetricKey,
} from '../lib/map-metrics.ts';
import {
  ActorLink,
  ActorLinks,
  AnalysisState,
  InfoTip,
  SectionTitle,
  SortableTable,
  StatCard,
  useActorDirectory,
  type ActorDirectory,
  type SortColumn,
} from './shared.tsx';
import { ink } from '../lib/ink.ts';

const TABS = ['actors', 'communities', 'brokers', 'weak-points'] as const;
type Tab = (typeof TABS)[number];

/** The metric columns of the actors table, and from which width each shows. */
const COLUMNS: { key: MetricKey; visibleFrom?: 'sm' | 'md' | 'lg' }[] = [
  { key: 'degree' },
  { key: 'betweenness' },
  { key: 'closeness', visibleFrom: 'sm' },
  { key: 'pagerank' },
  { key: 'clustering', visibleFrom: 'md' },
  { key: 'constraint', visibleFrom: 'md' },
  { key: 'effectiveSize', visibleFrom: 'md' },
];

/** Shown until the reader picks others: the five that fit beside the names on a laptop. */
const DEFAULT_SHOWN: MetricKey[] = ['degree', 'betweenness', 'closeness', 'pagerank', 'constraint'];

/** Adds or removes a metric column, keeping the table's order and at least one column. */
const toggleMetric = (shown: MetricKey[], key: MetricKey): MetricKey[] => {
  const next = shown.includes(key) ? shown.filter((k) => k !== key) : [...shown, key];
  return next.length === 0 ? shown : COLUMNS.map((c) => c.key).filter((k) => next.includes(k));
};

export default function AnalysisPage() {
  const { id, ecosystem } = useCurrentEcosystem();
  const analysis = useMapAnalysis(id);
  const directory = useActorDirectory(id);
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'actors';
  const base = `/e/${encodeURIComponent(id)}`;
  const data = analysis.data;
  const actorCount = data ? Object.keys(data.network.actors).length : 0;

  return (
    <Container size="xl" py="xl">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: base }, { label: 'Map' }, { label: 'Network analysis' }]}
        title="Network analysis"
        description="Who is central, who brokers between groups, where the network would break. Every figure follows the NetworkX definition; hover a heading for its meaning."
        actions={
          <Button
            component={Link}
            to={`${base}/map?color=community`}
            variant="default"
            leftSection={<IconChartDots3 size={16} />}
          >
            Communities on the map
          </Button>
        }
      />
      <AnalysisState
        isPending={analysis.isPending}
        error={analysis.error}
        onRetry={() => void analysis.refetch()}
        label="Computing the network metrics…"
        empty={actorCount === 0}
      >
        {() =>
          data && (
            <Stack gap="lg">
              <Summary data={data} />
              {data.network.betweennessMethod.method === 'sampled' && (
                <Alert variant="light" color="blue" title="Betweenness is estimated">
                  {data.network.betweennessMethod.explanation}
                </Alert>
              )}
              <Tabs
                value={tab}
                onChange={(v) =>
                  setParams(
                    (p) => {
                      const n = new URLSearchParams(p);
                      if (v && v !== 'actors') n.set('tab', v);
                      else n.delete('tab');
                      return n;
                    },
                    { replace: true },
                  )
                }
                keepMounted={false}
              >
                <Tabs.List mb="md">
                  <Tabs.Tab
                    value="actors"
                    leftSection={<IconUsersGroup size={16} />}
                    data-testid="tab-actors"
                  >
                    Actors ({actorCount})
                  </Tabs.Tab>
                  <Tabs.Tab
                    value="communities"
                    leftSection={<IconCircles size={16} />}
                    data-testid="tab-communities"
                  >
                    Communities ({data.network.communities.length})
                  </Tabs.Tab>
                  <Tabs.Tab
                    value="brokers"
                    leftSection={<IconTopologyStar3 size={16} />}
                    data-testid="tab-brokers"
                  >
                    Silos and brokers
                  </Tabs.Tab>
                  <Tabs.Tab
                    value="weak-points"
                    leftSection={<IconAlertTriangle size={16} />}
                    data-testid="tab-weak-points"
                  >
                    Weak points ({data.network.articulationPoints.length + data.network.bridges.length})
                  </Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="actors">
                  <ActorsTable data={data} directory={directory} ecosystemId={id} />
                </Tabs.Panel>
                <Tabs.Panel value="communities">
                  <Communities data={data} directory={directory} ecosystemId={id} />
                </Tabs.Panel>
                <Tabs.Panel value="brokers">
                  <SilosAndBrokers data={data} directory={directory} ecosystemId={id} />
                </Tabs.Panel>
                <Tabs.Panel value="weak-points">
                  <WeakPoints data={data} directory={directory} ecosystemId={id} />
                </Tabs.Panel>
              </Tabs>
            </Stack>
          )
        }
      </AnalysisState>
    </Container>
  );
}

function Summary({ data }: { data: MapReport }) {
  const n = data.network;
  const actors = Object.keys(n.actors).length;
  const d = n.definitions;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="network-summary">
      <StatCard
        label="Actors"
        value={actors.toLocaleString('en')}
        hint={`${plural(n.isolates.length, 'isolate')}`}
      />
      <StatCard
        label="Ties"
        value={n.ties.toLocaleString('en')}
        hint="distinct pairs tied"
        definition={d.ties}
      />
      <StatCard
        label="Density"
        value={`${(n.density * 100).toLocaleString('en', { maximumFractionDigits: 1 })}%`}
        hint="of all possible ties exist"
        definition={d.density}
      />
      <StatCard
        label="Path length"
        value={n.averagePathLength.toLocaleString('en', { maximumFractionDigits: 2 })}
        hint="steps between two actors, on average"
        definition={d.averagePathLength}
      />
      <StatCard
        label="Communities"
        value={n.communities.length}
        hint={`modularity ${n.modularity.toLocaleString('en', { maximumFractionDigits: 2 })}`}
        definition={`${d.community ?? ''} ${d.modularity ?? ''}`}
      />
      <StatCard
        label="Parts"
        value={n.components}
        hint={n.components === 1 ? 'everyone can reach everyone' : 'with no path between them'}
        definition={d.components}
      />
    </SimpleGrid>
  );
}

interface ActorRow {
  id: string;
  name: string;
  m: ActorMetrics;
  spof: boolean;
  broker: boolean;
}

/** A metric value with a thin bar against the column's largest value, and its meaning on hover. */
function MetricCell(props: { value: number; max: number; sentence: string; metric: MetricKey }) {
  const share = props.max > 0 ? (100 * props.value) / props.max : 0;
  return (
    <Tooltip label={props.sentence} multiline w={300} openDelay={250}>
      <Stack
        gap={3}
        align="flex-end"
        style={{ cursor: 'help' }}
        tabIndex={0}
        role="group"
        aria-label={props.sentence}
      >
        <Text fz="sm" ff="monospace" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatMetric(props.metric, props.value)}
        </Text>
        <Progress value={share} size={3} w={56} color="brand.5" aria-hidden />
      </Stack>
    </Tooltip>
  );
}

function ActorsTable(props: { data: MapReport; directory: ActorDirectory; ecosystemId: string }) {
  const { data, directory, ecosystemId } = props;
  const n = data.network;
  const count = Object.keys(n.actors).length;
  const [shown, setShown] = useState<MetricKey[]>(DEFAULT_SHOWN);
  const connected = n.components === 1;
  const spof = useMemo(() => new Set(n.articulationPoints), [n.articulationPoints]);
  const brokers = useMemo(() => new Set(n.brokers.map((b) => b.actor)), [n.brokers]);
  const ranks = useMemo(() => {
    const out = {} as Record<MetricKey, Map<string, number>>;
    for (const { key } of COLUMNS) out[key] = rankActors(n.actors, key, METRIC_BY_KEY[key].lowIsNotable);
    return out;
  }, [n.actors]);
  const max = useMemo(() => {
    const out = {} as Record<MetricKey, number>;
    for (const { key } of COLUMNS)
      out[key] = Math.max(0, ...Object.values(n.actors).map((m) => metricOf(m, key)));
    return out;
  }, [n.actors]);
  const rows: ActorRow[] = useMemo(
    () =>
      Object.entries(n.actors).map(([id, m]) => ({
        id,
        name: directory.name(id),
        m,
        spof: spof.has(id),
        broker: brokers.has(id),
      })),
    [n.actors, directory, spof, brokers],
  );
  const columns: SortColumn<ActorRow>[] = [
    {
      key: 'name',
      header: 'Actor',
      sortValue: (r) => r.name,
      render: (r) => (
        <Stack gap={2} style={{ minWidth: 180 }}>
          <ActorLink ecosystemId={ecosystemId} id={r.id} directory={directory} fw={600} />
          {(r.spof || r.broker) && (
            <Group gap={4}>
              {r.spof && (
                <Badge
                  size="xs"
                  color="orange"
                  c={ink('orange')}
                  tt="none"
                  title="Its exit would split the network"
                >
                  Single point of failure
                </Badge>
              )}
              {r.broker && (
                <Badge
                  size="xs"
                  color="teal"
                  c={ink('teal')}
                  tt="none"
                  title="Tied into communities other than its own"
                >
                  Broker
                </Badge>
              )}
            </Group>
          )}
        </Stack>
      ),
    },
    {
      key: 'community',
      header: 'Community',
      help: `${n.definitions.community ?? ''} Numbered from 1, largest first.`,
      sortValue: (r) => r.m.community,
      render: (r) => (
        <Group gap={6} wrap="nowrap">
          <span className="vw-dot" style={{ background: communityColor(r.m.community) }} aria-hidden />
          <Text fz="sm">{r.m.community + 1}</Text>
        </Group>
      ),
      width: 110,
    },
    ...COLUMNS.filter((c) => shown.includes(c.key)).map(({ key, visibleFrom }): SortColumn<ActorRow> => ({
      key,
      header: METRIC_BY_KEY[key].label,
      help: metricHelp(key, n.definitions),
      sortValue: (r) => metricOf(r.m, key),
      descendingFirst: !METRIC_BY_KEY[key].lowIsNotable,
      align: 'right',
      visibleFrom,
      render: (r) => {
        const v = metricOf(r.m, key);
        return (
          <MetricCell
            metric={key}
            value={v}
            max={max[key]}
            sentence={explainMetric(
              key,
              v,
              r.name,
              { rank: ranks[key].get(r.id), count, connected },
              r.m.degree,
            )}
          />
        );
      },
    })),
  ];
  return (
    <SortableTable
      testId="analysis-actors"
      caption="Actors and their network metrics"
      columns={columns}
      rows={rows}
      rowKey={(r) => r.id}
      initialSort={{ key: 'betweenness', descending: true }}
      searchText={(r) => `${r.name} ${r.id}`}
      searchPlaceholder="Find an actor"
      pageSize={25}
      toolbar={
        <Menu position="bottom-start" closeOnItemClick={false} withinPortal>
          <Menu.Target>
            <Button
              variant="default"
              size="sm"
              leftSection={<IconColumns size={16} />}
              data-testid="metric-columns"
            >
              Metrics: {shown.length} of {COLUMNS.length}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Columns shown</Menu.Label>
            {COLUMNS.map(({ key }) => (
              <Menu.Item
                key={key}
                onClick={() => setShown((s) => toggleMetric(s, key))}
                leftSection={
                  shown.includes(key) ? <IconCheck size={14} /> : <span style={{ width: 14 }} aria-hidden />
                }
              >
                {METRIC_BY_KEY[key].label}
                <VisuallyHidden>{shown.includes(key) ? ' (shown)' : ' (hidden)'}</VisuallyHidden>
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      }
    />
  );
}

function Communities(props: { data: MapReport; directory: ActorDirectory; ecosystemId: string }) {
  const { data, directory, ecosystemId } = props;
  const n = data.network;
  const chart = n.communities.slice(0, 24).map((c) => ({
    community: `${c.id + 1}`,
    inside: c.internalTies,
    leaving: c.externalTies,
  }));
  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" h="100%">
            <Group gap={6} mb={4}>
              <Text fz="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.05em' }}>
                Modularity
              </Text>
              <InfoTip label={n.definitions.modularity ?? ''} />
            </Group>
            <Text fz={30} fw={700} lh={1.2} data-testid="modularity">
              {n.modularity.toLocaleString('en', { maximumFractionDigits: 3 })}
            </Text>
            <Text fz="sm" mt={6}>
              {plural(n.communities.length, 'community', 'communities')}:{' '}
              {modularityWords(n.modularity, n.communities.length)}.
            </Text>
            <Text fz="sm" c="dimmed" mt="xs">
              Modularity compares the ties inside communities with what chance would give: 0 means no
              grouping, above about 0.3 the groups are real. Silos are communities that keep nearly all their
              ties to themselves.
            </Text>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" h="100%">
            <Text fz="sm" fw={600} mb="xs">
              Ties inside each community and ties leaving it
            </Text>
            <BarChart
              h={220}
              data={chart}
              dataKey="community"
              type="stacked"
              series={[
                { name: 'inside', label: 'Ties inside', color: 'brand.6' },
                { name: 'leaving', label: 'Ties leaving', color: 'orange.5' },
              ]}
              withLegend
              legendProps={{ verticalAlign: 'bottom', height: 30 }}
              xAxisLabel="Community"
              tickLine="none"
              yAxisProps={{ allowDecimals: false, width: 36, interval: 0 }}
              role="img"
              aria-label="Bar chart of ties inside each community and ties leaving it"
            />
          </Paper>
        </Grid.Col>
      </Grid>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="communities">
        {n.communities.map((c) => (
          <Paper key={c.id} withBorder p="md" data-testid="community-card">
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Group gap={8} wrap="nowrap">
                <span
                  className="vw-dot"
                  style={{ background: communityColor(c.id), width: 12, height: 12 }}
                  aria-hidden
                />
                <Text fw={650}>{communityLabel(c.id)}</Text>
                <Badge color="gray" tt="none">
                  {plural(c.size, 'actor')}
                </Badge>
              </Group>
              {c.silo && (
                <Badge color="grape" c={ink('grape')} tt="none">
                  Silo
                </Badge>
              )}
            </Group>
            <Group justify="space-between" mb={4}>
              <Text fz="xs" c="dimmed">
                {plural(c.internalTies, 'tie')} inside · {plural(c.externalTies, 'tie')} out
              </Text>
              <Text fz="xs" fw={600}>
                {Math.round(c.externalShare * 100)}% leave
              </Text>
            </Group>
            <Progress
              value={c.externalShare * 100}
              color={c.silo ? 'grape' : 'orange'}
              size="sm"
              mb="sm"
              aria-label={`${Math.round(c.externalShare * 100)}% of its ties leave it`}
            />
            {c.connectors.length > 0 && (
              <Stack gap={2} mb="xs">
                <Text fz="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
                  Links out run through
                </Text>
                <ActorLinks ecosystemId={ecosystemId} ids={c.connectors} directory={directory} max={3} />
              </Stack>
            )}
            <Stack gap={2}>
              <Text fz="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
                Members
              </Text>
              <ActorLinks ecosystemId={ecosystemId} ids={c.members} directory={directory} max={8} />
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function SilosAndBrokers(props: { data: MapReport; directory: ActorDirectory; ecosystemId: string }) {
  const { data, directory, ecosystemId } = props;
  const n = data.network;
  return (
    <Stack gap="xl">
      <div>
        <SectionTitle title="Silos" description={n.definitions.silo} />
        {n.silos.length === 0 ? (
          <Paper withBorder p="md" data-testid="no-silos">
            <Group gap="sm" wrap="nowrap">
              <IconCircles size={20} color="var(--mantine-color-teal-7)" aria-hidden />
              <Text fz="sm">
                No silo: every community keeps at least a tenth of its ties to the rest of the ecosystem.
              </Text>
            </Group>
          </Paper>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {n.silos.map((s) => (
              <Paper key={s.community} withBorder p="md" data-testid="silo">
                <Group gap={8} mb={6}>
                  <span className="vw-dot" style={{ background: communityColor(s.community) }} aria-hidden />
                  <Text fw={650}>{communityLabel(s.community)}</Text>
                  <Badge color="grape" c={ink('grape')} tt="none">
                    {Math.round(s.externalShare * 100)}% of ties leave
                  </Badge>
                </Group>
                <Text fz="sm" mb={6}>
                  {plural(s.size, 'actor')} with {plural(s.internalTies, 'tie')} among themselves and{' '}
                  {plural(s.externalTies, 'tie')} to the rest.{' '}
                  {s.connectors.length > 0
                    ? `Its links out run through ${listNames(s.connectors.map(directory.name))}: introductions from them would open it up.`
                    : 'Nothing connects it to the rest: an introduction is the first step.'}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </div>
      <div>
        <SectionTitle
          title="Brokers"
          description="Actors tied into communities other than their own, most communities first, then by betweenness. They carry information and introductions between groups."
        />
        <SortableTable
          testId="brokers"
          caption="Brokers"
          rows={n.brokers}
          rowKey={(b) => b.actor}
          initialSort={null}
          empty={
            <Text c="dimmed" ta="center" py="xl" fz="sm">
              No broker: no actor has ties into a community other than its own.
            </Text>
          }
          columns={[
            {
              key: 'actor',
              header: 'Actor',
              sortValue: (b) => directory.name(b.actor),
              render: (b) => (
                <ActorLink ecosystemId={ecosystemId} id={b.actor} directory={directory} fw={600} />
              ),
            },
            {
              key: 'reach',
              header: 'Communities reached',
              sortValue: (b) => b.communities.length,
              descendingFirst: true,
              render: (b) => (
                <Group gap={4}>
                  {b.communities.map((c) => (
                    <Tooltip
                      key={c}
                      label={c === b.community ? `${communityLabel(c)} (its own)` : communityLabel(c)}
                    >
                      <Badge
                        variant={c === b.community ? 'filled' : 'light'}
                        color="gray"
                        leftSection={
                          <span
                            className="vw-dot"
                            style={{ background: communityColor(c), width: 8, height: 8 }}
                            aria-hidden
                          />
                        }
                        tt="none"
                        c={c === b.community ? 'white' : 'dark'}
                        styles={
                          c === b.community
                            ? { root: { background: 'var(--mantine-color-gray-7)' } }
                            : undefined
                        }
                      >
                        {c + 1}
                      </Badge>
                    </Tooltip>
                  ))}
                </Group>
              ),
            },
            {
              key: 'external',
              header: 'Ties across',
              help: 'Its ties to actors of other communities.',
              sortValue: (b) => b.externalTies,
              descendingFirst: true,
              align: 'right',
              render: (b) => <Text fz="sm">{b.externalTies}</Text>,
            },
            {
              key: 'betweenness',
              header: 'Betweenness',
              help: metricHelp('betweenness', n.definitions),
              sortValue: (b) => b.betweenness,
              descendingFirst: true,
              align: 'right',
              render: (b) => (
                <Text fz="sm" ff="monospace">
                  {formatMetric('betweenness', b.betweenness)}
                </Text>
              ),
            },
          ]}
        />
      </div>
    </Stack>
  );
}

function WeakPoints(props: { data: MapReport; directory: ActorDirectory; ecosystemId: string }) {
  const { data, directory, ecosystemId } = props;
  const n = data.network;
  const base = `/e/${encodeURIComponent(ecosystemId)}`;
  const cut = useMemo(() => new Map(data.criticality.map((c) => [c.actor, c.cutOff])), [data.criticality]);
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <SectionTitle
          title="Single points of failure"
          description={`${n.definitions.articulationPoints ?? ''} Strengthen the ties around them, or find a second route.`}
        />
        {n.articulationPoints.length === 0 ? (
          <Paper withBorder p="md">
            <Text fz="sm">None: no single actor's exit would split the network.</Text>
          </Paper>
        ) : (
          <Stack gap="xs" data-testid="articulation-points">
            {[...n.articulationPoints]
              .sort((x, y) => (cut.get(y) ?? 0) - (cut.get(x) ?? 0))
              .slice(0, 100)
              .map((a) => {
                const k = cut.get(a) ?? 0;
                return (
                  <Paper key={a} withBorder p="sm">
                    <Group justify="space-between" wrap="nowrap" gap="sm">
                      <Stack gap={2} style={{ minWidth: 0 }}>
                        <ActorLink ecosystemId={ecosystemId} id={a} directory={directory} fw={600} />
                        <Text fz="xs" c="dimmed">
                          {k > 0
                            ? `Its exit would cut ${plural(k, 'actor')} off from the rest.`
                            : 'Its exit would split its part of the network.'}
                        </Text>
                      </Stack>
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconUserMinus size={14} />}
                        component={Link}
                        to={`${base}/what-if?actors=${encodeURIComponent(a)}`}
                        style={{ flex: 'none' }}
                      >
                        Simulate exit
                      </Button>
                    </Group>
                  </Paper>
                );
              })}
            {n.articulationPoints.length > 100 && (
              <Text fz="xs" c="dimmed">
                and {n.articulationPoints.length - 100} more
              </Text>
            )}
          </Stack>
        )}
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <SectionTitle
          title="Bridges"
          description={`${n.definitions.bridges ?? ''} If the relationship ends, the two sides lose their only link.`}
        />
        {n.bridges.length === 0 ? (
          <Paper withBorder p="md">
            <Text fz="sm">None: every relationship has an alternative route.</Text>
          </Paper>
        ) : (
          <Stack gap="xs" data-testid="bridges">
            {n.bridges.slice(0, 100).map((b) => (
              <Paper key={`${b.from}|${b.to}`} withBorder p="sm">
                <Group gap="xs" wrap="wrap">
                  <IconLink size={16} color="var(--mantine-color-gray-6)" aria-hidden />
                  <ActorLink ecosystemId={ecosystemId} id={b.from} directory={directory} />
                  <IconRoute size={14} color="var(--mantine-color-gray-5)" role="img" aria-label="tied to" />
                  <ActorLink ecosystemId={ecosystemId} id={b.to} directory={directory} />
                </Group>
              </Paper>
            ))}
            {n.bridges.length > 100 && (
              <Text fz="xs" c="dimmed">
                and {n.bridges.length - 100} more
              </Text>
            )}
          </Stack>
        )}
        {n.isolates.length > 0 && (
          <Stack gap={4} mt="lg">
            <SectionTitle title="Isolated actors" description="Actors with no relationship at all." />
            <ActorLinks ecosystemId={ecosystemId} ids={n.isolates} directory={directory} max={12} />
          </Stack>
        )}
      </Grid.Col>
    </Grid>
  );
}
