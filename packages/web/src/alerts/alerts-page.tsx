/**
 * The alerts inbox: what the monitoring agent found in each partnership's
 * health and vitality signals, most severe first — severity, partnership,
 * why (evidence and rule), since when, the recommended action — and a person
 * acknowledges each. Orchestrators run the agent now; everyone sees when it
 * last ran and what it did. Filters live in the URL.
 */
import {
  Button,
  Container,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications, type NotificationData } from '@mantine/notifications';
import {
  IconBellCheck,
  IconBellRinging,
  IconFilterOff,
  IconPlayerPlay,
  IconRobot,
} from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../api/errors.ts';
import { usePartnerships } from '../api/queries.ts';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert, TableSkeleton } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { dateTime, plural, relativeTime } from '../lib/format.ts';
import { AcknowledgeModal, AlertCard, SEVERITY_LABEL } from './alert-ui.tsx';
import {
  useAcknowledge,
  useAgentRuns,
  useAlerts,
  useAlertSummary,
  useRunAgent,
  type Alert,
  type AlertFilters,
  type AlertSeverity,
  type AlertStatus,
  type AgentRun,
} from './alerts-api.ts';

/** A notification with a labelled close button. */
const notify = (n: NotificationData) =>
  notifications.show({
    closeButtonProps: { 'aria-label': 'Close notification' },
    styles: { description: { color: 'var(--mantine-color-gray-7)' } },
    ...n,
  });

const VIEWS: Record<string, AlertStatus[]> = {
  open: ['open'],
  acknowledged: ['acknowledged'],
  active: ['open', 'acknowledged'],
  resolved: ['resolved'],
};
const REASONS: Record<string, string> = {
  schedule: 'on its schedule',
  change: 'after a change',
  manual: 'on request',
};

function runSummary(r: AgentRun): string {
  const s = r.stats ?? {};
  if (r.error) return `failed: ${r.error}`;
  const parts = [
    `${plural(s.partnerships ?? 0, 'partnership')} checked`,
    `${plural(s.signals ?? 0, 'signal')}`,
    ...(s.reminders ? [plural(s.reminders, 'obligation reminder')] : []),
    `${s.raised ?? 0} raised`,
    ...(s.escalated ? [`${s.escalated} more severe`] : []),
    `${s.resolved ?? 0} resolved`,
    ...(s.deliveries ? [`${plural(s.deliveries, 'webhook delivery', 'webhook deliveries')} queued`] : []),
  ];
  return `${parts.join(', ')}${s.durationMs !== undefined ? ` in ${(s.durationMs / 1000).toFixed(1)} s` : ''}`;
}

function scheduleText(s: { intervalMinutes: number; runsAfterChanges: boolean }): string {
  if (s.intervalMinutes > 0)
    return `runs every ${plural(s.intervalMinutes, 'minute')}${s.runsAfterChanges ? ' and a few seconds after each change' : ''}`;
  return s.runsAfterChanges
    ? 'runs a few seconds after each change, and on request (no schedule)'
    : 'runs on request (no schedule)';
}

