import { Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import type { BuildingRow } from '../../api/types';
import { LoadingOrError } from '../../components/LoadingOrError';
import { useBuildings } from './api';
import { yesNo } from './enums';
import { SELECT_PAGE_LABEL } from '../../lib/selection';

/** 选择需要变更的楼幢 (manual §1.3.3 第四步): tick the buildings, then 确定. */
export function BuildingPickerModal({
  areaId,
  initial,
  onOk,
  onCancel,
}: {
  areaId: number;
  initial: readonly number[];
  onOk: (buildings: BuildingRow[]) => void;
  onCancel: () => void;
}) {
  const buildings = useBuildings(areaId);
  const [selected, setSelected] = useState<number[]>([...initial]);
  const items = buildings.data?.items ?? [];
  return (
    <Modal
      open
      title="选择需要变更的楼幢"
      width={860}
      okText="确定"
      cancelText="取消"
      onCancel={onCancel}
      onOk={() => onOk(items.filter((b) => selected.includes(b.id)))}
      mask={{ closable: false }}
    >
      {buildings.data ? (
        <>
          <Table<BuildingRow>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ y: 420 }}
            dataSource={items}
            rowSelection={{
              ...SELECT_PAGE_LABEL,
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys.map(Number)),
              getCheckboxProps: (b) => ({ 'aria-label': `选择 ${b.name}` }),
            }}
            onRow={(b) => ({
              onClick: () => setSelected((s) => (s.includes(b.id) ? s.filter((x) => x !== b.id) : [...s, b.id])),
              style: { cursor: 'pointer' },
            })}
            columns={[
              { title: '楼幢名称', dataIndex: 'name' },
              { title: '房屋数', dataIndex: 'houseCount', width: 80 },
              { title: '地上层数', dataIndex: 'floorsAbove', width: 90 },
              { title: '地下层数', dataIndex: 'floorsBelow', width: 90 },
              { title: '建成年代', dataIndex: 'builtYear', width: 90 },
              { title: '建筑结构', dataIndex: 'structure', width: 160 },
              { title: '电梯', dataIndex: 'elevator', width: 60, render: yesNo },
            ]}
          />
          <Typography.Text style={{ display: 'block', marginTop: 8 }}>已选择 {selected.length} 幢</Typography.Text>
        </>
      ) : (
        <LoadingOrError query={buildings} />
      )}
    </Modal>
  );
}
