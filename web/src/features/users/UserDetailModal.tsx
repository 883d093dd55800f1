import { Button, Descriptions, Modal, Space, Typography } from 'antd';
import type { OrgRole } from '../../api/types';
import { LoadingOrError } from '../../components/LoadingOrError';
import { RoleTags, UserStatusTags } from '../../components/StatusTags';
import { formatDateTime } from '../../lib/dates';
import { useUser } from './api';

/** 查看用户 (manual §1.2.2 4、): the user's information and roles. */
export function UserDetailModal({ userId, roles, onClose }: { userId: number; roles: OrgRole[]; onClose: () => void }) {
  const user = useUser(userId);
  const roleDescription = (key: string) => roles.find((r) => r.key === key)?.description;
  return (
    <Modal
      open
      title="查看用户"
      onCancel={onClose}
      width={600}
      footer={
        <Button type="primary" onClick={onClose}>
          确定
        </Button>
      }
    >
      {user.data ? (
        <Descriptions
          bordered
          size="small"
          column={1}
          styles={{ label: { width: 120 } }}
          items={[
            { key: 'username', label: '用户名', children: user.data.username },
            { key: 'name', label: '姓名', children: user.data.name },
            { key: 'mobile', label: '手机号', children: user.data.mobile },
            {
              key: 'roles',
              label: '角色',
              children: (
                <Space orientation="vertical" size={4}>
                  {user.data.roles.map((key, i) => (
                    <span key={key}>
                      <RoleTags labels={[user.data.roleLabels[i] ?? key]} />
                      <Typography.Text type="secondary">{roleDescription(key)}</Typography.Text>
                    </span>
                  ))}
                </Space>
              ),
            },
            { key: 'status', label: '状态', children: <UserStatusTags status={user.data.status} lockedUntil={user.data.lockedUntil} /> },
            { key: 'lastLoginAt', label: '最后登录时间', children: formatDateTime(user.data.lastLoginAt) || '从未登录' },
            { key: 'createdAt', label: '添加时间', children: formatDateTime(user.data.createdAt) },
          ]}
        />
      ) : (
        <LoadingOrError query={user} />
      )}
    </Modal>
  );
}
