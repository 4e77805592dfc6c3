/**
 * A member organization answers a health-check cycle: every dimension scored
 * 1 (poor) to 5 (excellent) with an optional comment. Only for the person's
 * own organization; the answers stay private to it until an orchestrator
 * closes the cycle, and can be changed until then.
 */
import { Button, Drawer, Group, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/errors.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { useAnswerCycle, type CycleView } from './health-api.ts';
import { closeLabel } from './health-ui.tsx';

const SCALE = [
  { value: '1', label: '1' },
  { value: '2', label: '2' },
  { value: '3', label: '3' },
  { value: '4', label: '4' },
  { value: '5', label: '5' },
];
const SCALE_WORDS: Record<string, string> = {
  '1': 'poor',
  '2': 'weak',
  '3': 'fair',
  '4': 'good',
  '5': 'excellent',
};

interface Row {
  score: string | null;
  comment: string;
}

export function AnswerDrawer(props: {
  opened: boolean;
  onClose: () => void;
  ecosystemId: string;
  partnershipId: string;
  cycle: CycleView | null;
  organization: string;
  organizationName: string;
}) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      title={props.cycle ? `Health check “${props.cycle.id}”` : 'Health check'}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {props.cycle && (
        <AnswerForm key={`${props.cycle.id}:${props.cycle.own.length}`} {...props} cycle={props.cycle} />
      )}
    </Drawer>
  );
}

function AnswerForm(props: {
  onClose: () => void;
  ecosystemId: string;
  partnershipId: string;
  cycle: CycleView;
  organization: string;
  organizationName: string;
}) {
  const { cycle } = props;
  const [rows, setRows] = useState<Record<string, Row>>(() =>
    Object.fromEntries(
      cycle.dimensions.map((d) => {
        const own = cycle.own.find((a) => a.dimension === d.id);
        return [d.id, { score: own ? String(own.score) : null, comment: own?.comment ?? '' }];
      }),
    ),
  );
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const answer = useAnswerCycle(props.ecosystemId, props.partnershipId);
  // Server problems come back at answers[i].field: i is the dimension's place in what was sent.
  const serverErrors: Record<string, string> = {};
  const other: string[] = [];
  if (answer.error instanceof ApiError) {
    for (const p of answer.error.problems) {
      const m = /^answers\[(\d+)\]/.exec(p.field);
      const dim = m ? cycle.dimensions[Number(m[1])]?.id : undefined;
      if (dim) serverErrors[dim] = serverErrors[dim] ? `${serverErrors[dim]}; ${p.message}` : p.message;
      else other.push(p.field ? `${p.field}: ${p.message}` : p.message);
    }
    if (!answer.error.problems.length) other.push(answer.error.message);
  }
  const set = (id: string, patch: Partial<Row>) => setRows((r) => ({ ...r, [id]: { ...r[id]!, ...patch } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const unanswered = cycle.dimensions.filter((d) => !rows[d.id]?.score).map((d) => d.id);
    setMissing(new Set(unanswered));
    if (unanswered.length) return;
    answer.mutate(
      {
        cycle: cycle.id,
        organization: props.organization,
        answers: cycle.dimensions.map((d) => ({
          dimension: d.id,
          score: Number(rows[d.id]!.score),
          ...(rows[d.id]!.comment.trim() ? { comment: rows[d.id]!.comment.trim() } : {}),
        })),
      },
      {
        onSuccess: () => {
          notifications.show({
            ...closeLabel,
            color: 'teal',
            title: 'Answers saved',
            message: `Only ${props.organizationName} and the orchestrators see them until the cycle closes; you can change them until then.`,
          });
          props.onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="answer-form">
      <Stack gap="md">
        <Paper bg="var(--mantine-color-gray-0)" p="sm" radius="md">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconLock size={18} style={{ flex: 'none', marginTop: 2 }} aria-hidden />
            <Text fz="sm">
              You answer for <b>{props.organizationName}</b>. Score each statement from 1 (poor) to 5
              (excellent). Your answers stay private to your organization until an orchestrator closes the
              cycle; then every partner sees the results, including where you see the partnership differently.
            </Text>
          </Group>
        </Paper>
        <FormProblems error={answer.error} other={other} what="answer" />
        {cycle.dimensions.map((d, i) => {
          const row = rows[d.id]!;
          const error = missing.has(d.id) ? 'Give a score from 1 to 5' : serverErrors[d.id];
          const labelId = `dim-${cycle.id}-${d.id}`;
          return (
            <Paper
              key={d.id}
              withBorder
              p="md"
              radius="md"
              data-testid={`answer-${d.id}`}
              style={error ? { borderColor: 'var(--mantine-color-red-7)' } : undefined}
            >
              <Stack gap={8}>
                <div>
                  <Text fw={650} id={labelId}>
                    {i + 1}. {d.name}
                  </Text>
                  {d.prompt && (
                    <Text fz="sm" c="dimmed">
                      {d.prompt}
                    </Text>
                  )}
                </div>
                <Group gap="sm" wrap="wrap">
                  <SegmentedControl
                    data={SCALE}
                    value={row.score ?? ''}
                    onChange={(v) => {
                      set(d.id, { score: v });
                      setMissing((m) => {
                        const n = new Set(m);
                        n.delete(d.id);
                        return n;
                      });
                    }}
                    aria-labelledby={labelId}
                    data-testid={`score-${d.id}`}
                  />
                  <Text fz="sm" c={row.score ? undefined : 'dimmed'}>
                    {row.score ? `${row.score} – ${SCALE_WORDS[row.score]}` : 'not scored yet'}
                  </Text>
                </Group>
                {error && (
                  <Text fz="sm" c="red.8" role="alert">
                    {error}
                  </Text>
                )}
                <Textarea
                  label="Comment (optional)"
                  placeholder="What would make this a 5?"
                  autosize
                  minRows={1}
                  maxRows={5}
                  maxLength={5000}
                  value={row.comment}
                  onChange={(e) => set(d.id, { comment: e.currentTarget.value })}
                  data-testid={`comment-${d.id}`}
                />
              </Stack>
            </Paper>
          );
        })}
        <Group justify="space-between" mt="sm">
          <Text fz="xs" c="dimmed">
            {cycle.dimensions.filter((d) => rows[d.id]?.score).length} of {cycle.dimensions.length} scored
          </Text>
          <Group>
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={answer.isPending} data-testid="answer-submit">
              {cycle.own.length ? 'Save changes' : 'Submit answers'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
