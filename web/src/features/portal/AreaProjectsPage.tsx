import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Select, Table, Tag, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../components/Page';
import { formatDate } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import { fetchAllPages, type PublicNotice } from '../project-print/api';
import { fetchPublicNotices, usePublicAreas } from './noticeApi';

interface PublicProject {
  projectId: number;
  projectNo: string;
  projectName: string;
  projectType: string;
  budgetTotal: number;
  settlementAmount: number | null;
  latest: PublicNotice;
}

const STAGE = { initiation: ['已立项公示', 'blue'], acceptance: ['已验收公示', 'green'], cancellation: ['已撤销', 'red'] } as const;

/** One row per project, from its notices (newest first, so the first seen is the latest). */
export function projectsOf(notices: PublicNotice[]): PublicProject[] {
  const byProject = new Map<number, PublicProject>();
  for (const n of notices) {
    const p = byProject.get(n.projectId);
    if (!p) {
      byProject.set(n.projectId, { ...n, latest: n });
    } else if (p.settlementAmount === null && n.settlementAmount !== null) {
      p.settlementAmount = n.settlementAmount;
    }
  }
  return [...byProject.values()];
}

const columns: TableColumnsType<PublicProject> = [
  { title: '项目编号', dataIndex: 'projectNo', width: 160 },
  { title: '项目名称', dataIndex: 'projectName' },
  { title: '项目类型', dataIndex: 'projectType', width: 150 },
  {
    title: '进度',
    key: 'stage',
    width: 120,
    render: (_, p) => <Tag color={STAGE[p.latest.kind][1]}>{STAGE[p.latest.kind][0]}</Tag>,
  },
  { title: '预算总额（元）', dataIndex: 'budgetTotal', width: 140, align: 'right', render: (f: number) => formatYuan(f) },
  {
    title: '结算金额（元）',
    dataIndex: 'settlementAmount',
    width: 140,
    align: 'right',
    render: (f: number | null) => (f === null ? '—' : formatYuan(f)),
  },
  {
    title: '最新公示',
    key: 'latest',
    width: 200,
    render: (_, p) => <Link to={`/notices/${p.latest.no}`}>{`${p.latest.kindLabel} ${formatDate(p.latest.publishedAt)}`}</Link>,
  },
];

/** 维修项目公开 (F-72): the repair projects of one property area, as their public notices tell them. */
export function AreaProjectsPage() {
  useDocumentTitle('维修项目');
  const [params, setParams] = useSearchParams();
  const areaId = Number(params.get('areaId')) || undefined;
  const areas = usePublicAreas();
  const notices = useQuery({
    queryKey: ['public', 'project-notices', 'area', areaId],
    queryFn: () => fetchAllPages((page, pageSize) => fetchPublicNotices({ page, pageSize, areaId })),
    enabled: !!areaId,
  });
  return (
    <Card title="维修项目">
      <Flex vertical gap={16}>
        <Select
          aria-label="物业区域"
          placeholder="请选择物业区域"
          style={{ width: 240 }}
          value={areaId}
          showSearch={{ optionFilterProp: 'label' }}
          options={(areas.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          onChange={(v: number) => setParams({ areaId: String(v) }, { replace: true })}
        />
        {notices.isError && <Alert type="error" showIcon title="加载失败，请稍后再试" />}
        {areaId && (
          <Table<PublicProject>
            rowKey="projectId"
            size="middle"
            loading={notices.isFetching}
            dataSource={notices.data ? projectsOf(notices.data.items) : []}
            columns={columns}
            pagination={false}
            locale={{ emptyText: '该物业区域暂无已公示的维修项目' }}
          />
        )}
      </Flex>
    </Card>
  );
}
