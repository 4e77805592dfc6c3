import { Button, Checkbox, Divider, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { Graph } from '../api/types.ts';
import { isUnfiltered, NO_FILTERS, type MapFilters } from '../lib/graph-filter.ts';
import { kindLabel } from '../lib/format.ts';
import { actorKindColor, relationshipKindColor } from '../lib/graph-style.ts';

const count = (values: string[]) => {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
};

/** Filters by actor kind, relationship kind, capability and flow; the kind lists are the legend. */
export function FilterPanel(props: {
  data: Graph;
  filters: MapFilters;
  onChange: (f: MapFilters) => void;
  options: { capabilities: string[]; flows: string[] };
  /** What a circle's size means (by degree unless the map is sized by another metric). */
  sizeNote?: string;
  /** When the map is coloured by community, the kind colours are only the filter's. */
  colorBy?: 'kind' | 'community';
}) {
  const { data, filters, onChange, options } = props;
  const actorKinds = useMemo(() => count(data.nodes.map((n) => n.kind)), [data]);
  const relKinds = useMemo(() => count(data.edges.map((e) => e.kind)), [data]);
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  return (
    <Stack gap="md" p="md" data-testid="map-filters">
      <Group justify="space-between">
        <Title order={3} fz="md">
          Filters and legend
        </Title>
        {!isUnfiltered(filters) && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconFilterOff size={14} />}
            onClick={() => onChange(NO_FILTERS)}
          >
            Reset
          </Button>
        )}
      </Group>

      <Stack gap={6}>
        <Text fz="xs" fw={600} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.05em' }}>
          {props.colorBy === 'community' ? 'Filter actors by kind' : 'Actors by kind'}
        </Text>
        {actorKinds.map(([kind, n]) => (
          <Checkbox
            key={kind}
            size="xs"
            checked={filters.actorKinds.length === 0 || filters.actorKinds.includes(kind)}
            onChange={() => {
              const base = filters.actorKinds.length === 0 ? actorKinds.map(([k]) => k) : filters.actorKinds;
              const next = toggle(base, kind);
              onChange({ ...filters, actorKinds: next.length === actorKinds.length ? [] : next });
            }}
            label={
              <Group gap={8} wrap="nowrap" justify="space-between" w={210}>
                <Group gap={8} wrap="nowrap">
                  <span className="vw-dot" style={{ background: actorKindColor(kind) }} aria-hidden />
                  <Text fz="sm">{kindLabel(kind)}</Text>
                </Group>
                <Text fz="xs" c="dimmed">
                  {n.toLocaleString('en')}
                </Text>
              </Group>
            }
            data-testid={`filter-kind-${kind}`}
          />
        ))}
        <Text fz="xs" c="dimmed">
          {props.sizeNote ?? 'A larger circle has more relationships.'}
        </Text>
      </Stack>

      <Divider />

      <Stack gap={6}>
        <Text fz="xs" fw={600} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.05em' }}>
          Relationships by kind
        </Text>
        {relKinds.length === 0 && (
          <Text fz="sm" c="dimmed">
            No relationships yet.
          </Text>
        )}
        {relKinds.map(([kind, n]) => (
          <Checkbox
            key={kind}
            size="xs"
            checked={filters.relationshipKinds.length === 0 || filters.relationshipKinds.includes(kind)}
            onChange={() => {
              const base =
                filters.relationshipKinds.length === 0 ? relKinds.map(([k]) => k) : filters.relationshipKinds;
              const next = toggle(base, kind);
              onChange({ ...filters, relationshipKinds: next.length === relKinds.length ? [] : next });
            }}
            label={
              <Group gap={8} wrap="nowrap" justify="space-between" w={210}>
                <Group gap={8} wrap="nowrap">
                  <span className="vw-line" style={{ background: relationshipKindColor(kind) }} aria-hidden />
                  <Text fz="sm">{kindLabel(kind)}</Text>
                </Group>
                <Text fz="xs" c="dimmed">
                  {n.toLocaleString('en')}
                </Text>
              </Group>
            }
          />
        ))}
        {data.edges.some((e) => e.directed) && (
          <Text fz="xs" c="dimmed">
            Arrows show directed relationships; thicker lines are stronger ties.
          </Text>
        )}
      </Stack>

      <Divider />

      <Select
        label="Capability"
        placeholder={options.capabilities.length ? 'Any capability' : 'No capabilities on the map'}
        data={options.capabilities}
        value={filters.capability}
        onChange={(c) => onChange({ ...filters, capability: c })}
        searchable
        clearable
        disabled={options.capabilities.length === 0}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label="Flow"
        placeholder={options.flows.length ? 'Any flow' : 'No flows on the map'}
        data={options.flows}
        value={filters.flow}
        onChange={(f) => onChange({ ...filters, flow: f })}
        searchable
        clearable
        disabled={options.flows.length === 0}
        comboboxProps={{ withinPortal: true }}
      />
    </Stack>
  );
}
