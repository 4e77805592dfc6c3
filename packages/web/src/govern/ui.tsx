/** Small pieces the Govern and Value tabs share: explanations, field errors by path, status badges. */
import { Alert, Badge, Collapse, List, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight, IconInfoCircle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { ApiError, describeError } from '../api/errors.ts';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A core explanation with actor ids replaced by their names (`rare-voices-europe` → Rare Voices
 * Europe), longest id first so an id inside another is never half replaced.
 */
export function withNames(text: string, names: Record<string, string>): string {
  const ids = Object.keys(names)
    .filter((id) => names[id] && names[id] !== id)
    .sort((a, b) => b.length - a.length);
  if (ids.length === 0) return text;
  const re = new RegExp(`(?<![\\w-])(${ids.map(escapeRegExp).join('|')})(?![\\w-])`, 'g');
  return text.replace(re, (id) => names[id] ?? id);
}

/** "How this is computed": the explanation lines behind a number, folded by default. */
export function Explanation(props: {
  lines: readonly string[];
  title?: string;
  open?: boolean;
  testId?: string;
  /** Actor names, to say "Rare Voices Europe" where the computation says rare-voices-europe. */
  names?: Record<string, string>;
}) {
  const [open, setOpen] = useState(props.open ?? false);
  if (props.lines.length === 0) return null;
  return (
    <div data-testid={props.testId}>
      <UnstyledButton
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        style={{ display: 'flex', alignItems: 'center', gap: 4 }}
      >
        {open ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
        <Text fz="sm" fw={600} c="brand.8">
          {props.title ?? 'How this is computed'}
        </Text>
      </UnstyledButton>
      <Collapse expanded={open}>
        <List size="sm" spacing={4} mt={6} ml="xs" c="dimmed">
          {props.lines.map((l, i) => (
            <List.Item key={i}>{props.names ? withNames(l, props.names) : l}</List.Item>
          ))}
        </List>
      </Collapse>
    </div>
  );
}

/** A coloured call-out whose title and text stay dark enough to read (WCAG AA). */
export function Callout(props: {
  color: string;
  icon: ReactNode;
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Alert
      variant="light"
      color={props.color}
      icon={props.icon}
      title={props.title}
      data-testid={props.testId}
      styles={{
        title: { color: 'var(--mantine-color-dark-7)' },
        message: { color: 'var(--mantine-color-dark-7)' },
      }}
    >
      {props.children}
    </Alert>
  );
}

/** A short note above a panel. */
export function Note(props: { children: ReactNode; color?: string; title?: string; testId?: string }) {
  return (
    <Alert
      variant="light"
      color={props.color ?? 'blue'}
      icon={<IconInfoCircle size={18} />}
      title={props.title}
      data-testid={props.testId}
      styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}
    >
      <Text fz="sm">{props.children}</Text>
    </Alert>
  );
}

/**
 * Splits an error into messages per form field by the path the server names
 * (`decision.quota` → `quota` when the mapping says so; the longest prefix
 * wins) and the rest, to show above the form.
 */
export function errorsByPath(
  error: unknown,
  mapping: Record<string, string>,
): { fields: Record<string, string>; other: string[] } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  if (!error) return { fields, other };
  if (!(error instanceof ApiError) || error.problems.length === 0) {
    other.push(
      error instanceof ApiError
        ? describeError(error)
        : error instanceof Error
          ? error.message
          : typeof error === 'string'
            ? error
            : 'Something went wrong.',
    );
    return { fields, other };
  }
  const prefixes = Object.keys(mapping).sort((a, b) => b.length - a.length);
  for (const p of error.problems) {
    const path = p.field.replace(/\[(\d+)\]/g, '.$1');
    const hit = prefixes.find((k) => path === k || path.startsWith(`${k}.`));
    if (hit === undefined) {
      other.push(p.field ? `${p.field}: ${p.message}` : p.message);
      continue;
    }
    const key = mapping[hit]!;
    fields[key] = fields[key] ? `${fields[key]}; ${p.message}` : p.message;
  }
  return { fields, other };
}

const STATUS_COLORS: Record<string, string> = {
  open: 'blue',
  passed: 'teal',
  rejected: 'red',
  escalated: 'orange',
  withdrawn: 'gray',
  done: 'teal',
  overdue: 'red',
  waived: 'gray',
  'in-progress': 'yellow',
  resolved: 'teal',
  closed: 'gray',
  mitigated: 'teal',
};

/** A status word in its colour. */
export function StatusBadge(props: { status: string; testId?: string }) {
  return (
    <Badge
      color={STATUS_COLORS[props.status] ?? 'gray'}
      variant="dot"
      tt="none"
      data-testid={props.testId}
      style={{ minWidth: 'max-content' }}
    >
      {props.status.charAt(0).toUpperCase() + props.status.slice(1).replace(/-/g, ' ')}
    </Badge>
  );
}

/** A table that scrolls sideways on narrow screens, reachable by keyboard when it does. */
export function TableWrap(props: { label: string; children: ReactNode; span?: number }) {
  return (
    <div
      className="vw-table-wrap"
      tabIndex={0}
      role="region"
      aria-label={props.label}
      style={props.span ? { gridColumn: `span ${props.span}` } : undefined}
    >
      {props.children}
    </div>
  );
}

/** A notification whose close button has a name (for screen readers). */
export function notify(props: { color: string; message: string; title?: string }): void {
  notifications.show({ ...props, closeButtonProps: { 'aria-label': 'Dismiss' } });
}
