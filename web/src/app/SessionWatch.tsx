import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, call, setUnauthorizedListener } from '../api/client';
import type { SessionInfo } from '../api/types';
import { forgetSession, SESSION_KEY, setLoginNotice } from './session';

export interface LoginRedirectState {
  /** Where to return after logging in. */
  from?: string;
}

/**
 * When a request answers 401 (idle timeout, user deactivated, organisation suspended…) the
 * session is dropped; the workspace's guard then sends the user to the login page, which shows
 * the server's reason and fills in the account again.
 */
export function SessionWatch() {
  const queryClient = useQueryClient();
  useEffect(() => {
    setUnauthorizedListener((message) => {
      const previous = queryClient.getQueryData<SessionInfo | null>(SESSION_KEY);
      // Several requests may fail together; the first one has already done this.
      if (!previous) return;
      forgetSession(queryClient);
      setLoginNotice(queryClient, { message, orgCode: previous.org.code, username: previous.user.username });
    });
  }, [queryClient]);
  return null;
}

let lastServerContact = Date.now();
api.use({
  onResponse() {
    lastServerContact = Date.now();
  },
});

/** Slack after the server's idle limit before asking it whether the session is gone. */
const IDLE_SLACK_MS = 5000;

/**
 * The server ends a session after `idleSeconds` without requests. Once that much time has
 * passed here, ask it: the 401 then takes the user to the login page at once, instead of on
 * the next click. (A 200 means another tab kept the session alive.)
 */
export function useIdleSessionCheck(idleSeconds: number) {
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (Date.now() - lastServerContact > idleSeconds * 1000 + IDLE_SLACK_MS) {
        call(api.GET('/api/auth/session')).catch(() => undefined);
      }
    }, 30_000);
    return () => window.clearInterval(timer);
  }, [idleSeconds]);
}
