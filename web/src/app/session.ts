import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, errorBodyOf, setCsrfToken } from '../api/client';
import type { ApiBody, SessionInfo } from '../api/types';

export const SESSION_KEY = ['session'] as const;

/** Permissions the client shows or hides menus by (the server checks every one of them again). */
export type Permission =
  | 'org.info'
  | 'org.users'
  | 'office.orgs'
  | 'office.suspend'
  | 'office.files'
  | 'office.audit'
  | 'office.accept'
  | 'office.review'
  | 'registry.edit'
  | 'registry.submit'
  | 'payment.notice'
  | 'project.edit'
  | 'project.submit'
  | 'bank.confirm'
  | 'office.config';

function remember(info: SessionInfo): SessionInfo {
  setCsrfToken(info.csrfToken);
  return info;
}

/**
 * The current login, or null when nobody is logged in (a 401 here is an answer, not an error).
 * A session that ended since the page last loaded (deactivated user, suspended organisation,
 * timeout) leaves its reason for the login page.
 */
async function fetchSession(queryClient: QueryClient): Promise<SessionInfo | null> {
  const result = await api.GET('/api/auth/session');
  if (result.response.status === 401) {
    const body = errorBodyOf(result.error, 401);
    if (body.code === 'SESSION_ENDED') setLoginNotice(queryClient, { message: body.message });
    return null;
  }
  return remember(await call(Promise.resolve(result)));
}

export function useSession() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: () => fetchSession(queryClient),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** The session inside the workspace, where `RequireSession` has already made sure there is one. */
export function useCurrentSession(): SessionInfo {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentSession outside RequireSession');
  return data;
}

/** Whether the user has the permission, or any one of several. */
export function hasPermission(session: SessionInfo, permission: Permission | readonly Permission[]): boolean {
  const wanted: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  return wanted.some((p) => session.permissions.includes(p));
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ApiBody<'/api/auth/login', 'post'>) => remember(await call(api.POST('/api/auth/login', { body }))),
    onSuccess: (info) => {
      // Nothing loaded for a previous user survives a new login.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, info);
    },
  });
}

/**
 * 退出: ends the session on the server and reloads the public home page, which also drops
 * everything the previous user had loaded in this tab.
 */
export function useLogout() {
  return useMutation({
    mutationFn: () => call(api.POST('/api/auth/logout')),
    onSettled: () => window.location.replace('/'),
  });
}

/** Drops the login and everything loaded under it. */
export function forgetSession(queryClient: QueryClient) {
  setCsrfToken('');
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, null);
}

/** Why the last session ended, for the login page to show (and which account to fill in). */
export interface LoginNotice {
  message: string;
  orgCode?: string;
  username?: string;
}

const LOGIN_NOTICE_KEY = ['login-notice'] as const;

export function setLoginNotice(queryClient: QueryClient, notice: LoginNotice | null) {
  queryClient.setQueryData(LOGIN_NOTICE_KEY, notice);
}

export function useLoginNotice(): LoginNotice | null {
  return useQueryClient().getQueryData<LoginNotice | null>(LOGIN_NOTICE_KEY) ?? null;
}
