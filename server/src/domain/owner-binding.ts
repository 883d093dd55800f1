/** F-80 / R-80: the rules of owner letters and binding, as plain values and decisions. */

/** Letters and digits that cannot be misread on paper (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const CODE_LENGTH = 8;
/** A letter's code is valid this long after it is issued. */
export const LETTER_VALID_DAYS = 30;
/** wrong binding tries allowed per house per business day. */
export const MAX_BIND_TRIES = 5;

/** What an owner types: spaces and dashes dropped, case ignored (codes are printed in groups of four). */
export function normaliseCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** A code as printed: two groups of four. */
export function printedCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** ID numbers compare without regard to the case of a final X. */
export const sameIdNumber = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/** a try is refused once the house's count for the day (this try included) passes the limit. */
export const triesExhausted = (countWithThisTry: number) => countWithThisTry > MAX_BIND_TRIES;

/** a letter binds only while it is unused, not revoked by a newer one, and not expired. */
export function letterUsable(l: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): boolean {
  return l.usedAt === null && l.revokedAt === null && l.expiresAt.getTime() > now.getTime();
}
