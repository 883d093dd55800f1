import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Flex, Row, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { saveText, toCsv } from '../../lib/csv';
import { dayjs, formatDateTime, PLATFORM_TIME_ZONE } from '../../lib/dates';
import { formatYuan, plainYuan } from '../../lib/units';
import { CHANNEL_LABELS, fetchReconciliation, type Reconciliation, type ReconciliationItem } from './api';

const channelName = (c: string) => CHANNEL_LABELS[c] ?? c;
const KIND_LABELS: Record<string, string> = { deposit: '交款确认', refund: '退款确认', transfer: '划转确认' };
const VIA_LABELS: Record<string, string> = { workspace: '银行工作台', api: '银行接口' };
const kindName = (k: string) => KIND_LABELS[k] ?? k;
const viaName = (v: string) => VIA_LABELS[v] ?? v;

function exportCsv(data: Reconciliation, from: string, to: string) {
  const rows = [
    ['业务类型', '通知单号', '金额(元)', '缴款渠道', '银行流水号', '缴款日期', '确认方式', '确认时间'],
    ...data.items.map((i) => [
      kindName(i.kind),
      i.number,
      plainYuan(i.amount),
      channelName(i.channel),
      i.bankRef,
      i.bankDate,
      viaName(i.via),
      formatDateTime(i.createdAt),
    ]),
    [],
    ['缴款渠道', '笔数', '金额(元)'],
    ...data.totals.map((t) => [channelName(t.channel), String(t.count), plainYuan(t.amount)]),
    ['合计', String(data.items.length), plainYuan(data.total)],
  ];
  saveText(toCsv(rows), `日终对账_${from}_${to}.csv`);
}

/** 日终对账 (F-70): what this bank confirmed in a period, with totals per channel; exportable. */
export function ReconciliationPage() {
  const today = dayjs().tz(PLATFORM_TIME_ZONE);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today, today]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const report = useQuery({ queryKey: ['bank', 'reconciliation', from, to], queryFn: () => fetchReconciliation(from, to) });
  const data = report.data;
  return (
    <Page
      title="日终对账"
      extra={
        <Button icon={<DownloadOutlined aria-hidden />} disabled={!data} onClick={() => data && exportCsv(data, from, to)}>
          导出 Excel
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Flex align="center" gap={12}>
          <Typography.Text strong>确认日期</Typography.Text>
          <DatePicker.RangePicker
            aria-label="确认日期"
            allowClear={false}
            value={range}
            disabledDate={(d) => d.isAfter(today, 'day')}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
        </Flex>
        {data ? (
          <>
            <Row gutter={[16, 16]}>
              {data.totals.map((t) => (
                <Col key={t.channel} xs={12} md={6}>
                  <Card size="small">
                    <Statistic title={`${channelName(t.channel)}（${t.count} 笔）`} value={formatYuan(t.amount)} suffix="元" />
                  </Card>
                </Col>
              ))}
              <Col xs={12} md={6}>
                <Card size="small" style={{ borderColor: '#1554ad' }}>
                  <Statistic title={`合计（${data.items.length} 笔）`} value={formatYuan(data.total)} suffix="元" />
                </Card>
              </Col>
            </Row>
            <Table<ReconciliationItem>
              rowKey="id"
              size="middle"
              dataSource={data.items}
              loading={report.isFetching}
              pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 笔` }}
              locale={{ emptyText: '所选日期内没有确认记录' }}
              columns={[
                { title: '业务类型', dataIndex: 'kind', width: 110, render: kindName },
                { title: '通知单号', dataIndex: 'number' },
                { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
                { title: '缴款渠道', dataIndex: 'channel', render: channelName },
                { title: '银行流水号', dataIndex: 'bankRef' },
                { title: '缴款日期', dataIndex: 'bankDate', width: 110 },
                { title: '确认方式', dataIndex: 'via', width: 110, render: viaName },
                { title: '确认时间', dataIndex: 'createdAt', width: 150, render: (t: string) => formatDateTime(t) },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    合计
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <Typography.Text strong>{formatYuan(data.total)}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} colSpan={5} />
                </Table.Summary.Row>
              )}
            />
          </>
        ) : (
          <LoadingOrError query={report} />
        )}
      </Flex>
    </Page>
  );
}
