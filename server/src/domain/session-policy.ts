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

/**
 * Takes one of the account's password checks before the password is verified, so parallel guesses
 * cannot all be checked: the fifth check since the last success locks the account for 15 minutes
 * at once (a right password on that check still logs in and lifts it). Null: locked, no check.
 * A lock that has run out starts the count afresh.
 */
export function takeCheck(checksSoFar: number, lockedUntil: Date | null, now: Date): { slot: number; lockedUntil: Date | null } | null {
  if (isLocked(now, lockedUntil)) return null;
  const slot = (lockedUntil ? 0 : checksSoFar) + 1;
  return { slot, lockedUntil: slot >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MS) : null };
}
