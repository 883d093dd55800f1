import { api, call } from '../../api/client';
import type { ApiQuery, ApiResponse } from '../../api/types';

export type ProjectRequestRow = ApiResponse<'/api/office/project-requests'>['items'][number];
export type ProjectRequestQuery = ApiQuery<'/api/office/project-requests'>;
export type ProjectRequestKind = ProjectRequestRow['kind'];
export type ProjectRequestStatus = ProjectRequestRow['status'];

export const PROJECT_REQUESTS_KEY = ['office', 'project-requests'] as const;

export const REQUEST_KINDS: { value: ProjectRequestKind; label: string }[] = [
  { value: 'approval', label: '立项申请' },
  { value: 'disbursement', label: '资金拨付申请' },
  { value: 'refund', label: '清退通知单' },
];
export const REQUEST_STATUSES: { value: ProjectRequestStatus; label: string }[] = [
  { value: 'submitted', label: '已提交' },
  { value: 'accepted', label: '已受理' },
  { value: 'approved', label: '审核通过' },
  { value: 'rejected', label: '已退回' },
  { value: 'confirmed', label: '银行已确认' },
];

export const fetchProjectRequests = (query: ProjectRequestQuery) => call(api.GET('/api/office/project-requests', { params: { query } }));

export const projectRequestActions = {
  accept: (id: number, note: string, received: string[]) =>
    call(api.POST('/api/office/project-requests/{id}/accept', { params: { path: { id } }, body: { note, received } })),
  approve: (id: number) => call(api.POST('/api/office/project-requests/{id}/approve', { params: { path: { id } } })),
  reject: (id: number, reason: string) =>
    call(api.POST('/api/office/project-requests/{id}/reject', { params: { path: { id } }, body: { reason } })),
};

/** Refund notices are paid at the bank, not reviewed: the office follows them here but does not act on them. */
export const reviewable = (kind: ProjectRequestKind) => kind !== 'refund';

/** The print view of a request's form, by kind. */
export function requestPrintPath(r: { kind: ProjectRequestKind; projectId: number; id: number }) {
  if (r.kind === 'approval') return `/print/project/${r.projectId}/approval-form`;
  if (r.kind === 'disbursement') return `/print/project/${r.projectId}/disbursement-form/${r.id}`;
  return `/print/project/${r.projectId}/refund-notice/${r.id}`;
}

export const PRINT_LABELS: Record<ProjectRequestKind, string> = {
  approval: '打印立项申请单',
  disbursement: '打印资金拨付申请单',
  refund: '打印清退通知单',
};
