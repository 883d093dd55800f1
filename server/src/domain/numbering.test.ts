import { describe, expect, it } from 'vitest';
import { businessDay } from '../lib/clock.ts';
import { formatBusinessNumber } from './numbering.ts';

describe('§10 business numbers', () => {
  it('formats prefix, business day and a four-digit serial, growing past 9999', () => {
    expect(formatBusinessNumber('QY', '20261122', 1)).toBe('QY202611220001');
    expect(formatBusinessNumber('QY', '20261122', 12345)).toBe('QY2026112212345');
  });

  it('counts business days in China time, whatever the server’s zone', () => {
    expect(businessDay(new Date('2026-11-21T16:30:00Z'))).toBe('20261122');
    expect(businessDay(new Date('2026-11-21T15:59:59Z'))).toBe('20261121');
  });
});
