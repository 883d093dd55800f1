import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ORG_TYPE_LABELS, ROLES } from '../../domain/roles.ts';
import { IDLE_TIMEOUT_MS } from '../../domain/session-policy.ts';
import { requireActor, type Actor } from '../../lib/context.ts';
import { ok } from '../../lib/fields.ts';
import { changePassword, login } from './service.ts';
import { throttle } from './throttle.ts';
import { changePasswordBody, loginBody, sessionInfo } from './schemas.ts';
import { endAnySession } from '../owners/sessions.ts';
import { resolveSession, SESSION_COOKIE } from './sessions.ts';

const tags = ['登录与会话'];

function describe(actor: Actor, csrfToken: string) {
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      name: actor.userName,
      roles: actor.roles,
      roleLabels: actor.roles.map((r) => ROLES[actor.orgType][r]?.label ?? r),
    },
    org: { id: actor.orgId, type: actor.orgType, typeLabel: ORG_TYPE_LABELS[actor.orgType], name: actor.orgName, code: actor.orgCode },
    permissions: actor.permissions,
    isAdmin: actor.isAdmin,
    csrfToken,
    idleTimeoutSeconds: IDLE_TIMEOUT_MS / 1000,
  };
}

export function authRoutes(app: FastifyInstance, opts: { secureCookies: boolean }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/auth/login',
    { schema: { tags, summary: '登录（机构代码 + 用户名 + 密码）', body: loginBody, response: { 200: sessionInfo } } },
    async (req, reply) => {
      await throttle(req.ctx, 'login');
      const { token } = await login(req.ctx, req.body);
      const previous = req.cookies[SESSION_COOKIE];
      if (previous) await endAnySession(req.ctx.db, previous);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookies,
        // No maxAge: the cookie ends with the browser session; the server ends idle and old sessions itself.
      });
      const s = await resolveSession(req.ctx.db, token, req.ctx.clock.now());
      if (!s.actor || !s.csrfToken) throw new Error('fresh session did not resolve');
      return describe(s.actor, s.csrfToken);
    },
  );

  r.post('/api/auth/logout', { schema: { tags, summary: '退出登录', response: { 200: ok } } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await endAnySession(req.ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.get('/api/auth/session', { schema: { tags, summary: '当前登录信息', response: { 200: sessionInfo } } }, async (req) => {
    const actor = requireActor(req.ctx);
    return describe(actor, req.csrfToken ?? '');
  });

  r.post('/api/auth/password', { schema: { tags, summary: '修改密码', body: changePasswordBody, response: { 200: ok } } }, async (req) => {
    await changePassword(req.ctx, req.body);
    return { ok: true as const };
  });
}
