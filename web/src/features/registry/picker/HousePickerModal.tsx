import { Button, Flex, Modal, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import type { RegistryHouse } from '../../../api/types';
import type { GridSelection } from './BuildingGrid';
import { whyNotSelectable } from './houseState';
import { RegistryBrowser } from './RegistryBrowser';

interface HousePickerModalProps {
  areaId: number;
  /** The houses already picked: they start selected. */
  initial: readonly RegistryHouse[];
  /** The application being edited (its own held houses stay selectable). */
  ownNo?: string;
  onOk: (houses: RegistryHouse[]) => void;
  onCancel: () => void;
  /** Colour the grid by 交款状态 (for payment pages). */
  showDeposits?: boolean;
  /** The building the grid opens on. */
  startBuildingId?: number;
  /** Houses already where they are being picked for (e.g. an item's range): shown, marked, not picked again. */
  already?: { ids: ReadonlySet<number>; reason: string };
}

/**
 * 楼盘表选择 (manual §1.3.4 第四步, §1.3.6 第四步…): pick houses in the building grid or the list;
 * the selection persists across buildings and modes until “确定”. Cancelled houses and houses held
 * by another open application cannot be picked.
 */
export function HousePickerModal({
  areaId,
  initial,
  ownNo,
  onOk,
  onCancel,
  showDeposits,
  startBuildingId,
  already,
}: HousePickerModalProps) {
  const [selected, setSelected] = useState<ReadonlyMap<number, RegistryHouse>>(() => new Map(initial.map((h) => [h.id, h])));
  const notSelectable = useCallback(
    (h: RegistryHouse) => (already?.ids.has(h.id) ? already.reason : whyNotSelectable(h, ownNo)),
    [ownNo, already],
  );
  const blockedReason = useCallback((h: RegistryHouse) => (selected.has(h.id) ? null : notSelectable(h)), [notSelectable, selected]);
  const add = useCallback(
    (houses: RegistryHouse[]) =>
      setSelected((prev) => {
        const next = new Map(prev);
        for (const h of houses) if (!notSelectable(h) || prev.has(h.id)) next.set(h.id, h);
        return next;
      }),
    [notSelectable],
  );
  const remove = useCallback(
    (houses: RegistryHouse[]) =>
      setSelected((prev) => {
        const next = new Map(prev);
        for (const h of houses) next.delete(h.id);
        return next;
      }),
    [],
  );
  const ids = useMemo(() => new Set(selected.keys()), [selected]);
  const pickedByBuilding = useMemo(() => {
    const counts = new Map<number, number>();
    for (const h of selected.values()) counts.set(h.buildingId, (counts.get(h.buildingId) ?? 0) + 1);
    return counts;
  }, [selected]);
  const selection: GridSelection & { pickedByBuilding: ReadonlyMap<number, number> } = useMemo(
    () => ({ selected: ids, blockedReason, add, remove, pickedByBuilding }),
    [ids, blockedReason, add, remove, pickedByBuilding],
  );

  return (
    <Modal
      open
      title="楼盘表选择"
      width={1240}
      onCancel={onCancel}
      mask={{ closable: false }}
      styles={{ body: { paddingTop: 8 } }}
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text>
            已选择 <Typography.Text strong>{selected.size}</Typography.Text> 套房屋
          </Typography.Text>
          <Flex gap={8}>
            <Button disabled={selected.size === 0} onClick={() => setSelected(new Map())}>
              清空
            </Button>
            <Button onClick={onCancel}>取消</Button>
            <Button type="primary" onClick={() => onOk([...selected.values()])}>
              确定
            </Button>
          </Flex>
        </Flex>
      }
    >
      <RegistryBrowser
        areaId={areaId}
        ownNo={ownNo}
        selection={selection}
        gridHeight={480}
        showDeposits={showDeposits}
        startBuildingId={startBuildingId}
      />
    </Modal>
  );
}
