import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { NewUserBody, UserChangeBody } from '../../api/types';

export const USERS_KEY = ['org', 'users'] as const;
export const USER_STATUSES = ['active', 'inactive'] as const;

export function useRoles() {
  return useQuery({ queryKey: ['org', 'roles'], queryFn: () => call(api.GET('/api/org/roles')), staleTime: Number.POSITIVE_INFINITY });
}

export function useUser(id: number) {
  return useQuery({
    queryKey: [...USERS_KEY, 'detail', id],
    queryFn: () => call(api.GET('/api/org/users/{id}', { params: { path: { id } } })),
  });
}

export const fetchUsers = (query: { page: number; pageSize: number; q?: string; status?: (typeof USER_STATUSES)[number] }) =>
  call(api.GET('/api/org/users', { params: { query } }));

const path = (id: number) => ({ params: { path: { id } } });

export const userActions = {
  create: (body: NewUserBody) => call(api.POST('/api/org/users', { body })),
  update: (id: number, body: UserChangeBody) => call(api.PUT('/api/org/users/{id}', { ...path(id), body })),
  deactivate: (id: number) => call(api.POST('/api/org/users/{id}/deactivate', path(id))),
  activate: (id: number) => call(api.POST('/api/org/users/{id}/activate', path(id))),
  unlock: (id: number) => call(api.POST('/api/org/users/{id}/unlock', path(id))),
  resetPassword: (id: number, password: string) =>
    call(api.POST('/api/org/users/{id}/reset-password', { ...path(id), body: { password } })),
};
