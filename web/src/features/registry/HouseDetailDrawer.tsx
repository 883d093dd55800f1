import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Empty, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { HouseDetail } from '../../api/types';
import { LoadingOrError } from '../../components/LoadingOrError';
import { formatDateTime } from '../../lib/dates';
import { formatArea, formatYuan } from '../../lib/units';
import { StatementModal } from '../payments/StatementModal';
import { errorMessage } from '../../lib/serverErrors';
import { revealOwners, useHouse } from './api';
import { HOUSE_STATUS_LABELS, SALES_LABELS, yesNo } from './enums';

/** One house: its registered details, owners and the history of changes applied to it. */
export function HouseDetailDrawer({ houseId, onClose }: { houseId: number; onClose: () => void }) {
  const house = useHouse(houseId);
  const [statement, setStatement] = useState(false);
  const h = house.data;
  return (
    <Drawer
      open
      size={640}
      title="房屋信息"
      onClose={onClose}
      extra={
        <Button type="link" disabled={!h} onClick={() => setStatement(true)}>
          分户账明细
        </Button>
      }
    >
      {h ? <HouseDetailBody house={h} /> : <LoadingOrError query={house} />}
      {statement && h && <StatementModal houseId={h.id} title={`${h.building}${h.unit}${h.room}`} onClose={() => setStatement(false)} />}
    </Drawer>
  );
}

/** Owners as the server sent them; a committee reads them masked and may reveal them (logged). */
function Owners({ house: h }: { house: HouseDetail }) {
  const { message } = App.useApp();
  const reveal = useMutation({ mutationFn: () => revealOwners(h.id), onError: (err) => message.error(errorMessage(err)) });
  const owners = reveal.data?.owners ?? h.owners;
  return (
    <>
      {h.personalData === 'hidden' && h.owners.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title="本业主委员会的备案材料尚待维修资金管理部门核验，核验后方可查看业主证件号码和手机号"
        />
      )}
      {h.personalData === 'masked' && h.owners.length > 0 && !reveal.data && (
        <Button size="small" style={{ marginBottom: 8 }} loading={reveal.isPending} onClick={() => reveal.mutate()}>
          查看完整信息
        </Button>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={owners}
        locale={{ emptyText: '暂无业主' }}
        columns={[
          { title: '业主姓名', dataIndex: 'name' },
          { title: '证件类型', dataIndex: 'idType' },
          { title: '证件号码', dataIndex: 'idNumber', render: (v: string) => v || '—' },
          { title: '手机号', dataIndex: 'phone', render: (v: string) => v || '—' },
        ]}
      />
    </>
  );
}

function HouseDetailBody({ house: h }: { house: HouseDetail }) {
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'place', label: '房屋', children: `${h.building}${h.unit}${h.room}`, span: 2 },
          { key: 'address', label: '坐落', children: h.address, span: 2 },
          { key: 'floor', label: '楼层', children: h.floor },
          { key: 'use', label: '房屋类型', children: h.use },
          { key: 'area', label: '建筑面积', children: `${formatArea(h.buildingArea)} ㎡` },
          { key: 'inner', label: '套内面积', children: h.innerArea ? `${formatArea(h.innerArea)} ㎡` : '' },
          { key: 'elevator', label: '电梯', children: yesNo(h.elevator) },
          { key: 'sales', label: '销售状态', children: SALES_LABELS[h.salesStatus] },
          { key: 'status', label: '状态', children: HOUSE_STATUS_LABELS[h.status] },
          { key: 'due', label: '应交金额', children: h.amountDue === null ? '未开户' : `${formatYuan(h.amountDue)} 元` },
          { key: 'deposited', label: '已交', children: h.deposited === null ? '未开户' : `${formatYuan(h.deposited)} 元` },
          { key: 'balance', label: '余额', children: h.balance === null ? '未开户' : `${formatYuan(h.balance)} 元` },
          { key: 'held', label: '办理中业务', children: h.heldBy ?? '无', span: 2 },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        业主
      </Typography.Title>
      <Owners key={h.id} house={h} />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        变更记录
      </Typography.Title>
      {h.history.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无变更记录" />
      ) : (
        <Timeline
          items={h.history.map((e, i) => ({
            key: i,
            content: (
              <>
                <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                <div>{e.summary}</div>
                {e.applicationNo && <Typography.Text type="secondary">业务单号：{e.applicationNo}</Typography.Text>}
              </>
            ),
          }))}
        />
      )}
    </>
  );
}
