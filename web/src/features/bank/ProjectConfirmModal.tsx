import { useQueryClient } from '@tanstack/react-query';
import { DatePicker, Descriptions, Form, Input, Modal, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { amountInWords } from '../../lib/amountInWords';
import { dayjs, PLATFORM_TIME_ZONE } from '../../lib/dates';
import { formatYuan, parseYuan, YUAN_RULE } from '../../lib/units';
import { useFormMutation } from '../../lib/useFormMutation';
import { confirmProjectMoney, INSTRUCTIONS_KEY, type Instruction, KIND_TEXT, type ProjectConfirmResult } from './projectApi';

interface Values {
  amount: string;
  bankRef: string;
  bankDate: Dayjs;
}

/**
 * 划转确认 / 清退确认 of one instruction: the teller types the amount from the bank's own record, so
 * a slip that does not match the instruction is refused rather than booked.
 */
export function ProjectConfirmModal({
  item,
  onClose,
  onDone,
}: {
  item: Instruction;
  onClose: () => void;
  onDone: (r: ProjectConfirmResult) => void;
}) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const text = KIND_TEXT[item.kind];
  const confirm = useFormMutation(
    form,
    (v: Values) =>
      confirmProjectMoney(item.kind, {
        number: item.number,
        amount: parseYuan(v.amount) ?? 0,
        bankRef: v.bankRef.trim(),
        bankDate: v.bankDate.format('YYYY-MM-DD'),
      }),
    {
      onSuccess: (r) => {
        queryClient.invalidateQueries({ queryKey: INSTRUCTIONS_KEY });
        onDone(r);
      },
    },
  );
  const today = dayjs().tz(PLATFORM_TIME_ZONE);
  return (
    <Modal
      open
      width={760}
      title={`${text.page}：${item.number}`}
      okText={text.button}
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={confirm.isPending}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'no', label: text.number, children: item.number },
          { key: 'area', label: '物业区域', children: item.areaName },
          { key: 'project', label: '维修项目', span: 2, children: `${item.projectName}（${item.projectNo}）` },
          {
            key: 'amount',
            label: text.amount,
            span: 2,
            children: (
              <Typography.Text strong>
                {formatYuan(item.amount)} 元（人民币{amountInWords(item.amount)}）
              </Typography.Text>
            ),
          },
        ]}
      />
      {item.payees.length > 0 && (
        <Table
          style={{ margin: '12px 0' }}
          rowKey={(x) => `${x.accountNo}-${x.amount}-${x.unitName}`}
          size="small"
          pagination={false}
          dataSource={item.payees}
          columns={[
            { title: '收款单位', dataIndex: 'unitName' },
            { title: '开户银行', dataIndex: 'bankName' },
            { title: '银行账号', dataIndex: 'accountNo' },
            { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
          ]}
        />
      )}
      <FormErrorAlert error={confirm.error} />
      <Form<Values> form={form} layout="vertical" initialValues={{ bankDate: today }} onFinish={confirm.onFinish} style={{ marginTop: 12 }}>
        <Form.Item
          label={`${text.amount}（元）`}
          name="amount"
          extra={`按银行实际${text.done}金额填写，须与${text.number.replace('号', '')}金额一致`}
          rules={[
            { required: true, whitespace: true, message: `请填写${text.amount}` },
            {
              validator: (_, v?: string) =>
                !v || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error(`${text.amount}${YUAN_RULE}`)),
            },
          ]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item label="银行流水号" name="bankRef" rules={[{ required: true, whitespace: true, message: '请填写银行流水号' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label={`${text.done}日期`} name="bankDate" rules={[{ required: true, message: `请选择${text.done}日期` }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today, 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
