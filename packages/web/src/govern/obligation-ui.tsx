/**
 * Pieces of the obligations register: the due date with its "due soon" and
 * "overdue" badges (each saying why: the days, the lead time and the
 * critical threshold the monitoring agent applies), a recurring obligation's
 * next due date and last completion, and the "Mark done" dialog that says
 * what will happen (done, or rolled forward to the next due date).
 */
import { Badge, Button, Group, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { govern, Obligation } from '@valueweb/core';
import { useState } from 'react';
import { isApiError } from '../api/errors.ts';
import { useInvalidatePartnership } from '../api/records-api.ts';
import { ErrorAlert } from '../components/states.tsx';
import { humanize } from '../lib/format.ts';
import { ink } from '../lib/ink.ts';
import { obligationsApi, type ObligationView } from './obligations-api.ts';
import { notify, withNames } from './ui.tsx';

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** How far the due date is, in words. */
export function dueInWords(dueIn: number): string {
  if (dueIn === 0) return 'due today';
  if (dueIn === 1) return 'due tomorrow';
  if (dueIn > 0) return `in ${days(dueIn)}`;
  return `${days(-dueIn)} late`;
}

/** The due date, its badge, and for a recurring obligation the next due date and the last completion. */
export function DueCell(props: {
  o: Obligation;
  view: ObligationView | undefined;
  policy: govern.ReminderPolicy | undefined;
}) {
  const { o, view, policy } = props;
  const overdue = view?.overdue ?? false;
  const dueSoon = view?.reminder?.kind === 'obligation-due';
  const critical = view?.reminder?.severity === 'critical';
  const open = o.status !== 'done' && o.status !== 'waived';
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Text fz="sm" c={overdue ? 'red.9' : undefined} fw={overdue ? 650 : undefined}>
          {o.due}
        </Text>
        {overdue && (
          <Tooltip
            multiline
            w={260}
            label={
              view?.reminder && view.reminder.daysOverdue > 0
                ? `Overdue by ${days(view.reminder.daysOverdue)}${policy ? `; critical from ${days(policy.criticalAfterDays)} after the due date` : ''}${critical ? ' — it is now' : ''}.`
                : 'Marked overdue.'
            }
          >
            <Badge
              color="red.9"
              variant="filled"
              size="sm"
              tt="none"
              style={{ minWidth: 'max-content' }}
              data-testid="obligation-overdue"
            >
              {critical ? 'overdue · critical' : 'overdue'}
            </Badge>
          </Tooltip>
        )}
        {dueSoon && (
          <Tooltip
            multiline
            w={260}
            label={`Due ${dueInWords(view?.reminder?.dueIn ?? 0).replace(/^due /, '')}. The monitoring agent reminds of an obligation from ${days(policy?.leadDays ?? 0)} before its due date.`}
          >
            <Badge
              color="orange"
              c={ink('orange')}
              variant="light"
              size="sm"
              tt="none"
              style={{ minWidth: 'max-content' }}
              data-testid="obligation-due-soon"
            >
              due soon
            </Badge>
          </Tooltip>
        )}
      </Group>
      {open && view && view.dueIn !== null && (overdue || dueSoon) && (
        <Text fz="xs" c="dimmed">
          {dueInWords(view.dueIn)}
        </Text>
      )}
      {view?.nextDue && (
        <Text fz="xs" c="dimmed" data-testid="obligation-next-due">
          then {view.nextDue}
        </Text>
      )}
      {o.lastDone && (
        <Text fz="xs" c="dimmed">
          last done {o.lastDone}
        </Text>
      )}
    </Stack>
  );
}

/** Asks when it was done (default today), says what will happen, and marks the obligation done. */
export function MarkDoneModal(props: {
  ecosystemId: string;
  partnershipId: string;
  target: ObligationView | null;
  today: string;
  names: Record<string, string>;
  onClose: () => void;
}) {
  const [on, setOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidatePartnership();
  const t = props.target;
  const close = () => {
    setOn('');
    setError(null);
    props.onClose();
  };
  const onProblem = isApiError(error) ? error.problems.find((p) => p.field === 'on') : undefined;
  const submit = async () => {
    if (!t) return;
    setBusy(true);
    setError(null);
    try {
      const r = await obligationsApi.markDone(
        props.ecosystemId,
        props.partnershipId,
        t.key,
        on || props.today,
      );
      await invalidate(props.ecosystemId, props.partnershipId);
      notify({
        color: 'teal',
        title: `"${t.item.what}" is done`,
        message: withNames(r.explanation, props.names),
      });
      close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened={t !== null}
      onClose={close}
      title={<Text fw={650}>Mark this obligation done</Text>}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {t && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          data-testid="mark-done-form"
        >
          <Stack>
            <Text fz="sm">
              <b>{t.item.what}</b>, owed by {props.names[t.item.from] ?? t.item.from} to{' '}
              {props.names[t.item.to] ?? t.item.to}, due {t.item.due}.
            </Text>
            <TextInput
              type="date"
              label="Done on"
              description="The day it was delivered (today unless you say otherwise)."
              value={on || props.today}
              max={props.today}
              onChange={(e) => setOn(e.currentTarget.value)}
              error={onProblem?.message}
              data-testid="mark-done-on"
            />
            <Text fz="sm" data-testid="mark-done-outcome">
              {t.item.recurring && t.nextDue
                ? `It recurs ${humanize(t.item.recurring).toLowerCase()}: once done, the next one is due ${t.nextDue} and the obligation opens again. This completion is kept (last done) and in the audit log.`
                : 'A one-off: it becomes done and nothing more is owed. This is recorded in the audit log.'}
            </Text>
            {error !== null && !onProblem && <ErrorAlert error={error} title="Not marked done" />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={busy}
                leftSection={<IconCheck size={16} />}
                data-testid="mark-done-confirm"
              >
                Mark done
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
