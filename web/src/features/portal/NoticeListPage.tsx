import { Card, DatePicker, Flex, Select, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../components/Page';
import { dayjs, endOfPlatformDay, formatDate, startOfPlatformDay } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import { useServerTable } from '../../lib/useServerTable';
import type { PublicNotice } from '../project-print/api';
import { fetchPublicNotices, NOTICE_KINDS, type NoticeKind, usePublicAreas } from './noticeApi';
import { NoticeKindTag } from './NoticeKindTag';

const FILTERS = ['areaId', 'kind', 'from', 'to'] as const;

const columns: TableColumnsType<PublicNotice> = [
  { title: '公示标题', dataIndex: 'title', render: (t: string, n) => <Link to={`/notices/${n.no}`}>{t}</Link> },
  { title: '类型', dataIndex: 'kindLabel', width: 110, render: (l: string, n) => <NoticeKindTag kind={n.kind} label={l} /> },
  { title: '物业区域', dataIndex: 'areaName', width: 130 },
  { title: '预算总额（元）', dataIndex: 'budgetTotal', width: 140, align: 'right', render: (f: number) => formatYuan(f) },
  { title: '发布日期', dataIndex: 'publishedAt', width: 120, render: (d: string) => formatDate(d) },
  { title: '公示截止日', dataIndex: 'deadline', width: 120 },
];

/** 公示公告 (F-72): every published repair project notice, by area, type and publication date. */
export function NoticeListPage() {
  useDocumentTitle('公示公告');
  const areas = usePublicAreas();
  const table = useServerTable({
    queryKey: ['public', 'project-notices', 'list'],
    filterKeys: FILTERS,
    fetchPage: ({ page, pageSize, filters }) =>
      fetchPublicNotices({
        page,
        pageSize,
        areaId: filters.areaId ? Number(filters.areaId) : undefined,
        kind: filters.kind as NoticeKind | undefined,
        from: filters.from ? startOfPlatformDay(dayjs(filters.from)) : undefined,
        to: filters.to ? endOfPlatformDay(dayjs(filters.to)) : undefined,
      }),
  });
  const { filters, setFilters } = table;
  return (
    <Card title="公示公告">
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="物业区域"
          allowClear
          placeholder="全部物业区域"
          style={{ width: 200 }}
          value={filters.areaId ? Number(filters.areaId) : undefined}
          options={(areas.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          onChange={(v?: number) => setFilters({ areaId: v ? String(v) : undefined })}
        />
        <Select
          aria-label="公示类型"
          allowClear
          placeholder="全部类型"
          style={{ width: 160 }}
          value={filters.kind}
          options={NOTICE_KINDS}
          onChange={(v?: string) => setFilters({ kind: v })}
        />
        <DatePicker.RangePicker
          aria-label="发布日期"
          placeholder={['发布日期起', '发布日期止']}
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          onChange={(r) => setFilters({ from: r?.[0]?.format('YYYY-MM-DD') ?? undefined, to: r?.[1]?.format('YYYY-MM-DD') ?? undefined })}
        />
      </Flex>
      <Table<PublicNotice> {...table.tableProps} columns={columns} size="middle" locale={{ emptyText: '暂无公示' }} />
    </Card>
  );
}
