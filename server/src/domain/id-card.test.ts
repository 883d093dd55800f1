import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCardCheckChar, isValidIdCard, maskIdNumber, maskName } from './id-card.ts';

describe('F-21 居民身份证 check', () => {
  it('F-21 accepts a well-formed number with its check character (X included)', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('440703199001011239')).toBe(idCardCheckChar('44070319900101123') === '9');
  });

  it('F-21 refuses a wrong check character, a bad birth date and a wrong length', () => {
    expect(isValidIdCard('110105194912310021')).toBe(false);
    expect(isValidIdCard('110105194902301234')).toBe(false);
    expect(isValidIdCard('11010519491231002')).toBe(false);
  });

  it('F-21 any 17 digits with a valid date plus the computed check character is valid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 110000, max: 659999 }),
        fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (region, birth, seq) => {
          const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
          const first17 = `${region}${ymd}${String(seq).padStart(3, '0')}`;
          return isValidIdCard(first17 + idCardCheckChar(first17));
        },
      ),
    );
  });

  it('F-72 masks ID numbers and names for public pages', () => {
    expect(maskIdNumber('440703199001011234')).toBe('4407**********1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });

  it('F-21 reads the number with spaces around and a lower-case x, and refuses anything after it', () => {
    expect(isValidIdCard(' 11010519491231002x ')).toBe(true);
    expect(isValidIdCard('4407031990010112391')).toBe(false);
    expect(isValidIdCard('11010519491231002X5')).toBe(false);
  });

  it('F-72 short numbers keep only their first character, and blank or one-character names still hide something', () => {
    expect(maskIdNumber('12345678')).toBe('1*******');
    expect(maskIdNumber('123')).toBe('1**');
    expect(maskIdNumber('123456789')).toBe('1234*6789');
    expect(maskName(' 张三 ')).toBe('张*');
    expect(maskName('张')).toBe('张*');
    expect(maskName('  ')).toBe('');
  });

  it('F-21 a number with a correct check character is still refused for a birth date before 1900, impossible or in the future', () => {
    const withCheck = (first17: string) => first17 + idCardCheckChar(first17);
    expect(isValidIdCard(withCheck('11010519000101002'))).toBe(true);
    expect(isValidIdCard(withCheck('11010518991231002'))).toBe(false);
    expect(isValidIdCard(withCheck('11010519491301002'))).toBe(false);
    expect(isValidIdCard(withCheck('11010519490230002'))).toBe(false);
    expect(isValidIdCard(withCheck('11010519490100002'))).toBe(false);
    expect(isValidIdCard(withCheck('11010520991231002'))).toBe(false);
  });
});
