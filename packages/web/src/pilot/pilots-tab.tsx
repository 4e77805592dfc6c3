/**
 * Pilots & lessons: the partnership's pilots with their hypotheses (what is
 * assumed, how it is tested, the metric and the success threshold), results
 * and the go / iterate / stop decision; and its lessons-learned log,
 * searchable here and across the ecosystem on the lessons page.
 */
import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBulb,
  IconCheck,
  IconDots,
  IconFlask,
  IconPencil,
  IconPlus,
  IconSearch,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { pilot } from '@valueweb/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formErrors } from '../api/errors.ts';
import { recordsApi, useInvalidatePartnership, useRecords, type RecordItem } from '../api/records-api.ts';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { FormProblems } from '../components/form-problems.tsx';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import { humanize, plural } from '../lib/format.ts';
import type { PartnershipTabProps } from '../partnership/tabs.ts';
import { LessonCard, LessonFormDrawer } from './lessons.tsx';
import { PilotFormDrawer } from './pilot-form.tsx';
import { pilotApi, useMayWork } from './pilot-api.ts';
import { Tone } from './tone.tsx';

const STATUS_COLOR: Record<pilot.PilotStatus, string> = {
  planned: 'gray',
  running: 'blue',
  completed: 'teal',
  cancelled: 'red',
};
const DECISION_COLOR: Record<pilot.PilotDecision, string> = { go: 'teal', iterate: 'yellow', stop: 'red' };
const DECISION_MEANING: Record<pilot.PilotDecision, string> = {
  go: 'Go: the pilot demonstrated success; scale what worked.',
  iterate: 'Iterate: refine the approach and test again.',
  stop: 'Stop: the assumptions did not hold; end this line of work.',
};
const today = () => new Date().toISOString().slice(0, 10);

export default function PilotsTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const pilots = useRecords(ecosystemId, partnership.id, 'pilots');
  const lessons = useRecords(ecosystemId, partnership.id, 'lessons');
  const mayWork = useMayWork(partnership);
  const names = useActorNames(ecosystemId);
  const { ecosystem } = useCurrentEcosystem();
  const [editing, setEditing] = useState<RecordItem<'pilots'> | null>(null);
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<RecordItem<'pilots'> | null>(null);
  const [deleting, setDeleting] = useState<RecordItem<'pilots'> | null>(null);
  const [logging, setLogging] = useState(false);
  const [q, setQ] = useState('');
  const invalidate = useInvalidatePartnership();

  const hits = useMemo(
    () =>
      pilot.searchLessons(
        (lessons.data?.items ?? []).map((l) => ({ partnership: partnership.id, lesson: l.item })),
        q,
      ),
    [lessons.data, q, partnership.id],
  );

  if (pilots.isPending || lessons.isPending) return <PageLoader />;
  if (pilots.isError) return <ErrorAlert error={pilots.error} onRetry={() => void pilots.refetch()} />;
  if (lessons.isError) return <ErrorAlert error={lessons.error} onRetry={() => void lessons.refetch()} />;
  const pilotNames = Object.fromEntries(pilots.data.items.map((p) => [p.key, p.item.name]));
  const memberOrg = partnership.members.some((m) => m.actor === ecosystem.actorId) ? ecosystem.actorId : null;

  return (
    <Stack gap="xl" data-testid="pilots-tab">
      <section>
        <Group justify="space-between" mb="sm">
          <div>
            <Title order={3} fz="lg">
              Pilots
            </Title>
            <Text fz="sm" c="dimmed">
              Small, well-defined pilots test the partners’ assumptions in a lower-risk setting; each ends
              with a go, iterate or stop decision.
            </Text>
          </div>
          {mayWork && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="pilot-new"
            >
              New pilot
            </Button>
          )}
        </Group>
        {pilots.data.items.length === 0 ? (
          <Card>
            <Empty
              icon={<IconFlask size={28} />}
              title="No pilots yet"
              description="Scope a pilot with the hypotheses it tests: the assumption, how it is tested, the metric and the success threshold."
            />
          </Card>
        ) : (
          <Stack gap="md">
            {pilots.data.items.map((p) => (
              <PilotCard
                key={p.key}
                pilot={p}
                mayWork={mayWork}
                onEdit={() => setEditing(p)}
                onDecide={() => setDeciding(p)}
                onDelete={() => setDeleting(p)}
              />
            ))}
          </Stack>
        )}
      </section>

      <section>
        <Group justify="space-between" mb="sm" wrap="wrap">
          <div>
            <Title order={3} fz="lg">
              Lessons learned
            </Title>
            <Text fz="sm" c="dimmed">
              What happened, what we learned, what we change: the partnership’s living memory of what works.{' '}
              <Anchor
                component={Link}
                to={`/e/${encodeURIComponent(ecosystemId)}/lessons`}
                fz="sm"
                underline="always"
              >
                Search every partnership’s lessons
              </Anchor>
            </Text>
          </div>
          {mayWork && (
            <Button
              leftSection={<IconBulb size={16} />}
              variant="light"
              onClick={() => setLogging(true)}
              data-testid="lesson-new"
            >
              Log a lesson
            </Button>
          )}
        </Group>
        {lessons.data.items.length > 0 && (
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder="Search this partnership’s lessons (words, or #tag)"
            aria-label="Search this partnership’s lessons"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            mb="sm"
            maw={480}
          />
        )}
        {lessons.data.items.length === 0 ? (
          <Card>
            <Empty
              icon={<IconBulb size={28} />}
              title="No lessons logged yet"
              description="After each pilot step, log what happened, what the partners learned and what they change."
            />
          </Card>
        ) : hits.length === 0 ? (
          <Text fz="sm" c="dimmed">
            No lesson matches “{q}”.
          </Text>
        ) : (
          <Stack gap="sm">
            {hits.map((h) => (
              <LessonCard
                key={h.lesson.id}
                lesson={h.lesson}
                matched={h.matched}
                names={names}
                pilotName={h.lesson.pilot ? pilotNames[h.lesson.pilot] : undefined}
                onTag={(t) => setQ(`#${t}`)}
              />
            ))}
          </Stack>
        )}
      </section>

      <PilotFormDrawer
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        pilot={editing}
        opened={creating || editing !== null}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <DecisionModal
        key={deciding?.key ?? 'none'}
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        pilot={deciding}
        onClose={() => setDeciding(null)}
      />
      <LessonFormDrawer
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        opened={logging}
        onClose={() => setLogging(false)}
        defaultBy={memberOrg}
        today={today()}
      />
      <ConfirmDelete
        opened={deleting !== null}
        title={`Delete ${deleting?.item.name ?? 'the pilot'}?`}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          recordsApi
            .remove(ecosystemId, partnership.id, 'pilots', deleting!.key, deleting!.version)
            .then(async () => {
              await invalidate(ecosystemId, partnership.id);
              notifications.show({ color: 'teal', message: 'Pilot deleted.' });
            })
        }
      >
        The pilot and its hypotheses are removed. A pilot that lessons refer to cannot be deleted.
      </ConfirmDelete>
    </Stack>
  );
}

