/**
 * The lessons-learned log's parts shared by the partnership tab and the
 * ecosystem page: a lesson as a card (what happened, what we learned, what
 * we change, with its tags, pilot and author), and the form that logs one.
 */
import {
  Anchor,
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  Mark,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { pilot } from '@valueweb/core';
import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formErrors } from '../api/errors.ts';
import { recordsApi, useInvalidatePartnership, useRecords } from '../api/records-api.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { cleanLabels, slugify } from '../lib/format.ts';

/** Wraps the words of `text` that start with a matched token in <Mark>. */
export function highlight(text: string, matched: readonly string[]): ReactNode {
  if (!matched.length) return text;
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  const fold = (w: string) => w.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return parts.map((part, i) =>
    matched.some((m) => fold(part).startsWith(m)) ? (
      <Mark key={i} color="yellow">
        {part}
      </Mark>
    ) : (
      <Fragment key={i}>{part}</Fragment>
    ),
  );
}

export function LessonCard(props: {
  lesson: pilot.Lesson;
  matched?: readonly string[];
  names: Record<string, string>;
  partnership?: { id: string; name: string; ecosystemId: string };
  pilotName?: string;
  onTag?: (tag: string) => void;
  score?: number;
}) {
  const { lesson: l } = props;
  const m = props.matched ?? [];
  const block = (label: string, text: string) => (
    <Stack gap={2}>
      <Text fz="xs" tt="uppercase" fw={600} c="dimmed" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text fz="sm">{highlight(text, m)}</Text>
    </Stack>
  );
  return (
    <Card padding="md" data-testid={`lesson-${l.id}`}>
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text fz="sm" fw={600}>
            {l.date}
          </Text>
          {props.partnership && (
            <Anchor
              component={Link}
              to={`/e/${encodeURIComponent(props.partnership.ecosystemId)}/partnerships/${encodeURIComponent(props.partnership.id)}/pilots`}
              fz="sm"
            >
              {props.partnership.name}
            </Anchor>
          )}
          {props.pilotName && (
            <Text fz="sm" c="dimmed">
              · pilot {props.pilotName}
            </Text>
          )}
          {l.by && (
            <Text fz="sm" c="dimmed">
              · logged by {props.names[l.by] ?? l.by}
            </Text>
          )}
        </Group>
        <Group gap={4}>
          {l.tags.map((t) =>
            props.onTag ? (
              <Badge
                key={t}
                component="button"
                type="button"
                variant={m.includes(t.toLowerCase()) ? 'filled' : 'light'}
                tt="none"
                style={{ cursor: 'pointer' }}
                onClick={() => props.onTag!(t)}
                title={`Show lessons tagged ${t}`}
              >
                #{t}
              </Badge>
            ) : (
              <Badge key={t} variant="light" tt="none">
                #{t}
              </Badge>
            ),
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        {block('What happened', l.happened)}
        {block('What we learned', l.learned)}
        {block('What we change', l.change)}
      </SimpleGrid>
      {props.score !== undefined && m.length > 0 && (
        <Text fz="xs" c="dimmed" mt="xs">
          Matched {m.map((x) => `“${x}”`).join(', ')} · score {props.score}
        </Text>
      )}
    </Card>
  );
}

export function LessonFormDrawer(props: {
  ecosystemId: string;
  partnershipId: string;
  opened: boolean;
  onClose: () => void;
  defaultBy?: string | null;
  today: string;
}) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          Log a lesson
        </Text>
      }
      size="lg"
    >
      {props.opened && <LessonForm {...props} />}
    </Drawer>
  );
}

function LessonForm(props: {
  ecosystemId: string;
  partnershipId: string;
  onClose: () => void;
  defaultBy?: string | null;
  today: string;
}) {
  const [date, setDate] = useState(props.today);
  const [happened, setHappened] = useState('');
  const [learned, setLearned] = useState('');
  const [change, setChange] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [pilotId, setPilotId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const pilots = useRecords(props.ecosystemId, props.partnershipId, 'pilots');
  const invalidate = useInvalidatePartnership();
  const { fields, other } = formErrors(error, [
    'date',
    'happened',
    'learned',
    'change',
    'tags',
    'pilot',
    'id',
  ]);
  const [missing, setMissing] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, string> = {};
    if (!happened.trim()) need.happened = 'Say what happened.';
    if (!learned.trim()) need.learned = 'Say what the partners learned.';
    if (!change.trim()) need.change = 'Say what changes because of it.';
    setMissing(need);
    if (Object.keys(need).length) return;
    const id = `${date}-${slugify(learned).slice(0, 40) || 'lesson'}`.replace(/-+$/, '');
    setBusy(true);
    setError(null);
    recordsApi
      .create(props.ecosystemId, props.partnershipId, 'lessons', {
        id,
        date,
        happened: happened.trim(),
        learned: learned.trim(),
        change: change.trim(),
        tags: cleanLabels(tags),
        ...(pilotId ? { pilot: pilotId } : {}),
        ...(props.defaultBy ? { by: props.defaultBy } : {}),
      })
      .then(async () => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notifications.show({
          color: 'teal',
          message: 'Lesson logged: the whole ecosystem can now learn from it.',
        });
        props.onClose();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="lesson-form">
      <Stack gap="md">
        <FormProblems error={error} other={other} what="lesson" />
        <Textarea
          label="What happened"
          value={happened}
          onChange={(e) => setHappened(e.currentTarget.value)}
          autosize
          minRows={2}
          required
          error={missing.happened ?? fields.happened}
          data-autofocus
          data-testid="lesson-happened"
        />
        <Textarea
          label="What we learned"
          value={learned}
          onChange={(e) => setLearned(e.currentTarget.value)}
          autosize
          minRows={2}
          required
          error={missing.learned ?? fields.learned}
          data-testid="lesson-learned"
        />
        <Textarea
          label="What we change"
          value={change}
          onChange={(e) => setChange(e.currentTarget.value)}
          autosize
          minRows={2}
          required
          error={missing.change ?? fields.change}
          data-testid="lesson-change"
        />
        <TagsInput
          label="Tags"
          description="Press Enter after each tag. Tags make the lesson easy to find across partnerships."
          value={tags}
          onChange={setTags}
          error={fields.tags}
          data-testid="lesson-tags"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label="Date"
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={fields.date}
            required
          />
          <Select
            label="From the pilot"
            placeholder="None"
            clearable
            data={(pilots.data?.items ?? []).map((p) => ({ value: p.key, label: p.item.name }))}
            value={pilotId}
            onChange={setPilotId}
            error={fields.pilot}
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="lesson-save">
            Log the lesson
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
