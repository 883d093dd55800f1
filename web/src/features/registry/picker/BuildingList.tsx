import { Empty, Menu, Skeleton, Typography } from 'antd';
import type { BuildingRow } from '../../../api/types';

interface BuildingListProps {
  buildings: BuildingRow[] | undefined;
  loading: boolean;
  value: number | undefined;
  onChange: (buildingId: number) => void;
  /** Picked houses per building, shown beside its name. */
  pickedCounts?: ReadonlyMap<number, number>;
}

/** The area's buildings with their (live) house counts: the left of the building grid. */
export function BuildingList({ buildings, loading, value, onChange, pickedCounts }: BuildingListProps) {
  if (loading) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!buildings?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该物业区域还没有楼幢" />;
  return (
    <nav aria-label="楼幢列表">
      <Menu
        mode="inline"
        selectedKeys={value ? [String(value)] : []}
        onClick={({ key }) => onChange(Number(key))}
        style={{ borderInlineEnd: 0 }}
        items={buildings.map((b) => ({
          key: String(b.id),
          label: (
            <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <span>{b.name}</span>
              <span>
                {(pickedCounts?.get(b.id) ?? 0) > 0 && (
                  <Typography.Text style={{ fontSize: 12, color: '#1554ad', marginRight: 6 }}>
                    已选 {pickedCounts?.get(b.id)}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {b.houseCount} 套
                </Typography.Text>
              </span>
            </span>
          ),
        }))}
      />
    </nav>
  );
}
