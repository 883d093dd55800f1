import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchItems, itemsKey } from '../api';

/** One kind of an application's items, a page at a time from the server. */
export function useItemsPage(appId: number, kind: string, pageSize = 10) {
  const [page, setPage] = useState({ current: 1, pageSize });
  const query = useQuery({
    queryKey: [...itemsKey(appId, kind), page],
    queryFn: () => fetchItems(appId, kind, page.current, page.pageSize),
    placeholderData: keepPreviousData,
  });
  return {
    items: query.data?.items ?? [],
    loading: query.isFetching,
    query,
    page: { ...page, total: query.data?.total ?? 0, onChange: (current: number, size: number) => setPage({ current, pageSize: size }) },
  };
}
