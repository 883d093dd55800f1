import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** The API's error body: `{ code, message, fieldErrors? }`. */
export interface ApiErrorBody {
  code: string;
  message: string;
  fieldErrors?: Record<string, string>;
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
