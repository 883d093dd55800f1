import { useQuery } from '@tanstack/react-query';
import { Form, type FormInstance } from 'antd';
import { api, call } from '../../api/client';

/**
 * The public portal's house picker (no login): the areas, then the chosen area's buildings, then the
 * chosen building's rooms, following the form's `areaId` and `buildingId` fields. Used by the fund
 * lookup (F-72) and the owner's binding (F-80).
 */
export function usePublicHousePicker<V extends { areaId?: number; buildingId?: number }>(form: FormInstance<V>) {
  const areaId = Form.useWatch('areaId', form) as number | undefined;
  const buildingId = Form.useWatch('buildingId', form) as number | undefined;
  const areas = useQuery({ queryKey: ['public', 'areas'], queryFn: () => call(api.GET('/api/public/areas')) });
  const buildings = useQuery({
    queryKey: ['public', 'areas', areaId, 'buildings'],
    queryFn: () => call(api.GET('/api/public/areas/{id}/buildings', { params: { path: { id: areaId as number } } })),
    enabled: !!areaId,
  });
  const rooms = useQuery({
    queryKey: ['public', 'buildings', buildingId, 'rooms'],
    queryFn: () => call(api.GET('/api/public/buildings/{id}/rooms', { params: { path: { id: buildingId as number } } })),
    enabled: !!buildingId,
  });
  return { areaId, buildingId, areas, buildings, rooms };
}
