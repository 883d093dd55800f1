import { CheckCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Result, Select, Space, Table, Typography } from 'antd';
import { PrintButton } from '../../components/PrintButton';
import { receiptPrintPath } from '../payments/labels';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Page } from '../../components/Page';
import { NoticeNumberSearch } from '../payments/NoticeNumberSearch';
import { dayjs, formatDateTime, PLATFORM_TIME_ZONE } from '../../lib/dates';
import { errorMessage } from '../../lib/serverErrors';
import { formatArea, formatYuan, parseYuan, YUAN_RULE } from '../../lib/units';
import { useFormMutation } from '../../lib/useFormMutation';
import { amountInWords } from '../../lib/amountInWords';
import { NOTICES_KEY, type NoticeDetail, useNotice } from '../payments/api';
import { NoticeStatusTag } from '../payments/labels';
import { allows } from '../../lib/actions';
import { CHANNEL_LABELS, CHANNELS, type Channel, type ConfirmResult, confirmDeposit } from './api';

interface Values {
  amount: string;
  channel: Channel;
  bankRef: string;
  bankDate: Dayjs;
}

/**
 * 交款确认 (F-23): look up the notice by its number (typed or scanned from the barcode), check the
 * payer and houses, then confirm with the amount received, channel, bank reference and date. The server
 * refuses an amount that differs from the notice's total by a single fen.
 */
export function DepositConfirmPage() {
  const [typed, setTyped] = useState('');
  const [no, setNo] = useState<string>();
  const notice = useNotice(no);
  const [result, setResult] = useState<ConfirmResult>();

  const lookUp = (value: string) => {
    const v = value.trim().toUpperCase();
    setResult(undefined);
    if (v) setNo(v);
  };

  return (
    <Page title="交款确认">
      <Flex vertical gap={16}>
        <NoticeNumberSearch id="notice-no" value={typed} onChange={setTyped} onSearch={lookUp} />
        {no && notice.isPending && <Card loading />}
        {no && notice.isError && <Alert type="error" showIcon role="alert" title={errorMessage(notice.error)} />}
        {result ? (
          <ConfirmedResult
            result={result}
            onNext={() => {
              setResult(undefined);
              setNo(undefined);
              setTyped('');
            }}
          />
        ) : (
          notice.data && <NoticeToConfirm key={notice.data.no} notice={notice.data} onConfirmed={setResult} />
        )}
      </Flex>
    </Page>
  );
}

function NoticeToConfirm({ notice: n, onConfirmed }: { notice: NoticeDetail; onConfirmed: (r: ConfirmResult) => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const confirm = useFormMutation(
    form,
    (v: Values) =>
      confirmDeposit({
        noticeNo: n.no,
        amount: parseYuan(v.amount) ?? 0,
        channel: v.channel,
        bankRef: v.bankRef.trim(),
        bankDate: v.bankDate.format('YYYY-MM-DD'),
      }),
    {
      onSuccess: (r) => {
        queryClient.invalidateQueries({ queryKey: NOTICES_KEY });
        onConfirmed(r);
      },
    },
  );
  const today = dayjs().tz(PLATFORM_TIME_ZONE);
  return (
    <Flex vertical gap={16}>
      <Card type="inner" size="small" title="交款通知单">
        <Descriptions
          bordered
          size="small"
          column={2}
          items={[
            { key: 'no', label: '通知单号', children: n.no },
            { key: 'status', label: '状态', children: <NoticeStatusTag status={n.status} /> },
            { key: 'payer', label: '交款人', children: n.payerName },
            { key: 'purpose', label: '交款类型', children: n.purposeNote ? `${n.purposeLabel}（${n.purposeNote}）` : n.purposeLabel },
            { key: 'area', label: '物业区域', children: n.areaName },
            { key: 'valid', label: '有效期至', children: n.validUntil },
            { key: 'account', label: '交存账户', children: `${n.bankAccount.bankName} ${n.bankAccount.accountNo}`, span: 2 },
            {
              key: 'total',
              label: '应交金额',
              children: (
                <Typography.Text strong>
                  {formatYuan(n.total)} 元（人民币{amountInWords(n.total)}）
                </Typography.Text>
              ),
              span: 2,
            },
          ]}
        />
        <Table
          style={{ marginTop: 12 }}
          rowKey="houseId"
          size="small"
          dataSource={n.items}
          pagination={n.items.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: '楼幢', dataIndex: 'building' },
            { title: '单元', dataIndex: 'unit' },
            { title: '房号', dataIndex: 'room' },
            { title: '坐落', dataIndex: 'address', ellipsis: true },
            { title: '建筑面积（㎡）', dataIndex: 'buildingArea', align: 'right', render: (a: number) => formatArea(a) },
            { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
          ]}
        />
      </Card>
      {allows(n, 'confirm') ? (
        <Card type="inner" size="small" title="确认缴款">
          <FormErrorAlert error={confirm.error} />
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={confirm.onFinish}
            initialValues={{ bankDate: today }}
            style={{ maxWidth: 520 }}
          >
            <Form.Item
              label="缴款金额（元）"
              name="amount"
              extra={`实收金额，须与通知单金额 ${formatYuan(n.total)} 元一致`}
              rules={[
                { required: true, whitespace: true, message: '请填写缴款金额' },
                {
                  validator: (_, v?: string) =>
                    !v?.trim() || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error(`缴款金额${YUAN_RULE}`)),
                },
              ]}
            >
              <Input inputMode="decimal" autoComplete="off" />
            </Form.Item>
            <Form.Item label="缴款渠道" name="channel" rules={[{ required: true, message: '请选择缴款渠道' }]}>
              <Select placeholder="请选择缴款渠道" options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
            </Form.Item>
            <Form.Item label="银行流水号" name="bankRef" rules={[{ required: true, whitespace: true, message: '请填写银行流水号' }]}>
              <Input maxLength={64} />
            </Form.Item>
            <Form.Item label="缴款日期" name="bankDate" rules={[{ required: true, message: '请选择缴款日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today, 'day')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<CheckCircleOutlined aria-hidden />} loading={confirm.isPending}>
              确认缴款
            </Button>
          </Form>
        </Card>
      ) : (
        <Alert
          type={n.status === 'paid' ? 'success' : 'warning'}
          showIcon
          action={allows(n, 'receipt') ? <PrintButton path={receiptPrintPath(n.no)}>打印交款回单</PrintButton> : undefined}
          title={
            n.status === 'paid'
              ? `该通知单已缴款${n.paidAt ? `（${formatDateTime(n.paidAt)}）` : ''}，无需再次确认`
              : '该通知单已作废，不能缴款'
          }
        />
      )}
    </Flex>
  );
}

function ConfirmedResult({ result, onNext }: { result: ConfirmResult; onNext: () => void }) {
  return (
    <Result
      status={result.repeated ? 'info' : 'success'}
      title={result.repeated ? '该通知单此前已确认缴款' : '缴款确认成功'}
      subTitle={
        result.repeated
          ? `通知单 ${result.noticeNo} 已于 ${formatDateTime(result.paidAt)} 确认缴款 ${formatYuan(result.amount)} 元，本次未重复入账。`
          : `通知单 ${result.noticeNo} 缴款 ${formatYuan(result.amount)} 元已入账（确认编号 ${result.confirmationId}，${formatDateTime(result.paidAt)}）。`
      }
      extra={
        <Space>
          <PrintButton path={receiptPrintPath(result.noticeNo)}>打印交款回单</PrintButton>
          <Button type="primary" onClick={onNext}>
            继续确认下一张
          </Button>
        </Space>
      }
    />
  );
}
