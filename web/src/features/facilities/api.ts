import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { ApiBody, ApiQuery, ApiResponse } from '../../api/types';

export type Facility = ApiResponse<'/api/facilities/{id}'>;
export type FacilityBody = ApiBody<'/api/facilities/{id}', 'put'>;
export type NewFacilityBody = ApiBody<'/api/areas/{id}/facilities', 'post'>;
export type FacilityQuery = ApiQuery<'/api/areas/{id}/facilities'>;
export type LocationTree = ApiResponse<'/api/areas/{id}/facility-locations'>;
export type FacilityType = ApiResponse<'/api/facility-types'>['items'][number];
export type RepairRecords = ApiResponse<'/api/facilities/{id}/repair-records'>;

export const FACILITIES_KEY = ['facilities'] as const;
const path = (id: number) => ({ params: { path: { id } } });

/** Facility types: the enabled ones (for choosing), or all of them (configuration). */
export function useFacilityTypes(all = false) {
  return useQuery({
    queryKey: [...FACILITIES_KEY, 'types', all],
    queryFn: () => call(api.GET('/api/facility-types', { params: { query: all ? { all: '1' } : {} } })),
  });
}

export function useLocationTree(areaId: number | undefined, typeId?: number) {
  return useQuery({
    queryKey: [...FACILITIES_KEY, areaId, 'locations', typeId ?? null],
    queryFn: () => call(api.GET('/api/areas/{id}/facility-locations', { params: { path: { id: areaId ?? 0 }, query: { typeId } } })),
    enabled: areaId !== undefined,
  });
}

export const fetchFacilities = (areaId: number, query: FacilityQuery) =>
  call(api.GET('/api/areas/{id}/facilities', { params: { path: { id: areaId }, query } }));

export const createFacility = (areaId: number, body: NewFacilityBody) =>
  call(api.POST('/api/areas/{id}/facilities', { ...path(areaId), body }));
export const updateFacility = (id: number, body: FacilityBody) => call(api.PUT('/api/facilities/{id}', { ...path(id), body }));
export const deleteFacility = (id: number) => call(api.DELETE('/api/facilities/{id}', path(id)));
export const moveFacilities = (areaId: number, ids: number[], location: string) =>
  call(api.POST('/api/areas/{id}/facilities/move', { ...path(areaId), body: { ids, location } }));

export function useRepairRecords(id: number | undefined) {
  return useQuery({
    queryKey: [...FACILITIES_KEY, 'repairs', id],
    queryFn: () => call(api.GET('/api/facilities/{id}/repair-records', path(id ?? 0))),
    enabled: id !== undefined,
  });
}

export const addFacilityType = (body: ApiBody<'/api/office/facility-types', 'post'>) =>
  call(api.POST('/api/office/facility-types', { body }));
export const changeFacilityType = (id: number, body: ApiBody<'/api/office/facility-types/{id}', 'put'>) =>
  call(api.PUT('/api/office/facility-types/{id}', { ...path(id), body }));
