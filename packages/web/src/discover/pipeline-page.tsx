/**
 * The partner pipeline: every candidate on its way from first idea to a
 * chartered partnership (candidate → contacted → exploring → aligned →
 * chartered, or declined), as a board by stage; each entry with its owner,
 * notes and history, and the moves core's rules allow. Chartering creates the
 * partnership with the focal actor and the candidate as members.
 */
import {
  Alert,
  Badge,
  Button,
  Container,
  Drawer,
  Group,
  Menu,
  Modal,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  ThemeIcon,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowRight, IconLock, IconNote, IconPlus, IconRoute, IconUser } from '@tabler/icons-react';
import { discover } from '@valueweb/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, formErrors } from '../api/errors.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { dateTime, humanize, relativeTime, slugify } from '../lib/format.ts';
import {
  discoverApi,
  useDiscoverMutation,
  usePipeline,
  type Pipeline,
  type PipelineItem,
  type PipelineStage,
} from './discover-api.ts';
import { useNames, type Names } from './shared.tsx';
import { ink } from '../lib/ink.ts';

const STAGE_COLOR: Record<PipelineStage, string> = {
  candidate: 'gray',
  contacted: 'blue',
  exploring: 'brand',
  aligned: 'violet',
  chartered: 'teal',
  declined: 'red',
};

const STAGE_HINT: Record<PipelineStage, string> = {
  candidate: 'Worth approaching',
  contacted: 'First conversation held',
  exploring: 'Gauging interest and fit',
  aligned: 'Agreed on purpose and terms',
  chartered: 'Now a partnership',
  declined: 'Not now, and why',
};

const moveLabel = (from: PipelineStage, to: PipelineStage) =>
  to === 'declined'
    ? 'Decline'
    : from === 'declined'
      ? 'Reopen as a candidate'
      : to === 'chartered'
        ? 'Charter a partnership'
        : discover.noteRequired(from, to)
          ? `Back to ${to}`
          : `Move to ${to}`;

export default function PipelinePage() {
  const { id, ecosystem } = useCurrentEcosystem();
  const names = useNames(id);
  const pipeline = usePipeline(id);
  const [adding, setAdding] = useState(false);
  const [openEntry, setOpenEntry] = useState<string | null>(null);
  const [move, setMove] = useState<{ item: PipelineItem; to: PipelineStage } | null>(null);
  const base = `/e/${encodeURIComponent(id)}`;
  const data = pipeline.data;
  const forbidden = pipeline.error instanceof ApiError && pipeline.error.status === 403;
  return (
    <Container size="xl" py="xl">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: base }, { label: 'Discover' }, { label: 'Pipeline' }]}
        title="Partner pipeline"
        description="Seed 000: “Engage in exploratory conversations with potential partners to gauge their interest and willingness to collaborate.” Each candidate moves one conversation at a time; a step back, a decline or a reopening says why."
        actions={
          data?.mayMove ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setAdding(true)}
              data-testid="add-to-pipeline"
            >
              Add a candidate
            </Button>
          ) : undefined
        }
      />
      {pipeline.isPending ? (
        <PageLoader label="Loading the pipeline…" />
      ) : forbidden ? (
        <Paper withBorder p="lg">
          <Empty
            icon={<IconLock size={28} />}
            title="The pipeline is not shared with your organization"
            description={(pipeline.error as ApiError).message}
          />
        </Paper>
      ) : pipeline.isError ? (
        <ErrorAlert
          error={pipeline.error}
          title="Could not load the pipeline"
          onRetry={() => void pipeline.refetch()}
        />
      ) : (
        <Stack gap="md">
          {!data!.focal && (
            <Alert color="orange" variant="light">
              No focal actor is set: chartering needs the actor partners are selected for.{' '}
              <Link to={`${base}/discover/candidates`}>Choose it on the candidates page.</Link>
            </Alert>
          )}
          <Text fz="xs" c="dimmed">
            {data!.rules}
          </Text>
          <Board
            data={data!}
            names={names}
            onOpen={setOpenEntry}
            onMove={(item, to) => setMove({ item, to })}
          />
        </Stack>
      )}
      {data && (
        <>
          <AddCandidate
            ecosystemId={id}
            opened={adding}
            onClose={() => setAdding(false)}
            data={data}
            names={names}
          />
          <EntryDrawer
            ecosystemId={id}
            data={data}
            names={names}
            candidate={openEntry}
            onClose={() => setOpenEntry(null)}
            onMove={(item, to) => setMove({ item, to })}
          />
          <MoveModal ecosystemId={id} move={move} data={data} names={names} onClose={() => setMove(null)} />
        </>
      )}
    </Container>
  );
}

