import { describe, expect, it } from 'vitest';
import { hasControlChar, normaliseText } from './cell-text.ts';

describe('R-14 cell text normal form', () => {
  it('R-14 full-width digits, zero-width characters and spaces normalise to the plain identifier', () => {
    expect(normaliseText('１０１')).toBe('101');
    expect(normaliseText('101\u200b')).toBe('101');
    expect(normaliseText('\ufeff 1栋 ')).toBe('1栋');
    expect(normaliseText('８９．１５')).toBe('89.15');
    expect(normaliseText('Ａ栋')).toBe('A栋');
  });
  it('R-14 control characters are detected so they can be refused; tabs and line breaks are not control characters here', () => {
    expect(hasControlChar('10\u00011')).toBe(true);
    expect(hasControlChar('10\u00851')).toBe(true);
    expect(hasControlChar('江门\n蓬江')).toBe(false);
    expect(hasControlChar('101')).toBe(false);
  });
});
