import { Button, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { formatArea } from '../../../lib/units';
import { houseLabel } from '../forms';
import type { Picked } from '../picked';

interface PickedHousesTableProps<R extends Picked> {
  rows: R[];
  /** Names the table for assistive technology, e.g. 注销的房屋. */
  label: string;
  extraColumns?: TableColumnsType<R>;
  /** Actions of a row beside 移除. */
  actions?: (row: R) => ReactNode;
  onRemove: (row: R) => void;
  emptyText: string;
}

/** The houses picked in the building grid, with the page's own columns and actions. */
export function PickedHousesTable<R extends Picked>({
  rows,
  label,
  extraColumns = [],
  actions,
  onRemove,
  emptyText,
}: PickedHousesTableProps<R>) {
  const columns: TableColumnsType<R> = [
    { title: '序号', key: 'seq', width: 64, render: (_, _r, i) => i + 1 },
    { title: '房屋', key: 'place', width: 170, render: (_, r) => houseLabel(r.house) },
    { title: '坐落', key: 'address', ellipsis: true, render: (_, r) => r.house.address },
    { title: '建筑面积(㎡)', key: 'area', width: 110, align: 'right', render: (_, r) => formatArea(r.house.buildingArea) },
    { title: '房屋类型', key: 'use', width: 80, render: (_, r) => r.house.use },
    ...extraColumns,
    {
      title: '操作',
      key: 'actions',
      width: actions ? 220 : 80,
      fixed: 'right',
      render: (_, r) => (
        <>
          {actions?.(r)}
          <Button type="link" size="small" danger onClick={() => onRemove(r)} aria-label={`移除 ${houseLabel(r.house)}`}>
            移除
          </Button>
        </>
      ),
    },
  ];
  return (
    <section aria-label={label}>
      <Table<R>
        rowKey={(r) => r.house.id}
        size="small"
        columns={columns}
        dataSource={rows}
        scroll={{ x: 1000 }}
        locale={{ emptyText }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true, showTotal: (t) => `共 ${t} 套`, hideOnSinglePage: false }}
      />
    </section>
  );
}
