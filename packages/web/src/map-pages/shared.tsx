/**
 * Pieces the Map pages share: the actor directory (names and kinds from the
 * map's graph), links to actors on the map, a client-side sortable table for
 * a whole analysis, stat cards, and the loading / error / empty frame.
 */
import {
  Anchor,
  Center,
  Group,
  Pagination,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Tooltip,
  type MantineBreakpoint,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconInfoCircle, IconSearch } from '@tabler/icons-react';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useGraph } from '../api/queries.ts';
import type { GraphNode } from '../api/types.ts';
import { actorKindColor } from '../lib/graph-style.ts';
import { kindLabel } from '../lib/format.ts';
import { nameLookup, nextSort, sortRows, type ClientSort, type NameOf } from '../lib/map-insights.ts';
import { Empty, ErrorAlert, PageLoader } from '../components/states.tsx';

export interface ActorDirectory {
  names: Map<string, string>;
  kinds: Map<string, string>;
  nodes: Map<string, GraphNode>;
  name: NameOf;
  /** The map's graph is still loading (names fall back to ids meanwhile). */
  loading: boolean;
}

/** Names and kinds of every actor, from the map's graph (one cached request shared with the map). */
export function useActorDirectory(ecosystemId: string): ActorDirectory {
  const graph = useGraph(ecosystemId);
  return useMemo(() => {
    const names = new Map<string, string>();
    const kinds = new Map<string, string>();
    const nodes = new Map<string, GraphNode>();
    for (const n of graph.data?.nodes ?? []) {
      names.set(n.id, n.name);
      kinds.set(n.id, n.kind);
      nodes.set(n.id, n);
    }
    return { names, kinds, nodes, name: nameLookup(names), loading: graph.isPending };
  }, [graph.data, graph.isPending]);
}

/** `/e/<id>/map?focus=<actor>`. */
export const mapFocusLink = (ecosystemId: string, actorId: string) =>
  `/e/${encodeURIComponent(ecosystemId)}/map?focus=${encodeURIComponent(actorId)}`;

/** An actor's name with its kind colour, linking to it on the map (`inline` to flow inside a sentence or a list). */
export function ActorLink(props: {
  ecosystemId: string;
  id: string;
  directory: ActorDirectory;
  fw?: number;
  fz?: string;
  inline?: boolean;
}) {
  const kind = props.directory.kinds.get(props.id);
  const name = props.directory.name(props.id);
  const dot = (
    <span
      className="vw-dot"
      style={{
        background: kind ? actorKindColor(kind) : 'var(--mantine-color-gray-4)',
        ...(props.inline ? { width: 8, height: 8, marginRight: 5, verticalAlign: 'baseline' } : {}),
      }}
      aria-hidden
    />
  );
  return (
    <Anchor
      component={Link}
      to={mapFocusLink(props.ecosystemId, props.id)}
      fz={props.fz ?? 'sm'}
      fw={props.fw ?? 500}
      c="inherit"
      underline="hover"
      title={`${name}${kind ? ` (${kindLabel(kind)})` : ''}: show on the map`}
      style={
        props.inline
          ? { display: 'inline' }
          : { display: 'inline-flex', alignItems: 'center', gap: 6, maxWidth: '100%' }
      }
      data-testid="actor-link"
    >
      {dot}
      {props.inline ? name : <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{name}</span>}
    </Anchor>
  );
}

/** Actor links as a flowing, comma-separated list, the rest behind "and n more". */
export function ActorLinks(props: {
  ecosystemId: string;
  ids: readonly string[];
  directory: ActorDirectory;
  max?: number;
  empty?: string;
}) {
  const [all, setAll] = useState(false);
  const max = props.max ?? 6;
  if (props.ids.length === 0)
    return (
      <Text fz="sm" c="dimmed">
        {props.empty ?? '—'}
      </Text>
    );
  const shown = all ? props.ids : props.ids.slice(0, max);
  return (
    <Text component="div" fz="sm" lh={1.55} style={{ minWidth: 0 }}>
      {shown.map((id, i) => (
        <Fragment key={id}>
          <span>
            <ActorLink ecosystemId={props.ecosystemId} id={id} directory={props.directory} inline />
            {i < shown.length - 1 ? ',' : ''}
          </span>{' '}
        </Fragment>
      ))}
      {props.ids.length > max && (
        <Anchor
          component="button"
          type="button"
          fz="sm"
          onClick={() => setAll((a) => !a)}
          style={{ verticalAlign: 'baseline' }}
        >
          {all ? 'show fewer' : `and ${props.ids.length - max} more`}
        </Anchor>
      )}
    </Text>
  );
}

