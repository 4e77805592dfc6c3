/**
 * Small pieces the health, health-check, portfolio and report pages share:
 * RAG and severity badges (dark text on a light tint, readable at WCAG AA),
 * a score sparkline, and the signal list (severity, evidence, since, action).
 */
import { Badge, Box, Group, List, Paper, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconBulb, IconInfoCircle, IconUrgent } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Signal } from './health-api.ts';

/** Text and tint per tone; text colours are dark enough for small text on the tint. */
const TONES = {
  red: { text: '#a61e1e', tint: 'var(--mantine-color-red-light)', solid: '#c92a2a' },
  amber: { text: '#8a4500', tint: 'var(--mantine-color-orange-light)', solid: '#e67700' },
  green: { text: '#1d6b2f', tint: 'var(--mantine-color-green-light)', solid: '#2b8a3e' },
  blue: { text: '#1f4592', tint: 'var(--mantine-color-blue-light)', solid: '#1c7ed6' },
  gray: { text: '#3f454b', tint: 'var(--mantine-color-gray-light)', solid: '#868e96' },
} as const;
export type Tone = keyof typeof TONES;

export const RAG_TONE: Record<string, Tone> = { green: 'green', amber: 'amber', red: 'red' };
export const SEVERITY_TONE: Record<string, Tone> = { critical: 'red', warning: 'amber', info: 'blue' };
export const RAG_LABEL: Record<string, string> = { green: 'Green', amber: 'Amber', red: 'Red' };
export const SEVERITY_LABEL: Record<string, string> = {
  critical: 'Critical',
  warning: 'Warning',
  info: 'Info',
};

/** The solid colour of a tone (charts, dots). */
export const toneColor = (tone: Tone) => TONES[tone].solid;

export function ToneBadge(props: {
  tone: Tone;
  children: ReactNode;
  size?: 'xs' | 'sm' | 'md' | 'lg';
  title?: string;
}) {
  const t = TONES[props.tone];
  return (
    <Badge
      size={props.size ?? 'sm'}
      variant="light"
      tt="none"
      fw={650}
      title={props.title}
      styles={{ root: { background: t.tint, color: t.text, flex: 'none' } }}
    >
      {props.children}
    </Badge>
  );
}

export function RagBadge(props: { rag: string; score?: number; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  return (
    <ToneBadge
      tone={RAG_TONE[props.rag] ?? 'gray'}
      size={props.size}
      title={`${RAG_LABEL[props.rag] ?? props.rag}: green ≥ 70, amber ≥ 50, else red`}
    >
      {props.score !== undefined ? `${props.score} · ` : ''}
      {RAG_LABEL[props.rag] ?? props.rag}
    </ToneBadge>
  );
}

export function SeverityBadge(props: { severity: string; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  return (
    <ToneBadge tone={SEVERITY_TONE[props.severity] ?? 'gray'} size={props.size}>
      {SEVERITY_LABEL[props.severity] ?? props.severity}
    </ToneBadge>
  );
}

/** A score over time (0–100), the last point marked; one point draws a dot on a dashed line. */
export function ScoreSparkline(props: {
  points: { day: string; score: number }[];
  rag: string;
  width?: number;
  height?: number;
}) {
  const width = props.width ?? 110;
  const height = props.height ?? 30;
  const pad = 4;
  const pts = props.points;
  const color = toneColor(RAG_TONE[props.rag] ?? 'gray');
  const x = (i: number) => (pts.length <= 1 ? width - pad : pad + (i / (pts.length - 1)) * (width - 2 * pad));
  const y = (v: number) => height - pad - (Math.max(0, Math.min(100, v)) / 100) * (height - 2 * pad);
  const label =
    pts.length > 1
      ? `Health score from ${pts[0]!.score} on ${pts[0]!.day} to ${pts.at(-1)!.score} on ${pts.at(-1)!.day}`
      : pts.length
        ? `Health score ${pts[0]!.score} today; no history yet`
        : 'No score';
  const last = pts.at(-1);
  return (
    <Tooltip label={label}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
        data-testid="score-sparkline"
        data-points={pts.length}
      >
        <line
          x1={pad}
          x2={width - pad}
          y1={y(50)}
          y2={y(50)}
          stroke="var(--mantine-color-gray-3)"
          strokeDasharray="2 3"
        />
        {pts.length > 1 && (
          <polyline
            points={pts.map((p, i) => `${x(i)},${y(p.score)}`).join(' ')}
            fill="none"
            stroke={color}
            strokeWidth={1.8}
            strokeLinejoin="round"
          />
        )}
        {last && <circle cx={x(pts.length - 1)} cy={y(last.score)} r={3.2} fill={color} />}
      </svg>
    </Tooltip>
  );
}

const SEVERITY_ICON: Record<string, ReactNode> = {
  critical: <IconUrgent size={16} />,
  warning: <IconAlertTriangle size={16} />,
  info: <IconInfoCircle size={16} />,
};

const date = (iso: string) => {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t)
    ? iso
    : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(t);
};
export { date as formatDay };

/** One vitality signal: what, how bad, since when, the evidence, and what to do. */
export function SignalCard(props: { signal: Signal; names?: Record<string, string> }) {
  const s = props.signal;
  const tone = SEVERITY_TONE[s.severity] ?? 'gray';
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      style={{ borderLeft: `4px solid ${toneColor(tone)}` }}
      data-testid="signal"
      data-kind={s.kind}
      data-severity={s.severity}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="nowrap">
            <ThemeIcon
              variant="light"
              color={tone === 'amber' ? 'orange' : tone}
              size="md"
              radius="xl"
              aria-hidden
            >
              {SEVERITY_ICON[s.severity]}
            </ThemeIcon>
            <Text fw={650}>{s.label}</Text>
            <SeverityBadge severity={s.severity} />
          </Group>
          <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            since {date(s.since)}
          </Text>
        </Group>
        <List size="sm" spacing={2}>
          {s.evidence.map((e) => (
            <List.Item key={e}>{e}</List.Item>
          ))}
        </List>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconBulb size={16} style={{ flex: 'none', marginTop: 2 }} aria-hidden />
          <Text fz="sm">
            <Text span fw={600} fz="sm">
              Recommended action:{' '}
            </Text>
            {s.action}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

/** A wide table that scrolls sideways on narrow screens; the region is focusable so keyboard users can scroll it. */
export function ScrollTable(props: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Box tabIndex={0} role="region" aria-label={props.label} style={{ overflowX: 'auto' }}>
      <Box miw={props.minWidth}>{props.children}</Box>
    </Box>
  );
}

/** Notifications with an accessible close button. */
export const closeLabel = { closeButtonProps: { 'aria-label': 'Close notification' } } as const;
