/**
 * The executive report in the app: choose the portfolio or one partnership,
 * read the report the server renders (what needs attention first, then
 * progress and value, with charts), and download it as PDF or HTML.
 */
import { Button, Card, Container, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { IconDownload, IconExternalLink, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorAlert } from '../components/states.tsx';
import { useCurrentEcosystem } from '../hooks/ecosystem-context.tsx';
import { reportUrl, usePortfolio } from './portfolio-api.ts';

const NONE = { stage: [], rag: [], signal: [] };

export default function ReportPage() {
  const { id, ecosystem } = useCurrentEcosystem();
  const [search, setSearch] = useSearchParams();
  const partnership = search.get('partnership');
  const portfolio = usePortfolio(id, NONE);
  const [loaded, setLoaded] = useState<string | null>(null);
  const html = reportUrl(id, { partnership, format: 'html' });
  const options = [
    { value: '', label: 'Whole portfolio' },
    ...(portfolio.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];
  const chosen = options.find((o) => o.value === (partnership ?? ''));
  return (
    <Container size="xl" py="lg">
      <PageHeader
        crumbs={[
          { label: ecosystem.name, to: `/e/${encodeURIComponent(id)}` },
          { label: 'Portfolio', to: `/e/${encodeURIComponent(id)}/portfolio` },
          { label: 'Executive report' },
        ]}
        title="Executive report"
        description="One page that leads with what needs attention, then progress and value, with charts. Built from what you may see; every number says how it was computed."
        actions={
          <Group gap="sm">
            <Button
              component="a"
              href={reportUrl(id, { partnership, format: 'pdf', download: true })}
              download
              leftSection={<IconFileTypePdf size={16} />}
              data-testid="download-pdf"
            >
              Download PDF
            </Button>
            <Button
              component="a"
              href={reportUrl(id, { partnership, format: 'html', download: true })}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
              data-testid="download-html"
            >
              HTML
            </Button>
            <Button
              component="a"
              href={html}
              target="_blank"
              rel="noopener"
              variant="subtle"
              leftSection={<IconExternalLink size={16} />}
            >
              Open in a new tab
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        <Group gap="md" align="flex-end">
          <Select
            label="Report on"
            data={options}
            value={partnership ?? ''}
            onChange={(v) => {
              const next = new URLSearchParams(search);
              if (v) next.set('partnership', v);
              else next.delete('partnership');
              setSearch(next, { replace: true });
            }}
            allowDeselect={false}
            searchable
            w={360}
            data-testid="report-scope"
          />
          <Text fz="xs" c="dimmed" pb={8}>
            The PDF is printed by the server from this page (A4); it takes a few seconds.
          </Text>
        </Group>
        {portfolio.isError && <ErrorAlert error={portfolio.error} title="Could not load the partnerships" />}
        <Card padding={0} style={{ overflow: 'hidden', position: 'relative' }}>
          {loaded !== html && (
            <Group
              justify="center"
              p="md"
              style={{ position: 'absolute', inset: 0, background: 'rgba(255,255,255,0.7)' }}
              aria-busy="true"
            >
              <Loader size="sm" />
              <Text fz="sm" c="dimmed">
                Preparing the report…
              </Text>
            </Group>
          )}
          <iframe
            key={html}
            src={html}
            title={`Executive report: ${chosen?.label ?? 'Whole portfolio'}`}
            onLoad={() => setLoaded(html)}
            style={{ width: '100%', height: '78vh', border: 0, display: 'block', background: '#fff' }}
            data-testid="report-frame"
          />
        </Card>
      </Stack>
    </Container>
  );
}
