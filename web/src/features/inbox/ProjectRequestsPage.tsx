import { Button, DatePicker, Flex, Select, Space, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { Page } from '../../components/Page';
import { dayjs, endOfPlatformDay, formatDateTime, startOfPlatformDay } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import { useServerTable } from '../../lib/useServerTable';
import { usePublicAreas } from '../portal/noticeApi';
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

const FILTERS = ['kind', 'status', 'areaId', 'from', 'to'] as const;
const reviewPath = (r: ProjectRequestRow) => `/office/project-requests/${r.projectId}/${r.id}`;

const columns: TableColumnsType<ProjectRequestRow> = [
  { title: '申请编号', dataIndex: 'no', width: 170, render: (no: string, r) => <Link to={reviewPath(r)}>{no}</Link> },
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
        <Link to={reviewPath(r)}>
          <Button type="link" size="small">
            {r.status === 'submitted' ? '受理' : r.status === 'accepted' ? '审核' : '查看'}
          </Button>
        </Link>
      </Space>
    ),
  },
];

/** F-60 维修项目申请: the committees' approval and disbursement applications and refund notices, to accept and review. */
export function ProjectRequestsPage() {
  const areas = usePublicAreas();
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
        from: filters.from ? startOfPlatformDay(dayjs(filters.from)) : undefined,
        to: filters.to ? endOfPlatformDay(dayjs(filters.to)) : undefined,
      }),
  });
  const { filters, setFilters } = table;
  return (
    <Page title="维修项目申请">
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="业务类型"
          allowClear
          placeholder="全部业务类型"
          style={{ width: 160 }}
          value={filters.kind}
          options={REQUEST_KINDS}
          onChange={(v?: string) => setFilters({ kind: v })}
        />
        <Select
          aria-label="状态"
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={filters.status}
          options={REQUEST_STATUSES}
          onChange={(v?: string) => setFilters({ status: v })}
        />
        <Select
          aria-label="物业区域"
          allowClear
          placeholder="全部物业区域"
          style={{ width: 180 }}
          value={filters.areaId ? Number(filters.areaId) : undefined}
          options={(areas.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          onChange={(v?: number) => setFilters({ areaId: v ? String(v) : undefined })}
        />
        <DatePicker.RangePicker
          placeholder={['提交日期起', '提交日期止']}
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          onChange={(r) => setFilters({ from: r?.[0]?.format('YYYY-MM-DD') ?? undefined, to: r?.[1]?.format('YYYY-MM-DD') ?? undefined })}
        />
      </Flex>
      <Table<ProjectRequestRow> {...table.tableProps} columns={columns} size="middle" scroll={{ x: 1100 }} />
    </Page>
  );
}