function AgentStatus(props: { ecosystemId: string }) {
  const q = useAgentRuns(props.ecosystemId);
  const last = q.data?.runs.find((r) => r.finishedAt) ?? null;
  const running = q.data?.runs.find((r) => !r.finishedAt);
  const schedule = q.data?.schedule;
  return (
    <Paper withBorder radius="md" p="md" mb="lg" data-testid="agent-status">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <IconRobot size={22} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={650} fz="sm">
            Monitoring agent
            {schedule && (
              <Text span c="dimmed" fz="sm" fw={400}>
                {' · '}
                {scheduleText(schedule)}
              </Text>
            )}
          </Text>
          {q.isPending ? (
            <Text fz="sm" c="dimmed">
              Loading its runs…
            </Text>
          ) : q.isError ? (
            <Text fz="sm" c="red.8">
              {describeError(q.error)}
            </Text>
          ) : last ? (
            <Tooltip label={`Started ${dateTime(last.startedAt)} on ${last.instance ?? 'an instance'}`}>
              <Text fz="sm" c={last.error ? 'red.8' : undefined} data-testid="agent-last-run">
                Last run {relativeTime(last.finishedAt ?? last.startedAt)} {REASONS[last.reason] ?? ''}:{' '}
                {runSummary(last)}.
              </Text>
            </Tooltip>
          ) : (
            <Text fz="sm" c="dimmed">
              It has not run on this ecosystem yet.
            </Text>
          )}
          {running && (
            <Group gap={6}>
              <Loader size={12} />
              <Text fz="xs" c="dimmed">
                A run is in progress ({REASONS[running.reason] ?? running.reason}).
              </Text>
            </Group>
          )}
          <Text fz="xs" c="dimmed">
            It recomputes every partnership&apos;s health score and vitality signals and raises an alert per
            signal, and reminds of obligations due soon or overdue. It decides nothing on its own: each alert
            says why, and a person acknowledges it and acts.
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

export default function AlertsPage() {
  const { id, ecosystem, may, me } = useCurrentEcosystem();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') && VIEWS[params.get('view')!] ? params.get('view')! : 'open';
  const severityKey = params.get('severity') ?? '';
  const severity = useMemo(
    () => severityKey.split(',').filter((s): s is AlertSeverity => s in SEVERITY_LABEL),
    [severityKey],
  );
  const partnership = params.get('partnership');
  const mine = params.get('mine') === 'true';
  const sort = params.get('sort') === 'recent' ? 'recent' : 'severity';
  const filters: AlertFilters = useMemo(
    () => ({ status: VIEWS[view]!, severity, partnership, mine, sort }),
    [view, severity, partnership, mine, sort],
  );
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const alerts = useAlerts(id, filters, pages);
  const summary = useAlertSummary(id).data;
  const runs = useAgentRuns(id).data;
  const neverRan = runs !== undefined && !runs.runs.some((r) => r.finishedAt);
  const partnerships = usePartnerships(id, { limit: 200 });
  const run = useRunAgent(id);
  const ack = useAcknowledge(id);
  const [acknowledging, setAcknowledging] = useState<Alert | null>(null);
  const orchestrator = may('ecosystem.update');
  const member = ecosystem.role === 'member' || Boolean(ecosystem.actorId && !orchestrator);

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setPages([null]);
    setParams(next, { replace: true });
  };
  const filtered = severity.length > 0 || Boolean(partnership) || mine;

  const runNow = () =>
    run.mutate(undefined, {
      onSuccess: (r) =>
        notify(
          r.status === 'ran'
            ? { color: 'teal', title: 'The agent ran', message: `${runSummary(r.run)}.` }
            : { color: 'red', title: 'The agent run failed', message: r.error ?? 'see the last run' },
        ),
      onError: (e) => notify({ color: 'red', title: 'The agent did not run', message: describeError(e) }),
    });

  const items = alerts.data?.items ?? [];
  return (
    <Container size="lg" py="xl">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: `/e/${encodeURIComponent(id)}` }, { label: 'Alerts' }]}
        title="Alerts"
        description="Early warnings from the monitoring agent: a partnership's health signals and obligations due soon or overdue that need a person's attention — how severe, since when, why, and what to do."
        actions={
          orchestrator && (
            <Button
              leftSection={<IconPlayerPlay size={16} />}
              onClick={runNow}
              loading={run.isPending}
              data-testid="run-agent"
            >
              Run the agent now
            </Button>
          )
        }
      />
      <AgentStatus ecosystemId={id} />

      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label="Which alerts"
          value={view}
          onChange={(v) => set('view', v === 'open' ? null : v)}
          data={[
            { value: 'open', label: `Open${summary ? ` (${summary.open})` : ''}` },
            { value: 'acknowledged', label: `Acknowledged${summary ? ` (${summary.acknowledged})` : ''}` },
            { value: 'active', label: 'All active' },
            { value: 'resolved', label: 'Resolved' },
          ]}
          data-testid="alert-view"
        />
        <Select
          label="Severity"
          placeholder="Any severity"
          clearable
          w={150}
          value={severity[0] ?? null}
          onChange={(v) => set('severity', v)}
          data={(['critical', 'warning', 'info'] as const).map((s) => ({
            value: s,
            label: SEVERITY_LABEL[s],
          }))}
        />
        <Select
          label="Partnership"
          placeholder="All partnerships"
          clearable
          searchable
          w={230}
          value={partnership}
          onChange={(v) => set('partnership', v)}
          data={(partnerships.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          nothingFoundMessage="No partnership by that name"
        />
        <Select
          label="Order"
          w={165}
          value={sort}
          allowDeselect={false}
          onChange={(v) => set('sort', v === 'recent' ? 'recent' : null)}
          data={[
            { value: 'severity', label: 'Most severe first' },
            { value: 'recent', label: 'Newest first' },
          ]}
        />
        {member && (
          <Switch
            label="Only my organization's partnerships"
            checked={mine}
            onChange={(e) => set('mine', e.currentTarget.checked ? 'true' : null)}
            mb={8}
          />
        )}
        {filtered && (
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconFilterOff size={16} />}
            onClick={() => setParams(view === 'open' ? {} : { view }, { replace: true })}
            mb={2}
          >
            Clear filters
          </Button>
        )}
      </Group>

      {alerts.isPending ? (
        <TableSkeleton columns={3} rows={4} />
      ) : alerts.isError ? (
        <ErrorAlert
          error={alerts.error}
          title="The alerts did not load"
          onRetry={() => void alerts.refetch()}
        />
      ) : items.length === 0 ? (
        <Empty
          icon={view === 'resolved' ? <IconBellRinging size={28} /> : <IconBellCheck size={28} />}
          title={
            filtered
              ? 'No alerts match these filters'
              : view === 'resolved'
                ? 'No resolved alerts yet'
                : view === 'acknowledged'
                  ? 'Nothing acknowledged and still open'
                  : 'No open alerts'
          }
          description={
            filtered
              ? 'Clear the filters to see every alert.'
              : view === 'resolved'
                ? 'An alert is resolved when the agent no longer sees its signal.'
                : neverRan
                  ? 'The agent has not run on this ecosystem yet. It raises alerts here when it finds early warnings.'
                  : 'At its last run the agent found no early warning that waits for a person. It keeps watching on its schedule and after every change.'
          }
          action={
            orchestrator && !filtered && view !== 'resolved' ? (
              <Button
                variant="light"
                leftSection={<IconPlayerPlay size={16} />}
                onClick={runNow}
                loading={run.isPending}
              >
                Run the agent now
              </Button>
            ) : undefined
          }
        />
      ) : (
        <Stack gap="md" data-testid="alert-list">
          <Text fz="sm" c="dimmed" aria-live="polite">
            {plural(items.length, 'alert')}
            {alerts.data?.nextCursor ? ' shown (more below)' : ''}
            {alerts.isFetching ? ' · refreshing…' : ''}
          </Text>
          {items.map((a) => (
            <AlertCard key={a.id} alert={a} ecosystemId={id} onAcknowledge={(x) => setAcknowledging(x)} />
          ))}
          {alerts.data?.nextCursor && (
            <Group justify="center">
              <Button
                variant="default"
                loading={alerts.isFetching}
                onClick={() => setPages((p) => [...p, alerts.data.nextCursor])}
              >
                Show more
              </Button>
            </Group>
          )}
        </Stack>
      )}

      <AcknowledgeModal
        alert={acknowledging}
        busy={ack.isPending}
        error={ack.error}
        onCancel={() => {
          ack.reset();
          setAcknowledging(null);
        }}
        onConfirm={(note) =>
          ack.mutate(
            { id: acknowledging!.id, ...(note ? { note } : {}) },
            {
              onSuccess: (a) => {
                setAcknowledging(null);
                notify({
                  color: 'teal',
                  title: 'Acknowledged',
                  message: `${a.title}: ${me.user.name || me.user.email} will act on it.`,
                });
              },
            },
          )
        }
      />
    </Container>
  );
}
