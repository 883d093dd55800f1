import { Table } from 'antd';
import { yesNo } from '../../registry/enums';
import type { BuildingInput } from '../forms';

/** The buildings an application describes (F-11 楼幢, F-15 新楼幢), read only. */
export function BuildingsView({ buildings }: { buildings: BuildingInput[] }) {
  return (
    <Table<BuildingInput>
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={buildings}
      locale={{ emptyText: '无' }}
      columns={[
        { title: '楼幢名称', dataIndex: 'name' },
        { title: '地上层数', dataIndex: 'floorsAbove' },
        { title: '地下层数', dataIndex: 'floorsBelow' },
        { title: '建成年代', dataIndex: 'builtYear' },
        { title: '建筑结构', dataIndex: 'structure' },
        { title: '电梯', dataIndex: 'elevator', render: yesNo },
      ]}
    />
  );
}
