import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';

export const MESSAGES_KEY = ['messages'] as const;
const UNREAD_KEY = [...MESSAGES_KEY, 'unread'] as const;

/** The header's unread count: asked again every minute and whenever the window regains focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => call(api.GET('/api/messages/unread-count')),
    refetchInterval: 60_000,
  });
}

export function useMessages(page: number, pageSize: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: [...MESSAGES_KEY, 'list', { page, pageSize, unreadOnly }],
    queryFn: () =>
      call(api.GET('/api/messages', { params: { query: { page, pageSize, ...(unreadOnly ? { unread: '1' as const } : {}) } } })),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(api.POST('/api/messages/{id}/read', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: MESSAGES_KEY }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/messages/read-all')),
    onSuccess: () => qc.invalidateQueries({ queryKey: MESSAGES_KEY }),
  });
}

export function useTodos() {
  return useQuery({ queryKey: ['workspace', 'todos'], queryFn: () => call(api.GET('/api/workspace/todos')) });
}
