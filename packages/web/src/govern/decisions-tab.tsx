/**
 * Decisions: proposals put to the members, each with a live tally by the
 * charter version in force when it opened (yes, no, abstain, absent against
 * the quota, vetoes and quorum), your organization's vote (changeable until
 * it closes), closing into the decision log with its rationale, and the
 * escalation of a decision stuck past its deadline along the conflict path.
 */
import {
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  Modal,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowUpRight, IconCheck, IconGavel, IconPlus } from '@tabler/icons-react';
import type { govern } from '@valueweb/core';
import { useState, type FormEvent } from 'react';
import { formErrors } from '../api/errors.ts';
import { useInvalidatePartnership } from '../api/records-api.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import type { PartnershipTabProps } from '../partnership/tabs.ts';
import {
  governApi,
  nameOf,
  num,
  ruleSentence,
  useDecisions,
  usePartnershipRole,
  type DecisionView,
  type DecisionsAnswer,
} from './govern-api.ts';
import { Explanation, notify, StatusBadge } from './ui.tsx';

type Filter = 'open' | 'decided' | 'all';

export default function DecisionsTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const decisions = useDecisions(ecosystemId, partnership.id);
  const role = usePartnershipRole(partnership);
  const [filter, setFilter] = useState<Filter>('open');
  const [proposing, setProposing] = useState(false);
  const [closing, setClosing] = useState<DecisionView | null>(null);
  const [escalating, setEscalating] = useState<DecisionView | null>(null);
  if (decisions.isPending) return <PageLoader label="Tallying the votes…" />;
  if (decisions.isError)
    return (
      <ErrorAlert
        error={decisions.error}
        title="Could not load the decisions"
        onRetry={() => void decisions.refetch()}
      />
    );
  const d = decisions.data;
  const open = d.items.filter((x) => x.item.status === 'open');
  const shown =
    filter === 'all' ? d.items : filter === 'open' ? open : d.items.filter((x) => x.item.status !== 'open');
  const stuck = open.filter((x) => x.stuck).length;

  return (
    <Stack gap="lg" data-testid="decisions-tab">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2} fz="xl">
            Decisions
          </Title>
          <Text fz="sm" c="dimmed">
            {open.length} open{stuck > 0 ? `, ${stuck} past the deadline` : ''} ·{' '}
            {d.items.length - open.length} decided. One vote per member organization; votes can change until
            the decision closes.
          </Text>
        </div>
        <Group gap="sm">
          <SegmentedControl
            value={filter}
            onChange={(x) => setFilter(x)}
            data={[
              { value: 'open', label: `Open (${open.length})` },
              { value: 'decided', label: 'Decision log' },
              { value: 'all', label: 'All' },
            ]}
            aria-label="Which decisions to show"
          />
          {role.work && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setProposing(true)}
              data-testid="decision-propose"
            >
              Propose a decision
            </Button>
          )}
        </Group>
      </Group>
      {shown.length === 0 ? (
        <Card>
          <Empty
            icon={<IconGavel size={28} />}
            title={filter === 'open' ? 'No open decision' : 'Nothing here yet'}
            description={
              filter === 'open'
                ? 'Put a proposal to the members: they vote, and the charter’s decision rule says whether it passes.'
                : 'Closed decisions appear here with their outcome, their tally and the rationale.'
            }
          />
        </Card>
      ) : (
        <Stack gap="md">
          {shown.map((x) => (
            <DecisionCard
              key={x.key}
              d={x}
              answer={d}
              ecosystemId={ecosystemId}
              partnershipId={partnership.id}
              onClose={() => setClosing(x)}
              onEscalate={() => setEscalating(x)}
            />
          ))}
        </Stack>
      )}
      <ProposeDrawer
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        opened={proposing}
        onClose={() => setProposing(false)}
      />
      <CloseModal
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        d={closing}
        names={d.names}
        onClose={() => setClosing(null)}
      />
      <EscalateModal
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        d={escalating}
        path={d.conflictPath}
        onClose={() => setEscalating(null)}
      />
    </Stack>
  );
}

