/**
 * Gaps and opportunities: needs nobody provides, needs only one actor
 * provides, needs provided only out of reach; ranked "introduce A to B"
 * suggestions with the reason in words; the coverage of every need.
 */
import {
  Badge,
  Button,
  Container,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconArrowRight,
  IconBulb,
  IconChartDots3,
  IconCircleOff,
  IconLink,
  IconPlugConnectedX,
  IconSearch,
  IconUserExclamation,
  IconUsers,
} from '@tabler/icons-react';
import type { Gap, MapReport, NeedCoverage, Opportunity } from '@valueweb/core';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { OPPORTUNITY_LIMIT, useMapAnalysis } from '../api/map-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { plural } from '../lib/format.ts';
import { describeGap, describeOpportunity, proximityLabel, type GapKind } from '../lib/map-insights.ts';
import {
  ActorLink,
  ActorLinks,
  AnalysisState,
  SectionTitle,
  SortableTable,
  StatCard,
  useActorDirectory,
  type ActorDirectory,
} from './shared.tsx';
import { ink } from '../lib/ink.ts';

const GAP_KINDS: { kind: GapKind; title: string; hint: string; color: string; icon: ReactNode }[] = [
  {
    kind: 'unprovided',
    title: 'Nobody provides',
    hint: 'Needs no actor in the ecosystem lists as a capability.',
    color: 'red',
    icon: <IconCircleOff size={18} />,
  },
  {
    kind: 'singleProvider',
    title: 'Only one provider',
    hint: 'Needs exactly one actor provides: a dependency if it leaves.',
    color: 'orange',
    icon: <IconUserExclamation size={18} />,
  },
  {
    kind: 'outOfReach',
    title: 'Out of reach',
    hint: 'Provided, but some actors that need it have no provider within two steps.',
    color: 'yellow',
    icon: <IconPlugConnectedX size={18} />,
  },
];

const PROXIMITY_COLOR: Record<Opportunity['proximity'], string> = {
  'mutual-contact': 'teal',
  'same-network': 'blue',
  'not-connected': 'gray',
};

export default function GapsPage() {
  const { id, ecosystem } = useCurrentEcosystem();
  const analysis = useMapAnalysis(id);
  const directory = useActorDirectory(id);
  const base = `/e/${encodeURIComponent(id)}`;
  const data = analysis.data;
  return (
    <Container size="xl" py="xl">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: base }, { label: 'Map' }, { label: 'Gaps & opportunities' }]}
        title="Gaps and opportunities"
        description="What the ecosystem needs and cannot get, where it depends on a single actor, and which introductions would close the gaps. A need matches a capability with the same label (ignoring case)."
        actions={
          <Button
            component={Link}
            to={`${base}/actors`}
            variant="default"
            leftSection={<IconUsers size={16} />}
          >
            Edit capabilities and needs
          </Button>
        }
      />
      <AnalysisState
        isPending={analysis.isPending}
        error={analysis.error}
        onRetry={() => void analysis.refetch()}
        label="Looking for gaps and opportunities…"
        empty={!data || Object.keys(data.network.actors).length === 0}
      >
        {() => data && <GapsBody data={data} directory={directory} ecosystemId={id} />}
      </AnalysisState>
    </Container>
  );
}

