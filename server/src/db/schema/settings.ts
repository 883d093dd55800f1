import { integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { ref, ts } from './columns.ts';

/** Office configuration (F-62): one JSON value per key, every change audited. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: ref('updated_by'),
});

/** Fixed-window request counters shared by every app instance (public lookup rate limits). */
export const rateCounters = pgTable('rate_counters', {
  key: text('key').primaryKey(),
  windowStart: ts('window_start').notNull(),
  count: integer('count').notNull().default(0),
});
