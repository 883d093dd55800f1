import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PaginationProps } from 'antd';
import { useState } from 'react';

/** What a paged list asks the server for: page numbers start at 1. */
export interface Paging {
  page: number;
  pageSize: number;
}

interface PagedQueryOptions<D> {
  /** Names the list in the query cache (with whatever it is filtered by); the page is added to it. */
  queryKey: readonly unknown[];
  fetchPage: (paging: Paging) => Promise<D>;
  pageSize?: number;
  /** The list's total in the answer; by default its `total`. */
  totalOf?: (data: D) => number;
  retry?: boolean;
}

const totalField = (data: unknown) => (data as { total?: number }).total ?? 0;

/**
 * A list paged by the server whose page is kept by the component (a panel or a dialog; a page of
 * its own keeps it in the address bar, see useServerTable). The previous page stays shown while
 * the next one loads; `firstPage` goes back to page 1 when what the list is filtered by changes.
 */
export function usePagedQuery<D>({ queryKey, fetchPage, pageSize = 20, totalOf = totalField, retry }: PagedQueryOptions<D>) {
  const [paging, setPaging] = useState<Paging>({ page: 1, pageSize });
  const query = useQuery({
    queryKey: [...queryKey, paging],
    queryFn: () => fetchPage(paging),
    placeholderData: keepPreviousData,
    retry,
  });
  const pagination = {
    current: paging.page,
    pageSize: paging.pageSize,
    total: query.data === undefined ? 0 : totalOf(query.data),
    onChange: (page: number, size: number) => setPaging({ page, pageSize: size }),
  } satisfies PaginationProps;
  return { query, paging, pagination, firstPage: () => setPaging((p) => ({ ...p, page: 1 })) };
}

/**
 * The pager of a list answered without a count (`more` says whether another page follows): it
 * offers one page further while there is one, and nothing while everything fits on the first page.
 */
export function aheadPagination(
  page: number,
  pageSize: number,
  data: { items: readonly unknown[]; more: boolean },
  onChange: (page: number) => void,
  size?: PaginationProps['size'],
): PaginationProps | false {
  if (page === 1 && !data.more) return false;
  return {
    current: page,
    pageSize,
    total: (page - 1) * pageSize + data.items.length + (data.more ? 1 : 0),
    onChange,
    showSizeChanger: false,
    ...(size ? { size } : {}),
  };
}
