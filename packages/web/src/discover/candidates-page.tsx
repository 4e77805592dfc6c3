/**
 * Candidates: the scoring matrix of partner candidates for the focal actor.
 * Every score shows its terms (criterion, weight, value, source, points);
 * the weight sliders re-rank live in the browser with core's own scoring, and
 * orchestrators save them as the ecosystem's weights. The sensitivity card
 * says who could change rank if any one weight moved by ±20%.
 */
import { notifications } from '@mantine/notifications';
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Container,
  Group,
  Paper,
  SimpleGrid,
  Slider,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconAdjustmentsHorizontal,
  IconCalculator,
  IconArrowDown,
  IconArrowUp,
  IconChevronDown,
  IconChevronRight,
  IconDeviceFloppy,
  IconInfoCircle,
  IconListCheck,
  IconRefresh,
  IconScale,
  IconStar,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Fragment, useEffect, useMemo, useState } from 'react';
import { describeError } from '../api/errors.ts';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert, TableSkeleton } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { CriteriaDrawer } from './criteria-drawer.tsx';
import {
  discoverApi,
  useDiscoverMutation,
  useRatings,
  useScores,
  type Criterion,
  type Rating,
  type ScoreRow,
  type ScoreTerm,
  type Scores,
  type Sensitivity,
  type Settings,
} from './discover-api.ts';
import { RatingDrawer } from './rating-drawer.tsx';
import { rerank, weightsChanged } from './rerank.ts';
import {
  FocalControl,
  FocalFrame,
  ScoreBar,
  SourceIcon,
  useIsOrchestrator,
  useNames,
  useOwnActor,
  type Names,
  notify,
} from './shared.tsx';
import { ink } from '../lib/ink.ts';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const f2 = (x: number) => x.toFixed(2);

export default function CandidatesPage() {
  const { id, ecosystem } = useCurrentEcosystem();
  const names = useNames(id);
  const base = `/e/${encodeURIComponent(id)}`;
  return (
    <Container size="xl" py="xl">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: base }, { label: 'Discover' }, { label: 'Candidates' }]}
        title="Partner candidates"
        description="Candidates scored on the ecosystem’s selection criteria (seed 000: capability complementarity, values alignment, culture, long-term vision, financial strength, clock fit). Computed criteria come from the map; rated ones are the 1–5 ratings of organizations. Every score is the sum of its terms."
      />
      <FocalFrame ecosystemId={id} names={names} what="scores">
        {(settings) => <CandidatesBody ecosystemId={id} settings={settings} names={names} />}
      </FocalFrame>
    </Container>
  );
}

