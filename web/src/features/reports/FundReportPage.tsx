import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Row, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { requestFile } from '../../api/client';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { dayjs, PLATFORM_TIME_ZONE } from '../../lib/dates';
import { saveResponse } from '../../lib/download';
import { errorMessage } from '../../lib/serverErrors';
import { formatYuan } from '../../lib/units';
import { useServerTable } from '../../lib/useServerTable';
import { AreaSelect } from '../registry/AreaSelect';
import {
  type AreaFigures,
  type FlaggedHouse,
  type FundReport,
  fetchFlagged,
  formatRate,
  type MonthFigures,
  REPORTS_KEY,
  useFundReport,
} from './api';
import { MonthlyChart } from './MonthlyChart';

const yuan = (fen: number) => formatYuan(fen);

const AREA_COLUMNS: TableColumnsType<AreaFigures> = [
  { title: '行政区', dataIndex: 'district', width: 90 },
  { title: '物业区域', dataIndex: 'name' },
  { title: '房屋（套）', dataIndex: 'houses', align: 'right' },
  { title: '已开户（户）', dataIndex: 'accounts', align: 'right' },
  { title: '应交金额（元）', dataIndex: 'amountDue', align: 'right', render: yuan },
  { title: '已交金额（元）', dataIndex: 'deposited', align: 'right', render: yuan },
  { title: '交存率', dataIndex: 'depositRateBp', align: 'right', render: formatRate },
  { title: '退款（元）', dataIndex: 'refunded', align: 'right', render: yuan },
  { title: '支出（元）', dataIndex: 'disbursed', align: 'right', render: yuan },
  { title: '收益（元）', dataIndex: 'income', align: 'right', render: yuan },
  { title: '余额（元）', dataIndex: 'balance', align: 'right', render: yuan },
  {
    title: '续筹提示（户）',
    dataIndex: 'flagged',
    align: 'right',
    render: (n: number) => (n > 0 ? <Tag color="warning">{n}</Tag> : 0),
  },
];

const MONTH_COLUMNS: TableColumnsType<MonthFigures> = [
  { title: '月份', dataIndex: 'month' },
  { title: '已交（元）', dataIndex: 'deposits', align: 'right', render: yuan },
  { title: '退款（元）', dataIndex: 'refunds', align: 'right', render: yuan },
  { title: '支出（元）', dataIndex: 'disbursements', align: 'right', render: yuan },
  { title: '收益（元）', dataIndex: 'income', align: 'right', render: yuan },
];

/**
 * 统计报表 (F-63): city-wide and per-area figures — houses, accounts, amount due, deposited, deposit
 * rate, refunded, disbursed, income, balance, read from the ledger so changed and cancelled houses
 * keep their history — with the balance explained as 已交 − 退款 − 支出 + 收益, the months as
 * a chart and a table that adds up to the city, the houses flagged for replenishment, and
 * 导出 Excel of all of it.
 */
export function FundReportPage() {
  const report = useFundReport();
  const download = useMutation({
    mutationFn: async () => saveResponse(await requestFile('/api/office/reports/fund.xlsx'), '维修资金统计.xlsx'),
  });
  return (
    <Page
      title="统计报表"
      extra={
        <Flex gap={8}>
          <Button icon={<ReloadOutlined aria-hidden />} loading={report.isFetching} onClick={() => report.refetch()}>
            刷新
          </Button>
          <Button type="primary" icon={<DownloadOutlined aria-hidden />} loading={download.isPending} onClick={() => download.mutate()}>
            导出 Excel
          </Button>
        </Flex>
      }
    >
      {download.isError && <Alert type="error" showIcon role="alert" title={errorMessage(download.error)} style={{ marginBottom: 16 }} />}
      {report.data ? <ReportBody report={report.data} /> : <LoadingOrError query={report} />}
    </Page>
  );
}

function ReportBody({ report }: { report: FundReport }) {
  const c = report.city;
  const thisMonth = dayjs().tz(PLATFORM_TIME_ZONE).format('YYYY-MM');
  const lastMonth = [thisMonth, ...report.monthly.map((m) => m.month)].sort().at(-1) ?? thisMonth;
  return (
    <Flex vertical gap={24}>
      <section aria-label="全市合计">
        <Typography.Title level={5}>全市合计</Typography.Title>
        <Row gutter={[16, 16]}>
          <Figure title="房屋（套）" value={String(c.houses)} />
          <Figure title="已开户（户）" value={String(c.accounts)} />
          <Figure title="应交金额（元）" value={yuan(c.amountDue)} />
          <Figure title="已交金额（元）" value={yuan(c.deposited)} />
          <Figure title="交存率" value={formatRate(c.depositRateBp)} />
          <Figure title="退款（元）" value={yuan(c.refunded)} />
          <Figure title="支出（元）" value={yuan(c.disbursed)} />
          <Figure title="收益（元）" value={yuan(c.income)} />
          <Figure title="余额（元）" value={yuan(c.balance)} />
          <Figure title="续筹提示（户）" value={String(c.flagged)} warn={c.flagged > 0} />
        </Row>
        <BalanceCheck figures={c} />
      </section>
      <section aria-label="按物业区域">
        <Typography.Title level={5}>按物业区域</Typography.Title>
        <Table<AreaFigures>
          rowKey="areaId"
          size="small"
          dataSource={report.areas}
          columns={AREA_COLUMNS}
          pagination={report.areas.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: '暂无物业区域' }}
        />
      </section>
      <Card type="inner" size="small" title="按月交存与支出（近12个月）">
        <MonthlyChart monthly={report.monthly} lastMonth={lastMonth} />
      </Card>
      <MonthTable report={report} />
      <FlaggedHouses />
    </Flex>
  );
}