/** Yes, no, abstain and absent as one bar, with the quota marked in words. */
function TallyBar(props: { t: govern.Tally; members: number; weighted: boolean }) {
  const { t, members } = props;
  const part = (k: number) => (members > 0 ? (k / members) * 100 : 0);
  return (
    <Stack gap={6} data-testid="tally">
      <Progress.Root size={18}>
        <Progress.Section
          value={part(t.yes)}
          color="teal.9"
          aria-label={`${t.yes} of ${members} members voted yes`}
        >
          <Progress.Label>{t.yes > 0 ? `${t.yes} yes` : ''}</Progress.Label>
        </Progress.Section>
        <Progress.Section
          value={part(t.no)}
          color="red.9"
          aria-label={`${t.no} of ${members} members voted no`}
        >
          <Progress.Label>{t.no > 0 ? `${t.no} no` : ''}</Progress.Label>
        </Progress.Section>
        <Progress.Section
          value={part(t.abstain)}
          color="gray.7"
          aria-label={`${t.abstain} of ${members} members abstained`}
        >
          <Progress.Label>{t.abstain > 0 ? `${t.abstain} abst.` : ''}</Progress.Label>
        </Progress.Section>
      </Progress.Root>
      <Group gap="xs" wrap="wrap">
        <Badge
          color={t.passed ? 'teal.9' : 'gray'}
          variant={t.passed ? 'filled' : 'light'}
          tt="none"
          data-testid="tally-outcome"
        >
          {t.passed ? 'Would pass now' : 'Would not pass now'}
        </Badge>
        <Text fz="xs" c="dimmed" data-testid="tally-counts">
          {t.yes} yes · {t.no} no · {t.abstain} abstain · {t.absent} not voted · needs {num(t.quotaNeeded)}{' '}
          {props.weighted ? `yes weight, has ${num(t.yesWeight)}` : 'yes'} ({t.quotaMet ? 'met' : 'not met'})
          · {t.quorumMet ? 'quorum met' : 'quorum not met'}
          {t.vetoedBy.length > 0 ? ` · vetoed by ${t.vetoedBy.length}` : ''}
        </Text>
      </Group>
    </Stack>
  );
}

const VOTE_COLOR: Record<string, string> = { yes: 'teal.9', no: 'red.9', abstain: 'gray.7' };

