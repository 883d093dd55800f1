import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IDLE_TIMEOUT_MS } from '../../domain/session-policy.ts';
import { maskIdNumber, maskName } from '../../domain/id-card.ts';
import { ok } from '../../lib/fields.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { bindOwner } from './binding.ts';
import { issueLetters } from './letters.ts';
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
          houseId: z.number().int().positive().optional(),
          buildingId: z.number().int().positive().optional(),
        }),
        response: {
          200: z.object({
            expiresAt: z.date(),
            bindPath: z.string(),
            items: z.array(
              z.object({
                letterId: z.number(),
                houseId: z.number(),
                area: z.string(),
                building: z.string(),
                unit: z.string(),
                room: z.string(),
                address: z.string(),
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
}
