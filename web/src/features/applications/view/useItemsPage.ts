import { usePagedQuery } from '../../../lib/paging';
import { fetchItems, itemsKey } from '../api';

/** One kind of an application's items, a page at a time from the server. */
export function useItemsPage(appId: number, kind: string, pageSize = 10) {
  const { query, pagination } = usePagedQuery({
    queryKey: itemsKey(appId, kind),
    fetchPage: (paging) => fetchItems(appId, kind, paging.page, paging.pageSize),
    pageSize,
  });
  return {
    items: query.data?.items ?? [],
    loading: query.isFetching,
    query,
    page: pagination,
  };
}
