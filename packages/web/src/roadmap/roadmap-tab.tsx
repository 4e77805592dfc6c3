/**
 * Roadmap: the partnership's milestones on a timeline with each member's
 * planning windows drawn as bands and the sync points marked, the warnings
 * for decisions needed outside a member's window, the suggested staging onto
 * sync points, and the milestones themselves (owner, due date, value,
 * dependencies, status) to add and change.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Menu,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconCalendarTime,
  IconClockHour4,
  IconDots,
  IconInfoCircle,
  IconPencil,
  IconPlus,
  IconRoute,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { recordsApi, useInvalidatePartnership, useRecords, type RecordItem } from '../api/records-api.ts';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import { humanize, plural } from '../lib/format.ts';
import type { PartnershipTabProps } from '../partnership/tabs.ts';
import { useMayWork } from '../pilot/pilot-api.ts';
import { MilestoneFormDrawer } from './milestone-form.tsx';
import { STATE_COLOR, STATE_LABEL, useClockAlignment } from './roadmap-api.ts';
import { bandColor, RoadmapTimeline, TimelineLegend } from './timeline.tsx';
import { Tone } from '../pilot/tone.tsx';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const monthTitle = (s: string) => `${MONTH_NAMES[Number(s.slice(5, 7)) - 1]} ${s.slice(0, 4)}`;

export default function RoadmapTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const alignment = useClockAlignment(ecosystemId, partnership.id);
  const records = useRecords(ecosystemId, partnership.id, 'milestones');
  const names = useActorNames(ecosystemId);
  const mayWork = useMayWork(partnership);
  const [showStaging, setShowStaging] = useState(true);
  const [editing, setEditing] = useState<RecordItem<'milestones'> | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<RecordItem<'milestones'> | null>(null);
  const invalidate = useInvalidatePartnership();

  if (alignment.isPending || records.isPending) return <PageLoader label="Aligning the clocks…" />;
  if (alignment.isError)
    return <ErrorAlert error={alignment.error} onRetry={() => void alignment.refetch()} />;
  if (records.isError) return <ErrorAlert error={records.error} onRetry={() => void records.refetch()} />;
  const a = alignment.data;
  const byKey = new Map(records.data.items.map((r) => [r.key, r]));
  const sync = a.syncPoints;
  const moves = a.staging.filter((s) => s.monthsEarlier > 0);

  return (
    <Stack gap="lg" data-testid="roadmap-tab">
      <Card>
        <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap" gap="sm">
          <div>
            <Title order={3} fz="lg">
              Roadmap and clock alignment
            </Title>
            <Text fz="sm" c="dimmed" maw={760}>
              Biotechs live in quarters, hospitals in annual budget cycles, governments in multi-year policy
              windows. Each band is a member’s planning window; staging milestones onto the sync points, where
              all members plan at once, helps synchronize the clocks.
            </Text>
          </div>
          <Group gap="sm">
            <Switch
              label="Suggested staging"
              checked={showStaging}
              onChange={(e) => setShowStaging(e.currentTarget.checked)}
            />
            {mayWork && (
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => setCreating(true)}
                data-testid="milestone-new"
              >
                New milestone
              </Button>
            )}
          </Group>
        </Group>
        <RoadmapTimeline
          from={a.from}
          to={a.to}
          today={a.today}
          members={a.members}
          syncPoints={sync}
          milestones={a.milestones}
          warnings={a.warnings}
          staging={a.staging}
          names={names}
          showStaging={showStaging}
        />
        <Group justify="space-between" mt="sm" wrap="wrap" gap="sm">
          <TimelineLegend showStaging={showStaging} />
          <Tooltip multiline w={420} label={a.rule}>
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
      </Card>

      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <Card data-testid="clocks-card">
          <Group gap="xs" mb="sm">
            <IconClockHour4 size={18} aria-hidden />
            <Title order={4} fz="md">
              Members’ clocks
            </Title>
          </Group>
          <Stack gap="xs">
            {a.members.map((m, i) => (
              <Group key={m.actor} gap="xs" wrap="nowrap" align="flex-start">
                <span
                  className="vw-dot"
                  style={{ background: `var(--mantine-color-${bandColor(i)}-4)`, marginTop: 6 }}
                  aria-hidden
                />
                <div>
                  <Text fz="sm" fw={600}>
                    {m.name ?? names[m.actor] ?? m.actor}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {m.description ?? 'No planning clock known: it never constrains a sync point.'}
                  </Text>
                </div>
              </Group>
            ))}
          </Stack>
        </Card>
        <Card data-testid="sync-card">
          <Group gap="xs" mb="sm">
            <IconCalendarTime size={18} aria-hidden />
            <Title order={4} fz="md">
              Sync points
            </Title>
          </Group>
          <Text fz="sm" mb="xs">
            {sync.explanation}
          </Text>
          <Group gap={6}>
            {sync.points.slice(0, 12).map((p) => (
              <Tone key={p.month} color={sync.all ? 'teal' : 'yellow'} tt="none">
                {monthTitle(p.month)}
                {!sync.all && p.missing.length
                  ? ` (missing ${p.missing.map((x) => names[x] ?? x).join(', ')})`
                  : ''}
              </Tone>
            ))}
            {sync.points.length > 12 && (
              <Text fz="xs" c="dimmed">
                +{sync.points.length - 12} more
              </Text>
            )}
          </Group>
        </Card>
        <Card data-testid="warnings-card">
          <Group gap="xs" mb="sm">
            <IconAlertTriangle size={18} aria-hidden />
            <Title order={4} fz="md">
              Clock warnings
            </Title>
            <Tone color={a.warnings.length ? 'red' : 'teal'}>{a.warnings.length}</Tone>
          </Group>
          {a.warnings.length === 0 ? (
            <Text fz="sm" c="dimmed">
              No open milestone needs a member’s decision outside its planning window.
            </Text>
          ) : (
            <Stack gap="xs">
              {a.warnings.map((w) => (
                <Alert
                  key={`${w.milestone}-${w.actor}`}
                  color="red"
                  variant="light"
                  p="xs"
                  data-testid="clock-warning"
                >
                  <Text fz="sm">{w.message}</Text>
                </Alert>
              ))}
            </Stack>
          )}
        </Card>
      </SimpleGrid>

      <Card data-testid="staging-card">
        <Group gap="xs" mb="sm">
          <IconRoute size={18} aria-hidden />
          <Title order={4} fz="md">
            Suggested staging onto sync points
          </Title>
        </Group>
        {a.staging.length === 0 ? (
          <Text fz="sm" c="dimmed">
            No open milestones to stage.
          </Text>
        ) : (
          <List spacing="xs" size="sm">
            {a.staging.map((s) => (
              <List.Item key={s.milestone}>
                <Text fz="sm" span fw={600}>
                  {byKey.get(s.milestone)?.item.name ?? s.milestone}:{' '}
                </Text>
                <Text fz="sm" span>
                  {s.explanation}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        {moves.length > 0 && (
          <Text fz="xs" c="dimmed" mt="xs">
            {plural(moves.length, 'milestone')} would move earlier to meet a sync point. Staging is a
            suggestion: the partners decide.
          </Text>
        )}
      </Card>

      <Card padding={0} data-testid="milestones-table">
        <Group justify="space-between" p="lg" pb="sm">
          <Title order={4} fz="md">
            Milestones
          </Title>
          <Text fz="xs" c="dimmed">
            Late = slipped, done after the due date, or past due and not done.
          </Text>
        </Group>
        {records.data.items.length === 0 ? (
          <Empty
            icon={<IconRoute size={28} />}
            title="No milestones yet"
            description="Break execution into staged milestones with clear value at each step."
          />
        ) : (
          <div className="vw-table-wrap">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Milestone</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Where it stands</Table.Th>
                  <Table.Th visibleFrom="md">Value delivered</Table.Th>
                  <Table.Th visibleFrom="lg">Depends on</Table.Th>
                  {mayWork && <Table.Th aria-label="Actions" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.milestones.map((m) => {
                  const rec = byKey.get(m.id);
                  return (
                    <Table.Tr key={m.id} data-testid={`milestone-row-${m.id}`}>
                      <Table.Td>
                        <Text fz="sm" fw={500}>
                          {m.name}
                        </Text>
                        {m.decisionBy?.length ? (
                          <Text fz="xs" c="dimmed">
                            needs a decision from {m.decisionBy.map((d) => names[d] ?? d).join(', ')}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text fz="sm">{names[m.owner] ?? m.owner}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text fz="sm">{m.due}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={m.explanation} multiline w={280}>
                          <Tone color={STATE_COLOR[m.state]} tabIndex={0} style={{ cursor: 'help' }}>
                            {STATE_LABEL[m.state]}
                          </Tone>
                        </Tooltip>
                        <Text fz="xs" c="dimmed">
                          {humanize(m.status)}
                        </Text>
                      </Table.Td>
                      <Table.Td visibleFrom="md">
                        <Text fz="sm" c={m.value ? undefined : 'dimmed'}>
                          {m.value ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td visibleFrom="lg">
                        <Text fz="sm" c={m.dependsOn?.length ? undefined : 'dimmed'}>
                          {m.dependsOn?.length
                            ? m.dependsOn.map((d) => byKey.get(d)?.item.name ?? d).join(', ')
                            : '—'}
                        </Text>
                      </Table.Td>
                      {mayWork && (
                        <Table.Td>
                          {rec && (
                            <Menu position="bottom-end" withinPortal>
                              <Menu.Target>
                                <ActionIcon
                                  variant="subtle"
                                  color="gray"
                                  aria-label={`Actions for ${m.name}`}
                                >
                                  <IconDots size={16} />
                                </ActionIcon>
                              </Menu.Target>
                              <Menu.Dropdown>
                                <Menu.Item
                                  leftSection={<IconPencil size={14} />}
                                  onClick={() => setEditing(rec)}
                                >
                                  Edit
                                </Menu.Item>
                                <Menu.Item
                                  leftSection={<IconTrash size={14} />}
                                  color="red"
                                  onClick={() => setDeleting(rec)}
                                >
                                  Delete
                                </Menu.Item>
                              </Menu.Dropdown>
                            </Menu>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Card>

      <MilestoneFormDrawer
        ecosystemId={ecosystemId}
        partnership={partnership}
        milestone={editing}
        all={records.data.items}
        names={names}
        opened={creating || editing !== null}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <ConfirmDelete
        opened={deleting !== null}
        title={`Delete ${deleting?.item.name ?? 'the milestone'}?`}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          recordsApi
            .remove(ecosystemId, partnership.id, 'milestones', deleting!.key, deleting!.version)
            .then(async () => {
              await invalidate(ecosystemId, partnership.id);
              notifications.show({ color: 'teal', message: 'Milestone deleted.' });
            })
        }
      >
        The milestone leaves the roadmap. A milestone others depend on cannot be deleted.
      </ConfirmDelete>
    </Stack>
  );
}
