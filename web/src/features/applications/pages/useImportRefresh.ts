import { useQueryClient } from '@tanstack/react-query';
import { APPLICATIONS_KEY, applicationActions, applicationKey } from '../api';

/** After an import: the application again (counts, buildings the import added) and its item tables. */
export function useImportRefresh() {
  const queryClient = useQueryClient();
  return async (id: number) => {
    const detail = await queryClient.fetchQuery({ queryKey: applicationKey(id), queryFn: () => applicationActions.get(id) });
    await queryClient.invalidateQueries({ queryKey: [...APPLICATIONS_KEY, 'items', id] });
    return detail;
  };
}
