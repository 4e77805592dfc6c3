/**
 * Pieces the Discover pages share: actor names, the "who partners are
 * selected for" frame (choose the focal actor when none is set), small
 * badges and the score bar.
 */
import {
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  Select,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalculator, IconStar, IconTarget, IconWorld, IconLock } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useGraph } from '../api/queries.ts';
import { describeError } from '../api/errors.ts';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { discoverApi, useDiscoverMutation, useDiscoverSettings, type Settings } from './discover-api.ts';
import { ink } from '../lib/ink.ts';

export interface Names {
  name: (id: string) => string;
  options: { value: string; label: string }[];
  loading: boolean;
}

/** Actor names by id and as select options (sorted by name), from the map's graph. */
export function useNames(ecosystemId: string): Names {
  const graph = useGraph(ecosystemId);
  const nodes = graph.data?.nodes ?? [];
  const byId = new Map(nodes.map((n) => [n.id, n.name]));
  return {
    name: (id: string) => byId.get(id) ?? id,
    options: [...nodes]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((n) => ({ value: n.id, label: n.name })),
    loading: graph.isPending,
  };
}

/** A notification with a labelled close button (screen readers name it). */
export function notify(color: 'teal' | 'red' | 'blue', message: string, title?: string): void {
  notifications.show({
    color,
    message,
    ...(title ? { title } : {}),
    closeButtonProps: { 'aria-label': 'Dismiss the notification' },
  });
}

/** True for orchestrators (and administrators). */
export function useIsOrchestrator(): boolean {
  const { ecosystem, me } = useCurrentEcosystem();
  return me.user.isAdmin || ecosystem.role === 'orchestrator';
}

/** The organization the user acts for in this ecosystem (its actor id), if linked. */
export function useOwnActor(): string | null {
  return useCurrentEcosystem().ecosystem.actorId ?? null;
}

/** Where a criterion's value comes from, as a small badge. */
export function SourceBadge(props: { source: 'computed' | 'rated'; computed?: string | undefined }) {
  return props.source === 'computed' ? (
    <Tooltip label={`Computed from the map${props.computed ? ` (${props.computed})` : ''}`}>
      <Badge size="xs" color="cyan" c={ink('cyan')} leftSection={<IconCalculator size={10} aria-hidden />}>
        computed
      </Badge>
    </Tooltip>
  ) : (
    <Tooltip label="Rated 1–5 by organizations">
      <Badge size="xs" color="grape" c={ink('grape')} leftSection={<IconStar size={10} aria-hidden />}>
        rated
      </Badge>
    </Tooltip>
  );
}

/** The source as an icon with a tooltip (and its name for screen readers), for narrow table headers. */
export function SourceIcon(props: { source: 'computed' | 'rated'; computed?: string | undefined }) {
  const computed = props.source === 'computed';
  return (
    <Tooltip
      label={
        computed
          ? `Computed from the map${props.computed ? ` (${props.computed})` : ''}`
          : 'Rated 1–5 by organizations'
      }
    >
      <ThemeIcon size={18} radius="xl" variant="light" color={computed ? 'cyan' : 'grape'}>
        {computed ? <IconCalculator size={11} aria-hidden /> : <IconStar size={11} aria-hidden />}
        <VisuallyHidden>{computed ? 'computed' : 'rated'}</VisuallyHidden>
      </ThemeIcon>
    </Tooltip>
  );
}

/** Private (the organization and the orchestrators) or shared with the ecosystem. */
export function VisibilityBadge(props: { visibility: 'private' | 'ecosystem' | undefined }) {
  const shared = props.visibility === 'ecosystem';
  return (
    <Badge
      size="xs"
      color={shared ? 'teal' : 'gray'}
      c={ink(shared ? 'teal' : 'gray')}
      leftSection={shared ? <IconWorld size={10} aria-hidden /> : <IconLock size={10} aria-hidden />}
    >
      {shared ? 'shared' : 'private'}
    </Badge>
  );
}

