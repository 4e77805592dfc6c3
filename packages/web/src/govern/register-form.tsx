/**
 * One form for the registers' items (obligations, issues, risks, disputes),
 * driven by a list of fields: creates an item (its id from its title) or
 * changes one (only the fields that changed; a cleared optional field is
 * removed), with the server's problems next to the fields.
 */
import {
  Button,
  Checkbox,
  Drawer,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { formErrors } from '../api/errors.ts';
import {
  recordsApi,
  useInvalidatePartnership,
  type RecordItem,
  type RecordSection,
} from '../api/records-api.ts';
import { FormProblems } from '../components/form-problems.tsx';
import { slugify } from '../lib/format.ts';
import { notify } from './ui.tsx';

export interface FieldSpec {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'select' | 'actor' | 'actors' | 'number' | 'boolean';
  options?: { value: string; label: string }[];
  required?: boolean;
  description?: string;
  /** Two fields side by side share a row. */
  half?: boolean;
  min?: number;
  max?: number;
  defaultValue?: unknown;
}

type Value = string | number | boolean | string[] | null;

const empty = (v: Value | undefined) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

export function RegisterFormDrawer(props: {
  ecosystemId: string;
  partnershipId: string;
  section: RecordSection;
  what: string;
  fields: FieldSpec[];
  /** The field the id is made from, for a new item. */
  titleField: string;
  editing: RecordItem | null;
  opened: boolean;
  takenKeys: string[];
  actorOptions: { group: string; items: { value: string; label: string }[] }[];
  onClose: () => void;
}) {
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={props.opened}
      onClose={props.onClose}
      title={
        <Text fw={650} fz="lg">
          {props.editing ? `Edit ${props.what}` : `New ${props.what}`}
        </Text>
      }
    >
      {props.opened && <RegisterForm key={props.editing?.key ?? 'new'} {...props} />}
    </Drawer>
  );
}

function RegisterForm(props: Parameters<typeof RegisterFormDrawer>[0]) {
  const item = (props.editing?.item ?? {}) as Record<string, unknown>;
  const initial = Object.fromEntries(
    props.fields.map((f) => [
      f.key,
      (item[f.key] as Value | undefined) ??
        (props.editing ? null : ((f.defaultValue as Value | undefined) ?? null)),
    ]),
  ) as Record<string, Value>;
  const [v, setV] = useState<Record<string, Value>>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const invalidate = useInvalidatePartnership();
  const keys = props.fields.map((f) => f.key);
  const { fields, other } = formErrors(error, [...keys, 'id']);
  const set = (k: string, x: Value) => setV((o) => ({ ...o, [k]: x }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, string> = {};
    for (const f of props.fields) if (f.required && empty(v[f.key])) need[f.key] = `${f.label} is needed.`;
    setMissing(need);
    if (Object.keys(need).length > 0) return;
    setBusy(true);
    setError(null);
    let request: Promise<RecordItem>;
    if (props.editing) {
      const patch: Record<string, unknown> = {};
      for (const f of props.fields) {
        const before = initial[f.key];
        const after = v[f.key];
        if (JSON.stringify(before ?? null) === JSON.stringify(empty(after) ? null : after)) continue;
        patch[f.key] = empty(after) ? null : after;
      }
      request = recordsApi.update<RecordSection>(
        props.ecosystemId,
        props.partnershipId,
        props.section,
        props.editing.key,
        patch,
        props.editing.version,
      );
    } else {
      const stem = slugify(String(v[props.titleField] ?? '')) || props.section.replace(/s$/, '');
      let id = stem;
      for (let k = 2; props.takenKeys.includes(id); k++) id = `${stem}-${k}`;
      const body: Record<string, unknown> = { id };
      for (const f of props.fields) if (!empty(v[f.key])) body[f.key] = v[f.key];
      request = recordsApi.create<RecordSection>(props.ecosystemId, props.partnershipId, props.section, body);
    }
    request
      .then(async () => {
        await invalidate(props.ecosystemId, props.partnershipId);
        notify({
          color: 'teal',
          message: props.editing ? `The ${props.what} is saved.` : `The ${props.what} is added.`,
        });
        props.onClose();
      })
      .catch((x: unknown) => setError(x))
      .finally(() => setBusy(false));
  };

  const control = (f: FieldSpec) => {
    const err = missing[f.key] ?? fields[f.key];
    const common = {
      label: f.label,
      description: f.description,
      error: err,
      required: f.required,
      'data-testid': `register-field-${f.key}`,
    };
    const x = v[f.key];
    switch (f.kind) {
      case 'textarea':
        return (
          <Textarea
            key={f.key}
            {...common}
            autosize
            minRows={2}
            maxRows={8}
            value={typeof x === 'string' ? x : ''}
            onChange={(e) => set(f.key, e.currentTarget.value)}
          />
        );
      case 'date':
        return (
          <TextInput
            key={f.key}
            {...common}
            type="date"
            value={typeof x === 'string' ? x : ''}
            onChange={(e) => set(f.key, e.currentTarget.value)}
          />
        );
      case 'select':
        return (
          <Select
            key={f.key}
            {...common}
            data={f.options ?? []}
            value={typeof x === 'string' ? x : null}
            onChange={(s) => set(f.key, s)}
            clearable={!f.required}
          />
        );
      case 'actor':
        return (
          <Select
            key={f.key}
            {...common}
            data={props.actorOptions}
            value={typeof x === 'string' ? x : null}
            onChange={(s) => set(f.key, s)}
            searchable
            clearable={!f.required}
          />
        );
      case 'actors':
        return (
          <MultiSelect
            key={f.key}
            {...common}
            data={props.actorOptions}
            value={Array.isArray(x) ? x : []}
            onChange={(s) => set(f.key, s)}
            searchable
          />
        );
      case 'number':
        return (
          <NumberInput
            key={f.key}
            {...common}
            value={typeof x === 'number' ? x : ''}
            min={f.min}
            max={f.max}
            onChange={(n) => set(f.key, typeof n === 'number' ? n : null)}
          />
        );
      case 'boolean':
        return (
          <Checkbox
            key={f.key}
            label={f.label}
            description={f.description}
            error={err}
            checked={x === true}
            onChange={(e) => set(f.key, e.currentTarget.checked)}
            mt="sm"
          />
        );
      case 'text':
      default:
        return (
          <TextInput
            key={f.key}
            {...common}
            value={typeof x === 'string' ? x : ''}
            onChange={(e) => set(f.key, e.currentTarget.value)}
          />
        );
    }
  };

  // Consecutive half-width fields share a row.
  const rows: FieldSpec[][] = [];
  for (const f of props.fields) {
    const last = rows.at(-1);
    if (f.half && last && last.length === 1 && last[0]!.half) last.push(f);
    else rows.push([f]);
  }
  return (
    <form onSubmit={submit} noValidate data-testid={`register-form-${props.section}`}>
      <Stack gap="md">
        <FormProblems error={error} other={[...other, ...(fields.id ? [fields.id] : [])]} what={props.what} />
        {rows.map((row, i) =>
          row.length === 2 ? (
            <SimpleGrid key={i} cols={{ base: 1, sm: 2 }}>
              {row.map(control)}
            </SimpleGrid>
          ) : (
            control(row[0]!)
          ),
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="register-save">
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
