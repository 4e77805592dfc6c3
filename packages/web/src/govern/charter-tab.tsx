/**
 * Charter: the partnership's rules of the game — purpose and scope, roles
 * (RACI), committees, the decision rule, the value rule and the conflict path —
 * with the version in force, the ratification status of each member, the
 * ratify action for your own organization, amendments (a new version that
 * needs ratifying again) and the earlier versions.
 */
import {
  Accordion,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconArrowRight,
  IconCircleCheck,
  IconClockHour4,
  IconFileCertificate,
  IconPencil,
  IconSignature,
} from '@tabler/icons-react';
import type { Charter, govern } from '@valueweb/core';
import { useState } from 'react';
import { useInvalidatePartnership } from '../api/records-api.ts';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';
import { useActorNames } from '../hooks/use-actor-names.ts';
import { dateTime } from '../lib/format.ts';
import type { PartnershipTabProps } from '../partnership/tabs.ts';
import { CharterFormDrawer } from './charter-form.tsx';
import { governApi, nameOf, ruleSentence, useCharter, type CharterAnswer } from './govern-api.ts';
import { Explanation, notify, TableWrap } from './ui.tsx';

export default function CharterTab({ ecosystemId, partnership }: PartnershipTabProps) {
  const charter = useCharter(ecosystemId, partnership.id);
  const allNames = useActorNames(ecosystemId);
  const [amending, setAmending] = useState(false);
  const [ratifying, setRatifying] = useState(false);
  if (charter.isPending) return <PageLoader label="Opening the charter…" />;
  if (charter.isError)
    return (
      <ErrorAlert
        error={charter.error}
        title="Could not load the charter"
        onRetry={() => void charter.refetch()}
      />
    );
  const c = charter.data;
  const names = { ...allNames, ...c.names };
  const drawer = (
    <CharterFormDrawer
      ecosystemId={ecosystemId}
      partnershipId={partnership.id}
      charter={c}
      names={names}
      opened={amending}
      onClose={() => setAmending(false)}
    />
  );

  if (!c.current) {
    return (
      <Card>
        <Empty
          icon={<IconFileCertificate size={28} />}
          title="No charter yet"
          description="The charter holds the rules of the game: roles, committees, how decisions are taken, how co-created value is split, and the conflict path. Write the first version; each member then ratifies it."
          action={
            c.you.mayAmend && (
              <Button
                leftSection={<IconPencil size={16} />}
                onClick={() => setAmending(true)}
                data-testid="charter-amend"
              >
                Write the charter
              </Button>
            )
          }
        />
        {drawer}
      </Card>
    );
  }
  const current = c.current;
  const s = c.status;
  return (
    <Stack gap="lg" data-testid="charter-tab">
      <StatusCard c={c} names={names} onAmend={() => setAmending(true)} onRatify={() => setRatifying(true)} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <RatificationCard status={s.current!} names={names} you={c.you.actorId} />
        <RulesCard charter={current} names={names} />
      </SimpleGrid>
      {(current.purpose || current.scope) && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Card>
            <Title order={3} fz="lg" mb="xs">
              Purpose
            </Title>
            <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {current.purpose ?? '—'}
            </Text>
          </Card>
          <Card>
            <Title order={3} fz="lg" mb="xs">
              Scope
            </Title>
            <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {current.scope ?? '—'}
            </Text>
          </Card>
        </SimpleGrid>
      )}
      <RolesCard charter={current} names={names} />
      <HistoryCard c={c} names={names} />
      {drawer}
      <RatifyModal
        c={c}
        ecosystemId={ecosystemId}
        partnershipId={partnership.id}
        names={names}
        opened={ratifying}
        onClose={() => setRatifying(false)}
      />
    </Stack>
  );
}

