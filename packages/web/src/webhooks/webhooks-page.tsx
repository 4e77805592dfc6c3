/**
 * Webhook settings (orchestrators): endpoints that receive every raised and
 * resolved alert as signed JSON — add one (its signing secret is shown once),
 * pause or remove it, rotate its secret, send a test event, and read its
 * delivery log: each delivery's status, attempts, the receiver's last status
 * code or error, and when it is retried.
 */
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Container,
  Drawer,
  Group,
  Menu,
  Modal,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications, type NotificationData } from '@mantine/notifications';
import {
  IconCheck,
  IconCopy,
  IconDots,
  IconKey,
  IconLock,
  IconPlus,
  IconRefresh,
  IconSend,
  IconTrash,
  IconWebhook,
} from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { describeError, formErrors } from '../api/errors.ts';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { FormProblems } from '../components/form-problems.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert, TableSkeleton } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { dateTime, relativeTime } from '../lib/format.ts';
import { ink } from '../lib/ink.ts';
import {
  useDeliveries,
  useWebhookMutation,
  useWebhookSettings,
  webhooksApi,
  type Delivery,
  type WebhookEndpoint,
  type WebhookEvent,
  type WebhookSettings,
} from './webhooks-api.ts';

/** A notification with a labelled close button. */
const notify = (n: NotificationData) =>
  notifications.show({
    closeButtonProps: { 'aria-label': 'Close notification' },
    styles: { description: { color: 'var(--mantine-color-gray-7)' } },
    ...n,
  });

const EVENT_LABEL: Record<string, string> = {
  'alert.raised': 'Alert raised',
  'alert.resolved': 'Alert resolved',
  'webhook.test': 'Test event',
};
const STATUS: Record<Delivery['status'], { label: string; color: string }> = {
  pending: { label: 'Will retry', color: 'orange' },
  sending: { label: 'Sending', color: 'blue' },
  delivered: { label: 'Delivered', color: 'green' },
  failed: { label: 'Gave up', color: 'red' },
};

/** When the next attempt goes out, in words. */
function retryIn(iso: string, attempts: number): string {
  const s = Math.round((Date.parse(iso) - Date.now()) / 1000);
  const what = attempts === 0 ? 'sending' : 'retry';
  if (s <= 1) return attempts === 0 ? 'sending now' : 'retrying now';
  if (s < 90) return `${what} in ${s} s`;
  if (s < 90 * 60) return `${what} in ${Math.round(s / 60)} min`;
  return `${what} ${dateTime(iso)}`;
}

function StatusBadge(props: { d: Delivery }) {
  const s =
    props.d.status === 'pending' && props.d.attempts === 0
      ? { label: 'Queued', color: 'gray' }
      : STATUS[props.d.status];
  return (
    <Badge
      size="sm"
      variant="light"
      color={s.color}
      c={ink(s.color)}
      tt="none"
      fw={650}
      style={{ minWidth: 'max-content' }}
    >
      {s.label}
    </Badge>
  );
}

