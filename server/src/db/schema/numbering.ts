import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Per prefix and business day counters behind business numbers (SPEC §10 "Numbers"). */
export const businessCounters = pgTable(
  'business_counters',
  {
    prefix: text('prefix').notNull(),
    day: text('day').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.day] })],
);
