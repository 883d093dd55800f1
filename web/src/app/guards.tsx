import { Button, Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../lib/serverErrors';
import { hasPermission, type Permission, useCurrentSession, useSession } from './session';
import type { LoginRedirectState } from './SessionWatch';

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Everything under it needs a login; without one the user goes to the login page and comes back after. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageSpin />;
  if (session.isError) {
    return (
      <Result
        status="error"
        title="无法获取登录状态"
        subTitle={errorMessage(session.error)}
        extra={
          <Button type="primary" onClick={() => session.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (!session.data) {
    const state: LoginRedirectState = { from: location.pathname + location.search };
    return <Navigate to="/login" state={state} replace />;
  }
  return <Outlet />;
}

/** A page only some roles may use: the others read why instead of meeting a server refusal. */
export function RequirePermission({ permission, children }: { permission: Permission | readonly Permission[]; children: ReactNode }) {
  const session = useCurrentSession();
  const navigate = useNavigate();
  if (hasPermission(session, permission)) return children;
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="当前用户的角色无权使用此功能，如需使用请联系本机构管理员。"
      extra={
        <Button type="primary" onClick={() => navigate('/workspace')}>
          返回工作台
        </Button>
      }
    />
  );
}
