import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IDLE_TIMEOUT_MS } from '../../domain/session-policy.ts';
import { maskIdNumber, maskName } from '../../domain/id-card.ts';
import { OWNER_MESSAGE_KINDS, PROJECT_NOTICE_KINDS } from '../../db/schema/index.ts';
import { bodyId, idParam, ok, page, pageOf } from '../../lib/fields.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { bindOwner } from './binding.ts';
import { ownerHouse, ownerHouseProjects, ownerHouseStatement } from './house.ts';
import { issueLetters } from './letters.ts';
import { listOwnerMessages, markAllOwnerMessagesRead, markOwnerMessageRead, ownerUnreadCount } from './messages.ts';
import { ownerHouses, ownerLogin, requireOwner } from './service.ts';
import { endAnySession } from './sessions.ts';

const tags = ['业主'];

const ownerSession = z.object({
  owner: z.object({ name: z.string(), idNumber: z.string() }),
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number(),
});

const describeOwner = (o: { name: string; idNumber: string }, csrfToken: string) => ({
  owner: { name: maskName(o.name), idNumber: maskIdNumber(o.idNumber) },
  csrfToken,
  idleTimeoutSeconds: IDLE_TIMEOUT_MS / 1000,
});

const houseFigures = {
  amountDue: z.number().describe('应交金额（分）'),
  deposited: z.number().describe('已交金额（分）'),
  balance: z.number().describe('余额（分）'),
};

const statementLine = z.object({
  id: z.number(),
  at: z.date(),
  kind: z.string(),
  kindLabel: z.string(),
  reference: z.string(),
  memo: z.string(),
  amount: z.number().describe('金额（分），支出为负'),
  balance: z.number().describe('该笔之后的余额（分）'),
});

const houseProject = z.object({
  id: z.number(),
  no: z.string(),
  name: z.string(),
  typeLabel: z.string(),
  stage: z.string(),
  stageLabel: z.string(),
  budgetTotal: z.number(),
  share: z.number().describe('本房屋分摊金额（分）'),
  charged: z.number().describe('已从本房屋分户账划转的金额（分，扣除清退）'),
  vote: z.object({
    choice: z.enum(['agree', 'oppose', 'abstain']).nullable(),
    label: z.string(),
    channel: z.enum(['paper', 'online']).nullable().describe('paper：纸质表决票录入；online：网上投票（以最后一次为准）；null：未投票'),
  }),
  notices: z.array(
    z.object({
      no: z.string(),
      kind: z.enum(PROJECT_NOTICE_KINDS),
      kindLabel: z.string(),
      title: z.string(),
      deadline: z.string(),
      publishedAt: z.date(),
      link: z.string().describe('门户网站上的公示页面'),
    }),
  ),
});

const ownerMessage = z.object({
  id: z.number(),
  kind: z.enum(OWNER_MESSAGE_KINDS),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  houseId: z.number().nullable(),
  amount: z.number().nullable().describe('资金变动金额（分），支出为负'),
  createdAt: z.date(),
  read: z.boolean(),
});
const unread = z.object({ count: z.number().int(), capped: z.boolean().describe('为 true 时未读多于 count（显示 99+）') });

