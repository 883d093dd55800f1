import { useQuery } from '@tanstack/react-query';
import { api, call, errorBodyOf, refusal } from '../../api/client';
import type { RegistrationResult, RegistrationType } from '../../api/types';

export function useRegistrationRequirements(type: RegistrationType) {
  return useQuery({
    queryKey: ['registration-requirements', type],
    queryFn: () => call(api.GET('/api/registration/requirements', { params: { query: { type } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The password rule of SPEC §10 as the server words it (the same for every organisation type). */
export function usePasswordRule(): string | undefined {
  return useRegistrationRequirements('committee').data?.passwordRule;
}

export function usePublicAreas() {
  return useQuery({
    queryKey: ['public-areas'],
    queryFn: () => call(api.GET('/api/public/areas')),
  });
}

export async function fetchCodeSuggestion(areaId: number): Promise<string> {
  const { code } = await call(api.GET('/api/registration/code-suggestion', { params: { query: { areaId } } }));
  return code;
}

/** The registration's fields (the `data` part of the multipart request). */
export interface RegistrationData {
  type: RegistrationType;
  name: string;
  code: string;
  contactPerson: string;
  phone: string;
  address: string;
  legalRepresentative: string;
  areaId?: number;
  adminUsername: string;
  adminName: string;
  adminMobile: string;
  password: string;
  agreementAccepted: boolean;
}

/**
 * F-1: the registration is multipart — `data` is the JSON of the fields, each document is a file
 * named `doc_<kind>` — so it goes through fetch with a FormData rather than the JSON client.
 */
export async function submitRegistration(data: RegistrationData, documents: Map<string, File>): Promise<RegistrationResult> {
  const body = new FormData();
  body.append('data', JSON.stringify(data));
  for (const [kind, file] of documents) body.append(`doc_${kind}`, file, file.name);
  const response = await fetch('/api/registration', { method: 'POST', body, credentials: 'same-origin' });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw refusal(response.status, errorBodyOf(json, response.status, `注册提交失败（${response.status}），请稍后再试`));
  }
  return json as RegistrationResult;
}
