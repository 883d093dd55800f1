import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { ApiQuery, ApiResponse } from '../../api/types';
import { reviewPath } from './reviewRoute';

export type OverviewRow = ApiResponse<'/api/office/inbox'>['items'][number];
export type OverviewQuery = ApiQuery<'/api/office/inbox'>;
export type OverviewKind = OverviewRow['kind'];
export type OverviewStage = OverviewRow['stage'];

export const OVERVIEW_KEY = ['office', 'inbox'] as const;

export const fetchOverview = (query: OverviewQuery) => call(api.GET('/api/office/inbox', { params: { query } }));

/** The kinds and stages with their names, as the server has them. */
export function useOverviewOptions() {
  return useQuery({
    queryKey: [...OVERVIEW_KEY, 'options'],
    queryFn: () => call(api.GET('/api/office/inbox/options')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Where a row is worked on: a registry application's review, a project request's review, a 退款指令's application. */
export function overviewPath(r: Pick<OverviewRow, 'source' | 'id' | 'parentId'>): string {
  if (r.source === 'project_request') return reviewPath('project_request', r.id);
  return reviewPath('application', r.source === 'refund' ? (r.parentId ?? r.id) : r.id);
}
