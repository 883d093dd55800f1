import { Flex, Input, Select, Table, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { OfficeOrgRow, OrgType } from '../../api/types';
import { Page } from '../../components/Page';
import { ORG_STATUS_LABELS, ORG_STATUSES } from '../../../../server/src/domain/org-status.ts';
import { REGISTERING_TYPES } from '../../../../server/src/domain/roles.ts';
import { HandoverRequests } from './HandoverRequests';
import { OrgStatusTag, VerifiedTag } from '../../components/StatusTags';
import { formatDateTime } from '../../lib/dates';
import { oneOf } from '../../lib/oneOf';
import { useServerTable } from '../../lib/useServerTable';
import { fetchOrganisations, OFFICE_ORGS_KEY } from './api';

const ORG_TYPES = ['committee', 'developer', 'office', 'bank'] as const;
const ORG_TYPE_LABELS: Record<OrgType, string> = {
  committee: '业主委员会',
  developer: '开发建设单位',
  office: '维修资金管理部门',
  bank: '专户银行',
};
const BOOLEANS = ['true', 'false'] as const;

const columns: TableColumnsType<OfficeOrgRow> = [
  {
    title: '机构名称',
    dataIndex: 'name',
    // The row's own click opens the detail too: stop it, or the page is pushed twice and 返回机构列表 seems to do nothing.
    render: (name: string, o) => (
      <Link to={`/office/organisations/${o.id}`} onClick={(e) => e.stopPropagation()}>
        {name}
      </Link>
    ),
  },
  { title: '机构代码', dataIndex: 'code' },
  { title: '机构类型', dataIndex: 'typeLabel' },
  { title: '物业区域', dataIndex: 'areaName', render: (area: string | null) => area ?? '—' },
  { title: '联系人', dataIndex: 'contactPerson' },
  { title: '联系电话', dataIndex: 'phone' },
  { title: '状态', dataIndex: 'status', render: (status: OfficeOrgRow['status']) => <OrgStatusTag status={status} /> },
  {
    title: '要件原件',
    dataIndex: 'documentsVerifiedAt',
    render: (at: string | null, o) => (REGISTERING_TYPES.includes(o.type) ? <VerifiedTag verifiedAt={at} /> : '—'),
  },
  { title: '注册时间', dataIndex: 'createdAt', render: formatDateTime },
];

/** F-61 机构列表: every registered organisation, for the fund office to review. */
export function OrganisationListPage() {
  const navigate = useNavigate();
  const table = useServerTable({
    queryKey: OFFICE_ORGS_KEY,
    filterKeys: ['type', 'status', 'verified', 'q'],
    fetchPage: ({ page, pageSize, filters }) =>
      fetchOrganisations({
        page,
        pageSize,
        type: oneOf(filters.type, ORG_TYPES),
        status: oneOf(filters.status, ORG_STATUSES),
        verified: oneOf(filters.verified, BOOLEANS),
        q: filters.q,
      }),
  });
  const { filters, setFilters } = table;

  return (
    <Page title="机构列表">
      <HandoverRequests />
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select
          aria-label="机构类型"
          style={{ width: 160 }}
          value={filters.type ?? ''}
          onChange={(type: string) => setFilters({ type })}
          options={[{ value: '', label: '全部机构类型' }, ...ORG_TYPES.map((t) => ({ value: t, label: ORG_TYPE_LABELS[t] }))]}
        />
        <Select
          aria-label="状态"
          style={{ width: 130 }}
          value={filters.status ?? ''}
          onChange={(status: string) => setFilters({ status })}
          options={[{ value: '', label: '全部状态' }, ...ORG_STATUSES.map((v) => ({ value: v, label: ORG_STATUS_LABELS[v] }))]}
        />
        <Select
          aria-label="要件原件"
          style={{ width: 150 }}
          value={filters.verified ?? ''}
          onChange={(verified: string) => setFilters({ verified })}
          options={[
            { value: '', label: '全部核验状态' },
            { value: 'false', label: '原件未核验' },
            { value: 'true', label: '原件已核验' },
          ]}
        />
        <Input.Search
          aria-label="搜索机构"
          placeholder="机构名称、机构代码或联系人"
          allowClear
          defaultValue={filters.q}
          onSearch={(q) => setFilters({ q: q.trim() })}
          style={{ width: 280 }}
        />
      </Flex>
      <Table<OfficeOrgRow>
        {...table.tableProps}
        columns={columns}
        onRow={(o) => ({ onClick: () => navigate(`/office/organisations/${o.id}`), style: { cursor: 'pointer' } })}
        size="middle"
        scroll={{ x: 1100 }}
      />
    </Page>
  );
}
