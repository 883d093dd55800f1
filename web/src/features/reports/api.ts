import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { ApiBody, ApiResponse } from '../../api/types';

export type FundReport = ApiResponse<'/api/office/reports/fund'>;
export type AreaFigures = FundReport['areas'][number];
export type MonthFigures = FundReport['monthly'][number];
export type FlaggedHouse = ApiResponse<'/api/office/reports/flagged'>['items'][number];
export type InterestBody = ApiBody<'/api/office/interest', 'post'>;
export type InterestPreview = ApiResponse<'/api/office/interest/preview', 'post'>;
export type InterestResult = ApiResponse<'/api/office/interest', 'post'>;
export type InterestPeriod = ApiResponse<'/api/office/interest'>['items'][number];

export const REPORTS_KEY = ['office', 'reports'] as const;
export const INTEREST_KEY = ['office', 'interest'] as const;

export function useFundReport() {
  return useQuery({ queryKey: [...REPORTS_KEY, 'fund'], queryFn: () => call(api.GET('/api/office/reports/fund')) });
}

export const fetchFlagged = (query: { page: number; pageSize: number; areaId?: number }) =>
  call(api.GET('/api/office/reports/flagged', { params: { query } }));

export function useInterestPeriods() {
  return useQuery({ queryKey: [...INTEREST_KEY, 'periods'], queryFn: () => call(api.GET('/api/office/interest')) });
}

export const previewInterest = (body: InterestBody) => call(api.POST('/api/office/interest/preview', { body }));
export const allocateInterest = (body: InterestBody) => call(api.POST('/api/office/interest', { body }));

/** 交存率 in basis points (10000 = 100 %) → “87.65%”, integer arithmetic. */
export function formatRate(bp: number): string {
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}
