import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { ApiQuery, ApiResponse } from '../../api/types';

/** F-62: a kind of request with its own list of 要件 (a registry application type, a project approval by type, a disbursement). */
export type RequiredDocType = ApiQuery<'/api/required-documents'>['type'];
export type RequiredDocList = ApiResponse<'/api/required-documents'>;

export const REQUIRED_DOCUMENTS_KEY = ['required-documents'] as const;

/** The list a repair project's request is checked against: the approval by project type, or a disbursement. */
export { projectDocType } from '../../../../server/src/domain/required-doc-types.ts';

/** The documents the window asks for with one type of request (any logged-in user may read them). */
export function useRequiredDocuments(type: RequiredDocType | undefined) {
  return useQuery({
    queryKey: [...REQUIRED_DOCUMENTS_KEY, type],
    queryFn: () => call(api.GET('/api/required-documents', { params: { query: { type: type as RequiredDocType } } })),
    enabled: type !== undefined,
  });
}