/** The secret, once, with a copy button. */
function SecretModal(props: {
  secret: { url: string; secret: string; rotated: boolean } | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={props.secret !== null}
      onClose={props.onClose}
      title={
        <Text fw={650}>
          {props.secret?.rotated ? 'The new signing secret' : 'Endpoint added: its signing secret'}
        </Text>
      }
      size="lg"
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {props.secret && (
        <Stack>
          <Alert
            color="orange"
            variant="light"
            icon={<IconLock size={18} />}
            title="Copy it now: it is shown only this once"
            styles={{ label: { color: ink('orange') }, icon: { color: ink('orange') } }}
          >
            <Text fz="sm">
              Valueweb keeps it only encrypted. Your receiver at <Code>{props.secret.url}</Code> uses it to
              check the <Code>x-valueweb-signature</Code> header of every delivery.
            </Text>
          </Alert>
          <Group gap="xs" wrap="nowrap">
            <Code
              block
              style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
              data-testid="webhook-secret"
            >
              {props.secret.secret}
            </Code>
            <CopyButton value={props.secret.secret}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'light' : 'filled'}
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button onClick={props.onClose} data-testid="secret-done">
              I have stored it
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function AddEndpointDrawer(props: {
  opened: boolean;
  ecosystemId: string;
  settings: WebhookSettings | undefined;
  onClose: () => void;
  onCreated: (e: WebhookEndpoint & { secret: string }) => void;
}) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['alert.raised', 'alert.resolved']);
  const create = useWebhookMutation(
    props.ecosystemId,
    (b: { url: string; description?: string; events: WebhookEvent[] }) =>
      webhooksApi.create(props.ecosystemId, b),
  );
  const { fields, other } = formErrors(create.error, ['url', 'description', 'events']);
  const close = () => {
    create.reset();
    setUrl('');
    setDescription('');
    setEvents(['alert.raised', 'alert.resolved']);
    props.onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { url: url.trim(), ...(description.trim() ? { description: description.trim() } : {}), events },
      {
        onSuccess: (created) => {
          close();
          props.onCreated(created);
        },
      },
    );
  };
  return (
    <Drawer
      opened={props.opened}
      onClose={close}
      position="right"
      size="md"
      title={<Text fw={650}>Add a webhook endpoint</Text>}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormProblems error={create.error} other={other} what="endpoint" />
          <TextInput
            label="URL"
            description={`Where to POST each event (http:// or https://).${props.settings && !props.settings.allowPrivate ? ' Loopback, link-local and private addresses are refused on this server.' : ''}`}
            placeholder="https://hooks.example.org/valueweb"
            required
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={fields.url}
            data-testid="webhook-url"
            autoFocus
          />
          <TextInput
            label="Description"
            placeholder="e.g. Alliance team channel"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fields.description}
            maxLength={500}
          />
          <Checkbox.Group
            label="Events"
            description="What this endpoint receives"
            value={events}
            onChange={(v) => setEvents(v)}
            error={fields.events}
          >
            <Stack gap={6} mt={6}>
              <Checkbox value="alert.raised" label="Alert raised (also when an alert becomes more severe)" />
              <Checkbox value="alert.resolved" label="Alert resolved (its signal is gone)" />
            </Stack>
          </Checkbox.Group>
          <Text fz="xs" c="dimmed">
            A signing secret is generated for the endpoint and shown once, after you add it.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={!url.trim() || events.length === 0}
              data-testid="webhook-save"
            >
              Add endpoint
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}

