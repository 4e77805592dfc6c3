/**
 * Starting a health-check cycle: the default six dimensions (strategic fit,
 * trust, communication, governance effectiveness, value creation, operational
 * execution) or your own; it goes to every member organization at once.
 */
import {
  ActionIcon,
  Button,
  Drawer,
  Group,
  List,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { monitor } from '@valueweb/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/errors.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { slugify } from '../lib/format.ts';
import { useStartCycle } from './health-api.ts';
import { closeLabel } from './health-ui.tsx';

interface Dim {
  name: string;
  prompt: string;
}

export function StartCycleDrawer(props: {
  opened: boolean;
  onClose: () => void;
  ecosystemId: string;
  partnershipId: string;
  template: monitor.HealthCheckTemplate;
  members: { id: string; name: string }[];
  today: string;
}) {
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      title="Start a health check"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {props.opened && <StartForm {...props} />}
    </Drawer>
  );
}

function StartForm(props: {
  onClose: () => void;
  ecosystemId: string;
  partnershipId: string;
  template: monitor.HealthCheckTemplate;
  members: { id: string; name: string }[];
  today: string;
}) {
  const [template, setTemplate] = useState<'default' | 'custom'>('default');
  const [id, setId] = useState('');
  const [opened, setOpened] = useState(props.today);
  const [closes, setCloses] = useState('');
  const [dims, setDims] = useState<Dim[]>([{ name: '', prompt: '' }]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const start = useStartCycle(props.ecosystemId, props.partnershipId);

  const fields: Record<string, string> = { ...local };
  const other: string[] = [];
  if (start.error instanceof ApiError) {
    for (const p of start.error.problems) {
      const key = /^dimensions\[(\d+)\]/.exec(p.field)
        ? `dim${/^dimensions\[(\d+)\]/.exec(p.field)![1]}`
        : p.field.split(/[.[]/)[0]!;
      if (['id', 'opened', 'closes', 'closed', 'dimensions'].includes(key) || key.startsWith('dim')) {
        const k = key === 'closed' ? 'closes' : key;
        fields[k] = fields[k] ? `${fields[k]}; ${p.message}` : p.message;
      } else other.push(`${p.field}: ${p.message}`);
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (template === 'custom') {
      dims.forEach((d, i) => {
        if (!d.name.trim()) problems[`dim${i}`] = 'Give the dimension a name';
      });
      if (!dims.length) problems.dimensions = 'Add at least one dimension';
    }
    setLocal(problems);
    if (Object.keys(problems).length) return;
    start.mutate(
      {
        ...(id.trim() ? { id: id.trim() } : {}),
        opened,
        ...(closes ? { closes } : {}),
        template,
        ...(template === 'custom'
          ? {
              dimensions: dims.map((d) => ({
                id: slugify(d.name) || 'dimension',
                name: d.name.trim(),
                ...(d.prompt.trim() ? { prompt: d.prompt.trim() } : {}),
              })),
            }
          : {}),
      },
      {
        onSuccess: (r) => {
          notifications.show({
            ...closeLabel,
            color: 'teal',
            title: `Health check “${r.cycle.id}” started`,
            message: `It is on the list to answer of every member organization (${props.members.length}).`,
          });
          props.onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="start-cycle-form">
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          Every member organization ({props.members.map((m) => m.name).join(', ')}) scores each dimension from
          1 to 5. Answers stay private to each organization until an orchestrator closes the cycle.
        </Text>
        <FormProblems error={start.error} other={other} what="health check" />
        <Group grow align="flex-start">
          <TextInput
            label="Cycle id"
            description="Leave empty for the quarter, e.g. 2026-q4"
            value={id}
            onChange={(e) => setId(e.currentTarget.value)}
            error={fields.id}
            data-testid="cycle-id"
          />
          <TextInput
            label="Opens on"
            type="date"
            value={opened}
            onChange={(e) => setOpened(e.currentTarget.value)}
            error={fields.opened}
            required
          />
        </Group>
        <TextInput
          label="Planned close (optional)"
          description="The cycle closes on its own that day; an orchestrator can close it earlier"
          type="date"
          value={closes}
          onChange={(e) => setCloses(e.currentTarget.value)}
          error={fields.closes}
        />
        <div>
          <Text fz="sm" fw={500} mb={4} id="template-label">
            Survey
          </Text>
          <SegmentedControl
            aria-labelledby="template-label"
            value={template}
            onChange={(v) => setTemplate(v)}
            data={[
              { value: 'default', label: 'Default: six dimensions' },
              { value: 'custom', label: 'Your own dimensions' },
            ]}
            data-testid="cycle-template"
          />
        </div>
        {template === 'default' ? (
          <Paper withBorder p="md" radius="md">
            <List spacing={6} size="sm">
              {props.template.dimensions.map((d) => (
                <List.Item key={d.id}>
                  <b>{d.name}</b> — {d.prompt}
                </List.Item>
              ))}
            </List>
          </Paper>
        ) : (
          <Stack gap="sm">
            {fields.dimensions && (
              <Text c="red.8" fz="sm" role="alert">
                {fields.dimensions}
              </Text>
            )}
            {dims.map((d, i) => (
              <Paper key={i} withBorder p="sm" radius="md">
                <Group align="flex-start" wrap="nowrap">
                  <Stack gap={6} style={{ flex: 1 }}>
                    <TextInput
                      label={`Dimension ${i + 1}`}
                      placeholder="e.g. Data sharing"
                      value={d.name}
                      onChange={(e) =>
                        setDims((xs) =>
                          xs.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)),
                        )
                      }
                      error={fields[`dim${i}`]}
                    />
                    <Textarea
                      label="Statement to score"
                      placeholder="e.g. Data flows between us as agreed, on time."
                      autosize
                      minRows={1}
                      value={d.prompt}
                      onChange={(e) =>
                        setDims((xs) =>
                          xs.map((x, j) => (j === i ? { ...x, prompt: e.currentTarget.value } : x)),
                        )
                      }
                    />
                  </Stack>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={26}
                    aria-label={`Remove dimension ${i + 1}`}
                    onClick={() => setDims((xs) => xs.filter((_, j) => j !== i))}
                    disabled={dims.length === 1}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Paper>
            ))}
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => setDims((xs) => [...xs, { name: '', prompt: '' }])}
              w="fit-content"
            >
              Add a dimension
            </Button>
          </Stack>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={start.isPending} data-testid="start-cycle-submit">
            Send to every member
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
