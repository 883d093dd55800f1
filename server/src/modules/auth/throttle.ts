import type { Ctx } from '../../lib/context.ts';
import { rateLimit } from '../../lib/rate-limit.ts';

function envLimit(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

/** SPEC §10 per-IP throttle on login and registration; limits can be raised for offices behind one address. */
export const THROTTLES = {
  login: { limit: envLimit('WYGL_LOGIN_LIMIT_PER_IP', 30), windowSeconds: 15 * 60, what: '登录尝试过于频繁' },
  /** F-80: binding tries from one address, across houses (each house has its own 5 a day, R-80). */
  binding: { limit: envLimit('WYGL_BINDING_LIMIT_PER_IP', 30), windowSeconds: 15 * 60, what: '绑定尝试过于频繁' },
  registration: { limit: envLimit('WYGL_REGISTRATION_LIMIT_PER_IP', 10), windowSeconds: 3600, what: '注册提交过于频繁' },
} as const;

/** Counts this request against its address in the database, so every app instance shares the count. */
export async function throttle(ctx: Ctx, scope: keyof typeof THROTTLES) {
  const t = THROTTLES[scope];
  await rateLimit(ctx.db, `${scope}:ip:${ctx.ip}`, t.limit, t.windowSeconds, ctx.clock.now(), t.what);
}
