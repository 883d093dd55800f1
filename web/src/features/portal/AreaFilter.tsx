import { Select } from 'antd';
import { usePublicAreas } from './noticeApi';

/** A list's filter by property area (its id kept in the address bar as text). */
export function AreaFilter({ value, onChange, width = 180 }: { value?: string; onChange: (areaId?: string) => void; width?: number }) {
  const areas = usePublicAreas();
  return (
    <Select
      aria-label="物业区域"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="全部物业区域"
      style={{ width }}
      value={value ? Number(value) : undefined}
      options={(areas.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
      onChange={(v?: number) => onChange(v ? String(v) : undefined)}
    />
  );
}