/** 余额 explained by the flows, so a reader sees the figures reconcile (they always do: both come from the ledger). */
function BalanceCheck({ figures: c }: { figures: FundReport['city'] }) {
  const explained = c.deposited - c.refunded - c.disbursed + c.income;
  return (
    <Typography.Paragraph aria-label="余额核对" style={{ marginTop: 16, marginBottom: 0 }}>
      已交 {yuan(c.deposited)} 元 − 退款 {yuan(c.refunded)} 元 − 支出 {yuan(c.disbursed)} 元 + 收益 {yuan(c.income)} 元 ={' '}
      {explained === c.balance ? (
        <Typography.Text strong>余额 {yuan(c.balance)} 元</Typography.Text>
      ) : (
        <Typography.Text type="danger">
          {yuan(explained)} 元，与余额 {yuan(c.balance)} 元不符，请联系系统管理员核对账务
        </Typography.Text>
      )}
    </Typography.Paragraph>
  );
}

/** Every month with a movement, newest first; its 合计 row is the city's figures. */
function MonthTable({ report }: { report: FundReport }) {
  const c = report.city;
  return (
    <section aria-label="按月明细">
      <Typography.Title level={5}>按月明细</Typography.Title>
      <Table<MonthFigures>
        rowKey="month"
        size="small"
        dataSource={[...report.monthly].reverse()}
        columns={MONTH_COLUMNS}
        pagination={report.monthly.length > 12 ? { pageSize: 12 } : false}
        locale={{ emptyText: '暂无资金变动' }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            {[c.deposited, c.refunded, c.disbursed, c.income].map((fen, i) => (
              <Table.Summary.Cell key={MONTH_COLUMNS[i + 1]?.title as string} index={i + 1} align="right">
                {yuan(fen)}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
    </section>
  );
}

function Figure({ title, value, warn }: { title: string; value: string; warn?: boolean }) {
  return (
    <Col xs={12} md={8} xl={6} xxl={4}>
      <Statistic title={title} value={value} styles={warn ? { content: { color: '#d46b08' } } : undefined} />
    </Col>
  );
}

/** R-31 续筹提示: houses whose balance fell below 30 % of their first deposit, by area. */
function FlaggedHouses() {
  const table = useServerTable({
    queryKey: [...REPORTS_KEY, 'flagged'],
    filterKeys: ['areaId'],
    fetchPage: async ({ page, pageSize, filters }) => {
      const r = await fetchFlagged({ page, pageSize, areaId: Number(filters.areaId) || undefined });
      return { total: r.total, items: r.items.map((h) => ({ ...h, id: h.houseId })) };
    },
  });
  return (
    <section aria-label="续筹提示房屋">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          续筹提示房屋（余额低于首次交存的 30%）
        </Typography.Title>
        <AreaSelect
          aria-label="续筹提示物业区域"
          allowClear
          placeholder="全部物业区域"
          value={Number(table.filters.areaId) || undefined}
          onChange={(id) => table.setFilters({ areaId: id ? String(id) : undefined })}
          onClear={() => table.setFilters({ areaId: undefined })}
          style={{ width: 260 }}
        />
      </Flex>
      <Table<FlaggedHouse & { id: number }>
        {...table.tableProps}
        size="small"
        locale={{ emptyText: '没有需要续筹的房屋' }}
        columns={[
          { title: '物业区域', dataIndex: 'area' },
          { title: '楼幢', dataIndex: 'building' },
          { title: '单元', dataIndex: 'unit' },
          { title: '房号', dataIndex: 'room' },
          { title: '首次交存（元）', dataIndex: 'firstDeposit', align: 'right', render: yuan },
          { title: '余额（元）', dataIndex: 'balance', align: 'right', render: yuan },
          {
            title: '余额占比',
            key: 'ratio',
            align: 'right',
            render: (_, h) => formatRate(Math.floor((h.balance * 10000) / h.firstDeposit)),
          },
        ]}
      />
    </section>
  );
}
