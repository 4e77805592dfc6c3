/**
 * The lessons-learned log of the whole ecosystem: every partnership's lessons
 * the user may see, searched by words (ranked, with the matches marked) and
 * tags, so the ecosystem keeps a living memory of what works.
 */
import {
  Badge,
  Card,
  Chip,
  Container,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBulb, IconInfoCircle, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import { plural } from '../lib/format.ts';
import { LessonCard } from './lessons.tsx';
import { useLessonSearch } from './pilot-api.ts';

export default function LessonsPage() {
  const { id, ecosystem } = useCurrentEcosystem();
  const names = useActorNames(id);
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [dq] = useDebouncedValue(q.trim(), 250);
  const tags = (params.get('tags') ?? '').split(',').filter(Boolean);
  const partnership = params.get('partnership');
  const search = useLessonSearch(id, { q: dq, tags, partnership });
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const toggleTag = (t: string) =>
    set('tags', (tags.includes(t) ? tags.filter((x) => x !== t) : [...tags, t]).join(',') || null);

  return (
    <Container size="xl" py="lg">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: `/e/${encodeURIComponent(id)}` }, { label: 'Lessons learned' }]}
        title="Lessons learned"
        description="What happened, what we learned, what we change — across every partnership, so the ecosystem keeps a living memory of what works."
      />
      <Card mb="lg" padding="md">
        <Stack gap="sm">
          <Group gap="sm" wrap="wrap" align="flex-end">
            <TextInput
              style={{ flex: '1 1 360px' }}
              leftSection={<IconSearch size={16} />}
              label="Search"
              placeholder="Words from the lesson, or #tag"
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              data-testid="lessons-search"
            />
            <Select
              w={300}
              label="Partnership"
              placeholder="All partnerships"
              clearable
              data={(search.data?.partnerships ?? []).map((p) => ({
                value: p.id,
                label: `${p.name} (${p.lessons})`,
              }))}
              value={partnership}
              onChange={(v) => set('partnership', v)}
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
          {(search.data?.tags.length ?? 0) > 0 && (
            <Group gap={6} wrap="wrap" role="group" aria-label="Filter by tag">
              <Text fz="sm" c="dimmed">
                Tags:
              </Text>
              {search.data!.tags.map((t) => (
                <Chip
                  key={t.tag}
                  size="xs"
                  checked={tags.includes(t.tag)}
                  onChange={() => toggleTag(t.tag)}
                  data-testid={`lessons-tag-${t.tag}`}
                >
                  #{t.tag} ({t.count})
                </Chip>
              ))}
            </Group>
          )}
        </Stack>
      </Card>
      {search.isPending ? (
        <PageLoader label="Reading the lessons…" />
      ) : search.isError ? (
        <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />
      ) : search.data.logged === 0 ? (
        <Card>
          <Empty
            icon={<IconBulb size={28} />}
            title="No lessons logged yet"
            description="Partnerships log lessons from their pilots on their Pilots & lessons tab; they all appear here."
          />
        </Card>
      ) : (
        <Stack gap="sm" style={{ opacity: search.isFetching ? 0.7 : 1 }} aria-busy={search.isFetching}>
          <Group justify="space-between">
            <Text fz="sm" c="dimmed" data-testid="lessons-count">
              {dq || tags.length || partnership
                ? `${plural(search.data.total, 'lesson')} of ${search.data.logged} match`
                : `${plural(search.data.logged, 'lesson')}, newest first`}
            </Text>
            <Tooltip multiline w={380} label={search.data.rule}>
              <Badge
                variant="light"
                color="gray"
                leftSection={<IconInfoCircle size={12} />}
                tt="none"
                style={{ cursor: 'help' }}
                tabIndex={0}
              >
                How results are ranked
              </Badge>
            </Tooltip>
          </Group>
          {search.data.items.length === 0 ? (
            <Card>
              <Empty
                icon={<IconSearch size={28} />}
                title="No lesson matches"
                description="Try fewer words, another tag, or all partnerships."
              />
            </Card>
          ) : (
            <SimpleGrid cols={1} spacing="sm">
              {search.data.items.map((h) => (
                <LessonCard
                  key={`${h.partnership}/${h.lesson.id}`}
                  lesson={h.lesson}
                  matched={h.matched}
                  score={h.score}
                  names={names}
                  partnership={{ id: h.partnership, name: h.partnershipName, ecosystemId: id }}
                  onTag={(t) => (tags.includes(t) ? undefined : toggleTag(t))}
                />
              ))}
            </SimpleGrid>
          )}
        </Stack>
      )}
    </Container>
  );
}
