/**
 * The Health checks tab: start a cycle (orchestrators and members), answer it
 * for your own organization (editable until it closes), see who has answered
 * (never what) while it is open, close it (orchestrators), then the results
 * per dimension and organization with the perception gaps, and the trend
 * across cycles.
 */
import { LineChart } from '@mantine/charts';
import {
  Avatar,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconClipboardHeart, IconHourglass, IconLockOpen, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { describeError } from '../api/errors.ts';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { initials } from '../lib/format.ts';
import type { PartnershipTabProps } from '../partnership/tabs.ts';
import { AnswerDrawer } from './answer-form.tsx';
import { CycleResults } from './cycle-results.tsx';
import { useCloseCycle, useHealthChecks, type CycleView, type HealthChecksView } from './health-api.ts';
import { closeLabel, formatDay, ToneBadge } from './health-ui.tsx';
import { StartCycleDrawer } from './start-cycle.tsx';

export default function HealthChecksTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const q = useHealthChecks(ecosystemId, partnership.id);
  const [starting, setStarting] = useState(false);
  const [answering, setAnswering] = useState<CycleView | null>(null);
  const [closing, setClosing] = useState<CycleView | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const close = useCloseCycle(ecosystemId, partnership.id);
  if (q.isPending) return <PageLoader label="Loading health checks…" />;
  if (q.isError)
    return (
      <ErrorAlert error={q.error} title="Could not load the health checks" onRetry={() => void q.refetch()} />
    );
  const v = q.data;
  const names = Object.fromEntries(v.members.map((m) => [m.id, m.name]));
  const open = v.cycles.filter((c) => c.status !== 'closed');
  const closed = v.cycles
    .filter((c) => c.status === 'closed')
    .sort((a, b) => (a.closed! < b.closed! ? 1 : -1));
  const shown = closed.find((c) => c.id === chosen) ?? closed[0];
  const myName = v.you.organization ? (names[v.you.organization] ?? v.you.organization) : '';

  const doClose = () => {
    if (!closing) return;
    close.mutate(closing.id, {
      onSuccess: () => {
        notifications.show({
          ...closeLabel,
          color: 'teal',
          title: `Cycle “${closing.id}” closed`,
          message: 'Its results are visible to everyone who sees the partnership.',
        });
        setChosen(closing.id);
        setClosing(null);
      },
      onError: (e) =>
        notifications.show({ ...closeLabel, color: 'red', title: 'Not closed', message: describeError(e) }),
    });
  };

  return (
    <Stack gap="lg" data-testid="health-checks-tab">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3} fz="lg">
            Health checks
          </Title>
          <Text fz="sm" c="dimmed" maw={720}>
            Each member organization scores the partnership from 1 to 5 on each dimension, with a comment.
            Answers stay private to the organization until an orchestrator closes the cycle; then everyone
            sees the results and where partners see the relationship differently.
          </Text>
        </div>
        {v.you.mayStart && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setStarting(true)}
            data-testid="start-cycle"
          >
            Start a health check
          </Button>
        )}
      </Group>

      {v.cycles.length === 0 && (
        <Card>
          <Empty
            icon={<IconClipboardHeart size={28} />}
            title="No health check yet"
            description="A health check asks every member organization how the partnership is doing: strategic fit, trust, communication, governance, value creation and execution."
            action={
              v.you.mayStart ? (
                <Button onClick={() => setStarting(true)} leftSection={<IconPlus size={16} />}>
                  Start the first one
                </Button>
              ) : undefined
            }
          />
        </Card>
      )}

      {open.map((c) => (
        <OpenCycleCard
          key={c.id}
          cycle={c}
          view={v}
          names={names}
          myName={myName}
          onAnswer={() => setAnswering(c)}
          onClose={() => setClosing(c)}
        />
      ))}

      {shown && (
        <Card data-testid="closed-cycle">
          <Group justify="space-between" mb="md" align="flex-start">
            <div>
              <Title order={3} fz="lg">
                Results
              </Title>
              <Text fz="sm" c="dimmed">
                {closed.length} closed cycle{closed.length === 1 ? '' : 's'}
              </Text>
            </div>
            {closed.length > 1 && (
              <Select
                label="Cycle"
                data={closed.map((c) => ({ value: c.id, label: `${c.id} (closed ${formatDay(c.closed!)})` }))}
                value={shown.id}
                onChange={(x) => setChosen(x)}
                allowDeselect={false}
                w={260}
                data-testid="cycle-select"
              />
            )}
          </Group>
          <CycleResults cycle={shown} names={names} gapFlag={v.perceptionGapFlag} />
        </Card>
      )}

      {v.trend.points.length > 0 && (
        <Card data-testid="health-check-trend">
          <Title order={3} fz="lg" mb={4}>
            Across cycles
          </Title>
          <Text fz="sm" c="dimmed" mb="sm">
            {v.trend.explanation}
          </Text>
          {v.trend.points.length > 1 && (
            <LineChart
              h={200}
              data={v.trend.points.map((p) => ({ cycle: p.cycle, mean: Math.round(p.mean * 100) / 100 }))}
              dataKey="cycle"
              series={[{ name: 'mean', label: 'Mean of 5', color: 'brand.7' }]}
              yAxisProps={{ domain: [1, 5] }}
              withDots
              tickLine="none"
            />
          )}
        </Card>
      )}

      <StartCycleDrawer
        opened={starting}
        onClose={() => setStarting(false)}
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        template={v.template}
        members={v.members}
        today={v.today}
      />
      <AnswerDrawer
        opened={answering !== null}
        onClose={() => setAnswering(null)}
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        cycle={answering}
        organization={v.you.organization ?? ''}
        organizationName={myName}
      />
      <Modal
        opened={closing !== null}
        onClose={() => setClosing(null)}
        title={`Close cycle “${closing?.id ?? ''}”?`}
      >
        <Stack gap="md">
          <Text fz="sm">
            {closing
              ? `${closing.respondents.length} of ${closing.respondents.length + closing.awaiting.length} member organizations have answered.`
              : ''}{' '}
            Closing makes every answer visible to everyone who sees the partnership, and answers can no longer
            change. A closed cycle cannot be reopened.
          </Text>
          {closing && closing.awaiting.length > 0 && (
            <Text fz="sm" c="orange.9">
              Still awaiting: {closing.awaiting.map((a) => names[a] ?? a).join(', ')}.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setClosing(null)}>
              Cancel
            </Button>
            <Button
              color="red.8"
              onClick={doClose}
              loading={close.isPending}
              data-testid="confirm-close-cycle"
            >
              Close and show results
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function OpenCycleCard(props: {
  cycle: CycleView;
  view: HealthChecksView;
  names: Record<string, string>;
  myName: string;
  onAnswer: () => void;
  onClose: () => void;
}) {
  const { cycle: c, view: v } = props;
  const total = c.respondents.length + c.awaiting.length;
  const mine = v.you.organization;
  const answeredByMe = c.own.length > 0;
  const complete = c.own.length >= c.dimensions.length;
  return (
    <Card data-testid="open-cycle" data-cycle={c.id}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={3} fz="lg">
              Cycle “{c.id}”
            </Title>
            <ToneBadge tone={c.status === 'scheduled' ? 'gray' : 'blue'}>
              {c.status === 'scheduled' ? 'Scheduled' : 'Open'}
            </ToneBadge>
          </Group>
          <Text fz="sm" c="dimmed">
            {c.status === 'scheduled' ? 'Opens' : 'Opened'} {formatDay(c.opened)}
            {c.closed ? ` · closes ${formatDay(c.closed)}` : ''} · {c.dimensions.length} dimensions ·{' '}
            {c.respondents.length} of {total} organizations answered
          </Text>
        </Stack>
        <Group gap="sm">
          {v.you.mayAnswer && mine && c.status === 'open' && (
            <Button
              variant={answeredByMe ? 'light' : 'filled'}
              onClick={props.onAnswer}
              data-testid="answer-cycle"
            >
              {answeredByMe
                ? complete
                  ? 'Change your answers'
                  : 'Finish your answers'
                : `Answer for ${props.myName}`}
            </Button>
          )}
          {v.you.mayClose && c.status === 'open' && (
            <Button
              variant="default"
              leftSection={<IconLockOpen size={16} />}
              onClick={props.onClose}
              data-testid="close-cycle"
            >
              Close cycle
            </Button>
          )}
        </Group>
      </Group>
      <Group gap="sm" mt="md" wrap="wrap">
        {[
          ...c.respondents.map((id) => ({ id, done: true })),
          ...c.awaiting.map((id) => ({ id, done: false })),
        ].map((o) => (
          <Tooltip
            key={o.id}
            label={`${props.names[o.id] ?? o.id}: ${o.done ? 'answered' : 'not answered yet'}`}
          >
            <Badge
              size="lg"
              radius="xl"
              variant="outline"
              color={o.done ? 'teal.8' : 'gray.6'}
              tt="none"
              fw={500}
              leftSection={
                o.done ? <IconCheck size={14} aria-hidden /> : <IconHourglass size={14} aria-hidden />
              }
              styles={{ root: { color: o.done ? '#0b5d4f' : '#495057' } }}
              data-testid={o.done ? 'respondent' : 'awaiting'}
            >
              <Group gap={6} wrap="nowrap">
                <Avatar size={18} radius="xl" color={o.done ? 'teal' : 'gray'}>
                  {initials(props.names[o.id] ?? o.id)}
                </Avatar>
                {props.names[o.id] ?? o.id}
              </Group>
            </Badge>
          </Tooltip>
        ))}
      </Group>
      <Text fz="xs" c="dimmed" mt="sm">
        {answeredByMe
          ? `${props.myName} has answered ${c.own.length} of ${c.dimensions.length} dimensions; only your organization and the orchestrators see them until the cycle closes.`
          : 'Scores stay private until the cycle closes; only who has answered is shown.'}
      </Text>
    </Card>
  );
}
