import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { ApiResponse, Page } from '../../api/types';

export type ProjectDetail = ApiResponse<'/api/projects/{id}'>;
export type ProjectSummary = ApiResponse<'/api/projects/{id}/summary'>;
export type ProjectRequest = ProjectSummary['requests'][number];
export type ProjectNotice = ProjectSummary['notices'][number];
export type Payee = ProjectRequest['payees'][number];
export type PublicNotice = ApiResponse<'/api/public/project-notices'>['items'][number];
export type PublicNoticeDetail = ApiResponse<'/api/public/project-notices/{no}'>;
export type ListHouse = NonNullable<PublicNoticeDetail['list']>['items'][number];
export type VoteSheetPage = ApiResponse<'/api/projects/{id}/vote-sheet'>;
export type VoteSheetHouse = VoteSheetPage['items'][number];

/** The server's largest page: a printed list is fetched in as few requests as possible. */
const PRINT_PAGE = 200;

/**
 * Every page of a paginated list, one request after another (two CPU cores serve everyone, so no
 * burst): a printed list must hold every row, while the API hands them out a page at a time.
 */
export async function fetchAllPages<P extends Page<unknown>>(fetchPage: (page: number, pageSize: number) => Promise<P>): Promise<P> {
  const first = await fetchPage(1, PRINT_PAGE);
  const items = [...first.items];
  for (let page = 2; items.length < first.total; page++) {
    const next = await fetchPage(page, PRINT_PAGE);
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { ...first, items };
}

export const PROJECTS_KEY = ['projects'] as const;

export function useProjectDetail(id: number | undefined) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, id, 'detail'],
    queryFn: () => call(api.GET('/api/projects/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: !!id,
  });
}

export function useProjectSummary(id: number | undefined) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, id, 'summary'],
    queryFn: () => call(api.GET('/api/projects/{id}/summary', { params: { path: { id: id ?? 0 } } })),
    enabled: !!id,
  });
}

/** 投票表决签字表: every house of the range with its owners. */
export function useWholeVoteSheet(id: number | undefined) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, id, 'vote-sheet', 'all'],
    queryFn: () =>
      fetchAllPages((page, pageSize) =>
        call(api.GET('/api/projects/{id}/vote-sheet', { params: { path: { id: id ?? 0 }, query: { page, pageSize } } })),
      ),
    enabled: !!id,
  });
}

export const fetchPublicNoticePage = (no: string, page: number, pageSize: number) =>
  call(api.GET('/api/public/project-notices/{no}', { params: { path: { no }, query: { page, pageSize } } }));

/** A published notice with its whole list (预算清册 / 决算清册), for printing. */
export function useWholePublicNotice(no: string | undefined) {
  return useQuery({
    queryKey: ['public', 'project-notices', no, 'all'],
    queryFn: async () => {
      const first = await fetchPublicNoticePage(no ?? '', 1, PRINT_PAGE);
      if (!first.list) return first;
      const list = await fetchAllPages(async (page, pageSize) => {
        if (page === 1) return first.list as NonNullable<PublicNoticeDetail['list']>;
        return (await fetchPublicNoticePage(no ?? '', page, pageSize)).list as NonNullable<PublicNoticeDetail['list']>;
      });
      return { ...first, list };
    },
    enabled: !!no,
  });
}

/** The newest notice of a kind a project published: the one that is printed and posted. */
export function latestNotice(s: ProjectSummary, kind: ProjectNotice['kind']): ProjectNotice | undefined {
  return s.notices.filter((n) => n.kind === kind).at(-1);
}

/** A house's place as the lists print it: 1栋1单元101. */
export const placeOf = (h: { building: string; unit: string; room: string }) => `${h.building}${h.unit}${h.room}`;
