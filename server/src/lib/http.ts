import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { CONTROL_CHARACTER_RULE, controlCharacterPaths } from '../domain/text-input.ts';
import { AppError, type ErrorBody, invalidFields } from './errors.ts';
import { errorBody } from './fields.ts';
import { isDatabaseUnavailable } from './pg-errors.ts';
import type { Ctx } from './context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    csrfToken: string | null;
    /** The JSON body as received, for signature checks (F-71). */
    rawBody?: string;
    /** The bank organisation a signed bank-API request comes from. */
    bankOrgId?: number;
  }
}

function fieldOf(instancePath: string): string {
  return instancePath.replace(/^\//, '').replaceAll('/', '.') || '_';
}

/** JSON bodies are parsed here so the exact text stays available for HMAC verification. */
export function installJsonParser(app: FastifyInstance) {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = String(body);
    req.rawBody = text;
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('请求内容不是有效的 JSON'), { statusCode: 400 }), undefined);
    }
  });
}

/** Refusal of text holding control characters, by field path (`rows.0.name`). */
export function controlCharacterError(value: unknown, prefix = ''): AppError | null {
  const paths = controlCharacterPaths(value, prefix);
  if (paths.length === 0) return null;
  const fieldErrors = Object.fromEntries(paths.map((p) => [p, `“${p}”${CONTROL_CHARACTER_RULE}`]));
  return invalidFields(fieldErrors);
}

/** Longer request targets are refused before routing; real browsers and proxies stay far below. */
export const MAX_URL_LENGTH = 8 * 1024;

/**
 * One check for every route: JSON bodies, query strings and route parameters with control
 * characters are refused before any schema or database sees them (multipart is checked where
 * it is read). NUL in particular would reach PostgreSQL and fail there.
 */
export function installInputGuard(app: FastifyInstance) {
  app.addHook('onRequest', async (req) => {
    if (req.url.length > MAX_URL_LENGTH) throw new AppError(414, 'URI_TOO_LONG', '请求地址过长，请缩短后重试');
  });
  app.addHook('preValidation', async (req) => {
    for (const part of [req.params, req.query, req.body]) {
      const refusal = controlCharacterError(part);
      if (refusal) throw refusal;
    }
  });
}

/**
 * What the log keeps of an unexpected error: its kind, SQLSTATE, constraint, message and stack
 * frames. A failed query's message (and so its stack) carries the statement's parameters —
 * passwords, file bytes, personal data — so for those only the database's own message is kept.
 */
export function loggableError(err: unknown) {
  const e = (err ?? {}) as { name?: string; message?: string; stack?: string };
  const message = e.message ?? String(err);
  const db = databaseError(err);
  // Frames only: the text before them is the message, which may hold the parameters.
  const stack = e.stack ?? '';
  const at = stack.indexOf(message);
  const frames = (at >= 0 ? stack.slice(at + message.length) : stack).split('\n').filter((l) => l.trimStart().startsWith('at '));
  return {
    type: e.name ?? typeof err,
    message: db ? `数据库操作失败：${db.message}` : message,
    ...(db?.code ? { code: db.code } : {}),
    ...(db?.constraint ? { constraint: db.constraint } : {}),
    stack: frames.join('\n'),
  };
}

/** The driver's error (SQLSTATE) underneath a failed query, or a bare query error without one. */
function databaseError(err: unknown): { code?: string; constraint?: string; message: string } | null {
  let query = false;
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const o = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if ('params' in o) query = true;
    if (typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code) && 'severity' in o) {
      return {
        code: o.code,
        constraint: typeof o.constraint === 'string' ? o.constraint : undefined,
        message: String(o.message ?? ''),
      };
    }
  }
  return query ? { message: '（驱动未给出原因）' } : null;
}

/** What every route can answer besides its own result, whatever it does (descriptions for the API document). */
const EVERY_ROUTE_REFUSES: Record<number, string> = {
  400: '请求内容不符合要求：message 概括，fieldErrors 逐字段说明（如带 rule，则为业务规则的拒绝）',
  401: '未登录，或登录已超时、已被注销',
  403: '无权执行此操作，或请求缺少有效的安全令牌（CSRF）',
  404: '所指的对象不存在，或不属于调用者可见的范围',
  409: '与对象的当前状态或业务规则冲突；rule 为所依据的规则编号',
  414: '请求地址过长',
  500: '系统内部错误',
  503: '数据库暂时无法连接，按 Retry-After 的秒数后重试',
};
/** Requests that carry a body can also be refused for the body itself. */
const BODY_REFUSALS: Record<number, string> = {
  413: '提交的内容过大',
  415: '不支持的请求格式（Content-Type）',
};
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refusals only some routes give, by route: those that count attempts (lib/rate-limit.ts, through
 * modules/auth/throttle.ts or their own limit) and the password change, which locks the account.
 * A route that starts counting attempts is added here; error-contract.test.ts checks each entry
 * names a real route.
 */
export const ROUTE_REFUSALS: Record<string, Record<number, string>> = {
  'POST /api/auth/login': { 429: '登录尝试过于频繁，按 Retry-After 的秒数后重试' },
  'POST /api/auth/password': { 423: '原密码错误次数过多，账户已暂时锁定' },
  'POST /api/owner/login': { 429: '登录尝试过于频繁，按 Retry-After 的秒数后重试' },
  'POST /api/owner/bind': { 429: '绑定尝试过于频繁，按 Retry-After 的秒数后重试' },
  'POST /api/registration': { 429: '注册提交过于频繁，按 Retry-After 的秒数后重试' },
  'POST /api/public/fund-lookup': { 429: '查询过于频繁，按 Retry-After 的秒数后重试' },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorBody } } });

