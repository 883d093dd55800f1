import { describe, expect, it } from 'vitest';
import { caseless, containing } from './search.ts';

describe('list searches', () => {
  it('F-60 a searched %, _ or \\ stands for itself, not for any text', () => {
    expect(containing('QT2026')).toBe('%QT2026%');
    expect(containing('100%')).toBe('%100\\%%');
    expect(containing('B_01')).toBe('%B\\_01%');
    expect(containing('a\\b')).toBe('%a\\\\b%');
  });

  it('F-10 a text without cased letters is matched as it is; one with them, whatever their case', () => {
    for (const text of ['1203', '王伟', '3栋1单元', '１２０３', '#-/']) expect(caseless(text), text).toBe(true);
    for (const text of ['A座', 'b101', 'Ａ座', 'Ö']) expect(caseless(text), text).toBe(false);
  });
});
