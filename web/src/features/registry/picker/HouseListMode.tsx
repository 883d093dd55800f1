import { Flex, Input, Select, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import type { BuildingRow, RegistryHouse } from '../../../api/types';
import { usePagedQuery } from '../../../lib/paging';
import { formatArea } from '../../../lib/units';
import { fetchHouses } from '../api';
import { SALES_LABELS } from '../enums';
import type { GridSelection } from './BuildingGrid';
import { houseState, STATE_LABELS } from './houseState';
import { SELECT_PAGE_LABEL } from '../../../lib/selection';

interface HouseListModeProps {
  areaId: number;
  buildings: BuildingRow[];
  /** The building the grid showed: the list starts filtered to it. */
  initialBuildingId?: number;
  ownNo?: string;
  selection?: GridSelection;
  onOpen?: (house: RegistryHouse) => void;
}

const STATE_COLORS = { sold: 'blue', unsold: 'default', held: 'orange', cancelled: 'default' } as const;

/** The building grid's “切换列表” mode: every house of the area, searched and paginated by the server. */
export function HouseListMode({ areaId, buildings, initialBuildingId, ownNo, selection, onOpen }: HouseListModeProps) {
  const [buildingId, setBuildingId] = useState<number | undefined>(initialBuildingId);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<'normal' | 'cancelled' | undefined>(selection ? 'normal' : undefined);
  const {
    query,
    pagination,
    firstPage: first,
  } = usePagedQuery({
    queryKey: ['areas', areaId, 'houses', { buildingId, q, status }],
    fetchPage: (paging) => fetchHouses(areaId, { buildingId, q: q || undefined, status, ...paging }),
  });

  const columns: TableColumnsType<RegistryHouse> = [
    { title: '楼幢', dataIndex: 'building', width: 90 },
    { title: '单元', dataIndex: 'unit', width: 80 },
    { title: '楼层', dataIndex: 'floor', width: 60 },
    { title: '房号', dataIndex: 'room', width: 80 },
    { title: '坐落', dataIndex: 'address', ellipsis: true },
    { title: '建筑面积(㎡)', dataIndex: 'buildingArea', width: 110, align: 'right', render: formatArea },
    { title: '房屋类型', dataIndex: 'use', width: 80 },
    { title: '业主', dataIndex: 'ownerNames', width: 120, ellipsis: true },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_, h) => {
        const s = houseState(h, ownNo);
        return (
          <Tag color={STATE_COLORS[s]}>
            {s === 'held' ? `办理中 ${h.heldBy}` : s === 'cancelled' ? STATE_LABELS[s] : SALES_LABELS[h.salesStatus]}
          </Tag>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8}>
        <Select
          aria-label="楼幢"
          style={{ width: 150 }}
          value={buildingId ?? 0}
          onChange={(v: number) => {
            setBuildingId(v || undefined);
            first();
          }}
          options={[{ value: 0, label: '全部楼幢' }, ...buildings.map((b) => ({ value: b.id, label: b.name }))]}
        />
        <Select
          aria-label="房屋状态"
          style={{ width: 120 }}
          value={status ?? ''}
          onChange={(v: string) => {
            setStatus(v === 'normal' || v === 'cancelled' ? v : undefined);
            first();
          }}
          options={[
            { value: '', label: '全部状态' },
            { value: 'normal', label: '正常' },
            { value: 'cancelled', label: '已注销' },
          ]}
        />
        <Input.Search
          aria-label="查询房屋"
          placeholder="房号、坐落、楼幢或业主姓名"
          allowClear
          enterButton="查询"
          onSearch={(v) => {
            setQ(v.trim());
            first();
          }}
          style={{ width: 340 }}
        />
      </Flex>
      <Table<RegistryHouse>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 1000, y: 380 }}
        pagination={{
          ...pagination,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => (query.data?.totalCapped ? `超过 ${total} 套，可用查询缩小范围` : `共 ${total} 套`),
        }}
        onRow={onOpen && !selection ? (h) => ({ onClick: () => onOpen(h), style: { cursor: 'pointer' } }) : undefined}
        rowSelection={
          selection
            ? {
                ...SELECT_PAGE_LABEL,
                selectedRowKeys: [...selection.selected],
                preserveSelectedRowKeys: true,
                getCheckboxProps: (h) => ({ disabled: !!selection.blockedReason(h), 'aria-label': `选择 ${h.building}${h.unit}${h.room}` }),
                renderCell: (_checked, h, _i, node) => {
                  const why = selection.blockedReason(h);
                  return why ? <Tooltip title={why}>{node}</Tooltip> : node;
                },
                onSelect: (h, checked) => (checked ? selection.add([h]) : selection.remove([h])),
                onSelectAll: (checked, _rows, changed) => (checked ? selection.add(changed) : selection.remove(changed)),
              }
            : undefined
        }
      />
    </Flex>
  );
}
