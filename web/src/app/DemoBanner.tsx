import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

/** Whether this instance holds the demo city: it does not change while the page is open. */
export function useIsDemo(): boolean {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: () => call(api.GET('/api/health')),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  return health.data?.demo === true;
}

/**
 * §10: every page of a demo instance says it is one, so nobody mistakes it for the real platform
 * or types real owners' data into it. Screen only: a printed document carries no banner.
 */
export function DemoBanner() {
  if (!useIsDemo()) return null;
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      演示系统：数据均为虚构，演示账户的密码已公开，请勿录入真实信息
    </div>
  );
}
