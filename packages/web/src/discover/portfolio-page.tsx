/**
 * The partner portfolio recommender: up to k partners that together cover the
 * most of the focal actor's (weighted) needs, with no partner carrying more
 * than the dependency cap of the covered value (seed 000, “risk of
 * dependency”). Each pick is explained by the needs it adds; the algorithm
 * that ran and its guarantee are shown.
 */
import {
  Badge,
  Container,
  Group,
  NumberInput,
  Paper,
  Progress,
  RingProgress,
  SimpleGrid,
  Slider,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCircleCheck, IconPuzzle, IconShieldHalf } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { discoverApi, type PortfolioResult } from './discover-api.ts';
import { FocalControl, FocalFrame, useNames, type Names } from './shared.tsx';
import { ink } from '../lib/ink.ts';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

export default function PortfolioRecommenderPage() {
  const { id, ecosystem } = useCurrentEcosystem();
  const names = useNames(id);
  const base = `/e/${encodeURIComponent(id)}`;
  return (
    <Container size="xl" py="xl">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: base }, { label: 'Discover' }, { label: 'Partner portfolio' }]}
        title="Partner portfolio"
        description="Which few partners together cover the most of our needs, without depending on any one of them. Seed 000: “Over-reliance on a single partner or a small group of partners can create vulnerabilities … cultivate a diverse portfolio of relationships.”"
      />
      <FocalFrame ecosystemId={id} names={names} what="portfolio recommendations">
        {(settings) => (
          <>
            <FocalControl ecosystemId={id} settings={settings} names={names} />
            <Recommender ecosystemId={id} names={names} />
          </>
        )}
      </FocalFrame>
    </Container>
  );
}

