/**
 * Ledger & fairness: every contribution and benefit recorded for the
 * partnership (append-only: a correction is a reversing entry), the "chain
 * verified" badge from recomputing the hash chain, and the balance — what each
 * member put in and took out in a period, the benefit/contribution ratio, the
 * Gini imbalance and the members far below the others.
 */
import { BarChart } from '@mantine/charts';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  Menu,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowBackUp,
  IconDots,
  IconPlus,
  IconReceipt,
  IconShieldCheck,
  IconShieldX,
} from '@tabler/icons-react';
import { LEDGER_KINDS, LEDGER_TYPES, VISIBILITIES, type LedgerEntry } from '@valueweb/core';
import { useState, type FormEvent } from 'react';
import { formErrors } from '../api/errors.ts';
import {
  recordsApi,
  useInvalidatePartnership,
  useLedger,
  useLedgerVerification,
  type LedgerItem,
} from '../api/records-api.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { Empty, ErrorAlert, TableSkeleton } from '../components/states.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import { humanize, slugify } from '../lib/format.ts';
import type { PartnershipTabProps } from '../partnership/tabs.ts';
import { money, nameOf, num, pct, useFairness, usePartnershipRole } from '../govern/govern-api.ts';
import { Explanation, notify, TableWrap } from '../govern/ui.tsx';

const today = () => new Date().toISOString().slice(0, 10);
/** A ledger type as people write it: "ip" → "IP", "staff-time" → "Staff time". */
const typeLabel = (t: string) => (t === 'ip' ? 'IP' : humanize(t));

export default function LedgerTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const names = useActorNames(ecosystemId);
  const role = usePartnershipRole(partnership);
  const ledger = useLedger(ecosystemId, partnership.id);
  const [recording, setRecording] = useState(false);
  const [reversing, setReversing] = useState<LedgerItem | null>(null);
  return (
    <Stack gap="lg" data-testid="ledger-tab">
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <div>
          <Title order={2} fz="xl">
            Contributions and benefits
          </Title>
          <Text fz="sm" c="dimmed">
            What each member put in and took out, valued in a currency. Entries are never edited: a correction
            is a reversing entry.
          </Text>
        </div>
        <Group gap="sm">
          <ChainBadge ecosystemId={ecosystemId} partnershipId={partnership.id} />
          {role.work && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setRecording(true)}
              data-testid="ledger-record"
            >
              Record an entry
            </Button>
          )}
        </Group>
      </Group>
      <FairnessCard ecosystemId={ecosystemId} partnershipId={partnership.id} names={names} />
      <Card data-testid="ledger-entries">
        <Title order={3} fz="lg" mb="xs">
          Ledger
        </Title>
        {ledger.isPending ? (
          <TableSkeleton columns={6} />
        ) : ledger.isError ? (
          <ErrorAlert
            error={ledger.error}
            title="Could not load the ledger"
            onRetry={() => void ledger.refetch()}
          />
        ) : ledger.data.length === 0 ? (
          <Empty
            icon={<IconReceipt size={28} />}
            title="No entries yet"
            description="Record cash, in-kind support, IP, staff time, data or market access that members contribute, and the benefits they receive."
          />
        ) : (
          <LedgerTable items={ledger.data} names={names} role={role} onReverse={setReversing} />
        )}
      </Card>
      <EntryDrawer
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        opened={recording}
        onClose={() => setRecording(false)}
        names={names}
        members={partnership.members.map((m) => m.actor)}
        role={role}
        takenIds={(ledger.data ?? []).map((i) => i.entry.id)}
      />
      <ReverseModal
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        item={reversing}
        names={names}
        takenIds={(ledger.data ?? []).map((i) => i.entry.id)}
        onClose={() => setReversing(null)}
      />
    </Stack>
  );
}

