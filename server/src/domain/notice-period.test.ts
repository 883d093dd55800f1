import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDeadline, DEFAULT_NOTICE_DAYS, dayAfter, earliestDeadline, isValidDate, noticePeriodOver } from './notice-period.ts';

describe('F-41 notice period', () => {
  it('F-41 the period starts the day after publication: published 12-01, 7 days, closes 12-08 at the earliest', () => {
    expect(DEFAULT_NOTICE_DAYS).toBe(7);
    expect(earliestDeadline('2026-12-01', 7)).toBe('2026-12-08');
    expect(checkDeadline('2026-12-01', '2026-12-08', 7)).toBeNull();
    expect(checkDeadline('2026-12-01', '2027-01-31', 7)).toBeNull();
  });

  it('F-41 refuses a deadline one day short of the minimum, saying the earliest allowed', () => {
    expect(checkDeadline('2026-12-01', '2026-12-07', 7)).toBe('公示截止日不能早于 2026-12-08（公示期不少于 7 日，自发布次日起算）');
    expect(checkDeadline('2026-12-01', '2026-11-30', 7)).not.toBeNull();
  });

  it('F-41 crosses months, years and leap days', () => {
    expect(earliestDeadline('2026-12-28', 7)).toBe('2027-01-04');
    expect(earliestDeadline('2028-02-25', 7)).toBe('2028-03-03');
    expect(earliestDeadline('2028-02-22', 7)).toBe('2028-02-29');
    expect(earliestDeadline('2027-02-22', 7)).toBe('2027-03-01');
    expect(earliestDeadline('2026-12-01', 0)).toBe('2026-12-01');
    expect(earliestDeadline('2026-12-01', 30)).toBe('2026-12-31');
  });

  it('F-41 refuses malformed or impossible dates', () => {
    expect(checkDeadline('2026-12-01', '2026-12-8', 7)).toBe('公示截止日须为有效日期（YYYY-MM-DD）');
    expect(checkDeadline('2026-12-01', '2027-02-29', 7)).toBe('公示截止日须为有效日期（YYYY-MM-DD）');
    expect(checkDeadline('2026-12-01', '2026-13-01', 7)).toBe('公示截止日须为有效日期（YYYY-MM-DD）');
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2026/12/01')).toBe(false);
    expect(() => earliestDeadline('2026-02-30', 7)).toThrow(RangeError);
    expect(() => earliestDeadline('2026-12-01', -1)).toThrow(RangeError);
    expect(() => earliestDeadline('2026-12-01', 1.5)).toThrow(RangeError);
  });

  it('R-43 a notice is over from the day after its deadline, not on the deadline itself', () => {
    expect(noticePeriodOver('2026-12-08', '2026-12-08')).toBe(false);
    expect(noticePeriodOver('2026-12-08', '2026-12-09')).toBe(true);
    expect(noticePeriodOver('2026-12-31', '2027-01-01')).toBe(true);
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
  });

  it('F-41 the earliest deadline is always accepted, and the day before it never', () => {
    const date = fc
      .date({ min: new Date('2000-01-02T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 400 }), (published, days) => {
        const earliest = earliestDeadline(published, days);
        expect(checkDeadline(published, earliest, days)).toBeNull();
        expect(checkDeadline(published, earliestDeadline(published, days - 1), days)).not.toBeNull();
        expect(earliest > published).toBe(true);
        expect(earliestDeadline(earliestDeadline(published, days), 1)).toBe(earliestDeadline(published, days + 1));
      }),
    );
  });

  it('F-41 an impossible publication date is a programming error that names the date', () => {
    expect(() => earliestDeadline('2026-02-30', 7)).toThrow('earliestDeadline: invalid date 2026-02-30');
  });

  it('F-41 a month past December is not a date, even on the first', () => {
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('2026-00-10')).toBe(false);
    expect(() => earliestDeadline('2026-12-01', -1)).toThrow('earliestDeadline: minDays must be a whole number of days');
    expect(() => earliestDeadline('2026-12-01', 1.5)).toThrow('earliestDeadline: minDays must be a whole number of days');
  });
});
