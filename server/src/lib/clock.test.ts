import { describe, expect, it } from 'vitest';
import { addBusinessDays, businessDate } from './clock.ts';

describe('business dates (Asia/Shanghai)', () => {
  it('§5 an instant before 08:00 UTC belongs to the next day in Beijing', () => {
    expect(businessDate(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
    expect(businessDate(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(businessDate(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });
  it('§5 counts days from the Beijing date, across months and years', () => {
    expect(addBusinessDays(new Date('2026-11-22T23:30:00Z'), 30)).toBe('2026-12-23');
    expect(addBusinessDays(new Date('2026-12-15T02:00:00Z'), 30)).toBe('2027-01-14');
  });
});