function DecisionCard(props: {
  d: DecisionView;
  answer: DecisionsAnswer;
  ecosystemId: string;
  partnershipId: string;
  onClose: () => void;
  onEscalate: () => void;
}) {
  const { d, answer } = props;
  const item = d.item;
  const [busy, setBusy] = useState<string | null>(null);
  const invalidate = useInvalidatePartnership();
  const votes = new Map((item.votes ?? []).map((v) => [v.actor, v]));
  const vote = (choice: govern.Vote) => {
    if (!d.you.actorId) return;
    setBusy(choice);
    governApi
      .vote(props.ecosystemId, props.partnershipId, d.key, d.you.actorId, choice)
      .then(async () => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notify({
          color: 'teal',
          message: `Your vote "${choice}" on "${item.title}" is recorded.`,
        });
      })
      .catch((e: unknown) =>
        notify({
          color: 'red',
          title: 'Vote not recorded',
          message: e instanceof Error ? e.message : String(e),
        }),
      )
      .finally(() => setBusy(null));
  };
  return (
    <Card
      data-testid="decision-card"
      data-key={d.key}
      style={d.stuck ? { borderColor: 'var(--mantine-color-orange-5)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="xs">
        <Stack gap={2} style={{ flex: '1 1 320px' }}>
          <Group gap="xs">
            <Title order={3} fz="md">
              {item.title}
            </Title>
            <StatusBadge status={item.status} testId="decision-status" />
            {d.stuck && (
              <Badge
                color="orange.5"
                variant="filled"
                autoContrast
                leftSection={<IconAlertTriangle size={12} />}
                tt="none"
                data-testid="decision-stuck"
              >
                Past its deadline
              </Badge>
            )}
          </Group>
          <Text fz="xs" c="dimmed">
            Opened {item.opened} · deadline {item.deadline}
            {item.decided ? ` · decided ${item.decided}` : ''}
            {d.ruling.version ? ` · charter version ${d.ruling.version}` : ''}
          </Text>
        </Stack>
        <Group gap="xs">
          {d.you.mayEscalate && (
            <Button
              size="xs"
              color="orange.5"
              autoContrast
              leftSection={<IconArrowUpRight size={14} />}
              onClick={props.onEscalate}
              data-testid="decision-escalate"
            >
              Escalate to {d.escalation.to}
            </Button>
          )}
          {d.you.mayClose && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconGavel size={14} />}
              onClick={props.onClose}
              data-testid="decision-close"
            >
              Close
            </Button>
          )}
        </Group>
      </Group>
      {item.description && (
        <Text fz="sm" mb="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {item.description}
        </Text>
      )}
      {item.options?.length ? (
        <Group gap={6} mb="xs">
          <Text fz="xs" c="dimmed">
            Options:
          </Text>
          {item.options.map((o, i) => (
            <Badge key={o} variant="outline" color="gray" tt="none">
              {i === 0 ? `${o} (the motion)` : o}
            </Badge>
          ))}
        </Group>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" mt="xs">
        <Stack gap="xs">
          {d.tally ? (
            <TallyBar
              t={d.tally}
              members={answer.members.length}
              weighted={d.ruling.rule?.rule === 'weighted'}
            />
          ) : (
            <Text fz="sm" c="dimmed">
              {d.tallyProblem ?? d.ruling.explanation}
            </Text>
          )}
          <Text fz="xs" c="dimmed">
            {ruleSentence(d.ruling.rule, answer.names)}
          </Text>
          <Explanation
            lines={[
              d.ruling.explanation,
              ...(d.tally ? [d.tally.explanation] : []),
              d.escalation.explanation,
            ]}
            title="How the tally is computed"
            names={answer.names}
          />
        </Stack>
        <Stack gap="xs">
          <Group gap={6} wrap="wrap" data-testid="decision-votes">
            {answer.members.map((m) => {
              const v = votes.get(m);
              return (
                <Tooltip key={m} label={v?.at ? `voted on ${v.at}` : v ? 'voted' : 'has not voted'}>
                  <Badge variant={v ? 'dot' : 'outline'} color={v ? VOTE_COLOR[v.vote] : 'gray'} tt="none">
                    {nameOf(answer.names, m)}: {v ? v.vote : '—'}
                  </Badge>
                </Tooltip>
              );
            })}
          </Group>
          {d.you.mayVote && (
            <Group gap="xs" data-testid="decision-your-vote">
              <Text fz="sm" fw={600}>
                Your vote ({nameOf(answer.names, d.you.actorId ?? '')}):
              </Text>
              {(['yes', 'no', 'abstain'] as const).map((choice) => (
                <Button
                  key={choice}
                  size="xs"
                  variant={d.you.vote === choice ? 'filled' : 'default'}
                  color={d.you.vote === choice ? 'dark.6' : undefined}
                  loading={busy === choice}
                  leftSection={d.you.vote === choice ? <IconCheck size={14} /> : undefined}
                  onClick={() => vote(choice)}
                  aria-pressed={d.you.vote === choice}
                  data-testid={`vote-${choice}`}
                >
                  {choice === 'yes' ? 'Yes' : choice === 'no' ? 'No' : 'Abstain'}
                </Button>
              ))}
            </Group>
          )}
        </Stack>
      </SimpleGrid>
      {item.rationale && (
        <Card withBorder={false} bg="gray.0" mt="sm" p="sm" data-testid="decision-log">
          <Text fz="xs" tt="uppercase" fw={600} c="dimmed" mb={4}>
            Decision log
          </Text>
          <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {item.rationale}
          </Text>
        </Card>
      )}
    </Card>
  );
}

function ProposeDrawer(props: {
  ecosystemId: string;
  partnershipId: string;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          Propose a decision
        </Text>
      }
    >
      {props.opened && <ProposeForm {...props} />}
    </Drawer>
  );
}

