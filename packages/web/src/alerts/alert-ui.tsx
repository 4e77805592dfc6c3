/**
 * Pieces of the alerts inbox: the severity badge, the alert card (why it was
 * raised: the evidence, the rule and the recommended action, and who
 * acknowledged it), the acknowledgement dialog, and the navigation badge.
 */
import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconBulb,
  IconCheck,
  IconCircleCheck,
  IconInfoCircle,
  IconRuler2,
  IconUrgent,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../components/states.tsx';
import { dateTime, relativeTime } from '../lib/format.ts';
import { ink } from '../lib/ink.ts';
import type { Alert, AlertSeverity } from './alerts-api.ts';

export const SEVERITY_COLOR: Record<AlertSeverity, string> = {
  critical: 'red',
  warning: 'orange',
  info: 'blue',
};
export const SEVERITY_LABEL: Record<AlertSeverity, string> = {
  critical: 'Critical',
  warning: 'Warning',
  info: 'Info',
};
const SEVERITY_ICON: Record<AlertSeverity, ReactNode> = {
  critical: <IconUrgent size={16} />,
  warning: <IconAlertTriangle size={16} />,
  info: <IconInfoCircle size={16} />,
};
const BORDER: Record<AlertSeverity, string> = { critical: '#c92a2a', warning: '#e67700', info: '#1c7ed6' };

export function SeverityBadge(props: { severity: AlertSeverity; size?: 'xs' | 'sm' | 'md' }) {
  const color = SEVERITY_COLOR[props.severity] ?? 'gray';
  return (
    <Badge size={props.size ?? 'sm'} variant="light" color={color} c={ink(color)} tt="none" fw={650}>
      {SEVERITY_LABEL[props.severity] ?? props.severity}
    </Badge>
  );
}

/** An ISO day (YYYY-MM-DD) as a date in words. */
export function formatDay(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t)
    ? iso
    : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(t);
}

const RAG_COLOR: Record<string, string> = { green: 'green', amber: 'orange', red: 'red' };

