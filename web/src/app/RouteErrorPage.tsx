import { CloseCircleFilled } from '@ant-design/icons';
import { Button, Flex, Typography, theme } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { lazyPage, PageSuspense } from './lazyPage';

const NotFoundPage = lazyPage(() => import('./NotFoundPage'), 'NotFoundPage');

/**
 * Shown instead of a blank page when a page fails to render or its code cannot be fetched (a new
 * version was deployed meanwhile: reloading fetches it). Loaded with the shell, so it needs nothing more.
 */
export function RouteErrorPage() {
  const error = useRouteError();
  const { token } = theme.useToken();
  if (isRouteErrorResponse(error) && error.status === 404)
    return (
      <PageSuspense>
        <NotFoundPage />
      </PageSuspense>
    );
  return (
    <Flex vertical align="center" gap={8} style={{ padding: '48px 32px', textAlign: 'center' }}>
      <CloseCircleFilled style={{ fontSize: 72, color: token.colorError }} />
      <Typography.Title level={3} style={{ marginTop: 16, marginBottom: 0 }}>
        页面出错了
      </Typography.Title>
      <Typography.Text type="secondary">页面加载时发生错误，请刷新后重试；如仍有问题，请联系维修资金管理部门。</Typography.Text>
      <Button type="primary" style={{ marginTop: 16 }} onClick={() => window.location.reload()}>
        刷新页面
      </Button>
    </Flex>
  );
}
