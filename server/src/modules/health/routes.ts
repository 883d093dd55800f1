import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DbHandle } from '../../db/client.ts';
import { migrationState } from '../../db/migrate.ts';
import { isDatabaseUnavailable } from '../../lib/pg-errors.ts';
import { metricsText } from '../../service/metrics.ts';
import { getSetting } from '../settings/store.ts';

const sha = (s: string) => createHash('sha256').update(s).digest();

/** `Authorization: Bearer <token>` against the configured token, in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  return given !== undefined && timingSafeEqual(sha(given), sha(token));
}

export function healthRoutes(app: FastifyInstance, handle: DbHandle, metricsToken?: string) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  // Liveness: the process answers. A database outage must not make a process manager restart it.
  typed.get(
    '/api/health/live',
    {
      schema: {
        tags: ['系统'],
        summary: '存活检查：进程在运行（不访问数据库，公开）',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  // Readiness: send requests here only when the database answers and its schema is the code's.
  typed.get(
    '/api/health',
    {
      schema: {
        tags: ['系统'],
        summary: '就绪检查：数据库能否应答、迁移是否齐全，以及是否为演示系统（公开；未就绪时 503）',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            migrations: z.object({ applied: z.number(), known: z.number(), latest: z.string().nullable(), upToDate: z.boolean() }),
            /** A demo instance: its data is invented and its passwords are published; every page says so. */
            demo: z.boolean(),
          }),
          503: z.object({
            /** degraded: the database lacks migrations this code needs; unavailable: it does not answer. */
            status: z.enum(['degraded', 'unavailable']),
            database: z.enum(['pglite', 'postgres']),
            migrations: z
              .object({ applied: z.number(), known: z.number(), latest: z.string().nullable(), upToDate: z.boolean() })
              .nullable(),
            demo: z.boolean().nullable(),
          }),
        },
      },
    },
    async (req, reply) => {
      try {
        const [migrations, demo] = await Promise.all([migrationState(req.ctx.db), getSetting(req.ctx.db, 'demoInstance')]);
        if (!migrations.upToDate)
          return reply.status(503).send({ status: 'degraded' as const, database: req.ctx.dbKind, migrations, demo });
        return { status: 'ok' as const, database: req.ctx.dbKind, migrations, demo };
      } catch (err) {
        if (!isDatabaseUnavailable(err)) throw err;
        return reply.status(503).send({ status: 'unavailable' as const, database: req.ctx.dbKind, migrations: null, demo: null });
      }
    },
  );
  // Prometheus text for the office's monitoring; off unless WYGL_METRICS_TOKEN is set, and then only
  // with that token (the figures reveal traffic, not data, but are not for the public).
  app.get(
    '/api/metrics',
    {
      schema: {
        tags: ['系统'],
        summary: '监控指标（Prometheus 文本格式）：需 Authorization: Bearer <监控令牌>，未配置令牌时不开放',
        security: [],
      },
    },
    async (req, reply) => {
      if (!metricsToken) return reply.status(404).send({ code: 'NOT_FOUND', message: '监控指标未启用' });
      if (!bearerMatches(req.headers.authorization, metricsToken)) {
        return reply.status(401).send({ code: 'UNAUTHENTICATED', message: '请在 Authorization 请求头中提供监控令牌' });
      }
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(metricsText(handle));
    },
  );
}
