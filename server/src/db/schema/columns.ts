import { characters, pairs } from '../../lib/search.ts';
import { SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { bigint, type ExtraConfigColumn, index, timestamp } from 'drizzle-orm/pg-core';

/** Surrogate keys: bigint identity, exposed as JS numbers (safe far beyond any city's row counts). */
export const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
export const ref = (name: string) => bigint(name, { mode: 'number' });
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A GIN index gathers new rows in a pending list that every search reads in full until a vacuum or
 * the list's limit folds it in. Kept to 64 kB for the search indexes, a batch of new rows costs a
 * little more to write (10,000 notices: 0.62 s instead of 0.39 s) and a search just after it reads
 * a few pending pages, not hundreds (0.6 ms instead of 9.3 ms; bench/README.md).
 */
export const TRIGRAM_PENDING_KB = 64;

/** A search index for part of a text (`ilike '%…%'`), by trigrams: of a column, or of an expression (`SQL`). */
export const trigramIndex = (name: string, text: ExtraConfigColumn | SQL) =>
  index(name)
    .using('gin', text instanceof SQL ? sql`${text} gin_trgm_ops` : text.op('gin_trgm_ops'))
    .with({ gin_pending_list_limit: TRIGRAM_PENDING_KB });

/**
 * A search index for a text too short to have a trigram (one or two characters: a surname, 王伟), by
 * its characters: a row holds the text only if it holds each of its characters (`found`). Built by
 * PostgreSQL's own functions, it costs a batch of new rows about what their trigram index does.
 */
export const charactersIndex = (name: string, text: SQLWrapper) =>
  index(name).using('gin', characters(text)).with({ gin_pending_list_limit: TRIGRAM_PENDING_KB });

/**
 * A search index for a text of two characters (a given name, 王伟) by its pairs of neighbouring
 * characters (`found` with `{ pairs: true }`): exact, where the characters' index passes every row
 * holding both anywhere.
 */
export const pairsIndex = (name: string, text: SQLWrapper) =>
  index(name).using('gin', pairs(text)).with({ gin_pending_list_limit: TRIGRAM_PENDING_KB });