function GapsBody(props: { data: MapReport; directory: ActorDirectory; ecosystemId: string }) {
  const { data, directory, ecosystemId } = props;
  const { gaps, opportunities, coverage } = data;
  if (coverage.length === 0)
    return (
      <Paper withBorder p="xl" ta="center" data-testid="no-needs">
        <Stack align="center" gap="xs">
          <ThemeIcon size={48} radius="xl" variant="light">
            <IconBulb size={26} />
          </ThemeIcon>
          <Text fw={650}>No needs recorded yet</Text>
          <Text fz="sm" c="dimmed" maw={520}>
            Gaps and introductions come from what actors need and what they can offer. Add needs and
            capabilities to the actors, and this page shows what is missing and who should meet whom.
          </Text>
          <Button component={Link} to={`/e/${encodeURIComponent(ecosystemId)}/actors`} mt="xs">
            Go to the actors
          </Button>
        </Stack>
      </Paper>
    );
  return (
    <Stack gap="xl">
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm">
        {GAP_KINDS.map((g) => (
          <StatCard
            key={g.kind}
            label={g.title}
            value={gaps[g.kind].length}
            hint={g.hint}
            icon={g.icon}
            color={g.color}
            testId={`gap-count-${g.kind}`}
          />
        ))}
        <StatCard
          label="Introductions"
          value={opportunities.length >= OPPORTUNITY_LIMIT ? `${OPPORTUNITY_LIMIT}+` : opportunities.length}
          hint={
            opportunities.length >= OPPORTUNITY_LIMIT
              ? `Pairs not yet tied where one provides what the other needs; the best ${OPPORTUNITY_LIMIT} are listed.`
              : 'Pairs not yet tied where one provides what the other needs.'
          }
          icon={<IconBulb size={18} />}
          color="teal"
          testId="opportunity-count"
        />
      </SimpleGrid>

      <section aria-labelledby="gaps-title">
        <SectionTitle
          id="gaps-title"
          title="Value gaps"
          description={`${plural(coverage.length, 'need')} in the ecosystem. A need can be both single-provider and out of reach.`}
        />
        <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md" style={{ alignItems: 'start' }}>
          {GAP_KINDS.map((g) => (
            <GapColumn
              key={g.kind}
              kind={g.kind}
              title={g.title}
              color={g.color}
              icon={g.icon}
              gaps={gaps[g.kind]}
              directory={directory}
              ecosystemId={ecosystemId}
            />
          ))}
        </SimpleGrid>
      </section>

      <section aria-labelledby="opportunities-title">
        <Opportunities opportunities={opportunities} directory={directory} ecosystemId={ecosystemId} />
      </section>

      <section aria-labelledby="coverage-title">
        <SectionTitle
          id="coverage-title"
          title="Coverage of every need"
          description="Who needs what, who provides it, and who has no provider within two steps (a direct tie or a tie of a tie)."
        />
        <CoverageTable coverage={coverage} directory={directory} ecosystemId={ecosystemId} />
      </section>
    </Stack>
  );
}

function GapColumn(props: {
  kind: GapKind;
  title: string;
  color: string;
  icon: ReactNode;
  gaps: Gap[];
  directory: ActorDirectory;
  ecosystemId: string;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? props.gaps : props.gaps.slice(0, 5);
  return (
    <Paper withBorder p="md" data-testid={`gaps-${props.kind}`}>
      <Group gap="xs" mb="sm">
        <ThemeIcon variant="light" color={props.color} size={28}>
          {props.icon}
        </ThemeIcon>
        <Text fw={650}>{props.title}</Text>
        <Badge color={props.color} c={ink(props.color)} variant="light" tt="none">
          {props.gaps.length}
        </Badge>
      </Group>
      {props.gaps.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {props.kind === 'unprovided'
            ? 'None: every need has at least one provider.'
            : props.kind === 'singleProvider'
              ? 'None: every provided need has two or more providers.'
              : 'None: every actor has a provider within two steps for each of its needs.'}
        </Text>
      ) : (
        <Stack gap="sm">
          {shown.map((gap) => (
            <Paper
              key={gap.need}
              p="sm"
              bg="gray.0"
              data-testid="gap"
              style={{ borderLeft: `3px solid var(--mantine-color-${props.color}-5)` }}
            >
              <Text fw={650} fz="sm" mb={4}>
                {gap.need}
              </Text>
              <Stack gap={4}>
                <Group gap={6} align="flex-start" wrap="nowrap">
                  <Text fz="xs" c="dimmed" w={72} style={{ flex: 'none' }} mt={2}>
                    {props.kind === 'outOfReach' ? 'Out of reach' : 'Needed by'}
                  </Text>
                  <ActorLinks
                    ecosystemId={props.ecosystemId}
                    ids={gap.neededBy}
                    directory={props.directory}
                    max={4}
                  />
                </Group>
                {gap.providers.length > 0 && (
                  <Group gap={6} align="flex-start" wrap="nowrap">
                    <Text fz="xs" c="dimmed" w={72} style={{ flex: 'none' }} mt={2}>
                      {gap.providers.length === 1 ? 'Provider' : 'Providers'}
                    </Text>
                    <ActorLinks
                      ecosystemId={props.ecosystemId}
                      ids={gap.providers}
                      directory={props.directory}
                      max={4}
                    />
                  </Group>
                )}
              </Stack>
              <Text fz="xs" c="dimmed" mt={6}>
                {describeGap(props.kind, gap, props.directory.name)}
              </Text>
            </Paper>
          ))}
          {props.gaps.length > 5 && (
            <Button variant="subtle" size="xs" onClick={() => setAll((a) => !a)}>
              {all ? 'Show fewer' : `Show all ${props.gaps.length}`}
            </Button>
          )}
        </Stack>
      )}
    </Paper>
  );
}

