import { CalculatorOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Input, Result, Row, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/dates';
import { showFieldErrors } from '../../lib/serverErrors';
import { formatYuan, parseYuan, YUAN_RULE } from '../../lib/units';
import {
  allocateInterest,
  INTEREST_KEY,
  type InterestBody,
  type InterestPeriod,
  type InterestPreview,
  type InterestResult,
  previewInterest,
  REPORTS_KEY,
  useInterestPeriods,
} from './api';

interface Values {
  from: Dayjs;
  to: Dayjs;
  amount: string;
}

const bodyOf = (v: Values): InterestBody => ({
  from: v.from.format('YYYY-MM-DD'),
  to: v.to.format('YYYY-MM-DD'),
  amount: parseYuan(v.amount) ?? 0,
});

const sameBody = (a: InterestBody | undefined, b: InterestBody) => !!a && a.from === b.from && a.to === b.to && a.amount === b.amount;

/**
 * 增值收益分配 (F-64): the office enters the period and the interest earned, 试算 shows how it would
 * be shared (balance × days, to the fen), and 确认分配 posts it as one ledger transaction. A period is
 * allocated once: repeating it changes nothing, and a period sharing a day with an allocated one is refused.
 */
export function InterestPage() {
  const [form] = Form.useForm<Values>();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const periods = useInterestPeriods();
  const [previewed, setPreviewed] = useState<InterestPreview>();
  const [result, setResult] = useState<InterestResult>();

  const preview = useMutation({
    mutationFn: previewInterest,
    onSuccess: (p) => {
      setResult(undefined);
      setPreviewed(p);
    },
    onError: (err) => showFieldErrors(form, err),
  });
  const allocate = useMutation({
    mutationFn: allocateInterest,
    onSuccess: (r) => {
      setResult(r);
      setPreviewed(undefined);
      queryClient.invalidateQueries({ queryKey: INTEREST_KEY });
      queryClient.invalidateQueries({ queryKey: REPORTS_KEY });
    },
  });

  const current = Form.useWatch([], form) as Partial<Values> | undefined;
  const currentBody = current?.from && current.to && current.amount ? bodyOf(current as Values) : undefined;
  const previewStale = !!previewed && (!currentBody || !sameBody({ ...previewed }, currentBody));

  const confirm = () => {
    if (!previewed) return;
    const body = { from: previewed.from, to: previewed.to, amount: previewed.amount };
    modal.confirm({
      title: `确认分配 ${previewed.from} 至 ${previewed.to} 的增值收益？`,
      content: `共 ${formatYuan(previewed.amount)} 元，分配到 ${previewed.houses} 户分户账。分配后记入分户账，不能撤销；同一期间只分配一次。`,
      okText: '确认分配',
      cancelText: '取消',
      onOk: () => allocate.mutateAsync(body).catch(() => undefined),
    });
  };

  return (
    <Page title="增值收益分配">
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          录入一个期间（起止日期均含）内专户取得的增值收益，按各分户账在期间内的“余额×天数”比例分配到分，合计与录入金额完全一致。请先“试算”核对，再“确认分配”。每个期间只分配一次：重复提交同一期间不会重复入账，与已分配期间重叠的期间不能分配。
        </Typography.Paragraph>
        <FormErrorAlert error={preview.error ?? allocate.error} />
        <Form<Values>
          form={form}
          layout="inline"
          style={{ rowGap: 12 }}
          onValuesChange={() => setResult(undefined)}
          onFinish={(v) => preview.mutate(bodyOf(v))}
        >
          <Form.Item label="开始日期" name="from" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker placeholder="开始日期" />
          </Form.Item>
          <Form.Item
            label="结束日期"
            name="to"
            dependencies={['from']}
            rules={[
              { required: true, message: '请选择结束日期' },
              ({ getFieldValue }) => ({
                validator: (_, to?: Dayjs) => {
                  const from: Dayjs | undefined = getFieldValue('from');
                  return !to || !from || to.isAfter(from, 'day') ? Promise.resolve() : Promise.reject(new Error('结束日期须晚于开始日期'));
                },
              }),
            ]}
          >
            <DatePicker placeholder="结束日期" />
          </Form.Item>
          <Form.Item
            label="增值收益金额（元）"
            name="amount"
            rules={[
              { required: true, whitespace: true, message: '请填写增值收益金额' },
              {
                validator: (_, v?: string) => {
                  if (!v?.trim()) return Promise.resolve();
                  const fen = parseYuan(v);
                  if (fen === null) return Promise.reject(new Error(`增值收益金额${YUAN_RULE}`));
                  if (fen === 0) return Promise.reject(new Error('增值收益金额须大于 0'));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Input inputMode="decimal" autoComplete="off" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" icon={<CalculatorOutlined aria-hidden />} loading={preview.isPending}>
              试算
            </Button>
          </Form.Item>
        </Form>

        {result && (
          <Result
            status={result.repeated ? 'info' : 'success'}
            title={result.repeated ? '该期间此前已分配，本次未重复入账' : '增值收益分配完成'}
            subTitle={`${result.from} 至 ${result.to}：${formatYuan(result.amount)} 元已分配到 ${result.houses} 户分户账（${formatDateTime(String(result.createdAt))}）。`}
          />
        )}

        {previewed && !result && (
          <PreviewCard preview={previewed} stale={previewStale} allocating={allocate.isPending} onAllocate={confirm} />
        )}

        <Card type="inner" size="small" title="已分配期间">
          {periods.data ? (
            <Table<InterestPeriod>
              rowKey="id"
              size="small"
              dataSource={[...periods.data.items].reverse()}
              pagination={periods.data.items.length > 20 ? { pageSize: 20 } : false}
              locale={{ emptyText: '尚未分配过增值收益' }}
              columns={[
                { title: '期间', key: 'period', render: (_, p) => `${p.from} 至 ${p.to}` },
                { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
                { title: '分配户数', dataIndex: 'houses', align: 'right' },
                { title: '分配时间', dataIndex: 'createdAt', render: (t: string) => formatDateTime(t) },
              ]}
            />
          ) : (
            <LoadingOrError query={periods} />
          )}
        </Card>
      </Flex>
    </Page>
  );
}

function PreviewCard({
  preview: p,
  stale,
  allocating,
  onAllocate,
}: {
  preview: InterestPreview;
  stale: boolean;
  allocating: boolean;
  onAllocate: () => void;
}) {
  const done = p.allocated;
  const sameAsDone = !!done && done.from === p.from && done.to === p.to;
  const blocked = !!done && (!sameAsDone || done.amount !== p.amount);
  return (
    <Card type="inner" size="small" title="试算结果" data-testid="interest-preview">
      <Flex vertical gap={12}>
        {done && (
          <Alert
            type={blocked ? 'error' : 'warning'}
            showIcon
            role="alert"
            title={
              sameAsDone
                ? `${done.from} 至 ${done.to} 已于 ${formatDateTime(String(done.createdAt))} 分配 ${formatYuan(done.amount)} 元（${done.houses} 户）`
                : `与已分配的 ${done.from} 至 ${done.to} 重叠，同一天的增值收益不能分配两次`
            }
            description={
              sameAsDone
                ? done.amount === p.amount
                  ? '再次确认不会重复入账，只返回原分配结果。'
                  : '该期间不能以其他金额再次分配。'
                : '请调整起止日期，使其不与已分配期间重叠。'
            }
          />
        )}
        {stale && <Alert type="info" showIcon title="期间或金额已修改，请重新试算后再确认分配" />}
        <Descriptions
          bordered
          size="small"
          column={2}
          items={[
            { key: 'period', label: '期间', children: `${p.from} 至 ${p.to}` },
            { key: 'amount', label: '分配金额（元）', children: formatYuan(p.amount) },
            { key: 'houses', label: '分配户数', children: p.houses },
            { key: 'range', label: '单户分得（元）', children: `${formatYuan(p.smallest)} ～ ${formatYuan(p.largest)}` },
          ]}
        />
        <Table
          rowKey="areaId"
          size="small"
          pagination={false}
          dataSource={p.areas}
          columns={[
            { title: '物业区域', dataIndex: 'name' },
            { title: '分配户数', dataIndex: 'houses', align: 'right' },
            { title: '分配金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {p.houses}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {formatYuan(p.areas.reduce((s, a) => s + a.amount, 0))}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
        <Row>
          <Col>
            <Button
              type="primary"
              icon={<CheckCircleOutlined aria-hidden />}
              disabled={stale || blocked}
              loading={allocating}
              onClick={onAllocate}
            >
              确认分配
            </Button>
          </Col>
        </Row>
      </Flex>
    </Card>
  );
}
