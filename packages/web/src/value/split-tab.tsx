/**
 * Value split: the distribution calculator. An amount (a period's revenue,
 * savings, a grant) is split among the members by the charter's value rule —
 * equal, proportional to the ledger's contributions in a period, or the
 * Shapley value of the charter's game — or by another rule to compare; every
 * share carries its explanation, and sampled Shapley values their 95% interval.
 */
import { DonutChart } from '@mantine/charts';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCalculator } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { FormProblems } from '../components/form-problems.tsx';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import type { PartnershipTabProps } from '../partnership/tabs.ts';
import {
  governApi,
  money,
  nameOf,
  pct,
  useCharter,
  type DistributionAnswer,
  type DistributionRequest,
} from '../govern/govern-api.ts';
import { errorsByPath, Explanation, Note, TableWrap, withNames } from '../govern/ui.tsx';

const COLORS = [
  'brand.6',
  'teal.6',
  'orange.6',
  'grape.6',
  'cyan.6',
  'yellow.6',
  'pink.6',
  'lime.7',
  'indigo.4',
  'red.6',
];
const RULE_LABEL: Record<string, string> = {
  equal: 'Equal shares',
  proportional: 'Proportional to contributions',
  shapley: 'Shapley value of the game',
};

export default function SplitTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const charter = useCharter(ecosystemId, partnership.id);
  const allNames = useActorNames(ecosystemId);
  const [amount, setAmount] = useState<number | string>(1_000_000);
  const [rule, setRule] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [currency, setCurrency] = useState('');
  const [sample, setSample] = useState(false);
  const [samples, setSamples] = useState<number | string>(20_000);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<DistributionAnswer | null>(null);
  if (charter.isPending) return <PageLoader />;
  if (charter.isError) return <ErrorAlert error={charter.error} onRetry={() => void charter.refetch()} />;
  const c = charter.data;
  const ruling = c.inForce ?? c.current;
  const charterRule = ruling?.value?.rule ?? null;
  const chosen = rule ?? charterRule;
  const hasTable = Boolean(ruling?.value?.game?.coalitions?.length);
  const names = { ...allNames, ...c.names };
  const { fields, other } = errorsByPath(error, {
    amount: 'amount',
    rule: 'rule',
    value: 'rule',
    'value.game': 'rule',
    from: 'from',
    to: 'to',
    currency: 'currency',
    contributions: 'from',
    sampling: 'samples',
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: DistributionRequest = {
      amount: typeof amount === 'number' ? amount : Number(amount),
      ...(rule ? { rule: rule as DistributionRequest['rule'] } : {}),
      ...(chosen === 'proportional' && from ? { from } : {}),
      ...(chosen === 'proportional' && to ? { to } : {}),
      ...(chosen === 'proportional' && currency.trim() ? { currency: currency.trim().toUpperCase() } : {}),
      ...(chosen === 'shapley' && sample
        ? { sampling: { samples: Number(samples) || 20_000, seed: 1 } }
        : {}),
    };
    setBusy(true);
    setError(null);
    governApi
      .distribute(ecosystemId, partnership.id, body)
      .then(setResult)
      .catch((x: unknown) => {
        setError(x);
        setResult(null);
      })
      .finally(() => setBusy(false));
  };

  return (
    <Stack gap="lg" data-testid="split-tab">
      <Card>
        <Title order={2} fz="xl" mb={4}>
          Distribution calculator
        </Title>
        <Text fz="sm" c="dimmed" mb="md">
          Split an amount — a period’s revenue, savings, a grant — among the {c.members.length} members. The
          charter
          {ruling
            ? ` (version ${String(ruling.version ?? '')}${c.inForce ? ', in force' : ', a draft not yet in force'})`
            : ''}{' '}
          says: <b>{charterRule ? RULE_LABEL[charterRule] : 'no value rule yet'}</b>. Nothing is saved.
        </Text>
        <form onSubmit={submit} noValidate data-testid="split-form">
          <Stack gap="sm">
            <FormProblems error={error} other={other} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput
                label="Amount"
                description="Revenue, savings or a grant to share."
                value={amount}
                onChange={setAmount}
                thousandSeparator=","
                decimalScale={2}
                error={fields.amount}
                required
                data-testid="split-amount"
              />
              <Select
                label="Rule"
                data={[
                  { value: 'equal', label: RULE_LABEL.equal! },
                  { value: 'proportional', label: RULE_LABEL.proportional! },
                  { value: 'shapley', label: RULE_LABEL.shapley! },
                ]}
                value={chosen}
                onChange={setRule}
                placeholder="Choose a rule"
                description={
                  rule && rule !== charterRule
                    ? 'Not the charter’s rule: for comparison.'
                    : 'The charter’s rule.'
                }
                allowDeselect={false}
                error={fields.rule}
                data-testid="split-rule"
              />
              {chosen === 'shapley' && hasTable && (
                <Stack gap={4} mt={26}>
                  <Checkbox
                    label="Estimate by sampling (95% intervals)"
                    checked={sample}
                    onChange={(e) => setSample(e.currentTarget.checked)}
                  />
                  {sample && (
                    <NumberInput
                      size="xs"
                      aria-label="Random orders"
                      value={samples}
                      onChange={setSamples}
                      min={100}
                      max={200_000}
                      error={fields.samples}
                    />
                  )}
                </Stack>
              )}
            </SimpleGrid>
            {chosen === 'proportional' && (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  type="date"
                  label="Contributions from"
                  value={from}
                  onChange={(e) => setFrom(e.currentTarget.value)}
                  error={fields.from}
                />
                <TextInput
                  type="date"
                  label="to"
                  value={to}
                  onChange={(e) => setTo(e.currentTarget.value)}
                  error={fields.to}
                />
                <TextInput
                  label="Currency"
                  placeholder="the ledger's main currency"
                  value={currency}
                  onChange={(e) => setCurrency(e.currentTarget.value)}
                  maxLength={3}
                  error={fields.currency}
                />
              </SimpleGrid>
            )}
            <Group>
              <Button
                type="submit"
                loading={busy}
                leftSection={<IconCalculator size={16} />}
                disabled={!chosen}
                data-testid="split-run"
              >
                Split the amount
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {result ? (
        <Result answer={result} names={names} />
      ) : (
        <Card>
          <Empty
            icon={<IconCalculator size={28} />}
            title="No split yet"
            description="Enter an amount and split it: each member's share appears here with the contributions or the rules of the game behind it."
          />
        </Card>
      )}
    </Stack>
  );
}

