import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, rowsOf, type DbHandle } from '../src/db/client.ts';
import { keepEmbeddedVacuumed, vacuumAndAnalyse, vacuumAndAnalyseDue } from '../src/db/vacuum.ts';
import { openTestDb } from './harness.ts';

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDb();
});
afterAll(() => handle.close());

const plannedHouses = async () =>
  Number((await rowsOf<{ n: string }>(handle.db, sql`select reltuples::bigint::text as n from pg_class where relname = 'houses'`))[0]?.n);

describe('vacuum and planner statistics (performance at city scale)', () => {
  it('F-60 after a refresh the planner knows how many houses there are, so lists page by their indexes', async () => {
    await vacuumAndAnalyse(handle.db);
    const [actual] = await rowsOf<{ n: string }>(handle.db, sql`select count(*)::text as n from houses`);
    expect(Number(actual?.n)).toBeGreaterThan(1000);
    expect(await plannedHouses()).toBe(Number(actual?.n));
  });

  it('F-60 a refresh after a bulk load analyses every table, also one whose writes the engine has not yet counted', async () => {
    const embedded = await openPglite();
    try {
      await embedded.db.execute(sql`create table loaded as select g as n, 'a' as kind from generate_series(1, 10000) g`);
      await vacuumAndAnalyse(embedded.db);
      // Rewritten in place, the same size: only a fresh analysis knows the kinds changed.
      await embedded.db.execute(sql`update loaded set kind = 'b'`);
      await embedded.db.execute(sql`vacuum full loaded`);
      await vacuumAndAnalyse(embedded.db);
      const [kinds] = await rowsOf<{ common: string }>(
        embedded.db,
        sql`select most_common_vals::text as common from pg_stats where tablename = 'loaded' and attname = 'kind'`,
      );
      expect(kinds?.common).toBe('{b}');
    } finally {
      await embedded.close();
    }
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
      const statistics = keepEmbeddedVacuumed(embedded, 60_000);
      expect(await planned()).toBe(1000);
      await statistics.stop();
    } finally {
      await embedded.close();
    }
  });

  it('F-60 the embedded database, which has no autovacuum, is vacuumed as the server starts: deleted rows leave space that new rows take, and pages are marked all-visible so lists read their indexes alone', async () => {
    const embedded = await openPglite();
    try {
      const size = async () =>
        (
          await rowsOf<{ bytes: string; visible: string }>(
            embedded.db,
            sql`select pg_relation_size('probe')::text as bytes, relallvisible::text as visible from pg_class where relname = 'probe'`,
          )
        )[0];
      await embedded.db.execute(sql`create table probe (n int primary key, label text)`);
      await embedded.db.execute(sql`insert into probe select g, repeat('x', 200) from generate_series(1, 5000) g`);
      const full = Number((await size())?.bytes);
      await embedded.db.execute(sql`delete from probe`);
      const started = keepEmbeddedVacuumed(embedded, 60_000);
      await started.stop();
      await embedded.db.execute(sql`insert into probe select g, repeat('x', 200) from generate_series(1, 5000) g`);
      // Without a vacuum the deleted rows still hold their space, and the table doubles.
      expect(Number((await size())?.bytes)).toBe(full);
      const again = keepEmbeddedVacuumed(embedded, 60_000);
      await again.stop();
      // Every page of the table is marked all-visible (8 kB a page).
      expect(Number((await size())?.visible)).toBe(full / 8192);
    } finally {
      await embedded.close();
    }
  });

  it('F-60 a request that arrives while the embedded database is vacuumed is answered between two tables, not after the whole database', async () => {
    const embedded = await openPglite();
    try {
      for (let t = 0; t < 20; t++)
        await embedded.db.execute(sql.raw(`create table probe${t} as select g as n from generate_series(1, 20000) g`));
      const order: string[] = [];
      // The request is sent as the first table's vacuum begins: it waits for that table alone.
      const client = (embedded.db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
      const query = client.query;
      let request: Promise<unknown> | undefined;
      client.query = (...args: unknown[]) => {
        const sent = query.apply(client, args);
        if (!request && /^vacuum/.test(String(args[0]))) {
          request = query.call(client, 'select 1').then(() => order.push('request'));
        }
        return sent;
      };
      const maintenance = keepEmbeddedVacuumed(embedded, 60_000);
      await maintenance.stop();
      order.push('vacuum done');
      client.query = query;
      await request;
      expect(order).toEqual(['request', 'vacuum done']);
    } finally {
      await embedded.close();
    }
  });

  it('F-60 every six hours the embedded database analyses again only the tables much written to since: a large table that barely changed does not hold the one connection', async () => {
    const embedded = await openPglite();
    try {
      await embedded.db.execute(sql`create table busy as select g as n from generate_series(1, 1000) g`);
      await embedded.db.execute(sql`create table settled as select g as n from generate_series(1, 100000) g`);
      // The engine files what was written, and what was analysed, at most once a second.
      const filed = async () => {
        await new Promise((r) => setTimeout(r, 1100));
        await embedded.db.execute(sql`select 1`);
      };
      await filed();
      await vacuumAndAnalyse(embedded.db);
      await embedded.db.execute(sql`insert into busy select g from generate_series(1001, 2000) g`);
      await embedded.db.execute(sql`insert into settled select g from generate_series(100001, 100100) g`);
      await filed();
      await vacuumAndAnalyseDue(embedded.db);
      await filed();
      const analysed = await rowsOf<{ name: string; n: string }>(
        embedded.db,
        sql`select relname as name, analyze_count::text as n from pg_stat_user_tables where relname in ('busy', 'settled') order by relname`,
      );
      // Both at the start; since then only the table whose rows doubled.
      expect(analysed).toEqual([
        { name: 'busy', n: '2' },
        { name: 'settled', n: '1' },
      ]);
      const [planned] = await rowsOf<{ n: string }>(
        embedded.db,
        sql`select reltuples::bigint::text as n from pg_class where relname = 'busy'`,
      );
      expect(Number(planned?.n)).toBe(2000);
    } finally {
      await embedded.close();
    }
  });

  it('F-60 a restart of the embedded server analyses only the tables whose statistics are missing or whose size moved since: a settled city does not hold the first requests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wygl-vacuum-'));
    try {
      const first = await openPglite(join(dir, 'data'));
      await first.db.execute(sql`create table settled as select g as n from generate_series(1, 100000) g`);
      await first.db.execute(sql`create table grown as select g as n from generate_series(1, 20000) g`);
      await vacuumAndAnalyse(first.db);
      await first.close();
      const again = await openPglite(join(dir, 'data'));
      try {
        await again.db.execute(sql`insert into grown select g from generate_series(20001, 40000) g`);
        await again.db.execute(sql`create table fresh as select g as n from generate_series(1, 1000) g`);
        const started = keepEmbeddedVacuumed(again, 60_000);
        await started.stop();
        const planned = await rowsOf<{ name: string; thousands: string; stats: boolean }>(
          again.db,
          sql`select c.relname as name, round(c.reltuples / 1000)::text as thousands, exists (select 1 from pg_statistic st where st.starelid = c.oid) as stats
                from pg_class c where c.relname in ('settled', 'grown', 'fresh') order by c.relname`,
        );
        expect(planned).toEqual([
          { name: 'fresh', thousands: '1', stats: true },
          { name: 'grown', thousands: '40', stats: true },
          { name: 'settled', thousands: '100', stats: true },
        ]);
        // What the engine files of this run once a second: only the two tables whose statistics were due.
        await new Promise((r) => setTimeout(r, 1100));
        await again.db.execute(sql`select 1`);
        const counts = await rowsOf<{ name: string; n: string }>(
          again.db,
          sql`select relname as name, analyze_count::text as n from pg_stat_user_tables where relname in ('settled', 'grown', 'fresh') order by relname`,
        );
        expect(counts).toEqual([
          { name: 'fresh', n: '1' },
          { name: 'grown', n: '1' },
          { name: 'settled', n: '0' },
        ]);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
