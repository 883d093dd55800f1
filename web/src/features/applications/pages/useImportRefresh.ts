import { useQueryClient } from '@tanstack/react-query';
import { APPLICATIONS_KEY, applicationActions, applicationFundKey, applicationKey } from '../api';

/** After an import: the application again (counts, buildings the import added), its item tables and its money preview. */
export function useImportRefresh() {
  const queryClient = useQueryClient();
  return async (id: number) => {
    const detail = await queryClient.fetchQuery({ queryKey: applicationKey(id), queryFn: () => applicationActions.get(id) });
    await queryClient.invalidateQueries({ queryKey: [...APPLICATIONS_KEY, 'items', id] });
    // What the application would move or refund depends on its items.
    await queryClient.invalidateQueries({ queryKey: applicationFundKey(id) });
    return detail;
  };
}
