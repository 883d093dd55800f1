import { CheckCircleOutlined, EditOutlined, EyeOutlined, KeyOutlined, PlusOutlined, StopOutlined, UnlockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import type { OrgUser } from '../../api/types';
import { Page } from '../../components/Page';
import { RoleTags, UserStatusTags } from '../../components/StatusTags';
import { allows, blockedReason } from '../../lib/actions';
import { formatDateTime } from '../../lib/dates';
import { oneOf } from '../../lib/oneOf';
import { errorMessage } from '../../lib/serverErrors';
import { useServerTable } from '../../lib/useServerTable';
import { fetchUsers, USER_STATUSES, USERS_KEY, userActions, useRoles } from './api';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserDetailModal } from './UserDetailModal';
import { UserFormModal } from './UserFormModal';

type Dialog = 'add' | 'edit' | 'view' | 'reset';

const columns: TableColumnsType<OrgUser> = [
  { title: '用户名', dataIndex: 'username' },
  { title: '姓名', dataIndex: 'name' },
  { title: '手机号', dataIndex: 'mobile' },
  { title: '角色', dataIndex: 'roleLabels', render: (labels: string[]) => <RoleTags labels={labels} /> },
  { title: '状态', dataIndex: 'status', render: (_, u) => <UserStatusTags status={u.status} lockedUntil={u.lockedUntil} /> },
  { title: '最后登录时间', dataIndex: 'lastLoginAt', render: (at: string | null) => formatDateTime(at) || '从未登录' },
  { title: '添加时间', dataIndex: 'createdAt', render: formatDateTime },
];

/** F-3 机构用户管理 (manual §1.2.2): select a user in the list, then act on it from the toolbar. */
export function UsersPage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const [selectedId, setSelectedId] = useState<number>();
  const [dialog, setDialog] = useState<Dialog>();
  const table = useServerTable({
    queryKey: USERS_KEY,
    filterKeys: ['q', 'status'],
    fetchPage: ({ page, pageSize, filters }) => fetchUsers({ page, pageSize, q: filters.q, status: oneOf(filters.status, USER_STATUSES) }),
  });
  const selected = table.tableProps.dataSource?.find((u) => u.id === selectedId);
  // Why 注销 is greyed out (the caller's own account, or one already deactivated), in the server's words.
  const deactivateBlocked = blockedReason(selected, 'deactivate');

  const refresh = () => queryClient.invalidateQueries({ queryKey: USERS_KEY });
  const closeAfterSave = (saved: OrgUser) => {
    setDialog(undefined);
    setSelectedId(saved.id);
    refresh();
  };

  const run = async (action: () => Promise<OrgUser>, done: string) => {
    try {
      const user = await action();
      message.success(`用户 ${user.username}${done}`);
      await refresh();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const confirmDeactivate = (user: OrgUser) =>
    modal.confirm({
      title: `注销用户 ${user.username}（${user.name}）？`,
      content: '注销后该账号无法登录，且其当前登录立即失效。需要时可再“激活用户”恢复使用。',
      okText: '确定',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => run(() => userActions.deactivate(user.id), ' 已注销'),
    });

  return (
    <Page title="机构用户管理">
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('add')} disabled={!roles.data}>
            添加用户
          </Button>
          <Button icon={<EditOutlined />} disabled={!selected || !roles.data} onClick={() => setDialog('edit')}>
            修改用户
          </Button>
          <Button icon={<EyeOutlined />} disabled={!selected} onClick={() => setDialog('view')}>
            查看用户
          </Button>
          <Button
            danger
            icon={<StopOutlined />}
            disabled={!allows(selected, 'deactivate')}
            onClick={() => selected && confirmDeactivate(selected)}
          >
            注销用户
          </Button>
          <Button
            icon={<CheckCircleOutlined />}
            disabled={!allows(selected, 'activate')}
            onClick={() => selected && run(() => userActions.activate(selected.id), ' 已激活')}
          >
            激活用户
          </Button>
          <Button icon={<KeyOutlined />} disabled={!selected} onClick={() => setDialog('reset')}>
            重置密码
          </Button>
          {deactivateBlocked && <Typography.Text type="secondary">{deactivateBlocked}</Typography.Text>}
          {allows(selected, 'unlock') && (
            <Button icon={<UnlockOutlined />} onClick={() => selected && run(() => userActions.unlock(selected.id), ' 已解锁')}>
              解锁
            </Button>
          )}
        </Space>
        <Space wrap>
          <Select
            aria-label="状态"
            style={{ width: 120 }}
            value={table.filters.status ?? ''}
            onChange={(status: string) => table.setFilters({ status })}
            options={[
              { value: '', label: '全部状态' },
              { value: 'active', label: '正常' },
              { value: 'inactive', label: '已注销' },
            ]}
          />
          <Input.Search
            placeholder="用户名、姓名或手机号"
            aria-label="搜索用户"
            allowClear
            defaultValue={table.filters.q}
            onSearch={(q) => table.setFilters({ q: q.trim() })}
            style={{ width: 240 }}
          />
        </Space>
      </Flex>
      <Table<OrgUser>
        {...table.tableProps}
        columns={columns}
        size="middle"
        rowSelection={{
          type: 'radio',
          selectedRowKeys: selectedId === undefined ? [] : [selectedId],
          onChange: (keys) => setSelectedId(Number(keys[0])),
          getCheckboxProps: (user) => ({ 'aria-label': `选择 ${user.username}` }),
        }}
        onRow={(user) => ({ onClick: () => setSelectedId(user.id), style: { cursor: 'pointer' } })}
      />
      {dialog === 'add' && roles.data && (
        <UserFormModal roles={roles.data.items} onClose={() => setDialog(undefined)} onSaved={closeAfterSave} />
      )}
      {dialog === 'edit' && selected && roles.data && (
        <UserFormModal user={selected} roles={roles.data.items} onClose={() => setDialog(undefined)} onSaved={closeAfterSave} />
      )}
      {dialog === 'view' && selected && (
        <UserDetailModal userId={selected.id} roles={roles.data?.items ?? []} onClose={() => setDialog(undefined)} />
      )}
      {dialog === 'reset' && selected && (
        <ResetPasswordModal user={selected} onClose={() => setDialog(undefined)} onSaved={closeAfterSave} />
      )}
    </Page>
  );
}
