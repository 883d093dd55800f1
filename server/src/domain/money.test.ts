import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, MAX_FEN, parseYuan, totalTooLarge } from './money.ts';

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

  it('§4 formats negative amounts with the sign before the whole amount, fen included', () => {
    expect(formatYuan(-150n)).toBe('-1.50');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatYuan(-123456789n)).toBe('-1,234,567.89');
  });

  it('R-14 reads whole yuan, surrounding spaces and a thousands separator without decimals', () => {
    expect(parseYuan('12')).toBe(1200n);
    expect(parseYuan(' 12.5 ')).toBe(1250n);
    expect(parseYuan('1,234')).toBe(123400n);
    expect(parseYuan('1.2.3')).toBeNull();
  });

  it('§4 a total past 2^53 − 1 fen is refused by name; one at the limit is accepted', () => {
    expect(totalTooLarge('合计', MAX_FEN)).toBeNull();
    expect(totalTooLarge('合计', MAX_FEN + 1n)).toBe('合计 90,071,992,547,409.92 元超过上限 90,071,992,547,409.91 元，请核对金额');
  });
});
