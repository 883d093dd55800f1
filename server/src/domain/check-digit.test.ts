import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasValidCheckDigit, luhnDigit, withCheckDigit } from './check-digit.ts';

describe('§5 payment notice numbers carry a check digit', () => {
  it('computes the Luhn digit (known vector 7992739871 → 3)', () => {
    expect(luhnDigit('7992739871')).toBe('3');
  });

  it('accepts its own numbers and catches any single mistyped digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.nat(11), fc.integer({ min: 1, max: 9 }), (digits, pos, delta) => {
        const no = withCheckDigit(`JK${digits}`);
        expect(hasValidCheckDigit(no)).toBe(true);
        const i = 2 + pos;
        const typo = no.slice(0, i) + String((Number(no[i]) + delta) % 10) + no.slice(i + 1);
        return !hasValidCheckDigit(typo);
      }),
    );
  });

  it('§5 a number needs a digit besides its check digit', () => {
    expect(hasValidCheckDigit('JK0')).toBe(false);
    expect(hasValidCheckDigit('')).toBe(false);
    expect(hasValidCheckDigit('18')).toBe(true);
    expect(hasValidCheckDigit('17')).toBe(false);
  });
});
