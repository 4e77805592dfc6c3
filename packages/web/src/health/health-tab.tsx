/**
 * The Health tab of a partnership: the health score 0–100 with its RAG band,
 * every component with its weight, value, points and how it was computed, the
 * score over time (the monitoring agent's history), and the vitality signals
 * with their evidence, since when, and the recommended action.
 */
import { LineChart } from '@mantine/charts';
import { Button, Card, Grid, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileAnalytics, IconHeartbeat, IconShieldCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import type { PartnershipTabProps } from '../partnership/tabs.ts';
import { useHealth } from './health-api.ts';
import { formatDay, RAG_TONE, RagBadge, ScrollTable, SignalCard, toneColor } from './health-ui.tsx';

const pct = (x: number) => `${Math.round(x * 100)}%`;

export default function HealthTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const h = useHealth(ecosystemId, partnership.id);
  if (h.isPending) return <PageLoader label="Computing the health score…" />;
  if (h.isError)
    return (
      <ErrorAlert
        error={h.error}
        title="Could not compute the health score"
        onRetry={() => void h.refetch()}
      />
    );
  const v = h.data;
  const color = toneColor(RAG_TONE[v.rag] ?? 'gray');
  const included = v.components.filter((c) => c.included);
  const history = v.history.length
    ? [
        ...v.history.filter((p) => p.day !== v.today).map((p) => ({ day: p.day, score: p.score })),
        { day: v.today, score: v.score },
      ]
    : [];
  const reportUrl = `/e/${encodeURIComponent(ecosystemId)}/report?partnership=${encodeURIComponent(partnership.id)}`;
  return (
    <Stack gap="lg" data-testid="health-tab">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card h="100%">
            <Group justify="space-between" align="flex-start" mb="xs">
              <Title order={3} fz="lg">
                Health score
              </Title>
              <Button
                component={Link}
                to={reportUrl}
                variant="light"
                size="xs"
                leftSection={<IconFileAnalytics size={16} />}
              >
                Executive report
              </Button>
            </Group>
            <Group align="center" gap="lg" wrap="nowrap">
              <Text fz={56} fw={800} lh={1} style={{ color }} data-testid="health-score">
                {v.score}
              </Text>
              <Stack gap={4}>
                <RagBadge rag={v.rag} size="lg" />
                <Text fz="xs" c="dimmed">
                  of 100 · green ≥ {v.bands.green}, amber ≥ {v.bands.amber}
                </Text>
              </Stack>
            </Group>
            <Text fz="sm" mt="md">
              {v.explanation}
            </Text>
            <Text fz="xs" c="dimmed" mt="xs">
              {included.length} of {v.components.length} components have data; those without are left out and
              the other weights scaled up so they sum to 1.
            </Text>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card h="100%">
            <Title order={3} fz="lg" mb="xs">
              Over time
            </Title>
            {history.length > 1 ? (
              <LineChart
                h={190}
                data={history}
                dataKey="day"
                series={[{ name: 'score', label: 'Health score', color: color }]}
                yAxisProps={{ domain: [0, 100] }}
                referenceLines={[
                  { y: v.bands.green, label: 'green', color: 'green.7' },
                  { y: v.bands.amber, label: 'amber', color: 'orange.7' },
                ]}
                curveType="monotone"
                withDots
                tickLine="none"
              />
            ) : (
              <Empty
                icon={<IconHeartbeat size={26} />}
                title="No history yet"
                description="The monitoring agent records the score each time it runs; the trend appears after its second run. Today's score is computed live."
              />
            )}
          </Card>
        </Grid.Col>
      </Grid>

      <Card>
        <Title order={3} fz="lg" mb="sm">
          How the score is made
        </Title>
        <ScrollTable label="Health score components" minWidth={720}>
          <Table verticalSpacing="sm" data-testid="health-components">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Component</Table.Th>
                <Table.Th ta="right">Weight</Table.Th>
                <Table.Th w={180}>Value (0 bad – 1 good)</Table.Th>
                <Table.Th ta="right">Points</Table.Th>
                <Table.Th>Inputs and rule</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {v.components.map((c) => (
                <Table.Tr
                  key={c.name}
                  data-component={c.name}
                  style={c.included ? undefined : { opacity: 0.75 }}
                >
                  <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {c.label}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text fz="sm">{c.weight}</Text>
                    {c.included && c.effectiveWeight !== c.weight && (
                      <Text fz="xs" c="dimmed">
                        scaled {c.effectiveWeight.toFixed(3)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {c.included ? (
                      <Group gap="xs" wrap="nowrap">
                        <Progress
                          value={c.value! * 100}
                          color={c.value! >= 0.7 ? 'green.7' : c.value! >= 0.5 ? 'orange.7' : 'red.7'}
                          w={110}
                          aria-label={`${c.label}: ${pct(c.value!)}`}
                        />
                        <Text fz="sm">{c.value!.toFixed(2)}</Text>
                      </Group>
                    ) : (
                      <Text fz="sm" c="dimmed">
                        no data
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{c.included ? c.contribution.toFixed(1) : '–'}</Table.Td>
                  <Table.Td>
                    <Text fz="sm">{c.explanation}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Card>

      <Card>
        <Group justify="space-between" mb="sm">
          <Title order={3} fz="lg">
            Vitality signals
          </Title>
          <Text fz="xs" c="dimmed">
            Early warnings (seed 000 §8) on {formatDay(v.today)}; “recent” = the last 90 days
          </Text>
        </Group>
        {v.signals.length ? (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" data-testid="signals">
            {v.signals.map((s) => (
              <SignalCard key={s.kind} signal={s} />
            ))}
          </SimpleGrid>
        ) : (
          <Empty
            icon={<IconShieldCheck size={26} />}
            title="No early warnings"
            description="No rising disputes, slowdown, fragmentation, hoarding, imbalance, gridlock, dependency, defection risk, loss of direction or perception gap today."
          />
        )}
      </Card>
    </Stack>
  );
}