function PilotCard(props: {
  pilot: RecordItem<'pilots'>;
  mayWork: boolean;
  onEdit: () => void;
  onDecide: () => void;
  onDelete: () => void;
}) {
  const p = props.pilot.item;
  const met = p.hypotheses.filter((h) => h.result?.met === true).length;
  const tested = p.hypotheses.filter((h) => h.result).length;
  return (
    <Card data-testid={`pilot-${p.id}`}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="sm">
        <Stack gap={4} style={{ flex: '1 1 320px' }}>
          <Group gap="xs">
            <Text fw={650} fz="md">
              {p.name}
            </Text>
            <Tone color={STATUS_COLOR[p.status]}>{humanize(p.status)}</Tone>
            {p.decision && (
              <Tone color={DECISION_COLOR[p.decision]} strong data-testid="pilot-decision">
                {p.decision}
              </Tone>
            )}
          </Group>
          <Text fz="xs" c="dimmed">
            {[
              p.started && `started ${p.started}`,
              p.ended && `ended ${p.ended}`,
              `${met} of ${plural(p.hypotheses.length, 'hypothesis', 'hypotheses')} met (${tested} tested)`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {p.description && <Text fz="sm">{p.description}</Text>}
        </Stack>
        {props.mayWork && (
          <Group gap="xs">
            <Button
              size="xs"
              variant={p.decision ? 'default' : 'light'}
              onClick={props.onDecide}
              data-testid={`pilot-decide-${p.id}`}
            >
              {p.decision ? 'Change decision' : 'Decide: go, iterate or stop'}
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${p.name}`}>
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPencil size={14} />} onClick={props.onEdit}>
                  Edit
                </Menu.Item>
                <Menu.Item leftSection={<IconTrash size={14} />} color="red" onClick={props.onDelete}>
                  Delete
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>
      {p.decision && p.rationale && (
        <Text
          fz="sm"
          mb="sm"
          p="xs"
          style={{
            borderLeft: `3px solid var(--mantine-color-${DECISION_COLOR[p.decision]}-6)`,
            background: 'var(--mantine-color-gray-0)',
          }}
        >
          <Text span fw={600}>
            {DECISION_MEANING[p.decision]}
          </Text>{' '}
          {p.decided ? `Decided ${p.decided}: ` : ''}
          {p.rationale}
        </Text>
      )}
      {p.hypotheses.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No hypotheses yet: add what the pilot tests.
        </Text>
      ) : (
        <div className="vw-table-wrap">
          <Table verticalSpacing="xs" fz="sm" highlightOnHover={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Assumption</Table.Th>
                <Table.Th visibleFrom="md">How it is tested</Table.Th>
                <Table.Th>Metric</Table.Th>
                <Table.Th>Success threshold</Table.Th>
                <Table.Th>Result</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.hypotheses.map((h, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{h.assumption}</Table.Td>
                  <Table.Td visibleFrom="md">{h.test}</Table.Td>
                  <Table.Td>{h.metric}</Table.Td>
                  <Table.Td>{String(h.threshold)}</Table.Td>
                  <Table.Td>
                    {h.result ? (
                      <Group gap={6} wrap="nowrap" align="flex-start">
                        <ThemeIcon
                          size={20}
                          radius="xl"
                          variant="light"
                          color={h.result.met ? 'teal' : 'red'}
                          role="img"
                          aria-label={h.result.met ? 'Met' : 'Not met'}
                        >
                          {h.result.met ? <IconCheck size={13} /> : <IconX size={13} />}
                        </ThemeIcon>
                        <Stack gap={0}>
                          <Text fz="sm">observed {String(h.result.observed)}</Text>
                          {h.result.note && (
                            <Text fz="xs" c="dimmed">
                              {h.result.note}
                            </Text>
                          )}
                        </Stack>
                      </Group>
                    ) : (
                      <Text fz="sm" c="dimmed">
                        not yet tested
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}

function DecisionModal(props: {
  ecosystemId: string;
  partnershipId: string;
  pilot: RecordItem<'pilots'> | null;
  onClose: () => void;
}) {
  const p = props.pilot?.item;
  const [decision, setDecision] = useState<pilot.PilotDecision>(p?.decision ?? 'go');
  const [rationale, setRationale] = useState(p?.rationale ?? '');
  const [decided, setDecided] = useState(p?.decided ?? today());
  const [complete, setComplete] = useState<'keep' | 'completed'>(
    p && p.status !== 'completed' && (p.decision ?? 'go') !== 'iterate' ? 'completed' : 'keep',
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidatePartnership();
  const { fields, other } = formErrors(error, ['decision', 'rationale', 'decided']);
  const submit = () => {
    if (!p) return;
    setBusy(true);
    setError(null);
    pilotApi
      .decide(props.ecosystemId, props.partnershipId, p.id, {
        decision,
        rationale,
        decided,
        ...(complete === 'completed' ? { status: 'completed' } : {}),
      })
      .then(async () => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notifications.show({ color: 'teal', message: `Decision “${decision}” recorded for ${p.name}.` });
        props.onClose();
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Modal
      opened={props.pilot !== null}
      onClose={props.onClose}
      title={<Text fw={650}>Decide on {p?.name}</Text>}
      size="lg"
    >
      <Stack>
        <FormProblems error={error} other={other} />
        <SegmentedControl
          value={decision}
          onChange={(v) => setDecision(v)}
          data={pilot.PILOT_DECISIONS.map((d) => ({ value: d, label: humanize(d) }))}
          fullWidth
          aria-label="Decision"
          data-testid="decision-choice"
        />
        <Text fz="sm" c="dimmed">
          {DECISION_MEANING[decision]}
        </Text>
        <Textarea
          label="Rationale"
          description="Why: which hypotheses held, what the results show."
          value={rationale}
          onChange={(e) => setRationale(e.currentTarget.value)}
          autosize
          minRows={3}
          required
          error={fields.rationale}
          data-testid="decision-rationale"
        />
        <Group grow align="flex-end">
          <TextInput
            type="date"
            label="Decided on"
            value={decided}
            onChange={(e) => setDecided(e.currentTarget.value)}
            error={fields.decided}
          />
          <SegmentedControl
            value={complete}
            onChange={(v) => setComplete(v)}
            data={[
              { value: 'keep', label: 'Keep status' },
              { value: 'completed', label: 'Mark completed' },
            ]}
            aria-label="Pilot status after the decision"
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={busy} disabled={!rationale.trim()} data-testid="decision-save">
            Record the decision
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
