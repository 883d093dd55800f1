import { Flex, Input, Select } from 'antd';
import type { ApplicationListQuery, ApplicationSummary } from '../../api/types';
import { DayRangeFilter, dayRangeQuery } from '../../components/DayRangeFilter';
import { formatDateTime } from '../../lib/dates';
import { oneOf } from '../../lib/oneOf';
import type { Filters } from '../../lib/useServerTable';
import { ApplicationStatusTag } from './ApplicationStatusTag';
import { APPLICATION_STATUSES, APPLICATION_TYPES, STATUS_LABELS, TYPE_LABELS } from './labels';

export const APPLICATION_FILTERS = ['type', 'status', 'q', 'from', 'to'] as const;
export type ApplicationFilterKey = (typeof APPLICATION_FILTERS)[number];

/** The list query from the filters in the address bar (dates are Beijing calendar days). */
export function applicationQuery(page: number, pageSize: number, f: Filters<ApplicationFilterKey>): ApplicationListQuery {
  return {
    page,
    pageSize,
    type: oneOf(f.type, APPLICATION_TYPES),
    status: oneOf(f.status, APPLICATION_STATUSES),
    q: f.q,
    ...dayRangeQuery(f),
  };
}

interface ApplicationFiltersProps {
  filters: Filters<ApplicationFilterKey>;
  setFilters: (patch: Filters<ApplicationFilterKey>) => void;
  /** The office leaves out drafts, which it never sees. */
  statuses?: readonly ApplicationSummary['status'][];
  searchPlaceholder: string;
}

/** 业务类型, 状态, keyword and 提交日期 filters of an application list. */
export function ApplicationFilters({ filters, setFilters, statuses = APPLICATION_STATUSES, searchPlaceholder }: ApplicationFiltersProps) {
  return (
    <Flex wrap gap={12} style={{ marginBottom: 16 }}>
      <Select
        aria-label="业务类型"
        style={{ width: 170 }}
        value={filters.type ?? ''}
        onChange={(type: string) => setFilters({ type })}
        options={[{ value: '', label: '全部业务类型' }, ...APPLICATION_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))]}
      />
      <Select
        aria-label="状态"
        style={{ width: 140 }}
        value={filters.status ?? ''}
        onChange={(status: string) => setFilters({ status })}
        options={[{ value: '', label: '全部状态' }, ...statuses.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]}
      />
      <DayRangeFilter label="提交日期" from={filters.from} to={filters.to} onChange={setFilters} />
      <Input.Search
        aria-label="搜索业务单"
        placeholder={searchPlaceholder}
        allowClear
        defaultValue={filters.q}
        onSearch={(q) => setFilters({ q: q.trim() })}
        style={{ width: 300 }}
      />
    </Flex>
  );
}

/** The columns an application list always has. */
export const applicationColumns = {
  type: { title: '业务类型', dataIndex: 'typeLabel', width: 140 },
  area: { title: '物业区域', dataIndex: 'areaName', render: (n: string | null) => n ?? '—' },
  org: { title: '申请单位', dataIndex: 'orgName' },
  status: {
    title: '状态',
    dataIndex: 'status',
    width: 110,
    render: (s: ApplicationSummary['status']) => <ApplicationStatusTag status={s} />,
  },
  items: { title: '明细', dataIndex: 'itemCount', width: 80, align: 'right' as const },
  created: { title: '创建时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
  submitted: { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (at: string | null) => formatDateTime(at) || '—' },
};
