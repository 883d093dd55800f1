import { useQueries, useQuery } from '@tanstack/react-query';
import { App, Alert, Card, Form, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, type ApiErrorBody } from '../../../api/client';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { PrintButton } from '../../../components/PrintButton';
import { useFormMutation } from '../../../lib/useFormMutation';
import { formatYuan, plainYuan } from '../../../lib/units';
import {
  applyDisbursement,
  fetchProposal,
  PROJECTS_KEY,
  type ProjectRequest,
  type ProjectSummary,
  useProject,
  useRefreshProject,
} from '../api';
import { RequiredDocumentsHint } from '../../required-documents/RequiredDocumentsHint';
import { DISBURSEMENT_KIND, DocumentsPanel } from '../DocumentsPanel';
import { useRequiredUploads } from '../requiredUploads';
import { printPath } from '../labels';
import { NoteAndSubmit } from './NoteAndSubmit';
import { ActionFrame, actionOf, BlockedAlert } from './ActionFrame';
import { EMPTY_PAYEE, type PayeeValues, PayeesFields, payeesBody } from './PayeesFields';

interface DisbursementValues {
  phaseId?: number;
  payees: PayeeValues[];
  note: string;
}

/** R-48: a house whose balance cannot pay its part, as the server lists it (amounts in fen). */
type Shortfall = NonNullable<ApiErrorBody['shortfalls']>[number];

const shortfallsOf = (err: unknown): Shortfall[] =>
  err instanceof ApiError && err.body.code === 'SHORTFALL' ? (err.body.shortfalls ?? []) : [];

function ShortfallTable({ rows }: { rows: Shortfall[] }) {
  return (
    <Alert
      type="error"
      showIcon
      title={`${rows.length} 户分户账余额不足以支付本次拨付的分摊金额，须先续筹`}
      description={
        <Table<Shortfall>
          rowKey="houseId"
          size="small"
          data-testid="shortfalls"
          dataSource={rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '房屋', dataIndex: 'name' },
            { title: '账户余额（元）', dataIndex: 'balance', align: 'right', render: (f: number) => formatYuan(f) },
            { title: '本次应扣（元）', dataIndex: 'debit', align: 'right', render: (f: number) => formatYuan(f) },
            { title: '差额（元）', dataIndex: 'shortfall', align: 'right', render: (f: number) => formatYuan(f) },
          ]}
        />
      }
    />
  );
}

function DisbursementForm({
  projectId,
  missing,
  onSubmitted,
}: {
  projectId: number;
  missing: string | null;
  onSubmitted: (r: ProjectRequest) => void;
}) {
  const { message } = App.useApp();
  const refresh = useRefreshProject();
  const detail = useProject(projectId);
  const [form] = Form.useForm<DisbursementValues>();
  const phaseId = Form.useWatch('phaseId', form);
  const proposal = useQuery({
    queryKey: [...PROJECTS_KEY, projectId, 'proposal', phaseId],
    queryFn: () => fetchProposal(projectId, phaseId ?? 0),
    enabled: phaseId !== undefined,
  });
  const submit = useFormMutation(
    form,
    (v: DisbursementValues) => applyDisbursement(projectId, { phaseId: v.phaseId ?? 0, payees: payeesBody(v.payees), note: v.note ?? '' }),
    {
      onSuccess: async (r) => {
        onSubmitted(r);
        message.success(`资金拨付申请 ${r.no} 已提交，请打印资金拨付申请单`);
        form.resetFields();
        await refresh();
      },
    },
  );
  const shortfalls = shortfallsOf(submit.error);
  // Each phase's remaining amount, so a phase fully applied for is shown and cannot be picked (R-45).
  const phases = detail.data?.phases ?? [];
  // The items' 施工单位, offered as the payees (F-44).
  const units = [...new Set((detail.data?.items ?? []).map((i) => i.contractor.trim()).filter((c) => c.length > 0))];
  const proposals = useQueries({
    queries: phases.map((p) => ({
      queryKey: [...PROJECTS_KEY, projectId, 'proposal', p.id],
      queryFn: () => fetchProposal(projectId, p.id),
    })),
  });
  const remaining = new Map(proposals.flatMap((q) => (q.data ? [[q.data.phaseId, q.data.remaining] as const] : [])));

  // The form proposes what is left of the phase (manual: 这个拨付金额可手动修改).
  const pickPhase = async (id: number) => {
    const p = await fetchProposal(projectId, id);
    const payees: PayeeValues[] = form.getFieldValue('payees') ?? [];
    const first = payees[0] ?? EMPTY_PAYEE;
    form.setFieldValue('payees', [{ ...first, amount: plainYuan(p.remaining) }, ...payees.slice(1)]);
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ payees: [{ ...EMPTY_PAYEE }], note: '' }} onFinish={submit.onFinish}>
      {shortfalls.length > 0 ? <ShortfallTable rows={shortfalls} /> : <FormErrorAlert error={submit.error} />}
      <Form.Item name="phaseId" label="拨付期数" rules={[{ required: true, message: '请选择拨付计划中的一期' }]} style={{ maxWidth: 480 }}>
        <Select
          aria-label="拨付期数"
          placeholder="选择拨付计划中的一期"
          onChange={(id: number) => void pickPhase(id)}
          options={phases.map((p) => {
            const left = remaining.get(p.id);
            return {
              value: p.id,
              disabled: left === 0,
              label: `第 ${p.seq} 期：${formatYuan(p.amount)} 元${p.condition ? `（${p.condition}）` : ''}${left === undefined ? '' : `，尚可申请 ${formatYuan(left)} 元`}`,
            };
          })}
        />
      </Form.Item>
      {proposal.data && (
        <Typography.Paragraph data-testid="phase-proposal">
          第 {proposal.data.seq} 期计划 {formatYuan(proposal.data.plan)} 元，已申请 {formatYuan(proposal.data.applied)} 元，尚可申请{' '}
          {formatYuan(proposal.data.remaining)} 元（一期可分多次、多个收款账户申请，合计不超过该期计划金额）
        </Typography.Paragraph>
      )}
      <Card size="small" title="收款账户信息" style={{ marginBottom: 16 }}>
        <PayeesFields units={units} />
      </Card>
      <NoteAndSubmit pending={submit.isPending} missing={missing} />
    </Form>
  );
}

