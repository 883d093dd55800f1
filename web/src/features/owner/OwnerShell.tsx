import { BellOutlined, HomeOutlined, LogoutOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Flex, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { errorMessage } from '../../lib/serverErrors';
import { OWNER_KEY, useOwnerSession, useOwnerUnread } from './api';
import './owner.css';

/**
 * The frame of the owner's own pages (F-81, F-83): who is logged in, 我的房屋, 消息 with the unread
 * count, 退出 — one line on a phone. Without an owner session it offers 业主登录 instead.
 */
export function OwnerShell({ title, children }: { title: string; children: (ready: boolean) => ReactNode }) {
  useDocumentTitle(title);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useOwnerSession();
  const unread = useOwnerUnread(session.isSuccess);
  const logout = useMutation({
    mutationFn: () => call(api.POST('/api/owner/logout')),
    onSettled: () => {
      queryClient.removeQueries({ queryKey: OWNER_KEY });
      navigate('/owner/login');
    },
  });
  if (session.isError) {
    return (
      <div className="owner-page">
        <Alert type="info" showIcon title={errorMessage(session.error)} action={<Link to="/owner/login">业主登录</Link>} />
      </div>
    );
  }
  if (session.isPending) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const count = unread.data?.count ?? 0;
  return (
    <div className="owner-page">
      <Flex className="owner-bar" justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong ellipsis style={{ maxWidth: '40%' }}>
          {session.data.owner.name}
        </Typography.Text>
        <Flex gap={4} align="center">
          <Link to="/owner">
            <Button type="text" size="small" icon={<HomeOutlined />}>
              我的房屋
            </Button>
          </Link>
          <Link to="/owner/messages" aria-label={count > 0 ? `消息，${count} 条未读` : '消息'}>
            <Badge count={count} overflowCount={99} size="small" offset={[-4, 2]}>
              <Button type="text" size="small" icon={<BellOutlined />}>
                消息
              </Button>
            </Badge>
          </Link>
          <Button type="text" size="small" icon={<LogoutOutlined />} onClick={() => logout.mutate()} aria-label="退出">
            退出
          </Button>
        </Flex>
      </Flex>
      {children(true)}
    </div>
  );
}
