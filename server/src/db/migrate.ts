import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import { pgSchema, serial, text } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Db, DbHandle } from './client.ts';

/** Source tree: src/db/migrations; bundle: dist/migrations (copied by the build). */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Any constant works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK = 7_041_977;

export async function migrate(handle: DbHandle, url?: string): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  // Several instances may start at once: one migrates, the others wait on the advisory lock.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

/** drizzle's own bookkeeping table, read-only here; not part of the app schema. */
const appliedMigrations = pgSchema('drizzle').table('__drizzle_migrations', { id: serial('id').primaryKey(), hash: text('hash') });

export interface MigrationState {
  applied: number;
  known: number;
  latest: string | null;
  upToDate: boolean;
}

/** The migrations this program ships: fixed for its life, so read once, not on every health check. */
let shipped: { entries: { tag: string }[] } | undefined;
const journal = () => {
  shipped ??= JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: { tag: string }[] };
  return shipped;
};

export async function migrationState(db: Db): Promise<MigrationState> {
  const { entries } = journal();
  const [row] = await db.select({ n: count() }).from(appliedMigrations);
  const applied = row?.n ?? 0;
  const known = entries.length;
  return { applied, known, latest: entries.at(-1)?.tag ?? null, upToDate: applied === known };
}
