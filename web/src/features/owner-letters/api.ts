import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { ApiBody, ApiResponse } from '../../api/types';

export type LetterBatch = ApiResponse<'/api/owner-letters', 'post'>;
export type LetterRequest = ApiBody<'/api/owner-letters', 'post'>;

/** F-80: issues the letters; the codes come back this once, for printing. */
export const issueOwnerLetters = (body: LetterRequest) => call(api.POST('/api/owner-letters', { body }));

/** The normal houses of a building, as the portal lists them. */
export function useRooms(buildingId: number | undefined) {
  return useQuery({
    queryKey: ['public', 'buildings', buildingId, 'rooms'],
    queryFn: () => call(api.GET('/api/public/buildings/{id}/rooms', { params: { path: { id: buildingId ?? 0 } } })),
    enabled: buildingId !== undefined,
  });
}

/** What the print view receives through the browser's history: never stored anywhere else. */
export interface LettersPrintState {
  batch: LetterBatch;
  /** What was chosen, e.g. 侨城花园 1栋. */
  scope: string;
}
