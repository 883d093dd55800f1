import { describe, expect, it } from 'vitest';
import { firstFreeCode, normaliseOrgCode, ORG_CODE_PATTERN, pinyinCodeFor, usccCheckChar, usccProblem } from './org-code.ts';

describe('R-2 organisation codes', () => {
  it('F-1 derives a pinyin code from the area name’s initials', () => {
    expect(pinyinCodeFor('侨城花园')).toBe('QCHYYWH');
    expect(pinyinCodeFor('江景豪庭')).toBe('JJHTYWH');
    expect(pinyinCodeFor('碧桂园3期')).toBe('BGY3QYWH');
    // Initials with a tone mark (安 ān, 鹅 é) keep their letter; spaces and punctuation are dropped.
    expect(pinyinCodeFor('安居苑')).toBe('AJYYWH');
    expect(pinyinCodeFor('鹅城名苑')).toBe('ECMYYWH');
    expect(pinyinCodeFor('绿岛 A区')).toBe('LDAQYWH');
    expect(pinyinCodeFor('江门·东湖（一期）')).toBe('JMDHYQYWH');
  });

  it('R-2 suggested codes satisfy the code format', () => {
    for (const name of ['侨城花园', '江景豪庭', 'A区', '一', '名字非常非常非常非常非常非常非常非常非常非常长的小区']) {
      expect(pinyinCodeFor(name)).toMatch(ORG_CODE_PATTERN);
    }
  });

  it('R-2 normalises case and spaces, so codes are unique however typed', () => {
    expect(normaliseOrgCode('  qchyywh ')).toBe('QCHYYWH');
  });

  it('R-2 numbers a taken suggestion until it is free', () => {
    expect(firstFreeCode('ABCYWH', new Set())).toBe('ABCYWH');
    expect(firstFreeCode('ABCYWH', new Set(['ABCYWH', 'ABCYWH2']))).toBe('ABCYWH3');
  });
});

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('R-2 computes the check character over the first 17 characters', () => {
    // A published example code and the demo developer's.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccCheckChar('91440703MA4WJM001')).toBe('Q');
  });
  it('R-2 refuses a code shaped like a 统一社会信用代码 with the wrong check character', () => {
    expect(usccProblem('91350100M000100Y43')).toBeNull();
    expect(usccProblem('91350100M000100Y44')).toContain('统一社会信用代码');
    expect(usccProblem('91440703MA4WJM001K')).toContain('校验位');
  });
  it('R-2 leaves 组织机构代码 and pinyin codes alone', () => {
    expect(usccProblem('QCHYYWH')).toBeNull();
    expect(usccProblem('MA4WJM001')).toBeNull();
    expect(usccProblem('JJHTXQYWH')).toBeNull();
  });

  it('F-1 a pinyin code keeps at most 24 initials, and a name without any gets WY', () => {
    const long = pinyinCodeFor('名字非常非常非常非常非常非常非常非常非常非常长的小区');
    expect(long).toHaveLength(27);
    expect(long.endsWith('YWH')).toBe(true);
    expect(pinyinCodeFor('·（）')).toBe('WYYWH');
  });
});