/** One alert: what, where, how bad, since when, why, what to do, and what people did about it. */
export function AlertCard(props: { alert: Alert; ecosystemId: string; onAcknowledge?: (a: Alert) => void }) {
  const a = props.alert;
  const d = a.detail;
  // An obligation reminder leads to the obligations register (where it is marked done); a signal to the health tab.
  const partnershipLink = a.partnershipId
    ? `/e/${encodeURIComponent(props.ecosystemId)}/partnerships/${encodeURIComponent(a.partnershipId)}/${d.obligation ? 'registers' : 'health'}`
    : null;
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      style={{
        borderLeft: `4px solid ${a.status === 'resolved' ? 'var(--mantine-color-gray-4)' : BORDER[a.severity]}`,
      }}
      data-testid="alert"
      data-alert-id={a.id}
      data-kind={a.kind}
      data-severity={a.severity}
      data-status={a.status}
      component="article"
      aria-label={a.title}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: 1 }}>
            <ThemeIcon
              variant="light"
              color={SEVERITY_COLOR[a.severity]}
              c={ink(SEVERITY_COLOR[a.severity])}
              size="lg"
              radius="xl"
              aria-hidden
            >
              {SEVERITY_ICON[a.severity]}
            </ThemeIcon>
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap="xs" wrap="wrap">
                <Text fw={650} component="h3" fz="md" m={0}>
                  {d.label ?? a.kind}
                </Text>
                <SeverityBadge severity={a.severity} />
                {d.escalatedFrom && a.status !== 'resolved' && (
                  <Badge size="sm" variant="outline" color="red" c={ink('red')} tt="none">
                    more severe than before ({d.escalatedFrom})
                  </Badge>
                )}
              </Group>
              <Text fz="sm" c="dimmed">
                {partnershipLink ? (
                  <Anchor component={Link} to={partnershipLink} fz="sm" fw={600} c="brand.8">
                    {a.partnershipName ?? a.partnershipId}
                  </Anchor>
                ) : (
                  'The whole ecosystem'
                )}
                {d.health && (
                  <>
                    {' · health score '}
                    <Text span fz="sm" fw={600} c={ink(RAG_COLOR[d.health.rag] ?? 'gray')}>
                      {d.health.score} ({d.health.rag})
                    </Text>
                  </>
                )}
              </Text>
              {d.actors?.length ? (
                <Text fz="sm" c="dimmed">
                  About {d.actors.map((x) => x.name).join(', ')}
                </Text>
              ) : null}
            </Stack>
          </Group>
          <Stack gap={0} align="flex-end" style={{ flex: 'none' }}>
            <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              condition since {formatDay(d.since)}
            </Text>
            <Tooltip
              label={`First raised ${dateTime(a.firstRaisedAt)}; last seen by the agent ${dateTime(a.lastSeenAt)}`}
            >
              <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                raised {relativeTime(a.firstRaisedAt)} · seen {relativeTime(a.lastSeenAt)}
              </Text>
            </Tooltip>
          </Stack>
        </Group>

        <Stack gap={4}>
          <Text fz="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
            Why
          </Text>
          <List size="sm" spacing={2}>
            {d.evidence.map((e) => (
              <List.Item key={e}>{e}</List.Item>
            ))}
          </List>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconRuler2 size={16} style={{ flex: 'none', marginTop: 2 }} aria-hidden />
            <Text fz="sm" c="dimmed">
              <Text span fw={600} fz="sm" c="dark.6">
                Rule:{' '}
              </Text>
              {d.rule}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconBulb size={16} style={{ flex: 'none', marginTop: 2 }} aria-hidden />
            <Text fz="sm">
              <Text span fw={600} fz="sm">
                Recommended action:{' '}
              </Text>
              {d.action}
            </Text>
          </Group>
        </Stack>

        <Group
          justify="space-between"
          wrap="wrap"
          gap="xs"
          pt={4}
          style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
        >
          {a.status === 'open' && (
            <Text fz="sm" c="dimmed">
              Not yet acknowledged
              {a.mayAcknowledge ? '' : ' — an orchestrator or a member of this partnership acknowledges it'}.
            </Text>
          )}
          {a.status === 'acknowledged' && (
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconCheck
                size={16}
                color="var(--mantine-color-teal-7)"
                style={{ flex: 'none', marginTop: 2 }}
                aria-hidden
              />
              <Text fz="sm">
                Acknowledged by <b>{a.acknowledgedBy?.name ?? 'someone'}</b>
                {a.acknowledgedBy?.organization ? ` (${a.acknowledgedBy.organization})` : ''}{' '}
                {a.acknowledgedAt ? relativeTime(a.acknowledgedAt) : ''}
                {d.acknowledgement?.note ? <> — “{d.acknowledgement.note}”</> : ''}
              </Text>
            </Group>
          )}
          {a.status === 'resolved' && (
            <Group gap={6} wrap="nowrap">
              <IconCircleCheck size={16} color="var(--mantine-color-teal-7)" aria-hidden />
              <Text fz="sm">
                Resolved {a.resolvedAt ? relativeTime(a.resolvedAt) : ''}: the agent no longer sees this
                signal.
              </Text>
            </Group>
          )}
          {a.status === 'open' && a.mayAcknowledge && props.onAcknowledge && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconCheck size={14} />}
              onClick={() => props.onAcknowledge?.(a)}
              data-testid="acknowledge"
            >
              Acknowledge
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** Asks for an optional note, then acknowledges. */
export function AcknowledgeModal(props: {
  alert: Alert | null;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: (note: string) => void;
}) {
  const [note, setNote] = useState('');
  const close = () => {
    setNote('');
    props.onCancel();
  };
  return (
    <Modal
      opened={props.alert !== null}
      onClose={close}
      title={<Text fw={650}>Acknowledge this alert</Text>}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {props.alert && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            props.onConfirm(note.trim());
          }}
        >
          <Stack>
            <Text fz="sm">
              <b>{props.alert.title}</b>. Acknowledging says that you have seen it and will act; it stays in
              the inbox until the agent no longer sees the signal. Your name and note go into the audit log.
            </Text>
            <Textarea
              label="What will you do? (optional)"
              description={`Recommended: ${props.alert.detail.action}`}
              autosize
              minRows={3}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              data-testid="acknowledge-note"
            />
            {props.error !== null && props.error !== undefined && (
              <ErrorAlert error={props.error} title="Not acknowledged" />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={props.busy}
                leftSection={<IconCheck size={16} />}
                data-testid="acknowledge-confirm"
              >
                Acknowledge
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
