import { scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import argon2 from 'argon2';

/**
 * Password hashes (SPEC §10). New hashes are argon2id at OWASP's Password Storage Cheat Sheet
 * minimum: 19 MiB of memory, 2 iterations, parallelism 1. The native library runs in libuv's thread
 * pool, so a login never blocks the event loop, and one hash costs tens of milliseconds where the
 * earlier scrypt N=2^17 (128 MiB) cost about a second on a 2-core machine.
 *
 * Every stored string carries its own algorithm and parameters (PHC format for argon2id,
 * `scrypt$N$r$p$salt$key` for the earlier hashes), so old hashes still verify and `needsRehash`
 * tells the login to store the current kind.
 */
export const OWASP_ARGON2ID = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Tests lower the memory (WYGL_PASSWORD_MEMORY_KIB) so thousands of hashes stay quick. */
export function passwordParams(env: Record<string, string | undefined> = process.env) {
  const memory = Number(env.WYGL_PASSWORD_MEMORY_KIB ?? OWASP_ARGON2ID.memoryCost);
  if (!Number.isInteger(memory) || memory < 8) throw new Error('WYGL_PASSWORD_MEMORY_KIB must be a whole number of KiB ≥ 8');
  return { ...OWASP_ARGON2ID, memoryCost: memory };
}

const PARAMS = passwordParams();

/**
 * At most this many hashes run at once, one core left to the event loop: a burst of logins queues
 * for the hashing cores instead of taking every core from the requests beside it.
 */
const HASHES_AT_ONCE = Math.max(1, availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];
async function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASHES_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return oneAtATime(() => argon2.hash(password, { type: argon2.argon2id, ...PARAMS }));
}

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return oneAtATime(async () => {
    if (stored.startsWith('$argon2')) {
      try {
        return await argon2.verify(stored, password);
      } catch {
        return false;
      }
    }
    return verifyScrypt(password, stored);
  });
}

/** True when a stored hash is not argon2id with the current parameters; the login then re-hashes. */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith('$argon2id$')) return true;
  try {
    return argon2.needsRehash(stored, PARAMS);
  } catch {
    return true;
  }
}

const SCRYPT_KEY_LEN = 32;

/** Hashes written before argon2id: `scrypt$N$r$p$salt$key`. */
async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  const expected = Buffer.from(key, 'base64');
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, Buffer.from(salt, 'base64'), SCRYPT_KEY_LEN, { N, r: R, p: P, maxmem: 256 * N * R + 1024 * 1024 }, (err, k) =>
      err ? reject(err) : resolve(k),
    ),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Verifying against this keeps the time of "no such user" equal to "wrong password". */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-Aa1!');
  return dummyHash;
}
