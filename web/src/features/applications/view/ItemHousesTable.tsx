import { Table, type TableColumnsType } from 'antd';
import type { ApplicationItem } from '../../../api/types';
import { formatArea, formatOptionalArea } from '../../../lib/units';
import { SALES_LABELS, yesNo } from '../../registry/enums';
import type { ImportedHouse } from '../forms';
import { useItemsPage } from './useItemsPage';

const data = (i: ApplicationItem) => i.data as ImportedHouse;

const columns: TableColumnsType<ApplicationItem> = [
  { title: '序号', dataIndex: 'seq', width: 64 },
  { title: '楼幢名称', key: 'building', width: 100, render: (_, i) => data(i).building },
  { title: '单元', key: 'unit', width: 70, render: (_, i) => data(i).unit },
  { title: '楼层', key: 'floor', width: 60, render: (_, i) => data(i).floor },
  { title: '房号', key: 'room', width: 80, render: (_, i) => data(i).room },
  { title: '坐落', key: 'address', ellipsis: true, render: (_, i) => data(i).address },
  { title: '建筑面积(㎡)', key: 'area', width: 110, align: 'right', render: (_, i) => formatArea(data(i).buildingArea) },
  { title: '套内面积(㎡)', key: 'inner', width: 110, align: 'right', render: (_, i) => formatOptionalArea(data(i).innerArea) },
  { title: '房屋类型', key: 'use', width: 80, render: (_, i) => data(i).use },
  { title: '电梯', key: 'elevator', width: 60, render: (_, i) => yesNo(data(i).elevator) },
  { title: '销售状态', key: 'sales', width: 80, render: (_, i) => SALES_LABELS[data(i).salesStatus] },
  {
    title: '业主',
    key: 'owners',
    width: 160,
    ellipsis: true,
    render: (_, i) =>
      data(i)
        .owners.map((o) => o.name)
        .join('、') || '—',
  },
];

/** Houses imported into an application (F-11, F-15, F-14 results), paged by the server. */
export function ItemHousesTable({ appId, kind = 'house', label = '导入的房屋' }: { appId: number; kind?: string; label?: string }) {
  const items = useItemsPage(appId, kind, 20);
  return (
    <section aria-label={label}>
      <Table<ApplicationItem>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={items.items}
        loading={items.loading}
        scroll={{ x: 1200 }}
        locale={{ emptyText: '尚未导入房屋' }}
        pagination={{ ...items.page, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (t) => `共 ${t} 套` }}
      />
    </section>
  );
}