/** A small "i" with a definition on hover or focus. */
export function InfoTip(props: { label: ReactNode; w?: number }) {
  return (
    <Tooltip
      label={props.label}
      multiline
      w={props.w ?? 280}
      openDelay={100}
      events={{ hover: true, focus: true, touch: true }}
    >
      <span
        tabIndex={0}
        role="img"
        aria-label={typeof props.label === 'string' ? props.label : 'Definition'}
        style={{ display: 'inline-flex', color: 'var(--mantine-color-gray-6)', cursor: 'help' }}
      >
        <IconInfoCircle size={14} />
      </span>
    </Tooltip>
  );
}

/** A figure on a card: label, value, one line of context. */
export function StatCard(props: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  icon?: ReactNode;
  color?: string;
  definition?: string;
  testId?: string;
}) {
  return (
    <Paper withBorder p="md" h="100%" data-testid={props.testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <Text fz="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.05em' }}>
              {props.label}
            </Text>
            {props.definition && <InfoTip label={props.definition} />}
          </Group>
          <Text fz={26} fw={700} lh={1.2}>
            {props.value}
          </Text>
          {props.hint && (
            <Text fz="xs" c="dimmed">
              {props.hint}
            </Text>
          )}
        </Stack>
        {props.icon && (
          <ThemeIcon variant="light" color={props.color ?? 'brand'} size={38} radius="md">
            {props.icon}
          </ThemeIcon>
        )}
      </Group>
    </Paper>
  );
}

/** The title of a section of a page, with an optional line under it and actions on the right. */
export function SectionTitle(props: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  id?: string;
}) {
  return (
    <Group justify="space-between" align="flex-end" mb="sm" gap="sm" wrap="wrap">
      <Stack gap={2} style={{ minWidth: 0, flex: '1 1 280px' }}>
        <Text component="h3" fz="lg" fw={650} m={0} id={props.id}>
          {props.title}
        </Text>
        {props.description && (
          <Text fz="sm" c="dimmed">
            {props.description}
          </Text>
        )}
      </Stack>
      {props.actions && <Group gap="xs">{props.actions}</Group>}
    </Group>
  );
}

export interface SortColumn<T> {
  key: string;
  header: string;
  /** A definition shown in a tooltip next to the header. */
  help?: string;
  render: (row: T) => ReactNode;
  /** The value sorted on; no sorting without it. */
  sortValue?: (row: T) => number | string | null | undefined;
  /** Descending on the first click (numbers usually are). */
  descendingFirst?: boolean;
  align?: 'left' | 'right' | 'center';
  width?: number | string;
  visibleFrom?: MantineBreakpoint;
}

/**
 * A table over rows held in memory (a whole analysis): sortable headers with
 * definitions, an optional search, pages of `pageSize`.
 */