export function ownerRoutes(app: FastifyInstance, opts: { secureCookies: boolean }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/owner-letters',
    {
      schema: {
        tags,
        // F-80
        summary: '出具业主告知书（一套房屋或一幢楼；绑定码仅此一次返回，供打印）',
        body: z.object({
          houseId: bodyId('房屋编号').optional(),
          buildingId: bodyId('楼幢编号').optional(),
        }),
        response: {
          200: z.object({
            expiresAt: z.date(),
            bindPath: z.string().describe('绑定页面的路径（门户网站上输入）'),
            items: z.array(
              z.object({
                letterId: z.number(),
                houseId: z.number(),
                area: z.string(),
                building: z.string(),
                unit: z.string(),
                room: z.string(),
                address: z.string(),
                bindPath: z.string().describe('二维码中的地址路径：绑定页面，已选好本房屋'),
                code: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => issueLetters(req.ctx, req.body),
  );

  r.post(
    '/api/owner/bind',
    {
      schema: {
        tags,
        // F-80, R-80
        summary: '业主身份绑定（房屋 + 证件号码 + 绑定码 + 新密码）',
        body: z.object({
          houseId: z.number({ error: '请选择房屋' }).int().positive('请选择房屋'),
          idNumber: z.string({ error: '请输入业主证件号码' }).trim().min(4, '请输入业主证件号码').max(30),
          code: z.string({ error: '请输入业主告知书上的绑定码' }).trim().min(1, '请输入业主告知书上的绑定码').max(20),
          password: z.string({ error: '请设置登录密码' }).min(1, '请设置登录密码').max(128),
        }),
        response: { 200: z.object({ ok: z.literal(true), idNumber: z.string() }) },
      },
    },
    async (req) => bindOwner(req.ctx, req.body),
  );

  r.post(
    '/api/owner/login',
    {
      schema: {
        tags,
        summary: '业主登录（证件号码 + 密码）',
        body: z.object({
          idNumber: z.string({ error: '请输入证件号码' }).trim().min(1, '请输入证件号码').max(30),
          password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(128),
        }),
        response: { 200: ownerSession },
      },
    },
    async (req, reply) => {
      const { token, csrfToken, owner } = await ownerLogin(req.ctx, req.body);
      const previous = req.cookies[SESSION_COOKIE];
      if (previous) await endAnySession(req.ctx.db, previous);
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secureCookies });
      return describeOwner(owner, csrfToken);
    },
  );

  r.post('/api/owner/logout', { schema: { tags, summary: '业主退出登录', response: { 200: ok } } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await endAnySession(req.ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.get('/api/owner/session', { schema: { tags, summary: '当前业主登录信息', response: { 200: ownerSession } } }, async (req) =>
    describeOwner(requireOwner(req.ctx), req.csrfToken ?? ''),
  );

  r.get(
    '/api/owner/houses',
    {
      schema: {
        tags,
        summary: '我的房屋（余额与应交金额）',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                area: z.string(),
                building: z.string(),
                unit: z.string(),
                room: z.string(),
                address: z.string(),
                buildingArea: z.number(),
                boundAt: z.date(),
                amountDue: z.number(),
                deposited: z.number(),
                balance: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ownerHouses(req.ctx),
  );

  r.get(
    '/api/owner/houses/:id',
    {
      schema: {
        tags,
        summary: '我的房屋：一套房屋的余额与应交金额',
        params: idParam,
        response: {
          200: z.object({
            id: z.number(),
            area: z.string(),
            building: z.string(),
            unit: z.string(),
            room: z.string(),
            address: z.string(),
            buildingArea: z.number(),
            ...houseFigures,
          }),
        },
      },
    },
    async (req) => ownerHouse(req.ctx, req.params.id),
  );

  r.get(
    '/api/owner/houses/:id/statement',
    {
      schema: {
        tags,
        summary: '我的房屋：分户账明细（最新在前，分页）',
        params: idParam,
        querystring: page,
        response: { 200: pageOf(statementLine) },
      },
    },
    async (req) => ownerHouseStatement(req.ctx, req.params.id, req.query),
  );

  r.get(
    '/api/owner/houses/:id/projects',
    {
      schema: {
        tags,
        summary: '我的房屋：涉及本房屋的维修项目、公示与本房屋的表决',
        params: idParam,
        response: { 200: z.object({ items: z.array(houseProject) }) },
      },
    },
    async (req) => ownerHouseProjects(req.ctx, req.params.id),
  );

  r.get(
    '/api/owner/messages',
    {
      schema: {
        tags,
        summary: '业主消息（最新在前）',
        querystring: page.extend({ unread: z.enum(['1']).optional().describe('1：只看未读') }),
        response: { 200: pageOf(ownerMessage).extend({ more: z.boolean().describe('是否还有下一页') }) },
      },
    },
    async (req) => listOwnerMessages(req.ctx, { page: req.query.page, pageSize: req.query.pageSize, unreadOnly: req.query.unread === '1' }),
  );
  r.get('/api/owner/messages/unread-count', { schema: { tags, summary: '业主未读消息数', response: { 200: unread } } }, async (req) =>
    ownerUnreadCount(req.ctx),
  );
  r.post(
    '/api/owner/messages/:id/read',
    { schema: { tags, summary: '业主标记一条消息为已读', params: idParam, response: { 200: unread } } },
    async (req) => markOwnerMessageRead(req.ctx, req.params.id),
  );
  r.post('/api/owner/messages/read-all', { schema: { tags, summary: '业主消息全部标为已读', response: { 200: unread } } }, async (req) =>
    markAllOwnerMessagesRead(req.ctx),
  );
}
