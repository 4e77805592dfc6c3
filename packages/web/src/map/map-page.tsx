import {
  ActionIcon,
  Autocomplete,
  Button,
  Center,
  Divider,
  Drawer,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconAdjustmentsHorizontal,
  IconChartDots3,
  IconFocusCentered,
  IconMinus,
  IconPlus,
  IconSearch,
} from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Community } from '@valueweb/core';
import { useMapAnalysis } from '../api/map-api.ts';
import { useGraph } from '../api/queries.ts';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import {
  filterOptions,
  isUnfiltered,
  NO_FILTERS,
  searchActors,
  visibleItems,
  type MapFilters,
} from '../lib/graph-filter.ts';
import { plural } from '../lib/format.ts';
import {
  computeAppearance,
  factsFromGraph,
  parseAppearance,
  sizeLegend,
  writeAppearance,
  type AppearanceOptions,
  type NetworkFacts,
} from '../lib/map-appearance.ts';
import { ActorPanel } from './actor-panel.tsx';
import { AppearancePanel } from './appearance-panel.tsx';
import { FilterPanel } from './filter-panel.tsx';
import { SigmaMap, type FocusRequest, type SigmaMapHandle } from './sigma-map.tsx';

/** The interactive ecosystem map: filters and legend, the map, the selected actor. */
export default function MapPage() {
  const { id } = useCurrentEcosystem();
  const graph = useGraph(id);
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<MapFilters>(NO_FILTERS);
  const [query, setQuery] = useState('');
  const [focus, setFocus] = useState<FocusRequest | null>(() => {
    const f = params.get('focus');
    return f ? { id: f, nonce: 1 } : null;
  });
  const selected = params.get('focus');
  const [controls, setControls] = useState<SigmaMapHandle | null>(null);
  const narrow = useMediaQuery('(max-width: 62em)');
  const [filtersOpen, setFiltersOpen] = useState(false);

  const data = graph.data;
  // Keyed by the appearance parameters only, so selecting an actor (`focus`) does not recolour the map.
  const appearanceKey = ['color', 'size', 'spof', 'silos'].map((k) => params.get(k) ?? '').join('|');
  const options = useMemo(() => parseAppearance(params), [appearanceKey]);
  // The graph carries the same per-actor metrics, so a plain map needs no second computation on the server:
  // the analysis (brokers, criticality, silos) is asked for once the reader changes the view or opens an actor.
  const wantAnalysis = Boolean(selected) || appearanceKey.replaceAll('|', '') !== '';
  const analysis = useMapAnalysis(id, wantAnalysis);
  const report = analysis.data;
  // The analysis has the metrics, communities and silos; until it arrives (or if it fails) the graph's own metrics serve.
  const facts = useMemo<NetworkFacts | null>(() => {
    if (report)
      return {
        actors: report.network.actors,
        articulationPoints: report.network.articulationPoints,
        siloMembers: report.network.communities.filter((c) => c.silo).flatMap((c) => c.members),
      };
    return data ? factsFromGraph(data.nodes) : null;
  }, [report, data]);
  const appearance = useMemo(() => (facts ? computeAppearance(facts, options) : null), [facts, options]);
  const communities = useMemo(
    () =>
      report?.network.communities ??
      (data?.network as { communities?: Community[] } | undefined)?.communities ??
      null,
    [report, data],
  );
  const setAppearance = useCallback(
    (a: AppearanceOptions) => setParams((p) => writeAppearance(p, a), { replace: true }),
    [setParams],
  );
  const unfiltered = isUnfiltered(filters);
  const visible = useMemo(
    () =>
      data && !unfiltered
        ? visibleItems(data, filters)
        : { nodes: new Set<string>(), edges: new Set<string>() },
    [data, filters, unfiltered],
  );
  const choices = useMemo(() => (data ? filterOptions(data) : { capabilities: [], flows: [] }), [data]);
  const matches = useMemo(() => (data ? searchActors(data.nodes, query, 12) : []), [data, query]);

  const select = useCallback(
    (actorId: string | null) => {
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          if (actorId) n.set('focus', actorId);
          else n.delete('focus');
          return n;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const focusOn = (actorId: string) => {
    select(actorId);
    setFocus((f) => ({ id: actorId, nonce: (f?.nonce ?? 0) + 1 }));
  };

  if (graph.isPending) return <PageLoader label="Loading the ecosystem map…" />;
  if (graph.isError)
    return (
      <Center p="xl">
        <ErrorAlert
          error={graph.error}
          title="Could not load the ecosystem map"
          onRetry={() => void graph.refetch()}
        />
      </Center>
    );
  if (!data || data.nodes.length === 0)
    return (
      <Center p="xl" mih="60vh">
        <Empty
          icon={<IconChartDots3 size={28} />}
          title="The map is empty"
          description="Add actors and the relationships between them, or import an ecosystem file: they appear here as a network."
          action={
            <Button component={Link} to={`/e/${encodeURIComponent(id)}/actors?new=1`}>
              Add an actor
            </Button>
          }
        />
      </Center>
    );

  const filterPanel = (
    <>
      <AppearancePanel
        options={options}
        onChange={setAppearance}
        communities={communities}
        spofCount={facts?.articulationPoints.length ?? 0}
        siloCount={communities?.filter((c) => c.silo).length ?? 0}
        loading={analysis.isFetching && !analysis.data}
      />
      <Divider />
      <FilterPanel
        data={data}
        filters={filters}
        onChange={setFilters}
        options={choices}
        sizeNote={sizeLegend(options.sizeBy)}
        colorBy={options.colorBy}
      />
    </>
  );
  const shownNodes = unfiltered ? data.nodes.length : visible.nodes.size;
  const shownEdges = unfiltered ? data.edges.length : visible.edges.size;

  return (
    <div className="vw-map-page">
      {!narrow && (
        <Paper
          w={290}
          style={{ borderRight: '1px solid var(--vw-border)', flex: 'none', borderRadius: 0 }}
          component="aside"
          aria-label="Map filters and legend"
        >
          <ScrollArea h="100%" type="auto">
            {filterPanel}
          </ScrollArea>
        </Paper>
      )}
      <SigmaMap
        ecosystemId={id}
        data={data}
        visible={visible}
        unfiltered={unfiltered}
        selected={selected}
        onSelect={select}
        focus={focus}
        onReady={setControls}
        appearance={appearance}
      />

      <Group className="vw-map-overlay" style={{ top: 12, left: narrow ? 12 : 302 }} gap="xs">
        {narrow && (
          <Button
            variant="white"
            leftSection={<IconAdjustmentsHorizontal size={16} />}
            onClick={() => setFiltersOpen(true)}
            style={{ boxShadow: 'var(--mantine-shadow-xs)' }}
          >
            Filters{unfiltered ? '' : ' •'}
          </Button>
        )}
        <Autocomplete
          placeholder="Find an actor"
          leftSection={<IconSearch size={16} />}
          aria-label="Find an actor on the map"
          w={260}
          value={query}
          onChange={setQuery}
          data={matches.map((n) => ({ value: n.id, label: n.name }))}
          filter={({ options: o }) => o}
          onOptionSubmit={(value) => {
            focusOn(value);
            setQuery(data.nodes.find((n) => n.id === value)?.name ?? '');
          }}
          styles={{ input: { boxShadow: 'var(--mantine-shadow-xs)' } }}
          data-testid="map-search"
        />
      </Group>

      <Stack className="vw-map-overlay" style={{ right: selected ? 372 : 12, bottom: 12 }} gap={6}>
        <Tooltip label="Zoom in" position="left">
          <ActionIcon
            variant="white"
            size="lg"
            aria-label="Zoom in"
            onClick={() => controls?.zoomIn()}
            style={{ boxShadow: 'var(--mantine-shadow-xs)' }}
          >
            <IconPlus size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Zoom out" position="left">
          <ActionIcon
            variant="white"
            size="lg"
            aria-label="Zoom out"
            onClick={() => controls?.zoomOut()}
            style={{ boxShadow: 'var(--mantine-shadow-xs)' }}
          >
            <IconMinus size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Show the whole ecosystem" position="left">
          <ActionIcon
            variant="white"
            size="lg"
            aria-label="Show the whole ecosystem"
            onClick={() => controls?.reset()}
            style={{ boxShadow: 'var(--mantine-shadow-xs)' }}
          >
            <IconFocusCentered size={18} />
          </ActionIcon>
        </Tooltip>
      </Stack>

      <Paper
        className="vw-map-overlay"
        style={{ left: narrow ? 12 : 302, bottom: 12 }}
        withBorder
        px="sm"
        py={6}
        data-testid="map-counts"
      >
        <Text fz="xs" c="dimmed">
          {plural(shownNodes, 'actor')} · {plural(shownEdges, 'relationship')}
          {unfiltered ? '' : ` shown of ${data.nodes.length.toLocaleString('en')}`}
        </Text>
      </Paper>

      {selected && (
        <ActorPanel
          ecosystemId={id}
          actorId={selected}
          data={data}
          report={report ?? null}
          facts={facts}
          onClose={() => select(null)}
          onFocus={focusOn}
        />
      )}

      {narrow && (
        <Drawer
          opened={filtersOpen}
          onClose={() => setFiltersOpen(false)}
          position="left"
          size={320}
          title="Map view, filters and legend"
          padding={0}
        >
          {filterPanel}
        </Drawer>
      )}
    </div>
  );
}
