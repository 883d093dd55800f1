import { useQuery } from '@tanstack/react-query';
import { api, call, requestFile, uploadFile } from '../../api/client';
import type { ApiBody, ApiResponse } from '../../api/types';

export type DepositStatus = ApiResponse<'/api/areas/{id}/deposit-status'>;
export type BuildingDeposit = DepositStatus['buildings'][number];
export type HouseDeposit = DepositStatus['houses'][number];
export type IssueResult = ApiResponse<'/api/notices/developer-batch', 'post'>;
export type NoticeRow = ApiResponse<'/api/notices'>['items'][number];
export type NoticeDetail = ApiResponse<'/api/notices/{no}'>;
export type NoticeStatus = NoticeRow['status'];
export type OwnerNoticeBody = ApiBody<'/api/notices/owners', 'post'>;
export type CustomNoticeBody = ApiBody<'/api/notices/custom', 'post'>;
export type CustomPurpose = CustomNoticeBody['purpose'];
export type StatementLine = ApiResponse<'/api/houses/{id}/statement'>['items'][number];

export const NOTICES_KEY = ['notices'] as const;
export const DEPOSIT_STATUS_KEY = ['deposit-status'] as const;

export function useDepositStatus(areaId: number | undefined, buildingId?: number) {
  return useQuery({
    queryKey: [...DEPOSIT_STATUS_KEY, areaId, buildingId ?? null],
    queryFn: () =>
      call(api.GET('/api/areas/{id}/deposit-status', { params: { path: { id: areaId ?? 0 }, query: buildingId ? { buildingId } : {} } })),
    enabled: areaId !== undefined,
  });
}

export const issueDeveloperBatch = (body: ApiBody<'/api/notices/developer-batch', 'post'>) =>
  call(api.POST('/api/notices/developer-batch', { body }));
export const issueOwnerNotices = (body: OwnerNoticeBody) => call(api.POST('/api/notices/owners', { body }));
export const issueCustomNotices = (body: CustomNoticeBody) => call(api.POST('/api/notices/custom', { body }));

/** The picked houses a 续筹交款 file is checked against, sent before the file. */
const pickedFields = (areaId: number, houseIds: readonly number[]) => ({ areaId: String(areaId), houseIds: houseIds.join(',') });
export type CustomAmounts = ApiResponse<'/api/notices/custom/import', 'post'>;

/** 导入: the server reads the filled-in file; the amounts (fen) of a clean file, or an ApiError with every error. */
export const importCustomAmounts = (areaId: number, houseIds: readonly number[], file: File) =>
  uploadFile<CustomAmounts>('/api/notices/custom/import', file, undefined, pickedFields(areaId, houseIds));

/** the refused file back with every error cell marked. */
export const annotateCustomAmounts = (areaId: number, houseIds: readonly number[], file: File) =>
  requestFile('/api/notices/custom/import/annotated', { method: 'POST', file, fields: pickedFields(areaId, houseIds) });

export function fetchNotices(query: { page: number; pageSize: number; status?: NoticeStatus; q?: string; areaId?: number }) {
  return call(api.GET('/api/notices', { params: { query } }));
}

export const fetchNotice = (no: string) => call(api.GET('/api/notices/{no}', { params: { path: { no } } }));

export function useNotice(no: string | undefined) {
  return useQuery({ queryKey: [...NOTICES_KEY, 'detail', no], queryFn: () => fetchNotice(no ?? ''), enabled: !!no, retry: false });
}

export const voidNotice = (no: string) => call(api.POST('/api/notices/{no}/void', { params: { path: { no } } }));

export function useStatement(houseId: number | undefined) {
  return useQuery({
    queryKey: ['houses', houseId, 'statement'],
    queryFn: () => call(api.GET('/api/houses/{id}/statement', { params: { path: { id: houseId ?? 0 } } })),
    enabled: houseId !== undefined,
  });
}