function Board(props: {
  data: Pipeline;
  names: Names;
  onOpen: (c: string) => void;
  onMove: (item: PipelineItem, to: PipelineStage) => void;
}) {
  const { data } = props;
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Group
        align="flex-start"
        wrap="nowrap"
        gap="xs"
        data-testid="pipeline-board"
        style={{ minWidth: 6 * 158 }}
      >
        {data.stages.map((stage) => {
          const items = data.items.filter((i) => i.entry.stage === stage);
          return (
            <Paper
              key={stage}
              withBorder
              p="sm"
              bg="var(--mantine-color-gray-0)"
              style={{ flex: '1 1 0', minWidth: 150 }}
              data-testid={`stage-${stage}`}
              aria-labelledby={`stage-title-${stage}`}
              component="section"
            >
              <Group justify="space-between" mb={4} wrap="nowrap">
                <Title order={2} fz="sm" tt="capitalize" id={`stage-title-${stage}`}>
                  {stage}
                </Title>
                <Badge color={STAGE_COLOR[stage]} c={ink(STAGE_COLOR[stage])} variant="light" size="sm">
                  {items.length}
                </Badge>
              </Group>
              <Text fz="xs" c="dimmed" mb="xs">
                {STAGE_HINT[stage]}
              </Text>
              <Stack gap="xs">
                {items.length === 0 && (
                  <Text fz="xs" c="dimmed" ta="center" py="sm">
                    Nobody here
                  </Text>
                )}
                {items.map((item) => (
                  <EntryCard
                    key={item.entry.candidate}
                    item={item}
                    names={props.names}
                    mayMove={data.mayMove}
                    mayCharter={data.mayCharter}
                    onOpen={props.onOpen}
                    onMove={props.onMove}
                  />
                ))}
              </Stack>
            </Paper>
          );
        })}
      </Group>
    </ScrollArea>
  );
}

