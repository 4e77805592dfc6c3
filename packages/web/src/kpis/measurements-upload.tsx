/**
 * Upload KPI measurements from a spreadsheet: a CSV file with the columns
 * kpi, date, value and (optionally) note, found by their header names. The
 * upload is all or nothing; every problem names its line and column.
 */
import { Button, Checkbox, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError, type FieldProblem } from '../api/errors.ts';
import { useInvalidatePartnership } from '../api/records-api.ts';
import { ProblemList } from '../components/problem-list.tsx';
import { ErrorAlert } from '../components/states.tsx';
import { plural } from '../lib/format.ts';
import { kpiApi } from './kpi-api.ts';

const MAX_BYTES = 10 * 1024 * 1024;

export function MeasurementsUpload(props: {
  ecosystemId: string;
  partnershipId: string;
  kpiIds: string[];
  opened: boolean;
  onClose: () => void;
}) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [rejected, setRejected] = useState<string | null>(null);
  const invalidate = useInvalidatePartnership();
  const close = () => {
    setFile(null);
    setProblems(null);
    setError(null);
    setRejected(null);
    props.onClose();
  };
  const rows = file ? file.text.split(/\r?\n/).filter((l) => l.trim()).length - 1 : 0;
  const upload = () => {
    if (!file) return;
    setBusy(true);
    setProblems(null);
    setError(null);
    kpiApi
      .uploadCsv(props.ecosystemId, props.partnershipId, file.text, file.name, replace)
      .then(async (r) => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notifications.show({
          color: 'teal',
          title: 'Measurements saved',
          message: `${plural(r.added, 'measurement')} added${r.replaced ? `, ${r.replaced} replaced` : ''} for ${r.kpis.join(', ')}.${r.ignoredColumns.length ? ` Ignored column${r.ignoredColumns.length > 1 ? 's' : ''}: ${r.ignoredColumns.join(', ')}.` : ''}`,
        });
        close();
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.problems.length) setProblems(e.problems);
        else setError(e);
      })
      .finally(() => setBusy(false));
  };
  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={<Text fw={650}>Upload measurements (CSV)</Text>}
      size="xl"
    >
      <Stack data-testid="csv-upload">
        <Text fz="sm">
          One measurement per row. The header row names the columns <Code>kpi</Code>, <Code>date</Code>{' '}
          (YYYY-MM-DD), <Code>value</Code> (a number with a point for decimals) and optionally{' '}
          <Code>note</Code>, in any order; other columns are ignored. Nothing is saved while the file has a
          problem.
        </Text>
        <Code
          block
        >{`kpi,date,value,note\n${props.kpiIds[0] ?? 'my-kpi'},2026-03-31,420,end of quarter`}</Code>
        <Dropzone
          onDrop={(files) => {
            const f = files[0];
            if (!f) return;
            setRejected(null);
            setProblems(null);
            void f.text().then((text) => setFile({ name: f.name, text }));
          }}
          onReject={(r) => setRejected(r.map((x) => x.file.name).join(', '))}
          maxSize={MAX_BYTES}
          accept={{
            'text/csv': ['.csv'],
            'text/plain': ['.csv', '.txt'],
            'application/vnd.ms-excel': ['.csv'],
          }}
          multiple={false}
          data-testid="csv-dropzone"
        >
          <Group justify="center" gap="lg" mih={100} style={{ pointerEvents: 'none' }}>
            <Dropzone.Accept>
              <IconUpload size={36} color="var(--mantine-color-brand-6)" stroke={1.5} />
            </Dropzone.Accept>
            <Dropzone.Reject>
              <IconX size={36} color="var(--mantine-color-red-6)" stroke={1.5} />
            </Dropzone.Reject>
            <Dropzone.Idle>
              <IconFileSpreadsheet size={36} color="var(--mantine-color-gray-6)" stroke={1.5} />
            </Dropzone.Idle>
            <div>
              <Text fw={600}>{file ? file.name : 'Drop a CSV file here, or click to choose'}</Text>
              <Text fz="sm" c="dimmed">
                {file
                  ? `${plural(Math.max(rows, 0), 'data row')} read`
                  : 'Exported from a spreadsheet, at most 10 MB'}
              </Text>
            </div>
          </Group>
        </Dropzone>
        {rejected && (
          <ErrorAlert
            error={new Error(`${rejected} is not a CSV file of at most 10 MB.`)}
            title="File not accepted"
          />
        )}
        {problems && (
          <ProblemList
            problems={problems}
            file={file?.name}
            title={`The file has ${plural(problems.length, 'problem')}; nothing was saved`}
          />
        )}
        {error !== null && <ErrorAlert error={error} title="Not uploaded" />}
        <Checkbox
          label="Replace measurements already recorded on the same day"
          checked={replace}
          onChange={(e) => setReplace(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            onClick={upload}
            loading={busy}
            disabled={!file}
            leftSection={<IconUpload size={16} />}
            data-testid="csv-upload-submit"
          >
            Upload
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
