import { Anchor, Card, Container, Grid, List, Stack, Text, Title } from '@mantine/core';
import { DocumentImporter } from '../components/document-importer.tsx';
import { PageHeader } from '../components/page-header.tsx';

/** Import an ecosystem from a file (a new one, or replacing one with the same identifier). */
export default function ImportPage() {
  return (
    <Container size="xl" py="xl">
      <PageHeader
        crumbs={[{ label: 'Ecosystems', to: '/' }, { label: 'Import' }]}
        title="Import an ecosystem"
        description="Bring in a whole ecosystem from one file: its actors, relationships and partnerships."
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <DocumentImporter />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card>
            <Stack gap="sm">
              <Title order={3} fz="md">
                Which files work
              </Title>
              <List size="sm" spacing="xs">
                <List.Item>
                  <Text fz="sm" span fw={600}>
                    YAML or JSON
                  </Text>{' '}
                  — a Valueweb ecosystem document (format <code>valueweb: 1</code>), as exported from Valueweb
                  or written by hand.
                </List.Item>
                <List.Item>
                  <Text fz="sm" span fw={600}>
                    CSV
                  </Text>{' '}
                  — an actors sheet (id, name, kind, capabilities, needs, …; lists separated by “;”) and,
                  optionally, a relationships sheet (from, to, kind, flows, strength, directed).
                </List.Item>
              </List>
              <Text fz="sm" c="dimmed">
                Nothing is imported while the file has a problem: every problem is listed with its line,
                column and field, so you can fix them all at once.
              </Text>
              <Text fz="sm" c="dimmed">
                The JSON Schema of the format is available from the command line:{' '}
                <Anchor component="span">valueweb schema</Anchor>.
              </Text>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </Container>
  );
}
