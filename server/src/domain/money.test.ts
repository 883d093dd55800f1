import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, parseYuan } from './money.ts';

describe('§4 money in integer fen', () => {
  it('formats fen as yuan with two decimals and thousands separators', () => {
    expect(formatYuan(267450n)).toBe('2,674.50');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(-100n)).toBe('-1.00');
  });

  it('parses yuan text to fen exactly and refuses a third decimal', () => {
    expect(parseYuan('2674.5')).toBe(267450n);
    expect(parseYuan('1,000.01')).toBe(100001n);
    expect(parseYuan('0.001')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
  });

  it('round-trips every non-negative amount', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), (fen) => parseYuan(formatYuan(fen)) === fen));
  });

  it('R-14 a comma is a thousands separator only in its place: "12,34" and "1,2345.00" are refused', () => {
    expect(parseYuan('12,34')).toBeNull();
    expect(parseYuan('1,2345.00')).toBeNull();
    expect(parseYuan('1234,567')).toBeNull();
    expect(parseYuan('1,234,567.89')).toBe(123456789n);
  });
});
