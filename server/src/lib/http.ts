import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody } from './errors.ts';
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

/** Every failure leaves as `{ code, message, fieldErrors? }` with a fitting status. */
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
    req.log.error(err);
    return reply.status(500).send({ code: 'INTERNAL', message: '系统内部错误，请稍后再试或联系维修资金管理部门' });
  });
}

/** Unknown /api paths are JSON 404s; with a web client, every other GET gets the app shell. */
export function installNotFound(app: FastifyInstance, serveShell: boolean) {
  app.setNotFoundHandler((req, reply) => {
    if (serveShell && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({ code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` });
  });
}
