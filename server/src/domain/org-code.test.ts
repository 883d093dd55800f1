import { describe, expect, it } from 'vitest';
import { firstFreeCode, normaliseOrgCode, ORG_CODE_PATTERN, pinyinCodeFor } from './org-code.ts';

describe('R-2 organisation codes', () => {
  it('F-1 derives a pinyin code from the area name’s initials', () => {
    expect(pinyinCodeFor('侨城花园')).toBe('QCHYYWH');
    expect(pinyinCodeFor('江景豪庭')).toBe('JJHTYWH');
    expect(pinyinCodeFor('碧桂园3期')).toBe('BGY3QYWH');
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
