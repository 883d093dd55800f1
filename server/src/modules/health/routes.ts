import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationState } from '../../db/migrate.ts';

export function healthRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        tags: ['系统'],
        summary: '健康检查：数据库类型与迁移状态',
        response: {
          200: z.object({
            status: z.enum(['ok', 'degraded']),
            database: z.enum(['pglite', 'postgres']),
            migrations: z.object({ applied: z.number(), known: z.number(), latest: z.string().nullable(), upToDate: z.boolean() }),
          }),
        },
      },
    },
    async (req) => {
      const migrations = await migrationState(req.ctx.db);
      return { status: migrations.upToDate ? ('ok' as const) : ('degraded' as const), database: req.ctx.dbKind, migrations };
    },
  );
}