function CandidatesBody(props: { ecosystemId: string; settings: Settings; names: Names }) {
  const { ecosystemId, settings, names } = props;
  const orchestrator = useIsOrchestrator();
  const own = useOwnActor();
  const { ecosystem } = useCurrentEcosystem();
  const canRate = orchestrator || (ecosystem.role === 'member' && own !== null);
  const scores = useScores(ecosystemId, true);
  const ratings = useRatings(ecosystemId);
  const [weights, setWeights] = useState<Record<string, number>>({});
  const [rateFor, setRateFor] = useState<string | null | undefined>(undefined);
  const [criteriaOpen, setCriteriaOpen] = useState(false);
  // Saved weights changed (a save here, or elsewhere): start from them again.
  const savedKey = scores.data?.criteria.map((c) => `${c.id}:${c.weight}`).join(',');
  useEffect(() => setWeights({}), [savedKey]);

  const live = useMemo(() => (scores.data ? rerank(scores.data, weights) : null), [scores.data, weights]);
  const changed = scores.data ? weightsChanged(scores.data.criteria, weights) : false;
  const save = useDiscoverMutation(ecosystemId, (criteria: Criterion[]) =>
    discoverApi.putSettings(ecosystemId, { criteria }),
  );

  const header = (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      <FocalControl ecosystemId={ecosystemId} settings={settings} names={names} />
      <Group gap="sm">
        {orchestrator && (
          <Button
            variant="default"
            leftSection={<IconListCheck size={16} />}
            onClick={() => setCriteriaOpen(true)}
            data-testid="edit-criteria"
          >
            Criteria
          </Button>
        )}
        {canRate && (
          <Button
            leftSection={<IconStar size={16} />}
            onClick={() => setRateFor(null)}
            data-testid="rate-candidate"
          >
            Rate a candidate
          </Button>
        )}
      </Group>
    </Group>
  );

  if (scores.isPending)
    return (
      <>
        {header}
        <TableSkeleton columns={8} />
      </>
    );
  if (scores.isError)
    return (
      <>
        {header}
        <ErrorAlert
          error={scores.error}
          title="Could not score the candidates"
          onRetry={() => void scores.refetch()}
        />
      </>
    );
  const data = scores.data;
  const view = live!;
  return (
    <>
      {header}
      <WeightsPanel
        criteria={data.criteria}
        live={view.criteria}
        onChange={(cid, w) => setWeights((old) => ({ ...old, [cid]: w }))}
        changed={changed}
        onReset={() => setWeights({})}
        canSave={orchestrator}
        saving={save.isPending}
        onSave={() =>
          save.mutate(view.criteria, {
            onSuccess: (r) =>
              notifications.show({
                color: 'teal',
                message: `Weights saved for the ecosystem${r.removedRatings ? `; ${r.removedRatings} rating(s) of removed criteria were removed` : ''}.`,
                closeButtonProps: { 'aria-label': 'Dismiss the notification' },
              }),
            onError: (e) => notify('red', describeError(e), 'Weights not saved'),
          })
        }
      />
      {data.ranking.length === 0 ? (
        <Paper withBorder p="lg">
          <Empty
            icon={<IconUsersGroup size={28} />}
            title="No candidates yet"
            description="Candidates are the actors in the partner pipeline and those someone has rated. Add candidates to the pipeline, or rate one."
          />
        </Paper>
      ) : (
        <ScoreMatrix
          data={data}
          ranking={view.ranking}
          criteria={view.criteria}
          moved={view.moved}
          names={names}
          ratings={ratings.data?.items ?? []}
          onRate={canRate ? (c) => setRateFor(c) : undefined}
        />
      )}
      <SensitivityCard sensitivity={view.sensitivity} names={names} live={changed} />
      <Text fz="xs" c="dimmed" data-testid="score-basis">
        {data.basis} {data.candidates.explanation} Rule: {data.rule}
      </Text>
      {canRate && (
        <RatingDrawer
          ecosystemId={ecosystemId}
          opened={rateFor !== undefined}
          onClose={() => setRateFor(undefined)}
          candidate={rateFor ?? null}
          criteria={data.criteria.filter((c) => c.source === 'rated')}
          pool={data.candidates.ids}
          focal={settings.focal}
          names={names}
          ratings={ratings.data?.items ?? []}
        />
      )}
      {orchestrator && (
        <CriteriaDrawer
          ecosystemId={ecosystemId}
          opened={criteriaOpen}
          onClose={() => setCriteriaOpen(false)}
          settings={settings}
        />
      )}
    </>
  );
}

