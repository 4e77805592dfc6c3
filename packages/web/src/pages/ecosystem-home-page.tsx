import {
  Anchor,
  Button,
  Card,
  Container,
  Grid,
  Group,
  List,
  Modal,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Textarea,
  ThemeIcon,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowsExchange,
  IconBuildingCommunity,
  IconChartDots3,
  IconDatabaseExport,
  IconPencil,
  IconPlus,
  IconTarget,
  IconTopologyStar3,
  IconUsers,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { formErrors } from '../api/errors.ts';
import { keys, useAudit } from '../api/queries.ts';
import type { AuditEvent } from '../api/types.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorAlert } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { describeAction, eventParties } from '../lib/audit.ts';
import { usePeopleNames } from '../hooks/use-people-names.ts';
import { relativeTime } from '../lib/format.ts';

export function EcosystemHomePage() {
  const { id, ecosystem, may } = useCurrentEcosystem();
  const [editing, setEditing] = useState(false);
  const base = `/e/${encodeURIComponent(id)}`;
  const goals = ecosystem.goals ?? [];
  return (
    <Container size="xl" py="xl">
      <PageHeader
        title={ecosystem.name}
        description="Overview of the ecosystem: who is in it, how they are tied, and what changed lately."
        actions={
          <>
            {may('ecosystem.update') && (
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(true)}
                data-testid="edit-ecosystem"
              >
                Edit purpose and goals
              </Button>
            )}
            <Button component={Link} to={`${base}/map`} leftSection={<IconChartDots3 size={16} />}>
              Open the ecosystem map
            </Button>
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Stat
            to={`${base}/actors`}
            icon={<IconBuildingCommunity size={20} />}
            label="Actors"
            value={ecosystem.counts.actors}
            hint="organizations, communities and people"
            color="brand"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Stat
            to={`${base}/relationships`}
            icon={<IconArrowsExchange size={20} />}
            label="Relationships"
            value={ecosystem.counts.relationships}
            hint="ties and the flows they carry"
            color="teal"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Stat
            to={`${base}/partnerships`}
            icon={<IconTopologyStar3 size={20} />}
            label="Partnerships"
            value={ecosystem.counts.partnerships}
            hint="formal alliances among actors"
            color="grape"
          />
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card h="100%">
            <Group justify="space-between" mb="sm">
              <Title order={3} fz="lg">
                Purpose and goals
              </Title>
            </Group>
            <Text
              fz="sm"
              c={ecosystem.purpose ? undefined : 'dimmed'}
              mb="md"
              style={{ whiteSpace: 'pre-wrap' }}
            >
              {ecosystem.purpose ||
                'No purpose written yet. A shared purpose is the first thing partners align on.'}
            </Text>
            {goals.length > 0 ? (
              <List
                spacing="xs"
                size="sm"
                icon={
                  <ThemeIcon size={20} radius="xl" variant="light" color="teal">
                    <IconTarget size={13} />
                  </ThemeIcon>
                }
              >
                {goals.map((g) => (
                  <List.Item key={g}>{g}</List.Item>
                ))}
              </List>
            ) : (
              <Text fz="sm" c="dimmed">
                No goals set yet.
              </Text>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card h="100%">
            <Title order={3} fz="lg" mb="sm">
              Quick links
            </Title>
            <Stack gap="xs">
              {may('actor.create') && (
                <QuickLink to={`${base}/actors?new=1`} icon={<IconPlus size={16} />} label="Add an actor" />
              )}
              {may('partnership.create') && (
                <QuickLink
                  to={`${base}/partnerships?new=1`}
                  icon={<IconTopologyStar3 size={16} />}
                  label="Start a partnership"
                />
              )}
              <QuickLink
                to={`${base}/map`}
                icon={<IconChartDots3 size={16} />}
                label="Explore the ecosystem map"
              />
              <QuickLink
                to={`${base}/people`}
                icon={<IconUsers size={16} />}
                label="People and invitations"
              />
              <QuickLink
                to={`${base}/data`}
                icon={<IconDatabaseExport size={16} />}
                label="Export the ecosystem file"
              />
            </Stack>
          </Card>
        </Grid.Col>

        <Grid.Col span={12}>
          <RecentActivity />
        </Grid.Col>
      </Grid>
      {editing && <EditEcosystemModal onClose={() => setEditing(false)} />}
    </Container>
  );
}

function Stat(props: {
  to: string;
  icon: ReactNode;
  label: string;
  value: number;
  hint: string;
  color: string;
}) {
  return (
    <Card
      component={Link}
      to={props.to}
      className="vw-card-link"
      data-testid={`stat-${props.label.toLowerCase()}`}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text fz="xs" tt="uppercase" fw={600} c="dimmed" style={{ letterSpacing: '0.05em' }}>
            {props.label}
          </Text>
          <Text fz={32} fw={700} lh={1.2} mt={4}>
            {props.value.toLocaleString('en')}
          </Text>
          <Text fz="xs" c="dimmed" mt={2}>
            {props.hint}
          </Text>
        </div>
        <ThemeIcon size={40} radius="md" variant="light" color={props.color} style={{ flex: 'none' }}>
          {props.icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

function QuickLink(props: { to: string; icon: ReactNode; label: string }) {
  return (
    <Anchor component={Link} to={props.to} fz="sm" underline="never">
      <Group gap="sm">
        <ThemeIcon size={28} variant="light" radius="md">
          {props.icon}
        </ThemeIcon>
        {props.label}
      </Group>
    </Anchor>
  );
}

function RecentActivity() {
  const { id, may } = useCurrentEcosystem();
  const mayRead = may('audit.read');
  const audit = useAudit(id, null, 8, mayRead);
  const names = usePeopleNames(id, mayRead);
  const events: AuditEvent[] = audit.data?.items ?? [];
  return (
    <Card>
      <Group justify="space-between" mb="md">
        <Title order={3} fz="lg">
          Recent activity
        </Title>
        {mayRead && (
          <Anchor component={Link} to={`/e/${encodeURIComponent(id)}/audit`} fz="sm">
            Full audit log
          </Anchor>
        )}
      </Group>
      {!mayRead ? (
        <Text fz="sm" c="dimmed">
          The activity log is visible to the ecosystem's orchestrators.
        </Text>
      ) : audit.isPending ? (
        <Stack gap="sm" data-testid="activity-loading">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} h={14} w={`${70 - i * 10}%`} />
          ))}
        </Stack>
      ) : audit.isError ? (
        <ErrorAlert
          error={audit.error}
          title="Could not load the activity"
          onRetry={() => void audit.refetch()}
        />
      ) : events.length === 0 ? (
        <Text fz="sm" c="dimmed">
          Nothing has happened here yet. Changes to actors, relationships and partnerships will appear here.
        </Text>
      ) : (
        <Timeline bulletSize={12} lineWidth={2} data-testid="recent-activity">
          {events.map((e) => (
            <Timeline.Item
              key={String(e.id)}
              title={
                <Text fz="sm" fw={500}>
                  {describeAction(e)}
                </Text>
              }
            >
              <Text fz="xs" c="dimmed">
                {eventParties(e, names).user}
                {eventParties(e, names).organization
                  ? ` · ${eventParties(e, names).organization}`
                  : ''} · {relativeTime(e.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Card>
  );
}

function EditEcosystemModal(props: { onClose: () => void }) {
  const { id, ecosystem } = useCurrentEcosystem();
  const qc = useQueryClient();
  const [name, setName] = useState(ecosystem.name);
  const [purpose, setPurpose] = useState(ecosystem.purpose ?? '');
  const [goals, setGoals] = useState((ecosystem.goals ?? []).join('\n'));
  const [version, setVersion] = useState(ecosystem.version);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { fields, other } = formErrors(error, ['name', 'purpose', 'goals']);
  const reload = () => {
    void api.ecosystem(id).then((fresh) => {
      qc.setQueryData(keys.ecosystem(id), fresh);
      setName(fresh.name);
      setPurpose(fresh.purpose ?? '');
      setGoals((fresh.goals ?? []).join('\n'));
      setVersion(fresh.version);
      setError(null);
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const goalList = goals
      .split('\n')
      .map((g) => g.trim())
      .filter(Boolean);
    api
      .updateEcosystem(
        id,
        { name: name.trim(), purpose: purpose.trim(), goals: goalList },
        version,
        ecosystem.role,
      )
      .then(async (updated) => {
        qc.setQueryData(keys.ecosystem(id), updated);
        await qc.invalidateQueries({ queryKey: keys.ecosystems });
        notifications.show({ color: 'teal', message: 'Purpose and goals saved.' });
        props.onClose();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };
  return (
    <Modal opened onClose={props.onClose} title={<Text fw={650}>Purpose and goals</Text>} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormProblems error={error} other={other} onReload={reload} what="ecosystem" />
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fields.name}
            required
          />
          <Textarea
            label="Purpose"
            autosize
            minRows={3}
            value={purpose}
            onChange={(e) => setPurpose(e.currentTarget.value)}
            error={fields.purpose}
          />
          <Textarea
            label="Goals"
            description="One goal a line."
            autosize
            minRows={3}
            value={goals}
            onChange={(e) => setGoals(e.currentTarget.value)}
            error={fields.goals}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
