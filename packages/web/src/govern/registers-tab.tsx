/**
 * Registers: who owes what to whom by when (obligations with "due soon" and
 * "overdue" badges, a recurring one's next due date, and "Mark done", which
 * rolls a recurring one forward), the issue log, the risk register with its heat map
 * (likelihood × impact) and the disputes with their step on the charter's
 * conflict path and the escalate action that moves them to the next step.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowUpRight,
  IconCheck,
  IconDots,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import {
  govern,
  ISSUE_PRIORITIES,
  ISSUE_STATUSES,
  OBLIGATION_STATUSES,
  RECURRENCES,
  RISK_STATUSES,
  DISPUTE_STATUSES,
  type Dispute,
  type Issue,
  type Obligation,
  type Risk,
} from '@valueweb/core';
import { useMemo, useState, type ReactNode } from 'react';
import {
  recordsApi,
  useInvalidatePartnership,
  useRecords,
  type RecordItem,
  type RecordSection,
} from '../api/records-api.ts';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { Empty, ErrorAlert, TableSkeleton } from '../components/states.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import { humanize } from '../lib/format.ts';
import type { PartnershipTabProps } from '../partnership/tabs.ts';
import { governApi, nameOf, useCharter, usePartnershipRole } from './govern-api.ts';
import { DueCell, MarkDoneModal } from './obligation-ui.tsx';
import { useObligations, type ObligationView } from './obligations-api.ts';
import { RegisterFormDrawer, type FieldSpec } from './register-form.tsx';
import { notify, StatusBadge, TableWrap } from './ui.tsx';

type Register = 'obligations' | 'issues' | 'risks' | 'disputes';
const today = () => new Date().toISOString().slice(0, 10);
const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: humanize(x) }));

const FIELDS: Record<Register, FieldSpec[]> = {
  obligations: [
    { key: 'what', label: 'What is owed', kind: 'text', required: true },
    { key: 'from', label: 'Owed by', kind: 'actor', required: true, half: true },
    { key: 'to', label: 'Owed to', kind: 'actor', required: true, half: true },
    { key: 'due', label: 'Due (next)', kind: 'date', required: true, half: true },
    {
      key: 'recurring',
      label: 'Recurs',
      kind: 'select',
      options: opts(RECURRENCES),
      half: true,
      description: 'Leave empty for a one-off.',
    },
    {
      key: 'dueDay',
      label: 'Day of the month (recurring)',
      kind: 'number',
      min: 1,
      max: 31,
      half: true,
      description: "Each next due date falls on it, or the month's last day (31: always the last day).",
    },
    {
      key: 'status',
      label: 'Status',
      kind: 'select',
      options: opts(OBLIGATION_STATUSES),
      required: true,
      half: true,
      defaultValue: 'open',
    },
  ],
  issues: [
    { key: 'title', label: 'Issue', kind: 'text', required: true },
    { key: 'owner', label: 'Owner', kind: 'actor', required: true, half: true },
    {
      key: 'priority',
      label: 'Priority',
      kind: 'select',
      options: opts(ISSUE_PRIORITIES),
      required: true,
      half: true,
      defaultValue: 'medium',
    },
    {
      key: 'status',
      label: 'Status',
      kind: 'select',
      options: opts(ISSUE_STATUSES),
      required: true,
      half: true,
      defaultValue: 'open',
    },
    { key: 'opened', label: 'Opened', kind: 'date', required: true, half: true },
    { key: 'resolved', label: 'Resolved on', kind: 'date', half: true },
    { key: 'resolution', label: 'Resolution', kind: 'textarea' },
  ],
  risks: [
    { key: 'title', label: 'Risk', kind: 'text', required: true },
    {
      key: 'likelihood',
      label: 'Likelihood (1–5)',
      kind: 'number',
      required: true,
      min: 1,
      max: 5,
      half: true,
    },
    { key: 'impact', label: 'Impact (1–5)', kind: 'number', required: true, min: 1, max: 5, half: true },
    { key: 'owner', label: 'Owner', kind: 'actor', half: true },
    {
      key: 'status',
      label: 'Status',
      kind: 'select',
      options: opts(RISK_STATUSES),
      half: true,
      defaultValue: 'open',
    },
    { key: 'mitigation', label: 'Mitigation', kind: 'textarea' },
  ],
  disputes: [
    { key: 'title', label: 'Disagreement', kind: 'text', required: true },
    { key: 'parties', label: 'Members in dispute', kind: 'actors', required: true },
    { key: 'opened', label: 'Opened', kind: 'date', required: true, half: true },
    { key: 'stage', label: 'Step of the conflict path', kind: 'select', required: true, half: true },
    {
      key: 'status',
      label: 'Status',
      kind: 'select',
      options: opts(DISPUTE_STATUSES),
      required: true,
      half: true,
      defaultValue: 'open',
    },
    { key: 'closed', label: 'Closed on', kind: 'date', half: true },
    { key: 'formal', label: 'Formal dispute (notice served under the agreement)', kind: 'boolean' },
    { key: 'resolution', label: 'Resolution', kind: 'textarea' },
  ],
};
const TITLE_FIELD: Record<Register, string> = {
  obligations: 'what',
  issues: 'title',
  risks: 'title',
  disputes: 'title',
};
const WHAT: Record<Register, string> = {
  obligations: 'obligation',
  issues: 'issue',
  risks: 'risk',
  disputes: 'dispute',
};

/** Exposure colour bands of likelihood × impact (1–25). */
export function exposureColor(x: number): string {
  return x >= 15 ? 'red' : x >= 10 ? 'orange' : x >= 5 ? 'yellow' : 'teal';
}
/** The band's badge colour, dark enough for white text (yellow takes dark text). */
const EXPOSURE_BADGE: Record<string, string> = {
  red: 'red.9',
  orange: 'orange.5',
  yellow: 'yellow.4',
  teal: 'teal.9',
};

