import { UnorderedListOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Table, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { PrintButton } from '../../components/PrintButton';
import { Section } from '../../components/Section';
import { amountInWords } from '../../lib/amountInWords';
import { formatDateTime } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import {
  PROJECTS_KEY,
  type ProjectDetail,
  type ProjectRequest,
  type ProjectSummary,
  useProjectDetail,
  useProjectSummary,
} from '../project-print/api';
import { ProjectFactsPanel, ProjectTimeline } from './ProjectFactsPanel';
import { ProjectMoneyPanel } from './ProjectMoneyPanel';
import { AcceptProjectRequestModal, RejectProjectRequestModal } from './ProjectRequestModals';
import { RequestDocuments } from './ReviewedDocuments';
import { PRINT_LABELS, PROJECT_REQUESTS_KEY, projectRequestActions, requestPrintPath, reviewable } from './projectRequestApi';
import { ProjectRequestStatusTag } from './ProjectRequestStatusTag';
import { ReviewFrame } from './ReviewFrame';

/** F-60 审核 of a repair project's request: what it asks, the project's money and history, and 受理 / 审核通过 / 退回. */
export function ProjectRequestReviewPage() {
  const params = useParams();
  const projectId = Number(params.projectId) || undefined;
  const detail = useProjectDetail(projectId);
  const summary = useProjectSummary(projectId);
  const navigate = useNavigate();
  const back = (
    <Button icon={<UnorderedListOutlined aria-hidden />} onClick={() => navigate('/office/project-requests')}>
      返回维修项目申请
    </Button>
  );
  const r = summary.data?.requests.find((x) => x.id === Number(params.requestId));
  return (
    <Page title="维修项目申请审核" extra={back}>
      {!detail.data || !summary.data ? (
        <LoadingOrError query={detail.isError ? detail : summary} />
      ) : r ? (
        <Review p={detail.data} s={summary.data} r={r} />
      ) : (
        <Alert type="warning" showIcon title="找不到该申请" />
      )}
    </Page>
  );
}

function Review({ p, s, r }: { p: ProjectDetail; s: ProjectSummary; r: ProjectRequest }) {
  const queryClient = useQueryClient();
  return (
    <ReviewFrame
      subject={r}
      header={<RequestHeader r={r} />}
      notes={
        !reviewable(r.kind) && (
          <Alert type="info" showIcon title="清退通知单由申请人到专户银行缴款，银行确认后退回各分摊户分户账，无需审核。" />
        )
      }
      approval={{
        title: `审核通过${r.kindLabel} ${r.no}？`,
        content:
          r.kind === 'approval'
            ? p.type === 'simple'
              ? '审核通过后项目立项，并向专户银行发出全部预算的划转指令（立项与拨付一次审核）。'
              : '审核通过后项目立项，业主委员会即可按拨付计划申请资金拨付。'
            : `审核通过后向专户银行发出划转指令：${formatYuan(r.amount)} 元划转至收款账户，由各分摊户分户账按分摊比例支付。`,
      }}
      approve={async () => {
        await projectRequestActions.approve(r.id);
        return `${r.kindLabel} ${r.no} 已审核通过`;
      }}
      acceptDialog={(close, done) => (
        <AcceptProjectRequestModal r={r} projectType={p.type} onClose={close} onDone={() => done(`${r.kindLabel} ${r.no} 已受理`)} />
      )}
      rejectDialog={(close, done) => (
        <RejectProjectRequestModal r={r} onClose={close} onDone={() => done(`${r.kindLabel} ${r.no} 已退回`)} />
      )}
      onChanged={async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: [...PROJECTS_KEY, p.id] }),
          queryClient.invalidateQueries({ queryKey: PROJECT_REQUESTS_KEY }),
        ]);
      }}
      print={<PrintButton path={requestPrintPath({ kind: r.kind, projectId: p.id, id: r.id })}>{PRINT_LABELS[r.kind]}</PrintButton>}
    >
      {r.payees.length > 0 && (
        <Section title="收款账户">
          <PayeesTable r={r} />
        </Section>
      )}
      {r.kind !== 'refund' && (
        <Section title="上传的要件">
          <RequestDocuments requestId={r.id} />
        </Section>
      )}
      <Section title="项目资金">
        <ProjectMoneyPanel p={p} s={s} />
      </Section>
      <Section title="项目信息">
        <ProjectFactsPanel p={p} s={s} />
      </Section>
      <Section title="办理过程">
        <ProjectTimeline s={s} />
      </Section>
    </ReviewFrame>
  );
}

function RequestHeader({ r }: { r: ProjectRequest }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      items={[
        { key: 'no', label: '申请编号', children: r.no },
        { key: 'kind', label: '业务类型', children: r.kindLabel },
        { key: 'status', label: '状态', children: <ProjectRequestStatusTag status={r.status} label={r.statusLabel} /> },
        { key: 'phase', label: '拨付期次', children: r.phaseSeq ? `第 ${r.phaseSeq} 期` : '—' },
        {
          key: 'amount',
          label: '金额',
          span: 2,
          children: (
            <Typography.Text strong>
              {formatYuan(r.amount)} 元（人民币{amountInWords(r.amount)}）
            </Typography.Text>
          ),
        },
        { key: 'submitted', label: '提交时间', children: formatDateTime(r.submittedAt) },
        { key: 'accepted', label: '受理时间', children: formatDateTime(r.acceptedAt) || '—' },
        { key: 'reviewed', label: '审核时间', children: formatDateTime(r.reviewedAt) || '—' },
        { key: 'confirmed', label: '银行确认时间', children: formatDateTime(r.confirmedAt) || '—' },
        { key: 'note', label: r.kind === 'refund' ? '清退原因' : '申请说明', span: 2, children: r.note || '—' },
      ]}
    />
  );
}

function PayeesTable({ r }: { r: ProjectRequest }) {
  return (
    <Table
      rowKey={(x) => `${x.accountNo}-${x.unitName}-${x.amount}`}
      size="small"
      pagination={false}
      dataSource={r.payees}
      columns={[
        { title: '收款单位', dataIndex: 'unitName' },
        { title: '账户名称', dataIndex: 'accountName' },
        { title: '开户银行', dataIndex: 'bankName' },
        { title: '银行账号', dataIndex: 'accountNo' },
        { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
      ]}
    />
  );
}
