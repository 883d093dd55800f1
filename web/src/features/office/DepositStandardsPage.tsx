import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Empty, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { ApiBody, ApiResponse } from '../../api/types';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { Section } from '../../components/Section';
import { dayjs, formatDateTime, PLATFORM_TIME_ZONE } from '../../lib/dates';
import { formatArea, formatYuan, parseArea, parseYuan, YUAN_RULE } from '../../lib/units';
import { useFormMutation } from '../../lib/useFormMutation';
import { HOUSE_USES } from '../registry/enums';

type Standard = ApiResponse<'/api/office/deposit-standards'>['items'][number];
type StandardRow = ApiBody<'/api/office/deposit-standards', 'post'>['rows'][number];
type Use = StandardRow['use'];

const KEY = ['office', 'deposit-standards'] as const;
const useLabel = (u: Use) => (u === '*' ? '全部类型' : u);
const elevatorLabel = (e: boolean | null) => (e === null ? '不限' : e ? '有电梯' : '无电梯');

function rateText(r: Standard['rate']): string {
  if (r.mode === 'per_m2') return `按面积：${formatYuan(r.fenPerM2)} 元/㎡`;
  return `按造价比例：造价 ${formatYuan(r.costFenPerM2)} 元/㎡ × ${formatArea(r.basisPoints)}%`;
}

