import { describe, expect, it } from 'vitest';
import { ABSOLUTE_TIMEOUT_MS, afterFailure, IDLE_TIMEOUT_MS, isLocked, LOCKOUT_MS, sessionVerdict } from './session-policy.ts';

const t0 = new Date('2026-11-22T00:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('§10 session and lockout policy', () => {
  it('a session is valid until 30 minutes idle, then idle', () => {
    expect(sessionVerdict(at(IDLE_TIMEOUT_MS - 1), t0, t0)).toBe('valid');
    expect(sessionVerdict(at(IDLE_TIMEOUT_MS), t0, t0)).toBe('idle');
  });

  it('a session expires 12 hours after login even when active', () => {
    expect(sessionVerdict(at(ABSOLUTE_TIMEOUT_MS), t0, at(ABSOLUTE_TIMEOUT_MS - 1000))).toBe('expired');
  });

  it('the fifth failure locks for 15 minutes and restarts the count', () => {
    let failed = 0;
    for (let i = 1; i <= 4; i++) {
      const r = afterFailure(failed, t0);
      expect(r.lockedUntil).toBeNull();
      failed = r.failed;
    }
    const fifth = afterFailure(failed, t0);
    expect(fifth).toEqual({ failed: 0, lockedUntil: at(LOCKOUT_MS) });
    expect(isLocked(at(LOCKOUT_MS - 1), fifth.lockedUntil)).toBe(true);
    expect(isLocked(at(LOCKOUT_MS), fifth.lockedUntil)).toBe(false);
  });
});
