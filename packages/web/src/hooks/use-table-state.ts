/**
 * State of a server-paged table: sort, page size and the cursor stack, reset
 * to the first page whenever the filters change.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  currentCursor,
  firstPage,
  nextPage,
  pageNumber,
  previousPage,
  sortParam,
  toggleSort,
  type CursorPages,
  type SortState,
} from '../lib/paging.ts';

export function useTableState(initialSort: SortState | null, filtersKey: string) {
  const [sort, setSort] = useState<SortState | null>(initialSort);
  const [pageSize, setPageSize] = useState(50);
  const [pages, setPages] = useState<CursorPages>(firstPage);
  const last = useRef(filtersKey);
  useEffect(() => {
    if (last.current !== filtersKey) {
      last.current = filtersKey;
      setPages(firstPage());
    }
  }, [filtersKey]);
  return {
    sort,
    pageSize,
    page: pageNumber(pages),
    /** Parameters for the list request. */
    params: { sort: sortParam(sort), limit: pageSize, cursor: currentCursor(pages) ?? undefined },
    onSort: useCallback((field: string) => {
      setSort((s) => toggleSort(s, field));
      setPages(firstPage());
    }, []),
    onPageSize: useCallback((n: number) => {
      setPageSize(n);
      setPages(firstPage());
    }, []),
    next: (cursor: string | null) => setPages((p) => nextPage(p, cursor)),
    previous: () => setPages((p) => previousPage(p)),
    reset: () => setPages(firstPage()),
  };
}
