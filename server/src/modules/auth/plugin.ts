import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../../lib/clock.ts';
import type { DbHandle } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { resolveSession, SESSION_COOKIE } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Logging in replaces whatever session the browser holds, so it needs no token from that session. */
const SESSION_STARTERS = new Set(['/api/auth/login']);
/**
 * Answers that never depend on who is calling. They leave the session cookie alone: every page asks
 * /api/health (the demo banner), and had it spent a dead cookie, the page's own session request would
 * no longer learn why the session ended.
 */
const SESSIONLESS = new Set(['/api/health']);

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
    req.ctx = { db: handle.db, dbKind: handle.kind, autonomous: handle.autonomous, clock, actor: null, ip: req.ip };
    if (!req.url.startsWith('/api/') || SESSIONLESS.has(req.url.split('?')[0] ?? '')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const s = await resolveSession(handle.db, token, clock.now());
      req.ctx.actor = s.actor;
      req.csrfToken = s.csrfToken;
      req.ctx.sessionProblem = s.problem;
      // Said once: the next page load starts clean at the login page.
      if (s.problem) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    if (SAFE_METHODS.has(req.method) || opts.csrfExempt(req.url)) return;
    if (crossSite(req)) throw new AppError(403, 'CSRF', '拒绝来自其他网站的请求');
    if (req.ctx.actor && !SESSION_STARTERS.has(req.url) && req.headers['x-csrf-token'] !== req.csrfToken) {
      throw new AppError(403, 'CSRF', '请求缺少有效的安全令牌（CSRF），请刷新页面后重试');
    }
  });
}