function ProposeForm(props: { ecosystemId: string; partnershipId: string; onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [options, setOptions] = useState<string[]>([]);
  const [deadline, setDeadline] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const invalidate = useInvalidatePartnership();
  const { fields, other } = formErrors(error, [
    'title',
    'description',
    'options',
    'deadline',
    'id',
    'opened',
  ]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, string> = {};
    if (!title.trim()) need.title = 'Say what is to be decided.';
    if (!deadline) need.deadline = 'Give the day the vote closes.';
    setMissing(need);
    if (Object.keys(need).length > 0) return;
    setBusy(true);
    setError(null);
    governApi
      .propose(props.ecosystemId, props.partnershipId, {
        title: title.trim(),
        deadline,
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(options.length ? { options } : {}),
      })
      .then(async (d) => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notify({
          color: 'teal',
          message: `"${d.item.title}" is open for votes until ${d.item.deadline}.`,
        });
        props.onClose();
      })
      .catch((x: unknown) => setError(x))
      .finally(() => setBusy(false));
  };
  return (
    <form onSubmit={submit} noValidate data-testid="decision-form">
      <Stack gap="md">
        <FormProblems error={error} other={other} what="decision" />
        <TextInput
          label="Motion"
          description="What the members vote yes or no on."
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={missing.title ?? fields.title ?? fields.id}
          required
          data-autofocus
          data-testid="decision-title"
        />
        <Textarea
          label="Background"
          autosize
          minRows={3}
          maxRows={8}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fields.description}
        />
        <TagsInput
          label="Options considered"
          description="Optional; the first is the motion. Press Enter after each."
          value={options}
          onChange={setOptions}
          error={fields.options}
        />
        <TextInput
          type="date"
          label="Deadline"
          description="After this day an open decision is stuck and can be escalated."
          value={deadline}
          onChange={(e) => setDeadline(e.currentTarget.value)}
          error={missing.deadline ?? fields.deadline}
          required
          w={220}
          data-testid="decision-deadline"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="decision-save">
            Open for votes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CloseModal(props: {
  ecosystemId: string;
  partnershipId: string;
  d: DecisionView | null;
  names: Record<string, string>;
  onClose: () => void;
}) {
  const [rationale, setRationale] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidatePartnership();
  const close = () => {
    setError(null);
    setRationale('');
    props.onClose();
  };
  const d = props.d;
  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={d !== null}
      onClose={close}
      title={<Text fw={650}>Close “{d?.item.title}”</Text>}
      size="lg"
    >
      {d && (
        <Stack>
          <Text fz="sm">
            The decision is recorded as <b>{d.tally?.passed ? 'passed' : 'rejected'}</b>, by charter version{' '}
            {d.ruling.version}. The tally goes into the decision log after your rationale:
          </Text>
          <Card withBorder={false} bg="gray.0" p="sm">
            <Text fz="sm">{d.tally?.explanation}</Text>
          </Card>
          <Textarea
            label="Rationale"
            description="Why, in a few words: what was weighed, what was agreed."
            autosize
            minRows={3}
            value={rationale}
            onChange={(e) => setRationale(e.currentTarget.value)}
            data-testid="decision-rationale"
          />
          {error !== null && <ErrorAlert error={error} title="Not closed" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              loading={busy}
              data-testid="decision-close-confirm"
              onClick={() => {
                setBusy(true);
                setError(null);
                governApi
                  .close(props.ecosystemId, props.partnershipId, d.key, rationale.trim() || undefined)
                  .then(async (x) => {
                    await invalidate(props.ecosystemId, props.partnershipId);
                    notify({ color: 'teal', message: `"${x.item.title}" is ${x.item.status}.` });
                    close();
                  })
                  .catch((e: unknown) => setError(e))
                  .finally(() => setBusy(false));
              }}
            >
              Close as {d.tally?.passed ? 'passed' : 'rejected'}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function EscalateModal(props: {
  ecosystemId: string;
  partnershipId: string;
  d: DecisionView | null;
  path: string[];
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidatePartnership();
  const close = () => {
    setError(null);
    props.onClose();
  };
  const d = props.d;
  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={d !== null}
      onClose={close}
      title={<Text fw={650}>Escalate “{d?.item.title}”</Text>}
    >
      {d && (
        <Stack>
          <Text fz="sm">
            The deadline {d.item.deadline} has passed without an outcome. Escalating marks the decision as
            escalated and opens a dispute at <b>{d.escalation.to}</b>, the first step of the conflict path (
            {props.path.join(' → ')}), between the members who did not vote yes. The dispute then moves up the
            path from the Registers tab.
          </Text>
          {error !== null && <ErrorAlert error={error} title="Not escalated" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              loading={busy}
              data-testid="decision-escalate-confirm"
              onClick={() => {
                setBusy(true);
                setError(null);
                governApi
                  .escalate(props.ecosystemId, props.partnershipId, d.key)
                  .then(async (x) => {
                    await invalidate(props.ecosystemId, props.partnershipId);
                    notify({
                      color: 'orange',
                      message: `Escalated: dispute "${x.dispute.item.title}" opened at ${x.dispute.item.stage}.`,
                    });
                    close();
                  })
                  .catch((e: unknown) => setError(e))
                  .finally(() => setBusy(false));
              }}
            >
              Escalate
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
