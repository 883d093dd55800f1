import { describe, expect, it } from 'vitest';
import { amountInWords } from './amountInWords.ts';

describe('§5 payment notice amount in capitals (金额大写)', () => {
  it('writes yuan, jiao and fen the way bank slips do', () => {
    expect(amountInWords(267450)).toBe('贰仟陆佰柒拾肆元伍角整');
    expect(amountInWords(100)).toBe('壹元整');
    expect(amountInWords(0)).toBe('零元整');
    expect(amountInWords(5)).toBe('伍分');
    expect(amountInWords(1005)).toBe('壹拾元零伍分');
    expect(amountInWords(64898580)).toBe('陆拾肆万捌仟玖佰捌拾伍元捌角整');
  });

  it('puts 零 where a place is skipped, across 万 and 亿', () => {
    expect(amountInWords(100000100)).toBe('壹佰万零壹元整');
    expect(amountInWords(10010000)).toBe('壹拾万零壹佰元整');
    expect(amountInWords(1000000000000)).toBe('壹佰亿元整');
  });

  it('refuses a fractional amount of fen', () => {
    expect(() => amountInWords(1.5)).toThrow(RangeError);
  });
});
