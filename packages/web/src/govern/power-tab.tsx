/**
 * Voting power: who can actually tip a decision under the charter's decision
 * rule, against the weight each member holds — Shapley–Shubik and Banzhaf
 * indices (and the raw Penrose measure) per member, a bar chart of power vs
 * weight, the dictator, veto players and dummies called out, the quota that
 * would bring power closest to weight, and a what-if rule to compare.
 */
import { BarChart } from '@mantine/charts';
import {
  Badge,
  Button,
  Card,
  Grid,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCrown, IconFlask, IconHandStop, IconScale } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { FormProblems } from '../components/form-problems.tsx';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import type { PartnershipTabProps } from '../partnership/tabs.ts';
import { governApi, nameOf, num, pct, ruleSentence, usePower, type PowerAnswer } from './govern-api.ts';
import { Callout, errorsByPath, Explanation, TableWrap } from './ui.tsx';

export default function PowerTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const power = usePower(ecosystemId, partnership.id);
  const [whatIf, setWhatIf] = useState<PowerAnswer | null>(null);
  if (power.isPending) return <PageLoader label="Computing voting power…" />;
  if (power.isError)
    return (
      <ErrorAlert
        error={power.error}
        title="Could not compute voting power"
        onRetry={() => void power.refetch()}
      />
    );
  const p = power.data;
  return (
    <Stack gap="lg" data-testid="power-tab">
      {p.report ? (
        <PowerPanel
          answer={p}
          title={
            p.basis === 'in-force'
              ? `Voting power under charter version ${p.charterVersion ?? ''} (in force)`
              : `Voting power under the draft charter version ${p.charterVersion ?? ''}`
          }
          testId="power-panel"
        />
      ) : (
        <Card>
          <Empty
            icon={<IconScale size={28} />}
            title="No decision rule to analyse"
            description={p.explanation}
          />
        </Card>
      )}
      <WhatIf ecosystemId={ecosystemId} partnershipId={partnership.id} answer={p} onResult={setWhatIf} />
      {whatIf && <PowerPanel answer={whatIf} title="What-if rule" testId="power-what-if" />}
    </Stack>
  );
}

