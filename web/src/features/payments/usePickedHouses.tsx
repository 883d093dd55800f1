import { HomeOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import type { RegistryHouse } from '../../api/types';
import { HousePickerModal } from '../registry/picker/HousePickerModal';

/** Houses picked in the 楼盘表 (manual §1.4.2 第四步: 单击选择交款的房屋，可多选). */
export function usePickedHouses(areaId: number | undefined) {
  const [houses, setHouses] = useState<RegistryHouse[]>([]);
  const [picking, setPicking] = useState(false);
  const button = (
    <Button icon={<HomeOutlined aria-hidden />} disabled={!areaId} onClick={() => setPicking(true)}>
      选择房屋
    </Button>
  );
  const modal =
    picking && areaId ? (
      <HousePickerModal
        areaId={areaId}
        initial={houses}
        showDeposits
        onCancel={() => setPicking(false)}
        onOk={(picked) => {
          setHouses(picked);
          setPicking(false);
        }}
      />
    ) : null;
  const remove = (id: number) => setHouses((prev) => prev.filter((h) => h.id !== id));
  return { houses, setHouses, button, modal, remove, clear: () => setHouses([]) };
}
