/**
 * What-if: choose one or several actors and see what the ecosystem loses if
 * they leave, before and after side by side; and every actor's criticality,
 * with "simulate exit" per row.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Container,
  Group,
  Loader,
  MultiSelect,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowRight,
  IconChartDots3,
  IconPlus,
  IconTopologyStar3,
  IconUserMinus,
  IconUsersMinus,
  IconX,
} from '@tabler/icons-react';
import type { CriticalityEntry, ExitImpact, MapReport } from '@valueweb/core';
import { useMemo, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMapAnalysis, useWhatIf } from '../api/map-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorAlert } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { plural } from '../lib/format.ts';
import { describeCriticality, describeExit, exitFigures, parseIdList } from '../lib/map-insights.ts';
import {
  ActorLink,
  ActorLinks,
  AnalysisState,
  SectionTitle,
  SortableTable,
  useActorDirectory,
  type ActorDirectory,
} from './shared.tsx';
import { ink } from '../lib/ink.ts';

export default function WhatIfPage() {
  const { id, ecosystem } = useCurrentEcosystem();
  const analysis = useMapAnalysis(id);
  const directory = useActorDirectory(id);
  const [params, setParams] = useSearchParams();
  const selected = useMemo(() => parseIdList(params.get('actors')), [params]);
  const top = useRef<HTMLDivElement>(null);
  const base = `/e/${encodeURIComponent(id)}`;
  const data = analysis.data;

  const choose = (ids: string[], scroll = false) => {
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (ids.length) n.set('actors', ids.join(','));
        else n.delete('actors');
        return n;
      },
      { replace: true },
    );
    if (scroll) top.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <Container size="xl" py="xl">
      <div ref={top} />
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: base }, { label: 'Map' }, { label: 'What-if' }]}
        title="What if they leave?"
        description="Simulate the exit of one or several actors: the capabilities nobody else provides, the actors cut off, the network before and after, and the partnerships that lose a member. Nothing is changed."
      />
      <AnalysisState
        isPending={analysis.isPending}
        error={analysis.error}
        onRetry={() => void analysis.refetch()}
        label="Loading the actors and their criticality…"
        empty={!data || Object.keys(data.network.actors).length === 0}
      >
        {() =>
          data && (
            <Stack gap="xl">
              <Scenario
                data={data}
                directory={directory}
                ecosystemId={id}
                selected={selected}
                onChange={choose}
              />
              <section aria-labelledby="criticality-title">
                <SectionTitle
                  id="criticality-title"
                  title="Criticality of every actor"
                  description="Score = actors its exit would cut off + capabilities only it provides + other actors that need one of those. Ties: more relationships first."
                />
                <CriticalityTable
                  entries={data.criticality}
                  directory={directory}
                  ecosystemId={id}
                  selected={selected}
                  onSimulate={(a) => choose([a], true)}
                  onAdd={(a) => choose([...selected, a], true)}
                />
              </section>
            </Stack>
          )
        }
      </AnalysisState>
    </Container>
  );
}

function Scenario(props: {
  data: MapReport;
  directory: ActorDirectory;
  ecosystemId: string;
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const { data, directory, ecosystemId, selected } = props;
  const known = useMemo(() => new Set(Object.keys(data.network.actors)), [data]);
  const valid = useMemo(() => selected.filter((a) => known.has(a)), [selected, known]);
  const impact = useWhatIf(ecosystemId, valid);
  const options = useMemo(
    () =>
      Object.keys(data.network.actors)
        .map((a) => ({ value: a, label: directory.name(a) }))
        .sort((x, y) => x.label.localeCompare(y.label)),
    [data, directory],
  );
  const suggestions = data.criticality.filter((c) => c.score > 0).slice(0, 4);
  const actors = Object.keys(data.network.actors).length;

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <MultiSelect
            label="Actors who leave"
            placeholder={valid.length ? 'Add another actor' : 'Search actors by name'}
            data={options}
            value={valid}
            onChange={props.onChange}
            searchable
            clearable
            nothingFoundMessage="No actor with that name"
            maxDropdownHeight={280}
            style={{ flex: '1 1 360px' }}
            comboboxProps={{ withinPortal: true }}
            data-testid="what-if-actors"
            hidePickedOptions
            limit={50}
          />
          {valid.length > 0 && (
            <Button variant="default" leftSection={<IconX size={16} />} onClick={() => props.onChange([])}>
              Clear
            </Button>
          )}
        </Group>
        {valid.length === 0 && suggestions.length > 0 && (
          <Group gap="xs" mt="sm" wrap="wrap">
            <Text fz="sm" c="dimmed">
              Try the most critical:
            </Text>
            {suggestions.map((s) => (
              <Button
                key={s.actor}
                size="compact-sm"
                variant="default"
                leftSection={<IconUserMinus size={14} />}
                onClick={() => props.onChange([s.actor])}
                data-testid="what-if-suggestion"
              >
                {directory.name(s.actor)}
              </Button>
            ))}
          </Group>
        )}
      </Paper>

      {valid.length === 0 ? (
        <Paper withBorder p="xl" data-testid="what-if-empty">
          <Stack align="center" gap="xs" ta="center">
            <ThemeIcon size={48} radius="xl" variant="light" color="orange">
              <IconUsersMinus size={26} />
            </ThemeIcon>
            <Text fw={650}>Choose who leaves</Text>
            <Text fz="sm" c="dimmed" maw={520}>
              Pick one or several actors above, or press “Simulate exit” on a row of the criticality ranking
              below, to see what the ecosystem would lose.
            </Text>
          </Stack>
        </Paper>
      ) : impact.isError ? (
        <ErrorAlert
          error={impact.error}
          title="Could not simulate the exit"
          onRetry={() => void impact.refetch()}
        />
      ) : !impact.data ? (
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" aria-busy="true">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} h={112} radius="md" />
          ))}
        </SimpleGrid>
      ) : (
        <div
          style={{ opacity: impact.isPlaceholderData ? 0.55 : 1, transition: 'opacity 120ms' }}
          aria-busy={impact.isFetching}
        >
          <Impact
            impact={impact.data}
            actors={actors}
            ties={data.network.ties}
            directory={directory}
            ecosystemId={ecosystemId}
            fetching={impact.isFetching}
          />
        </div>
      )}
    </Stack>
  );
}

const fmt = (key: string, v: number) =>
  key === 'averagePathLength' ? v.toLocaleString('en', { maximumFractionDigits: 2 }) : v.toLocaleString('en');

function Impact(props: {
  impact: ExitImpact;
  actors: number;
  ties: number;
  directory: ActorDirectory;
  ecosystemId: string;
  fetching: boolean;
}) {
  const { impact, directory, ecosystemId } = props;
  const figures = exitFigures(impact, props.actors, props.ties);
  return (
    <Stack gap="md" data-testid="what-if-result">
      <Paper withBorder p="md" bg="orange.0" style={{ borderColor: 'var(--mantine-color-orange-3)' }}>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          {props.fetching ? (
            <Loader size="sm" mt={2} />
          ) : (
            <IconUsersMinus size={20} style={{ flex: 'none', marginTop: 2 }} />
          )}
          <Text fz="sm" data-testid="what-if-summary">
            {describeExit(impact, directory.name)}
          </Text>
        </Group>
      </Paper>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        {figures.map((f) => {
          const delta = f.after - f.before;
          const changed = Math.abs(delta) > 1e-9;
          return (
            <Paper key={f.key} withBorder p="md" data-testid={`what-if-${f.key}`}>
              <Tooltip label={f.hint} multiline w={260}>
                <Text
                  fz="xs"
                  c="dimmed"
                  fw={600}
                  tt="uppercase"
                  style={{ letterSpacing: '0.05em', cursor: 'help' }}
                >
                  {f.label}
                </Text>
              </Tooltip>
              <Group gap={8} mt={6} wrap="nowrap" align="baseline">
                <Stack gap={0}>
                  <Text fz={11} c="dimmed">
                    Before
                  </Text>
                  <Text fz={22} fw={600} c="dimmed">
                    {fmt(f.key, f.before)}
                  </Text>
                </Stack>
                <IconArrowRight
                  size={16}
                  color="var(--mantine-color-gray-5)"
                  role="img"
                  aria-label="becomes"
                />
                <Stack gap={0}>
                  <Text fz={11} c="dimmed">
                    After
                  </Text>
                  <Text fz={22} fw={700} c={f.worse ? ink('red') : undefined}>
                    {fmt(f.key, f.after)}
                  </Text>
                </Stack>
              </Group>
              <Badge
                mt={6}
                color={!changed ? 'gray' : f.worse ? 'red' : 'teal'}
                c={ink(!changed ? 'gray' : f.worse ? 'red' : 'teal')}
                variant="light"
                tt="none"
              >
                {!changed ? 'no change' : `${delta > 0 ? '+' : '−'}${fmt(f.key, Math.abs(delta))}`}
              </Badge>
            </Paper>
          );
        })}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Paper withBorder p="md" data-testid="what-if-capabilities">
          <Group gap="xs" mb="sm">
            <Text fw={650}>Capabilities lost</Text>
            <Badge
              color={impact.lostCapabilities.length ? 'red' : 'gray'}
              c={ink(impact.lostCapabilities.length ? 'red' : 'gray')}
              tt="none"
            >
              {impact.lostCapabilities.length}
            </Badge>
          </Group>
          {impact.lostCapabilities.length === 0 ? (
            <Text fz="sm" c="dimmed">
              None: every capability of the actors who leave is also provided by someone who stays.
            </Text>
          ) : (
            <Stack gap="sm">
              {impact.lostCapabilities.map((c) => (
                <div key={c.capability}>
                  <Text fz="sm" fw={600}>
                    {c.capability}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {c.neededBy.length
                      ? `Still needed by ${plural(c.neededBy.length, 'actor')}:`
                      : 'No remaining actor needs it.'}
                  </Text>
                  {c.neededBy.length > 0 && (
                    <ActorLinks ecosystemId={ecosystemId} ids={c.neededBy} directory={directory} max={4} />
                  )}
                </div>
              ))}
            </Stack>
          )}
        </Paper>
        <Paper withBorder p="md" data-testid="what-if-cut-off">
          <Group gap="xs" mb="sm">
            <Text fw={650}>Actors cut off</Text>
            <Badge
              color={impact.cutOff.length ? 'red' : 'gray'}
              c={ink(impact.cutOff.length ? 'red' : 'gray')}
              tt="none"
            >
              {impact.cutOff.length}
            </Badge>
          </Group>
          {impact.cutOff.length === 0 ? (
            <Text fz="sm" c="dimmed">
              None: everyone who stays can still reach the rest of their network.
            </Text>
          ) : (
            <>
              <Text fz="xs" c="dimmed" mb={6}>
                They lose their connection to the largest remaining part of their network.
              </Text>
              <ActorLinks ecosystemId={ecosystemId} ids={impact.cutOff} directory={directory} max={12} />
            </>
          )}
        </Paper>
        <Paper withBorder p="md" data-testid="what-if-partnerships">
          <Group gap="xs" mb="sm">
            <Text fw={650}>Partnerships affected</Text>
            <Badge
              color={impact.partnerships.length ? 'orange' : 'gray'}
              c={ink(impact.partnerships.length ? 'orange' : 'gray')}
              tt="none"
            >
              {impact.partnerships.length}
            </Badge>
          </Group>
          {impact.partnerships.length === 0 ? (
            <Text fz="sm" c="dimmed">
              None: no partnership has one of them as a member.
            </Text>
          ) : (
            <Stack gap="sm">
              {impact.partnerships.map((p) => (
                <div key={p.partnership}>
                  <Group gap={6} wrap="wrap">
                    <IconTopologyStar3 size={14} aria-hidden />
                    <Text fz="sm" fw={600}>
                      {p.name}
                    </Text>
                    {p.remaining < 2 && (
                      <Badge size="xs" color="red" c={ink('red')} tt="none">
                        no longer a partnership
                      </Badge>
                    )}
                  </Group>
                  <Text fz="xs" c="dimmed">
                    Loses {p.lost.map(directory.name).join(', ')}; {plural(p.remaining, 'member')} left.
                  </Text>
                </div>
              ))}
            </Stack>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function CriticalityTable(props: {
  entries: CriticalityEntry[];
  directory: ActorDirectory;
  ecosystemId: string;
  selected: string[];
  onSimulate: (actor: string) => void;
  onAdd: (actor: string) => void;
}) {
  const { directory, ecosystemId, selected } = props;
  const chosen = new Set(selected);
  return (
    <SortableTable
      testId="criticality"
      caption="Criticality of every actor"
      rows={props.entries}
      rowKey={(e) => e.actor}
      initialSort={{ key: 'rank', descending: false }}
      searchText={(e) => `${directory.name(e.actor)} ${e.actor} ${e.uniqueCapabilities.join(' ')}`}
      searchPlaceholder="Find an actor or a capability"
      pageSize={20}
      columns={[
        {
          key: 'rank',
          header: 'Rank',
          sortValue: (e) => e.rank,
          width: 64,
          render: (e) => (
            <Text fz="sm" fw={600} c="dimmed">
              {e.rank}
            </Text>
          ),
        },
        {
          key: 'actor',
          header: 'Actor',
          sortValue: (e) => directory.name(e.actor),
          render: (e) => (
            <Stack gap={2} style={{ minWidth: 240 }}>
              <ActorLink ecosystemId={ecosystemId} id={e.actor} directory={directory} fw={600} />
              <Text fz="xs" c="dimmed" lineClamp={2} maw={440} title={describeCriticality(e, directory.name)}>
                {describeCriticality(e, directory.name)}
              </Text>
            </Stack>
          ),
        },
        {
          key: 'score',
          header: 'Score',
          help: 'Actors cut off + capabilities only it provides + other actors needing those.',
          sortValue: (e) => e.score,
          descendingFirst: true,
          align: 'right',
          render: (e) => (
            <Badge
              color={e.score === 0 ? 'gray' : e.score >= 4 ? 'red' : 'orange'}
              c={ink(e.score === 0 ? 'gray' : e.score >= 4 ? 'red' : 'orange')}
              variant="light"
              tt="none"
            >
              {e.score}
            </Badge>
          ),
        },
        {
          key: 'cutOff',
          header: 'Cut off',
          help: 'Actors who would lose their connection to the rest of their network part.',
          sortValue: (e) => e.cutOff,
          descendingFirst: true,
          align: 'right',
          visibleFrom: 'sm',
          render: (e) => <Text fz="sm">{e.cutOff}</Text>,
        },
        {
          key: 'unique',
          header: 'Only provider of',
          sortValue: (e) => e.uniqueCapabilities.length,
          descendingFirst: true,
          visibleFrom: 'md',
          render: (e) =>
            e.uniqueCapabilities.length === 0 ? (
              <Text fz="sm" c="dimmed">
                —
              </Text>
            ) : (
              <Group gap={4}>
                {e.uniqueCapabilities.slice(0, 3).map((c) => (
                  <Badge key={c} variant="outline" color="brand.9" tt="none" fw={500}>
                    {c}
                  </Badge>
                ))}
                {e.uniqueCapabilities.length > 3 && (
                  <Text fz="xs" c="dimmed">
                    +{e.uniqueCapabilities.length - 3}
                  </Text>
                )}
              </Group>
            ),
        },
        {
          key: 'dependents',
          header: 'Dependents',
          help: 'Other actors that need a capability only this actor provides.',
          sortValue: (e) => e.dependents.length,
          descendingFirst: true,
          align: 'right',
          visibleFrom: 'xl',
          render: (e) => <Text fz="sm">{e.dependents.length}</Text>,
        },
        {
          key: 'degree',
          header: 'Ties',
          sortValue: (e) => e.degree,
          descendingFirst: true,
          align: 'right',
          visibleFrom: 'xl',
          render: (e) => <Text fz="sm">{e.degree}</Text>,
        },
        {
          key: 'actions',
          header: 'Simulate',
          align: 'right',
          width: 170,
          render: (e) => (
            <Group gap={4} justify="flex-end" wrap="nowrap">
              <Button
                size="compact-sm"
                variant={chosen.has(e.actor) && selected.length === 1 ? 'filled' : 'default'}
                onClick={() => props.onSimulate(e.actor)}
                data-testid="simulate-exit"
                aria-label={`Simulate exit: ${directory.name(e.actor)}`}
              >
                Simulate exit
              </Button>
              {selected.length > 0 && !chosen.has(e.actor) && (
                <Tooltip label="Add to the actors who leave">
                  <ActionIcon
                    variant="subtle"
                    color="orange"
                    onClick={() => props.onAdd(e.actor)}
                    aria-label={`Add ${directory.name(e.actor)} to the actors who leave`}
                  >
                    <IconPlus size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
              <Tooltip label="Show on the map">
                <ActionIcon
                  component={Link}
                  to={`/e/${encodeURIComponent(ecosystemId)}/map?focus=${encodeURIComponent(e.actor)}`}
                  variant="subtle"
                  color="gray"
                  aria-label={`Show ${directory.name(e.actor)} on the map`}
                >
                  <IconChartDots3 size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ),
        },
      ]}
    />
  );
}
