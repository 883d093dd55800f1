import { UnlockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Table } from 'antd';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../lib/serverErrors';
import { OFFICE_ORGS_KEY, unlockOrgUser, useLockedUsers } from './api';

/**
 * The organisation's users locked out after repeated wrong passwords. The office's administrator can
 * unlock them, e.g. when the organisation's own administrator is the one locked out.
 */
export function LockedUsersCard({ orgId, canUnlock }: { orgId: number; canUnlock: boolean }) {
  const locked = useLockedUsers(orgId);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const items = locked.data?.items ?? [];
  if (items.length === 0) return null;
  const unlock = async (userId: number, username: string) => {
    try {
      await unlockOrgUser(orgId, userId);
      message.success(`用户 ${username} 已解锁`);
      await queryClient.invalidateQueries({ queryKey: [...OFFICE_ORGS_KEY, 'locked-users', orgId] });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Card type="inner" title="已锁定的用户">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'name' },
          { title: '锁定至', dataIndex: 'lockedUntil', render: formatDateTime },
          ...(canUnlock
            ? [
                {
                  title: '操作',
                  key: 'unlock',
                  render: (_: unknown, u: { id: number; username: string }) => (
                    <Button size="small" icon={<UnlockOutlined />} onClick={() => unlock(u.id, u.username)}>
                      解锁
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
