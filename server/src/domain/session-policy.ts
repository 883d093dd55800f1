/** SPEC §10 session and lockout rules, as pure decisions over timestamps. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
/** last_seen_at is refreshed at most this often, so reads don't each cost a write. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

export type SessionVerdict = 'valid' | 'idle' | 'expired';

export function sessionVerdict(now: Date, createdAt: Date, lastSeenAt: Date): SessionVerdict {
  if (now.getTime() - createdAt.getTime() >= ABSOLUTE_TIMEOUT_MS) return 'expired';
  if (now.getTime() - lastSeenAt.getTime() >= IDLE_TIMEOUT_MS) return 'idle';
  return 'valid';
}

export function isLocked(now: Date, lockedUntil: Date | null): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** After a failed attempt: lock once the count reaches the limit (and start counting afresh). */
export function afterFailure(failedSoFar: number, now: Date): { failed: number; lockedUntil: Date | null } {
  const failed = failedSoFar + 1;
  return failed >= MAX_FAILED_LOGINS ? { failed: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) } : { failed, lockedUntil: null };
}
