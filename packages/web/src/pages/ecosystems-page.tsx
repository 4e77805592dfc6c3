import {
  Button,
  Card,
  Container,
  Group,
  Modal,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowsExchange,
  IconBuildingCommunity,
  IconFileImport,
  IconPlus,
  IconTopologyStar3,
  IconWorld,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { formErrors } from '../api/errors.ts';
import { keys, useEcosystems, useMe } from '../api/queries.ts';
import type { EcosystemSummary } from '../api/types.ts';
import { RoleBadge } from '../components/badges.tsx';
import { FormProblems } from '../components/form-problems.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { Empty, ErrorAlert } from '../components/states.tsx';
import { slugify } from '../lib/format.ts';
import { allowed } from '../lib/permissions.ts';

export function EcosystemsPage() {
  const ecosystems = useEcosystems();
  const me = useMe().data;
  const [creating, setCreating] = useState(false);
  const mayCreate = allowed(me?.user, null, 'ecosystem.create');
  const actions = (
    <>
      <Button
        component={Link}
        to="/import"
        variant="default"
        leftSection={<IconFileImport size={16} />}
        data-testid="import-button"
      >
        Import
      </Button>
      {mayCreate && (
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setCreating(true)}
          data-testid="create-ecosystem"
        >
          New ecosystem
        </Button>
      )}
    </>
  );
  const items = ecosystems.data?.items ?? [];
  return (
    <Container size="xl" py="xl">
      <PageHeader
        title="Ecosystems"
        description="Each ecosystem is a workspace: its actors, the relationships between them, and the partnerships formed among them."
        actions={actions}
      />
      {ecosystems.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="ecosystems-loading">
          {[0, 1, 2].map((i) => (
            <Card key={i}>
              <Skeleton h={20} w="60%" mb="md" />
              <Skeleton h={12} mb={8} />
              <Skeleton h={12} w="80%" mb="lg" />
              <Skeleton h={28} />
            </Card>
          ))}
        </SimpleGrid>
      ) : ecosystems.isError ? (
        <ErrorAlert
          error={ecosystems.error}
          title="Could not load your ecosystems"
          onRetry={() => void ecosystems.refetch()}
        />
      ) : items.length === 0 ? (
        <Card>
          <Empty
            icon={<IconWorld size={28} />}
            title="No ecosystems yet"
            description={
              mayCreate
                ? 'Create an ecosystem to start mapping actors and partnerships, or import one from a YAML, JSON or CSV file.'
                : 'You have not been given access to an ecosystem yet. Ask an orchestrator to invite you, or import an ecosystem file.'
            }
            action={actions}
          />
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="ecosystem-list">
          {items.map((e) => (
            <EcosystemCard key={e.id} e={e} isAdmin={me?.user.isAdmin ?? false} />
          ))}
        </SimpleGrid>
      )}
      <CreateEcosystemModal opened={creating} onClose={() => setCreating(false)} />
    </Container>
  );
}

function EcosystemCard({ e, isAdmin }: { e: EcosystemSummary; isAdmin: boolean }) {
  return (
    <Card
      component={Link}
      to={`/e/${encodeURIComponent(e.id)}`}
      className="vw-card-link"
      data-testid="ecosystem-card"
    >
      <Stack gap="sm" h="100%" justify="space-between">
        <Stack gap={6}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text fw={650} fz="lg" lh={1.3} lineClamp={2}>
              {e.name}
            </Text>
            <RoleBadge role={e.role} isAdmin={isAdmin} />
          </Group>
          <Text fz="sm" c="dimmed" className="vw-clamp-2" mih={40}>
            {e.purpose || 'No purpose written yet.'}
          </Text>
        </Stack>
        <SimpleGrid cols={3} spacing="xs" pt="sm" style={{ borderTop: '1px solid var(--vw-border)' }}>
          <Count icon={<IconBuildingCommunity size={14} />} n={e.actors} label="Actors" />
          <Count icon={<IconArrowsExchange size={14} />} n={e.relationships} label="Relationships" />
          <Count icon={<IconTopologyStar3 size={14} />} n={e.partnerships} label="Partnerships" />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

function Count(props: { icon: ReactNode; n: number; label: string }) {
  return (
    <Stack gap={2}>
      <Text fz="xl" fw={700} lh={1.2}>
        {props.n.toLocaleString('en')}
      </Text>
      <Group gap={4} wrap="nowrap" c="dimmed">
        {props.icon}
        <Text fz="xs">{props.label}</Text>
      </Group>
    </Stack>
  );
}

function CreateEcosystemModal(props: { opened: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const effectiveId = idTouched ? id : slugify(name);
  const { fields, other } = formErrors(error, ['id', 'name', 'purpose']);
  const close = () => {
    setName('');
    setId('');
    setIdTouched(false);
    setPurpose('');
    setError(null);
    props.onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api
      .createEcosystem({
        id: effectiveId,
        name: name.trim(),
        ...(purpose.trim() ? { purpose: purpose.trim() } : {}),
      })
      .then(async (eco) => {
        await qc.invalidateQueries({ queryKey: keys.ecosystems });
        await qc.invalidateQueries({ queryKey: keys.me });
        notifications.show({
          color: 'teal',
          title: 'Ecosystem created',
          message: `${eco.name} is ready. Start by adding actors.`,
        });
        close();
        await navigate(`/e/${encodeURIComponent(eco.id)}`);
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };
  return (
    <Modal opened={props.opened} onClose={close} title={<Text fw={650}>New ecosystem</Text>} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormProblems error={error} other={other} />
          <TextInput
            label="Name"
            placeholder="e.g. Rare Disease Alliance"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fields.name}
            required
            data-autofocus
          />
          <TextInput
            label="Identifier"
            description="Used in links and in the ecosystem file. Letters, digits, dots, dashes."
            value={effectiveId}
            onChange={(e) => {
              setIdTouched(true);
              setId(e.currentTarget.value);
            }}
            error={fields.id}
            required
          />
          <Textarea
            label="Purpose"
            description="Why this ecosystem exists, in a sentence or two."
            autosize
            minRows={3}
            value={purpose}
            onChange={(e) => setPurpose(e.currentTarget.value)}
            error={fields.purpose}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim() || !effectiveId}>
              Create ecosystem
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
