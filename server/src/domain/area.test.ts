import { describe, expect, it } from 'vitest';
import { formatArea, formatOptionalArea, parseArea, splitAreaWarning } from './area.ts';

describe('split and merge areas', () => {
  it('F-14 says nothing when the areas after add up to the areas before', () => {
    expect(splitAreaWarning(2640, 2640)).toBeNull();
  });
  it('F-14 names both totals and the difference when they do not', () => {
    expect(splitAreaWarning(2640, 3960)).toBe(
      '拆分合并前建筑面积合计 26.40 平方米，拆分合并后合计 39.60 平方米，增加 13.20 平方米，请核对拆分合并后的建筑面积',
    );
    expect(splitAreaWarning(2640, 2600)).toContain('减少 0.40 平方米');
  });
});

describe('optional areas', () => {
  it('§3 a blank 套内面积 (held as 0) stays blank', () => {
    expect(formatOptionalArea(0)).toBe('');
    expect(formatOptionalArea(8215)).toBe('82.15');
  });
});

describe('§3 areas as text', () => {
  it('§3 reads up to seven whole digits and two decimals, with spaces around, into hundredths', () => {
    expect(parseArea(' 89.15 ')).toBe(8915);
    expect(parseArea('89.1')).toBe(8910);
    expect(parseArea('89')).toBe(8900);
    expect(parseArea('1234567.89')).toBe(123456789);
    for (const bad of ['', '12345678', '1.234', '-1', 'a1', '1a', '1.', '.5', '1.a'])
      expect(parseArea(bad), JSON.stringify(bad)).toBeNull();
  });

  it('§3 formats hundredths with two decimals, a negative difference with its sign', () => {
    expect(formatArea(8915)).toBe('89.15');
    expect(formatArea(-150)).toBe('-1.50');
    expect(formatArea(5)).toBe('0.05');
  });
});
