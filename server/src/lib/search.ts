import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** A search text as an ILIKE pattern that finds it anywhere; its %, _ and \ stand for themselves, not wildcards. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Whether a text has no letter with an upper and a lower case: digits, Chinese, punctuation. */
export const caseless = (text: string): boolean => text.toLowerCase() === text.toUpperCase();

/**
 * The condition that `column` holds `text` anywhere, whatever the case of its letters. ILIKE lowers
 * both sides before comparing, every row's text on every search; a text without cased letters finds
 * the same rows with LIKE, which reads them as they are — on an area's 2,000 addresses in a quarter
 * of the time (bench/README.md). Most of what is searched is a room number or a Chinese name.
 * `pattern`: where the statement takes `containing(text)` from, if not from the text itself (a placeholder).
 */
export function holding(column: SQLWrapper, text: string, pattern: unknown = containing(text)): SQL {
  return caseless(text) ? sql`${column} like ${pattern}` : sql`${column} ilike ${pattern}`;
}
