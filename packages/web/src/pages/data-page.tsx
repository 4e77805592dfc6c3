import { Button, Card, Container, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBraces, IconDownload, IconFileCode } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { describeError } from '../api/errors.ts';
import { DocumentImporter } from '../components/document-importer.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { saveText } from '../lib/files.ts';

/** Export the ecosystem file; orchestrators can also replace the ecosystem from a file. */
export default function DataPage() {
  const { id, ecosystem, may } = useCurrentEcosystem();
  const [busy, setBusy] = useState<'yaml' | 'json' | null>(null);
  const download = (format: 'yaml' | 'json') => {
    setBusy(format);
    api
      .exportDocument(id, format)
      .then((file) =>
        saveText(
          file.text,
          file.filename ?? `${id}.${format}`,
          format === 'yaml' ? 'application/yaml' : 'application/json',
        ),
      )
      .catch((e: unknown) =>
        notifications.show({ color: 'red', title: 'Export failed', message: describeError(e) }),
      )
      .finally(() => setBusy(null));
  };
  return (
    <Container size="xl" py="xl">
      <PageHeader
        crumbs={[{ label: ecosystem.name, to: `/e/${encodeURIComponent(id)}` }, { label: 'Import & export' }]}
        title="Import & export"
        description="The whole ecosystem as one human-readable file: keep it in version control, compare versions, analyse it with the command line."
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card h="100%">
            <Stack>
              <Title order={3} fz="lg">
                Export
              </Title>
              <Text fz="sm" c="dimmed">
                Download the ecosystem document with what you may see: actors, relationships and partnerships.
                Confidential items of other organizations are left out.
              </Text>
              <Group>
                <Button
                  leftSection={<IconFileCode size={16} />}
                  rightSection={<IconDownload size={14} />}
                  loading={busy === 'yaml'}
                  onClick={() => download('yaml')}
                  data-testid="export-yaml"
                >
                  YAML
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconBraces size={16} />}
                  rightSection={<IconDownload size={14} />}
                  loading={busy === 'json'}
                  onClick={() => download('json')}
                  data-testid="export-json"
                >
                  JSON
                </Button>
              </Group>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card>
            <Stack>
              <Title order={3} fz="lg">
                Update from a file
              </Title>
              {may('ecosystem.import') ? (
                <>
                  <Text fz="sm" c="dimmed">
                    Replaces this ecosystem's actors, relationships and partnerships with those of the file
                    (its identifier must be <code>{id}</code>). The change is recorded in the audit log.
                  </Text>
                  <DocumentImporter replace="always" />
                </>
              ) : (
                <Text fz="sm" c="dimmed">
                  Only the ecosystem's orchestrators can replace it from a file.
                </Text>
              )}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </Container>
  );
}
