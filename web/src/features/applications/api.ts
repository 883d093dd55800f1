import { useQuery } from '@tanstack/react-query';
import { api, call, requestFile, uploadFile } from '../../api/client';
import type {
  ApiResponse,
  ApplicationDetail,
  ApplicationFormBody,
  ApplicationItem,
  ApplicationItemBody,
  ApplicationListQuery,
  ApplicationSummary,
  ApplicationType,
  ImportResult,
} from '../../api/types';
import { allows } from '../../lib/actions';
import { saveResponse } from '../../lib/download';

export const APPLICATIONS_KEY = ['applications'] as const;
export const applicationKey = (id: number | undefined) => [...APPLICATIONS_KEY, 'detail', id] as const;
export const itemsKey = (id: number | undefined, kind: string) => [...APPLICATIONS_KEY, 'items', id, kind] as const;

const path = (id: number) => ({ params: { path: { id } } });

export function fetchApplications(query: ApplicationListQuery) {
  return call(api.GET('/api/applications', { params: { query } }));
}

export function useApplication(id: number | undefined) {
  return useQuery({
    queryKey: applicationKey(id),
    queryFn: () => applicationActions.get(id ?? 0),
    enabled: id !== undefined,
  });
}

export function useApplicationTypes() {
  return useQuery({
    queryKey: [...APPLICATIONS_KEY, 'types'],
    queryFn: () => call(api.GET('/api/applications/types')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function fetchItems(id: number, kind: string, page: number, pageSize: number) {
  return call(api.GET('/api/applications/{id}/items', { params: { path: { id }, query: { kind, page, pageSize } } }));
}

/** Every item of one kind, page by page (the server gives at most 200 a page). */
export async function fetchAllItems(id: number, kind: string): Promise<ApplicationItem[]> {
  const pageSize = 200;
  const first = await fetchItems(id, kind, 1, pageSize);
  const pages = Math.ceil(first.total / pageSize);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => fetchItems(id, kind, i + 2, pageSize)));
  return [first, ...rest].flatMap((p) => p.items);
}

export type ApplicationFund = ApiResponse<'/api/applications/{id}/fund'>;
export const fetchApplicationFund = (id: number): Promise<ApplicationFund> => call(api.GET('/api/applications/{id}/fund', path(id)));
export const applicationFundKey = (id: number) => [...APPLICATIONS_KEY, 'fund', id] as const;
export const useApplicationFund = (id: number | undefined) =>
  useQuery({ queryKey: applicationFundKey(id ?? 0), queryFn: () => fetchApplicationFund(id as number), enabled: !!id });

export const applicationActions = {
  get: (id: number): Promise<ApplicationDetail> => call(api.GET('/api/applications/{id}', path(id))),
  create: (type: ApplicationType, areaId: number | undefined, form: ApplicationFormBody): Promise<ApplicationDetail> =>
    call(api.POST('/api/applications', { body: { type, areaId, form } })),
  saveForm: (id: number, form: ApplicationFormBody): Promise<ApplicationDetail> =>
    call(api.PUT('/api/applications/{id}/form', { ...path(id), body: { form } })),
  replaceItems: (id: number, kind: string, rows: ApplicationItemBody[]) =>
    call(api.PUT('/api/applications/{id}/items/{kind}', { params: { path: { id, kind } }, body: { rows } })),
  submit: (id: number): Promise<ApplicationDetail> => call(api.POST('/api/applications/{id}/submit', path(id))),
  withdraw: (id: number): Promise<ApplicationDetail> => call(api.POST('/api/applications/{id}/withdraw', path(id))),
  accept: (id: number, note: string, received: string[]): Promise<ApplicationDetail> =>
    call(api.POST('/api/applications/{id}/accept', { ...path(id), body: { note, received } })),
  approve: (id: number): Promise<ApplicationDetail> => call(api.POST('/api/applications/{id}/approve', path(id))),
  reject: (id: number, reason: string): Promise<ApplicationDetail> =>
    call(api.POST('/api/applications/{id}/reject', { ...path(id), body: { reason } })),
};

/** Where a file import goes: new houses (F-11, F-14, F-15) or edited house changes (F-16 批量导入). */
export type ImportTarget = 'houses' | 'changes';

export function importFile(id: number, target: ImportTarget, file: File, onProgress: (percent: number) => void) {
  const url = target === 'houses' ? `/api/applications/${id}/import` : `/api/applications/${id}/import-changes`;
  return uploadFile<ImportResult | { count: number }>(url, file, onProgress);
}

/** the same file back with every error cell marked. */
export async function downloadAnnotated(id: number, file: File) {
  await saveResponse(await requestFile(`/api/applications/${id}/import/annotated`, { method: 'POST', file }), '导入错误标注.xlsx');
}

/** 批量导出 / 导出: the saved items of a kind as an .xlsx in the import template's layout. */
export async function downloadExport(id: number, kind: string) {
  await saveResponse(await requestFile(`/api/applications/${id}/export?kind=${encodeURIComponent(kind)}`), '房屋信息.xlsx');
}

export const TEMPLATE_URL = '/api/templates/houses.xlsx';

export { allows } from '../../lib/actions';
/** A new application is being written; a saved one is edited while the server allows it. */
export const isEditable = (app: Pick<ApplicationSummary, 'actions'> | undefined) => !app || allows(app, 'edit');
