import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Select, Table, type TableColumnsType, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import type { ApiResponse } from '../../api/types';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { formatDate } from '../../lib/dates';
import { errorMessage } from '../../lib/serverErrors';
import { formatYuan } from '../../lib/units';
import { STAGE_COLORS } from '../projects/labels';
import { usePublicAreas } from './noticeApi';

type PublicProject = ApiResponse<'/api/public/areas/{id}/projects'>['items'][number];

const money = (f: number | null) => (f === null ? '—' : formatYuan(f));

const columns: TableColumnsType<PublicProject> = [
  { title: '项目编号', dataIndex: 'no', width: 160 },
  { title: '项目名称', dataIndex: 'name' },
  { title: '项目类型', dataIndex: 'typeLabel', width: 140 },
  { title: '状态', dataIndex: 'stageLabel', width: 130, render: (l: string, p) => <Tag color={STAGE_COLORS[p.stage]}>{l}</Tag> },
  { title: '预算总额（元）', dataIndex: 'budgetTotal', width: 130, align: 'right', render: money },
  { title: '已划转（元）', dataIndex: 'transferred', width: 120, align: 'right', render: money },
  { title: '已清退（元）', dataIndex: 'refunded', width: 110, align: 'right', render: money },
  { title: '结算金额（元）', dataIndex: 'settlementAmount', width: 130, align: 'right', render: money },
  { title: '首次公示', dataIndex: 'firstNoticeAt', width: 110, render: (d: string) => formatDate(d) },
];

/** 维修项目 (F-72): the repair projects of one property area that have published a notice, with status and amounts. */
export function AreaProjectsPage() {
  useDocumentTitle('维修项目');
  const [params, setParams] = useSearchParams();
  const areaId = Number(params.get('areaId')) || undefined;
  const areas = usePublicAreas();
  const projects = useQuery({
    queryKey: ['public', 'areas', areaId, 'projects'],
    queryFn: () => call(api.GET('/api/public/areas/{id}/projects', { params: { path: { id: areaId ?? 0 } } })),
    enabled: !!areaId,
  });
  return (
    <Card title="维修项目" extra={areaId && <Link to={`/notices?areaId=${areaId}`}>本区域公示公告</Link>}>
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
        {projects.isError && <Alert type="error" showIcon title={errorMessage(projects.error)} />}
        {areaId && (
          <Table<PublicProject>
            rowKey="id"
            size="middle"
            loading={projects.isFetching}
            dataSource={projects.data?.items ?? []}
            columns={columns}
            pagination={false}
            scroll={{ x: 1100 }}
            locale={{ emptyText: '该物业区域暂无已公示的维修项目' }}
          />
        )}
      </Flex>
    </Card>
  );
}
