import {
  Alert,
  Badge,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconCircleCheck, IconFileSpreadsheet, IconFileText, IconUpload, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { ApiError, type FieldProblem } from '../api/errors.ts';
import type { ImportResult } from '../api/types.ts';
import { csvRole, fileSize, uploadKind } from '../lib/files.ts';
import { plural, slugify } from '../lib/format.ts';
import { ProblemList } from './problem-list.tsx';
import { ErrorAlert } from './states.tsx';

interface Loaded {
  name: string;
  size: number;
  text: string;
}

/** The server's import limit is 1 MiB of JSON body; larger files are refused before sending. */
const MAX_BYTES = 1024 * 1024;

/**
 * Upload an ecosystem: one YAML or JSON document, or CSV sheets (actors and,
 * optionally, relationships) that core turns into a document in the browser.
 * Every problem is listed with its place in the file.
 */
export function DocumentImporter(props: {
  replace?: 'ask' | 'always';
  onImported?: (r: ImportResult) => void;
}) {
  const qc = useQueryClient();
  const [files, setFiles] = useState<Loaded[]>([]);
  const [rejected, setRejected] = useState<string | null>(null);
  const [replace, setReplace] = useState(props.replace === 'always');
  const [ecoName, setEcoName] = useState('');
  const [ecoId, setEcoId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[] | null>(null);
  const [problemFile, setProblemFile] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const kinds = new Set(files.map((f) => uploadKind(f.name)));
  const mode: 'document' | 'csv' | null =
    files.length === 0
      ? null
      : kinds.size === 1 && kinds.has('document') && files.length === 1
        ? 'document'
        : kinds.size === 1 && kinds.has('csv')
          ? 'csv'
          : null;
  const mixed = files.length > 0 && mode === null;
  const sheets = files.map((f) => ({ ...f, role: csvRole(f.name, f.text) }));
  const actorsSheet = sheets.find((s) => s.role === 'actors');
  const relationshipsSheet = sheets.find((s) => s.role === 'relationships');
  const csvId = ecoId || slugify(ecoName);

  const reset = () => {
    setProblems(null);
    setError(null);
    setResult(null);
  };

  const onDrop = (dropped: File[]) => {
    reset();
    setRejected(null);
    void Promise.all(dropped.map(async (f) => ({ name: f.name, size: f.size, text: await f.text() }))).then(
      (loaded) => {
        // Dropping CSV sheets one after the other adds them; a document replaces everything.
        setFiles((old) =>
          loaded.every((l) => uploadKind(l.name) === 'csv') && old.every((o) => uploadKind(o.name) === 'csv')
            ? [...old.filter((o) => !loaded.some((l) => l.name === o.name)), ...loaded]
            : loaded,
        );
      },
    );
  };

  const finish = async (r: ImportResult) => {
    setResult(r);
    setFiles([]);
    await Promise.all([
      qc.invalidateQueries({ queryKey: ['ecosystems'] }),
      qc.invalidateQueries({ queryKey: ['me'] }),
      qc.invalidateQueries({ queryKey: ['ecosystem', r.ecosystemId] }),
      qc.invalidateQueries({ queryKey: ['graph', r.ecosystemId] }),
      qc.invalidateQueries({ queryKey: ['actors', r.ecosystemId] }),
      qc.invalidateQueries({ queryKey: ['relationships', r.ecosystemId] }),
      qc.invalidateQueries({ queryKey: ['partnerships', r.ecosystemId] }),
    ]);
    props.onImported?.(r);
  };

  const fail = (e: unknown, file?: string) => {
    if (e instanceof ApiError && e.problems.length > 0) {
      setProblems(e.problems);
      setProblemFile(file);
    } else setError(e);
  };

  const importDocument = () => {
    const f = files[0];
    if (!f) return;
    setBusy(true);
    reset();
    api
      .importDocument(f.text, { replace })
      .then(finish)
      .catch((e: unknown) => fail(e, f.name))
      .finally(() => setBusy(false));
  };

  const importCsv = () => {
    if (!actorsSheet) return;
    setBusy(true);
    reset();
    // core's CSV reader runs here, so the sheets' problems point at their own rows and columns.
    import('@valueweb/core')
      .then(async ({ readCsvDocument, formatPath }) => {
        const read = readCsvDocument({
          ecosystem: { id: csvId, name: ecoName.trim() },
          actors: { name: actorsSheet.name, text: actorsSheet.text },
          ...(relationshipsSheet
            ? { relationships: { name: relationshipsSheet.name, text: relationshipsSheet.text } }
            : {}),
        });
        if (!read.ok) {
          setProblems(
            read.problems.map((p) => ({
              field: formatPath(p.path),
              message: p.message,
              ...(p.line ? { line: p.line } : {}),
              ...(p.column ? { column: p.column } : {}),
              ...(p.file ? { file: p.file } : {}),
            })),
          );
          setProblemFile(undefined);
          return;
        }
        await finish(await api.importDocument(read.document, { replace }));
      })
      .catch((e: unknown) => fail(e))
      .finally(() => setBusy(false));
  };

  const tooBig = files.some((f) => f.size > MAX_BYTES);

  return (
    <Stack gap="md" data-testid="importer">
      <Dropzone
        onDrop={onDrop}
        onReject={(r) => setRejected(r.map((x) => x.file.name).join(', '))}
        maxSize={MAX_BYTES * 4}
        accept={{
          'application/yaml': ['.yaml', '.yml'],
          'application/x-yaml': ['.yaml', '.yml'],
          'text/yaml': ['.yaml', '.yml'],
          'application/json': ['.json'],
          'text/csv': ['.csv'],
          'text/plain': ['.yaml', '.yml', '.csv', '.json'],
        }}
        multiple
        radius="md"
        data-testid="dropzone"
      >
        <Group justify="center" gap="lg" mih={140} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={44} color="var(--mantine-color-brand-6)" stroke={1.5} />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={44} color="var(--mantine-color-red-6)" stroke={1.5} />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileText size={44} color="var(--mantine-color-gray-5)" stroke={1.5} />
          </Dropzone.Idle>
          <div>
            <Text fz="lg" fw={600}>
              Drop an ecosystem file here, or click to choose
            </Text>
            <Text fz="sm" c="dimmed" mt={6}>
              A Valueweb document in YAML or JSON, or spreadsheets as CSV: one for actors (columns id, name,
              kind, …) and optionally one for relationships (from, to, kind, …).
            </Text>
          </div>
        </Group>
      </Dropzone>
      {rejected && (
        <Alert
          color="red"
          variant="light"
          title="File not accepted"
          withCloseButton
          onClose={() => setRejected(null)}
        >
          {rejected}: choose a .yaml, .yml, .json or .csv file (at most 4 MB).
        </Alert>
      )}

      {files.length > 0 && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            {files.map((f) => (
              <Group key={f.name} justify="space-between" wrap="nowrap" data-testid="import-file">
                <Group gap="sm" wrap="nowrap">
                  <ThemeIcon
                    variant="light"
                    size={34}
                    radius="md"
                    color={uploadKind(f.name) === 'csv' ? 'teal' : 'brand'}
                  >
                    {uploadKind(f.name) === 'csv' ? (
                      <IconFileSpreadsheet size={18} />
                    ) : (
                      <IconFileText size={18} />
                    )}
                  </ThemeIcon>
                  <div>
                    <Text fz="sm" fw={600}>
                      {f.name}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {fileSize(f.size)}
                      {mode === 'csv' &&
                        ` · ${csvRole(f.name, f.text) === 'actors' ? 'actors sheet' : 'relationships sheet'}`}
                    </Text>
                  </div>
                </Group>
                <CloseButton
                  aria-label={`Remove ${f.name}`}
                  onClick={() => setFiles((fs) => fs.filter((x) => x.name !== f.name))}
                />
              </Group>
            ))}
            {mixed && (
              <Text c="red" fz="sm">
                Import either one YAML/JSON document or CSV sheets, not both at once.
              </Text>
            )}
            {tooBig && (
              <Text c="red" fz="sm">
                This file is larger than the server accepts in one import (1 MB).
              </Text>
            )}
            {mode === 'csv' && (
              <>
                {!actorsSheet && (
                  <Text c="red" fz="sm">
                    Add the actors sheet too (a CSV with the columns id, name and kind).
                  </Text>
                )}
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput
                    label="Ecosystem name"
                    value={ecoName}
                    onChange={(e) => setEcoName(e.currentTarget.value)}
                    required
                  />
                  <TextInput
                    label="Identifier"
                    value={csvId}
                    onChange={(e) => setEcoId(e.currentTarget.value)}
                    required
                    description="Used in links and in the ecosystem file."
                  />
                </SimpleGrid>
              </>
            )}
            {props.replace !== 'always' && (
              <Checkbox
                label="Replace the ecosystem if one with the same identifier exists"
                description="Otherwise an existing ecosystem is not changed and the import is refused."
                checked={replace}
                onChange={(e) => setReplace(e.currentTarget.checked)}
              />
            )}
            <Group justify="flex-end">
              <Button
                leftSection={<IconUpload size={16} />}
                loading={busy}
                disabled={
                  mixed ||
                  tooBig ||
                  mode === null ||
                  (mode === 'csv' && (!actorsSheet || !ecoName.trim() || !csvId))
                }
                onClick={mode === 'csv' ? importCsv : importDocument}
                data-testid="import-submit"
              >
                Import
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {problems && <ProblemList problems={problems} file={problemFile} />}
      {error !== null && <ErrorAlert error={error} title="Import failed" />}
      {result && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck size={20} />}
          title="Imported"
          data-testid="import-result"
        >
          <Stack gap="sm">
            <Group gap="xs">
              <Badge color="brand">{plural(result.counts.actors, 'actor')}</Badge>
              <Badge color="teal">{plural(result.counts.relationships, 'relationship')}</Badge>
              <Badge color="grape">{plural(result.counts.partnerships, 'partnership')}</Badge>
            </Group>
            <Group>
              <Button component={Link} to={`/e/${encodeURIComponent(result.ecosystemId)}`} size="xs">
                Open the ecosystem
              </Button>
              <Button
                component={Link}
                to={`/e/${encodeURIComponent(result.ecosystemId)}/map`}
                size="xs"
                variant="default"
              >
                See it on the map
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
