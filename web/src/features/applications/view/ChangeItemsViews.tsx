import { Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import type { ApplicationItem } from '../../../api/types';
import { formatArea } from '../../../lib/units';
import { useAreaOptions } from '../../registry/api';
import { BeforeAfterTable, type BeforeAfterRow } from '../BeforeAfterTable';
import { buildingFields, HOUSE_FIELDS, houseFieldsOf, OWNERS_FIELD, ownersText, refundText } from '../fields';
import {
  type BuildingAfter,
  type BuildingChangeItem,
  type BuildingSnapshot,
  type CancellationItem,
  type HouseChangeItem,
  type HouseFields,
  type HouseSnapshot,
  houseLabel,
  type OwnerInput,
  type OwnershipItem,
} from '../forms';
import { useItemsPage } from './useItemsPage';

const snapshot = (i: ApplicationItem) => i.before as HouseSnapshot | null;
const placeOf = (i: ApplicationItem) => {
  const s = snapshot(i);
  return s ? houseLabel(s) : `房屋 #${i.houseId}`;
};

/** F-16 房屋信息变更: each house before and after. */
export function HouseChangeItemsView({ appId }: { appId: number }) {
  const items = useItemsPage(appId, 'house');
  const rows: BeforeAfterRow<HouseFields>[] = items.items.map((i) => {
    const s = snapshot(i);
    return { key: i.seq, label: placeOf(i), before: s ? houseFieldsOf(s) : null, after: (i.data as HouseChangeItem).after };
  });
  return <BeforeAfterTable rows={rows} fields={HOUSE_FIELDS} subject="房屋" page={items.page} loading={items.loading} />;
}

/** F-17 房屋权属批量变更: each house's owners before and after. */
export function OwnershipItemsView({ appId }: { appId: number }) {
  const items = useItemsPage(appId, 'owners');
  const rows: BeforeAfterRow<{ owners: OwnerInput[] }>[] = items.items.map((i) => ({
    key: i.seq,
    label: placeOf(i),
    before: { owners: snapshot(i)?.owners ?? [] },
    after: { owners: (i.data as OwnershipItem).owners },
  }));
  return <BeforeAfterTable rows={rows} fields={[OWNERS_FIELD]} subject="房屋" page={items.page} loading={items.loading} />;
}

/** F-13 楼幢变更: each building before and after. */
export function BuildingChangeItemsView({ appId }: { appId: number }) {
  const items = useItemsPage(appId, 'building');
  const areas = useAreaOptions();
  const fields = useMemo(() => {
    const names = new Map((areas.data?.items ?? []).map((a) => [a.id, a.name]));
    return buildingFields((id) => names.get(id) ?? `物业区域 #${id}`);
  }, [areas.data]);
  const rows: BeforeAfterRow<BuildingAfter>[] = items.items.map((i) => {
    const before = i.before as BuildingSnapshot | null;
    const after = (i.data as BuildingChangeItem).after;
    return { key: i.seq, label: before?.name ?? after.name, before, after };
  });
  return <BeforeAfterTable rows={rows} fields={fields} subject="楼幢" page={items.page} loading={items.loading} />;
}

const pickedColumns: TableColumnsType<ApplicationItem> = [
  { title: '序号', dataIndex: 'seq', width: 64 },
  { title: '房屋', key: 'place', width: 160, render: (_, i) => placeOf(i) },
  { title: '坐落', key: 'address', ellipsis: true, render: (_, i) => snapshot(i)?.address },
  {
    title: '建筑面积(㎡)',
    key: 'area',
    width: 110,
    align: 'right',
    render: (_, i) => {
      const s = snapshot(i);
      return s ? formatArea(s.buildingArea) : '';
    },
  },
  { title: '房屋类型', key: 'use', width: 80, render: (_, i) => snapshot(i)?.use },
  { title: '业主', key: 'owners', width: 260, ellipsis: true, render: (_, i) => ownersText(snapshot(i)?.owners ?? []) },
];

/** Picked houses without an “after” (F-18 注销, F-14 拆分合并前): what they are now. */
export function PickedHousesView({ appId, kind, refund = false, label }: { appId: number; kind: string; refund?: boolean; label: string }) {
  const items = useItemsPage(appId, kind, 20);
  const columns = refund
    ? [
        ...pickedColumns,
        {
          title: '退款账户',
          key: 'refund',
          width: 260,
          ellipsis: true,
          render: (_: unknown, i: ApplicationItem) => refundText((i.data as CancellationItem).refundAccount),
        },
      ]
    : pickedColumns;
  return (
    <section aria-label={label}>
      <Table<ApplicationItem>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={items.items}
        loading={items.loading}
        scroll={{ x: 1000 }}
        pagination={{ ...items.page, showSizeChanger: true, showTotal: (t) => `共 ${t} 套` }}
      />
    </section>
  );
}
