import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, requestFile, uploadFile } from '../../api/client';
import type { ApiBody, ApiQuery, ApiResponse } from '../../api/types';

export type ProjectRow = ApiResponse<'/api/projects'>['items'][number];
export type ProjectListQuery = ApiQuery<'/api/projects'>;
export type ProjectDetail = ApiResponse<'/api/projects/{id}'>;
export type ProjectItem = ProjectDetail['items'][number];
export type ProjectType = ProjectDetail['type'];
export type ProjectStatus = ProjectDetail['status'];
export type ProjectSummary = ApiResponse<'/api/projects/{id}/summary'>;
export type ProjectAction = ProjectSummary['actions'][number];
export type ProjectRequest = ProjectSummary['requests'][number];
export type RangeHouse = ApiResponse<'/api/projects/{id}/items/{itemId}/houses'>['items'][number];
export type MergedRow = ApiResponse<'/api/projects/{id}/merged-list'>['items'][number];
export type ProjectDocument = ApiResponse<'/api/projects/{id}/documents'>['items'][number];
export type BasicBody = ApiBody<'/api/projects/{id}', 'put'>;
export type ItemsBody = ApiBody<'/api/projects/{id}/items', 'put'>;
export type PlanBody = ApiBody<'/api/projects/{id}/plan', 'put'>;
export type NoticeBody = ApiBody<'/api/projects/{id}/notices', 'post'>;
export type NoticeKind = NoticeBody['kind'];
export type VoteBody = ApiBody<'/api/projects/{id}/vote', 'post'>;
export type VoteResult = ApiResponse<'/api/projects/{id}/vote', 'post'>;
export type VoteSheetRow = ApiResponse<'/api/projects/{id}/vote-sheet'>['items'][number];
export type Payee = ApiBody<'/api/projects/{id}/disbursements', 'post'>['payees'][number];

export const PROJECTS_KEY = ['projects'] as const;
const byId = (id: number) => ({ params: { path: { id } } });
const byItem = (id: number, itemId: number) => ({ params: { path: { id, itemId } } });

export const fetchProjects = (query: ProjectListQuery) => call(api.GET('/api/projects', { params: { query } }));

export function useProject(id: number | undefined) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, id, 'detail'],
    queryFn: () => call(api.GET('/api/projects/{id}', byId(id ?? 0))),
    enabled: id !== undefined,
  });
}

export function useProjectSummary(id: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, id, 'summary'],
    queryFn: () => call(api.GET('/api/projects/{id}/summary', byId(id ?? 0))),
    enabled: id !== undefined && enabled,
  });
}

export function useProjectDocuments(id: number) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, id, 'documents'],
    queryFn: () => call(api.GET('/api/projects/{id}/documents', byId(id))),
  });
}

/** The documents a request was submitted with, beside its list of 要件 (F-60, F-62). */
export function useRequestDocuments(requestId: number | undefined) {
  return useQuery({
    queryKey: [...PROJECTS_KEY, 'request', requestId, 'documents'],
    queryFn: () => call(api.GET('/api/project-requests/{id}/documents', byId(requestId ?? 0))),
    enabled: requestId !== undefined,
  });
}

/** After any change every view of the project (detail, summary, lists, ranges) is read again. */
export function useRefreshProject() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: PROJECTS_KEY });
}

export const createProject = (body: ApiBody<'/api/projects', 'post'>) => call(api.POST('/api/projects', { body }));
export const saveBasic = (id: number, body: BasicBody) => call(api.PUT('/api/projects/{id}', { ...byId(id), body }));
export const saveItems = (id: number, body: ItemsBody) => call(api.PUT('/api/projects/{id}/items', { ...byId(id), body }));
export const savePlan = (id: number, body: PlanBody) => call(api.PUT('/api/projects/{id}/plan', { ...byId(id), body }));
export const apportion = (id: number) => call(api.POST('/api/projects/{id}/apportion', byId(id)));
export const mergeShares = (id: number, items: { itemId: number; rows: { houseId: number; share: number }[] }[] = []) =>
  call(api.POST('/api/projects/{id}/merge-shares', { ...byId(id), body: { items } }));