function WeightsPanel(props: {
  criteria: Criterion[];
  live: Criterion[];
  onChange: (id: string, w: number) => void;
  changed: boolean;
  onReset: () => void;
  canSave: boolean;
  saving: boolean;
  onSave: () => void;
}) {
  const total = props.live.reduce((a, c) => a + c.weight, 0);
  return (
    <Paper withBorder p="md" data-testid="weights-panel">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Group gap="xs">
          <ThemeIcon variant="light" radius="xl">
            <IconAdjustmentsHorizontal size={18} aria-hidden />
          </ThemeIcon>
          <div>
            <Title order={2} fz="md">
              Weights
            </Title>
            <Text fz="xs" c="dimmed">
              Move a weight to re-rank at once; only the ratios count (each weight’s share is shown).
            </Text>
          </div>
        </Group>
        <Group gap="xs">
          {props.changed && (
            <Badge color="orange" c={ink('orange')} variant="light" data-testid="weights-changed">
              Not saved: showing your what-if
            </Badge>
          )}
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconRefresh size={14} />}
            disabled={!props.changed}
            onClick={props.onReset}
          >
            Saved weights
          </Button>
          {props.canSave && (
            <Button
              size="xs"
              leftSection={<IconDeviceFloppy size={14} />}
              disabled={!props.changed}
              loading={props.saving}
              onClick={props.onSave}
              data-testid="save-weights"
            >
              Save for the ecosystem
            </Button>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg" verticalSpacing="md">
        {props.live.map((c) => {
          const saved = props.criteria.find((x) => x.id === c.id)?.weight ?? c.weight;
          return (
            <Stack key={c.id} gap={4}>
              <Group justify="space-between" gap={4} wrap="nowrap">
                <Text fz="sm" fw={600} lh={1.25}>
                  {c.name}
                </Text>
                <Text
                  fz="xs"
                  c={c.weight !== saved ? 'orange.8' : 'dimmed'}
                  style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                >
                  {c.weight} · {total > 0 ? pct(c.weight / total) : '–'}
                </Text>
              </Group>
              <Slider
                min={0}
                max={Math.max(100, saved)}
                step={1}
                value={c.weight}
                onChange={(v) => props.onChange(c.id, v)}
                thumbLabel={`Weight of ${c.name}`}
                label={(v) => `${v}`}
                size="sm"
                data-testid={`weight-${c.id}`}
              />
            </Stack>
          );
        })}
      </SimpleGrid>
    </Paper>
  );
}

/** Background for a value 0–1: light to strong brand. */
const heat = (v: number | null) =>
  v === null
    ? 'transparent'
    : `color-mix(in srgb, var(--mantine-color-brand-6) ${Math.round(8 + v * 30)}%, transparent)`;

function ScoreMatrix(props: {
  data: Scores;
  ranking: ScoreRow[];
  criteria: Criterion[];
  moved: Record<string, number>;
  names: Names;
  ratings: Rating[];
  onRate: ((candidate: string) => void) | undefined;
}) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const cols = props.criteria.length + 4;
  return (
    <Paper withBorder>
      <Text fz="xs" c="dimmed" px="md" pt="sm">
        Each cell: the points a criterion adds to the score, and below them its value from 0 to 1 (points =
        100 × the weight’s share × the value). Hover a cell for how it is computed; open a row for every term.
      </Text>
      <Table.ScrollContainer minWidth={900}>
        <Table
          verticalSpacing="xs"
          horizontalSpacing="xs"
          data-testid="score-matrix"
          aria-label="Candidates ranked by score"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>
                <VisuallyHidden>Details</VisuallyHidden>
              </Table.Th>
              <Table.Th w={52}>Rank</Table.Th>
              <Table.Th style={{ minWidth: 170 }}>Candidate</Table.Th>
              <Table.Th w={130}>Score</Table.Th>
              {props.criteria.map((c) => (
                <Table.Th key={c.id} ta="center" style={{ minWidth: 64, verticalAlign: 'bottom' }}>
                  <Stack gap={2} align="center">
                    <SourceIcon source={c.source} computed={c.computed} />
                    <Text fz="xs" fw={650} lh={1.2} ta="center">
                      {c.name}
                    </Text>
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.ranking.map((row) => {
              const expanded = open.has(row.candidate);
              const moved = props.moved[row.candidate] ?? 0;
              return (
                <Fragment key={row.candidate}>
                  <Table.Tr
                    data-testid="candidate-row"
                    data-candidate={row.candidate}
                    data-rank={row.rank}
                    style={{ cursor: 'pointer' }}
                    onClick={() => toggle(row.candidate)}
                  >
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-expanded={expanded}
                        aria-label={`${expanded ? 'Hide' : 'Show'} how the score of ${props.names.name(row.candidate)} is computed`}
                        onClick={(e) => {
                          e.stopPropagation();
                          toggle(row.candidate);
                        }}
                      >
                        {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                      </ActionIcon>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Text fw={700}>{row.rank}</Text>
                        {moved !== 0 && (
                          <Badge
                            size="xs"
                            color={moved > 0 ? 'teal' : 'red'}
                            c={ink(moved > 0 ? 'teal' : 'red')}
                            leftSection={moved > 0 ? <IconArrowUp size={10} /> : <IconArrowDown size={10} />}
                            data-testid="rank-moved"
                          >
                            {Math.abs(moved)}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text fw={600} fz="sm">
                        {props.names.name(row.candidate)}
                      </Text>
                      {row.missing.length > 0 && (
                        <Text fz="xs" c="dimmed">
                          {row.missing.length} {row.missing.length > 1 ? 'criteria' : 'criterion'} not yet
                          rated
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <ScoreBar score={row.score} />
                    </Table.Td>
                    {props.criteria.map((c) => {
                      const t = row.terms.find((x) => x.criterion === c.id);
                      return (
                        <Table.Td key={c.id} ta="center" p={4}>
                          {t && <TermCell term={t} names={props.names} />}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                  {expanded && (
                    <Table.Tr>
                      <Table.Td colSpan={cols} bg="var(--mantine-color-gray-0)">
                        <TermsDetail
                          row={row}
                          names={props.names}
                          ratings={props.ratings}
                          onRate={props.onRate}
                        />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** Why a rated term has the value it has, in names. */
function ratedText(t: ScoreTerm, names: Names): string {
  if (!t.ratings?.length)
    return 'Not rated yet by anyone whose ratings you may see: left out, and the other weights re-normalized.';
  const mean = t.ratings.reduce((a, r) => a + r.score, 0) / t.ratings.length;
  return `${t.ratings.map((r) => `${names.name(r.rater)} ${r.score}`).join(', ')}: mean ${f2(mean)} → (${f2(mean)} − 1)/4 = ${f2(t.value ?? 0)}.`;
}

function TermCell(props: { term: ScoreTerm; names: Names }) {
  const t = props.term;
  const why = t.source === 'rated' ? ratedText(t, props.names) : t.explanation;
  return (
    <Tooltip label={why} multiline w={300} openDelay={150}>
      <Box
        px={6}
        py={4}
        style={{ borderRadius: 6, background: heat(t.value), minWidth: 52 }}
        data-testid="term-cell"
        data-criterion={t.criterion}
      >
        {t.missing ? (
          <Text fz="xs" c="dimmed">
            missing
          </Text>
        ) : (
          <>
            <Text fz="sm" fw={650} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {t.contribution.toFixed(1)}
            </Text>
            <Text fz={10} c="gray.8" lh={1.1}>
              {f2(t.value ?? 0)}
            </Text>
          </>
        )}
      </Box>
    </Tooltip>
  );
}

function TermsDetail(props: {
  row: ScoreRow;
  names: Names;
  ratings: Rating[];
  onRate: ((c: string) => void) | undefined;
}) {
  const { row, names } = props;
  const notes = props.ratings.filter((r) => r.candidate === row.candidate && r.note);
  return (
    <Stack gap="xs" p="xs" data-testid="terms-detail">
      <Group justify="space-between" wrap="wrap">
        <Text fz="sm">
          <b>{names.name(row.candidate)}</b>:{' '}
          {row.score === null ? 'no score yet' : `${row.score.toFixed(2)} = the sum of the points below`}
          {row.missing.length > 0
            ? '; criteria not yet rated are left out and the other weights re-normalized'
            : ''}
          .
        </Text>
        {props.onRate && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconStar size={14} />}
            onClick={() => props.onRate!(row.candidate)}
          >
            Rate {names.name(row.candidate)}
          </Button>
        )}
      </Group>
      <Table
        withTableBorder
        verticalSpacing={6}
        fz="sm"
        aria-label={`How the score of ${names.name(row.candidate)} is computed`}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Criterion</Table.Th>
            <Table.Th w={110}>Source</Table.Th>
            <Table.Th ta="right">Weight (share)</Table.Th>
            <Table.Th ta="right">Value</Table.Th>
            <Table.Th ta="right">Points</Table.Th>
            <Table.Th>How</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {row.terms.map((t) => (
            <Table.Tr key={t.criterion}>
              <Table.Td fw={600}>{t.name}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {t.source === 'computed' ? (
                    <IconCalculator size={14} color="var(--mantine-color-cyan-8)" aria-hidden />
                  ) : (
                    <IconStar size={14} color="var(--mantine-color-grape-8)" aria-hidden />
                  )}
                  <Text fz="xs">{t.source}</Text>
                </Group>
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {t.weight} ({t.missing ? '–' : pct(t.share)})
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {t.value === null ? 'missing' : f2(t.value)}
              </Table.Td>
              <Table.Td ta="right" fw={650} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {t.contribution.toFixed(2)}
              </Table.Td>
              <Table.Td>
                <Text fz="xs">{t.source === 'rated' ? ratedText(t, names) : t.explanation}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {notes.length > 0 && (
        <Stack gap={2}>
          <Text fz="xs" fw={650} c="dimmed" tt="uppercase">
            Raters’ notes
          </Text>
          {notes.map((n) => (
            <Text fz="xs" key={`${n.criterion}/${n.rater}`}>
              {names.name(n.rater)} on {n.criterion}: “{n.note}”
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function SensitivityCard(props: { sensitivity: Sensitivity; names: Names; live: boolean }) {
  const s = props.sensitivity;
  const unstable = s.candidates.filter((c) => !c.stable);
  return (
    <Paper withBorder p="md" data-testid="sensitivity">
      <Group gap="xs" mb="xs">
        <ThemeIcon variant="light" radius="xl" color={s.stable ? 'teal' : 'orange'}>
          <IconScale size={18} aria-hidden />
        </ThemeIcon>
        <div>
          <Title order={2} fz="md">
            Sensitivity: who could change rank
          </Title>
          <Text fz="xs" c="dimmed">
            Each weight in turn multiplied by ×0.8 and ×1.2, the others fixed
            {props.live ? ' (on the weights shown above)' : ''}.
          </Text>
        </div>
      </Group>
      {unstable.length === 0 ? (
        <Alert color="teal" variant="light" icon={<IconInfoCircle size={16} />}>
          {s.candidates.length === 0
            ? 'No candidates to test.'
            : 'The ranking holds: no single weight change of ±20% moves any candidate.'}
        </Alert>
      ) : (
        <Stack gap={6}>
          {unstable.map((c) => (
            <Group
              key={c.candidate}
              gap="xs"
              wrap="nowrap"
              align="flex-start"
              data-testid="unstable-candidate"
            >
              <Badge color="orange" c={ink('orange')} variant="light" style={{ flexShrink: 0 }}>
                rank {c.rank}
              </Badge>
              <Text fz="sm">
                <b>{props.names.name(c.candidate)}</b> could move:{' '}
                {c.moves.map((m) => `to rank ${m.toRank} if ${m.criterionName} ×${m.factor}`).join('; ')}.
              </Text>
            </Group>
          ))}
          <Text fz="xs" c="dimmed">
            {s.candidates.length - unstable.length} of {s.candidates.length} candidates keep their rank under
            every such change. Close scores deserve a conversation before a choice.
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
