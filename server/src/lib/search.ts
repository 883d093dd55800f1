import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** A search text as an ILIKE pattern that finds it anywhere; its %, _ and \ stand for themselves, not wildcards. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A text's characters, lowered, as an array: what a `charactersIndex` holds, and `found` looks up. */
export const characters = (text: SQLWrapper): SQL => sql`regexp_split_to_array(lower(${text}), '')`;

/**
 * A text's pairs of neighbouring characters, lowered, as an array (with a leftover single character
 * and empty entries, which no pair equals): what a `pairsIndex` holds and `pairFound` looks up. The
 * pairs from each even position, then from each odd one, split at a character no text holds (chr 1);
 * built of PostgreSQL's own functions, so an index of them costs a write what the characters' does.
 */
export const pairs = (text: SQLWrapper): SQL =>
  sql`string_to_array(regexp_replace(lower(${text}), '(..)', '\\1' || chr(1), 'g') || chr(1) || regexp_replace(substr(lower(${text}), 2), '(..)', '\\1' || chr(1), 'g'), chr(1))`;

/**
 * The condition that `column` holds a text of exactly two characters (taken from `given`), whatever
 * their case, looked up in the column's index of pairs: the rows found are those that hold it, none
 * to confirm. An index of characters passes every row holding both characters anywhere: 工程进度证明
 * holds 程 and 明, and a search for 程明 read 54,796 of a city's audit records to find none.
 */
const pairFound = (column: SQLWrapper, given: unknown): SQL => sql`${pairs(column)} @> array[lower(${given}::text)]`;

/** The search indexes a column has besides its trigrams and characters: `pairs`, a `pairsIndex`. */
export interface SearchIndexes {
  pairs?: true;
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
 * (`holding`), one or two by its index of characters (`charactersIndex`): the rows that hold each of
 * the text's characters, then confirmed by position. Confirmed by a pattern, the planner would read
 * the trigram index as well, all of it, for nothing. Two characters of a column that also has an index
 * of pairs (`indexes.pairs`) are looked up by their pair. The statement's text depends on `text` only
 * through `foundShape`, so statements built once stay few; `given` names where it takes the text and
 * its pattern from (placeholders, or the values themselves).
 */
export function found(
  column: SQLWrapper,
  text: string,
  given: Pick<SearchGiven, 'text' | 'pattern'> = { text, pattern: containing(text) },
  indexes: SearchIndexes = {},
): SQL {
  if (!isShort(text)) return holding(column, text, given.pattern);
  if (indexes.pairs && [...text].length === 2) return pairFound(column, given.text);
  return sql`(${characters(column)} @> ${characters(sql`${given.text}::text`)} and ${heldWhole(column, text, given.text)})`;
}

/**
 * The confirmation, by position, that `column` holds `text` (taken from `given`) whatever the case of
 * its letters: what an index lookup that passes more rows than hold the text ends with.
 */
function heldWhole(column: SQLWrapper, text: string, given: unknown): SQL {
  return caseless(text) ? sql`strpos(${column}, ${given}::text) > 0` : sql`strpos(lower(${column}), lower(${given}::text)) > 0`;
}

/**
 * How many of a long business number's last characters are looked up in its index (`numberFound`):
 * a city's numbers share their beginning (kind, year), and differ at the end.
 */
export const NUMBER_TAIL = 6;

const isLong = (text: string): boolean => [...text].length > NUMBER_TAIL;

/**
 * `found` for a column of business numbers (交款通知单号, 申请编号): a text longer than `NUMBER_TAIL`
 * is looked up in the trigram index by its last characters alone, and confirmed whole by position.
 * Every number of the city has the trigrams of their common beginning: looked up whole, a number
 * held by one of 300,000 applications read 290 index pages (7 ms); by its end, 9 (0.4 ms).
 * `given.tail`: where the statement takes `containing` of the text's end from.
 */
export function numberFound(column: SQLWrapper, text: string, given: SearchGiven = searchValues(text), indexes: SearchIndexes = {}): SQL {
  if (!isLong(text)) return found(column, text, given, indexes);
  return sql`(${column} ilike ${given.tail} and ${heldWhole(column, text, given.text)})`;
}

/** Where a statement built with `found` and `numberFound` takes its text from. */
export interface SearchGiven {
  text: unknown;
  pattern: unknown;
  tail: unknown;
}

/**
 * The placeholders of a statement built once for every text of its shape (`foundShape`); their values
 * are `searchValues`. Each is read through a subquery, out of the planner's sight: a plan made for one
 * text then prices the same as the plan for any, and PostgreSQL keeps its one generic plan, which
 * reads the same indexes, instead of planning the statement again for every text. A 业务总览 search
 * by number spent 6.8 ms of its 7.7 ms in PostgreSQL planning (bench/README.md).
 */
const hidden = (name: string) => sql`(select ${sql.placeholder(name)}::text)`;
export const SEARCH_PLACEHOLDERS: SearchGiven = { text: hidden('text'), pattern: hidden('pattern'), tail: hidden('tail') };

/** The values of `SEARCH_PLACEHOLDERS` for `text`. */
export const searchValues = (text: string) => ({
  text,
  pattern: containing(text),
  tail: containing([...text].slice(-NUMBER_TAIL).join('')),
});

/** What a statement built with `found` and `numberFound` depends on of its text. */
export const foundShape = (text: string): string =>
  `${isShort(text) ? ' short' : isLong(text) ? ' long' : ''}${caseless(text) ? ' like' : ' ilike'}`;
