import { Flex, Input, Table, type TableColumnsType, Tag } from 'antd';
import { Link } from 'react-router';
import { DayRangeFilter, dayRangeQuery } from '../../components/DayRangeFilter';
import { FilterSelect } from '../../components/FilterSelect';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import { useServerTable } from '../../lib/useServerTable';
import { OrganisationSelect } from '../office/OrganisationSelect';
import { AreaFilter } from '../portal/AreaFilter';
import {
  fetchOverview,
  OVERVIEW_KEY,
  type OverviewKind,
  type OverviewRow,
  type OverviewStage,
  overviewPath,
  useOverviewOptions,
} from './overviewApi';

const FILTERS = ['kind', 'stage', 'areaId', 'orgId', 'q', 'from', 'to'] as const;

const STAGE_COLORS: Record<OverviewStage, string> = {
  to_accept: 'processing',
  to_review: 'blue',
  at_bank: 'cyan',
  done: 'success',
  rejected: 'warning',
  withdrawn: 'default',
};

const columns: TableColumnsType<OverviewRow> = [
  { title: '业务编号', dataIndex: 'no', width: 170, render: (no: string, r) => <Link to={overviewPath(r)}>{no}</Link> },
  { title: '业务类别', dataIndex: 'kindLabel', width: 130 },
  { title: '申请单位', dataIndex: 'orgName', width: 200, ellipsis: true },
  { title: '物业区域', dataIndex: 'areaName', width: 110, render: (n: string | null) => n ?? '—' },
  {
    title: '事项',
    dataIndex: 'subject',
    ellipsis: true,
    render: (s: string | null, r) => (s ? (r.source === 'refund' ? `业务单 ${s}` : s) : '—'),
  },
  {
    title: '金额（元）',
    dataIndex: 'amount',
    width: 120,
    align: 'right',
    render: (f: number | null) => (f === null ? '—' : formatYuan(f)),
  },
  { title: '办理阶段', dataIndex: 'stageLabel', width: 100, render: (l: string, r) => <Tag color={STAGE_COLORS[r.stage]}>{l}</Tag> },
  { title: '提交时间', dataIndex: 'at', width: 150, render: (d: string) => formatDateTime(d) },
];

/**
 * F-60 业务总览: every business the office follows in one list — registry applications, repair
 * projects' 立项申请, 资金拨付申请 and 清退通知单, and the 退款指令 left for the bank — by kind,
 * stage, area, applicant and date; each row opens where it is worked on.
 */
export function BusinessOverviewPage() {
  const options = useOverviewOptions();
  const table = useServerTable({
    queryKey: [...OVERVIEW_KEY, 'list'],
    filterKeys: FILTERS,
    fetchPage: ({ page, pageSize, filters }) =>
      fetchOverview({
        page,
        pageSize,
        // Anything else in the address bar is refused by the server, which says which filter is wrong.
        kind: filters.kind as OverviewKind | undefined,
        stage: filters.stage as OverviewStage | undefined,
        areaId: filters.areaId ? Number(filters.areaId) : undefined,
        orgId: filters.orgId ? Number(filters.orgId) : undefined,
        q: filters.q,
        ...dayRangeQuery(filters),
      }),
  });
  const { filters, setFilters } = table;
  return (
    <Page title="业务总览">
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <FilterSelect
          label="业务类别"
          placeholder="全部业务类别"
          width={180}
          value={filters.kind}
          options={options.data?.kinds}
          onChange={(kind) => setFilters({ kind })}
        />
        <FilterSelect
          label="办理阶段"
          placeholder="全部办理阶段"
          width={150}
          value={filters.stage}
          options={options.data?.stages}
          onChange={(stage) => setFilters({ stage })}
        />
        <AreaFilter value={filters.areaId} onChange={(areaId) => setFilters({ areaId })} />
        <OrganisationSelect
          value={filters.orgId ? Number(filters.orgId) : undefined}
          onChange={(id) => setFilters({ orgId: id ? String(id) : undefined })}
          style={{ width: 240 }}
        />
        <Input.Search
          aria-label="查询"
          allowClear
          placeholder="业务编号、申请单位、物业区域或项目名称"
          style={{ width: 300 }}
          defaultValue={filters.q}
          onSearch={(v) => setFilters({ q: v.trim() || undefined })}
        />
        <DayRangeFilter label="提交日期" from={filters.from} to={filters.to} onChange={setFilters} />
      </Flex>
      <Table<OverviewRow>
        {...table.tableProps}
        rowKey="key"
        columns={columns}
        size="middle"
        scroll={{ x: 1100 }}
        locale={{ emptyText: '没有符合条件的业务' }}
      />
    </Page>
  );
}
