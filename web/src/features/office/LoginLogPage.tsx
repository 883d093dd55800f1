import { Flex, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { api, call } from '../../api/client';
import type { LoginAttempt } from '../../api/types';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/dates';
import { oneOf } from '../../lib/oneOf';
import { useServerTable } from '../../lib/useServerTable';
import { LOGIN_REASONS, labelOf } from './auditLabels';

const columns: TableColumnsType<LoginAttempt> = [
  { title: '时间', dataIndex: 'at', render: formatDateTime, width: 150 },
  { title: '机构代码', dataIndex: 'orgCode' },
  { title: '用户名', dataIndex: 'username' },
  {
    title: '结果',
    dataIndex: 'success',
    render: (success: boolean) => (success ? <Tag color="success">成功</Tag> : <Tag color="error">失败</Tag>),
  },
  { title: '原因', dataIndex: 'reason', render: (reason: string) => labelOf(LOGIN_REASONS, reason) },
  { title: 'IP', dataIndex: 'ip' },
];

/** 登录日志: every login attempt, successful or not (SPEC §10: lockout after 5 failures). */
export function LoginLogPage() {
  const table = useServerTable({
    queryKey: ['office', 'login-attempts'],
    filterKeys: ['orgCode', 'success'],
    fetchPage: ({ page, pageSize, filters }) =>
      call(
        api.GET('/api/office/login-attempts', {
          params: { query: { page, pageSize, orgCode: filters.orgCode, success: oneOf(filters.success, ['true', 'false'] as const) } },
        }),
      ),
  });
  const { filters, setFilters } = table;
  return (
    <Page title="登录日志">
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="机构代码"
          placeholder="输入完整的机构代码"
          allowClear
          defaultValue={filters.orgCode}
          onSearch={(orgCode) => setFilters({ orgCode: orgCode.trim().toUpperCase() })}
          style={{ width: 220 }}
        />
        <Select
          aria-label="结果"
          style={{ width: 130 }}
          value={filters.success ?? ''}
          onChange={(success: string) => setFilters({ success })}
          options={[
            { value: '', label: '全部结果' },
            { value: 'true', label: '成功' },
            { value: 'false', label: '失败' },
          ]}
        />
      </Flex>
      <Table<LoginAttempt> {...table.tableProps} columns={columns} size="middle" />
    </Page>
  );
}
