/**
 * Cursor paging for tables: the API gives only a `nextCursor`, so the way back
 * is a stack of the cursors that opened each page seen so far.
 */
export interface CursorPages {
  /** The cursor of each page opened so far; the first page's is null. */
  stack: (string | null)[];
}

export const firstPage = (): CursorPages => ({ stack: [null] });

/** The cursor to request for the current page. */
export const currentCursor = (p: CursorPages): string | null => p.stack[p.stack.length - 1] ?? null;

/** 1-based number of the current page. */
export const pageNumber = (p: CursorPages): number => p.stack.length;

/** Opens the next page (no change when there is none). */
export function nextPage(p: CursorPages, nextCursor: string | null): CursorPages {
  return nextCursor ? { stack: [...p.stack, nextCursor] } : p;
}

/** Goes back one page (no change on the first). */
export function previousPage(p: CursorPages): CursorPages {
  return p.stack.length > 1 ? { stack: p.stack.slice(0, -1) } : p;
}

/** Sort parameter as the API reads it: `name` ascending, `-name` descending. */
export interface SortState {
  field: string;
  descending: boolean;
}

export const sortParam = (s: SortState | null): string | undefined =>
  s ? `${s.descending ? '-' : ''}${s.field}` : undefined;

/** Clicking a column header: ascending, then descending, then back to ascending. */
export function toggleSort(s: SortState | null, field: string): SortState {
  if (s?.field === field) return { field, descending: !s.descending };
  return { field, descending: false };
}
