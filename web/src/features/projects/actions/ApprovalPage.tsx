import { App, Alert, Card, Descriptions, Flex, Form, List, Typography } from 'antd';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { PrintButton } from '../../../components/PrintButton';
import { useFormMutation } from '../../../lib/useFormMutation';
import { formatYuan } from '../../../lib/units';
import { type ProjectSummary, submitApproval, useProject, useRefreshProject } from '../api';
import { projectDocType } from '../../required-documents/api';
import { RequiredDocumentsHint } from '../../required-documents/RequiredDocumentsHint';
import { DocumentsPanel } from '../DocumentsPanel';
import { printPath } from '../labels';
import { NoteAndSubmit } from './NoteAndSubmit';
import { useRequiredUploads } from '../requiredUploads';
import { ActionFrame, actionOf, BlockedAlert } from './ActionFrame';
import { EMPTY_PAYEE, type PayeeValues, PayeesFields, payeesBody } from './PayeesFields';

interface ApprovalValues {
  payees?: PayeeValues[];
  note: string;
}

/** 核对立项信息: what the office will review — items, budget, plan, notice and vote. */
function ApprovalSummary({ s, projectId }: { s: ProjectSummary; projectId: number }) {
  const detail = useProject(projectId);
  const initiation = s.notices.filter((n) => n.kind === 'initiation').at(-1);
  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label="维修设施设备">{detail.data ? `${detail.data.items.length} 项` : '…'}</Descriptions.Item>
        <Descriptions.Item label="预算总额">{formatYuan(s.money.budget)} 元</Descriptions.Item>
        <Descriptions.Item label="拨付计划合计">{s.type === 'simple' ? '一次拨付' : `${formatYuan(s.money.plan)} 元`}</Descriptions.Item>
        <Descriptions.Item label="立项公示">{initiation ? `${initiation.no}，截止 ${initiation.deadline}` : '未发布'}</Descriptions.Item>
        <Descriptions.Item label="业主表决">
          {s.type === 'emergency' ? '紧急维修项目无需表决' : s.vote ? (s.vote.passed ? '通过' : '未通过') : '未录入'}
        </Descriptions.Item>
        <Descriptions.Item label="结算金额">{s.money.settlement === null ? '—' : `${formatYuan(s.money.settlement)} 元`}</Descriptions.Item>
      </Descriptions>
      {detail.data && detail.data.warnings.length > 0 && (
        <Alert
          type="error"
          showIcon
          title="金额规则未满足，不能提交"
          description={<List size="small" dataSource={detail.data.warnings} renderItem={(w) => <List.Item>{w}</List.Item>} />}
        />
      )}
    </Flex>
  );
}

/** F-43: what submitting the approval application leads to, said before it is submitted. */
export function approvalConsequence(type: ProjectSummary['type']): string {
  const frozen = '提交后维修项目、分摊范围与分摊金额、拨付计划都不能再修改，业主表决结果也不能再更正，由维修资金管理部门受理审核。';
  const payees = type === 'simple' ? '收款账户与金额随立项申请一并审核，审核通过即向银行发出拨付指令。' : '';
  return `${frozen}${payees}请确认已核对立项信息并上传要件。`;
}

function ApprovalForm({ s, projectId, missing }: { s: ProjectSummary; projectId: number; missing: string | null }) {
  const { message, modal } = App.useApp();
  const refresh = useRefreshProject();
  const [form] = Form.useForm<ApprovalValues>();
  const detail = useProject(projectId);
  const units = [...new Set((detail.data?.items ?? []).map((i) => i.contractor.trim()).filter((c) => c.length > 0))];
  const submit = useFormMutation(
    form,
    (v: ApprovalValues) => submitApproval(projectId, { payees: payeesBody(v.payees), note: v.note ?? '' }),
    {
      onSuccess: async () => {
        message.success('立项申请已提交，请打印立项申请单，携要件至维修资金管理部门受理窗口办理');
        await refresh();
      },
    },
  );
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ payees: s.type === 'simple' ? [{ ...EMPTY_PAYEE }] : [], note: '' }}
      onFinish={async (v: ApprovalValues) => {
        const ok = await modal.confirm({
          title: '提交立项申请？',
          content: approvalConsequence(s.type),
          okText: '确认提交',
          cancelText: '返回核对',
        });
        if (ok) submit.onFinish(v);
      }}
    >
      <FormErrorAlert error={submit.error} />
      {s.type === 'simple' && (
        <Card size="small" title="收款账户信息（拨付金额合计须等于预算总额）" style={{ marginBottom: 16 }}>
          <PayeesFields units={units} />
        </Card>
      )}
      <NoteAndSubmit pending={submit.isPending} missing={missing} />
    </Form>
  );
}

/** 项目立项 (manual §1.3.1 第四步; §1.3.3 第六步 with the payees): check, upload, 保存并提交, print. */
export function ApprovalPage() {
  return <ActionFrame title="项目立项">{(s, id) => <ApprovalSteps s={s} id={id} />}</ActionFrame>;
}

const APPROVAL_KIND = '立项申请要件';

function ApprovalSteps({ s, id }: { s: ProjectSummary; id: number }) {
  const uploads = useRequiredUploads(id, APPROVAL_KIND, projectDocType('approval', s.type));
  const action = actionOf(s, 'approval');
  const submitted = s.requests.some((r) => r.kind === 'approval' && r.status !== 'rejected');
  return (
    <>
      <ApprovalSummary s={s} projectId={id} />
      <Card size="small" title="上传要件">
        <RequiredDocumentsHint type={projectDocType('approval', s.type)} style={{ marginBottom: 12 }} />
        <DocumentsPanel projectId={id} kind={APPROVAL_KIND} required={uploads.required} canUpload={action?.allowed ?? false} />
      </Card>
      {action?.allowed ? <ApprovalForm s={s} projectId={id} missing={uploads.message} /> : <BlockedAlert action={action} />}
      {submitted && (
        <Flex gap={12} align="center">
          <PrintButton path={printPath.approvalForm(id)}>打印立项申请单</PrintButton>
          <Typography.Text type="secondary">申请人提交申请单及相关资料至维修资金管理部门受理窗口。</Typography.Text>
        </Flex>
      )}
    </>
  );
}
