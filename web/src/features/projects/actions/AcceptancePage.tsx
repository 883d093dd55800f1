import { App, Button, Card, DatePicker, Descriptions, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { dayjs } from '../../../lib/dates';
import { useFormMutation } from '../../../lib/useFormMutation';
import { formatYuan, plainYuan } from '../../../lib/units';
import { type ProjectSummary, recordAcceptance, useRefreshProject } from '../api';
import { DocumentsPanel } from '../DocumentsPanel';
import { YuanInput } from '../MoneyField';
import { fenOf, yuanRules } from '../money';
import { ActionFrame, actionOf, BlockedAlert } from './ActionFrame';

interface AcceptanceValues {
  date: Dayjs;
  result: string;
  settlement: string;
}

function AcceptanceForm({ s, projectId }: { s: ProjectSummary; projectId: number }) {
  const { message } = App.useApp();
  const refresh = useRefreshProject();
  const [form] = Form.useForm<AcceptanceValues>();
  const submit = useFormMutation(
    form,
    (v: AcceptanceValues) =>
      recordAcceptance(projectId, { date: v.date.format('YYYY-MM-DD'), result: v.result, settlement: fenOf(v.settlement) }),
    {
      onSuccess: async () => {
        message.success('验收已提交；请在公示管理中发布验收公示');
        await refresh();
      },
    },
  );
  // A simple project settles at its budget, so the budget is proposed.
  const proposed = s.type === 'simple' ? plainYuan(s.money.budget) : '';
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ date: dayjs(), result: '', settlement: proposed }}
      onFinish={submit.onFinish}
      style={{ maxWidth: 640 }}
    >
      <FormErrorAlert error={submit.error} />
      <Form.Item name="date" label="验收日期" rules={[{ required: true, message: '请选择验收日期' }]}>
        <DatePicker aria-label="验收日期" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="result" label="验收结果" rules={[{ required: true, whitespace: true, message: '请填写验收结果' }]}>
        <Input.TextArea rows={3} maxLength={1000} placeholder="如：工程质量合格，同意验收" />
      </Form.Item>
      <Form.Item
        name="settlement"
        label="结算金额"
        rules={yuanRules('结算金额', { positive: true })}
        extra={`已划转 ${formatYuan(s.money.transferred - s.money.refunded)} 元，结算金额不能低于已划转金额${s.type === 'simple' ? '；简单拨付项目的结算金额须等于预算总额' : ''}`}
      >
        <YuanInput aria-label="结算金额" style={{ width: 240 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submit.isPending}>
        提交
      </Button>
    </Form>
  );
}

/** 项目验收 (manual §1.3.1 第七步; F-45): date, result, settlement and the acceptance documents. */
export function AcceptancePage() {
  return (
    <ActionFrame title="项目验收">
      {(s, id) => {
        const action = actionOf(s, 'acceptance');
        return (
          <>
            {s.acceptance && (
              <Descriptions size="small" column={3} bordered title="验收信息">
                <Descriptions.Item label="验收日期">{s.acceptance.date}</Descriptions.Item>
                <Descriptions.Item label="结算金额">{formatYuan(s.acceptance.settlement)} 元</Descriptions.Item>
                <Descriptions.Item label="验收结果">{s.acceptance.result}</Descriptions.Item>
              </Descriptions>
            )}
            <Card size="small" title="上传要件（验收报告等）">
              <DocumentsPanel projectId={id} kind="验收要件" canUpload={action?.allowed ?? false} />
            </Card>
            {action?.allowed ? <AcceptanceForm s={s} projectId={id} /> : <BlockedAlert action={action} />}
          </>
        );
      }}
    </ActionFrame>
  );
}
