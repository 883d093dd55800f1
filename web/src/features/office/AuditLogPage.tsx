import { Flex, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import type { AuditEntry } from '../../api/types';
import { api, call } from '../../api/client';
import { DayRangeFilter, dayRangeQuery } from '../../components/DayRangeFilter';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/dates';
import { useServerTable } from '../../lib/useServerTable';
import { AuditChange } from './AuditChange';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, labelOf, optionsOf } from './auditLabels';
import { OrganisationSelect } from './OrganisationSelect';

const columns: TableColumnsType<AuditEntry> = [
  { title: '时间', dataIndex: 'at', render: formatDateTime, width: 150 },
  { title: '机构', dataIndex: 'orgName', width: 200, ellipsis: { showTitle: true }, render: (name: string) => name || '—' },
  { title: '用户', dataIndex: 'userName', width: 160, ellipsis: { showTitle: true }, render: (name: string) => name || '（未登录）' },
  { title: '操作', dataIndex: 'action', width: 140, render: (action: string) => <Tag color="blue">{labelOf(AUDIT_ACTIONS, action)}</Tag> },
  {
    title: '对象',
    dataIndex: 'entity',
    width: 150,
    render: (entity: string, e) => `${labelOf(AUDIT_ENTITIES, entity)} #${e.entityId}`,
  },
  { title: '摘要', dataIndex: 'summary', ellipsis: { showTitle: true } },
  { title: 'IP', dataIndex: 'ip', width: 130 },
];

/** SPEC §10 审计日志: who did what, in which organisation, when — with the values before and after. */
export function AuditLogPage() {
  const table = useServerTable({
    queryKey: ['office', 'audit'],
    filterKeys: ['q', 'entity', 'action', 'orgId', 'from', 'to'],
    fetchPage: ({ page, pageSize, filters }) =>
      call(
        api.GET('/api/office/audit', {
          params: {
            query: {
              page,
              pageSize,
              q: filters.q,
              entity: filters.entity,
              action: filters.action,
              orgId: filters.orgId ? Number(filters.orgId) : undefined,
              ...dayRangeQuery(filters),
            },
          },
        }),
      ),
  });
  const { filters, setFilters } = table;

  return (
    <Page title="审计日志">
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="关键字"
          placeholder="摘要、用户或机构名称"
          allowClear
          defaultValue={filters.q}
          onSearch={(q) => setFilters({ q: q.trim() })}
          style={{ width: 240 }}
        />
        <Select
          aria-label="对象类型"
          style={{ width: 130 }}
          value={filters.entity ?? ''}
          onChange={(entity: string) => setFilters({ entity })}
          options={[{ value: '', label: '全部对象' }, ...optionsOf(AUDIT_ENTITIES)]}
        />
        <Select
          aria-label="操作"
          style={{ width: 170 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.action ?? ''}
          onChange={(action: string) => setFilters({ action })}
          options={[{ value: '', label: '全部操作' }, ...optionsOf(AUDIT_ACTIONS)]}
        />
        <OrganisationSelect
          value={filters.orgId ? Number(filters.orgId) : undefined}
          onChange={(id) => setFilters({ orgId: id === undefined ? undefined : String(id) })}
          style={{ width: 260 }}
        />
        <DayRangeFilter label="日期" from={filters.from} to={filters.to} onChange={setFilters} />
      </Flex>
      <Table<AuditEntry>
        {...table.tableProps}
        columns={columns}
        scroll={{ x: 1200 }}
        size="middle"
        expandable={{ expandedRowRender: (e) => <AuditChange id={e.id} />, rowExpandable: (e) => e.changed }}
      />
    </Page>
  );
}
