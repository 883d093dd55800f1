import { useState } from 'react';
import type { RegistryHouse } from '../../../api/types';
import { HousePickerModal } from '../../registry/picker/HousePickerModal';
import { mergePicked, type Picked } from '../picked';

/**
 * The picked houses of a page and its 楼盘表选择 dialog: `open()` shows the dialog with the rows'
 * houses selected; “确定” keeps the rows still picked (with their edits) and adds new ones.
 */
export function useHousePicking<R extends Picked>(initial: R[], make: (house: RegistryHouse) => R) {
  const [rows, setRows] = useState(initial);
  const [open, setOpen] = useState(false);
  const update = (houseId: number, patch: Partial<R>) =>
    setRows((prev) => prev.map((r) => (r.house.id === houseId ? { ...r, ...patch } : r)));
  const remove = (houseId: number) => setRows((prev) => prev.filter((r) => r.house.id !== houseId));
  const picker = (areaId: number | undefined, ownNo: string | undefined) =>
    open && areaId ? (
      <HousePickerModal
        areaId={areaId}
        ownNo={ownNo}
        initial={rows.map((r) => r.house)}
        onCancel={() => setOpen(false)}
        onOk={(houses) => {
          setRows((prev) => mergePicked(prev, houses, make));
          setOpen(false);
        }}
      />
    ) : null;
  return { rows, setRows, update, remove, open: () => setOpen(true), picker };
}
