import { useQueries } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { RegistryHouse } from '../../api/types';
import { DEPOSIT_STATUS_KEY, type HouseDeposit } from './api';

/** 应交、已交 and any unpaid notice of each picked house, from the deposit status of their buildings. */
export function useHouseDeposits(areaId: number | undefined, houses: readonly RegistryHouse[]): ReadonlyMap<number, HouseDeposit> {
  const buildingIds = [...new Set(houses.map((h) => h.buildingId))];
  const results = useQueries({
    queries: buildingIds.map((buildingId) => ({
      queryKey: [...DEPOSIT_STATUS_KEY, areaId, buildingId],
      queryFn: () => call(api.GET('/api/areas/{id}/deposit-status', { params: { path: { id: areaId ?? 0 }, query: { buildingId } } })),
      enabled: areaId !== undefined,
    })),
  });
  const map = new Map<number, HouseDeposit>();
  for (const r of results) for (const h of r.data?.houses ?? []) map.set(h.houseId, h);
  return map;
}
