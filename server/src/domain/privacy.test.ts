import { describe, expect, it } from 'vitest';
import { maskPhone, personalDataView, presentIdNumber, presentPersonalFields, presentPhone } from './privacy.ts';

describe('§10 privacy: owners’ ID numbers and phones', () => {
  it('§10 privacy: the developer and the office read full values, a verified committee masked ones, an unverified committee none', () => {
    expect(personalDataView('developer', false)).toBe('full');
    expect(personalDataView('office', false)).toBe('full');
    expect(personalDataView('committee', true)).toBe('masked');
    expect(personalDataView('committee', false)).toBe('hidden');
    expect(personalDataView('bank', true)).toBe('hidden');
  });

  it('§10 privacy: masks keep only the head and the last four characters', () => {
    expect(presentIdNumber('44070319900101123X', 'masked')).toBe('4407**********123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0750-3888001')).toBe('075*****8001');
    expect(maskPhone('12345')).toBe('1****');
    expect(presentPhone('13812345678', 'hidden')).toBe('');
    expect(presentIdNumber('44070319900101123X', 'hidden')).toBe('');
    expect(presentIdNumber('44070319900101123X', 'full')).toBe('44070319900101123X');
    expect(presentPhone('', 'masked')).toBe('');
  });

  it('§10 privacy: every ID number and phone inside a recorded snapshot is masked, other fields kept', () => {
    const before = { owners: [{ name: '陈国强', idType: '居民身份证', idNumber: '44070319900101123X', phone: '13812345678' }], area: 89.5 };
    expect(presentPersonalFields(before, 'masked')).toEqual({
      owners: [{ name: '陈国强', idType: '居民身份证', idNumber: '4407**********123X', phone: '138****5678' }],
      area: 89.5,
    });
    expect(JSON.stringify(presentPersonalFields(before, 'hidden'))).not.toMatch(/\d{6}/);
    expect(presentPersonalFields(before, 'full')).toBe(before);
    expect(presentPersonalFields(null, 'hidden')).toBeNull();
  });

  it('§10 privacy: a phone is trimmed; up to seven characters keep only the first, blank stays blank', () => {
    expect(maskPhone(' 13812345678 ')).toBe('138****5678');
    expect(maskPhone('1234567')).toBe('1******');
    expect(maskPhone('12345678')).toBe('123*5678');
    expect(maskPhone('   ')).toBe('');
  });

  it('§10 privacy: a personal field that is not text is walked like any other value', () => {
    const snapshot = { idNumber: null, phone: { phone: '13812345678' } };
    expect(presentPersonalFields(snapshot, 'masked')).toEqual({ idNumber: null, phone: { phone: '138****5678' } });
  });

  it('§10 privacy: the full view shows a phone as recorded', () => {
    expect(presentPhone('13812345678', 'full')).toBe('13812345678');
    expect(presentPhone('', 'masked')).toBe('');
  });
});
