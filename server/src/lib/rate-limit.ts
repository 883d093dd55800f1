import { sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../db/client.ts';
import { AppError } from './errors.ts';

/** No counter's window is longer, so a row whose window began this long ago can be swept. */
export const LONGEST_WINDOW_SECONDS = 24 * 3600;

/** Whole seconds until a window ends, at least one: the `Retry-After` of a refused request. */
export function retryAfterSeconds(windowStart: Date, windowSeconds: number, now: Date): number {
  return Math.max(1, Math.ceil((windowStart.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
}

/**
 * Counts a request against `key` in a fixed window; refuses it once `limit` is reached, saying what
 * was too frequent (`what`) and when to retry. One upsert, so concurrent requests on any instance
 * count exactly.
 */
export async function rateLimit(db: Conn, key: string, limit: number, windowSeconds: number, now: Date, what = '查询过于频繁') {
  if (windowSeconds > LONGEST_WINDOW_SECONDS) throw new Error(`rate window ${windowSeconds}s is longer than the sweep keeps`);
  const cutoff = new Date(now.getTime() - windowSeconds * 1000);
  const [row] = await rowsOf<{ count: number; window_start: Date | string }>(
    db,
    sql`insert into rate_counters (key, window_start, count) values (${key}, ${now}, 1)
        on conflict (key) do update set
          count = case when rate_counters.window_start <= ${cutoff} then 1 else rate_counters.count + 1 end,
          window_start = case when rate_counters.window_start <= ${cutoff} then ${now} else rate_counters.window_start end
        returning count, window_start`,
  );
  if (Number(row?.count ?? 0) > limit) {
    const seconds = retryAfterSeconds(new Date(row?.window_start ?? now), windowSeconds, now);
    throw new AppError(429, 'RATE_LIMITED', `${what}，请 ${Math.ceil(seconds / 60)} 分钟后再试`, undefined, {
      'retry-after': String(seconds),
    });
  }
}