function StatusCard(props: {
  c: CharterAnswer;
  names: Record<string, string>;
  onAmend: () => void;
  onRatify: () => void;
}) {
  const { c } = props;
  const s = c.status;
  const cur = s.current!;
  const inForce = s.inForce;
  const done = cur.members.filter((m) => m.ratified).length;
  const badge = inForce?.current ? (
    <Badge
      color="teal.9"
      variant="filled"
      size="lg"
      leftSection={<IconCircleCheck size={14} />}
      tt="none"
      data-testid="charter-in-force"
    >
      In force since {inForce.since}
    </Badge>
  ) : (
    <Badge
      color="yellow.4"
      variant="filled"
      autoContrast
      size="lg"
      leftSection={<IconClockHour4 size={14} />}
      tt="none"
      data-testid="charter-pending"
    >
      Awaiting ratification: {done} of {cur.members.length}
    </Badge>
  );
  return (
    <Card data-testid="charter-status">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6} style={{ flex: '1 1 360px' }}>
          <Group gap="sm">
            <Title order={2} fz="xl">
              Charter version {cur.version ?? '(unversioned)'}
            </Title>
            {badge}
          </Group>
          <Text fz="sm" c="dimmed">
            {inForce === null
              ? 'No version is in force: a version comes into force once every member organization has ratified it.'
              : inForce.current
                ? `Every member organization has ratified this version; it governs decisions and value sharing.`
                : `Version ${inForce.version} (ratified by every member on ${inForce.since}) stays in force until this version is ratified by all.`}
          </Text>
          <Explanation lines={s.explanation} title="Why this version" />
        </Stack>
        <Group gap="sm">
          {c.you.mayRatify && (
            <Button
              leftSection={<IconSignature size={16} />}
              onClick={props.onRatify}
              data-testid="charter-ratify"
            >
              Ratify version {cur.version}
            </Button>
          )}
          {c.you.mayAmend && (
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={props.onAmend}
              data-testid="charter-amend"
            >
              Amend
            </Button>
          )}
        </Group>
      </Group>
    </Card>
  );
}

