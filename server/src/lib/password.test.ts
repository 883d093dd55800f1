import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, OWASP_ARGON2ID, passwordParams, verifyPassword } from './password.ts';

describe('§10 password hashes', () => {
  it('§10 new hashes default to argon2id at OWASP’s minimum: 19 MiB, 2 iterations, parallelism 1', () => {
    expect(passwordParams({})).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(OWASP_ARGON2ID.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
    expect(() => passwordParams({ WYGL_PASSWORD_MEMORY_KIB: 'lots' })).toThrow();
  });

  it('§10 a new hash is argon2id carrying its parameters, verifies its password and refuses another', async () => {
    const stored = await hashPassword('Secret#2026');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=\d+,p=1,t=2\$/);
    expect(await verifyPassword('Secret#2026', stored)).toBe(true);
    expect(await verifyPassword('Secret#2027', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('§10 an earlier scrypt hash still verifies and is marked for re-hashing', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('Secret#2026', salt, 32, { N: 1024, r: 8, p: 1 });
    const legacy = `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(await verifyPassword('Secret#2026', legacy)).toBe(true);
    expect(await verifyPassword('Secret#2027', legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
    expect(needsRehash('$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g')).toBe(true);
  });

  it('§10 a malformed stored hash verifies nothing', async () => {
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', '$argon2id$broken')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1$2')).toBe(false);
  });
});
