import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** The API's error body: `{ code, message, fieldErrors? }`. */
export interface ApiErrorBody {
  code: string;
  message: string;
  fieldErrors?: Record<string, string>;
  /** R-14 import refusals (`IMPORT_ERRORS`): every problem of the file, by row and column. */
  errors?: { row: number; column: string; message: string }[];
  /** How many errors the file has in all; `errors` holds only the first ones. */
  total?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
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

async function errorBodyOf(response: Response): Promise<ApiErrorBody> {
  const fallback = { code: 'HTTP', message: `请求失败（${response.status}）` };
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' && 'message' in body ? (body as ApiErrorBody) : fallback;
  } catch {
    return fallback;
  }
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
  const error = await errorBodyOf(response);
  if (response.status === 401) onUnauthorized(error.message);
  throw new ApiError(response.status, error);
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
      const error: ApiErrorBody =
        body && typeof body === 'object' && 'message' in body
          ? (body as ApiErrorBody)
          : { code: 'HTTP', message: `请求失败（${xhr.status}）` };
      if (xhr.status === 401) onUnauthorized(error.message);
      reject(new ApiError(xhr.status, error));
    };
    xhr.send(fileForm(file, fields));
  });
}

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the server's Chinese message. */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (response.ok) return data as T;
  const body: ApiErrorBody =
    error && typeof error === 'object' && 'message' in error
      ? (error as ApiErrorBody)
      : { code: 'HTTP', message: `请求失败（${response.status}）` };
  if (response.status === 401 && !response.url.endsWith('/api/auth/login')) onUnauthorized(body.message);
  throw new ApiError(response.status, body);
}