function RatificationCard(props: {
  status: govern.VersionStatus;
  names: Record<string, string>;
  you: string | null;
}) {
  return (
    <Card data-testid="ratification-status">
      <Title order={3} fz="lg" mb="xs">
        Ratification by member
      </Title>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Member organization</Table.Th>
            <Table.Th>Version {props.status.version ?? '—'}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.status.members.map((m) => (
            <Table.Tr key={m.actor} data-testid="ratification-row">
              <Table.Td>
                <Text fz="sm" fw={m.actor === props.you ? 650 : undefined}>
                  {nameOf(props.names, m.actor)}
                  {m.actor === props.you ? ' (you)' : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                {m.ratified ? (
                  <Badge color="teal" variant="dot" tt="none" style={{ minWidth: 'max-content' }}>
                    Ratified {m.at}
                  </Badge>
                ) : (
                  <Badge color="orange" variant="dot" tt="none" style={{ minWidth: 'max-content' }}>
                    Not yet ratified
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** The value rule in words. */
function valueSentence(v: Charter['value']): string {
  if (!v) return 'No value rule agreed yet.';
  if (v.rule === 'equal') return 'Co-created value is split equally among the members.';
  if (v.rule === 'proportional')
    return "Co-created value is split in proportion to each member's contributions in the ledger for the period.";
  const g = v.game;
  const parts = [
    g?.coalitions?.length ? `a table of ${g.coalitions.length} coalition values` : '',
    g?.synergies?.length ? `${g.synergies.length} synergy rule${g.synergies.length > 1 ? 's' : ''}` : '',
    g?.capabilities?.length
      ? `${g.capabilities.length} capabilit${g.capabilities.length > 1 ? 'ies' : 'y'} (a coverage game)`
      : '',
  ].filter(Boolean);
  return `Co-created value is split by the Shapley value of a game made of ${parts.join(', ') || 'nothing yet'}: each member gets its average marginal contribution.`;
}

function RulesCard(props: { charter: Charter; names: Record<string, string> }) {
  const { charter, names } = props;
  const d = charter.decision;
  return (
    <Card data-testid="charter-rules">
      <Title order={3} fz="lg" mb="sm">
        Rules of the game
      </Title>
      <Stack gap="md">
        <div>
          <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
            Decisions
          </Text>
          <Text fz="sm">{ruleSentence(d, names)}</Text>
          {d?.rule === 'weighted' && (
            <Group gap={6} mt={6}>
              {Object.entries(d.weights ?? {}).map(([id, wgt]) => (
                <Badge key={id} color="gray" variant="outline" tt="none">
                  {nameOf(names, id)}: {wgt}
                </Badge>
              ))}
              <Text fz="xs" c="dimmed">
                (members without a weight count 1)
              </Text>
            </Group>
          )}
        </div>
        <div>
          <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
            Value
          </Text>
          <Text fz="sm">{valueSentence(charter.value)}</Text>
        </div>
        <div>
          <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
            Conflict path
          </Text>
          {charter.conflictPath?.length ? (
            <Group gap={6} mt={4} data-testid="conflict-path">
              {charter.conflictPath.map((step, i) => (
                <Group key={step} gap={6} wrap="nowrap">
                  {i > 0 && <IconArrowRight size={14} aria-hidden color="var(--mantine-color-gray-6)" />}
                  <Badge variant="light" color="brand" tt="none" radius="sm">
                    {i + 1}. {step}
                  </Badge>
                </Group>
              ))}
            </Group>
          ) : (
            <Text fz="sm">No escalation ladder agreed yet.</Text>
          )}
        </div>
        {charter.notes && (
          <div>
            <Text fz="xs" tt="uppercase" fw={600} c="dimmed">
              Notes
            </Text>
            <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {charter.notes}
            </Text>
          </div>
        )}
      </Stack>
    </Card>
  );
}

function RolesCard(props: { charter: Charter; names: Record<string, string> }) {
  const { charter, names } = props;
  const list = (ids: readonly string[] | undefined) =>
    ids?.length ? ids.map((i) => nameOf(names, i)).join(', ') : '—';
  return (
    <Stack gap="lg">
      <Card data-testid="charter-roles">
        <Title order={3} fz="lg" mb="xs">
          Roles by workstream (RACI)
        </Title>
        {charter.roles?.length ? (
          <TableWrap label="Roles by workstream">
            <Table verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Workstream</Table.Th>
                  <Table.Th>Responsible</Table.Th>
                  <Table.Th>Accountable</Table.Th>
                  <Table.Th visibleFrom="sm">Consulted</Table.Th>
                  <Table.Th visibleFrom="sm">Informed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {charter.roles.map((r) => (
                  <Table.Tr key={r.workstream}>
                    <Table.Td fw={600}>{r.workstream}</Table.Td>
                    <Table.Td>{list(r.responsible)}</Table.Td>
                    <Table.Td>{r.accountable ? nameOf(names, r.accountable) : '—'}</Table.Td>
                    <Table.Td visibleFrom="sm">{list(r.consulted)}</Table.Td>
                    <Table.Td visibleFrom="sm">{list(r.informed)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableWrap>
        ) : (
          <Text fz="sm" c="dimmed">
            No roles written down yet: who is responsible, accountable, consulted and informed for each
            workstream.
          </Text>
        )}
      </Card>
      <Card data-testid="charter-committees">
        <Title order={3} fz="lg" mb="xs">
          Committees
        </Title>
        {charter.committees?.length ? (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
            {charter.committees.map((cm) => (
              <div key={cm.name}>
                <Group gap="xs">
                  <Text fw={600} fz="sm">
                    {cm.name}
                  </Text>
                  {cm.cadence && (
                    <Badge color="gray" variant="light" tt="none">
                      {cm.cadence}
                    </Badge>
                  )}
                </Group>
                {cm.remit && (
                  <Text fz="sm" c="dimmed">
                    {cm.remit}
                  </Text>
                )}
                <Text fz="xs" c="dimmed">
                  {cm.members.map((m) => nameOf(names, m)).join(', ')}
                </Text>
              </div>
            ))}
          </SimpleGrid>
        ) : (
          <Text fz="sm" c="dimmed">
            No standing committees.
          </Text>
        )}
      </Card>
    </Stack>
  );
}

function HistoryCard(props: { c: CharterAnswer; names: Record<string, string> }) {
  const { c, names } = props;
  if (c.history.length === 0) {
    return (
      <Card data-testid="charter-history">
        <Title order={3} fz="lg" mb={4}>
          Earlier versions
        </Title>
        <Text fz="sm" c="dimmed">
          None yet. An amendment keeps the version it replaces here, with the ratifications it had gathered.
        </Text>
      </Card>
    );
  }
  return (
    <Card data-testid="charter-history">
      <Title order={3} fz="lg" mb="xs">
        Earlier versions
      </Title>
      <Accordion variant="separated" chevronPosition="left">
        {c.history
          .map((h, i) => ({ h, st: c.status.history[i] }))
          .reverse()
          .map(({ h, st }) => {
            const inForce = st !== undefined && c.status.inForce?.index === st.index;
            return (
              <Accordion.Item key={h.seq} value={String(h.seq)}>
                <Accordion.Control>
                  <Group gap="sm">
                    <Text fw={600} fz="sm">
                      Version {h.charter.version ?? '(unversioned)'}
                    </Text>
                    {inForce && (
                      <Badge color="teal.9" variant="filled" tt="none">
                        In force
                      </Badge>
                    )}
                    <Text fz="xs" c="dimmed">
                      superseded {dateTime(h.supersededAt)}
                      {st
                        ? ` · ${st.fullyRatified ? `ratified by every member on ${st.fullyRatifiedOn}` : `ratified by ${st.members.filter((m) => m.ratified).length} of ${st.members.length}`}`
                        : ''}
                    </Text>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack gap={6}>
                    <Text fz="sm">
                      <b>Decisions:</b> {ruleSentence(h.charter.decision, names)}
                    </Text>
                    <Text fz="sm">
                      <b>Value:</b> {valueSentence(h.charter.value)}
                    </Text>
                    <Text fz="sm">
                      <b>Conflict path:</b> {h.charter.conflictPath?.join(' → ') || '—'}
                    </Text>
                    <Text fz="sm">
                      <b>Ratified by:</b>{' '}
                      {(h.charter.ratifications ?? [])
                        .filter((r) => String(r.version) === String(h.charter.version))
                        .map((r) => `${nameOf(names, r.actor)} (${r.at})`)
                        .join(', ') || 'nobody'}
                    </Text>
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
      </Accordion>
    </Card>
  );
}

function RatifyModal(props: {
  c: CharterAnswer;
  ecosystemId: string;
  partnershipId: string;
  names: Record<string, string>;
  opened: boolean;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const invalidate = useInvalidatePartnership();
  const version = props.c.current?.version;
  const me = props.c.you.actorId;
  const close = () => {
    setError(null);
    props.onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={props.opened}
      onClose={close}
      title={<Text fw={650}>Ratify charter version {String(version)}</Text>}
    >
      <Stack>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" size="lg">
            <IconSignature size={18} />
          </ThemeIcon>
          <Text fz="sm">
            You sign for <b>{me ? nameOf(props.names, me) : 'your organization'}</b>: it agrees to be governed
            by version {String(version)} of this charter. The version comes into force once every member
            organization has ratified it. This is recorded in the audit log.
          </Text>
        </Group>
        {error !== null && <ErrorAlert error={error} title="Not ratified" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            loading={busy}
            data-testid="charter-ratify-confirm"
            onClick={() => {
              if (version === undefined) return;
              setBusy(true);
              setError(null);
              governApi
                .ratify(props.ecosystemId, props.partnershipId, version)
                .then(async (answer) => {
                  await invalidate(props.ecosystemId, props.partnershipId);
                  notify({
                    color: 'teal',
                    message: answer.status.inForce?.current
                      ? `Version ${String(version)} is now in force.`
                      : `Ratified. Waiting for ${answer.status.current?.pending.length ?? 0} more member(s).`,
                  });
                  close();
                })
                .catch((e: unknown) => setError(e))
                .finally(() => setBusy(false));
            }}
          >
            Ratify
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