function DeliveryLog(props: { ecosystemId: string; endpoint: WebhookEndpoint }) {
  const q = useDeliveries(props.ecosystemId, props.endpoint.id);
  const retry = useWebhookMutation(props.ecosystemId, (d: number) =>
    webhooksApi.retry(props.ecosystemId, props.endpoint.id, d),
  );
  if (q.isPending) return <TableSkeleton columns={6} rows={3} />;
  if (q.isError)
    return (
      <ErrorAlert error={q.error} title="The delivery log did not load" onRetry={() => void q.refetch()} />
    );
  const items = q.data.items;
  if (!items.length) {
    return (
      <Text fz="sm" c="dimmed" py="sm">
        Nothing sent yet. Deliveries appear here when the agent raises or resolves an alert, or when you send
        a test event.
      </Text>
    );
  }
  return (
    <div
      style={{ overflowX: 'auto' }}
      tabIndex={0}
      role="region"
      aria-label={`Delivery log of ${props.endpoint.url}`}
    >
      <Table striped highlightOnHover miw={760} data-testid="delivery-log" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Queued</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>Last answer</Table.Th>
            <Table.Th>Next</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr
              key={d.id}
              data-testid="delivery"
              data-status={d.status}
              data-event={d.event}
              data-code={d.lastStatusCode ?? ''}
            >
              <Table.Td>
                <Tooltip label={dateTime(d.createdAt)}>
                  <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>
                    {relativeTime(d.createdAt)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Text fz="sm" fw={600}>
                  {EVENT_LABEL[d.event] ?? d.event}
                </Text>
                {d.payload.alert?.title && !d.payload.test && (
                  <Text fz="xs" c="dimmed" lineClamp={1} maw={260}>
                    {d.payload.alert.title}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <StatusBadge d={d} />
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{d.attempts}</Text>
              </Table.Td>
              <Table.Td>
                {d.lastStatusCode !== null ? (
                  <Badge
                    size="sm"
                    variant="outline"
                    color={d.lastStatusCode < 300 ? 'green' : 'red'}
                    c={ink(d.lastStatusCode < 300 ? 'green' : 'red')}
                    tt="none"
                    data-testid="status-code"
                    style={{ minWidth: 'max-content' }}
                  >
                    HTTP {d.lastStatusCode}
                  </Badge>
                ) : null}
                {d.lastError && (
                  <Text fz="xs" c="red.9" lineClamp={2} maw={260} title={d.lastError}>
                    {d.lastError}
                  </Text>
                )}
                {d.lastStatusCode === null && !d.lastError && (
                  <Text fz="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text
                  fz="sm"
                  c={d.status === 'failed' ? 'red.9' : undefined}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {d.status === 'delivered' && d.deliveredAt
                    ? `delivered ${relativeTime(d.deliveredAt)}`
                    : d.status === 'failed'
                      ? 'no more retries'
                      : d.nextAttemptAt
                        ? retryIn(d.nextAttemptAt, d.attempts)
                        : '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                {(d.status === 'failed' || (d.status === 'pending' && d.attempts > 0)) && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    leftSection={<IconRefresh size={12} />}
                    loading={retry.isPending && retry.variables === d.id}
                    onClick={() =>
                      retry.mutate(d.id, {
                        onError: (e) =>
                          notify({ color: 'red', title: 'Not sent again', message: describeError(e) }),
                      })
                    }
                  >
                    Send again
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function EndpointCard(props: {
  ecosystemId: string;
  endpoint: WebhookEndpoint;
  selected: boolean;
  onSelect: () => void;
  onRemove: () => void;
  onSecret: (s: { url: string; secret: string; rotated: boolean }) => void;
}) {
  const e = props.endpoint;
  const eco = props.ecosystemId;
  const toggle = useWebhookMutation(eco, (active: boolean) =>
    webhooksApi.update(eco, e.id, { active }, e.version),
  );
  const test = useWebhookMutation(eco, () => webhooksApi.test(eco, e.id));
  const rotate = useWebhookMutation(eco, () => webhooksApi.rotate(eco, e.id));
  const d = e.deliveries;
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="webhook-endpoint"
      data-url={e.url}
      style={props.selected ? { borderColor: 'var(--mantine-color-brand-5)' } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs" wrap="wrap">
              <Text fw={650} ff="monospace" fz="sm" style={{ wordBreak: 'break-all' }}>
                {e.url}
              </Text>
              {!e.active && (
                <Badge size="sm" variant="light" color="gray" c={ink('gray')} tt="none">
                  Paused
                </Badge>
              )}
            </Group>
            <Text fz="sm" c="dimmed">
              {e.description ?? 'No description'} · {e.events.map((x) => EVENT_LABEL[x] ?? x).join(' and ')} ·
              added {relativeTime(e.createdAt)}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Switch
              aria-label={e.active ? `Pause ${e.url}` : `Resume ${e.url}`}
              label={e.active ? 'Active' : 'Paused'}
              checked={e.active}
              disabled={toggle.isPending}
              onChange={(ev) =>
                toggle.mutate(ev.currentTarget.checked, {
                  onError: (err) =>
                    notify({ color: 'red', title: 'Not changed', message: describeError(err) }),
                })
              }
            />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`More for ${e.url}`}>
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={<IconKey size={14} />}
                  onClick={() =>
                    rotate.mutate(undefined, {
                      onSuccess: (r) => props.onSecret({ url: r.url, secret: r.secret, rotated: true }),
                      onError: (err) =>
                        notify({ color: 'red', title: 'Secret not rotated', message: describeError(err) }),
                    })
                  }
                >
                  Rotate the signing secret
                </Menu.Item>
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={props.onRemove}>
                  Remove
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="lg">
            <Text fz="sm">
              <b>{d.delivered}</b> delivered
            </Text>
            <Text fz="sm" c={d.pending ? ink('orange') : undefined}>
              <b>{d.pending}</b> waiting
            </Text>
            <Text fz="sm" c={d.failed ? ink('red') : undefined}>
              <b>{d.failed}</b> given up
            </Text>
            {d.lastStatusCode !== null && (
              <Text fz="sm" c="dimmed">
                last answer HTTP {d.lastStatusCode}
              </Text>
            )}
          </Group>
          <Group gap="xs">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconSend size={14} />}
              loading={test.isPending}
              disabled={!e.active}
              onClick={() =>
                test.mutate(undefined, {
                  onSuccess: () => {
                    if (!props.selected) props.onSelect();
                    notify({
                      color: 'teal',
                      title: 'Test event queued',
                      message: 'It appears in the delivery log with the receiver’s answer.',
                    });
                  },
                  onError: (err) =>
                    notify({ color: 'red', title: 'No test event', message: describeError(err) }),
                })
              }
              data-testid="send-test"
            >
              Send test event
            </Button>
            <Button
              size="xs"
              variant={props.selected ? 'filled' : 'default'}
              onClick={props.onSelect}
              data-testid="show-log"
              aria-pressed={props.selected}
            >
              {props.selected ? 'Showing the delivery log' : 'Delivery log'}
            </Button>
          </Group>
        </Group>
        {props.selected && <DeliveryLog ecosystemId={eco} endpoint={e} />}
      </Stack>
    </Paper>
  );
}

function HowToVerify(props: { settings: WebhookSettings }) {
  const s = props.settings;
  const r = s.retries;
  return (
    <Paper withBorder radius="md" p="md" mt="xl">
      <Text fw={650} mb={4}>
        What a receiver gets
      </Text>
      <Stack gap={6}>
        <Text fz="sm">
          A <Code>POST</Code> with a JSON body <Code>{'{event, alert, ecosystem, sentAt}'}</Code> — the alert
          with its severity, partnership and why (evidence, rule, recommended action). Headers:{' '}
          <Code>{s.signature.header}: sha256=…</Code> ({s.signature.algorithm} with the endpoint&apos;s
          secret), <Code>{s.signature.timestampHeader}</Code> (the body&apos;s <Code>sentAt</Code> in Unix
          seconds), <Code>{s.signature.eventHeader}</Code> and <Code>{s.signature.deliveryHeader}</Code>.
        </Text>
        <Text fz="sm">
          Answer with any 2xx within {r.timeoutSeconds} s. Anything else is retried {r.maxAttempts - 1} more
          times, first after {r.firstDelaySeconds} s, doubling up to {Math.round(r.maxDelaySeconds / 60)}{' '}
          minutes; then the delivery stays in the log marked “gave up”, and can be sent again. Check the
          signature before trusting a body:
        </Text>
        <Code
          block
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        >{`const expected = 'sha256=' + crypto.createHmac('sha256', SECRET).update(rawBody).digest('hex');
const ok = crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(req.headers['${s.signature.header}']));`}</Code>
      </Stack>
    </Paper>
  );
}

export default function WebhooksPage() {
  const { id, ecosystem, may } = useCurrentEcosystem();
  const orchestrator = may('ecosystem.update');
  const q = useWebhookSettings(id, orchestrator);
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string; rotated: boolean } | null>(null);
  const [removing, setRemoving] = useState<WebhookEndpoint | null>(null);
  const remove = useWebhookMutation(id, (e: WebhookEndpoint) => webhooksApi.remove(id, e.id, e.version));

  const header = (
    <PageHeader
      crumbs={[{ label: ecosystem.name, to: `/e/${encodeURIComponent(id)}` }, { label: 'Webhooks' }]}
      title="Webhooks"
      description="Send the monitoring agent's alerts to your own tools — a chat channel, a ticket queue, an on-call service: every raised and resolved alert is posted as JSON, signed so the receiver can check it came from here."
      actions={
        orchestrator && q.data?.enabled ? (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setAdding(true)}
            data-testid="add-webhook"
          >
            Add endpoint
          </Button>
        ) : undefined
      }
    />
  );

  if (!orchestrator) {
    return (
      <Container size="lg" py="xl">
        {header}
        <Empty
          icon={<IconLock size={28} />}
          title="Orchestrators manage webhooks"
          description="Webhook endpoints are integration settings of the ecosystem; ask an orchestrator to add yours. The alerts themselves are in the Alerts inbox."
        />
      </Container>
    );
  }

  const items = q.data?.items ?? [];
  const shown = selected ?? items[0]?.id ?? null;
  return (
    <Container size="lg" py="xl">
      {header}
      {q.isPending ? (
        <TableSkeleton columns={3} rows={3} />
      ) : q.isError ? (
        <ErrorAlert
          error={q.error}
          title="The webhook settings did not load"
          onRetry={() => void q.refetch()}
        />
      ) : (
        <>
          {!q.data.enabled && (
            <Alert
              color="orange"
              variant="light"
              icon={<IconLock size={18} />}
              title="Webhooks are off on this server"
              mb="lg"
              role="status"
              styles={{ label: { color: ink('orange') }, icon: { color: ink('orange') } }}
            >
              <Text fz="sm">{q.data.disabledReason}</Text>
            </Alert>
          )}
          {items.length === 0 ? (
            <Empty
              icon={<IconWebhook size={28} />}
              title="No webhook endpoints"
              description="Add an endpoint to receive every alert the monitoring agent raises or resolves, as it happens."
              action={
                q.data.enabled ? (
                  <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
                    Add endpoint
                  </Button>
                ) : undefined
              }
            />
          ) : (
            <Stack gap="md">
              {items.map((e) => (
                <EndpointCard
                  key={e.id}
                  ecosystemId={id}
                  endpoint={e}
                  selected={shown === e.id}
                  onSelect={() => setSelected(e.id)}
                  onRemove={() => setRemoving(e)}
                  onSecret={setSecret}
                />
              ))}
            </Stack>
          )}
          <HowToVerify settings={q.data} />
          <Text fz="xs" c="dimmed" mt="sm">
            See also the{' '}
            <Anchor component={Link} to={`/e/${encodeURIComponent(id)}/alerts`} fz="xs" underline="always">
              alerts inbox
            </Anchor>
            .
          </Text>
        </>
      )}
      <AddEndpointDrawer
        opened={adding}
        ecosystemId={id}
        settings={q.data}
        onClose={() => setAdding(false)}
        onCreated={(e) => {
          setSelected(e.id);
          setSecret({ url: e.url, secret: e.secret, rotated: false });
        }}
      />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
      <ConfirmDelete
        opened={removing !== null}
        title="Remove this endpoint?"
        onCancel={() => setRemoving(null)}
        onConfirm={() => remove.mutateAsync(removing!)}
        confirmLabel="Remove endpoint"
      >
        <>
          <Code>{removing?.url}</Code> stops receiving alerts, and its delivery log is deleted. Deliveries
          still waiting are dropped.
        </>
      </ConfirmDelete>
    </Container>
  );
}
