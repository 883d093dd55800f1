import { CheckCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Descriptions, Flex, Form, Input, Modal, Select, Table, type TableColumnsType, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Page } from '../../components/Page';
import { allows } from '../../lib/actions';
import { amountInWords } from '../../lib/amountInWords';
import { dayjs, formatDateTime, PLATFORM_TIME_ZONE } from '../../lib/dates';
import { oneOf } from '../../lib/oneOf';
import { formatYuan } from '../../lib/units';
import { useFormMutation } from '../../lib/useFormMutation';
import { useServerTable } from '../../lib/useServerTable';
import { confirmRefund, fetchRefunds, REFUNDS_KEY, type RefundRow } from './api';

const STATUSES = ['pending', 'paid'] as const;
const STATUS_LABELS = { pending: '待付款', paid: '已付款' } as const;

/**
 * 退款确认 (F-70): the refund instructions of approved house changes and cancellations,
 * pending first; the teller pays each to the account shown and confirms it with the bank reference.
 */
export function RefundConfirmPage() {
  const [paying, setPaying] = useState<RefundRow>();
  const table = useServerTable({
    queryKey: REFUNDS_KEY,
    filterKeys: ['status', 'q'],
    fetchPage: ({ page, pageSize, filters }) =>
      fetchRefunds({ page, pageSize, status: oneOf(filters.status, STATUSES) ?? 'pending', q: filters.q }),
  });
  const status = oneOf(table.filters.status, STATUSES) ?? 'pending';

  const columns: TableColumnsType<RefundRow> = [
    { title: '退款指令号', dataIndex: 'no', width: 170 },
    { title: '退款原因', dataIndex: 'reasonLabel', width: 140 },
    { title: '业务单号', dataIndex: 'applicationNo', width: 150 },
    { title: '物业区域', dataIndex: 'areaName', ellipsis: true },
    { title: '房屋', dataIndex: 'house', ellipsis: true },
    { title: '收款户名', key: 'accountName', render: (_, r) => r.account.accountName },
    { title: '开户银行', key: 'bank', ellipsis: true, render: (_, r) => r.account.bank },
    { title: '账号', key: 'accountNo', width: 190, render: (_, r) => r.account.accountNo },
    { title: '金额（元）', dataIndex: 'amount', align: 'right', width: 110, render: (f: number) => formatYuan(f) },
    {
      title: status === 'paid' ? '付款时间' : '生成时间',
      key: 'at',
      width: 150,
      render: (_, r) => formatDateTime(status === 'paid' ? r.paidAt : r.createdAt),
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, r) =>
        allows(r, 'confirm') ? (
          <Button type="link" size="small" aria-label={`确认付款 ${r.no}`} onClick={() => setPaying(r)}>
            确认付款
          </Button>
        ) : (
          <Tag color={r.status === 'paid' ? 'green' : 'default'}>{STATUS_LABELS[r.status]}</Tag>
        ),
    },
  ];

  return (
    <Page title="退款确认">
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="状态"
          value={status}
          onChange={(s) => table.setFilters({ status: s === 'pending' ? undefined : s })}
          options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          style={{ width: 140 }}
        />
        <Input.Search
          aria-label="搜索退款指令"
          placeholder="退款指令号或业务单号"
          allowClear
          defaultValue={table.filters.q}
          onSearch={(q) => table.setFilters({ q: q.trim() })}
          style={{ width: 300 }}
        />
      </Flex>
      <Table<RefundRow> {...table.tableProps} columns={columns} size="middle" scroll={{ x: 1500 }} />
      {paying && <PayoutModal refund={paying} onClose={() => setPaying(undefined)} />}
    </Page>
  );
}

interface Values {
  bankRef: string;
  bankDate: Dayjs;
}

function PayoutModal({ refund: r, onClose }: { refund: RefundRow; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const pay = useFormMutation(
    form,
    (v: Values) =>
      confirmRefund({ refundNo: r.no, amount: r.amount, bankRef: v.bankRef.trim(), bankDate: v.bankDate.format('YYYY-MM-DD') }),
    {
      onSuccess: (result) => {
        queryClient.invalidateQueries({ queryKey: REFUNDS_KEY });
        if (result.repeated) message.info(`退款指令 ${result.refundNo} 已于 ${formatDateTime(result.paidAt)} 确认付款，本次未重复记账`);
        else message.success(`退款指令 ${result.refundNo} 付款 ${formatYuan(result.amount)} 元已确认`);
        onClose();
      },
    },
  );
  const today = dayjs().tz(PLATFORM_TIME_ZONE);
  return (
    <Modal
      open
      title={`确认付款：${r.no}`}
      width={720}
      onCancel={onClose}
      mask={{ closable: false }}
      okText="确认付款"
      okButtonProps={{ icon: <CheckCircleOutlined aria-hidden />, loading: pay.isPending }}
      onOk={() => form.submit()}
    >
      <Flex vertical gap={16}>
        <Descriptions
          bordered
          size="small"
          column={2}
          items={[
            { key: 'reason', label: '退款原因', children: r.reasonLabel },
            { key: 'app', label: '业务单号', children: r.applicationNo },
            { key: 'house', label: '房屋', children: `${r.areaName} ${r.house}`, span: 2 },
            { key: 'name', label: '收款户名', children: r.account.accountName },
            { key: 'bank', label: '开户银行', children: r.account.bank },
            { key: 'no', label: '账号', children: r.account.accountNo, span: 2 },
            { key: 'amount', label: '付款金额', children: `${formatYuan(r.amount)} 元（人民币${amountInWords(r.amount)}）`, span: 2 },
          ]}
        />
        <FormErrorAlert error={pay.error} />
        <Form<Values> form={form} layout="vertical" onFinish={pay.onFinish} initialValues={{ bankDate: today }}>
          <Form.Item label="银行流水号" name="bankRef" rules={[{ required: true, whitespace: true, message: '请填写银行流水号' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item label="付款日期" name="bankDate" rules={[{ required: true, message: '请选择付款日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today, 'day')} />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
