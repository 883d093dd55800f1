import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../../lib/clock.ts';
import type { DbHandle } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { isOwnerToken, resolveOwnerSession } from '../owners/sessions.ts';
import { resolveSession, SESSION_COOKIE } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Requests that act by what they carry (a password, a letter's one-time code), not by the session
 * the browser may still hold: a page opened fresh, a login page or a letter's QR code, has no token
 * yet. They must still come from this site.
 */
const SESSION_STARTERS = new Set(['/api/auth/login', '/api/owner/login', '/api/owner/bind']);
/**
 * Answers that never depend on who is calling. They leave the session cookie alone: every page asks
 * /api/health (the demo banner), and had it spent a dead cookie, the page's own session request would
 * no longer learn why the session ended.
 */
const SESSIONLESS = new Set(['/api/health']);

/**
 * F-80: what an owner's session may reach — the owner's own routes and what anyone may ask. Every
 * other route belongs to an organisation's workspace and refuses an owner before it reads its input.
 */
const OWNER_OPEN_PREFIXES = ['/api/owner/', '/api/public/', '/api/health'];
const OWNER_OPEN = new Set(['/api/auth/login', '/api/auth/logout', '/api/auth/session', '/api/openapi.json']);
const ownerMayReach = (path: string) => OWNER_OPEN.has(path) || OWNER_OPEN_PREFIXES.some((p) => path.startsWith(p));

/** Requests from another site carry an Origin (or Sec-Fetch-Site) that gives them away. */
function crossSite(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin) {
    try {
      return new URL(origin).host !== req.headers.host;
    } catch {
      return true;
    }
  }
  return req.headers['sec-fetch-site'] === 'cross-site';
}

/**
 * Builds `req.ctx` for every request: the caller from the session cookie, the clock, the database.
 * State-changing requests need the session's CSRF token in `x-csrf-token`; before login
 * (login, registration) they must at least come from this site.
 */
export function installSessions(app: FastifyInstance, handle: DbHandle, clock: Clock, opts: { csrfExempt: (url: string) => boolean }) {
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req, reply) => {
    req.ctx = { db: handle.db, dbKind: handle.kind, autonomous: handle.autonomous, clock, actor: null, owner: null, ip: req.ip };
    if (!req.url.startsWith('/api/') || SESSIONLESS.has(req.url.split('?')[0] ?? '')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      // One cookie, two kinds of session (F-80): an owner's never yields an organisation actor.
      const s = isOwnerToken(token)
        ? await resolveOwnerSession(handle.db, token, clock.now())
        : await resolveSession(handle.db, token, clock.now());
      if ('actor' in s) req.ctx.actor = s.actor;
      else req.ctx.owner = s.owner;
      req.csrfToken = s.csrfToken;
      req.ctx.sessionProblem = s.problem;
      // Said once: the next page load starts clean at the login page.
      if (s.problem) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    if (req.ctx.owner && !ownerMayReach(req.url.split('?')[0] ?? '')) {
      throw new AppError(403, 'OWNER_SESSION', '业主账户不能进入机构工作台，请退出业主登录后以机构用户登录');
    }
    if (SAFE_METHODS.has(req.method) || opts.csrfExempt(req.url)) return;
    if (crossSite(req)) throw new AppError(403, 'CSRF', '拒绝来自其他网站的请求');
    if ((req.ctx.actor || req.ctx.owner) && !SESSION_STARTERS.has(req.url) && req.headers['x-csrf-token'] !== req.csrfToken) {
      throw new AppError(403, 'CSRF', '请求缺少有效的安全令牌（CSRF），请刷新页面后重试');
    }
  });
}
