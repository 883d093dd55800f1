import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { dayjs, PLATFORM_TIME_ZONE } from '../../../lib/dates';
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
  correctionReason?: string;
}

/** F-45 / R-49: what submitting an acceptance leads to, said before it is submitted. */
export function acceptanceConsequence(settlement: string, correcting: boolean): string {
  const base = `结算金额 ${formatYuan(fenOf(settlement))} 元将作为决算依据：验收公示按它公布决算清册，累计拨付不能超过它。`;
  return correcting
    ? `${base}更正将替换原验收信息，原信息与更正原因留有记录。`
    : `${base}发布验收公示或再申请拨付之前，如发现录入有误可以更正，更正留有记录。`;
}

function AcceptanceForm({ s, projectId, onClose }: { s: ProjectSummary; projectId: number; onClose?: () => void }) {
  const { message, modal } = App.useApp();
  const refresh = useRefreshProject();
  const [form] = Form.useForm<AcceptanceValues>();
  const correcting = onClose !== undefined;
  const submit = useFormMutation(
    form,
    (v: AcceptanceValues) =>
      recordAcceptance(projectId, {
        date: v.date.format('YYYY-MM-DD'),
        result: v.result,
        settlement: fenOf(v.settlement),
        ...(correcting ? { correctionReason: v.correctionReason ?? '' } : {}),
      }),
    {
      onSuccess: async () => {
        message.success(correcting ? '验收信息已更正' : '验收已提交；请在公示管理中发布验收公示');
        onClose?.();
        await refresh();
      },
    },
  );
  const confirmThenSubmit = async (v: AcceptanceValues) => {
    const ok = await modal.confirm({
      title: correcting ? '更正验收信息？' : '提交项目验收？',
      content: acceptanceConsequence(v.settlement, correcting),
      okText: correcting ? '确认更正' : '确认提交',
      cancelText: '返回核对',
    });
    if (ok) submit.onFinish(v);
  };
  // A correction starts from what was recorded; a simple project settles at its budget, so the budget is proposed.
  const initial = s.acceptance
    ? { date: dayjs(s.acceptance.date), result: s.acceptance.result, settlement: plainYuan(s.acceptance.settlement) }
    : { date: dayjs().tz(PLATFORM_TIME_ZONE), result: '', settlement: s.type === 'simple' ? plainYuan(s.money.budget) : '' };
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={confirmThenSubmit} style={{ maxWidth: 640 }}>
      <FormErrorAlert error={submit.error} />
      {correcting && (
        <Form.Item name="correctionReason" label="更正原因" rules={[{ required: true, whitespace: true, message: '请填写更正原因' }]}>
          <Input maxLength={200} placeholder="如：结算金额少录一位，以结算书为准" />
        </Form.Item>
      )}
      <Form.Item name="date" label="验收日期" rules={[{ required: true, message: '请选择验收日期' }]}>
        <DatePicker aria-label="验收日期" disabledDate={(d) => d.isAfter(dayjs().tz(PLATFORM_TIME_ZONE), 'day')} />
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
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={submit.isPending}>
          {correcting ? '提交更正' : '提交'}
        </Button>
        {correcting && <Button onClick={onClose}>取消更正</Button>}
      </Flex>
    </Form>
  );
}

/** 项目验收 (manual §1.3.1 第七步; F-45): date, result, settlement and the acceptance documents. */
export function AcceptancePage() {
  const [correcting, setCorrecting] = useState(false);
  return (
    <ActionFrame title="项目验收">
      {(s, id) => {
        const action = actionOf(s, 'acceptance');
        const correction = s.corrections.acceptance;
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
            {action?.allowed ? (
              <AcceptanceForm s={s} projectId={id} />
            ) : correcting && correction.allowed ? (
              <Card size="small" title="更正验收信息">
                <AcceptanceForm s={s} projectId={id} onClose={() => setCorrecting(false)} />
              </Card>
            ) : (
              <>
                <BlockedAlert action={action} />
                {correction.allowed && (
                  <Button style={{ alignSelf: 'flex-start' }} onClick={() => setCorrecting(true)}>
                    更正验收信息
                  </Button>
                )}
              </>
            )}
          </>
        );
      }}
    </ActionFrame>
  );
}
