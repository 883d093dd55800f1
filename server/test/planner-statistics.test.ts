import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, rowsOf, type DbHandle } from '../src/db/client.ts';
import { keepPlannerStatistics, refreshPlannerStatistics } from '../src/db/statistics.ts';
import { openTestDb } from './harness.ts';

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDb();
});
afterAll(() => handle.close());

const plannedHouses = async () =>
  Number((await rowsOf<{ n: string }>(handle.db, sql`select reltuples::bigint::text as n from pg_class where relname = 'houses'`))[0]?.n);

describe('planner statistics (performance at city scale)', () => {
  it('F-60 after a refresh the planner knows how many houses there are, so lists page by their indexes', async () => {
    await refreshPlannerStatistics(handle.db);
    const [actual] = await rowsOf<{ n: string }>(handle.db, sql`select count(*)::text as n from houses`);
    expect(Number(actual?.n)).toBeGreaterThan(1000);
    expect(await plannedHouses()).toBe(Number(actual?.n));
  });

  it('F-60 the embedded database is analysed as the server starts: the first statement after is planned with the statistics, and stopping waits for a run in progress', async () => {
    const embedded = await openPglite();
    try {
      await embedded.db.execute(sql`create table probe as select g as n from generate_series(1, 1000) g`);
      const planned = async () =>
        Number(
          (await rowsOf<{ n: string }>(embedded.db, sql`select reltuples::bigint::text as n from pg_class where relname = 'probe'`))[0]?.n,
        );
      expect(await planned()).toBe(-1);
      // Not awaited: the server listens at once, and its one connection answers after the run.
      const statistics = keepPlannerStatistics(embedded, 60_000);
      expect(await planned()).toBe(1000);
      await statistics.stop();
    } finally {
      await embedded.close();
    }
  });
});