/** A 0–100 score as a bar with its number. */
export function ScoreBar(props: { score: number | null; testId?: string }) {
  if (props.score === null)
    return (
      <Text fz="sm" c="dimmed">
        no score
      </Text>
    );
  const color = props.score >= 60 ? 'teal' : props.score >= 40 ? 'brand' : 'orange';
  return (
    <Group gap={8} wrap="nowrap" data-testid={props.testId}>
      <Text fw={700} fz="sm" w={40} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {props.score.toFixed(1)}
      </Text>
      <Progress
        value={props.score}
        color={color}
        w={60}
        size="sm"
        aria-label={`Score ${props.score.toFixed(1)} of 100`}
      />
    </Group>
  );
}

/** The focal actor, with a way for orchestrators to choose or change it. */
export function FocalControl(props: { ecosystemId: string; settings: Settings; names: Names }) {
  const orchestrator = useIsOrchestrator();
  const [value, setValue] = useState<string | null>(props.settings.focal);
  const save = useDiscoverMutation(props.ecosystemId, (focal: string | null) =>
    discoverApi.putSettings(props.ecosystemId, { focal }),
  );
  if (!orchestrator) {
    return (
      <Group gap={6} data-testid="focal">
        <ThemeIcon variant="light" size="sm" radius="xl">
          <IconTarget size={14} aria-hidden />
        </ThemeIcon>
        <Text fz="sm">
          Selecting partners for{' '}
          <b>{props.settings.focal ? props.names.name(props.settings.focal) : 'nobody yet'}</b>
        </Text>
      </Group>
    );
  }
  return (
    <Group gap="xs" align="flex-end" data-testid="focal">
      <Select
        label="Selecting partners for"
        placeholder="Choose the actor"
        data={props.names.options}
        value={value}
        onChange={setValue}
        searchable
        w={280}
        leftSection={<IconTarget size={16} aria-hidden />}
        data-testid="focal-select"
      />
      <Button
        variant="light"
        disabled={value === props.settings.focal || value === null}
        loading={save.isPending}
        onClick={() =>
          save.mutate(value, {
            onSuccess: () =>
              notifications.show({
                color: 'teal',
                message: `Partners are now selected for ${props.names.name(value!)}.`,
                closeButtonProps: { 'aria-label': 'Dismiss the notification' },
              }),
            onError: (e) => notify('red', describeError(e), 'Not changed'),
          })
        }
      >
        Set
      </Button>
    </Group>
  );
}

/**
 * The frame of a page that needs the focal actor: loading and error states,
 * and when none is set, an empty state (with the chooser for orchestrators).
 */
export function FocalFrame(props: {
  ecosystemId: string;
  names: Names;
  children: (settings: Settings) => ReactNode;
  what: string;
}) {
  const settings = useDiscoverSettings(props.ecosystemId);
  const orchestrator = useIsOrchestrator();
  if (settings.isPending) return <PageLoader label="Loading the selection criteria…" />;
  if (settings.isError)
    return (
      <ErrorAlert
        error={settings.error}
        title="Could not load the selection criteria"
        onRetry={() => void settings.refetch()}
      />
    );
  const s = settings.data;
  if (!s.focal) {
    return (
      <Paper withBorder p="lg">
        <Empty
          icon={<IconTarget size={28} />}
          title="Whom are partners selected for?"
          description={
            orchestrator
              ? `Choose the actor partners are selected for (the focal actor): ${props.what} are computed from its needs, values and clock.`
              : `An orchestrator has not chosen the actor partners are selected for yet; ${props.what} appear once they have.`
          }
          action={
            orchestrator ? (
              <FocalControl ecosystemId={props.ecosystemId} settings={s} names={props.names} />
            ) : undefined
          }
        />
      </Paper>
    );
  }
  return <Stack gap="lg">{props.children(s)}</Stack>;
}
