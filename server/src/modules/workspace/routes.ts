import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MESSAGE_KINDS } from '../../db/schema/index.ts';
import { idParam, page, pageOf } from '../../lib/fields.ts';
import { listMessages, markAllRead, markRead, unreadCount } from '../messages/service.ts';
import { todosOf } from './todos.ts';

const tags = ['工作台'];

const todo = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
  capped: z.boolean().describe('为 true 时等待的事项多于 count'),
  link: z.string().nullable(),
  hint: z.string(),
});
const message = z.object({
  id: z.number(),
  kind: z.enum(MESSAGE_KINDS),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.date(),
  read: z.boolean(),
});
const unread = z.object({ count: z.number().int(), capped: z.boolean().describe('为 true 时未读多于 count（显示 99+）') });

/** 工作台: each organisation's waiting work and its 站内消息. */
export function workspaceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/workspace/todos',
    { schema: { tags, summary: '本机构的待办事项及数量', response: { 200: z.object({ items: z.array(todo) }) } } },
    async (req) => ({ items: await todosOf(req.ctx) }),
  );
  r.get(
    '/api/messages',
    {
      schema: {
        tags,
        summary: '站内消息（本机构，最新在前）',
        querystring: page.extend({ unread: z.enum(['1']).optional().describe('1：只看未读') }),
        response: { 200: pageOf(message).extend({ more: z.boolean().describe('是否还有下一页') }) },
      },
    },
    async (req) => listMessages(req.ctx, { page: req.query.page, pageSize: req.query.pageSize, unreadOnly: req.query.unread === '1' }),
  );
  r.get('/api/messages/unread-count', { schema: { tags, summary: '未读消息数', response: { 200: unread } } }, async (req) =>
    unreadCount(req.ctx),
  );
  r.post(
    '/api/messages/:id/read',
    { schema: { tags, summary: '标记一条消息为已读', params: idParam, response: { 200: unread } } },
    async (req) => markRead(req.ctx, req.params.id),
  );
  r.post('/api/messages/read-all', { schema: { tags, summary: '全部标为已读', response: { 200: unread } } }, async (req) =>
    markAllRead(req.ctx),
  );
}
