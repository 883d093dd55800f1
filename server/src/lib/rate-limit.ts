import { sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';

/**
 * Counts a request against `key` in a fixed window; refuses it once `limit` is reached. One upsert,
 * so concurrent requests on any instance count exactly.
 */
export async function rateLimit(db: Conn, key: string, limit: number, windowSeconds: number, now: Date) {
  const cutoff = new Date(now.getTime() - windowSeconds * 1000);
  const [row] = await rowsOf<{ count: number }>(
    db,
    sql`insert into rate_counters (key, window_start, count) values (${key}, ${now}, 1)
        on conflict (key) do update set
          count = case when rate_counters.window_start <= ${cutoff} then 1 else rate_counters.count + 1 end,
          window_start = case when rate_counters.window_start <= ${cutoff} then ${now} else rate_counters.window_start end
        returning count`,
  );
  if (Number(row?.count ?? 0) > limit) {
    throw new AppError(429, 'RATE_LIMITED', `查询过于频繁，请 ${Math.ceil(windowSeconds / 60)} 分钟后再试`);
  }
}
