import { Button, Card, Col, Descriptions, Flex, List, Row, Space, Statistic, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { ExportButton } from '../../components/ExportButton';
import { PrintButton } from '../../components/PrintButton';
import { Section } from '../../components/Section';
import { formatDateTime } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import { ACTION_PATHS, useCancelProject } from './ActionMenu';
import { type ProjectRequest, type ProjectSummary, useProjectSummary } from './api';
import { eventLabel, printPath, STAGE_COLORS } from './labels';

/** Where each request's printed form is: the approval form, a disbursement form, a refund notice. */
function requestPrint(projectId: number, r: ProjectRequest) {
  if (r.kind === 'approval') return printPath.approvalForm(projectId);
  if (r.kind === 'disbursement') return printPath.disbursementForm(projectId, r.id);
  return printPath.refundNotice(projectId, r.id);
}

const NOTICE_PRINT = {
  initiation: printPath.initiationNotice,
  acceptance: printPath.acceptanceNotice,
  cancellation: printPath.cancellationNotice,
} as const;

function MoneySummary({ money }: { money: ProjectSummary['money'] }) {
  const cells: [string, number | null][] = [
    ['预算总额', money.budget],
    ['拨付计划', money.plan],
    ['已申请拨付', money.applied],
    ['已划转', money.transferred],
    ['已清退', money.refunded],
    ['结算金额', money.settlement],
  ];
  return (
    <Row gutter={[16, 16]}>
      {cells.map(([title, fen]) => (
        <Col key={title} xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={`${title}（元）`} value={fen === null ? '—' : formatYuan(fen)} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * The project's page (SPEC §7.2): its timeline, its money, the next steps it allows as buttons, and
 * for every step not allowed yet the rule that blocks it.
 */
export function ProjectPage() {
  const id = Number(useParams().id);
  const summary = useProjectSummary(id);
  const navigate = useNavigate();
  const cancel = useCancelProject(id);
  if (!summary.data) return <LoadingOrError query={summary} />;
  const s = summary.data;
  const applicable = s.actions.filter((a) => a.applicable);
  const allowed = applicable.filter((a) => a.allowed);
  const blocked = applicable.filter((a) => !a.allowed && a.blockedBy);
  const go = (action: string) => (action === 'cancel' ? cancel() : navigate(ACTION_PATHS[action]?.(id) ?? `/repair/projects/${id}`));

  return (
    <Page title={`维修项目：${s.name}`} extra={<Link to="/repair/projects">返回维修项目列表</Link>}>
      <Flex vertical gap={16}>
        <Descriptions size="small" column={4}>
          <Descriptions.Item label="项目编号">{s.no}</Descriptions.Item>
          <Descriptions.Item label="项目类型">{s.typeLabel}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={STAGE_COLORS[s.stage]}>{s.stageLabel}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="项目内容">
            <Link to={`/repair/projects/${id}/edit`}>维修设施设备、分摊与拨付计划</Link>
          </Descriptions.Item>
        </Descriptions>
        <MoneySummary money={s.money} />
        <Section title="可办理的操作">
          <Flex vertical gap={12}>
            <Space wrap data-testid="allowed-actions">
              {allowed.length === 0 && <Typography.Text type="secondary">当前没有可办理的操作</Typography.Text>}
              {allowed.map((a) => (
                <Button
                  key={a.action}
                  type={a.action === 'cancel' ? 'default' : 'primary'}
                  danger={a.action === 'cancel'}
                  onClick={() => go(a.action)}
                >
                  {a.label}
                </Button>
              ))}
              {s.type !== 'emergency' && <PrintButton path={printPath.voteSheet(id)}>打印投票表决签字表</PrintButton>}
            </Space>
            {blocked.length > 0 && (
              <div data-testid="blocked-actions">
                <List
                  size="small"
                  header={<Typography.Text strong>暂不能办理</Typography.Text>}
                  dataSource={blocked}
                  renderItem={(a) => (
                    <List.Item>
                      <Typography.Text>
                        {a.label}：{a.blockedBy?.message}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              </div>
            )}
          </Flex>
        </Section>
        {s.vote && (
          <Section title="业主表决结果">
            <Typography.Text>
              {s.vote.passed ? <Tag color="success">通过</Tag> : <Tag color="error">未通过</Tag>}
              参与表决 {s.vote.totals.participatingOwners}/{s.vote.totals.rangeOwners} 人，同意 {s.vote.totals.agreeOwners} 人
              {s.vote.recordedAt ? `，录入于 ${formatDateTime(s.vote.recordedAt)}` : ''}
            </Typography.Text>
          </Section>
        )}
        <Section title="公示">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={s.notices}
            locale={{ emptyText: '尚未发布公示' }}
            columns={[
              { title: '公示编号', dataIndex: 'no', width: 170 },
              { title: '类型', dataIndex: 'kindLabel', width: 100 },
              { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: formatDateTime },
              { title: '公示截止日', dataIndex: 'deadline', width: 110 },
              { title: '内容', dataIndex: 'content', ellipsis: true },
              {
                title: '打印 / 导出',
                key: 'print',
                width: 240,
                render: (_: unknown, n) => (
                  <Flex gap={8}>
                    <PrintButton path={NOTICE_PRINT[n.kind](id)}>打印公告</PrintButton>
                    {(n.kind === 'initiation' || n.kind === 'acceptance') && (
                      <ExportButton
                        url={`/api/projects/${id}/notices/${encodeURIComponent(n.no)}/list.xlsx`}
                        fileName={n.kind === 'acceptance' ? '决算清册.xlsx' : '预算清册.xlsx'}
                      >
                        导出清册
                      </ExportButton>
                    )}
                  </Flex>
                ),
              },
            ]}
          />
        </Section>
        <Section title="申请与通知单">
          <Table<ProjectRequest>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={s.requests}
            locale={{ emptyText: '尚无申请' }}
            columns={[
              { title: '编号', dataIndex: 'no', width: 170 },
              { title: '类型', dataIndex: 'kindLabel', width: 120 },
              { title: '期数', dataIndex: 'phaseSeq', width: 70, render: (n: number | null) => (n ? `第 ${n} 期` : '—') },
              { title: '金额（元）', dataIndex: 'amount', width: 130, align: 'right', render: (f: number) => formatYuan(f) },
              { title: '状态', dataIndex: 'statusLabel', width: 110 },
              { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: formatDateTime },
              { title: '退回原因', dataIndex: 'rejectReason', ellipsis: true, render: (r: string | null) => r ?? '' },
              {
                title: '打印',
                key: 'print',
                width: 120,
                render: (_: unknown, r) => <PrintButton path={requestPrint(id, r)}>打印</PrintButton>,
              },
            ]}
          />
        </Section>
        <Section title="办理过程">
          <div data-testid="timeline">
            <Timeline
              items={s.timeline.map((e) => ({
                key: `${e.at}-${e.action}`,
                content: (
                  <>
                    <Typography.Text strong>{eventLabel(e.action)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {' '}
                      {formatDateTime(e.at)} · {e.orgName} {e.userName}
                    </Typography.Text>
                    {e.note && <div>{e.note}</div>}
                  </>
                ),
              }))}
            />
          </div>
        </Section>
      </Flex>
    </Page>
  );
}
