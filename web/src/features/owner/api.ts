import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, setCsrfToken } from '../../api/client';
import type { ApiResponse } from '../../api/types';

export const OWNER_KEY = ['owner'] as const;
export const OWNER_SESSION = [...OWNER_KEY, 'session'] as const;
const MESSAGES = [...OWNER_KEY, 'messages'] as const;

export type OwnerHouse = ApiResponse<'/api/owner/houses/{id}'>;
export type OwnerProject = ApiResponse<'/api/owner/houses/{id}/projects'>['items'][number];
export type OwnerMessage = ApiResponse<'/api/owner/messages'>['items'][number];
export type StatementLine = ApiResponse<'/api/owner/houses/{id}/statement'>['items'][number];

const path = (id: number) => ({ params: { path: { id } } });

/** The owner's session (F-80); its CSRF token goes with every later change. */
export function useOwnerSession() {
  return useQuery({
    queryKey: OWNER_SESSION,
    queryFn: async () => {
      const s = await call(api.GET('/api/owner/session'));
      setCsrfToken(s.csrfToken);
      return s;
    },
    retry: false,
  });
}

export function useOwnerHouses(enabled: boolean) {
  return useQuery({ queryKey: [...OWNER_KEY, 'houses'], queryFn: () => call(api.GET('/api/owner/houses')), enabled });
}

export function useOwnerHouse(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...OWNER_KEY, 'houses', id],
    queryFn: () => call(api.GET('/api/owner/houses/{id}', path(id))),
    enabled,
    retry: false,
  });
}

export function useOwnerStatement(id: number, page: number, pageSize: number, enabled: boolean) {
  return useQuery({
    queryKey: [...OWNER_KEY, 'houses', id, 'statement', { page, pageSize }],
    queryFn: () => call(api.GET('/api/owner/houses/{id}/statement', { params: { path: { id }, query: { page, pageSize } } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useOwnerProjects(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...OWNER_KEY, 'houses', id, 'projects'],
    queryFn: () => call(api.GET('/api/owner/houses/{id}/projects', path(id))),
    enabled,
  });
}

export function useOwnerMessages(page: number, pageSize: number, unreadOnly: boolean, enabled = true) {
  return useQuery({
    queryKey: [...MESSAGES, 'list', { page, pageSize, unreadOnly }],
    queryFn: () =>
      call(api.GET('/api/owner/messages', { params: { query: { page, pageSize, ...(unreadOnly ? { unread: '1' as const } : {}) } } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOwnerUnread(enabled: boolean) {
  return useQuery({
    queryKey: [...MESSAGES, 'unread'],
    queryFn: () => call(api.GET('/api/owner/messages/unread-count')),
    refetchInterval: 60_000,
    enabled,
  });
}

export function useMarkOwnerMessageRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(api.POST('/api/owner/messages/{id}/read', path(id))),
    onSuccess: () => qc.invalidateQueries({ queryKey: MESSAGES }),
  });
}

export function useMarkAllOwnerMessagesRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/owner/messages/read-all')),
    onSuccess: () => qc.invalidateQueries({ queryKey: MESSAGES }),
  });
}
