import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../lib/context.ts';
import { orgDetailsFields } from '../registration/schemas.ts';
import { changeOwnInfo } from './service.ts';
import { loadOrgView, orgView } from './view.ts';

const tags = ['机构管理'];

export function organisationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/org', { schema: { tags, summary: '本机构信息', response: { 200: orgView } } }, async (req) =>
    loadOrgView(req.ctx.db, requireActor(req.ctx).orgId),
  );
  r.put(
    '/api/org',
    // F-2
    { schema: { tags, summary: '信息变更（保存即生效）', body: z.object(orgDetailsFields), response: { 200: orgView } } },
    async (req) => changeOwnInfo(req.ctx, req.body),
  );
}
