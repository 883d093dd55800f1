import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Input, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { hasPermission, useCurrentSession } from '../../app/session';
import { Page } from '../../components/Page';
import { formatDate } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import { useServerTable } from '../../lib/useServerTable';
import { ExportButton } from '../../components/ExportButton';

/** The export takes the list's filters, so what is downloaded is what is listed. */
const exportQuery = (filters: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1]))).toString();
import { ActionMenu } from './ActionMenu';
import { PROJECT_STAGES, type ProjectStage, STAGE_LABELS } from '../../../../server/src/domain/project-stage.ts';
import { fetchProjects, PROJECTS_KEY, type ProjectRow, type ProjectType, useRefreshProject } from './api';
import { NEW_BUTTONS, STAGE_COLORS, TYPE_LABELS } from './labels';

// The stages in the order a project passes them; the server derives each project's stage by the same rule.
const STAGE_OPTIONS = PROJECT_STAGES.map((value) => ({ value, label: STAGE_LABELS[value] }));

const money = (fen: number | null) => (fen === null ? '—' : formatYuan(fen));

/** 维修项目管理 › 维修项目列表 (committee manual §1.3): the committee's projects, newest first. */
export function ProjectListPage() {
  const session = useCurrentSession();
  const navigate = useNavigate();
  const refresh = useRefreshProject();
  const canEdit = session.org.type === 'committee' && hasPermission(session, 'project.edit');
  const table = useServerTable<ProjectRow, 'type' | 'stage' | 'q'>({
    queryKey: [...PROJECTS_KEY, 'list'],
    filterKeys: ['type', 'stage', 'q'],
    fetchPage: ({ page, pageSize, filters }) =>
      fetchProjects({
        page,
        pageSize,
        type: filters.type as ProjectType | undefined,
        stage: filters.stage as ProjectStage | undefined,
        q: filters.q,
      }),
  });

  // The list rows carry no transfers; the area's public project list has them for every project
  // with a published notice — and a project without one cannot have been paid anything.
  const areaId = table.tableProps.dataSource?.[0]?.areaId;
  const moneyOf = useQuery({
    queryKey: [...PROJECTS_KEY, 'area-money', areaId],
    queryFn: () => call(api.GET('/api/public/areas/{id}/projects', { params: { path: { id: areaId ?? 0 } } })),
    enabled: areaId !== undefined,
  });
  const transferred = new Map((moneyOf.data?.items ?? []).map((p) => [p.id, p.transferred - p.refunded]));

  const columns: TableColumnsType<ProjectRow> = [
    { title: '项目编号', dataIndex: 'no', width: 150, render: (no: string, p) => <Link to={`/repair/projects/${p.id}`}>{no}</Link> },
    // The name is what a committee recognises a project by: it takes the width the amounts leave.
    {
      title: '项目名称',
      dataIndex: 'name',
      ellipsis: true,
      render: (name: string, p) => <Link to={`/repair/projects/${p.id}`}>{name}</Link>,
    },
    { title: '项目类型', dataIndex: 'type', width: 130, render: (t: ProjectType) => TYPE_LABELS[t] },
    {
      title: '状态',
      dataIndex: 'stageLabel',
      width: 120,
      render: (label: string, p) => <Tag color={STAGE_COLORS[p.stage]}>{label}</Tag>,
    },
    { title: '预算总额（元）', dataIndex: 'budgetTotal', width: 130, align: 'right', render: money },
    {
      title: '已划转（元）',
      key: 'transferred',
      width: 130,
      align: 'right',
      render: (_: unknown, p) => (moneyOf.data ? money(transferred.get(p.id) ?? 0) : ''),
    },
    { title: '结算金额（元）', dataIndex: 'settlementAmount', width: 130, align: 'right', render: money },
    { title: '创建日期', dataIndex: 'createdAt', width: 100, render: (d: string) => formatDate(d) },
    { title: '操作', key: 'actions', width: 90, render: (_: unknown, p) => <ActionMenu projectId={p.id} /> },
  ];

  return (
    <Page
      title="维修项目列表"
      extra={
        canEdit && (
          <Space wrap>
            {NEW_BUTTONS.map((b) => (
              <Button
                key={b.type}
                type={b.type === 'general' ? 'primary' : 'default'}
                onClick={() => navigate(`/repair/projects/new/${b.type}`)}
              >
                {b.label}
              </Button>
            ))}
          </Space>
        )
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="项目类型"
          placeholder="全部类型"
          allowClear
          value={table.filters.type}
          onChange={(v?: string) => table.setFilters({ type: v })}
          options={NEW_BUTTONS.map((b) => ({ value: b.type, label: TYPE_LABELS[b.type] }))}
          style={{ width: 180 }}
        />
        <Select
          aria-label="项目状态"
          placeholder="全部状态"
          allowClear
          value={table.filters.stage}
          onChange={(v?: string) => table.setFilters({ stage: v })}
          options={STAGE_OPTIONS}
          style={{ width: 160 }}
        />
        <Input.Search
          aria-label="搜索维修项目"
          placeholder="项目编号或名称"
          allowClear
          defaultValue={table.filters.q}
          onSearch={(q) => table.setFilters({ q: q.trim() || undefined })}
          style={{ width: 240 }}
        />
        {/* The manual (§1.3.1 第七步) has the list refreshed after an acceptance is submitted. */}
        <Flex gap={8} style={{ marginInlineStart: 'auto' }}>
          <ExportButton url={`/api/projects/export.xlsx?${exportQuery(table.filters)}`} fileName="维修项目列表.xlsx" />
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => refresh()}>
            刷新
          </Button>
        </Flex>
      </Flex>
      <Table<ProjectRow> {...table.tableProps} columns={columns} size="middle" scroll={{ x: 1120 }} />
    </Page>
  );
}
