import { Card, Flex, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { DayRangeFilter, dayRangeQuery } from '../../components/DayRangeFilter';
import { FilterSelect } from '../../components/FilterSelect';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { formatDate } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import { useServerTable } from '../../lib/useServerTable';
import type { PublicNotice } from '../project-print/api';
import { AreaFilter } from './AreaFilter';
import { fetchPublicNotices, NOTICE_KINDS, type NoticeKind } from './noticeApi';
import { NoticeKindTag } from './NoticeKindTag';

const FILTERS = ['areaId', 'kind', 'from', 'to'] as const;

const columns: TableColumnsType<PublicNotice> = [
  { title: '公示标题', dataIndex: 'title', render: (t: string, n) => <Link to={`/notices/${n.no}`}>{t}</Link> },
  { title: '类型', dataIndex: 'kindLabel', width: 110, render: (l: string, n) => <NoticeKindTag kind={n.kind} label={l} /> },
  { title: '物业区域', dataIndex: 'areaName', width: 130 },
  {
    // An acceptance notice publishes the settlement; the others, the budget the owners are asked about.
    title: '金额（元）',
    key: 'amount',
    width: 160,
    align: 'right',
    render: (_: unknown, n) =>
      n.kind === 'acceptance' && n.settlementAmount !== null
        ? `结算 ${formatYuan(n.settlementAmount)}`
        : `预算 ${formatYuan(n.budgetTotal)}`,
  },
  { title: '发布日期', dataIndex: 'publishedAt', width: 120, render: (d: string) => formatDate(d) },
  { title: '公示截止日', dataIndex: 'deadline', width: 120 },
];

/** 公示公告 (F-72): every published repair project notice, by area, type and publication date. */
export function NoticeListPage() {
  useDocumentTitle('公示公告');
  const table = useServerTable({
    queryKey: ['public', 'project-notices', 'list'],
    filterKeys: FILTERS,
    fetchPage: ({ page, pageSize, filters }) =>
      fetchPublicNotices({
        page,
        pageSize,
        areaId: filters.areaId ? Number(filters.areaId) : undefined,
        kind: filters.kind as NoticeKind | undefined,
        ...dayRangeQuery(filters),
      }),
  });
  const { filters, setFilters } = table;
  return (
    <Card title="公示公告">
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <AreaFilter value={filters.areaId} onChange={(areaId) => setFilters({ areaId })} width={200} />
        <FilterSelect
          label="公示类型"
          placeholder="全部类型"
          width={160}
          value={filters.kind}
          options={NOTICE_KINDS}
          onChange={(kind) => setFilters({ kind })}
        />
        <DayRangeFilter label="发布日期" from={filters.from} to={filters.to} onChange={setFilters} />
      </Flex>
      <Table<PublicNotice> {...table.tableProps} columns={columns} size="middle" locale={{ emptyText: '暂无公示' }} />
    </Card>
  );
}
