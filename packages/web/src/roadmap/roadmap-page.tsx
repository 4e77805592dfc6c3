/**
 * The roadmap across the portfolio: every partnership's milestones on one
 * common time range, each with its members' planning windows as bands and its
 * sync points, and what needs attention first (late milestones, decisions
 * needed outside a member's planning window).
 */
import {
  Anchor,
  Badge,
  Card,
  Container,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconInfoCircle, IconRoute } from '@tabler/icons-react';
import { PARTNERSHIP_STAGES } from '@valueweb/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { StageBadge } from '../components/badges.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import { humanize, plural } from '../lib/format.ts';
import { useRoadmap } from './roadmap-api.ts';
import { RoadmapTimeline, TimelineLegend } from './timeline.tsx';
import { Tone } from '../pilot/tone.tsx';

function Stat(props: { label: string; value: number; color?: string; testId: string }) {
  return (
    <Card padding="md" data-testid={props.testId}>
      <Text fz="xs" tt="uppercase" fw={600} c="dimmed" style={{ letterSpacing: '0.04em' }}>
        {props.label}
      </Text>
      <Text fz={28} fw={650} c={props.value && props.color ? props.color : undefined}>
        {props.value}
      </Text>
    </Card>
  );
}

export default function RoadmapPage() {
  const { id, ecosystem } = useCurrentEcosystem();
  const names = useActorNames(id);
  const [stage, setStage] = useState<string | null>(null);
  const [bands, setBands] = useState(true);
  const roadmap = useRoadmap(id, stage);
  const base = `/e/${encodeURIComponent(id)}`;

  return (
    <Container size="xl" py="lg">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: base }, { label: 'Roadmap' }]}
        title="Roadmap"
        description="Every partnership's staged milestones, with the value delivered at each step, against its members' planning clocks."
        actions={
          <Group gap="sm">
            <Switch label="Clock bands" checked={bands} onChange={(e) => setBands(e.currentTarget.checked)} />
            <Select
              aria-label="Stage"
              placeholder="All stages"
              clearable
              w={180}
              data={PARTNERSHIP_STAGES.map((s) => ({ value: s, label: humanize(s) }))}
              value={stage}
              onChange={setStage}
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
        }
      />
      {roadmap.isPending ? (
        <PageLoader label="Laying out the roadmap…" />
      ) : roadmap.isError ? (
        <ErrorAlert error={roadmap.error} onRetry={() => void roadmap.refetch()} />
      ) : (
        <Stack gap="lg" style={{ opacity: roadmap.isFetching ? 0.7 : 1 }}>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Stat
              label="Milestones"
              value={roadmap.data.summary.milestones}
              testId="roadmap-stat-milestones"
            />
            <Stat label="Late" value={roadmap.data.summary.late} color="red.8" testId="roadmap-stat-late" />
            <Stat
              label="Due in 30 days"
              value={roadmap.data.summary.dueSoon}
              color="orange.8"
              testId="roadmap-stat-due"
            />
            <Stat
              label="Clock warnings"
              value={roadmap.data.summary.warnings}
              color="red.8"
              testId="roadmap-stat-warnings"
            />
          </SimpleGrid>
          <Group justify="space-between" wrap="wrap">
            <TimelineLegend />
            <Tooltip multiline w={420} label={roadmap.data.rule}>
              <Badge
                variant="light"
                color="gray"
                leftSection={<IconInfoCircle size={12} />}
                tt="none"
                style={{ cursor: 'help' }}
                tabIndex={0}
              >
                How the bands are drawn
              </Badge>
            </Tooltip>
          </Group>
          {roadmap.data.partnerships.length === 0 ? (
            <Card>
              <Empty
                icon={<IconRoute size={28} />}
                title="No partnerships here"
                description={
                  stage ? 'No partnership is in this stage.' : 'Create a partnership to plan its roadmap.'
                }
              />
            </Card>
          ) : (
            roadmap.data.partnerships.map((p) => {
              const late = p.milestones.filter((m) => m.state === 'late').length;
              return (
                <Card key={p.id} data-testid={`roadmap-${p.id}`}>
                  <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
                    <Group gap="sm">
                      <Title order={3} fz="md">
                        <Anchor
                          component={Link}
                          to={`${base}/partnerships/${encodeURIComponent(p.id)}/roadmap`}
                          inherit
                        >
                          {p.name}
                        </Anchor>
                      </Title>
                      <StageBadge stage={p.stage} />
                    </Group>
                    <Group gap={6}>
                      <Badge variant="light" color="gray">
                        {plural(p.milestones.length, 'milestone')}
                      </Badge>
                      {late > 0 && <Tone color="red">{late} late</Tone>}
                      {p.warnings.length > 0 && (
                        <Tone color="red">{plural(p.warnings.length, 'clock warning')}</Tone>
                      )}
                      <Tone color={p.syncPoints.all ? 'teal' : 'yellow'}>
                        {p.syncPoints.all
                          ? plural(p.syncPoints.points.length, 'sync point')
                          : 'no common planning month'}
                      </Tone>
                    </Group>
                  </Group>
                  {p.milestones.length === 0 && (
                    <Text fz="sm" c="dimmed" mb="xs">
                      No milestones yet.
                    </Text>
                  )}
                  <RoadmapTimeline
                    from={roadmap.data.from}
                    to={roadmap.data.to}
                    today={roadmap.data.today}
                    members={bands ? p.members : p.members.map((m) => ({ ...m, windows: [] }))}
                    syncPoints={bands ? p.syncPoints : { ...p.syncPoints, points: [] }}
                    milestones={p.milestones}
                    warnings={p.warnings}
                    staging={p.staging}
                    names={names}
                    testId={`roadmap-timeline-${p.id}`}
                  />
                </Card>
              );
            })
          )}
        </Stack>
      )}
    </Container>
  );
}