export default function RegistersTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const [register, setRegister] = useState<Register>('obligations');
  const role = usePartnershipRole(partnership);
  const allNames = useActorNames(ecosystemId);
  const charter = useCharter(ecosystemId, partnership.id);
  const members = partnership.members.map((m) => m.actor);
  const names = { ...allNames, ...(charter.data?.names ?? {}) };
  const conflictPath = charter.data?.current?.conflictPath ?? [];
  const actorOptions = useMemo(() => {
    const memberSet = new Set(members);
    const others = Object.keys(allNames)
      .filter((id) => !memberSet.has(id))
      .sort((a, b) => (allNames[a] ?? a).localeCompare(allNames[b] ?? b));
    return [
      { group: 'Members', items: members.map((m) => ({ value: m, label: allNames[m] ?? m })) },
      { group: 'Other actors', items: others.map((id) => ({ value: id, label: allNames[id] ?? id })) },
    ];
  }, [allNames, members.join('|')]);
  const memberOptions = [
    { group: 'Members', items: members.map((m) => ({ value: m, label: allNames[m] ?? m })) },
  ];

  const fields = FIELDS[register].map((f) => {
    if (f.key === 'stage')
      return {
        ...f,
        options: conflictPath.map((s) => ({ value: s, label: s })),
        defaultValue: conflictPath[0],
        description: conflictPath.length ? undefined : 'The charter has no conflict path yet.',
      };
    if (f.key === 'opened') return { ...f, defaultValue: today() };
    return f;
  });

  return (
    <Stack gap="lg" data-testid="registers-tab">
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          value={register}
          onChange={(x) => setRegister(x)}
          data={[
            { value: 'obligations', label: 'Obligations' },
            { value: 'issues', label: 'Issue log' },
            { value: 'risks', label: 'Risk register' },
            { value: 'disputes', label: 'Disputes' },
          ]}
          aria-label="Which register"
          data-testid="register-switch"
        />
      </Group>
      <RegisterView
        key={register}
        register={register}
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        names={names}
        work={role.work}
        fields={fields}
        conflictPath={conflictPath}
        actorOptions={register === 'disputes' ? memberOptions : actorOptions}
      />
    </Stack>
  );
}

