import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, Input, Table, Typography } from 'antd';
import { formatYuan } from '../../../lib/units';
import { YuanInput } from '../MoneyField';
import { fenOf, yuanRules } from '../money';

export interface PayeeValues {
  unitName: string;
  accountName: string;
  bankName: string;
  accountNo: string;
  amount: string;
}

export const EMPTY_PAYEE: PayeeValues = { unitName: '', accountName: '', bankName: '', accountNo: '', amount: '' };

export const payeesBody = (payees: PayeeValues[] | undefined) =>
  (payees ?? []).map((p) => ({
    unitName: p.unitName.trim(),
    accountName: p.accountName.trim(),
    bankName: p.bankName.trim(),
    accountNo: p.accountNo.trim(),
    amount: fenOf(p.amount),
  }));

const text = (name: number, field: keyof PayeeValues, label: string, max: number) => (
  <Form.Item name={[name, field]} rules={[{ required: true, whitespace: true, message: `请填写${label}` }]} style={{ margin: 0 }}>
    <Input aria-label={`${label}（第 ${name + 1} 个收款账户）`} maxLength={max} />
  </Form.Item>
);

/** 收款单位: typed, or picked from the project's 施工单位 (the items' construction units). */
const unitField = (name: number, units: readonly string[]) => (
  <Form.Item name={[name, 'unitName']} rules={[{ required: true, whitespace: true, message: '请填写收款单位' }]} style={{ margin: 0 }}>
    <AutoComplete
      aria-label={`收款单位（第 ${name + 1} 个收款账户）`}
      maxLength={200}
      options={units.map((u) => ({ value: u }))}
      popupMatchSelectWidth={320}
      filterOption={(input, option) => String(option?.value ?? '').includes(input.trim())}
    />
  </Form.Item>
);

/**
 * 收款账户信息 (manual §1.3.1 第五步 2, §1.3.3 第六步 3): one row per construction unit paid, with its
 * amount; 添加收款账户 adds another. `units` are offered as the 收款单位 (the project's 施工单位). The total is shown as it is typed.
 */
export function PayeesFields({ name = 'payees', units = [] }: { name?: string; units?: readonly string[] }) {
  const payees: PayeeValues[] | undefined = Form.useWatch(name);
  const total = (payees ?? []).reduce((a, p) => a + fenOf(p?.amount), 0);
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={fields}
            columns={[
              { title: '收款单位（施工单位）', key: 'unitName', render: (_: unknown, f) => unitField(f.name, units) },
              { title: '账户名称', key: 'accountName', render: (_: unknown, f) => text(f.name, 'accountName', '账户名称', 200) },
              { title: '开户银行', key: 'bankName', render: (_: unknown, f) => text(f.name, 'bankName', '开户银行', 200) },
              { title: '银行账号', key: 'accountNo', width: 220, render: (_: unknown, f) => text(f.name, 'accountNo', '银行账号', 64) },
              {
                title: '拨付金额（元）',
                key: 'amount',
                width: 170,
                render: (_: unknown, f) => (
                  <Form.Item name={[f.name, 'amount']} rules={yuanRules('拨付金额', { positive: true })} style={{ margin: 0 }}>
                    <YuanInput aria-label={`拨付金额（第 ${f.name + 1} 个收款账户）`} />
                  </Form.Item>
                ),
              },
              {
                title: '',
                key: 'remove',
                width: 50,
                render: (_: unknown, f) =>
                  fields.length > 1 && (
                    <Button
                      type="text"
                      aria-label="删除收款账户"
                      icon={<MinusCircleOutlined aria-hidden />}
                      onClick={() => remove(f.name)}
                    />
                  ),
              },
            ]}
          />
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ ...EMPTY_PAYEE })} style={{ marginTop: 8 }}>
            添加收款账户
          </Button>
          <Typography.Paragraph strong style={{ marginTop: 8 }} data-testid="payees-total">
            拨付金额合计：{formatYuan(total)} 元
          </Typography.Paragraph>
        </>
      )}
    </Form.List>
  );
}
