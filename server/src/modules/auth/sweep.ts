import { lt, lte, or } from 'drizzle-orm';
import type { Db, DbHandle } from '../../db/client.ts';
import { apiNonces, ownerSessions, rateCounters, sessions } from '../../db/schema/index.ts';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../domain/session-policy.ts';
import type { Clock } from '../../lib/clock.ts';
import { LONGEST_WINDOW_SECONDS } from '../../lib/rate-limit.ts';
import { MAX_SKEW_SECONDS } from '../payments/bank-api-auth.ts';
import { onOneInstance } from '../../service/one-instance.ts';
import { periodicJob } from '../../service/periodic-job.ts';

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

/**
 * Deletes what can no longer be used: sessions (organisations' and owners') past their idle or absolute limit (SPEC §10), rate
 * counters whose window has ended, bank-API signatures too old to pass the timestamp check.
 */
export async function sweepExpired(db: Db, now: Date) {
  const ended = await db
    .delete(sessions)
    .where(or(lte(sessions.createdAt, ago(now, ABSOLUTE_TIMEOUT_MS)), lte(sessions.lastSeenAt, ago(now, IDLE_TIMEOUT_MS))))
    .returning({ k: sessions.tokenHash });
  const ownerEnded = await db
    .delete(ownerSessions)
    .where(or(lte(ownerSessions.createdAt, ago(now, ABSOLUTE_TIMEOUT_MS)), lte(ownerSessions.lastSeenAt, ago(now, IDLE_TIMEOUT_MS))))
    .returning({ k: ownerSessions.tokenHash });
  const counters = await db
    .delete(rateCounters)
    .where(lte(rateCounters.windowStart, ago(now, LONGEST_WINDOW_SECONDS * 1000)))
    .returning({ k: rateCounters.key });
  const nonces = await db
    .delete(apiNonces)
    .where(lt(apiNonces.at, ago(now, 2 * MAX_SKEW_SECONDS * 1000)))
    .returning({ k: apiNonces.signature });
  return { sessions: ended.length + ownerEnded.length, rateCounters: counters.length, nonces: nonces.length };
}

const SWEEP_LOCK = 7_041_979;

/**
 * Sweeps every `everyMs` on an unref'd timer, on one instance at a time (the others skip that
 * round); `stop` ends it and waits for a sweep in progress.
 */
export function keepSwept(handle: DbHandle, clock: Clock, everyMs = 10 * 60_000): { stop(): Promise<void> } {
  return periodicJob('sweep', () => onOneInstance(handle, SWEEP_LOCK, () => sweepExpired(handle.db, clock.now())), {
    everyMs,
    failure: 'expired sessions and counters not swept:',
  });
}