/** `q`: a house number (楼幢、单元、房号 or a part of the address) to find in the list. */
export const fetchItemHouses = (id: number, itemId: number, page: number, pageSize: number, q?: string) =>
  call(api.GET('/api/projects/{id}/items/{itemId}/houses', { params: { path: { id, itemId }, query: { page, pageSize, q } } }));
export const editRange = (id: number, itemId: number, body: ApiBody<'/api/projects/{id}/items/{itemId}/houses', 'post'>) =>
  call(api.POST('/api/projects/{id}/items/{itemId}/houses', { ...byItem(id, itemId), body }));
export const setShares = (id: number, itemId: number, rows: { houseId: number; share: number }[]) =>
  call(api.PUT('/api/projects/{id}/items/{itemId}/shares', { ...byItem(id, itemId), body: { rows } }));
/** The house ids already in an item's range (the 楼盘表 picker marks them). */
export const fetchItemHouseIds = (id: number, itemId: number) =>
  call(api.GET('/api/projects/{id}/items/{itemId}/house-ids', { params: { path: { id, itemId }, query: {} } }));

export const exportShares = (id: number, itemId: number) => requestFile(`/api/projects/${id}/items/${itemId}/shares.xlsx`);
export const importShares = (id: number, itemId: number, file: File) =>
  uploadFile<{ updated: number }>(`/api/projects/${id}/items/${itemId}/shares/import`, file);
/** R-14: the refused share file back with every error cell marked. */
export const annotateShares = (id: number, itemId: number, file: File) =>
  requestFile(`/api/projects/${id}/items/${itemId}/shares/annotated`, { method: 'POST', file });

export const fetchMergedList = (id: number, page: number, pageSize: number, q?: string) =>
  call(api.GET('/api/projects/{id}/merged-list', { params: { path: { id }, query: { page, pageSize, q } } }));

/** One upload filed under a step (`kind`), tagged with the 要件 it proves (`name`, F-62) or untagged. */
export const uploadDocument = (id: number, kind: string, file: File, name?: string) =>
  uploadFile<ProjectDocument>(
    `/api/projects/${id}/documents?kind=${encodeURIComponent(kind)}${name ? `&name=${encodeURIComponent(name)}` : ''}`,
    file,
  );
export const removeDocument = (id: number, documentId: number) =>
  call(api.DELETE('/api/projects/{id}/documents/{documentId}', { params: { path: { id, documentId } } }));

export const publishNotice = (id: number, body: NoticeBody) => call(api.POST('/api/projects/{id}/notices', { ...byId(id), body }));
export const fetchVoteSheet = (id: number, page: number, pageSize: number, q?: string) =>
  call(api.GET('/api/projects/{id}/vote-sheet', { params: { path: { id }, query: { page, pageSize, q } } }));
export const recordVote = (id: number, body: VoteBody) => call(api.POST('/api/projects/{id}/vote', { ...byId(id), body }));
export const submitApproval = (id: number, body: ApiBody<'/api/projects/{id}/approval', 'post'>) =>
  call(api.POST('/api/projects/{id}/approval', { ...byId(id), body }));
export const fetchProposal = (id: number, phaseId: number) =>
  call(api.GET('/api/projects/{id}/phases/{phaseId}/proposal', { params: { path: { id, phaseId } } }));
export const applyDisbursement = (id: number, body: ApiBody<'/api/projects/{id}/disbursements', 'post'>) =>
  call(api.POST('/api/projects/{id}/disbursements', { ...byId(id), body }));
export const recordAcceptance = (id: number, body: ApiBody<'/api/projects/{id}/acceptance', 'post'>) =>
  call(api.POST('/api/projects/{id}/acceptance', { ...byId(id), body }));
export const issueRefund = (id: number, body: ApiBody<'/api/projects/{id}/refunds', 'post'>) =>
  call(api.POST('/api/projects/{id}/refunds', { ...byId(id), body }));
export const cancelProject = (id: number) => call(api.POST('/api/projects/{id}/cancel', byId(id)));