function PowerPanel(props: { answer: PowerAnswer; title: string; testId: string }) {
  const { answer } = props;
  const report = answer.report!;
  const pw = report.power;
  const names = answer.names;
  const chart = pw.members.map((m) => ({
    member: nameOf(names, m.actorId),
    weight: Math.round(m.weightShare * 1000) / 10,
    shapley: Math.round(m.shapleyShubik * 1000) / 10,
    banzhaf: Math.round(m.banzhaf * 1000) / 10,
  }));
  const s = report.suggestion;
  return (
    <Card data-testid={props.testId}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="wrap">
        <div>
          <Title order={3} fz="lg">
            {props.title}
          </Title>
          <Text fz="sm" c="dimmed">
            {ruleSentence(answer.rule, names)} A coalition wins with {num(pw.quota)} of {num(pw.totalWeight)}{' '}
            weight.
          </Text>
        </div>
        <Badge variant="light" color="gray" tt="none">
          exact, by {pw.method === 'generating-function' ? 'generating functions' : 'enumeration'}
        </Badge>
      </Group>
      <Stack gap="sm" mb="md">
        {pw.dictator && (
          <Callout color="red" icon={<IconCrown size={18} />} title="A dictator" testId="power-dictator">
            {nameOf(names, pw.dictator)} wins alone and nothing passes without it: the other members have no
            say.
          </Callout>
        )}
        {pw.vetoPlayers.length > 0 && (
          <Callout color="orange" icon={<IconHandStop size={18} />} title="Veto players" testId="power-veto">
            {pw.vetoPlayers.map((id) => nameOf(names, id)).join(', ')}{' '}
            {pw.vetoPlayers.length === 1 ? 'is' : 'are'} in every winning coalition: nothing passes without{' '}
            {pw.vetoPlayers.length === 1 ? 'it' : 'each of them'} (a veto in the charter, or the others
            together cannot reach the quota).
          </Callout>
        )}
        {pw.dummies.length > 0 && (
          <Callout
            color="gray"
            icon={<IconAlertTriangle size={18} />}
            title="Dummy members"
            testId="power-dummies"
          >
            {pw.dummies.map((id) => nameOf(names, id)).join(', ')} {pw.dummies.length === 1 ? 'has' : 'have'}{' '}
            no power at all, whatever the weight: no coalition turns from losing to winning when{' '}
            {pw.dummies.length === 1 ? 'it joins' : 'one of them joins'}.
          </Callout>
        )}
      </Stack>
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Text fz="sm" fw={600} mb="xs">
            Power vs weight, % per member
          </Text>
          <BarChart
            h={Math.max(200, chart.length * 38 + 70)}
            data={chart}
            dataKey="member"
            orientation="vertical"
            series={[
              { name: 'weight', label: 'Weight share', color: 'gray.5' },
              { name: 'shapley', label: 'Shapley–Shubik', color: 'brand.6' },
              { name: 'banzhaf', label: 'Banzhaf', color: 'teal.6' },
            ]}
            withLegend
            legendProps={{ verticalAlign: 'bottom', height: 30 }}
            yAxisProps={{ width: 190 }}
            valueFormatter={(x) => `${x}%`}
            role="img"
            aria-label="Bar chart of each member's weight share against its Shapley–Shubik and Banzhaf power"
          />
        </Paper>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, xl: 8 }}>
            <TableWrap label="Voting power by member">
              <Table fz="sm" verticalSpacing={6} data-testid="power-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Member</Table.Th>
                    <Table.Th ta="right">Weight</Table.Th>
                    <Table.Th ta="right">Shapley–Shubik</Table.Th>
                    <Table.Th ta="right">Banzhaf</Table.Th>
                    <Table.Th ta="right" visibleFrom="sm">
                      Penrose
                    </Table.Th>
                    <Table.Th ta="right">Power / weight</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {pw.members.map((m) => (
                    <Table.Tr key={m.actorId} data-testid="power-row">
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Text fz="sm">{nameOf(names, m.actorId)}</Text>
                          {m.veto && (
                            <Badge
                              size="xs"
                              color="orange.5"
                              variant="filled"
                              autoContrast
                              tt="none"
                              style={{ minWidth: 'max-content', flex: 'none' }}
                            >
                              veto
                            </Badge>
                          )}
                          {m.dummy && (
                            <Badge
                              size="xs"
                              color="gray.7"
                              variant="filled"
                              tt="none"
                              style={{ minWidth: 'max-content', flex: 'none' }}
                            >
                              dummy
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {num(m.weight)} · {pct(m.weightShare)}
                      </Table.Td>
                      <Table.Td ta="right">{pct(m.shapleyShubik)}</Table.Td>
                      <Table.Td ta="right">{pct(m.banzhaf)}</Table.Td>
                      <Table.Td ta="right" visibleFrom="sm">
                        {num(m.penrose, 3)}
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text
                          fz="sm"
                          c={
                            m.powerToWeight === null
                              ? 'dimmed'
                              : Math.abs(m.powerToWeight - 1) < 0.05
                                ? undefined
                                : m.powerToWeight > 1
                                  ? 'grape.9'
                                  : 'red.9'
                          }
                          fw={600}
                        >
                          {m.powerToWeight === null ? '—' : num(m.powerToWeight)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableWrap>
            <Text fz="xs" c="dimmed" mt="xs">
              Power / weight is Banzhaf power over weight share: 1 means power in line with weight, above 1
              more power than weight, below 1 less.
            </Text>
          </Grid.Col>
          <Grid.Col span={{ base: 12, xl: 4 }}>
            {s ? (
              <Paper withBorder p="sm" bg="brand.0" data-testid="power-suggestion">
                <Text fz="sm" fw={600}>
                  Suggested quota: {num(s.quota)}{' '}
                  {s.quota === answer.rule?.quota
                    ? '(the current one)'
                    : `(now ${num(answer.rule?.quota ?? 0)})`}
                </Text>
                <Text fz="sm">
                  It brings power closest to weight: distance {num(s.distance, 3)}
                  {s.current ? ` against ${num(s.current.distance, 3)} at the current quota` : ''} (0 would be
                  power exactly proportional to weight).
                </Text>
              </Paper>
            ) : (
              <Text fz="sm" c="dimmed">
                {report.explanation.at(-1)}
              </Text>
            )}
          </Grid.Col>
        </Grid>
      </Stack>
      <Stack gap="xs" mt="md">
        <Explanation lines={report.explanation} names={names} />
        <Explanation
          lines={pw.members.flatMap((m) => m.explanation.map((e) => `${nameOf(names, m.actorId)}: ${e}`))}
          title="Each member's numbers, explained"
          names={names}
        />
      </Stack>
    </Card>
  );
}

type RuleName = 'unanimity' | 'majority' | 'qualified' | 'weighted';

function WhatIf(props: {
  ecosystemId: string;
  partnershipId: string;
  answer: PowerAnswer;
  onResult: (a: PowerAnswer | null) => void;
}) {
  const start = props.answer.rule;
  const members = props.answer.members;
  const [rule, setRule] = useState<RuleName>(start?.rule ?? 'weighted');
  const [quota, setQuota] = useState<number | string>(start?.quota ?? '');
  const [weights, setWeights] = useState<Record<string, number | string>>(() =>
    Object.fromEntries(members.map((m) => [m, start?.weights?.[m] ?? 1])),
  );
  const [veto, setVeto] = useState<string[]>(start?.veto ? [...start.veto] : []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { fields, other } = errorsByPath(error, {
    'decision.quota': 'quota',
    'decision.weights': 'weights',
    'decision.veto': 'veto',
    'decision.rule': 'rule',
    decision: 'rule',
  });
  const options = members.map((m) => ({ value: m, label: nameOf(props.answer.names, m) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const decision: Record<string, unknown> = { rule };
    if ((rule === 'qualified' || rule === 'weighted') && quota !== '') decision.quota = Number(quota);
    if (rule === 'weighted')
      decision.weights = Object.fromEntries(
        Object.entries(weights).map(([k, x]) => [k, x === '' ? 1 : Number(x)]),
      );
    if (veto.length) decision.veto = veto;
    setBusy(true);
    setError(null);
    governApi
      .powerWhatIf(props.ecosystemId, props.partnershipId, decision)
      .then((a) => props.onResult(a))
      .catch((x: unknown) => {
        setError(x);
        props.onResult(null);
      })
      .finally(() => setBusy(false));
  };
  if (members.length === 0) return null;
  return (
    <Card data-testid="power-what-if-form">
      <Group gap="xs" mb={4}>
        <IconFlask size={18} aria-hidden />
        <Title order={3} fz="lg">
          What if the rule were different?
        </Title>
      </Group>
      <Text fz="sm" c="dimmed" mb="sm">
        Try another rule, quota, weights or vetoes over the same members. Nothing is saved; amend the charter
        to change the rule.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormProblems error={error} other={other} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Rule"
              data={[
                { value: 'unanimity', label: 'Unanimity' },
                { value: 'majority', label: 'Majority' },
                { value: 'qualified', label: 'Qualified' },
                { value: 'weighted', label: 'Weighted' },
              ]}
              value={rule}
              onChange={(x) => setRule(x ?? 'weighted')}
              allowDeselect={false}
              error={fields.rule}
            />
            {(rule === 'qualified' || rule === 'weighted') && (
              <NumberInput
                label="Quota"
                value={quota}
                onChange={setQuota}
                min={0}
                error={fields.quota}
                data-testid="what-if-quota"
              />
            )}
            <MultiSelect
              label="Veto members"
              data={options}
              value={veto}
              onChange={setVeto}
              error={fields.veto}
              clearable
            />
          </SimpleGrid>
          {rule === 'weighted' && (
            <Paper withBorder p="sm">
              <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="xs">
                {members.map((m) => (
                  <NumberInput
                    key={m}
                    size="xs"
                    label={nameOf(props.answer.names, m)}
                    value={weights[m] ?? 1}
                    min={0}
                    onChange={(x) => setWeights((w) => ({ ...w, [m]: x }))}
                  />
                ))}
              </SimpleGrid>
              {fields.weights && (
                <Text c="red" fz="xs" mt="xs" role="alert">
                  {fields.weights}
                </Text>
              )}
            </Paper>
          )}
          <Group>
            <Button type="submit" loading={busy} variant="light" data-testid="what-if-run">
              Analyse this rule
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
