/**
 * Stage & gates: where the partnership is in its lifecycle (exploring → pilot
 * → scaling → evolving), the gate into the next stage with every criterion
 * met or not and the evidence, ticking checklist items off, moving on (or
 * overriding with a written rationale), and the stage history.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Menu,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  ThemeIcon,
  Timeline,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconArrowRight,
  IconCheck,
  IconChevronDown,
  IconCircleCheck,
  IconCircleDashed,
  IconFlag,
  IconPencil,
  IconX,
} from '@tabler/icons-react';
import { PARTNERSHIP_STAGES, type PartnershipStage, type pilot } from '@valueweb/core';
import { useState } from 'react';
import { formErrors } from '../api/errors.ts';
import { useInvalidatePartnership } from '../api/records-api.ts';
import { StageBadge } from '../components/badges.tsx';
import { FormProblems } from '../components/form-problems.tsx';
import { ErrorAlert, PageLoader } from '../components/states.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import { plural } from '../lib/format.ts';
import type { PartnershipTabProps } from '../partnership/tabs.ts';
import { GateEditorDrawer } from './gate-editor.tsx';
import {
  pilotApi,
  STAGE_LABELS,
  STAGE_MEANING,
  useMayWork,
  useStageStatus,
  type GateItem,
  type GateResult,
  type StageStatus,
} from './pilot-api.ts';
import { Tone } from './tone.tsx';

const LIFECYCLE: PartnershipStage[] = ['exploring', 'pilot', 'scaling', 'evolving'];
const KIND_LABEL: Record<GateItem['kind'], string> = {
  checklist: 'Checklist',
  threshold: 'Thresholds on the partnership’s data',
  'kpi-target': 'KPI targets',
  transition: 'The move',
};

export default function StageTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const status = useStageStatus(ecosystemId, partnership.id);
  const mayWork = useMayWork(partnership);
  const names = useActorNames(ecosystemId);
  const [moving, setMoving] = useState<PartnershipStage | null>(null);
  const [ticking, setTicking] = useState<{ to: pilot.GatedStage; item: string; criterion: string } | null>(
    null,
  );
  const [editing, setEditing] = useState<pilot.GatedStage | null>(null);
  const invalidate = useInvalidatePartnership();

  if (status.isPending) return <PageLoader label="Evaluating the gate…" />;
  if (status.isError) return <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />;
  const s = status.data;
  const untick = (to: pilot.GatedStage, item: string) =>
    pilotApi
      .untick(ecosystemId, partnership.id, to, item)
      .then(() => invalidate(ecosystemId, partnership.id))
      .then(() => notifications.show({ color: 'blue', message: 'The tick was taken off.' }))
      .catch((e: unknown) =>
        notifications.show({
          color: 'red',
          title: 'Not changed',
          message: e instanceof Error ? e.message : String(e),
        }),
      );

  return (
    <Stack gap="lg" data-testid="stage-tab">
      <Lifecycle stage={s.stage} />
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="lg">
        <div style={{ gridColumn: 'span 2' }}>
          {s.next && s.gate ? (
            <GatePanel
              status={s}
              gate={s.gate}
              mayWork={mayWork}
              names={names}
              onTick={(item, criterion) => setTicking({ to: s.next!, item, criterion })}
              onUntick={(item) => void untick(s.next!, item)}
              onMove={(to) => setMoving(to)}
              onEdit={() => setEditing(s.next)}
            />
          ) : (
            <Card data-testid="gate-panel">
              <Title order={3} fz="lg" mb="xs">
                {s.stage === 'dissolved' ? 'The partnership is dissolved' : 'The last stage of the lifecycle'}
              </Title>
              <Text fz="sm" c="dimmed" mb="md">
                {s.stage === 'dissolved'
                  ? 'Reviving it needs an override with a written rationale.'
                  : 'Evolving has no gate after it: the partnership keeps monitoring, evaluating and adapting. It can still be dissolved.'}
              </Text>
              {mayWork && <OtherMoves status={s} onMove={setMoving} />}
            </Card>
          )}
        </div>
        <HistoryCard history={s.history} names={names} />
      </SimpleGrid>
      <AllGates status={s} mayWork={mayWork} onEdit={setEditing} />

      <MoveModal
        key={moving ?? 'none'}
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        status={s}
        to={moving}
        onClose={() => setMoving(null)}
      />
      <TickModal
        key={ticking?.item ?? 'none'}
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        target={ticking}
        onClose={() => setTicking(null)}
      />
      <GateEditorDrawer
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        gate={editing ? (s.gates.find((g) => g.to === editing) ?? null) : null}
        onClose={() => setEditing(null)}
      />
    </Stack>
  );
}

function Lifecycle({ stage }: { stage: PartnershipStage }) {
  const at = LIFECYCLE.indexOf(stage);
  return (
    <Card padding="md" data-testid="lifecycle">
      <Group gap="xs" wrap="wrap" align="stretch">
        {LIFECYCLE.map((st, i) => {
          const current = st === stage;
          const done = at > i;
          return (
            <Group key={st} gap="xs" wrap="nowrap" style={{ flex: '1 1 180px' }}>
              <Stack
                gap={2}
                p="sm"
                style={{
                  flex: 1,
                  borderRadius: 'var(--mantine-radius-md)',
                  border: `1px solid ${current ? 'var(--mantine-color-brand-6)' : 'var(--vw-border)'}`,
                  background: current ? 'var(--mantine-color-brand-0)' : undefined,
                }}
                aria-current={current ? 'step' : undefined}
              >
                <Group gap={6} wrap="nowrap">
                  <ThemeIcon
                    size={20}
                    radius="xl"
                    color={done ? 'teal' : current ? 'brand' : 'gray'}
                    variant={current || done ? 'filled' : 'light'}
                  >
                    {done ? (
                      <IconCheck size={12} />
                    ) : (
                      <Text fz={11} fw={700}>
                        {i + 1}
                      </Text>
                    )}
                  </ThemeIcon>
                  <Text fw={650} fz="sm">
                    {STAGE_LABELS[st]}
                  </Text>
                  {current && (
                    <Badge size="xs" color="brand" variant="filled">
                      now
                    </Badge>
                  )}
                </Group>
                <Text fz="xs" c="dimmed" lh={1.35}>
                  {STAGE_MEANING[st]}
                </Text>
              </Stack>
              {i < LIFECYCLE.length - 1 && (
                <IconArrowRight
                  size={16}
                  color="var(--mantine-color-gray-5)"
                  aria-hidden
                  style={{ flex: 'none' }}
                />
              )}
            </Group>
          );
        })}
      </Group>
      {stage === 'dissolved' && (
        <Alert mt="sm" color="red" variant="light" icon={<IconFlag size={16} />}>
          {STAGE_MEANING.dissolved}
        </Alert>
      )}
    </Card>
  );
}

function GatePanel(props: {
  status: StageStatus;
  gate: GateResult;
  mayWork: boolean;
  names: Record<string, string>;
  onTick: (item: string, criterion: string) => void;
  onUntick: (item: string) => void;
  onMove: (to: PartnershipStage) => void;
  onEdit: () => void;
}) {
  const { gate, status } = props;
  const met = gate.items.filter((i) => i.met).length;
  const view = status.gates.find((g) => g.to === gate.to);
  const groups = (['transition', 'checklist', 'threshold', 'kpi-target'] as const)
    .map((k) => ({ kind: k, items: gate.items.filter((i) => i.kind === k) }))
    .filter((g) => g.items.length > 0);
  return (
    <Card data-testid="gate-panel">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap" gap="sm">
        <div>
          <Title order={3} fz="lg">
            Gate into {STAGE_LABELS[gate.to]}
          </Title>
          <Text fz="sm" c="dimmed">
            {met} of {plural(gate.items.length, 'criterion', 'criteria')} met, evaluated on {status.today}
            {view &&
            (view.customized.checklist || view.customized.thresholds.length > 0 || view.customized.kpiTargets)
              ? ' · edited for this partnership'
              : ' · default criteria'}
          </Text>
        </div>
        {props.mayWork && (
          <Group gap="xs">
            <Button
              variant="default"
              size="sm"
              leftSection={<IconPencil size={16} />}
              onClick={props.onEdit}
              data-testid="gate-edit"
            >
              Edit gate
            </Button>
            {gate.pass ? (
              <Button
                size="sm"
                color="teal.9"
                rightSection={<IconArrowRight size={16} />}
                onClick={() => props.onMove(gate.to)}
                data-testid="stage-move"
              >
                Move to {STAGE_LABELS[gate.to]}
              </Button>
            ) : (
              <Button
                size="sm"
                color="orange"
                variant="light"
                styles={{ label: { color: '#9a3412' } }}
                onClick={() => props.onMove(gate.to)}
                data-testid="stage-override"
              >
                Override and move…
              </Button>
            )}
            <OtherMoves status={status} onMove={props.onMove} compact />
          </Group>
        )}
      </Group>
      <Alert
        color={gate.pass ? 'teal' : 'yellow'}
        variant="light"
        icon={gate.pass ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
        mb="md"
        data-testid="gate-summary"
      >
        <Text fz="sm">{gate.summary}</Text>
      </Alert>
      <Stack gap="md">
        {groups.map((g) => (
          <div key={g.kind}>
            <Text fz="xs" tt="uppercase" fw={600} c="dimmed" mb={6} style={{ letterSpacing: '0.04em' }}>
              {KIND_LABEL[g.kind]}
            </Text>
            <Stack gap={6}>
              {g.items.map((i) => (
                <CriterionRow
                  key={i.id}
                  item={i}
                  tick={view?.checklist.find((c) => c.id === i.id)?.met}
                  names={props.names}
                  mayWork={props.mayWork}
                  onTick={() => props.onTick(i.id, i.criterion)}
                  onUntick={() => props.onUntick(i.id)}
                />
              ))}
            </Stack>
          </div>
        ))}
      </Stack>
    </Card>
  );
}

function CriterionRow(props: {
  item: GateItem;
  tick: pilot.CheckedItem | undefined;
  names: Record<string, string>;
  mayWork: boolean;
  onTick: () => void;
  onUntick: () => void;
}) {
  const { item } = props;
  const evidence =
    props.tick && props.tick.by
      ? item.evidence.replace(`by ${props.tick.by}`, `by ${props.names[props.tick.by] ?? props.tick.by}`)
      : item.evidence;
  return (
    <Group
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      p="xs"
      style={{ borderRadius: 'var(--mantine-radius-sm)', border: '1px solid var(--vw-border)' }}
      data-testid={`criterion-${item.id}`}
      data-met={item.met}
    >
      <ThemeIcon
        size={24}
        radius="xl"
        color={item.met ? 'teal' : 'red'}
        variant="light"
        style={{ flex: 'none' }}
        role="img"
        aria-label={item.met ? 'Met' : 'Not met'}
      >
        {item.met ? <IconCheck size={15} /> : <IconX size={15} />}
      </ThemeIcon>
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text fz="sm" fw={500}>
          {item.criterion}
        </Text>
        <Text fz="xs" c="dimmed">
          {evidence}
        </Text>
      </Stack>
      {item.kind === 'checklist' && props.mayWork && (
        <Group gap={4} style={{ flex: 'none' }}>
          {item.met ? (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={props.onUntick}>
              Undo
            </Button>
          ) : null}
          <Button
            size="compact-xs"
            variant={item.met ? 'subtle' : 'light'}
            onClick={props.onTick}
            data-testid={`tick-${item.id}`}
          >
            {item.met ? 'Change evidence' : 'Mark met'}
          </Button>
        </Group>
      )}
    </Group>
  );
}

function OtherMoves(props: {
  status: StageStatus;
  onMove: (to: PartnershipStage) => void;
  compact?: boolean;
}) {
  const others = props.status.moves.filter((m) => m.to !== props.status.next);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="sm"
          variant={props.compact ? 'subtle' : 'default'}
          rightSection={<IconChevronDown size={14} />}
        >
          {props.compact ? 'Other moves' : 'Change stage'}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Move to another stage</Menu.Label>
        {others.map((m) => (
          <Menu.Item
            key={m.to}
            onClick={() => props.onMove(m.to)}
            color={m.to === 'dissolved' ? 'red' : undefined}
          >
            {STAGE_LABELS[m.to]}
            <Text span fz="xs" c="dimmed">
              {m.pass ? ' · no gate' : ' · needs an override'}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function HistoryCard({ history, names }: { history: pilot.StageChange[]; names: Record<string, string> }) {
  return (
    <Card data-testid="stage-history">
      <Title order={3} fz="lg" mb="md">
        Stage history
      </Title>
      {history.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No stage moves recorded yet. Each move is logged here, with the rationale of any override.
        </Text>
      ) : (
        <Timeline active={history.length - 1} bulletSize={22} lineWidth={2}>
          {[...history].reverse().map((h, i) => (
            <Timeline.Item
              key={`${h.at}-${i}`}
              bullet={h.override ? <IconAlertTriangle size={12} /> : <IconCheck size={12} />}
              color={h.override ? 'orange' : 'teal'}
              title={
                <Group gap={6}>
                  <StageBadge stage={h.from} />
                  <IconArrowRight size={12} aria-hidden />
                  <StageBadge stage={h.to} />
                </Group>
              }
            >
              <Text fz="xs" c="dimmed" mt={4}>
                {h.at}
                {h.by ? ` · by ${names[h.by] ?? h.by}` : ''}
                {h.override ? ' · override' : ' · gate passed'}
              </Text>
              {h.override && (
                <Stack gap={4} mt={6}>
                  <Text fz="sm">“{h.override.rationale}”</Text>
                  {h.override.unmet && h.override.unmet.length > 0 && (
                    <Tooltip multiline w={360} label={h.override.unmet.join('\n')}>
                      <Text fz="xs" c="#9a3412" style={{ cursor: 'help' }} tabIndex={0}>
                        {plural(h.override.unmet.length, 'criterion', 'criteria')} not met at the time
                      </Text>
                    </Tooltip>
                  )}
                </Stack>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Card>
  );
}

function AllGates(props: { status: StageStatus; mayWork: boolean; onEdit: (to: pilot.GatedStage) => void }) {
  return (
    <Card data-testid="all-gates">
      <Title order={3} fz="lg" mb={4}>
        Every gate of this partnership
      </Title>
      <Text fz="sm" c="dimmed" mb="md">
        Each gate is a checklist plus thresholds on the partnership’s own data. The defaults follow the
        pattern’s steps; edit them for this partnership. “Today” shows whether the gate would pass now, as if
        the partnership were in the stage before it.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {props.status.gates.map((g) => {
          const unmet = g.preview.items.filter((i) => !i.met).length;
          return (
            <Stack
              key={g.to}
              gap="xs"
              p="md"
              style={{ border: '1px solid var(--vw-border)', borderRadius: 'var(--mantine-radius-md)' }}
              data-testid={`gate-${g.to}`}
            >
              <Group justify="space-between" wrap="nowrap">
                <Text fw={650}>Into {STAGE_LABELS[g.to]}</Text>
                <Tone color={g.preview.pass ? 'teal' : 'gray'}>
                  {g.preview.pass ? 'would pass today' : `${unmet} unmet today`}
                </Tone>
              </Group>
              <List
                size="sm"
                spacing={4}
                icon={<IconCircleDashed size={14} color="var(--mantine-color-gray-6)" />}
              >
                {g.checklist.map((c) => (
                  <List.Item
                    key={c.id}
                    icon={
                      c.met ? <IconCircleCheck size={14} color="var(--mantine-color-teal-7)" /> : undefined
                    }
                  >
                    <Text fz="xs">{c.criterion}</Text>
                  </List.Item>
                ))}
                {g.preview.items
                  .filter((i) => i.kind === 'threshold' || i.kind === 'kpi-target')
                  .map((i) => (
                    <List.Item key={i.id}>
                      <Text fz="xs" c="dimmed">
                        {i.criterion}
                      </Text>
                    </List.Item>
                  ))}
              </List>
              <Group justify="space-between" mt="auto">
                <Text fz="xs" c="dimmed">
                  {g.customized.checklist || g.customized.thresholds.length || g.customized.kpiTargets
                    ? 'Edited for this partnership'
                    : 'Default criteria'}
                </Text>
                {props.mayWork && (
                  <Button size="compact-xs" variant="subtle" onClick={() => props.onEdit(g.to)}>
                    Edit
                  </Button>
                )}
              </Group>
            </Stack>
          );
        })}
      </SimpleGrid>
    </Card>
  );
}

function MoveModal(props: {
  ecosystemId: string;
  partnershipId: string;
  status: StageStatus;
  to: PartnershipStage | null;
  onClose: () => void;
}) {
  const [to, setTo] = useState<PartnershipStage | null>(props.to);
  const [rationale, setRationale] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidatePartnership();
  const move = props.status.moves.find((m) => m.to === to);
  const gate = to === props.status.next ? props.status.gate : null;
  const needsOverride = move ? !move.pass : false;
  const unmet = gate?.items.filter((i) => !i.met) ?? [];
  const { fields, other } = formErrors(error, ['override.rationale', 'to']);
  const submit = () => {
    if (!to) return;
    setBusy(true);
    setError(null);
    pilotApi
      .move(props.ecosystemId, props.partnershipId, to, needsOverride ? rationale : undefined)
      .then(async (r) => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notifications.show({
          color: 'teal',
          message: `The partnership is now in stage “${STAGE_LABELS[r.stage]}”${r.entry.override ? ' (override logged)' : ''}.`,
        });
        props.onClose();
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Modal
      opened={props.to !== null}
      onClose={props.onClose}
      title={<Text fw={650}>Change the stage</Text>}
      size="lg"
    >
      <Stack>
        <FormProblems error={error} other={other} />
        <Select
          label="Move to"
          data={PARTNERSHIP_STAGES.filter((s) => s !== props.status.stage).map((s) => ({
            value: s,
            label: STAGE_LABELS[s],
          }))}
          value={to}
          onChange={(v) => setTo(v ?? null)}
          allowDeselect={false}
          error={fields.to}
          comboboxProps={{ withinPortal: true }}
        />
        {move && (
          <Alert
            color={needsOverride ? 'orange' : 'teal'}
            variant="light"
            icon={needsOverride ? <IconAlertTriangle size={18} /> : <IconCircleCheck size={18} />}
          >
            <Text fz="sm">{move.summary}</Text>
            {unmet.length > 0 && (
              <List size="xs" mt="xs" spacing={2}>
                {unmet.map((i) => (
                  <List.Item key={i.id}>
                    {i.criterion} — {i.evidence}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        {needsOverride && (
          <Textarea
            label="Why move on anyway? (written rationale)"
            description="An override is logged in the stage history with the criteria not met, and in the audit log. Say what makes this the right call."
            value={rationale}
            onChange={(e) => setRationale(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={5000}
            required
            error={fields['override.rationale']}
            data-testid="override-rationale"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            onClick={submit}
            loading={busy}
            disabled={!to || (needsOverride && !rationale.trim())}
            color={needsOverride ? 'red.9' : to === 'dissolved' ? 'red.9' : 'teal.9'}
            data-testid="stage-move-confirm"
          >
            {needsOverride
              ? 'Override and move'
              : to === 'dissolved'
                ? 'Dissolve the partnership'
                : `Move to ${to ? STAGE_LABELS[to] : '…'}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function TickModal(props: {
  ecosystemId: string;
  partnershipId: string;
  target: { to: pilot.GatedStage; item: string; criterion: string } | null;
  onClose: () => void;
}) {
  const [evidence, setEvidence] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidatePartnership();
  const { fields, other } = formErrors(error, ['evidence']);
  const t = props.target;
  const submit = () => {
    if (!t) return;
    if (!evidence.trim()) {
      setError(new Error('Say what shows the criterion is met.'));
      return;
    }
    setBusy(true);
    setError(null);
    pilotApi
      .tick(props.ecosystemId, props.partnershipId, t.to, t.item, evidence)
      .then(async () => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notifications.show({ color: 'teal', message: 'Marked met, with its evidence.' });
        props.onClose();
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Modal
      opened={t !== null}
      onClose={props.onClose}
      title={<Text fw={650}>Mark a criterion met</Text>}
      size="lg"
    >
      <Stack>
        <Text fz="sm">{t?.criterion}</Text>
        <FormProblems error={error} other={other} />
        <Textarea
          label="Evidence"
          description="What shows it is met: a signed document, a decision of the board, a result. It is kept with the tick, with your organization and today’s date."
          value={evidence}
          onChange={(e) => setEvidence(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={2000}
          required
          data-autofocus
          error={fields.evidence}
          data-testid="tick-evidence"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={busy} data-testid="tick-confirm">
            Mark met
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