/** 交存标准 (F-62): the effective-dated deposit standards, grouped by the day they take effect. */
export function DepositStandardsPage() {
  const list = useQuery({ queryKey: KEY, queryFn: () => call(api.GET('/api/office/deposit-standards')) });
  const [adding, setAdding] = useState(false);
  const today = dayjs().tz(PLATFORM_TIME_ZONE).format('YYYY-MM-DD');
  const groups = new Map<string, Standard[]>();
  for (const s of list.data?.items ?? []) groups.set(s.effectiveFrom, [...(groups.get(s.effectiveFrom) ?? []), s]);
  const dates = [...groups.keys()].sort().reverse();
  const current = dates.find((d) => d <= today);
  return (
    <Page
      title="交存标准"
      extra={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
          新增标准
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        应交金额 = 建筑面积 × 交存标准，四舍五入到分。新标准自生效日期起适用于此后开户的房屋，不追溯已开户的房屋。
      </Typography.Paragraph>
      {list.data ? (
        dates.length === 0 ? (
          <Empty description="尚未配置交存标准" />
        ) : (
          <Flex vertical gap={16}>
            {dates.map((d) => (
              <Section
                key={d}
                title={
                  <Flex gap={8} align="center">
                    <span>{d} 起执行</span>
                    {d === current ? <Tag color="success">现行</Tag> : d > today ? <Tag color="blue">待生效</Tag> : <Tag>已废止</Tag>}
                  </Flex>
                }
              >
                <Table<Standard>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={groups.get(d)}
                  columns={[
                    { title: '房屋类型', dataIndex: 'use', render: useLabel },
                    { title: '电梯', dataIndex: 'elevator', render: elevatorLabel },
                    { title: '交存标准', dataIndex: 'rate', render: rateText },
                    { title: '录入时间', dataIndex: 'createdAt', render: (t: string) => formatDateTime(t) },
                  ]}
                />
              </Section>
            ))}
          </Flex>
        )
      ) : (
        <LoadingOrError query={list} />
      )}
      {adding && <NewStandardModal onClose={() => setAdding(false)} />}
    </Page>
  );
}

interface RowValues {
  use: Use;
  elevator: 'yes' | 'no' | 'any';
  mode: 'per_m2' | 'cost_percent';
  yuanPerM2?: string;
  costYuanPerM2?: string;
  percent?: string;
}

interface Values {
  effectiveFrom: Dayjs;
  rows: RowValues[];
}

const blankRow = (): RowValues => ({ use: '*', elevator: 'any', mode: 'per_m2' });

function toRow(r: RowValues): StandardRow {
  const elevator = r.elevator === 'any' ? null : r.elevator === 'yes';
  if (r.mode === 'per_m2') return { use: r.use, elevator, rate: { mode: 'per_m2', fenPerM2: parseYuan(r.yuanPerM2 ?? '') ?? 0 } };
  return {
    use: r.use,
    elevator,
    rate: { mode: 'cost_percent', costFenPerM2: parseYuan(r.costYuanPerM2 ?? '') ?? 0, basisPoints: parseArea(r.percent ?? '') ?? 0 },
  };
}

const yuanRule = (label: string) => ({
  validator: (_: unknown, v?: string) => {
    if (!v?.trim()) return Promise.reject(new Error(`请填写${label}`));
    const fen = parseYuan(v);
    return fen === null || fen === 0 ? Promise.reject(new Error(`${label}${YUAN_RULE}，且须大于 0`)) : Promise.resolve();
  },
});

const percentRule = {
  validator: (_: unknown, v?: string) => {
    if (!v?.trim()) return Promise.reject(new Error('请填写比例'));
    const bp = parseArea(v);
    return bp === null || bp < 500 || bp > 800 ? Promise.reject(new Error('比例须在 5% 至 8% 之间，最多 2 位小数')) : Promise.resolve();
  },
};

function NewStandardModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const today = dayjs().tz(PLATFORM_TIME_ZONE);
  const save = useFormMutation(
    form,
    (v: Values) =>
      call(
        api.POST('/api/office/deposit-standards', {
          body: { effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), rows: v.rows.map(toRow) },
        }),
      ),
    {
      onSuccess: () => {
        message.success('交存标准已保存');
        queryClient.invalidateQueries({ queryKey: KEY });
        onClose();
      },
    },
  );
  const cell = { style: { margin: 0 } };
  return (
    <Modal open title="新增标准" width={1000} onCancel={onClose} mask={{ closable: false }} footer={null} destroyOnHidden>
      <FormErrorAlert error={save.error} />
      <Form<Values> form={form} onFinish={save.onFinish} initialValues={{ rows: [blankRow()] }} layout="vertical">
        <Form.Item
          label="生效日期"
          name="effectiveFrom"
          rules={[{ required: true, message: '请选择生效日期' }]}
          extra="生效日期不得早于今天"
        >
          <DatePicker disabledDate={(d) => d.isBefore(today, 'day')} />
        </Form.Item>
        <Form.List
          name="rows"
          rules={[{ validator: (_, l?: unknown[]) => (l?.length ? Promise.resolve() : Promise.reject(new Error('至少填写一条标准'))) }]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              <Table
                rowKey="key"
                size="small"
                pagination={false}
                dataSource={fields}
                columns={[
                  {
                    title: '房屋类型',
                    key: 'use',
                    width: 130,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'use']} {...cell}>
                        <Select
                          aria-label={`第 ${f.name + 1} 条房屋类型`}
                          options={[{ value: '*', label: '全部类型' }, ...HOUSE_USES.map((u) => ({ value: u, label: u }))]}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '电梯',
                    key: 'elevator',
                    width: 110,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'elevator']} {...cell}>
                        <Select
                          aria-label={`第 ${f.name + 1} 条电梯`}
                          options={[
                            { value: 'any', label: '不限' },
                            { value: 'yes', label: '有电梯' },
                            { value: 'no', label: '无电梯' },
                          ]}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '计算方式',
                    key: 'mode',
                    width: 150,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'mode']} {...cell}>
                        <Select
                          aria-label={`第 ${f.name + 1} 条计算方式`}
                          options={[
                            { value: 'per_m2', label: '按面积（元/㎡）' },
                            { value: 'cost_percent', label: '按造价比例' },
                          ]}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '标准',
                    key: 'rate',
                    render: (_, f) => (
                      <Form.Item noStyle dependencies={[['rows', f.name, 'mode']]}>
                        {({ getFieldValue }) =>
                          getFieldValue(['rows', f.name, 'mode']) === 'cost_percent' ? (
                            <Flex gap={8}>
                              <Form.Item name={[f.name, 'costYuanPerM2']} rules={[yuanRule('造价')]} {...cell}>
                                <Input aria-label={`第 ${f.name + 1} 条造价（元/㎡）`} addonAfter="元/㎡ 造价" />
                              </Form.Item>
                              <Form.Item name={[f.name, 'percent']} rules={[percentRule]} {...cell}>
                                <Input aria-label={`第 ${f.name + 1} 条比例（%）`} addonAfter="%" style={{ width: 120 }} />
                              </Form.Item>
                            </Flex>
                          ) : (
                            <Form.Item name={[f.name, 'yuanPerM2']} rules={[yuanRule('交存标准')]} {...cell}>
                              <Input aria-label={`第 ${f.name + 1} 条交存标准（元/㎡）`} addonAfter="元/㎡" />
                            </Form.Item>
                          )
                        }
                      </Form.Item>
                    ),
                  },
                  {
                    title: '操作',
                    key: 'actions',
                    width: 70,
                    render: (_, f) => (
                      <Button type="link" danger size="small" onClick={() => remove(f.name)}>
                        删除
                      </Button>
                    ),
                  },
                ]}
              />
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add(blankRow())} style={{ marginTop: 12 }}>
                添加一行
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
        <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
