import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { ApiBody, ApiResponse } from '../../api/types';
import { PROJECTS_KEY } from './api';

/** F-82 电子投票 as the committee and the office see it. */
export type EvoteStatus = ApiResponse<'/api/projects/{id}/evote'>;
export type EvoteResult = ApiResponse<'/api/projects/{id}/evote/result'>;
export type OpenEvoteBody = ApiBody<'/api/projects/{id}/evote', 'post'>;

const byId = (id: number) => ({ params: { path: { id } } });

export const fetchEvote = (id: number) => call(api.GET('/api/projects/{id}/evote', byId(id)));
export const fetchEvoteResult = (id: number) => call(api.GET('/api/projects/{id}/evote/result', byId(id)));
export const openEvote = (id: number, body: OpenEvoteBody) => call(api.POST('/api/projects/{id}/evote', { ...byId(id), body }));

export function useEvote(id: number | undefined) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, id, 'evote'],
    queryFn: () => fetchEvote(id ?? 0),
    enabled: !!id,
    // Turnout moves while owners vote: the page keeps up without a reload.
    refetchInterval: 30_000,
  });
}

export function useEvoteResult(id: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, id, 'evote', 'result'],
    queryFn: () => fetchEvoteResult(id ?? 0),
    enabled: !!id && enabled,
  });
}

export const PHASE_LABELS = { pending: '未开始', open: '投票中', closed: '已结束' } as const;
