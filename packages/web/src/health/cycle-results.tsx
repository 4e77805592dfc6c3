/**
 * The results of a closed health-check cycle: the mean, each organization's
 * scores per dimension (a radar chart and a table), the perception gaps —
 * partners that see the relationship differently — highlighted, and the
 * comments.
 */
import { RadarChart } from '@mantine/charts';
import { Alert, Card, Grid, Group, List, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { IconEyeExclamation } from '@tabler/icons-react';
import type { CycleView } from './health-api.ts';
import { formatDay, ScrollTable } from './health-ui.tsx';

const ORG_COLORS = [
  'brand.7',
  'teal.7',
  'orange.7',
  'grape.7',
  'red.7',
  'cyan.8',
  'lime.8',
  'pink.7',
  'indigo.4',
  'yellow.8',
];

/** Background and text of a 1–5 score cell (text stays dark for contrast). */
function cellStyle(score: number): { background: string; color: string } {
  const bg =
    score >= 4.5
      ? '#d3f9d8'
      : score >= 3.5
        ? '#ebfbee'
        : score >= 2.5
          ? '#fff9db'
          : score >= 1.5
            ? '#ffe8cc'
            : '#ffe3e3';
  return { background: bg, color: '#212529' };
}

const f = (n: number) => (Math.round(n * 100) / 100).toString();

export function CycleResults(props: { cycle: CycleView; names: Record<string, string>; gapFlag: number }) {
  const { cycle } = props;
  const r = cycle.results;
  const name = (id: string) => props.names[id] ?? id;
  const gaps = r.perceptionGaps.filter((g) => g.flagged).sort((a, b) => b.gap - a.gap);
  const gapBy = new Map(r.perceptionGaps.map((g) => [g.dimension, g]));
  const orgs = cycle.byOrganization;
  if (!r.dimensions.length) {
    return (
      <Text c="dimmed" fz="sm">
        {r.explanation}
      </Text>
    );
  }
  const radar = r.dimensions.map((d) => ({
    dimension: d.name,
    ...Object.fromEntries(d.byOrganization.map((o) => [name(o.organization), o.mean])),
  }));
  const comments = r.dimensions.flatMap((d) =>
    d.byOrganization.flatMap((o) =>
      o.comments.map((c) => ({ dimension: d.name, organization: name(o.organization), text: c })),
    ),
  );
  return (
    <Stack gap="md" data-testid="cycle-results" data-cycle={cycle.id}>
      <Group gap="xl" wrap="wrap">
        <div>
          <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
            Mean
          </Text>
          <Text fz={28} fw={750} lh={1.1} data-testid="cycle-mean">
            {r.mean !== undefined ? f(r.mean) : '–'}
            <Text span fz="sm" c="dimmed" fw={500}>
              {' '}
              of 5
            </Text>
          </Text>
        </div>
        <div>
          <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
            Answered
          </Text>
          <Text fz={28} fw={750} lh={1.1}>
            {cycle.respondents.length}
            <Text span fz="sm" c="dimmed" fw={500}>
              {' '}
              of {cycle.respondents.length + cycle.awaiting.length} organizations
            </Text>
          </Text>
        </div>
        <Text fz="sm" c="dimmed" maw={520}>
          {r.explanation}
        </Text>
      </Group>

      {gaps.length > 0 ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconEyeExclamation size={20} />}
          title="Perception gap: partners see the partnership differently"
          data-testid="perception-gap"
        >
          <Stack gap={4}>
            <List size="sm" spacing={2}>
              {gaps.map((g) => (
                <List.Item key={g.dimension}>
                  <b>{g.name}</b>: {name(g.lowest.organization)} scores {f(g.lowest.mean)},{' '}
                  {name(g.highest.organization)} {f(g.highest.mean)} (gap {f(g.gap)})
                </List.Item>
              ))}
            </List>
            <Text fz="sm">
              A gap of {props.gapFlag} points or more is flagged. Bring these partners together to talk openly
              about why their views differ, and agree one change.
            </Text>
          </Stack>
        </Alert>
      ) : (
        <Text fz="sm" c="dimmed">
          No perception gap: on every dimension the organizations’ scores are within {props.gapFlag} points of
          each other.
        </Text>
      )}

      <div>
        <ScrollTable label="Scores per organization and dimension" minWidth={560}>
          <Table withTableBorder withColumnBorders verticalSpacing="xs" data-testid="cycle-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Organization</Table.Th>
                {r.dimensions.map((d) => {
                  const g = gapBy.get(d.dimension);
                  return (
                    <Table.Th
                      key={d.dimension}
                      ta="center"
                      style={g?.flagged ? { background: 'var(--mantine-color-red-0)' } : undefined}
                    >
                      <Text fz="xs" fw={650} lh={1.2}>
                        {d.name}
                      </Text>
                      {g?.flagged && (
                        <Text fz={11} fw={700} mt={2} style={{ color: '#a61e1e', whiteSpace: 'nowrap' }}>
                          gap {f(g.gap)}
                        </Text>
                      )}
                    </Table.Th>
                  );
                })}
                <Table.Th ta="center">Mean</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orgs.map((o) => (
                <Table.Tr key={o.organization} data-organization={o.organization}>
                  <Table.Td fz="sm" fw={600}>
                    {o.name}
                  </Table.Td>
                  {r.dimensions.map((d) => {
                    const s = o.scores[d.dimension];
                    const g = gapBy.get(d.dimension);
                    const extreme =
                      g?.flagged &&
                      (g.lowest.organization === o.organization || g.highest.organization === o.organization);
                    return (
                      <Table.Td
                        key={d.dimension}
                        ta="center"
                        style={
                          s !== undefined
                            ? {
                                ...cellStyle(s),
                                fontWeight: extreme ? 800 : 500,
                                outline: extreme ? '2px solid #c92a2a' : undefined,
                                outlineOffset: -2,
                              }
                            : undefined
                        }
                      >
                        {s !== undefined ? f(s) : '–'}
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="center" fw={650}>
                    {f(o.mean)}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td fz="sm" c="dimmed">
                  All (organizations weigh equally)
                </Table.Td>
                {r.dimensions.map((d) => (
                  <Table.Td key={d.dimension} ta="center" fw={650}>
                    {f(d.mean)}
                  </Table.Td>
                ))}
                <Table.Td ta="center" fw={750}>
                  {r.mean !== undefined ? f(r.mean) : '–'}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </ScrollTable>
        <Text fz="xs" c="dimmed" mt={6}>
          Closed {cycle.closed ? formatDay(cycle.closed) : ''}. Outlined cells are the lowest and highest
          score on a dimension with a perception gap.
        </Text>
      </div>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card padding="md" h="100%">
            <Title order={4} fz="sm" mb="xs">
              Each organization’s scores (1–5)
            </Title>
            <RadarChart
              h={320}
              data={radar}
              dataKey="dimension"
              withPolarRadiusAxis
              polarRadiusAxisProps={{ domain: [0, 5], tickCount: 6, angle: 90 }}
              radarChartProps={{ outerRadius: '62%' }}
              series={orgs.map((o, i) => ({
                name: o.name,
                color: ORG_COLORS[i % ORG_COLORS.length]!,
                opacity: 0.08,
              }))}
              withLegend
              legendProps={{ verticalAlign: 'bottom', height: 36 }}
              withTooltip
              data-testid="cycle-radar"
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card padding="md" h="100%">
            <Title order={4} fz="sm" mb="xs">
              Where the partners’ views differ
            </Title>
            <Stack gap="sm" data-testid="gap-bars">
              {[...r.perceptionGaps]
                .sort((a, b) => b.gap - a.gap)
                .map((g) => (
                  <div key={g.dimension}>
                    <Group justify="space-between" gap="xs" wrap="nowrap">
                      <Text fz="sm" fw={g.flagged ? 700 : 500} c={g.flagged ? 'red.9' : undefined}>
                        {g.name}
                      </Text>
                      <Text fz="xs" c="dimmed" ta="right">
                        gap {f(g.gap)}: {name(g.lowest.organization)} {f(g.lowest.mean)} –{' '}
                        {name(g.highest.organization)} {f(g.highest.mean)}
                      </Text>
                    </Group>
                    <Progress
                      value={(g.gap / 4) * 100}
                      color={g.flagged ? 'red.8' : 'gray.5'}
                      size="md"
                      aria-label={`${g.name}: gap of ${f(g.gap)} points of 4`}
                    />
                  </div>
                ))}
              <Text fz="xs" c="dimmed">
                Highest minus lowest organization mean per dimension (at most 4 on a 1–5 scale);{' '}
                {props.gapFlag} or more is a perception gap.
              </Text>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>

      {comments.length > 0 && (
        <div>
          <Title order={4} fz="sm" mb={6}>
            Comments
          </Title>
          <List size="sm" spacing={4}>
            {comments.map((c, i) => (
              <List.Item key={i}>
                <Text span fw={600} fz="sm">
                  {c.organization} on {c.dimension}:
                </Text>{' '}
                “{c.text}”
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}
