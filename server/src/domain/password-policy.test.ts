import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

describe('§10 password policy', () => {
  it('accepts 8+ characters with three of upper, lower, digit, symbol', () => {
    for (const ok of ['Abcdefg1', 'abcdef1!', 'ABCDEF1!', 'Abcdefg!', 'Wygl@2026']) expect(passwordProblem(ok)).toBeNull();
  });

  it('refuses short passwords and those with fewer than three classes', () => {
    for (const bad of ['Ab1!', 'abcdefgh', 'abcdefg1', 'ABCDEFG!', '12345678', '']) expect(passwordProblem(bad)).toContain('至少 8 位');
  });

  it('never accepts a password of fewer than 8 characters, whatever it holds', () => {
    fc.assert(fc.property(fc.string({ maxLength: 7 }), (s) => passwordProblem(s) !== null));
  });

  it('§10 accepts up to 128 characters and refuses one more', () => {
    expect(passwordProblem(`Aa1${'x'.repeat(125)}`)).toBeNull();
    expect(passwordProblem(`Aa1${'x'.repeat(126)}`)).toContain('至少 8 位');
  });
});
