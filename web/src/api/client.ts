import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/**
 * The API's error body as the server's OpenAPI document declares it for every route:
 * `{ code, message, fieldErrors?, rule? }`, plus `shortfalls` (余额不足) and an import's `errors` and
 * `total`. `rule` names the business rule that refused; it is for programs and the console, never
 * shown to people.
 */
export type ApiErrorBody = components['schemas']['ErrorBody'];

/** Whether an answer's body is the API's error body (a proxy's page or an empty answer is not). */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    typeof value.code === 'string' &&
    'message' in value &&
    typeof value.message === 'string'
  );
}

/** A refusal's body: the server's error body, or a plain message naming the status when there is none. */
export function errorBodyOf(value: unknown, status: number, message = `请求失败（${status}）`): ApiErrorBody {
  return isApiErrorBody(value) ? value : { code: 'HTTP', message };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

/** A refusal as it arrives: the rule behind it goes to the console for whoever is debugging (pages never show it). */
export function refusal(status: number, body: ApiErrorBody): ApiError {
  if (body.rule) console.info(`refused: ${status} ${body.code} (${body.rule})`);
  return new ApiError(status, body);
}

let csrfToken = '';
/** Set from the session answer (login, /api/auth/session); sent on every state-changing request. */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

type UnauthorizedListener = (message: string) => void;
let onUnauthorized: UnauthorizedListener = () => {};
export function setUnauthorizedListener(fn: UnauthorizedListener) {
  onUnauthorized = fn;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });
api.use(csrf);

async function errorBodyOfResponse(response: Response): Promise<ApiErrorBody> {
  const body: unknown = await response.json().catch(() => null);
  return errorBodyOf(body, response.status);
}

/** A multipart body: the text fields first (the server reads those sent before the file), then `file`. */
function fileForm(file: File, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file);
  return form;
}

/**
 * A request whose answer is a file (an .xlsx export, an annotated import file) or which sends one
 * (multipart), outside the typed client: the same CSRF header and the same ApiError on refusal.
 */
export async function requestFile(
  path: string,
  init: { method?: 'GET' | 'POST'; file?: File; fields?: Record<string, string> } = {},
): Promise<Response> {
  const method = init.method ?? 'GET';
  const headers = new Headers();
  if (method !== 'GET' && csrfToken) headers.set('x-csrf-token', csrfToken);
  const body = init.file ? fileForm(init.file, init.fields) : undefined;
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (response.ok) return response;
  const error = await errorBodyOfResponse(response);
  if (response.status === 401) onUnauthorized(error.message);
  throw refusal(response.status, error);
}

/**
 * Uploads one file as multipart field `file` (after any text `fields`), reporting upload progress
 * (0–100); resolves with the JSON answer or rejects with an ApiError carrying the server's body
 * (e.g. R-14 `errors`).
 */
export function uploadFile<T>(
  path: string,
  file: File,
  onProgress?: (percent: number) => void,
  fields?: Record<string, string>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const error = errorBodyOf(body, xhr.status);
      if (xhr.status === 401) onUnauthorized(error.message);
      reject(refusal(xhr.status, error));
    };
    xhr.send(fileForm(file, fields));
  });
}

/**
 * Unwraps an openapi-fetch result: the data, or an ApiError carrying the server's Chinese message.
 * Every route declares its refusals as the error body, but `error` is checked all the same: a proxy
 * in between may answer with a page of its own, and the readiness check's 503 is its own body.
 */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (response.ok) return data as T;
  const body = errorBodyOf(error, response.status);
  if (response.status === 401 && !response.url.endsWith('/api/auth/login')) onUnauthorized(body.message);
  throw refusal(response.status, body);
}
