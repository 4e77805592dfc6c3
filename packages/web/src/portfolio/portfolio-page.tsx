/**
 * The portfolio dashboard: every partnership with its stage, health score and
 * RAG, the score's trend, its top vitality signals and next milestones;
 * filters by stage, RAG and signal kind (kept in the URL). Members also see
 * the health checks their organization has still to answer.
 */
import {
  Anchor,
  Button,
  Card,
  Chip,
  Container,
  Group,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconClipboardHeart,
  IconFileAnalytics,
  IconFilterOff,
  IconLayoutDashboard,
} from '@tabler/icons-react';
import { PARTNERSHIP_STAGES } from '@valueweb/core';
import { Link, useSearchParams } from 'react-router';
import { StageBadge } from '../components/badges.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert, TableSkeleton } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { useToAnswer } from '../health/health-api.ts';
import {
  formatDay,
  RagBadge,
  ScoreSparkline,
  ScrollTable,
  SeverityBadge,
  toneColor,
} from '../health/health-ui.tsx';
import { humanize } from '../lib/format.ts';
import { usePortfolio, type PortfolioFilters, type PortfolioItem } from './portfolio-api.ts';

const RAGS = ['red', 'amber', 'green'] as const;

function ToAnswer({ ecosystemId }: { ecosystemId: string }) {
  const q = useToAnswer(ecosystemId);
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  const base = `/e/${encodeURIComponent(ecosystemId)}/partnerships`;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      mb="lg"
      style={{ borderLeft: `4px solid ${toneColor('blue')}` }}
      data-testid="to-answer"
    >
      <Group gap="xs" mb="xs">
        <IconClipboardHeart size={20} aria-hidden />
        <Title order={2} fz="md">
          Health checks waiting for your organization
        </Title>
      </Group>
      <Stack gap={6}>
        {items.map((i) => (
          <Group key={`${i.partnershipId}/${i.cycle}`} justify="space-between" wrap="wrap" gap="xs">
            <Text fz="sm">
              <b>{i.partnershipName}</b> · cycle “{i.cycle}” opened {formatDay(i.opened)}
              {i.closes ? `, closes ${formatDay(i.closes)}` : ''} · {i.answered} of {i.dimensions} answered
            </Text>
            <Button
              component={Link}
              to={`${base}/${encodeURIComponent(i.partnershipId)}/health-checks`}
              size="xs"
              variant={i.complete ? 'light' : 'filled'}
              data-testid="to-answer-link"
            >
              {i.complete ? 'Review your answers' : 'Answer now'}
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

function Tile(props: { label: string; value: string | number; color?: string; hint?: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
        {props.label}
      </Text>
      <Text fz={26} fw={750} lh={1.2} style={props.color ? { color: props.color } : undefined}>
        {props.value}
      </Text>
      {props.hint && (
        <Text fz="xs" c="dimmed">
          {props.hint}
        </Text>
      )}
    </Paper>
  );
}

function Row({ p, ecosystemId }: { p: PortfolioItem; ecosystemId: string }) {
  const base = `/e/${encodeURIComponent(ecosystemId)}/partnerships/${encodeURIComponent(p.id)}`;
  return (
    <Table.Tr data-testid="portfolio-row" data-partnership={p.id} data-rag={p.rag} data-score={p.score}>
      <Table.Td>
        <Anchor component={Link} to={`${base}/health`} fw={650} fz="sm" c="brand.8">
          {p.name}
        </Anchor>
        <Text fz="xs" c="dimmed">
          {p.members} members{p.openCycles ? ` · ${p.openCycles} health check open` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <StageBadge stage={p.stage} />
      </Table.Td>
      <Table.Td>
        <Tooltip label={p.explanation} multiline w={320}>
          <span>
            <RagBadge rag={p.rag} score={p.score} size="md" />
          </span>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <ScoreSparkline points={p.trend} rag={p.rag} />
        <Text fz={10} c="dimmed">
          {p.trendSource === 'history' ? `${p.trend.length} points` : 'live score only'}
        </Text>
      </Table.Td>
      <Table.Td>
        {p.topSignals.length ? (
          <Stack gap={4}>
            {p.topSignals.map((s) => (
              <Tooltip key={s.kind} label={`${s.evidence[0] ?? ''} — ${s.action}`} multiline w={360}>
                <Group gap={6} wrap="nowrap">
                  <SeverityBadge severity={s.severity} size="xs" />
                  <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>
                    {s.label}
                  </Text>
                </Group>
              </Tooltip>
            ))}
            {p.signals.length > p.topSignals.length && (
              <Anchor component={Link} to={`${base}/health`} fz="xs">
                +{p.signals.length - p.topSignals.length} more
              </Anchor>
            )}
          </Stack>
        ) : (
          <Text fz="sm" c="dimmed">
            No warnings
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          {p.overdueCount > 0 && (
            <Text fz="sm" fw={600} c="red.9">
              {p.overdueCount} overdue: {p.overdueMilestones[0]!.name}
            </Text>
          )}
          {p.nextMilestones.map((m) => (
            <Text key={m.id} fz="sm">
              {m.name}{' '}
              <Text span fz="xs" c="dimmed">
                {formatDay(m.due)} · {m.ownerName}
              </Text>
            </Text>
          ))}
          {!p.overdueCount && !p.nextMilestones.length && (
            <Text fz="sm" c="dimmed">
              None due soon
            </Text>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

export default function PortfolioPage() {
  const { id, ecosystem } = useCurrentEcosystem();
  const [search, setSearch] = useSearchParams();
  const read = (k: string) => (search.get(k) ?? '').split(',').filter(Boolean);
  const filters: PortfolioFilters = { stage: read('stage'), rag: read('rag'), signal: read('signal') };
  const setFilter = (k: keyof PortfolioFilters, v: string[]) => {
    const next = new URLSearchParams(search);
    if (v.length) next.set(k, v.join(','));
    else next.delete(k);
    setSearch(next, { replace: true });
  };
  const q = usePortfolio(id, filters);
  const filtered = filters.stage.length + filters.rag.length + filters.signal.length > 0;
  const data = q.data;
  const reportLink = `/e/${encodeURIComponent(id)}/report`;
  return (
    <Container size="xl" py="lg">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: `/e/${encodeURIComponent(id)}` }, { label: 'Portfolio' }]}
        title="Portfolio"
        description={data?.headline ?? 'Every partnership’s health, early warnings and next steps.'}
        actions={
          <Button
            component={Link}
            to={reportLink}
            leftSection={<IconFileAnalytics size={16} />}
            data-testid="open-report"
          >
            Executive report
          </Button>
        }
      />
      <ToAnswer ecosystemId={id} />
      {q.isError && (
        <ErrorAlert error={q.error} title="Could not load the portfolio" onRetry={() => void q.refetch()} />
      )}
      {data && (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md" mb="lg" data-testid="portfolio-summary">
          <Tile
            label="Partnerships"
            value={data.summary.partnerships}
            hint={filtered ? `of ${data.total}` : undefined}
          />
          <Tile label="Mean score" value={data.summary.meanScore ?? '–'} hint="of 100" />
          <Tile
            label="Red"
            value={data.summary.red}
            color={data.summary.red ? toneColor('red') : undefined}
            hint="score below 50"
          />
          <Tile
            label="Amber"
            value={data.summary.amber}
            color={data.summary.amber ? '#b35c00' : undefined}
            hint="50 to 69"
          />
          <Tile
            label="Green"
            value={data.summary.green}
            color={data.summary.green ? toneColor('green') : undefined}
            hint="70 or more"
          />
          <Tile
            label="Critical signals"
            value={data.summary.critical}
            color={data.summary.critical ? toneColor('red') : undefined}
            hint={`${data.summary.warning} warnings`}
          />
        </SimpleGrid>
      )}
      <Card padding="md">
        <Group gap="md" mb="md" align="flex-end" wrap="wrap">
          <MultiSelect
            label="Stage"
            placeholder={filters.stage.length ? undefined : 'Any stage'}
            data={PARTNERSHIP_STAGES.map((s) => ({
              value: s,
              label: `${humanize(s)}${data ? ` (${data.facets.stage[s] ?? 0})` : ''}`,
            }))}
            value={filters.stage}
            onChange={(v) => setFilter('stage', v)}
            clearable
            w={240}
            data-testid="filter-stage"
          />
          <div>
            <Text fz="sm" fw={500} mb={4} id="rag-filter-label">
              Health
            </Text>
            <Chip.Group multiple value={filters.rag} onChange={(v) => setFilter('rag', v)}>
              <Group gap={6} role="group" aria-labelledby="rag-filter-label">
                {RAGS.map((r) => (
                  <Chip
                    key={r}
                    value={r}
                    size="sm"
                    color={r === 'red' ? 'red.8' : r === 'amber' ? 'orange.8' : 'green.8'}
                    data-testid={`filter-rag-${r}`}
                  >
                    {humanize(r)}
                    {data ? ` (${data.facets.rag[r] ?? 0})` : ''}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </div>
          <MultiSelect
            label="Signal"
            placeholder={filters.signal.length ? undefined : 'Any signal'}
            data={Object.entries(data?.signalLabels ?? {}).map(([k, label]) => ({
              value: k,
              label: `${label} (${data?.facets.signal[k] ?? 0})`,
            }))}
            value={filters.signal}
            onChange={(v) => setFilter('signal', v)}
            clearable
            w={300}
            data-testid="filter-signal"
          />
          {filtered && (
            <Button
              variant="subtle"
              leftSection={<IconFilterOff size={16} />}
              onClick={() => setSearch(new URLSearchParams(), { replace: true })}
            >
              Clear filters
            </Button>
          )}
        </Group>
        {q.isPending ? (
          <TableSkeleton columns={6} rows={4} />
        ) : data && data.items.length === 0 ? (
          <Empty
            icon={<IconLayoutDashboard size={28} />}
            title={data.total ? 'No partnership matches these filters' : 'No partnerships yet'}
            description={
              data.total
                ? 'Change or clear the filters to see the others.'
                : 'Create a partnership to follow its health here.'
            }
            action={
              data.total ? (
                <Button variant="light" onClick={() => setSearch(new URLSearchParams(), { replace: true })}>
                  Clear filters
                </Button>
              ) : (
                <Button component={Link} to={`/e/${encodeURIComponent(id)}/partnerships?new=1`}>
                  New partnership
                </Button>
              )
            }
          />
        ) : data ? (
          <ScrollTable label="Partnerships" minWidth={960}>
            <Table
              verticalSpacing="sm"
              data-testid="portfolio-table"
              style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="22%">Partnership</Table.Th>
                  <Table.Th w={110}>Stage</Table.Th>
                  <Table.Th w={110}>Health</Table.Th>
                  <Table.Th w={130}>Trend</Table.Th>
                  <Table.Th w="26%">Top signals</Table.Th>
                  <Table.Th>Next milestones</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((p) => (
                  <Row key={p.id} p={p} ecosystemId={id} />
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        ) : null}
        {data && (
          <Text fz="xs" c="dimmed" mt="sm">
            Scores on {formatDay(data.today)}. {data.rules[0]}
          </Text>
        )}
      </Card>
    </Container>
  );
}