function Result(props: { answer: DistributionAnswer; names: Record<string, string> }) {
  const { answer } = props;
  const d = answer.distribution;
  const cur = answer.currency;
  const sampled = d.method === 'sampling';
  const donut = d.shares.map((s, i) => ({
    name: nameOf(props.names, s.actorId),
    value: Math.max(0, s.amount),
    color: COLORS[i % COLORS.length]!,
  }));
  return (
    <Card data-testid="split-result">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <div>
          <Title order={3} fz="lg">
            {money(d.amount, cur)} split by the {d.rule} rule
          </Title>
          <Text fz="sm" c="dimmed">
            {answer.ruleSource === 'charter'
              ? `The rule of charter version ${answer.charterVersion ?? ''}.`
              : 'A rule chosen for comparison, not the charter’s.'}{' '}
            Shares are rounded to cents and add up exactly.
          </Text>
        </div>
        <Badge color={sampled ? 'orange' : 'teal'} variant="dot" tt="none">
          {sampled ? `estimated from ${d.samples ?? ''} random orders` : 'exact'}
        </Badge>
      </Group>
      {sampled && (
        <Note>
          Sampled Shapley values carry a 95% confidence interval, stated in each share’s explanation.
        </Note>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg" mt="sm" mb="md">
        <Group justify="center">
          <DonutChart
            data={donut}
            size={200}
            thickness={30}
            withTooltip
            tooltipDataSource="segment"
            valueFormatter={(x) => money(x, cur)}
            aria-label="Donut chart of each member's share"
            role="img"
          />
        </Group>
        <div style={{ gridColumn: 'span 2' }}>
          <Explanation lines={answer.explanation} open names={props.names} />
        </div>
      </SimpleGrid>
      <TableWrap label="Shares by member">
        <Table fz="sm" data-testid="split-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th ta="right">Share</Table.Th>
              <Table.Th ta="right">Of the amount</Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.shares.map((s, i) => (
              <Table.Tr key={s.actorId} data-testid="split-row">
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <span
                      className="vw-dot"
                      style={{
                        background: `var(--mantine-color-${COLORS[i % COLORS.length]!.replace('.', '-')})`,
                      }}
                      aria-hidden
                    />
                    <Text fz="sm" fw={600}>
                      {nameOf(props.names, s.actorId)}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td
                  ta="right"
                  fw={700}
                  data-testid="split-amount-cell"
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {money(s.amount, cur)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {pct(s.fraction)}
                </Table.Td>
                <Table.Td>
                  <List size="xs" spacing={2} c="dimmed">
                    {s.explanation.map((line, k) => (
                      <List.Item key={k}>{withNames(line, props.names)}</List.Item>
                    ))}
                  </List>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableWrap>
    </Card>
  );
}