function Recommender(props: { ecosystemId: string; names: Names }) {
  const [k, setK] = useState(3);
  const [cap, setCap] = useState(50);
  const [needWeights, setNeedWeights] = useState<Record<string, number>>({});
  const [params] = useDebouncedValue({ k, cap, needWeights }, 250);
  const q = useQuery({
    queryKey: ['discover', props.ecosystemId, 'portfolio', params],
    queryFn: () =>
      discoverApi.portfolio(props.ecosystemId, {
        k: params.k,
        dependencyCap: params.cap / 100,
        needWeights: params.needWeights,
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" data-testid="portfolio-controls">
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="xl">
          <NumberInput
            label="Partners (k)"
            description="At most this many partners."
            min={1}
            max={20}
            value={k}
            onChange={(v) => setK(Math.max(1, Math.min(20, Number(v) || 1)))}
            data-testid="portfolio-k"
          />
          <Stack gap={4}>
            <Text fz="sm" fw={500} id="cap-label">
              Dependency cap: {cap}%
            </Text>
            <Text fz="xs" c="dimmed">
              No partner may carry more than this share of the covered value. A cap of {cap}% needs at least{' '}
              {Math.ceil(100 / cap - 1e-9)} partner(s).
            </Text>
            <Slider
              min={10}
              max={100}
              step={5}
              value={cap}
              onChange={setCap}
              thumbLabel="Dependency cap in percent"
              label={(v) => `${v}%`}
              marks={[{ value: 25 }, { value: 50 }, { value: 75 }, { value: 100 }]}
              data-testid="portfolio-cap"
            />
          </Stack>
          {q.data && <NeedWeights needs={q.data.needs} weights={needWeights} onChange={setNeedWeights} />}
        </SimpleGrid>
      </Paper>
      {q.isPending ? (
        <PageLoader label="Looking for the best portfolio…" />
      ) : q.isError ? (
        <ErrorAlert
          error={q.error}
          title="Could not recommend a portfolio"
          onRetry={() => void q.refetch()}
        />
      ) : (
        <Result data={q.data} names={props.names} stale={q.isPlaceholderData || q.isFetching} />
      )}
    </Stack>
  );
}

function NeedWeights(props: {
  needs: PortfolioResult['needs'];
  weights: Record<string, number>;
  onChange: (w: Record<string, number>) => void;
}) {
  if (props.needs.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text fz="sm" fw={500}>
        How much each need matters
      </Text>
      <Text fz="xs" c="dimmed">
        Weights of the focal actor’s needs (default 1; 0 ignores a need).
      </Text>
      <Stack gap={4}>
        {props.needs.map((n) => (
          <Group key={n.need} justify="space-between" wrap="nowrap" gap="xs">
            <Text fz="sm" lineClamp={1}>
              {n.need}
            </Text>
            <NumberInput
              size="xs"
              w={80}
              min={0}
              max={10}
              step={1}
              value={props.weights[n.need] ?? n.weight}
              aria-label={`Weight of the need ${n.need}`}
              onChange={(v) => props.onChange({ ...props.weights, [n.need]: Math.max(0, Number(v) || 0) })}
            />
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}

function Result(props: { data: PortfolioResult; names: Names; stale: boolean }) {
  const p = props.data.portfolio;
  const coverage = Math.round(p.coverage * 100);
  return (
    <Stack
      gap="lg"
      style={{ opacity: props.stale ? 0.7 : 1, transition: 'opacity 120ms' }}
      data-testid="portfolio-result"
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Paper withBorder p="md">
          <Group gap="md" wrap="nowrap">
            <RingProgress
              size={84}
              thickness={9}
              roundCaps
              sections={[
                { value: coverage, color: coverage >= 75 ? 'teal' : coverage >= 40 ? 'brand' : 'orange' },
              ]}
              label={
                <Text ta="center" fw={700} fz="sm">
                  {coverage}%
                </Text>
              }
            />
            <div>
              <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
                Coverage
              </Text>
              <Text fz="sm" data-testid="portfolio-coverage">
                {num(p.coveredValue)} of {num(p.totalValue)} weighted needs covered
              </Text>
            </div>
          </Group>
        </Paper>
        <Paper withBorder p="md">
          <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
            Partners picked
          </Text>
          <Text fz={26} fw={750}>
            {p.picks.length}
            <Text span fz="sm" c="dimmed" fw={400}>
              {' '}
              of at most {props.data.k}
            </Text>
          </Text>
          <Text fz="xs" c="dimmed">
            None above {pct(p.maxShare)} of the covered value.
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Group gap={6}>
            <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
              Algorithm
            </Text>
            <Badge
              color={p.method === 'exact' ? 'teal' : 'brand'}
              c={ink(p.method === 'exact' ? 'teal' : 'brand')}
              data-testid="portfolio-method"
            >
              {p.method}
            </Badge>
          </Group>
          <Text fz="sm" mt={4} data-testid="portfolio-guarantee">
            {p.guarantee}
          </Text>
        </Paper>
      </SimpleGrid>

      <section aria-labelledby="picks-title">
        <Title order={2} fz="lg" mb="sm" id="picks-title">
          Recommended partners
        </Title>
        {p.picks.length === 0 ? (
          <Paper withBorder p="lg">
            <Empty
              icon={<IconPuzzle size={28} />}
              title="No portfolio"
              description={p.notes.join(' ') || 'No candidate covers one of the needs.'}
            />
          </Paper>
        ) : (
          <Stack gap="sm">
            {p.picks.map((pick) => (
              <Paper
                key={pick.candidate}
                withBorder
                p="md"
                data-testid="portfolio-pick"
                data-candidate={pick.candidate}
              >
                <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <ThemeIcon radius="xl" size={30} variant="light">
                      <Text fw={700} fz="sm">
                        {pick.order}
                      </Text>
                    </ThemeIcon>
                    <Stack gap={6}>
                      <Text fw={650}>{props.names.name(pick.candidate)}</Text>
                      <Group gap={6}>
                        <Text fz="xs" c="dimmed">
                          Adds
                        </Text>
                        {pick.adds.length === 0 ? (
                          <Text fz="xs" c="dimmed">
                            no new need
                          </Text>
                        ) : (
                          pick.adds.map((n) => (
                            <Badge
                              key={n.need}
                              color="teal"
                              c={ink('teal')}
                              variant="light"
                              data-testid="pick-adds"
                            >
                              {n.need}
                              {n.weight !== 1 ? ` ×${num(n.weight)}` : ''}
                            </Badge>
                          ))
                        )}
                        {pick.alsoCovers.map((n) => (
                          <Tooltip
                            key={n}
                            label="Also covered by an earlier pick: a backup, which lowers the dependency on either"
                          >
                            <Badge color="gray" c={ink('gray')} variant="outline">
                              {n}
                            </Badge>
                          </Tooltip>
                        ))}
                      </Group>
                      <Text fz="xs" c="dimmed">
                        {pick.explanation.replace(pick.name, props.names.name(pick.candidate))}
                      </Text>
                    </Stack>
                  </Group>
                  <Stack gap={2} w={200}>
                    <Group justify="space-between">
                      <Text fz="xs" c="dimmed">
                        Share of covered value
                      </Text>
                      <Text fz="xs" fw={650}>
                        {pct(pick.share)}
                      </Text>
                    </Group>
                    <Progress
                      value={pick.share * 100}
                      color={pick.share > p.maxShare + 1e-9 ? 'red' : 'brand'}
                      aria-label={`${props.names.name(pick.candidate)} carries ${pct(pick.share)} of the covered value`}
                    />
                    <Text fz={10} c="dimmed">
                      cap {pct(p.maxShare)}
                    </Text>
                  </Stack>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </section>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <Group gap="xs" mb="xs">
            <ThemeIcon variant="light" radius="xl" color={p.uncovered.length ? 'orange' : 'teal'}>
              {p.uncovered.length ? <IconAlertTriangle size={16} /> : <IconCircleCheck size={16} />}
            </ThemeIcon>
            <Title order={2} fz="md">
              Needs left uncovered
            </Title>
          </Group>
          {p.uncovered.length === 0 ? (
            <Text fz="sm">Every weighted need is covered.</Text>
          ) : (
            <Group gap={6} data-testid="portfolio-uncovered">
              {p.uncovered.map((n) => (
                <Badge key={n.need} color="orange" c={ink('orange')} variant="light">
                  {n.need}
                </Badge>
              ))}
            </Group>
          )}
          <Text fz="xs" c="dimmed" mt="xs">
            No candidate in the pool provides these, or covering them would break the cap. The Map’s gaps page
            shows who in the whole ecosystem could.
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Group gap="xs" mb="xs">
            <ThemeIcon variant="light" radius="xl">
              <IconShieldHalf size={16} />
            </ThemeIcon>
            <Title order={2} fz="md">
              How it was decided
            </Title>
          </Group>
          <Stack gap={4}>
            <Text fz="sm">{p.rule}</Text>
            {p.notes.map((n) => (
              <Text key={n} fz="sm" c="dimmed">
                {n}
              </Text>
            ))}
            <Text fz="xs" c="dimmed">
              Candidates: {props.data.pool.explanation}
            </Text>
          </Stack>
        </Paper>
      </SimpleGrid>

      {p.skipped.length > 0 && (
        <Paper withBorder>
          <Table aria-label="Candidates not picked">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Not picked</Table.Th>
                <Table.Th>Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.skipped.map((s) => (
                <Table.Tr key={s.candidate}>
                  <Table.Td fw={600}>{props.names.name(s.candidate)}</Table.Td>
                  <Table.Td>{s.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
