import {
  Anchor,
  Badge,
  CloseButton,
  Divider,
  Group,
  Paper,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconCurrentLocation, IconUserMinus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { MapReport } from '@valueweb/core';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { Graph } from '../api/types.ts';
import { Labels } from '../components/badges.tsx';
import { humanize, kindLabel } from '../lib/format.ts';
import { actorKindColor, relationshipKindColor } from '../lib/graph-style.ts';
import type { NetworkFacts } from '../lib/map-appearance.ts';
import { describeCriticality, nameLookup } from '../lib/map-insights.ts';
import {
  communityColor,
  communityLabel,
  EFFECTIVE_SIZE_DEFINITION,
  explainMetric,
  formatMetric,
  METRICS,
  metricOf,
  ordinal,
  rankActors,
  type MetricKey,
} from '../lib/map-metrics.ts';
import { ink } from '../lib/ink.ts';

const ROW_STYLE = { padding: '6px 8px', borderRadius: 6, background: 'var(--mantine-color-gray-0)' } as const;

/** The selected actor: what it is, its network metrics (each explained), its criticality and its relationships. */
export function ActorPanel(props: {
  ecosystemId: string;
  actorId: string;
  data: Graph;
  onClose: () => void;
  onFocus: (id: string) => void;
  /** The Map analysis (brokers, criticality), when it has arrived. */
  report?: MapReport | null;
  /** Metrics of every actor (from the analysis, or the graph meanwhile), to rank this one. */
  facts?: NetworkFacts | null;
}) {
  const node = props.data.nodes.find((n) => n.id === props.actorId);
  const actor = useQuery({
    queryKey: ['actor', props.ecosystemId, props.actorId],
    queryFn: () => api.actor(props.ecosystemId, props.actorId),
    retry: false,
  });
  const names = useMemo(() => new Map(props.data.nodes.map((n) => [n.id, n.name])), [props.data]);
  const ties = useMemo(
    () =>
      props.data.edges
        .filter((e) => e.from === props.actorId || e.to === props.actorId)
        .map((e) => ({
          edge: e,
          other: e.from === props.actorId ? e.to : e.from,
          outgoing: e.from === props.actorId,
        }))
        .sort((a, b) => b.edge.strength - a.edge.strength),
    [props.data, props.actorId],
  );
  const allMetrics = props.facts?.actors;
  const ranks = useMemo(() => {
    const out = new Map<MetricKey, Map<string, number>>();
    if (allMetrics) for (const m of METRICS) out.set(m.key, rankActors(allMetrics, m.key, m.lowIsNotable));
    return out;
  }, [allMetrics]);
  if (!node) return null;
  const metrics = allMetrics?.[props.actorId];
  const count = allMetrics ? Object.keys(allMetrics).length : props.data.nodes.length;
  const connected = (props.report?.network.components ?? props.data.network?.components) === 1;
  const definitions = props.report?.network.definitions ?? props.data.network?.definitions ?? {};
  const broker = props.report?.network.brokers.find((b) => b.actor === props.actorId);
  const critical = props.report?.criticality.find((c) => c.actor === props.actorId);
  const a = actor.data;
  const base = `/e/${encodeURIComponent(props.ecosystemId)}`;
  return (
    <Paper
      className="vw-map-overlay"
      style={{ top: 12, right: 12, bottom: 12, width: 348 }}
      withBorder
      shadow="md"
      data-testid="actor-panel"
    >
      <Stack h="100%" gap={0}>
        <Group justify="space-between" align="flex-start" p="md" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Group gap={8} mb={4}>
              <span className="vw-dot" style={{ background: actorKindColor(node.kind) }} aria-hidden />
              <Text fz="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.05em' }}>
                {kindLabel(node.kind)}
              </Text>
            </Group>
            <Title order={3} fz="lg" lh={1.25}>
              {node.name}
            </Title>
            <Text fz="xs" c="dimmed">
              {node.id}
            </Text>
          </div>
          <CloseButton aria-label="Close the actor panel" onClick={props.onClose} />
        </Group>
        <Divider />
        <ScrollArea style={{ flex: 1 }} type="auto">
          <Stack p="md" gap="md">
            <Group gap={6}>
              {metrics && (
                <Badge
                  variant="light"
                  color="gray"
                  tt="none"
                  leftSection={
                    <span
                      className="vw-dot"
                      style={{ background: communityColor(metrics.community), width: 8, height: 8 }}
                      aria-hidden
                    />
                  }
                  title="The group of actors it is most densely tied to (Louvain)"
                >
                  {communityLabel(metrics.community)}
                </Badge>
              )}
              {node.articulationPoint === true && (
                <Badge
                  color="orange"
                  c={ink('orange')}
                  variant="light"
                  tt="none"
                  title="Removing this actor splits the network: a single point of failure."
                >
                  Single point of failure
                </Badge>
              )}
              {node.inSilo === true && (
                <Badge
                  color="grape"
                  c={ink('grape')}
                  variant="light"
                  tt="none"
                  title="This actor's community has few ties to the rest of the ecosystem."
                >
                  In a silo
                </Badge>
              )}
              {broker && (
                <Badge
                  color="teal"
                  c={ink('teal')}
                  variant="light"
                  tt="none"
                  title={`Tied into ${broker.communities.length - 1} other ${broker.communities.length === 2 ? 'community' : 'communities'}.`}
                >
                  Broker
                </Badge>
              )}
            </Group>
            {critical && critical.score > 0 && (
              <Paper
                withBorder
                p="sm"
                bg="orange.0"
                style={{ borderColor: 'var(--mantine-color-orange-2)' }}
                data-testid="actor-criticality"
              >
                <Group justify="space-between" gap={6} mb={4} wrap="nowrap">
                  <Text fz="xs" fw={700} tt="uppercase" c={ink('orange')} style={{ letterSpacing: '0.04em' }}>
                    Criticality: {ordinal(critical.rank)} of {props.report?.criticality.length ?? count}
                  </Text>
                  <Badge size="sm" color="orange" c={ink('orange')} variant="light" tt="none">
                    score {critical.score}
                  </Badge>
                </Group>
                <Text fz="xs">{describeCriticality(critical, nameLookup(names))}</Text>
                <Anchor
                  component={Link}
                  to={`${base}/what-if?actors=${encodeURIComponent(node.id)}`}
                  fz="xs"
                  mt={4}
                  display="inline-block"
                >
                  <Group gap={4}>
                    <IconUserMinus size={13} /> Simulate its exit
                  </Group>
                </Anchor>
              </Paper>
            )}
            {metrics && (
              <Stack gap={6} data-testid="actor-metrics">
                <Group justify="space-between">
                  <Text fz="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.05em' }}>
                    Network metrics
                  </Text>
                  <Anchor component={Link} to={`${base}/analysis`} fz="xs">
                    All actors
                  </Anchor>
                </Group>
                {METRICS.map((m) => {
                  const v = metricOf(metrics, m.key);
                  const sentence = explainMetric(
                    m.key,
                    v,
                    node.name,
                    { rank: ranks.get(m.key)?.get(node.id), count, connected },
                    metrics.degree,
                  );
                  const cut = sentence.indexOf(' — ');
                  const definition =
                    m.key === 'effectiveSize' ? EFFECTIVE_SIZE_DEFINITION : definitions[m.key];
                  const row = (
                    <div style={ROW_STYLE} data-testid={`metric-${m.key}`} data-value={v}>
                      <Text fz="sm" lh={1.4}>
                        <Text component="span" fw={650} fz="sm">
                          {m.label} {formatMetric(m.key, v)}
                        </Text>
                        <Text component="span" fz="sm" c="dimmed">
                          {cut >= 0 ? sentence.slice(cut) : ''}
                        </Text>
                      </Text>
                    </div>
                  );
                  return definition ? (
                    <Tooltip key={m.key} label={definition} multiline w={280} position="left" openDelay={300}>
                      {row}
                    </Tooltip>
                  ) : (
                    <div key={m.key}>{row}</div>
                  );
                })}
                <div style={ROW_STYLE} data-testid="metric-community" data-value={metrics.community}>
                  <Text fz="sm" lh={1.4}>
                    <Text component="span" fw={650} fz="sm">
                      {communityLabel(metrics.community)}
                    </Text>
                    <Text component="span" fz="sm" c="dimmed">
                      {' — '}
                      the group of actors {node.name} is most densely tied to
                      {(() => {
                        const c = props.report?.network.communities[metrics.community];
                        return c ? ` (${c.size} actors${c.silo ? ', a silo' : ''})` : '';
                      })()}
                      .
                    </Text>
                  </Text>
                </div>
              </Stack>
            )}
            {actor.isPending ? (
              <Stack gap={6}>
                <Skeleton h={12} />
                <Skeleton h={12} w="70%" />
              </Stack>
            ) : a ? (
              <Stack gap="sm">
                {a.description && (
                  <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {a.description}
                  </Text>
                )}
                <Field label="Capabilities">
                  <Labels items={a.capabilities} max={8} color="brand" />
                </Field>
                <Field label="Needs">
                  <Labels items={a.needs} max={8} />
                </Field>
                {a.values.length > 0 && (
                  <Field label="Values">
                    <Labels items={a.values} max={8} color="teal" />
                  </Field>
                )}
                {a.clock && (
                  <Field label="Planning clock">
                    <Text fz="sm">
                      {humanize(a.clock.cadence)}
                      {a.clock.fiscalYearStart ? `, fiscal year from month ${a.clock.fiscalYearStart}` : ''}
                    </Text>
                  </Field>
                )}
              </Stack>
            ) : node.capabilities ? (
              <Field label="Capabilities">
                <Labels items={node.capabilities} max={8} color="brand" />
              </Field>
            ) : null}
            <Field label={`Relationships (${ties.length})`}>
              <Stack gap={2}>
                {ties.length === 0 && (
                  <Text fz="sm" c="dimmed">
                    None: this actor is isolated.
                  </Text>
                )}
                {ties.slice(0, 30).map((t) => (
                  <UnstyledButton
                    key={String(t.edge.id)}
                    onClick={() => props.onFocus(t.other)}
                    py={4}
                    px={6}
                    style={{ borderRadius: 6 }}
                    className="vw-card-link"
                  >
                    <Group gap={8} wrap="nowrap" justify="space-between">
                      <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                        <span
                          className="vw-line"
                          style={{ background: relationshipKindColor(t.edge.kind) }}
                          aria-hidden
                        />
                        <Text fz="sm" truncate>
                          {t.edge.directed ? (t.outgoing ? '→ ' : '← ') : ''}
                          {names.get(t.other) ?? t.other}
                        </Text>
                      </Group>
                      <Badge size="xs" variant="light" color="gray" tt="none" style={{ flex: 'none' }}>
                        {kindLabel(t.edge.kind)}
                      </Badge>
                    </Group>
                  </UnstyledButton>
                ))}
                {ties.length > 30 && (
                  <Text fz="xs" c="dimmed">
                    and {ties.length - 30} more
                  </Text>
                )}
              </Stack>
            </Field>
          </Stack>
        </ScrollArea>
        <Divider />
        <Group p="sm" justify="space-between">
          <Anchor component="button" fz="sm" onClick={() => props.onFocus(node.id)}>
            <Group gap={4}>
              <IconCurrentLocation size={14} /> Center on the map
            </Group>
          </Anchor>
          <Anchor
            component={Link}
            to={`/e/${encodeURIComponent(props.ecosystemId)}/relationships?actor=${encodeURIComponent(node.id)}`}
            fz="sm"
          >
            Its relationships
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}

function Field(props: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text fz="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.05em' }}>
        {props.label}
      </Text>
      {props.children}
    </Stack>
  );
}