function ChainBadge(props: { ecosystemId: string; partnershipId: string }) {
  const v = useLedgerVerification(props.ecosystemId, props.partnershipId);
  if (v.isPending)
    return (
      <Badge size="lg" color="gray" variant="light" tt="none" data-testid="chain-badge">
        Verifying the chain…
      </Badge>
    );
  if (v.isError)
    return (
      <Badge size="lg" color="red.9" variant="light" tt="none" data-testid="chain-badge">
        Could not verify the chain
      </Badge>
    );
  const r = v.data;
  return r.ok ? (
    <Tooltip
      label={`Every entry's SHA-256 hash was recomputed and matches; the chain head is ${r.head.slice(0, 16)}…`}
      multiline
      w={280}
    >
      <Badge
        size="lg"
        color="teal.9"
        variant="filled"
        tt="none"
        leftSection={<IconShieldCheck size={14} />}
        data-testid="chain-badge"
        data-ok="true"
      >
        Chain verified · {r.entries} entries
      </Badge>
    </Tooltip>
  ) : (
    <Tooltip label={r.firstBroken?.message ?? ''} multiline w={320}>
      <Badge
        size="lg"
        color="red.9"
        variant="filled"
        tt="none"
        leftSection={<IconShieldX size={14} />}
        data-testid="chain-badge"
        data-ok="false"
      >
        Chain broken at entry {r.firstBroken?.id} (#{r.firstBroken?.seq})
      </Badge>
    </Tooltip>
  );
}

function LedgerTable(props: {
  items: LedgerItem[];
  names: Record<string, string>;
  role: ReturnType<typeof usePartnershipRole>;
  onReverse: (i: LedgerItem) => void;
}) {
  const reversedBy = new Map(
    props.items.flatMap((i) => (i.entry.reverses ? [[i.entry.reverses, i.entry.id] as const] : [])),
  );
  return (
    <TableWrap label="Ledger entries">
      <Table fz="sm" data-testid="ledger-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>#</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Member</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th visibleFrom="md">What</Table.Th>
            <Table.Th ta="right">Value</Table.Th>
            <Table.Th visibleFrom="lg">Evidence</Table.Th>
            <Table.Th w={52} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...props.items].reverse().map((i) => {
            const e = i.entry;
            const cancelled = reversedBy.get(e.id);
            const mayReverse =
              !e.reverses &&
              !cancelled &&
              (props.role.orchestrator || (props.role.work && e.actor === props.role.actorId));
            return (
              <Table.Tr
                key={i.seq}
                data-testid="ledger-row"
                style={cancelled || e.reverses ? { color: 'var(--mantine-color-dimmed)' } : undefined}
              >
                <Table.Td>
                  <Tooltip label={`hash ${i.hash.slice(0, 16)}…, after ${i.prevHash.slice(0, 12)}…`}>
                    <Text fz="xs" c="dimmed">
                      {i.seq}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.date}</Table.Td>
                <Table.Td>{nameOf(props.names, e.actor)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Group gap={4} wrap="nowrap">
                    <Badge
                      color={e.kind === 'contribution' ? 'brand' : 'teal'}
                      variant="dot"
                      tt="none"
                      style={{ minWidth: 'max-content' }}
                    >
                      {e.kind}
                    </Badge>
                    {e.visibility === 'private' && (
                      <Badge
                        color="grape.9"
                        variant="outline"
                        size="xs"
                        tt="none"
                        style={{ minWidth: 'max-content', flex: 'none' }}
                      >
                        private
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td visibleFrom="md">
                  <Text fz="sm">
                    {typeLabel(e.type)}
                    {e.quantity !== undefined ? ` · ${num(e.quantity)} ${e.unit ?? ''}` : ''}
                  </Text>
                  {e.description && (
                    <Text fz="xs" c="dimmed">
                      {e.description}
                    </Text>
                  )}
                  {e.reverses && (
                    <Text fz="xs" c="brand.8">
                      reverses {e.reverses}
                    </Text>
                  )}
                  {cancelled && (
                    <Text fz="xs" c="brand.8">
                      reversed by {cancelled}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td
                  ta="right"
                  style={{
                    whiteSpace: 'nowrap',
                    ...(cancelled || e.reverses ? { textDecoration: 'line-through' } : {}),
                  }}
                >
                  {money(e.value, e.currency)}
                </Table.Td>
                <Table.Td visibleFrom="lg">
                  <Text fz="xs">{e.evidence ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  {mayReverse && (
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for entry ${e.id}`}>
                          <IconDots size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item
                          leftSection={<IconArrowBackUp size={14} />}
                          onClick={() => props.onReverse(i)}
                        >
                          Reverse this entry
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableWrap>
  );
}

function FairnessCard(props: { ecosystemId: string; partnershipId: string; names: Record<string, string> }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [currency, setCurrency] = useState<string | null>(null);
  const q = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(currency ? { currency } : {}) };
  const f = useFairness(props.ecosystemId, props.partnershipId, q);
  if (f.isPending)
    return (
      <Card>
        <TableSkeleton columns={5} rows={4} />
      </Card>
    );
  if (f.isError)
    return <ErrorAlert error={f.error} title="Could not assess fairness" onRetry={() => void f.refetch()} />;
  const a = f.data;
  const names = { ...props.names, ...a.names };
  const cur = a.period.currency;
  const chart = a.fairness.members.map((m) => ({
    member: nameOf(names, m.actorId),
    contributed: m.contributed,
    received: m.received,
  }));
  return (
    <Card data-testid="fairness">
      <Group justify="space-between" align="flex-end" wrap="wrap" mb="sm">
        <div>
          <Title order={3} fz="lg">
            Balance and fairness
          </Title>
          <Text fz="sm" c="dimmed">
            Benefit received per unit contributed, per member{cur ? `, in ${cur}` : ''}. Members far below the
            others risk leaving.
          </Text>
        </div>
        <Group gap="xs" align="flex-end">
          <TextInput
            type="date"
            label="From"
            size="xs"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            w={150}
          />
          <TextInput
            type="date"
            label="To"
            size="xs"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            w={150}
          />
          {a.currencies.length > 1 && (
            <Select
              label="Currency"
              size="xs"
              data={a.currencies}
              value={currency ?? cur}
              onChange={setCurrency}
              w={100}
              allowDeselect={false}
            />
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
        <Stat
          label="Imbalance (Gini of the ratios)"
          value={a.fairness.gini === null ? '—' : num(a.fairness.gini, 3)}
          hint="0 = every member gets the same return"
          testId="fairness-gini"
        />
        <Stat
          label="Median benefit per unit contributed"
          value={a.fairness.medianRatio === null ? '—' : num(a.fairness.medianRatio)}
          hint={`${a.entries.counted} entries counted`}
        />
        <Stat
          label="Flagged members"
          value={
            a.fairness.flagged.length === 0
              ? 'none'
              : a.fairness.flagged.map((id) => nameOf(names, id)).join(', ')
          }
          hint="ratio below half the median"
          color={a.fairness.flagged.length ? 'red.9' : undefined}
          testId="fairness-flagged"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <BarChart
          h={Math.max(240, chart.length * 46)}
          data={chart}
          dataKey="member"
          orientation="vertical"
          series={[
            { name: 'contributed', label: 'Contributed', color: 'brand.6' },
            { name: 'received', label: 'Received', color: 'teal.6' },
          ]}
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 30 }}
          yAxisProps={{ width: 150 }}
          valueFormatter={(x) => money(x, cur)}
          role="img"
          aria-label="Bar chart of what each member contributed and received"
        />
        <TableWrap label="Fairness by member">
          <Table fz="sm" data-testid="fairness-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Member</Table.Th>
                <Table.Th ta="right">Contributed</Table.Th>
                <Table.Th ta="right">Received</Table.Th>
                <Table.Th ta="right">Ratio</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.fairness.members.map((m) => (
                <Table.Tr key={m.actorId} bg={m.flagged ? 'red.0' : undefined} data-testid="fairness-row">
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text fz="sm">{nameOf(names, m.actorId)}</Text>
                      {m.flagged && (
                        <Badge
                          color="red.9"
                          variant="filled"
                          size="xs"
                          tt="none"
                          style={{ minWidth: 'max-content', flex: 'none' }}
                        >
                          flagged
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {num(m.contributed, 0)}{' '}
                    <Text span fz="xs" c="dimmed">
                      ({pct(m.contributionShare)})
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {num(m.received, 0)}{' '}
                    <Text span fz="xs" c="dimmed">
                      ({pct(m.benefitShare)})
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Tooltip label={m.explanation.join('; ')} multiline w={320}>
                      <Text fz="sm" fw={600} c={m.flagged ? 'red.9' : undefined}>
                        {m.ratio === null ? 'n/a' : num(m.ratio)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableWrap>
      </SimpleGrid>
      <Explanation lines={a.explanation} names={names} />
    </Card>
  );
}

function Stat(props: { label: string; value: string; hint?: string; color?: string; testId?: string }) {
  return (
    <div data-testid={props.testId}>
      <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
        {props.label}
      </Text>
      <Text fz="lg" fw={700} c={props.color}>
        {props.value}
      </Text>
      {props.hint && (
        <Text fz="xs" c="dimmed">
          {props.hint}
        </Text>
      )}
    </div>
  );
}

const ENTRY_FIELDS = [
  'id',
  'kind',
  'actor',
  'type',
  'quantity',
  'unit',
  'value',
  'currency',
  'date',
  'description',
  'evidence',
  'visibility',
  'reverses',
] as const;

function EntryDrawer(props: {
  ecosystemId: string;
  partnershipId: string;
  opened: boolean;
  onClose: () => void;
  names: Record<string, string>;
  members: string[];
  role: ReturnType<typeof usePartnershipRole>;
  takenIds: string[];
}) {
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          Record a ledger entry
        </Text>
      }
    >
      {props.opened && <EntryForm {...props} />}
    </Drawer>
  );
}

function EntryForm(props: Parameters<typeof EntryDrawer>[0]) {
  const own = !props.role.orchestrator ? props.role.actorId : null;
  const [kind, setKind] = useState<string>('contribution');
  const [actor, setActor] = useState<string | null>(own ?? props.members[0] ?? null);
  const [type, setType] = useState<string | null>('cash');
  const [quantity, setQuantity] = useState<number | string>('');
  const [unit, setUnit] = useState('');
  const [value, setValue] = useState<number | string>('');
  const [currency, setCurrency] = useState('EUR');
  const [date, setDate] = useState(today());
  const [description, setDescription] = useState('');
  const [evidence, setEvidence] = useState('');
  const [visibility, setVisibility] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const invalidate = useInvalidatePartnership();
  const { fields, other } = formErrors(error, ENTRY_FIELDS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, string> = {};
    if (!actor) need.actor = 'Choose the member.';
    if (value === '') need.value = 'Give the agreed valuation.';
    setMissing(need);
    if (Object.keys(need).length) return;
    const stem = slugify(`${actor ?? ''}-${type ?? ''}-${date}`) || 'entry';
    let id = stem;
    for (let k = 2; props.takenIds.includes(id); k++) id = `${stem}-${k}`;
    const entry = {
      id,
      kind,
      actor,
      type,
      value: Number(value),
      currency: currency.trim().toUpperCase(),
      date,
      ...(quantity !== '' ? { quantity: Number(quantity) } : {}),
      ...(unit.trim() ? { unit: unit.trim() } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
      ...(visibility ? { visibility } : {}),
    };
    setBusy(true);
    setError(null);
    recordsApi
      .appendLedger(props.ecosystemId, props.partnershipId, entry)
      .then(async (saved) => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notify({ color: 'teal', message: `Entry #${saved.seq} recorded and chained.` });
        props.onClose();
      })
      .catch((x: unknown) => setError(x))
      .finally(() => setBusy(false));
  };
  const memberOptions = (own ? [own] : props.members).map((m) => ({
    value: m,
    label: nameOf(props.names, m),
  }));
  return (
    <form onSubmit={submit} noValidate data-testid="ledger-form">
      <Stack gap="md">
        <FormProblems
          error={error}
          other={[...other, ...(fields.id ? [fields.id] : []), ...(fields.reverses ? [fields.reverses] : [])]}
          what="entry"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Kind"
            data={LEDGER_KINDS.map((k) => ({ value: k, label: humanize(k) }))}
            value={kind}
            onChange={(x) => setKind(x ?? 'contribution')}
            allowDeselect={false}
            error={fields.kind}
          />
          <Select
            label="Member"
            description={own ? 'You record your own organization’s entries.' : undefined}
            data={memberOptions}
            value={actor}
            onChange={setActor}
            disabled={Boolean(own)}
            error={missing.actor ?? fields.actor}
            required
          />
          <Select
            label="Type"
            data={LEDGER_TYPES.map((k) => ({ value: k, label: typeLabel(k) }))}
            value={type}
            onChange={setType}
            allowDeselect={false}
            error={fields.type}
          />
          <TextInput
            type="date"
            label="Date"
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={fields.date}
            required
          />
          <NumberInput
            label="Value"
            description="The agreed valuation."
            value={value}
            onChange={setValue}
            min={0}
            thousandSeparator=","
            error={missing.value ?? fields.value}
            required
            data-testid="ledger-value"
          />
          <TextInput
            label="Currency"
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value)}
            maxLength={3}
            error={fields.currency}
            required
          />
          <NumberInput
            label="Quantity"
            value={quantity}
            onChange={setQuantity}
            min={0}
            error={fields.quantity}
          />
          <TextInput
            label="Unit"
            placeholder="staff days, genomes, slots…"
            value={unit}
            onChange={(e) => setUnit(e.currentTarget.value)}
            error={fields.unit}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fields.description}
        />
        <TextInput
          label="Evidence"
          description="An invoice number, minutes, a link."
          value={evidence}
          onChange={(e) => setEvidence(e.currentTarget.value)}
          error={fields.evidence}
        />
        <Select
          label="Who may see it"
          data={VISIBILITIES.map((x) => ({
            value: x,
            label:
              x === 'private'
                ? 'Private: your organization and the orchestrators'
                : x === 'partnership'
                  ? "The partnership's members"
                  : 'Everyone in the ecosystem',
          }))}
          value={visibility}
          onChange={setVisibility}
          placeholder="The partnership's members (default)"
          clearable
          error={fields.visibility}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="ledger-save">
            Record
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReverseModal(props: {
  ecosystemId: string;
  partnershipId: string;
  item: LedgerItem | null;
  names: Record<string, string>;
  takenIds: string[];
  onClose: () => void;
}) {
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidatePartnership();
  const close = () => {
    setError(null);
    setWhy('');
    props.onClose();
  };
  const e: LedgerEntry | undefined = props.item?.entry;
  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={props.item !== null}
      onClose={close}
      title={<Text fw={650}>Reverse entry {e?.id}</Text>}
    >
      {e && (
        <Stack>
          <Text fz="sm">
            A reversing entry cancels {nameOf(props.names, e.actor)}’s {e.kind} of{' '}
            {money(e.value, e.currency)} from {e.date}. The original stays in the ledger, so the history can
            still be checked; record a corrected entry afterwards if needed.
          </Text>
          <Textarea
            label="Why"
            value={why}
            onChange={(x) => setWhy(x.currentTarget.value)}
            autosize
            minRows={2}
            data-testid="reverse-why"
          />
          {error !== null && <ErrorAlert error={error} title="Not reversed" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              loading={busy}
              data-testid="reverse-confirm"
              onClick={() => {
                let id = `${e.id}-reversal`;
                for (let k = 2; props.takenIds.includes(id); k++) id = `${e.id}-reversal-${k}`;
                setBusy(true);
                setError(null);
                recordsApi
                  .appendLedger(props.ecosystemId, props.partnershipId, {
                    id,
                    kind: e.kind,
                    actor: e.actor,
                    type: e.type,
                    value: e.value,
                    currency: e.currency,
                    date: today(),
                    reverses: e.id,
                    ...(why.trim() ? { description: why.trim() } : {}),
                    ...(e.visibility ? { visibility: e.visibility } : {}),
                  })
                  .then(async () => {
                    await invalidate(props.ecosystemId, props.partnershipId);
                    notify({ color: 'teal', message: `Entry ${e.id} is reversed.` });
                    close();
                  })
                  .catch((x: unknown) => setError(x))
                  .finally(() => setBusy(false));
              }}
            >
              Reverse
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