type ProximityFilter = 'all' | Opportunity['proximity'];

function Opportunities(props: {
  opportunities: Opportunity[];
  directory: ActorDirectory;
  ecosystemId: string;
}) {
  const { opportunities, directory, ecosystemId } = props;
  const [proximity, setProximity] = useState<ProximityFilter>('all');
  const [q, setQ] = useState('');
  const [limit, setLimit] = useState(10);
  const filtered = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return opportunities
      .map((o, i) => ({ o, rank: i + 1 }))
      .filter(({ o }) => proximity === 'all' || o.proximity === proximity)
      .filter(
        ({ o }) =>
          !needle ||
          [o.from, o.to, directory.name(o.from), directory.name(o.to), ...o.needs].some((s) =>
            s.toLowerCase().includes(needle),
          ),
      );
  }, [opportunities, proximity, q, directory]);
  const counts = useMemo(() => {
    const c: Record<string, number> = { 'mutual-contact': 0, 'same-network': 0, 'not-connected': 0 };
    for (const o of opportunities) c[o.proximity] = (c[o.proximity] ?? 0) + 1;
    return c;
  }, [opportunities]);
  return (
    <>
      <SectionTitle
        id="opportunities-title"
        title="Introductions to make"
        description="Ranked by how many needs the introduction covers, then by how easy it is: through a mutual contact first. Score = needs covered + 0.5 with a mutual contact, + 0.25 in the same network."
      />
      {opportunities.length === 0 ? (
        <Paper withBorder p="md" data-testid="no-opportunities">
          <Text fz="sm">
            No introduction to suggest: every actor is already tied to the providers of what it needs, or
            nobody provides it.
          </Text>
        </Paper>
      ) : (
        <Stack gap="sm">
          <Group gap="sm" wrap="wrap">
            <SegmentedControl
              size="xs"
              value={proximity}
              onChange={(v) => {
                setProximity(v);
                setLimit(10);
              }}
              aria-label="Filter introductions by how close the two actors are"
              data={[
                { value: 'all', label: `All (${opportunities.length})` },
                { value: 'mutual-contact', label: `Two steps (${counts['mutual-contact']})` },
                { value: 'same-network', label: `Further (${counts['same-network']})` },
                { value: 'not-connected', label: `Not connected (${counts['not-connected']})` },
              ]}
            />
            <TextInput
              size="xs"
              placeholder="Actor or need"
              aria-label="Search introductions by actor or need"
              leftSection={<IconSearch size={14} />}
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                setLimit(10);
              }}
              w={220}
            />
          </Group>
          {filtered.length === 0 && (
            <Text fz="sm" c="dimmed" py="md">
              No introduction matches.
            </Text>
          )}
          {filtered.slice(0, limit).map(({ o, rank }) => (
            <Paper key={`${o.from}|${o.to}`} withBorder p="md" data-testid="opportunity">
              <Group align="flex-start" wrap="nowrap" gap="md">
                <ThemeIcon variant="light" color="teal" radius="xl" size={34} style={{ flex: 'none' }}>
                  <Text fz="sm" fw={700} c={ink('teal')}>
                    <VisuallyHidden>Rank </VisuallyHidden>
                    {rank}
                  </Text>
                </ThemeIcon>
                <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
                  <Group gap={8} wrap="wrap">
                    <Text fz="sm" c="dimmed">
                      Introduce
                    </Text>
                    <ActorLink ecosystemId={ecosystemId} id={o.from} directory={directory} fw={650} />
                    <IconArrowRight size={14} role="img" aria-label="to" />
                    <ActorLink ecosystemId={ecosystemId} id={o.to} directory={directory} fw={650} />
                  </Group>
                  <Group gap={6} wrap="wrap">
                    {o.needs.map((n) => (
                      <Badge key={n} variant="outline" color="brand.9" tt="none" fw={500}>
                        {n}
                      </Badge>
                    ))}
                    <Badge
                      color={PROXIMITY_COLOR[o.proximity]}
                      c={ink(PROXIMITY_COLOR[o.proximity])}
                      tt="none"
                      leftSection={<IconLink size={12} />}
                    >
                      {proximityLabel(o.proximity)}
                    </Badge>
                  </Group>
                  <Text fz="sm">{describeOpportunity(o, directory.name)}</Text>
                </Stack>
                <Tooltip
                  label={`${o.needs.length} ${o.needs.length === 1 ? 'need' : 'needs'} covered${
                    o.proximity === 'mutual-contact'
                      ? ' + 0.5 for a mutual contact'
                      : o.proximity === 'same-network'
                        ? ' + 0.25 for being in the same network'
                        : ' + 0 (not connected)'
                  }`}
                >
                  <Badge size="lg" variant="light" color="gray" style={{ flex: 'none' }} tt="none">
                    score {o.score}
                  </Badge>
                </Tooltip>
              </Group>
            </Paper>
          ))}
          {filtered.length > limit && (
            <Group justify="center">
              <Button variant="default" size="sm" onClick={() => setLimit((l) => l + 20)}>
                Show more ({filtered.length - limit} left)
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </>
  );
}

type Status = 'unprovided' | 'single' | 'out-of-reach' | 'covered';

const statusOf = (c: NeedCoverage): Status =>
  c.providers.length === 0
    ? 'unprovided'
    : c.outOfReach.length > 0
      ? 'out-of-reach'
      : c.providers.length === 1
        ? 'single'
        : 'covered';

const STATUS: Record<Status, { label: string; color: string; order: number }> = {
  unprovided: { label: 'Nobody provides', color: 'red', order: 0 },
  single: { label: 'One provider', color: 'orange', order: 1 },
  'out-of-reach': { label: 'Out of reach for some', color: 'yellow', order: 2 },
  covered: { label: 'Covered', color: 'teal', order: 3 },
};

function CoverageTable(props: { coverage: NeedCoverage[]; directory: ActorDirectory; ecosystemId: string }) {
  const { directory, ecosystemId } = props;
  return (
    <SortableTable
      testId="coverage"
      caption="Coverage of every need"
      rows={props.coverage}
      rowKey={(c) => c.need}
      searchText={(c) =>
        `${c.need} ${c.neededBy.map(directory.name).join(' ')} ${c.providers.map(directory.name).join(' ')}`
      }
      searchPlaceholder="Find a need or an actor"
      pageSize={15}
      columns={[
        {
          key: 'need',
          header: 'Need',
          sortValue: (c) => c.need,
          render: (c) => (
            <Text fz="sm" fw={600}>
              {c.need}
            </Text>
          ),
        },
        {
          key: 'status',
          header: 'Status',
          sortValue: (c) => STATUS[statusOf(c)].order,
          render: (c) => {
            const s = STATUS[statusOf(c)];
            return (
              <Tooltip label={c.explanation} multiline w={320}>
                <Badge color={s.color} c={ink(s.color)} tt="none" style={{ cursor: 'help' }}>
                  {s.label}
                </Badge>
              </Tooltip>
            );
          },
        },
        {
          key: 'neededBy',
          header: 'Needed by',
          sortValue: (c) => c.neededBy.length,
          descendingFirst: true,
          render: (c) => (
            <ActorLinks ecosystemId={ecosystemId} ids={c.neededBy} directory={directory} max={3} />
          ),
        },
        {
          key: 'providers',
          header: 'Provided by',
          sortValue: (c) => c.providers.length,
          descendingFirst: true,
          visibleFrom: 'sm',
          render: (c) => (
            <ActorLinks
              ecosystemId={ecosystemId}
              ids={c.providers}
              directory={directory}
              max={3}
              empty="nobody"
            />
          ),
        },
        {
          key: 'outOfReach',
          header: 'Out of reach',
          help: 'Actors that need it with no provider within two steps.',
          sortValue: (c) => c.outOfReach.length,
          descendingFirst: true,
          align: 'right',
          visibleFrom: 'md',
          render: (c) => (
            <Text fz="sm" c={c.outOfReach.length ? undefined : 'dimmed'}>
              {c.providers.length === 0 ? '—' : c.outOfReach.length}
            </Text>
          ),
        },
        {
          key: 'map',
          header: 'Map',
          width: 44,
          render: (c) =>
            c.providers[0] ? (
              <Tooltip label={`Show ${directory.name(c.providers[0])} on the map`}>
                <Button
                  component={Link}
                  to={`/e/${encodeURIComponent(ecosystemId)}/map?focus=${encodeURIComponent(c.providers[0])}`}
                  variant="subtle"
                  size="compact-sm"
                  px={6}
                  aria-label={`Show ${directory.name(c.providers[0])} on the map`}
                >
                  <IconChartDots3 size={16} />
                </Button>
              </Tooltip>
            ) : null,
        },
      ]}
    />
  );
}
