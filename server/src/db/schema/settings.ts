import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, ref } from './columns.ts';

/** Office configuration (F-62): one JSON value per key, every change audited. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: createdAt(),
  updatedBy: ref('updated_by'),
});
