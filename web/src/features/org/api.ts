import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';

export const OWN_ORG_KEY = ['org'] as const;

/** The logged-in user's own organisation, with its documents. */
export function useOwnOrg() {
  return useQuery({ queryKey: OWN_ORG_KEY, queryFn: () => call(api.GET('/api/org')) });
}
