import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { AreaChangeBody, HouseListQuery } from '../../api/types';

export const AREAS_KEY = ['areas'] as const;

const path = (id: number) => ({ params: { path: { id } } });

export function fetchAreas(query: { page: number; pageSize: number; q?: string }) {
  return call(api.GET('/api/areas', { params: { query } }));
}

/** The areas the organisation may see (a developer its own, a committee its one): at most 200, enough for a select. */
export function useAreaOptions(q?: string) {
  return useQuery({ queryKey: [...AREAS_KEY, 'options', q ?? ''], queryFn: () => fetchAreas({ page: 1, pageSize: 200, q }) });
}

export function useBuildings(areaId: number | undefined) {
  return useQuery({
    queryKey: [...AREAS_KEY, areaId, 'buildings'],
    queryFn: () => call(api.GET('/api/areas/{id}/buildings', path(areaId ?? 0))),
    enabled: areaId !== undefined,
  });
}

export function fetchHouses(areaId: number, query: HouseListQuery) {
  return call(api.GET('/api/areas/{id}/houses', { params: { path: { id: areaId }, query } }));
}

export function useBuildingGrid(buildingId: number | undefined) {
  return useQuery({
    queryKey: ['buildings', buildingId, 'grid'],
    queryFn: () => call(api.GET('/api/buildings/{id}/grid', path(buildingId ?? 0))),
    enabled: buildingId !== undefined,
  });
}

export const fetchHouse = (id: number) => call(api.GET('/api/houses/{id}', path(id)));

/** 查看完整信息: one house's owners unmasked; the server records who looked. */
export const revealOwners = (id: number) => call(api.POST('/api/houses/{id}/reveal', path(id)));

export function useHouse(id: number | undefined) {
  return useQuery({ queryKey: ['houses', id], queryFn: () => fetchHouse(id ?? 0), enabled: id !== undefined });
}

/** F-12 物业区域变更: address and remark only, effective at once. */
export const changeArea = (id: number, body: AreaChangeBody) => call(api.PUT('/api/areas/{id}', { ...path(id), body }));
