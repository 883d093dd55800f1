import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { ApiQuery } from '../../api/types';
import type { PublicNotice } from '../project-print/api';

export type NoticeQuery = ApiQuery<'/api/public/project-notices'>;
export type NoticeKind = PublicNotice['kind'];

export const NOTICE_KINDS: { value: NoticeKind; label: string }[] = [
  { value: 'initiation', label: '立项公示' },
  { value: 'acceptance', label: '验收公示' },
  { value: 'cancellation', label: '撤销公示' },
];

export const fetchPublicNotices = (query: NoticeQuery) => call(api.GET('/api/public/project-notices', { params: { query } }));

export function usePublicAreas() {
  return useQuery({ queryKey: ['public', 'areas'], queryFn: () => call(api.GET('/api/public/areas')) });
}

export function useLatestNotices(count: number) {
  return useQuery({
    queryKey: ['public', 'project-notices', 'latest', count],
    queryFn: () => fetchPublicNotices({ page: 1, pageSize: count }),
  });
}
