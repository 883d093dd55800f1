import pg from 'pg';
import type { DbHandle } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { isEmpty, seedDemo } from '../demo/seed.ts';
import { ensureDefaultStandards } from '../modules/standards/store.ts';

// Constants shared by every instance of the app; distinct from migrate.ts's own lock.
const STARTUP_LOCK = 7_041_978;

/**
 * Runs `work` while holding the database's start-up lock: of several instances started together on
 * one PostgreSQL database, one does the work and the others wait, then find it done. An embedded
 * database is opened by one process only (data-dir-lock.ts), so it needs no lock. The lock is held
 * by a connection of its own and released if that connection dies with its process.
 */
export async function underStartupLock<T>(handle: DbHandle, url: string | undefined, work: () => Promise<T>): Promise<T> {
  if (handle.kind === 'pglite' || !url) return work();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}

export interface Prepared {
  /** Nothing in it yet: no organisation. */
  empty: boolean;
  /** The demo city was loaded by this start. */
  seeded: boolean;
}

/** Migrations, the default deposit standards and, when asked for on an empty database, the demo city. */
export async function prepareDatabase(handle: DbHandle, url: string | undefined, wantsDemo: boolean): Promise<Prepared> {
  return underStartupLock(handle, url, async () => {
    await migrate(handle, url);
    await ensureDefaultStandards(handle.db);
    const empty = await isEmpty(handle.db);
    if (!wantsDemo || !empty) return { empty, seeded: false };
    console.log('loading the demo city (正在载入演示数据)…');
    await seedDemo(handle);
    return { empty, seeded: true };
  });
}
