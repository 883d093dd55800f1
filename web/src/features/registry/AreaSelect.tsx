import { Select, type SelectProps } from 'antd';
import type { AreaRow } from '../../api/types';
import { useAreaOptions } from './api';

interface AreaSelectProps extends Omit<SelectProps<number>, 'options' | 'onChange'> {
  value?: number;
  onChange?: (areaId: number, area: AreaRow | undefined) => void;
}

/** 物业区域: one of the areas the organisation may see (a developer: its own). */
export function AreaSelect({ value, onChange, ...rest }: AreaSelectProps) {
  const areas = useAreaOptions();
  const items = areas.data?.items ?? [];
  return (
    <Select<number>
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="请选择物业区域"
      loading={areas.isPending}
      notFoundContent={areas.isPending ? '加载中…' : '没有可选择的物业区域'}
      {...rest}
      value={value}
      onChange={(id) =>
        onChange?.(
          id,
          items.find((a) => a.id === id),
        )
      }
      options={items.map((a) => ({ value: a.id, label: `${a.name}（${a.district}）` }))}
    />
  );
}