/**
 * Declares the error body for the refusals of every /api route as it is added, so none can forget
 * and the API document lists them. A status the route declares itself (an import's 422, the
 * readiness check's 503) is left as the route has it. The declared schema also serialises these
 * answers: errorBody must name every field a refusal carries.
 */
export function installErrorResponses(app: FastifyInstance) {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/')) return;
    const methods = [route.method].flat();
    const refusals: Record<number, string> = { ...EVERY_ROUTE_REFUSES };
    if (methods.some((m) => BODY_METHODS.has(m))) Object.assign(refusals, BODY_REFUSALS);
    for (const m of methods) Object.assign(refusals, ROUTE_REFUSALS[`${m} ${route.url}`]);
    const declared = route.schema?.response as Record<string, unknown> | undefined;
    const response: Record<string, unknown> = {};
    for (const [status, description] of Object.entries(refusals)) response[status] = errorResponse(description);
    // Copies, never edits: a schema object may be shared by several routes.
    route.schema = { ...route.schema, response: { ...response, ...declared } };
  });
}

type DocumentResponses = Record<string, { description?: string; content?: unknown; $ref?: string }>;
/** The parts of the OpenAPI document the refusals touch. */
export interface ApiDocument {
  paths?: Record<string, Record<string, { responses?: DocumentResponses }>>;
  components?: { schemas?: Record<string, unknown>; responses?: Record<string, unknown> };
}

/**
 * In the API document, the refusals every route shares are written once, under components.responses
 * (`Refusal400` …), and each route points at them; the routes' schemas (and so their answers) are
 * unchanged. A route's own refusal, or one with its own description, stays where it is.
 */
export function shareRefusalResponses<D extends ApiDocument>(doc: D): D {
  const shared: Record<string, string> = { ...EVERY_ROUTE_REFUSES, ...BODY_REFUSALS };
  const errorContent = JSON.stringify({ 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } });
  const responses: Record<string, unknown> = {};
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (shared[status] === undefined || response.description !== shared[status]) continue;
        if (JSON.stringify(response.content) !== errorContent) continue;
        responses[`Refusal${status}`] ??= response;
        (operation.responses as DocumentResponses)[status] = { $ref: `#/components/responses/Refusal${status}` };
      }
    }
  }
  doc.components = { ...doc.components, responses: { ...doc.components?.responses, ...responses } };
  return doc;
}

/** Every failure leaves as `{ code, message, fieldErrors?, rule? }` with a fitting status. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.status(err.status).send(err.body());
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fieldErrors: Record<string, string> = {};
      for (const v of err.validation) fieldErrors[fieldOf(v.instancePath)] ??= v.message ?? '格式不正确';
      const body: ErrorBody = { code: 'VALIDATION', message: Object.values(fieldErrors).join('；'), fieldErrors };
      return reply.status(400).send(body);
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      return reply.status(413).send({ code: 'TOO_LARGE', message: '提交的内容过大' });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求格式' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ code: 'BAD_REQUEST', message: '请求格式不正确' });
    }
    if (isDatabaseUnavailable(err)) {
      // The transaction died with its connection and was rolled back — unless the connection broke
      // while the commit was being acknowledged, hence the advice to look before submitting again.
      req.log.warn({ error: loggableError(err), method: req.method, url: req.routeOptions.url ?? '' }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ code: 'UNAVAILABLE', message: '数据库暂时无法连接，请稍后重试；如刚才在提交，请先刷新页面确认是否已保存' });
    }
    req.log.error({ error: loggableError(err), method: req.method, url: req.routeOptions.url ?? '' }, 'request failed');
    return reply.status(500).send({ code: 'INTERNAL', message: '系统内部错误，请稍后再试或联系维修资金管理部门' });
  });
}

/** Unknown /api paths are JSON 404s; with a web client, every other GET gets the app shell. */
export function installNotFound(app: FastifyInstance, serveShell: boolean) {
  app.setNotFoundHandler((req, reply) => {
    if (serveShell && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    const path = req.url.split('?')[0] ?? '';
    const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
    return reply.status(404).send({ code: 'NOT_FOUND', message: `接口不存在：${req.method} ${shown}` });
  });
}

/** Requests the router refuses before any route or hook (bad percent-encoding, an overlong parameter). */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const body: ErrorBody = tooLong
    ? { code: 'URI_TOO_LONG', message: '请求地址过长，请缩短后重试' }
    : { code: 'BAD_REQUEST', message: '请求地址格式不正确' };
  if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  return reply.status(tooLong ? 414 : 400).send(body);
}

/**
 * Requests the HTTP parser itself refuses (an oversize request head, a malformed request line)
 * still get the one error body; Node answers these before Fastify routes anything.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(
    tooLarge
      ? { code: 'HEADERS_TOO_LARGE', message: '请求地址或请求头过长，请缩短后重试' }
      : status === 408
        ? { code: 'TIMEOUT', message: '请求超时，请重试' }
        : { code: 'BAD_REQUEST', message: '请求格式不正确' },
  );
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
