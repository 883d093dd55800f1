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

/** A text of one or two characters: it has no trigram, so no trigram index can find it. */
export const isShort = (text: string): boolean => [...text].length <= 2;

/**
 * The condition that `column` holds `text` anywhere, whatever the case of its letters, found through
 * an index however short the text: three characters or more by the column's trigram index
 * (`holding`), one or two by its index of pieces (`piecesIndex`), in which the lowered text is itself
 * one piece. The short text is then confirmed by position, not by a pattern: a pattern would let the
 * planner read the trigram index as well, all of it, for nothing. The statement's text depends on
 * `text` only through `isShort` and `caseless`, so statements built once stay few; `given` names
 * where it takes the text and its pattern from (placeholders, or the values themselves).
 */
export function found(
  column: SQLWrapper,
  text: string,
  given: { text: unknown; pattern: unknown } = { text, pattern: containing(text) },
): SQL {
  if (!isShort(text)) return holding(column, text, given.pattern);
  const piece = sql`text_pieces(${column}) @> array[lower(${given.text}::text)]`;
  return caseless(text)
    ? sql`(${piece} and strpos(${column}, ${given.text}::text) > 0)`
    : sql`(${piece} and strpos(lower(${column}), lower(${given.text}::text)) > 0)`;
}

/** What a statement built with `found` depends on of its text: ' short' or '', ' like' or ' ilike'. */
export const foundShape = (text: string): string => `${isShort(text) ? ' short' : ''}${caseless(text) ? ' like' : ' ilike'}`;
