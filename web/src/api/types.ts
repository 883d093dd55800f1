import type { ApiErrorBody } from './client';
import type { paths } from './schema';

/**
 * Names for the request and response shapes of the generated OpenAPI types, so pages can say
 * `OrgView` instead of repeating `paths['/api/org']['get']…`. Nothing here is written by hand.
 */
type Method = 'get' | 'post' | 'put';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type SuccessOf<Responses> = Responses extends { 200: infer R } ? R : Responses extends { 201: infer R } ? R : never;

export type ApiResponse<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R } ? JsonContent<SuccessOf<R>> : never;
export type ApiBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
export type ApiQuery<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type SessionInfo = ApiResponse<'/api/auth/session'>;
export type OrgType = SessionInfo['org']['type'];
export type OrgView = ApiResponse<'/api/org'>;
export type OrgDocument = OrgView['documents'][number];
export type OrgInfoBody = ApiBody<'/api/org', 'put'>;
export type OrgRole = ApiResponse<'/api/org/roles'>['items'][number];
export type OrgUser = ApiResponse<'/api/org/users/{id}'>;
export type NewUserBody = ApiBody<'/api/org/users', 'post'>;
export type UserChangeBody = ApiBody<'/api/org/users/{id}', 'put'>;
export type PublicArea = ApiResponse<'/api/public/areas'>['items'][number];
export type RegistrationRequirements = ApiResponse<'/api/registration/requirements'>;
export type RegistrationType = ApiQuery<'/api/registration/requirements'>['type'];
export type RegistrationResult = ApiResponse<'/api/registration', 'post'>;
export type OfficeOrgRow = ApiResponse<'/api/office/organisations'>['items'][number];
export type OfficeOrgDetail = ApiResponse<'/api/office/organisations/{id}'>;
export type AuditEntry = ApiResponse<'/api/office/audit'>['items'][number];
export type LoginAttempt = ApiResponse<'/api/office/login-attempts'>['items'][number];
export type AreaRow = ApiResponse<'/api/areas'>['items'][number];
export type AreaChangeBody = ApiBody<'/api/areas/{id}', 'put'>;
export type BuildingRow = ApiResponse<'/api/areas/{id}/buildings'>['items'][number];
export type BuildingGrid = ApiResponse<'/api/buildings/{id}/grid'>;
/** A house as the building grid and the house list show it (same shape in both). */
export type RegistryHouse = ApiResponse<'/api/areas/{id}/houses'>['items'][number];
export type HouseListQuery = ApiQuery<'/api/areas/{id}/houses'>;
export type HouseDetail = ApiResponse<'/api/houses/{id}'>;
export type HouseOwner = HouseDetail['owners'][number];
export type HouseUse = RegistryHouse['use'];
export type ApplicationTypeInfo = ApiResponse<'/api/applications/types'>['items'][number];
export type ApplicationSummary = ApiResponse<'/api/applications'>['items'][number];
export type ApplicationDetail = ApiResponse<'/api/applications/{id}'>;
export type ApplicationType = ApplicationSummary['type'];
export type ApplicationStatus = ApplicationSummary['status'];
export type ApplicationEvent = ApplicationDetail['events'][number];
export type ApplicationListQuery = ApiQuery<'/api/applications'>;
export type ApplicationItem = ApiResponse<'/api/applications/{id}/items'>['items'][number];
/** An application's header form as saved: one of the kinds' forms (features/applications/forms.ts). */
export type ApplicationFormBody = ApiBody<'/api/applications/{id}/form', 'put'>['form'];
/** One item row as saved: one of the kinds' item schemas. */
export type ApplicationItemBody = ApiBody<'/api/applications/{id}/items/{kind}', 'put'>['rows'][number];
export type ImportResult = ApiResponse<'/api/applications/{id}/import', 'post'>;
export type ImportCellError = NonNullable<ApiErrorBody['errors']>[number];

/** Every paginated list answers `{ items, total }`; `totalCapped` when more rows match than were counted. */
export interface Page<T> {
  items: T[];
  total: number;
  totalCapped?: true;
}
