import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { files } from '../../db/schema/index.ts';
import { requireActor } from '../../lib/context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { idParam } from '../../lib/fields.ts';

export function fileRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /**
   * Own organisation's files, or any file for the office roles that review uploads. Another
   * organisation's file is "not found"; an office role that reviews nothing is refused outright.
   */
  r.get('/api/files/:id', { schema: { tags: ['文件'], summary: '下载/查看已上传文件', params: idParam } }, async (req, reply) => {
    const actor = requireActor(req.ctx);
    const [f] = await req.ctx.db.select().from(files).where(eq(files.id, req.params.id));
    if (!f || (f.orgId !== actor.orgId && actor.orgType !== 'office')) throw notFound('文件');
    if (f.orgId !== actor.orgId && !actor.permissions.includes('office.files')) throw forbidden('当前用户的角色无权查阅上传的文件');
    return reply
      .header('content-type', f.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`)
      .send(Buffer.from(f.data));
  });
}
