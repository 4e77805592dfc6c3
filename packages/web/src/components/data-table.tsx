import { Button, Group, Paper, Select, Table, Text, type MantineBreakpoint } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconArrowsSort,
  IconChevronLeft,
  IconChevronRight,
} from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import type { SortState } from '../lib/paging.ts';
import { TableSkeleton } from './states.tsx';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** The API's sort field, when the column can be sorted. */
  sortField?: string;
  width?: number | string;
  /** Hide on narrow screens (below this breakpoint). */
  visibleFrom?: MantineBreakpoint;
}

export interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  /** The first page is loading (skeleton). */
  loading: boolean;
  /** A later page or a new filter is loading (rows dim). */
  fetching?: boolean;
  sort?: SortState | null;
  onSort?: (field: string) => void;
  page: number;
  hasNext: boolean;
  onNext: () => void;
  onPrevious: () => void;
  pageSize: number;
  onPageSize: (n: number) => void;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  onRowClick?: (row: T) => void;
  /** Content of a full-width row under `row` (null for none), e.g. an expanded audit event. */
  expanded?: (row: T) => ReactNode;
  testId?: string;
  caption?: string;
}

const PAGE_SIZES = ['25', '50', '100', '200'];

/** A table over one page of a cursor-paged list, with sortable headers and previous/next. */
export function DataTable<T>(p: DataTableProps<T>) {
  const sortIcon = (field: string) => {
    if (p.sort?.field !== field) return <IconArrowsSort size={13} opacity={0.45} aria-hidden />;
    return p.sort.descending ? (
      <IconArrowDown size={13} aria-hidden />
    ) : (
      <IconArrowUp size={13} aria-hidden />
    );
  };
  const ariaSort = (field: string | undefined) => {
    if (!field || p.sort?.field !== field) return undefined;
    return p.sort.descending ? ('descending' as const) : ('ascending' as const);
  };
  const noRows = !p.loading && (p.rows?.length ?? 0) === 0;
  return (
    <Paper withBorder data-testid={p.testId}>
      {p.loading ? (
        <TableSkeleton columns={p.columns.length} />
      ) : noRows && p.page === 1 ? (
        p.empty
      ) : (
        <div
          className="vw-table-wrap"
          style={{ opacity: p.fetching ? 0.6 : 1, transition: 'opacity 120ms' }}
          aria-busy={p.fetching}
        >
          <Table stickyHeader>
            {p.caption && <caption className="vw-sr-only">{p.caption}</caption>}
            <Table.Thead>
              <Table.Tr>
                {p.columns.map((c) => (
                  <Table.Th
                    key={c.key}
                    w={c.width}
                    visibleFrom={c.visibleFrom}
                    aria-sort={ariaSort(c.sortField)}
                  >
                    {c.sortField && p.onSort ? (
                      <button
                        type="button"
                        className="vw-sort-button"
                        onClick={() => p.onSort?.(c.sortField as string)}
                      >
                        {c.header}
                        {sortIcon(c.sortField)}
                      </button>
                    ) : (
                      c.header
                    )}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(p.rows ?? []).map((row) => {
                const extra = p.expanded?.(row);
                return (
                  <Fragment key={p.rowKey(row)}>
                    <Table.Tr
                      data-testid="table-row"
                      onClick={p.onRowClick ? () => p.onRowClick?.(row) : undefined}
                      style={p.onRowClick ? { cursor: 'pointer' } : undefined}
                    >
                      {p.columns.map((c) => (
                        <Table.Td key={c.key} visibleFrom={c.visibleFrom}>
                          {c.render(row)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                    {extra != null && extra !== false && (
                      <Table.Tr bg="gray.0">
                        <Table.Td colSpan={p.columns.length}>{extra}</Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
              {noRows && (
                <Table.Tr>
                  <Table.Td colSpan={p.columns.length}>
                    <Text c="dimmed" ta="center" py="md" fz="sm">
                      No more items on this page.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {!(noRows && p.page === 1) && (
        <Group justify="space-between" px="md" py="sm" style={{ borderTop: '1px solid var(--vw-border)' }}>
          <Group gap="xs">
            <Text fz="sm" c="dimmed">
              Rows per page
            </Text>
            <Select
              aria-label="Rows per page"
              size="xs"
              w={80}
              data={PAGE_SIZES}
              value={String(p.pageSize)}
              onChange={(v) => v && p.onPageSize(Number(v))}
              allowDeselect={false}
            />
          </Group>
          <Group gap="xs">
            <Text fz="sm" c="dimmed" data-testid="page-number">
              Page {p.page}
            </Text>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconChevronLeft size={14} />}
              disabled={p.page <= 1}
              onClick={p.onPrevious}
            >
              Previous
            </Button>
            <Button
              size="xs"
              variant="default"
              rightSection={<IconChevronRight size={14} />}
              disabled={!p.hasNext}
              onClick={p.onNext}
            >
              Next
            </Button>
          </Group>
        </Group>
      )}
    </Paper>
  );
}
