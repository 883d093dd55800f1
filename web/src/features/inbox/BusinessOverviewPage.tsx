import { DatePicker, Flex, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { Link } from 'react-router';
import { Page } from '../../components/Page';
import { dayjs, endOfPlatformDay, formatDateTime, startOfPlatformDay } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import { useServerTable } from '../../lib/useServerTable';
import { OrganisationSelect } from '../office/OrganisationSelect';
import { usePublicAreas } from '../portal/noticeApi';
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
  { title: '业务类别', dataIndex: 'kindLabel', width: 140 },
  { title: '申请单位', dataIndex: 'orgName', width: 220, ellipsis: true },
  { title: '物业区域', dataIndex: 'areaName', width: 130, render: (n: string | null) => n ?? '—' },
  {
    title: '事项',
    dataIndex: 'subject',
    ellipsis: true,
    render: (s: string | null, r) => (s ? (r.source === 'refund' ? `业务单 ${s}` : s) : '—'),
  },
  {
    title: '金额（元）',
    dataIndex: 'amount',
    width: 130,
    align: 'right',
    render: (f: number | null) => (f === null ? '—' : formatYuan(f)),
  },
  { title: '办理阶段', dataIndex: 'stageLabel', width: 110, render: (l: string, r) => <Tag color={STAGE_COLORS[r.stage]}>{l}</Tag> },
  { title: '提交时间', dataIndex: 'at', width: 150, render: (d: string) => formatDateTime(d) },
];

/**
 * F-60 业务总览: every business the office follows in one list — registry applications, repair
 * projects' 立项申请, 资金拨付申请 and 清退通知单, and the 退款指令 left for the bank — by kind,
 * stage, area, applicant and date; each row opens where it is worked on.
 */
export function BusinessOverviewPage() {
  const areas = usePublicAreas();
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
        from: filters.from ? startOfPlatformDay(dayjs(filters.from)) : undefined,
        to: filters.to ? endOfPlatformDay(dayjs(filters.to)) : undefined,
      }),
  });
  const { filters, setFilters } = table;
  return (
    <Page title="业务总览">
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="业务类别"
          allowClear
          placeholder="全部业务类别"
          style={{ width: 180 }}
          value={filters.kind}
          options={options.data?.kinds}
          onChange={(v?: string) => setFilters({ kind: v })}
        />
        <Select
          aria-label="办理阶段"
          allowClear
          placeholder="全部办理阶段"
          style={{ width: 150 }}
          value={filters.stage}
          options={options.data?.stages}
          onChange={(v?: string) => setFilters({ stage: v })}
        />
        <Select
          aria-label="物业区域"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部物业区域"
          style={{ width: 180 }}
          value={filters.areaId ? Number(filters.areaId) : undefined}
          options={(areas.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          onChange={(v?: number) => setFilters({ areaId: v ? String(v) : undefined })}
        />
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
        <DatePicker.RangePicker
          placeholder={['提交日期起', '提交日期止']}
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          onChange={(r) => setFilters({ from: r?.[0]?.format('YYYY-MM-DD') ?? undefined, to: r?.[1]?.format('YYYY-MM-DD') ?? undefined })}
        />
      </Flex>
      <Table<OverviewRow>
        {...table.tableProps}
        rowKey="key"
        columns={columns}
        size="middle"
        scroll={{ x: 1200 }}
        locale={{ emptyText: '没有符合条件的业务' }}
      />
    </Page>
  );
}
