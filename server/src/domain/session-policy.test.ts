import { describe, expect, it } from 'vitest';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, isLocked, LOCKOUT_MS, sessionVerdict, takeCheck } from './session-policy.ts';

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

  it('§10 lockout: the fifth check locks for 15 minutes, a locked account gets no check, an ended lock counts afresh', () => {
    let taken = 0;
    for (let i = 1; i <= 4; i++) {
      const r = takeCheck(taken, null, t0);
      expect(r).toEqual({ slot: i, lockedUntil: null });
      taken = r?.slot ?? 0;
    }
    const fifth = takeCheck(taken, null, t0);
    expect(fifth).toEqual({ slot: 5, lockedUntil: at(LOCKOUT_MS) });
    expect(takeCheck(5, at(LOCKOUT_MS), at(LOCKOUT_MS - 1))).toBeNull();
    expect(isLocked(at(LOCKOUT_MS - 1), fifth?.lockedUntil ?? null)).toBe(true);
    expect(isLocked(at(LOCKOUT_MS), fifth?.lockedUntil ?? null)).toBe(false);
    expect(takeCheck(5, at(LOCKOUT_MS), at(LOCKOUT_MS))).toEqual({ slot: 1, lockedUntil: null });
  });
});
