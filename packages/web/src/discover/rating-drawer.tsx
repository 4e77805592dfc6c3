/**
 * Rate a candidate: one organization's 1–5 ratings on the rated criteria,
 * each with an optional note, private to the organization (and the
 * orchestrators) unless shared with the ecosystem. A member rates as its own
 * organization; an orchestrator may record the ratings of any organization.
 */
import {
  Button,
  Drawer,
  Group,
  Rating,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Paper,
  Anchor,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { formErrors } from '../api/errors.ts';
import { FormProblems } from '../components/form-problems.tsx';
import {
  discoverApi,
  useDiscoverMutation,
  type Criterion,
  type Rating as RatingItem,
  type Visibility,
} from './discover-api.ts';
import { useIsOrchestrator, useOwnActor, type Names } from './shared.tsx';

interface Row {
  score: number;
  note: string;
}

export function RatingDrawer(props: {
  ecosystemId: string;
  opened: boolean;
  onClose: () => void;
  candidate: string | null;
  criteria: Criterion[];
  pool: string[];
  focal: string | null;
  names: Names;
  ratings: RatingItem[];
}) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          Rate a candidate
        </Text>
      }
      size="md"
    >
      {props.opened && <RatingForm key={props.candidate ?? 'new'} {...props} />}
    </Drawer>
  );
}

function RatingForm(props: Parameters<typeof RatingDrawer>[0]) {
  const orchestrator = useIsOrchestrator();
  const own = useOwnActor();
  const [candidate, setCandidate] = useState<string | null>(props.candidate);
  const [rater, setRater] = useState<string | null>(own);
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [visibility, setVisibility] = useState<Visibility>('private');
  const save = useDiscoverMutation(
    props.ecosystemId,
    (v: {
      candidate: string;
      rater: string;
      ratings: { criterion: string; score: number; note?: string }[];
    }) => discoverApi.putRatings(props.ecosystemId, v.candidate, v.rater, v.ratings, visibility),
  );

  // The ratings this rater already gave this candidate (as far as you may see them).
  useEffect(() => {
    const mine = props.ratings.filter((r) => r.candidate === candidate && r.rater === rater);
    setRows(Object.fromEntries(mine.map((r) => [r.criterion, { score: r.score, note: r.note ?? '' }])));
    setVisibility(mine.some((r) => r.visibility === 'ecosystem') ? 'ecosystem' : 'private');
  }, [candidate, rater, props.ratings]);

  const candidates = [
    ...props.pool.map((id) => ({ value: id, label: props.names.name(id) })),
    ...props.names.options.filter((o) => !props.pool.includes(o.value) && o.value !== props.focal),
  ];
  const { other } = formErrors(save.error, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!candidate || !rater) return;
    const ratings = props.criteria
      .filter((c) => (rows[c.id]?.score ?? 0) > 0)
      .map((c) => ({
        criterion: c.id,
        score: rows[c.id]!.score,
        ...(rows[c.id]!.note.trim() ? { note: rows[c.id]!.note.trim() } : {}),
      }));
    save.mutate(
      { candidate, rater, ratings },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: `${ratings.length ? `${ratings.length} rating(s)` : 'No ratings'} of ${props.names.name(candidate)} saved as ${props.names.name(rater)} (${visibility === 'ecosystem' ? 'shared with the ecosystem' : 'private to your organization and the orchestrators'}).`,
            closeButtonProps: { 'aria-label': 'Dismiss the notification' },
          });
          props.onClose();
        },
      },
    );
  };

  if (!orchestrator && !own) {
    return (
      <Text fz="sm">
        Your organization is not linked to an actor of this ecosystem, so it cannot rate yet. Ask an
        orchestrator to link it.
      </Text>
    );
  }
  return (
    <form onSubmit={submit} noValidate data-testid="rating-form">
      <Stack gap="md">
        <FormProblems error={save.error} other={other} what="rating" />
        <Select
          label="Candidate"
          data={candidates}
          value={candidate}
          onChange={setCandidate}
          searchable
          required
          data-testid="rating-candidate"
        />
        {orchestrator ? (
          <Select
            label="Rating organization"
            description="Orchestrators may record the ratings of any organization; members rate as their own."
            data={props.names.options}
            value={rater}
            onChange={setRater}
            searchable
            required
          />
        ) : (
          <Text fz="sm">
            Rating as <b>{props.names.name(own!)}</b>
          </Text>
        )}
        {candidate && rater && (
          <Stack gap="sm">
            {props.criteria.length === 0 && (
              <Text fz="sm">
                The ecosystem has no rated criteria: every criterion is computed from the map.
              </Text>
            )}
            {props.criteria.map((c) => {
              const row = rows[c.id] ?? { score: 0, note: '' };
              const set = (patch: Partial<Row>) =>
                setRows((old) => ({ ...old, [c.id]: { ...row, ...patch } }));
              return (
                <Paper key={c.id} withBorder p="sm">
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <div>
                      <Text fw={600} fz="sm">
                        {c.name}
                      </Text>
                      <Text fz="xs" c="dimmed">
                        {c.description}
                      </Text>
                    </div>
                    <Stack gap={2} align="flex-end">
                      <Rating
                        value={row.score}
                        onChange={(v) => set({ score: v })}
                        count={5}
                        aria-label={`${c.name}: 1 to 5`}
                        data-testid={`rate-${c.id}`}
                      />
                      {row.score > 0 ? (
                        <Anchor component="button" type="button" fz="xs" onClick={() => set({ score: 0 })}>
                          {row.score} of 5 · clear
                        </Anchor>
                      ) : (
                        <Text fz="xs" c="dimmed">
                          not rated
                        </Text>
                      )}
                    </Stack>
                  </Group>
                  {row.score > 0 && (
                    <TextInput
                      mt="xs"
                      size="xs"
                      placeholder="A note: why this score (optional)"
                      aria-label={`Note on ${c.name}`}
                      value={row.note}
                      onChange={(e) => set({ note: e.currentTarget.value })}
                      maxLength={2000}
                    />
                  )}
                </Paper>
              );
            })}
            <Switch
              checked={visibility === 'ecosystem'}
              onChange={(e) => setVisibility(e.currentTarget.checked ? 'ecosystem' : 'private')}
              label="Share these ratings with the whole ecosystem"
              description="Off: only your organization and the orchestrators see them, and only their scores count them."
            />
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            loading={save.isPending}
            disabled={!candidate || !rater}
            data-testid="save-ratings"
          >
            Save ratings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