/** What was just applied for, with its print button: it stays when the application leaves nothing more to apply for now. */
function SubmittedAlert({ projectId, r }: { projectId: number; r: ProjectRequest }) {
  return (
    <Alert
      type="success"
      showIcon
      title={`资金拨付申请 ${r.no}（第 ${r.phaseSeq ?? ''} 期，${formatYuan(r.amount)} 元）已提交`}
      description="申请人携带相关要件至维修资金受理窗口办理正式受理；审核通过后办理划转。"
      action={<PrintButton path={printPath.disbursementForm(projectId, r.id)}>打印资金拨付申请单</PrintButton>}
    />
  );
}

/** 资金拨付 (manual §1.3.1 第五步 – 第九步; F-44): one phase, one or more payees, documents, submit, print. */
export function DisbursementPage() {
  // Kept with its project: going on to another project's 资金拨付 does not carry it over.
  const [done, setDone] = useState<{ projectId: number; r: ProjectRequest } | null>(null);
  return <ActionFrame title="资金拨付">{(s, id) => <DisbursementSteps s={s} id={id} done={done} setDone={setDone} />}</ActionFrame>;
}

function DisbursementSteps({
  s,
  id,
  done,
  setDone,
}: {
  s: ProjectSummary;
  id: number;
  done: { projectId: number; r: ProjectRequest } | null;
  setDone: (d: { projectId: number; r: ProjectRequest }) => void;
}) {
  const uploads = useRequiredUploads(id, DISBURSEMENT_KIND, 'project.disbursement');
  const action = actionOf(s, 'disbursement');
  const mine = s.requests.filter((r) => r.kind === 'disbursement');
  return (
    <>
      {mine.length > 0 && (
        <Table<ProjectRequest>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={mine}
          columns={[
            { title: '拨付申请编号', dataIndex: 'no', width: 170 },
            { title: '期数', dataIndex: 'phaseSeq', width: 80, render: (n: number | null) => (n ? `第 ${n} 期` : '—') },
            { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
            { title: '收款单位', key: 'payees', render: (_: unknown, r) => r.payees.map((p) => p.unitName).join('、') },
            { title: '状态', dataIndex: 'statusLabel', width: 110 },
            {
              title: '打印',
              key: 'print',
              width: 150,
              render: (_: unknown, r) => <PrintButton path={printPath.disbursementForm(id, r.id)}>打印申请单</PrintButton>,
            },
          ]}
        />
      )}
      <Card size="small" title="上传要件">
        <RequiredDocumentsHint type="project.disbursement" style={{ marginBottom: 12 }} />
        <DocumentsPanel projectId={id} kind={DISBURSEMENT_KIND} required={uploads.required} canUpload={action?.allowed ?? false} />
      </Card>
      {done?.projectId === id && <SubmittedAlert projectId={id} r={done.r} />}
      {action?.allowed ? (
        <DisbursementForm projectId={id} missing={uploads.message} onSubmitted={(r) => setDone({ projectId: id, r })} />
      ) : (
        <BlockedAlert action={action} />
      )}
    </>
  );
}