function RegisterView(props: {
  register: Register;
  ecosystemId: string;
  partnershipId: string;
  names: Record<string, string>;
  work: boolean;
  fields: FieldSpec[];
  conflictPath: string[];
  actorOptions: { group: string; items: { value: string; label: string }[] }[];
}) {
  const { register } = props;
  const records = useRecords(props.ecosystemId, props.partnershipId, register as RecordSection);
  const [editing, setEditing] = useState<RecordItem | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<RecordItem | null>(null);
  const [marking, setMarking] = useState<ObligationView | null>(null);
  const invalidate = useInvalidatePartnership();
  const items = records.data?.items ?? [];
  // Obligations: each one's reminder on the day and next due date, by the rule the monitoring agent applies.
  const obligations = useObligations(props.ecosystemId, props.partnershipId, register === 'obligations');
  const views = useMemo(
    () => new Map((obligations.data?.items ?? []).map((x) => [x.key, x])),
    [obligations.data],
  );
  const n = (id: string | undefined) => (id ? nameOf(props.names, id) : '—');
  const escalate = (rec: RecordItem) =>
    governApi
      .escalateDispute(props.ecosystemId, props.partnershipId, rec.key)
      .then(async (x) => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notify({
          color: 'orange',
          message: `Escalated from ${x.escalated.from} to ${x.escalated.to}.`,
        });
      })
      .catch((e: unknown) =>
        notify({
          color: 'red',
          title: 'Not escalated',
          message: e instanceof Error ? e.message : String(e),
        }),
      );

  const actions = (rec: RecordItem, extra?: ReactNode) =>
    props.work && (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Actions for ${String((rec.item as { title?: string; what?: string }).title ?? (rec.item as { what?: string }).what ?? rec.key)}`}
          >
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {extra}
          <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(rec)}>
            Edit
          </Menu.Item>
          <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDeleting(rec)}>
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    );

  const intro: Record<Register, string> = {
    obligations:
      'Who owes what to whom by when. Overdue obligations are marked in red, those due soon in orange; marking a recurring one done moves it to its next due date.',
    issues: 'Problems the partnership is working on, with an owner, a priority and how they were resolved.',
    risks: 'What could go wrong: exposure is likelihood × impact, from 1 to 25.',
    disputes:
      "Formal disagreements between members and the step of the charter's conflict path they have reached.",
  };

  let body: ReactNode;
  if (records.isPending) body = <TableSkeleton columns={5} />;
  else if (records.isError)
    body = (
      <ErrorAlert
        error={records.error}
        title={`Could not load the ${register}`}
        onRetry={() => void records.refetch()}
      />
    );
  else if (items.length === 0)
    body = (
      <Empty
        icon={<IconAlertTriangle size={28} />}
        title={`No ${register === 'issues' ? 'issues logged' : register} yet`}
        description={intro[register]}
        action={
          props.work && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              Add {WHAT[register]}
            </Button>
          )
        }
      />
    );
  else if (register === 'obligations') {
    const day = today();
    const rows = [...items].sort((a, b) =>
      String((a.item as Obligation).due).localeCompare(String((b.item as Obligation).due)),
    );
    body = (
      <Table data-testid="obligations-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>What</Table.Th>
            <Table.Th>From → to</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th visibleFrom="md">Recurs</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th w={props.work ? undefined : 52} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((rec) => {
            const o = rec.item as Obligation;
            const view = views.get(rec.key);
            const overdue = view?.overdue ?? (o.status === 'overdue' || (o.status === 'open' && o.due < day));
            return (
              <Table.Tr
                key={rec.key}
                bg={overdue ? 'red.0' : undefined}
                data-testid="register-row"
                data-overdue={overdue || undefined}
              >
                <Table.Td>
                  <Text fz="sm" fw={600}>
                    {o.what}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">
                    {n(o.from)} → {n(o.to)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <DueCell o={o} view={view} policy={obligations.data?.policy} />
                </Table.Td>
                <Table.Td visibleFrom="md">{o.recurring ? humanize(o.recurring) : 'once'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StatusBadge status={o.status} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    {props.work && view && o.status !== 'done' && o.status !== 'waived' && (
                      <>
                        <Button
                          size="compact-sm"
                          variant="light"
                          leftSection={<IconCheck size={14} />}
                          onClick={() => setMarking(view)}
                          aria-label={`Mark done: ${o.what}`}
                          data-testid="obligation-mark-done"
                          visibleFrom="lg"
                        >
                          Mark done
                        </Button>
                        <Tooltip label="Mark done">
                          <ActionIcon
                            variant="light"
                            onClick={() => setMarking(view)}
                            aria-label={`Mark done: ${o.what}`}
                            data-testid="obligation-mark-done-compact"
                            hiddenFrom="lg"
                          >
                            <IconCheck size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </>
                    )}
                    {actions(rec)}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    );
  } else if (register === 'issues') {
    const prio: Record<string, string> = {
      low: 'gray.7',
      medium: 'blue.9',
      high: 'orange.5',
      critical: 'red.9',
    };
    body = (
      <Table data-testid="issues-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Issue</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Priority</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th visibleFrom="md">Opened</Table.Th>
            <Table.Th w={52} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((rec) => {
            const x = rec.item as Issue;
            return (
              <Table.Tr key={rec.key} data-testid="register-row">
                <Table.Td>
                  <Text fz="sm" fw={600}>
                    {x.title}
                  </Text>
                  {x.resolution && (
                    <Text fz="xs" c="dimmed">
                      {x.resolution}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{n(x.owner)}</Table.Td>
                <Table.Td>
                  <Badge
                    color={prio[x.priority]}
                    variant="filled"
                    autoContrast
                    tt="none"
                    style={{ minWidth: 'max-content' }}
                  >
                    {humanize(x.priority)}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StatusBadge status={x.status} />
                </Table.Td>
                <Table.Td visibleFrom="md">
                  {x.opened}
                  {x.resolved ? ` → ${x.resolved}` : ''}
                </Table.Td>
                <Table.Td>{actions(rec)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    );
  } else if (register === 'risks') {
    const rows = [...items].sort((a, b) => {
      const ra = a.item as Risk;
      const rb = b.item as Risk;
      return rb.likelihood * rb.impact - ra.likelihood * ra.impact;
    });
    body = (
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="lg">
        <HeatMap risks={rows.map((r) => r.item as Risk)} />
        <TableWrap label="Risks by exposure" span={2}>
          <Table data-testid="risks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Risk</Table.Th>
                <Table.Th>Exposure</Table.Th>
                <Table.Th visibleFrom="sm">Owner</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th w={52} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((rec) => {
                const x = rec.item as Risk;
                const e = x.likelihood * x.impact;
                return (
                  <Table.Tr key={rec.key} data-testid="register-row">
                    <Table.Td>
                      <Text fz="sm" fw={600}>
                        {x.title}
                      </Text>
                      {x.mitigation && (
                        <Text fz="xs" c="dimmed">
                          Mitigation: {x.mitigation}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Tooltip label={`likelihood ${x.likelihood} × impact ${x.impact}`}>
                        <Badge
                          color={EXPOSURE_BADGE[exposureColor(e)]}
                          variant="filled"
                          autoContrast
                          tt="none"
                          data-testid="risk-exposure"
                          style={{ minWidth: 'max-content' }}
                        >
                          {e} = {x.likelihood}×{x.impact}
                        </Badge>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td visibleFrom="sm">{n(x.owner)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <StatusBadge status={x.status ?? 'open'} />
                    </Table.Td>
                    <Table.Td>{actions(rec)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableWrap>
      </SimpleGrid>
    );
  } else {
    body = (
      <Table data-testid="disputes-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Dispute</Table.Th>
            <Table.Th visibleFrom="sm">Parties</Table.Th>
            <Table.Th>Step on the conflict path</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th w={52} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((rec) => {
            const x = rec.item as Dispute;
            const step = govern.disputeStep(x, props.conflictPath);
            return (
              <Table.Tr key={rec.key} data-testid="register-row">
                <Table.Td>
                  <Group gap={6}>
                    <Text fz="sm" fw={600}>
                      {x.title}
                    </Text>
                    {x.formal && (
                      <Badge
                        size="xs"
                        color="grape.9"
                        variant="filled"
                        tt="none"
                        style={{ minWidth: 'max-content', flex: 'none' }}
                      >
                        formal
                      </Badge>
                    )}
                  </Group>
                  <Text fz="xs" c="dimmed">
                    opened {x.opened}
                    {x.closed ? ` · closed ${x.closed}` : ''}
                    {x.resolution ? ` · ${x.resolution}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">{x.parties.map((p) => n(p)).join(', ')}</Table.Td>
                <Table.Td>
                  <PathSteps path={props.conflictPath} index={step.index} stage={x.stage} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StatusBadge status={x.status} />
                </Table.Td>
                <Table.Td>
                  {actions(
                    rec,
                    x.status === 'open' && step.next !== null && (
                      <Menu.Item
                        leftSection={<IconArrowUpRight size={14} />}
                        onClick={() => void escalate(rec)}
                        data-testid="dispute-escalate"
                      >
                        Escalate to {step.next}
                      </Menu.Item>
                    ),
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    );
  }

  return (
    <Card data-testid={`register-${register}`}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <div>
          <Title order={3} fz="lg">
            {register === 'issues'
              ? 'Issue log'
              : register === 'risks'
                ? 'Risk register'
                : humanize(register)}
          </Title>
          <Text fz="sm" c="dimmed">
            {intro[register]}
          </Text>
        </div>
        {props.work && items.length > 0 && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setCreating(true)}
            data-testid="register-add"
          >
            Add {WHAT[register]}
          </Button>
        )}
      </Group>
      <TableWrap label="Register items">{body}</TableWrap>
      {register === 'obligations' && obligations.data && items.length > 0 && (
        <Text fz="xs" c="dimmed" mt="sm" data-testid="obligations-rule">
          {obligations.data.rule}
        </Text>
      )}
      {register === 'obligations' && (
        <MarkDoneModal
          ecosystemId={props.ecosystemId}
          partnershipId={props.partnershipId}
          target={marking}
          today={obligations.data?.today ?? today()}
          names={props.names}
          onClose={() => setMarking(null)}
        />
      )}
      <RegisterFormDrawer
        ecosystemId={props.ecosystemId}
        partnershipId={props.partnershipId}
        section={register}
        what={WHAT[register]}
        fields={props.fields}
        titleField={TITLE_FIELD[register]}
        editing={editing}
        opened={creating || editing !== null}
        takenKeys={items.map((i) => i.key)}
        actorOptions={props.actorOptions}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <ConfirmDelete
        opened={deleting !== null}
        title={`Delete this ${WHAT[register]}?`}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await recordsApi.remove(
            props.ecosystemId,
            props.partnershipId,
            register,
            deleting.key,
            deleting.version,
          );
          await invalidate(props.ecosystemId, props.partnershipId);
          notify({ color: 'teal', message: `The ${WHAT[register]} is deleted.` });
        }}
      >
        It is removed from the register. This is recorded in the audit log.
      </ConfirmDelete>
    </Card>
  );
}

