import {
  Anchor,
  Badge,
  CloseButton,
  Divider,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconCurrentLocation } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { Graph } from '../api/types.ts';
import { Labels } from '../components/badges.tsx';
import { humanize, kindLabel } from '../lib/format.ts';
import { actorKindColor, relationshipKindColor } from '../lib/graph-style.ts';

const SKIP = new Set(['id', 'name', 'kind', 'x', 'y', 'capabilities']);

/** Metric names users read: betweenness → Betweenness, pageRank → Page rank. */
const metricLabel = (k: string) => humanize(k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
const metricValue = (v: number) =>
  Number.isInteger(v) ? v.toLocaleString('en') : v.toLocaleString('en', { maximumSignificantDigits: 3 });

/** The selected actor: what it is, its network metrics, and its relationships. */
export function ActorPanel(props: {
  ecosystemId: string;
  actorId: string;
  data: Graph;
  onClose: () => void;
  onFocus: (id: string) => void;
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
  if (!node) return null;
  const metrics = Object.entries(node).filter(
    (entry): entry is [string, number] =>
      !SKIP.has(entry[0]) && typeof entry[1] === 'number' && Number.isFinite(entry[1]),
  );
  const a = actor.data;
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
            {(node.articulationPoint === true || node.inSilo === true) && (
              <Group gap={6}>
                {node.articulationPoint === true && (
                  <Badge
                    color="orange"
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
                    variant="light"
                    tt="none"
                    title="This actor's community has few ties to the rest of the ecosystem."
                  >
                    In a silo
                  </Badge>
                )}
              </Group>
            )}
            {metrics.length > 0 && (
              <Text fz="xs" c="dimmed">
                Network metrics. Hover one for its definition.
              </Text>
            )}
            <SimpleGrid cols={2} spacing="xs">
              {metrics.map(([k, v]) => {
                const card = (
                  <Paper withBorder p={8} bg="gray.0" data-testid={`metric-${k}`}>
                    <Text fz={11} c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
                      {metricLabel(k)}
                    </Text>
                    <Text fz="md" fw={650}>
                      {metricValue(v)}
                    </Text>
                  </Paper>
                );
                const definition = props.data.network?.definitions?.[k];
                return definition ? (
                  <Tooltip key={k} label={definition} multiline w={260} position="left" openDelay={150}>
                    {card}
                  </Tooltip>
                ) : (
                  <div key={k}>{card}</div>
                );
              })}
            </SimpleGrid>
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
