import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationState } from '../../db/migrate.ts';
import { getSetting } from '../settings/store.ts';

export function healthRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        tags: ['系统'],
        summary: '健康检查：数据库类型、迁移状态，以及是否为演示系统（公开）',
        response: {
          200: z.object({
            status: z.enum(['ok', 'degraded']),
            database: z.enum(['pglite', 'postgres']),
            migrations: z.object({ applied: z.number(), known: z.number(), latest: z.string().nullable(), upToDate: z.boolean() }),
            /** A demo instance: its data is invented and its passwords are published; every page says so. */
            demo: z.boolean(),
          }),
        },
      },
    },
    async (req) => {
      const [migrations, demo] = await Promise.all([migrationState(req.ctx.db), getSetting(req.ctx.db, 'demoInstance')]);
      return { status: migrations.upToDate ? ('ok' as const) : ('degraded' as const), database: req.ctx.dbKind, migrations, demo };
    },
  );
}
