import { Flex, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { AreaSelect } from '../registry/AreaSelect';

/** The chosen 物业区域, kept in the address bar so the page survives a reload or a trip to the print view. */
export function useAreaParam(): [number | undefined, (id: number | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const areaId = Number(params.get('areaId')) || undefined;
  const set = (id: number | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('areaId', String(id));
        else next.delete('areaId');
        return next;
      },
      { replace: true },
    );
  return [areaId, set];
}

/** 第三步：选择交款的物业区域. */
export function AreaPicker({ value, onChange }: { value: number | undefined; onChange: (id: number) => void }) {
  return (
    <Flex align="center" gap={12} wrap>
      <Typography.Text strong id="area-picker-label">
        物业区域
      </Typography.Text>
      <AreaSelect aria-labelledby="area-picker-label" value={value} onChange={(id) => onChange(id)} style={{ width: 360 }} />
    </Flex>
  );
}