/** The conflict path as small steps, the dispute's step highlighted. */
function PathSteps(props: { path: string[]; index: number; stage: string }) {
  if (props.path.length === 0 || props.index < 0)
    return (
      <Badge color="gray" variant="outline" tt="none">
        {props.stage}
      </Badge>
    );
  return (
    <Group gap={4} wrap="wrap" aria-label={`step ${props.index + 1} of ${props.path.length}: ${props.stage}`}>
      {props.path.map((s, i) => (
        <Badge
          key={s}
          size="sm"
          tt="none"
          variant={i === props.index ? 'filled' : i < props.index ? 'light' : 'outline'}
          color={i === props.index ? 'orange.5' : 'gray'}
          autoContrast
        >
          {i + 1}. {s}
        </Badge>
      ))}
    </Group>
  );
}

/** Likelihood (rows, 5 at the top) × impact (columns): how many risks sit in each cell. */
function HeatMap(props: { risks: Risk[] }) {
  const open = props.risks.filter((r) => (r.status ?? 'open') !== 'closed');
  const cell = (l: number, i: number) => open.filter((r) => r.likelihood === l && r.impact === i);
  return (
    <div data-testid="risk-heat">
      <Text fz="sm" fw={600} mb={4}>
        Heat map of open risks
      </Text>
      <table
        style={{ borderCollapse: 'separate', borderSpacing: 3 }}
        aria-label="Risk heat map: likelihood by impact"
      >
        <tbody>
          {[5, 4, 3, 2, 1].map((l) => (
            <tr key={l}>
              <th
                scope="row"
                style={{
                  fontSize: 11,
                  fontWeight: 500,
                  paddingRight: 4,
                  color: 'var(--mantine-color-dimmed)',
                }}
              >
                {l}
              </th>
              {[1, 2, 3, 4, 5].map((i) => {
                const here = cell(l, i);
                const color = exposureColor(l * i);
                return (
                  <td key={i} style={{ padding: 0 }}>
                    <Tooltip
                      label={
                        here.length
                          ? here.map((r) => r.title).join('; ')
                          : `likelihood ${l} × impact ${i} = ${l * i}`
                      }
                    >
                      <div
                        style={{
                          width: 40,
                          height: 32,
                          borderRadius: 4,
                          display: 'flex',
                          alignItems: 'center',
                          justifyContent: 'center',
                          fontWeight: 700,
                          fontSize: 13,
                          background: `var(--mantine-color-${color}-${here.length ? 4 : 1})`,
                          color: here.length ? 'var(--mantine-color-dark-9)' : 'transparent',
                        }}
                        data-count={here.length}
                      >
                        {here.length || '·'}
                      </div>
                    </Tooltip>
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <td />
            {[1, 2, 3, 4, 5].map((i) => (
              <th
                key={i}
                scope="col"
                style={{ fontSize: 11, fontWeight: 500, color: 'var(--mantine-color-dimmed)' }}
              >
                {i}
              </th>
            ))}
          </tr>
        </tbody>
      </table>
      <Text fz="xs" c="dimmed" mt={4}>
        Rows: likelihood (5 = almost certain). Columns: impact (5 = severe).
      </Text>
    </div>
  );
}