export function SortableTable<T>(props: {
  columns: SortColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  initialSort?: ClientSort | null;
  caption: string;
  testId?: string;
  pageSize?: number;
  /** Text a row is searched by; shows a search box when given. */
  searchText?: (row: T) => string;
  searchPlaceholder?: string;
  empty?: ReactNode;
  rowProps?: (row: T) => Record<string, string | undefined>;
  toolbar?: ReactNode;
}) {
  const [sort, setSort] = useState<ClientSort | null>(props.initialSort ?? null);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const pageSize = props.pageSize ?? 25;
  const { columns, rows, searchText } = props;
  const filtered = useMemo(() => {
    const needle = q.trim().toLowerCase();
    if (!needle || !searchText) return rows;
    return rows.filter((r) => searchText(r).toLowerCase().includes(needle));
  }, [rows, q, searchText]);
  const sorted = useMemo(() => {
    const col = sort ? columns.find((c) => c.key === sort.key) : undefined;
    if (!sort || !col?.sortValue) return filtered;
    return sortRows(filtered, col.sortValue, sort.descending);
  }, [filtered, sort, columns]);
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const current = Math.min(page, pages);
  const shown = sorted.slice((current - 1) * pageSize, current * pageSize);

  const icon = (key: string) => {
    if (sort?.key !== key) return <IconArrowsSort size={13} opacity={0.45} aria-hidden />;
    return sort.descending ? <IconArrowDown size={13} aria-hidden /> : <IconArrowUp size={13} aria-hidden />;
  };
  return (
    <Paper withBorder data-testid={props.testId}>
      {(searchText || props.toolbar) && (
        <Group p="sm" gap="sm" style={{ borderBottom: '1px solid var(--vw-border)' }} wrap="wrap">
          {searchText && (
            <TextInput
              placeholder={props.searchPlaceholder ?? 'Search'}
              aria-label={props.searchPlaceholder ?? 'Search'}
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                setPage(1);
              }}
              style={{ flex: '1 1 240px', maxWidth: 360 }}
              size="sm"
            />
          )}
          {props.toolbar}
          <Text fz="xs" c="dimmed" ml="auto">
            {sorted.length === rows.length
              ? `${rows.length.toLocaleString('en')} ${rows.length === 1 ? 'row' : 'rows'}`
              : `${sorted.length.toLocaleString('en')} of ${rows.length.toLocaleString('en')}`}
          </Text>
        </Group>
      )}
      {sorted.length === 0 ? (
        (props.empty ?? (
          <Text c="dimmed" ta="center" py="xl" fz="sm">
            Nothing matches.
          </Text>
        ))
      ) : (
        <div className="vw-table-wrap">
          <Table stickyHeader verticalSpacing="xs">
            <caption className="vw-sr-only">{props.caption}</caption>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th
                    key={c.key}
                    w={c.width}
                    visibleFrom={c.visibleFrom}
                    ta={c.align}
                    aria-sort={
                      sort?.key === c.key ? (sort.descending ? 'descending' : 'ascending') : undefined
                    }
                  >
                    <Group
                      gap={4}
                      wrap="nowrap"
                      justify={
                        c.align === 'right' ? 'flex-end' : c.align === 'center' ? 'center' : 'flex-start'
                      }
                    >
                      {(() => {
                        const text = c.help ? (
                          <span style={{ textDecoration: 'underline dotted', textUnderlineOffset: 3 }}>
                            {c.header}
                          </span>
                        ) : (
                          c.header
                        );
                        const label = c.sortValue ? (
                          <button
                            type="button"
                            className="vw-sort-button"
                            onClick={() => {
                              setSort((s) => nextSort(s, c.key, c.descendingFirst ?? false));
                              setPage(1);
                            }}
                            data-testid={`sort-${c.key}`}
                            aria-description={c.help}
                          >
                            {text}
                            {icon(c.key)}
                          </button>
                        ) : c.help ? (
                          <span tabIndex={0} style={{ cursor: 'help' }} aria-description={c.help}>
                            {text}
                          </span>
                        ) : (
                          text
                        );
                        return c.help ? (
                          <Tooltip
                            label={c.help}
                            multiline
                            w={300}
                            openDelay={200}
                            events={{ hover: true, focus: false, touch: true }}
                          >
                            {label}
                          </Tooltip>
                        ) : (
                          label
                        );
                      })()}
                    </Group>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <Table.Tr key={props.rowKey(row)} data-testid="table-row" {...props.rowProps?.(row)}>
                  {columns.map((c) => (
                    <Table.Td key={c.key} visibleFrom={c.visibleFrom} ta={c.align}>
                      {c.render(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {pages > 1 && (
        <Group justify="space-between" px="md" py="sm" style={{ borderTop: '1px solid var(--vw-border)' }}>
          <Text fz="sm" c="dimmed">
            {(current - 1) * pageSize + 1}–{Math.min(current * pageSize, sorted.length)} of{' '}
            {sorted.length.toLocaleString('en')}
          </Text>
          <Pagination
            total={pages}
            value={current}
            onChange={setPage}
            size="sm"
            getControlProps={(control) => ({
              'aria-label': `${control.charAt(0).toUpperCase()}${control.slice(1)} page`,
            })}
          />
        </Group>
      )}
    </Paper>
  );
}

/** Loading, error and "no actors" for a page that needs the analysis. */
export function AnalysisState(props: {
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  label: string;
  empty: boolean;
  emptyTitle?: string;
  emptyDescription?: string;
  emptyAction?: ReactNode;
  children: () => ReactNode;
}) {
  if (props.isPending) return <PageLoader label={props.label} />;
  if (props.error)
    return (
      <Center py="xl">
        <ErrorAlert error={props.error} title="Could not load the network analysis" onRetry={props.onRetry} />
      </Center>
    );
  if (props.empty)
    return (
      <Empty
        icon={<IconInfoCircle size={28} />}
        title={props.emptyTitle ?? 'No actors yet'}
        description={
          props.emptyDescription ??
          'The analysis needs actors and the relationships between them. Add some, or import an ecosystem file.'
        }
        action={props.emptyAction}
      />
    );
  return <>{props.children()}</>;
}
