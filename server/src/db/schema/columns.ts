import { bigint, timestamp } from 'drizzle-orm/pg-core';

/** Surrogate keys: bigint identity, exposed as JS numbers (safe far beyond any city's row counts). */
export const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
export const ref = (name: string) => bigint(name, { mode: 'number' });
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const ts = (name: string) => timestamp(name, { withTimezone: true });
