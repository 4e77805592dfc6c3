/** A partnership at a glance: purpose, members and their roles, the charter's rules, and what its lists hold. */
import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePartnershipDocument } from '../api/records-api.ts';
import { ErrorAlert, PageLoader } from '../components/states.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import { humanize, plural } from '../lib/format.ts';
import type { PartnershipTabProps } from './tabs.ts';

const LISTS: { field: string; one: string; many: string }[] = [
  { field: 'decisions', one: 'decision', many: 'decisions' },
  { field: 'obligations', one: 'obligation', many: 'obligations' },
  { field: 'issues', one: 'issue', many: 'issues' },
  { field: 'risks', one: 'risk', many: 'risks' },
  { field: 'disputes', one: 'dispute', many: 'disputes' },
  { field: 'ledger', one: 'ledger entry', many: 'ledger entries' },
  { field: 'milestones', one: 'milestone', many: 'milestones' },
  { field: 'kpis', one: 'KPI', many: 'KPIs' },
  { field: 'healthChecks', one: 'health check', many: 'health checks' },
  { field: 'pilots', one: 'pilot', many: 'pilots' },
  { field: 'lessons', one: 'lesson', many: 'lessons' },
];

/** The charter's decision rule in one sentence. */
export function describeDecisionRule(
  rule: { rule: string; quota?: number; veto?: string[]; quorum?: number } | undefined,
  names: Record<string, string>,
): string {
  if (!rule) return 'No decision rule agreed yet.';
  const base =
    rule.rule === 'unanimity'
      ? 'Every member must vote yes'
      : rule.rule === 'majority'
        ? 'More than half of the votes must be yes'
        : rule.rule === 'qualified'
          ? `At least ${rule.quota ?? '?'} members must vote yes`
          : `The yes votes must carry a weight of at least ${rule.quota ?? '?'}`;
  const veto = rule.veto?.length
    ? `; ${rule.veto.map((a) => names[a] ?? a).join(', ')} ${rule.veto.length === 1 ? 'holds' : 'hold'} a veto`
    : '';
  const quorum = rule.quorum ? `; a quorum of ${rule.quorum} is needed` : '';
  return `${base}${veto}${quorum}.`;
}

export default function OverviewTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const names = useActorNames(ecosystemId);
  const doc = usePartnershipDocument(ecosystemId, partnership.id);
  if (doc.isPending) return <PageLoader />;
  if (doc.isError) return <ErrorAlert error={doc.error} onRetry={() => void doc.refetch()} />;
  const p = doc.data;
  const charter = p.charter;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Card withBorder radius="md" padding="lg">
        <Title order={3} fz="lg" mb="sm">
          Members
        </Title>
        <Table verticalSpacing="xs" data-testid="partnership-members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Actor</Table.Th>
              <Table.Th>Role</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.members.map((m) => (
              <Table.Tr key={m.actor}>
                <Table.Td>
                  <Text
                    component={Link}
                    to={`/e/${encodeURIComponent(ecosystemId)}/map?focus=${encodeURIComponent(m.actor)}`}
                    fz="sm"
                    c="brand.7"
                  >
                    {names[m.actor] ?? m.actor}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm" c={m.role ? undefined : 'dimmed'}>
                    {m.role ?? 'member'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder radius="md" padding="lg">
        <Title order={3} fz="lg" mb="sm">
          Rules of the game
        </Title>
        <Stack gap="sm">
          <div>
            <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
              Decisions
            </Text>
            <Text fz="sm">{describeDecisionRule(charter?.decision, names)}</Text>
          </div>
          <div>
            <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
              Value
            </Text>
            <Text fz="sm">
              {charter?.value
                ? `Co-created value is split by the ${humanize(charter.value.rule)} rule.`
                : 'No value rule agreed yet.'}
            </Text>
          </div>
          <div>
            <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
              Conflict path
            </Text>
            <Text fz="sm">
              {charter?.conflictPath?.length
                ? charter.conflictPath.join(' → ')
                : 'No escalation ladder agreed yet.'}
            </Text>
          </div>
        </Stack>
      </Card>
      <Card withBorder radius="md" padding="lg" style={{ gridColumn: '1 / -1' }}>
        <Title order={3} fz="lg" mb="sm">
          What the partnership keeps
        </Title>
        <Group gap="sm">
          {LISTS.map((l) => {
            const n = ((p as unknown as Record<string, unknown[] | undefined>)[l.field] ?? []).length;
            return (
              <Badge
                key={l.field}
                variant={n ? 'light' : 'outline'}
                color={n ? 'brand' : 'gray'}
                size="lg"
                radius="sm"
                tt="none"
              >
                {plural(n, l.one, l.many)}
              </Badge>
            );
          })}
        </Group>
      </Card>
    </SimpleGrid>
  );
}
