import { AppstoreOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Flex, Row, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { RegistryHouse } from '../../../api/types';
import { LoadingOrError } from '../../../components/LoadingOrError';
import { useDepositStatus } from '../../payments/api';
import { useBuildingGrid, useBuildings } from '../api';
import { BuildingGrid, type GridSelection } from './BuildingGrid';
import { BuildingList } from './BuildingList';
import { depositState } from './depositState';
import { HouseListMode } from './HouseListMode';

export interface RegistryBrowserProps {
  areaId: number;
  ownNo?: string;
  /** Picking houses; without it the browser is read only. */
  selection?: GridSelection & { pickedByBuilding: ReadonlyMap<number, number> };
  /** Read only: what a click on a house does (e.g. show its details). */
  onOpen?: (house: RegistryHouse) => void;
  gridHeight?: number;
  /** The building to open first (e.g. the one a project item is on); otherwise the area's first. */
  startBuildingId?: number;
  /** Colour the grid by 交款状态 (paid / part-paid / unpaid) instead of the sales state. */
  showDeposits?: boolean;
}

/**
 * F-10: the area's buildings on the left and the chosen one as a grid on the right, with a switch
 * to a searchable list of all the area's houses. Used to pick houses and to browse them.
 */
export function RegistryBrowser({ areaId, ownNo, selection, onOpen, gridHeight, showDeposits, startBuildingId }: RegistryBrowserProps) {
  const buildings = useBuildings(areaId);
  const [buildingId, setBuildingId] = useState<number | undefined>(startBuildingId);
  const [mode, setMode] = useState<'grid' | 'list'>('grid');
  const first = buildings.data?.items[0]?.id;
  useEffect(() => {
    if (buildingId === undefined && first !== undefined) setBuildingId(first);
  }, [buildingId, first]);
  const building = buildings.data?.items.find((b) => b.id === buildingId);

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="200px" style={{ maxHeight: (gridHeight ?? 520) + 90, overflowY: 'auto' }}>
        <BuildingList
          buildings={buildings.data?.items}
          loading={buildings.isPending}
          value={mode === 'grid' ? buildingId : undefined}
          onChange={(id) => {
            setBuildingId(id);
            setMode('grid');
          }}
          pickedCounts={selection?.pickedByBuilding}
        />
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
          <Typography.Text strong>{mode === 'grid' ? (building?.name ?? '') : '房屋列表'}</Typography.Text>
          <Space wrap>
            {mode === 'grid' && selection && building && <BuildingBulkButtons buildingId={building.id} selection={selection} />}
            <Button
              icon={mode === 'grid' ? <UnorderedListOutlined aria-hidden /> : <AppstoreOutlined aria-hidden />}
              onClick={() => setMode(mode === 'grid' ? 'list' : 'grid')}
            >
              {mode === 'grid' ? '切换列表' : '切换楼盘表'}
            </Button>
          </Space>
        </Flex>
        {mode === 'list' && buildings.data ? (
          <HouseListMode
            areaId={areaId}
            buildings={buildings.data.items}
            initialBuildingId={buildingId}
            ownNo={ownNo}
            selection={selection}
            onOpen={onOpen}
          />
        ) : buildingId !== undefined ? (
          <GridOfBuilding
            areaId={areaId}
            buildingId={buildingId}
            ownNo={ownNo}
            selection={selection}
            onOpen={onOpen}
            height={gridHeight}
            showDeposits={showDeposits}
          />
        ) : (
          !buildings.isPending && <Empty description="请选择楼幢" />
        )}
      </Col>
    </Row>
  );
}

function GridOfBuilding({
  areaId,
  buildingId,
  ownNo,
  selection,
  onOpen,
  height,
  showDeposits,
}: {
  areaId: number;
  buildingId: number;
  ownNo?: string;
  selection?: GridSelection;
  onOpen?: (house: RegistryHouse) => void;
  height?: number;
  showDeposits?: boolean;
}) {
  const grid = useBuildingGrid(buildingId);
  const status = useDepositStatus(showDeposits ? areaId : undefined, buildingId);
  const deposits = useMemo(
    () => (status.data ? new Map(status.data.houses.map((h) => [h.houseId, depositState(h)])) : undefined),
    [status.data],
  );
  if (!grid.data) return <LoadingOrError query={grid} />;
  if (showDeposits && !status.data) return <LoadingOrError query={status} />;
  if (grid.data.houses.length === 0) return <Empty description="该楼幢没有房屋" />;
  return (
    <BuildingGrid houses={grid.data.houses} ownNo={ownNo} selection={selection} onOpen={onOpen} maxHeight={height} deposits={deposits} />
  );
}

/** 全选本幢 / 取消本幢: every house of the shown building that may be picked. */
function BuildingBulkButtons({ buildingId, selection }: { buildingId: number; selection: GridSelection }) {
  const grid = useBuildingGrid(buildingId);
  const pickable = useMemo(
    () => (grid.data?.houses ?? []).filter((h) => !selection.blockedReason(h)),
    [grid.data, selection.blockedReason],
  );
  return (
    <>
      <Button disabled={pickable.length === 0} onClick={() => selection.add(pickable)}>
        全选本幢
      </Button>
      <Button disabled={!pickable.some((h) => selection.selected.has(h.id))} onClick={() => selection.remove(grid.data?.houses ?? [])}>
        取消本幢
      </Button>
    </>
  );
}
