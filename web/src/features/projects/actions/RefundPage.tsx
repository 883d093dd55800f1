import { App, Button, Form, Input, Table, Typography } from 'antd';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { PrintButton } from '../../../components/PrintButton';
import { formatDateTime } from '../../../lib/dates';
import { useFormMutation } from '../../../lib/useFormMutation';
import { formatYuan } from '../../../lib/units';
import { issueRefund, type ProjectRequest, type ProjectSummary, useRefreshProject } from '../api';
import { YuanInput } from '../MoneyField';
import { fenOf, yuanRules } from '../money';
import { printPath } from '../labels';
import { ActionFrame, actionOf, BlockedAlert } from './ActionFrame';
import { SELECT_PAGE_LABEL } from '../../../lib/selection';
import { refundedFrom } from '../../../../../server/src/domain/disbursement.ts';

interface RefundValues {
  sourceIds: number[];
  amount: string;
  reason: string;
}

/** What the chosen transferred disbursements still have to refund, as the server checks it (F-46). */
function refundable(s: ProjectSummary, chosen: readonly ProjectRequest[]): number {
  const refunds = s.requests
    .filter((x) => x.kind === 'refund')
    .map((x) => ({ amount: BigInt(x.amount), status: x.status, sourceIds: x.sourceIds }));
  const left =
    chosen.reduce((a, r) => a + BigInt(r.amount), 0n) -
    refundedFrom(
      chosen.map((r) => r.id),
      refunds,
    );
  return Number(left > 0n ? left : 0n);
}

function RefundForm({ s, projectId }: { s: ProjectSummary; projectId: number }) {
  const { message } = App.useApp();
  const refresh = useRefreshProject();
  const [form] = Form.useForm<RefundValues>();
  const picked: number[] = Form.useWatch('sourceIds', form) ?? [];
  const transferred = s.requests.filter((r) => r.kind === 'disbursement' && r.status === 'confirmed');
  const cap = refundable(
    s,
    transferred.filter((r) => picked.includes(r.id)),
  );
  const submit = useFormMutation(
    form,
    (v: RefundValues) => issueRefund(projectId, { sourceIds: v.sourceIds, amount: fenOf(v.amount), reason: v.reason }),
    {
      onSuccess: async () => {
        message.success('清退通知单已开具，请打印通知单，申请人携通知单至银行办理清退');
        form.resetFields();
        await refresh();
      },
    },
  );
  return (
    <Form form={form} layout="vertical" initialValues={{ sourceIds: [], amount: '', reason: '' }} onFinish={submit.onFinish}>
      <FormErrorAlert error={submit.error} />
      <Form.Item
        name="sourceIds"
        label="选择要清退的已划转拨付"
        rules={[{ required: true, type: 'array', min: 1, message: '请选择要清退的拨付' }]}
      >
        <RefundSources s={s} rows={transferred} />
      </Form.Item>
      <Form.Item
        name="amount"
        label="清退金额"
        rules={[
          ...yuanRules('清退金额', { positive: true }),
          {
            validator: (_: unknown, v?: string) =>
              fenOf(v) > cap && picked.length > 0
                ? Promise.reject(new Error(`清退金额不能超过所选拨付可清退的 ${formatYuan(cap)} 元`))
                : Promise.resolve(),
          },
        ]}
        extra={picked.length > 0 ? `所选拨付可清退 ${formatYuan(cap)} 元` : undefined}
      >
        <YuanInput aria-label="清退金额" style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="reason" label="清退原因" rules={[{ required: true, whitespace: true, message: '请填写清退原因' }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submit.isPending}>
        开具清退通知单
      </Button>
    </Form>
  );
}

/** The transferred disbursements as a ticked table (a form control: value = their ids). */
function RefundSources({
  s,
  rows,
  value = [],
  onChange,
}: {
  s: ProjectSummary;
  rows: ProjectRequest[];
  value?: number[];
  onChange?: (ids: number[]) => void;
}) {
  return (
    <Table<ProjectRequest>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '没有已划转的拨付' }}
      rowSelection={{
        ...SELECT_PAGE_LABEL,
        selectedRowKeys: value,
        onChange: (keys) => onChange?.(keys.map(Number)),
        getCheckboxProps: (r) => ({ 'aria-label': `选择 ${r.no}` }),
      }}
      columns={[
        { title: '拨付申请编号', dataIndex: 'no', width: 170 },
        { title: '期数', dataIndex: 'phaseSeq', width: 80, render: (n: number | null) => (n ? `第 ${n} 期` : '—') },
        { title: '划转金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
        { title: '可清退（元）', key: 'left', align: 'right', render: (_: unknown, r) => formatYuan(refundable(s, [r])) },
        { title: '划转时间', dataIndex: 'confirmedAt', width: 150, render: formatDateTime },
      ]}
    />
  );
}

/** 清退 (manual §1.3.4; F-46): pick transferred disbursements, amount, reason; print the 清退通知单. */
export function RefundPage() {
  return (
    <ActionFrame title="资金清退">
      {(s, id) => {
        const action = actionOf(s, 'refund');
        const notices = s.requests.filter((r) => r.kind === 'refund');
        return (
          <>
            {notices.length > 0 && (
              <Table<ProjectRequest>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={notices}
                columns={[
                  { title: '清退通知单号', dataIndex: 'no', width: 170 },
                  { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
                  { title: '清退原因', dataIndex: 'note', ellipsis: true },
                  { title: '状态', dataIndex: 'statusLabel', width: 110 },
                  {
                    title: '打印',
                    key: 'print',
                    width: 150,
                    render: (_: unknown, r) => <PrintButton path={printPath.refundNotice(id, r.id)}>打印通知单</PrintButton>,
                  },
                ]}
              />
            )}
            {action?.allowed ? <RefundForm s={s} projectId={id} /> : <BlockedAlert action={action} />}
            <Typography.Text type="secondary">
              申请人携清退通知单至专户银行办理清退，银行确认后清退金额按各户扣款比例退回分户账。
            </Typography.Text>
          </>
        );
      }}
    </ActionFrame>
  );
}
