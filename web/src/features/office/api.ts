import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { ApiQuery } from '../../api/types';

export const OFFICE_ORGS_KEY = ['office', 'organisations'] as const;

export type OrganisationListQuery = ApiQuery<'/api/office/organisations'>;

export function fetchOrganisations(query: OrganisationListQuery) {
  return call(api.GET('/api/office/organisations', { params: { query } }));
}

export function useOrganisationDetail(id: number | undefined) {
  return useQuery({
    queryKey: [...OFFICE_ORGS_KEY, 'detail', id],
    queryFn: () => call(api.GET('/api/office/organisations/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== undefined,
  });
}

const path = (id: number) => ({ params: { path: { id } } });

export const organisationActions = {
  verifyDocuments: (id: number) => call(api.POST('/api/office/organisations/{id}/verify-documents', path(id))),
  suspend: (id: number, reason: string) => call(api.POST('/api/office/organisations/{id}/suspend', { ...path(id), body: { reason } })),
  reactivate: (id: number) => call(api.POST('/api/office/organisations/{id}/reactivate', path(id))),
  approveHandover: (id: number) => call(api.POST('/api/office/organisations/{id}/approve-handover', path(id))),
  rejectHandover: (id: number, reason: string) =>
    call(api.POST('/api/office/organisations/{id}/reject-handover', { ...path(id), body: { reason } })),
};

export function useHandovers() {
  return useQuery({ queryKey: [...OFFICE_ORGS_KEY, 'handovers'], queryFn: () => call(api.GET('/api/office/handovers')) });
}

export function useLockedUsers(orgId: number) {
  return useQuery({
    queryKey: [...OFFICE_ORGS_KEY, 'locked-users', orgId],
    queryFn: () => call(api.GET('/api/office/organisations/{id}/locked-users', path(orgId))),
  });
}

export const unlockOrgUser = (orgId: number, userId: number) =>
  call(api.POST('/api/office/organisations/{id}/users/{userId}/unlock', { params: { path: { id: orgId, userId } } }));
