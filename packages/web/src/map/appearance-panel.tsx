import { Badge, Group, Loader, SegmentedControl, Select, Stack, Switch, Text, Title } from '@mantine/core';
import type { Community } from '@valueweb/core';
import { SIZE_BY, sizeLegend, type AppearanceOptions } from '../lib/map-appearance.ts';
import {
  COMMUNITY_COLORS,
  communityColor,
  communityLabel,
  METRIC_BY_KEY,
  OTHER_COMMUNITY_COLOR,
  type MetricKey,
} from '../lib/map-metrics.ts';
import { plural } from '../lib/format.ts';
import { ink } from '../lib/ink.ts';

const SIZE_LABELS: Partial<Record<MetricKey, string>> = {
  degree: 'Degree (relationships)',
  constraint: 'Constraint (low = broker)',
};

const Heading = (props: { children: string; id?: string }) => (
  <Text fz="xs" fw={600} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.05em' }} id={props.id}>
    {props.children}
  </Text>
);

/** Colour by kind or community, size by a metric, highlight single points of failure and silos; the community legend. */
export function AppearancePanel(props: {
  options: AppearanceOptions;
  onChange: (o: AppearanceOptions) => void;
  /** Communities, largest first (null while unknown). */
  communities: readonly Pick<Community, 'id' | 'size' | 'silo'>[] | null;
  spofCount: number;
  siloCount: number;
  /** The analysis is still being computed. */
  loading: boolean;
}) {
  const { options: o, onChange, communities } = props;
  const shown = communities?.slice(0, COMMUNITY_COLORS.length) ?? [];
  const rest = communities?.slice(COMMUNITY_COLORS.length) ?? [];
  return (
    <Stack gap="md" p="md" data-testid="map-appearance">
      <Group justify="space-between">
        <Title order={3} fz="md">
          Map view
        </Title>
        {props.loading && (
          <Group gap={6}>
            <Loader size={12} />
            <Text fz="xs" c="dimmed">
              Computing metrics…
            </Text>
          </Group>
        )}
      </Group>
      <Stack gap={6}>
        <Heading id="map-color-by-label">Colour by</Heading>
        <SegmentedControl
          fullWidth
          size="xs"
          value={o.colorBy}
          onChange={(v) => onChange({ ...o, colorBy: v })}
          data={[
            { value: 'kind', label: 'Actor kind' },
            { value: 'community', label: 'Community' },
          ]}
          aria-labelledby="map-color-by-label"
          data-testid="map-color-by"
        />
      </Stack>
      <Select
        label="Size by"
        size="xs"
        data={SIZE_BY.map((k) => ({ value: k, label: SIZE_LABELS[k] ?? METRIC_BY_KEY[k].label }))}
        value={o.sizeBy}
        onChange={(v) => v && onChange({ ...o, sizeBy: v })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        description={`${METRIC_BY_KEY[o.sizeBy].meaning} ${sizeLegend(o.sizeBy)}`}
        data-testid="map-size-by"
      />
      <Stack gap={8}>
        <Heading>Highlight</Heading>
        <Switch
          size="sm"
          checked={o.spof}
          onChange={(e) => onChange({ ...o, spof: e.currentTarget.checked })}
          label={`Single points of failure (${props.spofCount})`}
          description={
            props.spofCount
              ? 'Actors whose exit would split the network.'
              : 'None: no single exit splits the network.'
          }
          disabled={props.spofCount === 0 && !o.spof}
          color="orange"
          data-testid="map-highlight-spof"
        />
        <Switch
          size="sm"
          checked={o.silos}
          onChange={(e) => onChange({ ...o, silos: e.currentTarget.checked })}
          label={`Silo communities (${props.siloCount})`}
          description={
            props.siloCount
              ? 'Communities with under 10% of their ties leaving them.'
              : 'None: every community keeps ties to the rest.'
          }
          disabled={props.siloCount === 0 && !o.silos}
          color="grape"
          data-testid="map-highlight-silos"
        />
      </Stack>
      {o.colorBy === 'community' && (
        <Stack gap={6} data-testid="community-legend">
          <Heading>Communities</Heading>
          {communities === null ? (
            <Text fz="sm" c="dimmed">
              Computing the communities…
            </Text>
          ) : (
            <>
              {shown.map((c) => (
                <Group
                  key={c.id}
                  gap={8}
                  justify="space-between"
                  wrap="nowrap"
                  data-testid="community-legend-item"
                >
                  <Group gap={8} wrap="nowrap">
                    <span className="vw-dot" style={{ background: communityColor(c.id) }} aria-hidden />
                    <Text fz="sm">{communityLabel(c.id)}</Text>
                    {c.silo && (
                      <Badge size="xs" color="grape" c={ink('grape')} tt="none">
                        silo
                      </Badge>
                    )}
                  </Group>
                  <Text fz="xs" c="dimmed">
                    {plural(c.size, 'actor')}
                  </Text>
                </Group>
              ))}
              {rest.length > 0 && (
                <Group gap={8} justify="space-between" wrap="nowrap">
                  <Group gap={8} wrap="nowrap">
                    <span className="vw-dot" style={{ background: OTHER_COMMUNITY_COLOR }} aria-hidden />
                    <Text fz="sm">{plural(rest.length, 'smaller community', 'smaller communities')}</Text>
                  </Group>
                  <Text fz="xs" c="dimmed">
                    {plural(
                      rest.reduce((s, c) => s + c.size, 0),
                      'actor',
                    )}
                  </Text>
                </Group>
              )}
              <Text fz="xs" c="dimmed">
                Groups of actors more tied to each other than to the rest (Louvain).
              </Text>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
