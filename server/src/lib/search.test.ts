import { describe, expect, it } from 'vitest';
import { containing } from './search.ts';

describe('list searches', () => {
  it('F-60 a searched %, _ or \\ stands for itself, not for any text', () => {
    expect(containing('QT2026')).toBe('%QT2026%');
    expect(containing('100%')).toBe('%100\\%%');
    expect(containing('B_01')).toBe('%B\\_01%');
    expect(containing('a\\b')).toBe('%a\\\\b%');
  });
});
