import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig, TableProps } from 'antd';
import { useRef } from 'react';
import { useSearchParams } from 'react-router';
import type { Page } from '../api/types';

export type Filters<K extends string> = Partial<Record<K, string>>;

interface ServerTableOptions<T, K extends string> {
  /** Names the list in the query cache; the page, page size and filters are added to it. */
  queryKey: readonly unknown[];
  /** Filter names, kept in the address bar so a list can be linked to, reloaded and returned to. */
  filterKeys: readonly K[];
  fetchPage: (request: { page: number; pageSize: number; filters: Filters<K> }) => Promise<Page<T>>;
  defaultPageSize?: number;
  /** Whether the filters say enough to ask (e.g. an area is chosen); until then nothing is fetched. */
  ready?: (filters: Filters<K>) => boolean;
}

/**
 * A table paginated and filtered by the server. Page, page size and filters live in the URL's
 * search parameters; changing a filter goes back to page 1.
 */
export function useServerTable<T extends { id: number }, K extends string>(options: ServerTableOptions<T, K>) {
  const { queryKey, filterKeys, fetchPage, defaultPageSize = 20, ready } = options;
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Number(params.get('pageSize')) || defaultPageSize;
  const filters: Filters<K> = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }

  const query = useQuery({
    queryKey: [...queryKey, { page, pageSize, ...filters }],
    queryFn: () => fetchPage({ page, pageSize, filters }),
    placeholderData: keepPreviousData,
    enabled: ready ? ready(filters) : true,
  });

  // The router's functional update reads the address as of the last render, so two changes made
  // before it re-renders (a location picked, then a search typed) would drop the first one. Each
  // change builds on the one before it, until the router reports an address of its own.
  const seen = useRef(params);
  const latest = useRef(params);
  if (seen.current !== params) {
    seen.current = params;
    latest.current = params;
  }
  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(latest.current);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    latest.current = next;
    setParams(next, { replace: true });
  };

  const setFilters = (patch: Filters<K>) => update({ ...patch, page: undefined });

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: query.data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    // A city-wide list is counted only so far (the server says so): beyond it, say "more than".
    showTotal: (total) => (query.data?.totalCapped ? `超过 ${total} 条，可用筛选条件缩小范围` : `共 ${total} 条`),
  };

  const tableProps: TableProps<T> = {
    rowKey: 'id',
    dataSource: query.data?.items ?? [],
    loading: query.isFetching,
    pagination,
    onChange: (p) =>
      update({ page: p.current === 1 ? undefined : p.current, pageSize: p.pageSize === defaultPageSize ? undefined : p.pageSize }),
  };

  return { tableProps, filters, setFilters, query };
}
