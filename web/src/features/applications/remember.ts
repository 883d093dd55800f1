import type { QueryClient } from '@tanstack/react-query';
import type { ApplicationDetail } from '../../api/types';
import { APPLICATIONS_KEY, applicationKey } from './api';

/**
 * Puts what the server answered after a save or a submission into the cache. A fetch of the same
 * application still in flight (started when the page's address gained the new id, or by an earlier
 * save) is cancelled first: answering later, it would put back the state from before — a submitted
 * application shown as 草稿.
 */
export async function rememberApplication(queryClient: QueryClient, detail: ApplicationDetail) {
  await queryClient.cancelQueries({ queryKey: applicationKey(detail.id), exact: true });
  queryClient.setQueryData(applicationKey(detail.id), detail);
  void queryClient.invalidateQueries({ queryKey: [...APPLICATIONS_KEY, 'items', detail.id] });
  void queryClient.invalidateQueries({ queryKey: [...APPLICATIONS_KEY, 'fund', detail.id] });
  void queryClient.invalidateQueries({ queryKey: [...APPLICATIONS_KEY, 'list'] });
}
