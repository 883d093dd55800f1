import { PrinterOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { RegistryHouse } from '../../api/types';
import { Page } from '../../components/Page';
import { formatArea, formatYuan } from '../../lib/units';
import { houseLabel } from '../applications/forms';
import { AreaPicker, useAreaParam } from './AreaPicker';
import { OwnerPaymentModal } from './OwnerPaymentModal';
import { useHouseDeposits } from './useHouseDeposits';
import { usePickedHouses } from './usePickedHouses';

/**
 * 代打交款通知单 (manual §1.4.2, F-21): choose the area, pick houses in the 楼盘表, “打印交款单”,
 * complete the owners in the “业主交款列表” dialog and print one notice per house.
 */
export function OwnerNoticePage() {
  const [areaId, setAreaId] = useAreaParam();
  const picked = usePickedHouses(areaId);
  const deposits = useHouseDeposits(areaId, picked.houses);
  const [listOpen, setListOpen] = useState(false);

  return (
    <Page title="代打交款通知单">
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          房屋开好户后，开发建设单位打印交款通知单交业主，业主携通知单和身份证到专户银行、侨都之窗或维修资金专用POS机交存专项维修资金。
        </Typography.Paragraph>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <AreaPicker
            value={areaId}
            onChange={(id) => {
              setAreaId(id);
              picked.clear();
            }}
          />
          <Flex gap={8}>
            {picked.button}
            <Button
              type="primary"
              icon={<PrinterOutlined aria-hidden />}
              disabled={picked.houses.length === 0}
              onClick={() => setListOpen(true)}
            >
              打印交款单
            </Button>
          </Flex>
        </Flex>
        <Table<RegistryHouse>
          rowKey="id"
          size="middle"
          dataSource={picked.houses}
          pagination={picked.houses.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 套` } : false}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={areaId ? '请单击“选择房屋”在楼盘表中选择交款的房屋' : '请先选择物业区域'}
              />
            ),
          }}
          columns={[
            { title: '房屋', key: 'house', render: (_, h) => houseLabel(h) },
            { title: '坐落', dataIndex: 'address', ellipsis: true },
            { title: '建筑面积（㎡）', dataIndex: 'buildingArea', align: 'right', render: (a: number) => formatArea(a) },
            { title: '业主', dataIndex: 'ownerNames', render: (n: string) => n || <Tag>未录入</Tag> },
            {
              title: '应交金额（元）',
              key: 'due',
              align: 'right',
              render: (_, h) => {
                const d = deposits.get(h.id);
                return d ? formatYuan(d.amountDue) : h.amountDue === null ? '未开户' : formatYuan(h.amountDue);
              },
            },
            {
              title: '已交金额（元）',
              key: 'deposited',
              align: 'right',
              render: (_, h) => {
                const d = deposits.get(h.id);
                return d ? formatYuan(d.deposited) : '—';
              },
            },
            {
              title: '交款状态',
              key: 'state',
              render: (_, h) => {
                const d = deposits.get(h.id);
                if (!d) return '—';
                if (d.deposited >= d.amountDue) return <Tag color="success">已交足</Tag>;
                if (d.openNotice) return <Tag color="orange">待缴 {d.openNotice}</Tag>;
                return <Tag color="blue">未交</Tag>;
              },
            },
            {
              title: '操作',
              key: 'actions',
              width: 80,
              render: (_, h) => (
                <Button type="link" danger size="small" onClick={() => picked.remove(h.id)} aria-label={`移除 ${houseLabel(h)}`}>
                  移除
                </Button>
              ),
            },
          ]}
        />
      </Flex>
      {picked.modal}
      {listOpen && areaId && (
        <OwnerPaymentModal areaId={areaId} houses={picked.houses} onClose={() => setListOpen(false)} onIssued={() => picked.clear()} />
      )}
    </Page>
  );
}