function EntryCard(props: {
  item: PipelineItem;
  names: Names;
  mayMove: boolean;
  mayCharter: boolean;
  onOpen: (c: string) => void;
  onMove: (item: PipelineItem, to: PipelineStage) => void;
}) {
  const e = props.item.entry;
  const last = e.history.at(-1);
  const moves = props.item.allowed.filter((to) => to !== 'chartered' || props.mayCharter);
  return (
    <Paper
      withBorder
      p="xs"
      shadow="xs"
      data-testid="pipeline-card"
      data-candidate={e.candidate}
      data-stage={e.stage}
    >
      <Stack gap={4}>
        <Text
          component="button"
          type="button"
          fw={650}
          fz="sm"
          ta="left"
          onClick={() => props.onOpen(e.candidate)}
          style={{
            background: 'none',
            border: 0,
            padding: 0,
            cursor: 'pointer',
            color: 'var(--mantine-color-text)',
          }}
          aria-label={`Open ${props.names.name(e.candidate)}`}
        >
          {props.names.name(e.candidate)}
        </Text>
        <Group gap={6} wrap="nowrap">
          <IconUser size={12} aria-hidden style={{ flexShrink: 0 }} />
          <Text fz="xs" c={e.owner ? undefined : 'dimmed'}>
            {e.owner ?? 'No owner'}
          </Text>
        </Group>
        {last && (
          <Text fz="xs" c="dimmed" title={dateTime(last.at)}>
            {last.kind === 'created'
              ? 'Added'
              : last.kind === 'moved'
                ? `Moved from ${last.from}`
                : 'Owner changed'}{' '}
            {relativeTime(last.at)}
          </Text>
        )}
        {e.partnership && (
          <Badge color="teal" c={ink('teal')} size="xs" variant="light">
            partnership {e.partnership}
          </Badge>
        )}
        {props.mayMove && moves.length > 0 && (
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button
                size="compact-xs"
                variant="light"
                rightSection={<IconArrowRight size={12} />}
                w="fit-content"
                aria-label={`Move ${props.names.name(e.candidate)}`}
                data-testid="move-menu"
              >
                Move
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {moves.map((to) => (
                <Menu.Item
                  key={to}
                  onClick={() => props.onMove(props.item, to)}
                  color={to === 'declined' ? 'red' : undefined}
                  data-testid={`move-to-${to}`}
                >
                  {moveLabel(e.stage, to)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Stack>
    </Paper>
  );
}

function MoveModal(props: {
  ecosystemId: string;
  move: { item: PipelineItem; to: PipelineStage } | null;
  data: Pipeline;
  names: Names;
  onClose: () => void;
}) {
  const m = props.move;
  return (
    <Modal
      opened={m !== null}
      onClose={props.onClose}
      title={
        m ? (
          <Text fw={650}>
            {moveLabel(m.item.entry.stage, m.to)}: {props.names.name(m.item.entry.candidate)}
          </Text>
        ) : null
      }
      size="md"
    >
      {m && <MoveForm key={`${m.item.entry.candidate}-${m.to}`} {...props} move={m} />}
    </Modal>
  );
}

function MoveForm(props: {
  ecosystemId: string;
  move: { item: PipelineItem; to: PipelineStage };
  data: Pipeline;
  names: Names;
  onClose: () => void;
}) {
  const { item, to } = props.move;
  const from = item.entry.stage;
  const candidate = item.entry.candidate;
  const focal = props.data.focal;
  const needsNote = discover.noteRequired(from, to);
  const [note, setNote] = useState('');
  const [pid, setPid] = useState(() => slugify(`${focal ?? 'p'}-${candidate}`).slice(0, 60));
  const [name, setName] = useState(() =>
    `${focal ? props.names.name(focal) : ''} and ${props.names.name(candidate)}`.trim(),
  );
  const [purpose, setPurpose] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const move = useDiscoverMutation(props.ecosystemId, () =>
    discoverApi.transition(
      props.ecosystemId,
      candidate,
      {
        to,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(to === 'chartered'
          ? { partnership: { id: pid, name, ...(purpose.trim() ? { purpose: purpose.trim() } : {}) } }
          : {}),
      },
      item.version,
    ),
  );
  const { fields, other } = formErrors(move.error, ['note', 'id', 'name', 'purpose']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (needsNote && !note.trim()) {
      setMissing(
        to === 'declined'
          ? 'Say why it was declined.'
          : from === 'declined'
            ? 'Say why it is reopened.'
            : 'Say why it goes back.',
      );
      return;
    }
    setMissing(null);
    move.mutate(undefined, {
      onSuccess: (r) => {
        notifications.show({
          color: 'teal',
          message: r.partnership
            ? `${props.names.name(candidate)} is chartered: partnership “${name}” created.`
            : `${props.names.name(candidate)} moved to ${to}.`,
          closeButtonProps: { 'aria-label': 'Dismiss the notification' },
        });
        props.onClose();
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="move-form">
      <Stack gap="md">
        <FormProblems error={move.error} other={other} what="pipeline entry" />
        {to === 'chartered' && (
          <>
            <Text fz="sm">
              Chartering creates the partnership with{' '}
              <b>{focal ? props.names.name(focal) : 'the focal actor'}</b> (lead) and{' '}
              <b>{props.names.name(candidate)}</b> as members, at stage exploring, in one step. Its charter is
              written next, on the partnership’s page.
            </Text>
            <TextInput
              label="Partnership name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              error={fields.name}
              data-testid="charter-name"
            />
            <TextInput
              label="Identifier"
              description="Used in links and files; it cannot change later."
              value={pid}
              onChange={(e) => setPid(e.currentTarget.value)}
              required
              error={fields.id}
            />
            <Textarea
              label="Purpose"
              value={purpose}
              onChange={(e) => setPurpose(e.currentTarget.value)}
              autosize
              minRows={2}
              error={fields.purpose}
            />
          </>
        )}
        <Textarea
          label={needsNote ? 'Why (required)' : 'Note (optional)'}
          description={
            needsNote
              ? 'Declining, reopening and going back keep their reason in the history.'
              : 'What happened in this conversation.'
          }
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          error={missing ?? fields.note}
          data-autofocus
          data-testid="move-note"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            loading={move.isPending}
            color={to === 'declined' ? 'red' : undefined}
            data-testid="confirm-move"
          >
            {moveLabel(from, to)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AddCandidate(props: {
  ecosystemId: string;
  opened: boolean;
  onClose: () => void;
  data: Pipeline;
  names: Names;
}) {
  const { me } = useCurrentEcosystem();
  const [candidate, setCandidate] = useState<string | null>(null);
  const [owner, setOwner] = useState(me.user.name);
  const [note, setNote] = useState('');
  const add = useDiscoverMutation(props.ecosystemId, () =>
    discoverApi.addCandidate(props.ecosystemId, {
      candidate: candidate!,
      ...(owner.trim() ? { owner: owner.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    }),
  );
  const { fields, other } = formErrors(add.error, ['candidate', 'owner', 'note']);
  const taken = new Set(props.data.items.map((i) => i.entry.candidate));
  const options = props.names.options.filter((o) => !taken.has(o.value) && o.value !== props.data.focal);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!candidate) return;
    add.mutate(undefined, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          message: `${props.names.name(candidate)} added to the pipeline.`,
          closeButtonProps: { 'aria-label': 'Dismiss the notification' },
        });
        setCandidate(null);
        setNote('');
        props.onClose();
      },
    });
  };
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={<Text fw={650}>Add a candidate to the pipeline</Text>}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormProblems error={add.error} other={other} what="pipeline" />
          <Select
            label="Candidate"
            data={options}
            value={candidate}
            onChange={setCandidate}
            searchable
            required
            error={fields.candidate}
            data-testid="pipeline-candidate"
          />
          <TextInput
            label="Owner"
            description="The person who drives the conversation."
            value={owner}
            onChange={(e) => setOwner(e.currentTarget.value)}
            error={fields.owner}
          />
          <Textarea
            label="Note"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            error={fields.note}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!candidate} loading={add.isPending}>
              Add
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function EntryDrawer(props: {
  ecosystemId: string;
  data: Pipeline;
  names: Names;
  candidate: string | null;
  onClose: () => void;
  onMove: (item: PipelineItem, to: PipelineStage) => void;
}) {
  const item = props.data.items.find((i) => i.entry.candidate === props.candidate) ?? null;
  return (
    <Drawer
      opened={item !== null}
      onClose={props.onClose}
      title={
        item ? (
          <Text fw={650} fz="lg">
            {props.names.name(item.entry.candidate)}
          </Text>
        ) : null
      }
      size="md"
    >
      {item && <EntryDetail key={item.entry.candidate} {...props} item={item} />}
    </Drawer>
  );
}

function EntryDetail(props: {
  ecosystemId: string;
  data: Pipeline;
  names: Names;
  item: PipelineItem;
  onMove: (item: PipelineItem, to: PipelineStage) => void;
}) {
  const e = props.item.entry;
  const base = `/e/${encodeURIComponent(props.ecosystemId)}`;
  const [owner, setOwner] = useState(e.owner ?? '');
  const [note, setNote] = useState('');
  const setOwnerM = useDiscoverMutation(props.ecosystemId, () =>
    discoverApi.setOwner(props.ecosystemId, e.candidate, owner.trim() || null),
  );
  const addNote = useDiscoverMutation(props.ecosystemId, () =>
    discoverApi.addNote(props.ecosystemId, e.candidate, note.trim()),
  );
  const moves = props.item.allowed.filter((to) => to !== 'chartered' || props.data.mayCharter);
  return (
    <Stack gap="lg" data-testid="pipeline-entry">
      <Group gap="xs">
        <Badge color={STAGE_COLOR[e.stage]} c={ink(STAGE_COLOR[e.stage])} size="lg">
          {e.stage}
        </Badge>
        {e.partnership && (
          <Button
            component={Link}
            to={`${base}/partnerships/${encodeURIComponent(e.partnership)}`}
            size="compact-sm"
            variant="light"
            color="teal"
          >
            Open the partnership
          </Button>
        )}
      </Group>
      {props.data.mayMove && moves.length > 0 && (
        <Group gap="xs">
          {moves.map((to) => (
            <Button
              key={to}
              size="xs"
              variant={to === 'declined' ? 'subtle' : 'light'}
              color={to === 'declined' ? 'red' : undefined}
              onClick={() => props.onMove(props.item, to)}
            >
              {moveLabel(e.stage, to)}
            </Button>
          ))}
        </Group>
      )}
      {props.data.mayMove && (
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            label="Owner"
            value={owner}
            onChange={(x) => setOwner(x.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button
            variant="default"
            disabled={owner.trim() === (e.owner ?? '')}
            loading={setOwnerM.isPending}
            onClick={() =>
              setOwnerM.mutate(undefined, {
                onSuccess: () =>
                  notifications.show({
                    color: 'teal',
                    message: owner.trim() ? `Handed to ${owner.trim()}.` : 'Owner removed.',
                    closeButtonProps: { 'aria-label': 'Dismiss the notification' },
                  }),
              })
            }
          >
            Save
          </Button>
        </Group>
      )}
      <section aria-labelledby="notes-title">
        <Group gap={6} mb="xs">
          <ThemeIcon variant="light" size="sm" radius="xl">
            <IconNote size={12} />
          </ThemeIcon>
          <Title order={3} fz="sm" id="notes-title">
            Notes
          </Title>
        </Group>
        <Stack gap="xs">
          {e.notes.length === 0 && (
            <Text fz="sm" c="dimmed">
              No notes yet.
            </Text>
          )}
          {e.notes.map((n) => (
            <Paper key={`${n.at}-${n.text.slice(0, 20)}`} withBorder p="xs">
              <Text fz="sm">{n.text}</Text>
              <Text fz="xs" c="dimmed">
                {n.by}, {dateTime(n.at)}
              </Text>
            </Paper>
          ))}
          {props.data.mayMove && (
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <Textarea
                aria-label="A new note"
                placeholder="Add a note"
                value={note}
                onChange={(x) => setNote(x.currentTarget.value)}
                autosize
                minRows={1}
                style={{ flex: 1 }}
              />
              <Button
                variant="light"
                disabled={!note.trim()}
                loading={addNote.isPending}
                onClick={() => addNote.mutate(undefined, { onSuccess: () => setNote('') })}
              >
                Add
              </Button>
            </Group>
          )}
        </Stack>
      </section>
      <section aria-labelledby="history-title">
        <Group gap={6} mb="xs">
          <ThemeIcon variant="light" size="sm" radius="xl">
            <IconRoute size={12} />
          </ThemeIcon>
          <Title order={3} fz="sm" id="history-title">
            History
          </Title>
        </Group>
        <Timeline active={e.history.length - 1} bulletSize={14} lineWidth={2}>
          {e.history.map((h, i) => (
            <Timeline.Item
              key={`${h.at}-${i}`}
              title={
                h.kind === 'created'
                  ? 'Added as a candidate'
                  : h.kind === 'moved'
                    ? `${humanize(h.from ?? '')} → ${h.to}`
                    : h.owner
                      ? `Handed to ${h.owner}`
                      : 'Owner removed'
              }
            >
              {h.note && <Text fz="sm">{h.note}</Text>}
              <Text fz="xs" c="dimmed">
                {h.by}, {dateTime(h.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </section>
    </Stack>
  );
}
