import { Badge, Group, Text } from '@mantine/core';
import type { Role } from '@valueweb/core';
import { humanize, kindLabel } from '../lib/format.ts';
import { actorKindColor, relationshipKindColor } from '../lib/graph-style.ts';
import { roleColor, roleLabel } from '../lib/permissions.ts';

/** The user's role in an ecosystem. */
export function RoleBadge(props: { role: Role | null | undefined; isAdmin?: boolean }) {
  return (
    <Badge
      color={props.isAdmin && props.role !== 'orchestrator' ? 'grape' : roleColor(props.role)}
      variant="light"
      data-testid="role-badge"
      style={{ flex: 'none' }}
    >
      {roleLabel(props.role, props.isAdmin)}
    </Badge>
  );
}

/** An actor kind with its map colour. */
export function ActorKind(props: { kind: string }) {
  return (
    <Group gap={8} wrap="nowrap">
      <span className="vw-dot" style={{ background: actorKindColor(props.kind) }} aria-hidden />
      <Text fz="sm">{kindLabel(props.kind)}</Text>
    </Group>
  );
}

/** A relationship kind with its map colour. */
export function RelationshipKind(props: { kind: string }) {
  return (
    <Group gap={8} wrap="nowrap">
      <span className="vw-line" style={{ background: relationshipKindColor(props.kind) }} aria-hidden />
      <Text fz="sm">{kindLabel(props.kind)}</Text>
    </Group>
  );
}

const STAGE_COLORS: Record<string, string> = {
  exploring: 'gray',
  pilot: 'yellow',
  scaling: 'teal',
  evolving: 'brand',
  dissolved: 'red',
};

/** A partnership stage, coloured along the lifecycle. */
export function StageBadge(props: { stage: string }) {
  return (
    <Badge variant="dot" color={STAGE_COLORS[props.stage] ?? 'gray'} tt="none" fw={600}>
      {humanize(props.stage)}
    </Badge>
  );
}

/** A short list of labels (capabilities, flows), with "+n" for the rest. */
export function Labels(props: { items: readonly string[] | undefined; max?: number; color?: string }) {
  const items = props.items ?? [];
  const max = props.max ?? 3;
  if (items.length === 0)
    return (
      <Text c="dimmed" fz="sm">
        —
      </Text>
    );
  return (
    <Group gap={4} wrap="wrap">
      {items.slice(0, max).map((c) => (
        <Badge key={c} color={`${props.color ?? 'gray'}.9`} variant="outline" tt="none" fw={500}>
          {c}
        </Badge>
      ))}
      {items.length > max && (
        <Badge
          color="gray"
          c="gray.7"
          variant="transparent"
          tt="none"
          styles={{ label: { color: 'var(--mantine-color-gray-7)' } }}
        >
          +{items.length - max}
        </Badge>
      )}
    </Group>
  );
}
