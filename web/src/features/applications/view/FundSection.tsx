import { Alert, Flex, Table, Tag, Typography } from 'antd';
import type { ApplicationDetail } from '../../../api/types';
import { LoadingOrError } from '../../../components/LoadingOrError';
import { Section } from '../../../components/Section';
import { formatArea, formatYuan } from '../../../lib/units';
import { type ApplicationFund, useApplicationFund } from '../api';
import { refundText } from '../fields';

const yuan = (n: number | null) => (n === null ? '—' : formatYuan(n));

/**
 * 资金处理 of an application that moves money (R-11 balance moves, R-12 补交 and refunds, R-13 closing refunds): before
 * approval what it would collect or refund, afterwards the refund instructions and notices it made.
 */
export function FundSection({ app }: { app: ApplicationDetail }) {
  const fund = useApplicationFund(app.id);
  if (!fund.data) return <LoadingOrError query={fund} />;
  const f: ApplicationFund = fund.data;
  if (f.effects.length === 0 && f.refunds.length === 0 && f.notices.length === 0 && f.moves.length === 0 && !f.areaWarning) return null;
  return (
    <Section title="资金处理">
      <Flex vertical gap={12}>
        {f.areaWarning && <Alert type="warning" showIcon role="alert" title={f.areaWarning} />}
        {f.moves.length > 0 && (
          <Table
            rowKey="house"
            size="small"
            title={() => '审核通过时，拆分合并前房屋的余额按建筑面积转入拆分合并后的房屋'}
            dataSource={f.moves}
            pagination={f.moves.length > 10 ? { pageSize: 10 } : false}
            columns={[
              { title: '拆分合并后的房屋', dataIndex: 'house' },
              { title: '建筑面积（㎡）', dataIndex: 'buildingArea', align: 'right', render: (a: number) => formatArea(a) },
              { title: '转入余额（元）', dataIndex: 'balance', align: 'right', render: yuan },
            ]}
          />
        )}
        {f.effects.length > 0 && (
          <>
            <Alert
              type="info"
              showIcon
              title={`审核通过时：补交 ${formatYuan(f.supplementTotal)} 元（开具补交通知单），退款 ${formatYuan(f.refundTotal)} 元（生成退款指令，经专户银行付款）；以审核通过时的分户账为准。`}
            />
            <Table
              rowKey="houseId"
              size="small"
              dataSource={f.effects}
              pagination={f.effects.length > 10 ? { pageSize: 10 } : false}
              columns={[
                { title: '房屋', dataIndex: 'house' },
                { title: '原应交（元）', dataIndex: 'oldDue', align: 'right', render: yuan },
                { title: '变更后应交（元）', dataIndex: 'newDue', align: 'right', render: yuan },
                { title: '已交（元）', dataIndex: 'paid', align: 'right', render: yuan },
                { title: '余额（元）', dataIndex: 'balance', align: 'right', render: yuan },
                { title: '补交（元）', dataIndex: 'supplement', align: 'right', render: yuan },
                { title: '退款（元）', dataIndex: 'refund', align: 'right', render: yuan },
                {
                  title: '退款账户',
                  key: 'account',
                  render: (_, e) =>
                    e.refund > 0 ? (
                      <Flex vertical>
                        {refundText(e.account)}
                        {e.accountWarning && <Typography.Text type="warning">{e.accountWarning}</Typography.Text>}
                      </Flex>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </>
        )}
        {f.refunds.length > 0 && (
          <Table
            rowKey="no"
            size="small"
            title={() => '退款指令'}
            dataSource={f.refunds}
            pagination={f.refunds.length > 10 ? { pageSize: 10 } : false}
            columns={[
              { title: '退款指令号', dataIndex: 'no' },
              { title: '房屋', dataIndex: 'house' },
              { title: '金额（元）', dataIndex: 'amount', align: 'right', render: yuan },
              { title: '退款账户', key: 'account', render: (_, r) => refundText(r.account) },
              {
                title: '状态',
                dataIndex: 'status',
                render: (s: string) => (s === 'paid' ? <Tag color="green">已付款</Tag> : <Tag color="orange">待银行付款</Tag>),
              },
            ]}
          />
        )}
        {f.notices.length > 0 && (
          <Table
            rowKey="no"
            size="small"
            title={() => '补交通知单'}
            dataSource={f.notices}
            pagination={false}
            columns={[
              { title: '通知单号', dataIndex: 'no' },
              { title: '金额（元）', dataIndex: 'total', align: 'right', render: yuan },
              {
                title: '状态',
                dataIndex: 'status',
                render: (s: string) => ({ unpaid: '待缴', paid: '已缴', void: '作废' })[s] ?? s,
              },
            ]}
          />
        )}
      </Flex>
    </Section>
  );
}
