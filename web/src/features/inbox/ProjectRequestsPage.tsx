import { Button, Flex, Space, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { DayRangeFilter, dayRangeQuery } from '../../components/DayRangeFilter';
import { FilterSelect } from '../../components/FilterSelect';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import { allows } from '../../lib/actions';
import { useServerTable } from '../../lib/useServerTable';
import { AreaFilter } from '../portal/AreaFilter';
import {
  fetchProjectRequests,
  PROJECT_REQUESTS_KEY,
  type ProjectRequestKind,
  type ProjectRequestRow,
  type ProjectRequestStatus,
  REQUEST_KINDS,
  REQUEST_STATUSES,
} from './projectRequestApi';
import { ProjectRequestStatusTag } from './ProjectRequestStatusTag';
import { reviewPath } from './reviewRoute';

const FILTERS = ['kind', 'status', 'areaId', 'from', 'to'] as const;

const columns: TableColumnsType<ProjectRequestRow> = [
  { title: '申请编号', dataIndex: 'no', width: 170, render: (no: string, r) => <Link to={reviewPath('project_request', r.id)}>{no}</Link> },
  { title: '业务类型', dataIndex: 'kindLabel', width: 120 },
  { title: '维修项目', key: 'project', render: (_, r) => `${r.projectName}（${r.projectNo}）` },
  { title: '物业区域', dataIndex: 'areaName', width: 120 },
  { title: '金额（元）', dataIndex: 'amount', width: 130, align: 'right', render: (f: number) => formatYuan(f) },
  {
    title: '状态',
    dataIndex: 'statusLabel',
    width: 110,
    render: (l: string, r) => <ProjectRequestStatusTag status={r.status} label={l} />,
  },
  { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (d: string) => formatDateTime(d) },
  {
    title: '操作',
    key: 'actions',
    width: 90,
    render: (_, r) => (
      <Space size={0}>
        <Link to={reviewPath('project_request', r.id)}>
          <Button type="link" size="small">
            {allows(r, 'accept') ? '受理' : allows(r, 'approve') || allows(r, 'reject') ? '审核' : '查看'}
          </Button>
        </Link>
      </Space>
    ),
  },
];

/** F-60 维修项目申请: the committees' approval and disbursement applications and refund notices, to accept and review. */
export function ProjectRequestsPage() {
  const table = useServerTable({
    queryKey: [...PROJECT_REQUESTS_KEY, 'list'],
    filterKeys: FILTERS,
    fetchPage: ({ page, pageSize, filters }) =>
      fetchProjectRequests({
        page,
        pageSize,
        kind: filters.kind as ProjectRequestKind | undefined,
        status: filters.status as ProjectRequestStatus | undefined,
        areaId: filters.areaId ? Number(filters.areaId) : undefined,
        ...dayRangeQuery(filters),
      }),
  });
  const { filters, setFilters } = table;
  return (
    <Page title="维修项目申请">
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <FilterSelect
          label="业务类型"
          placeholder="全部业务类型"
          width={160}
          value={filters.kind}
          options={REQUEST_KINDS}
          onChange={(kind) => setFilters({ kind })}
        />
        <FilterSelect
          label="状态"
          placeholder="全部状态"
          width={140}
          value={filters.status}
          options={REQUEST_STATUSES}
          onChange={(status) => setFilters({ status })}
        />
        <AreaFilter value={filters.areaId} onChange={(areaId) => setFilters({ areaId })} />
        <DayRangeFilter label="提交日期" from={filters.from} to={filters.to} onChange={setFilters} />
      </Flex>
      <Table<ProjectRequestRow> {...table.tableProps} columns={columns} size="middle" scroll={{ x: 1100 }} />
    </Page>
  );
}
