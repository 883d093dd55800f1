import { describe, expect, it } from 'vitest';
import { letterUsable, normaliseCode, printedCode, sameIdNumber, triesExhausted } from './owner-binding.ts';

describe('R-80 owner letters and binding', () => {
  it('R-80 a typed code ignores spaces, dashes and letter case', () => {
    expect(normaliseCode(' acde-fg34\t')).toBe('ACDEFG34');
    expect(normaliseCode('ACDE FG34')).toBe('ACDEFG34');
    expect(normaliseCode('a-c-d-e')).toBe('ACDE');
    expect(printedCode('ACDEFG34')).toBe('ACDE-FG34');
  });

  it('R-80 ID numbers match whatever the case of a final X and surrounding spaces', () => {
    expect(sameIdNumber(' 11010519491231002x', '11010519491231002X ')).toBe(true);
    expect(sameIdNumber('110105194912310021', '110105194912310022')).toBe(false);
  });

  it('R-80 five tries a day are allowed and the sixth is refused', () => {
    expect(triesExhausted(1)).toBe(false);
    expect(triesExhausted(5)).toBe(false);
    expect(triesExhausted(6)).toBe(true);
  });

  it('R-80 a letter binds only unused, unrevoked and before its expiry instant', () => {
    const now = new Date('2026-03-01T08:00:00Z');
    const fresh = { usedAt: null, revokedAt: null, expiresAt: new Date('2026-03-01T08:00:00.001Z') };
    expect(letterUsable(fresh, now)).toBe(true);
    expect(letterUsable({ ...fresh, expiresAt: now }, now)).toBe(false);
    expect(letterUsable({ ...fresh, usedAt: now }, now)).toBe(false);
    expect(letterUsable({ ...fresh, revokedAt: now }, now)).toBe(false);
  });
});
