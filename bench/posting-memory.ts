/**
 * Resident memory (RSS) of the process around one ledger posting over N house accounts (default
 * 500,000) that fails — every account would go below zero, so R-21 refuses it naming them — and one
 * that succeeds, beside the RSS of the idle engine. The accounts are written by set-based SQL (as
 * server/test/ledger-scale.test.ts does) into a pglite data folder on disk, so the data itself is
 * not in the process's memory; or into a scratch PostgreSQL database when DATABASE_URL names a
 * server (then only the Node.js side's memory is this process's). RSS is sampled every 20 ms; the
 * goal is that no operation grows it by more than 300 MB.
 *   npx tsx bench/posting-memory.ts [accounts]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/posting-memory.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type DbHandle, openPglite, openPostgres, rowsOf } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { checkLedger } from '../server/src/ledger/check.ts';
import { post, systemAccount } from '../server/src/ledger/post.ts';
import { seedDemo } from '../server/src/demo/seed.ts';
import { ensureDefaultStandards } from '../server/src/modules/standards/store.ts';

process.env.WYGL_PASSWORD_MEMORY_KIB ??= '1024';
const N = Number(process.argv[2] ?? 500_000);
const mb = (b: number) => Math.round(b / 1048576);
const rss = () => mb(process.memoryUsage().rss);

/** Runs `fn`, sampling RSS meanwhile; returns the peak and the RSS afterwards. */
async function watched(fn: () => Promise<unknown>) {
  global.gc?.();
  const before = rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 20);
  const t0 = performance.now();
  let outcome = 'ok';
  try {
    await fn();
  } catch (err) {
    outcome = `refused: ${(err as Error).message.slice(0, 60)}`;
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, rss());
  const seconds = (performance.now() - t0) / 1000;
  global.gc?.();
  return { before, peak, after: rss(), seconds, outcome };
}

const adminUrl = process.env.DATABASE_URL;
const scratch = `wygl_bench_memory_${process.pid}`;
const folder = adminUrl ? null : mkdtempSync(join(tmpdir(), 'wygl-memory-'));
let handle: DbHandle | undefined;
const admin = adminUrl ? new pg.Client({ connectionString: adminUrl }) : null;
try {
  let url: string | undefined;
  if (admin && adminUrl) {
    await admin.connect();
    await admin.query(`create database ${scratch}`);
    const u = new URL(adminUrl);
    u.pathname = `/${scratch}`;
    url = u.toString();
  }
  handle = url ? await openPostgres(url) : await openPglite(join(folder as string, 'data'));
  await migrate(handle, url);
  await ensureDefaultStandards(handle.db);
  await seedDemo(handle);
  const db = handle.db;
  await db.execute(sql`
    insert into houses (area_id, building_id, unit_id, floor, room, address, building_area, use, elevator, sales_status, deposit_timing)
    select u.area_id, u.building_id, u.id, 1, 'M' || lpad(g::text, 7, '0'), '内存测试 ' || g, 8000, '住宅', false, 'sold', '首期'
      from (select h.area_id, h.building_id, h.unit_id as id from houses h order by h.id limit 1) u, generate_series(1, ${N}) g`);
  await db.execute(sql`insert into house_accounts (house_id, amount_due)
    select h.id, 100000 from houses h where h.address like '内存测试 %'`);
  await db.execute(sql`insert into ledger_accounts (kind, house_id, name)
    select 'house', h.id, h.address from houses h where h.address like '内存测试 %'`);
  await db.execute(sql`analyze`);
  const accounts = (
    await rowsOf<{ id: string }>(
      db,
      sql`select a.id::text as id from ledger_accounts a join houses h on h.id = a.house_id where h.address like '内存测试 %' order by a.id`,
    )
  ).map((r) => Number(r.id));
  await new Promise((r) => setTimeout(r, 2_000));
  const idle = rss();

  const posting = (sign: bigint, reference: string) =>
    db.transaction(async (tx) => {
      const custody = await systemAccount(tx, 'custody');
      await post(tx, {
        kind: 'deposit',
        reference,
        at: new Date(),
        entries: [
          ...accounts.map((accountId) => ({ accountId, amount: sign * 1000n })),
          { accountId: custody, amount: -sign * 1000n * BigInt(accounts.length) },
        ],
      });
    });
  const failed = await watched(() => posting(-1n, 'MEM-FAIL'));
  const succeeded = await watched(() => posting(1n, 'MEM-OK'));
  const breaches = await checkLedger(db);
  await new Promise((r) => setTimeout(r, 2_000));
  console.log(`${accounts.length} house accounts on ${handle.kind}; RSS in MB`);
  console.log(`idle after building them                ${idle}`);
  for (const [label, m] of [
    ['failed posting (every account short)', failed],
    ['successful posting', succeeded],
  ] as const)
    console.log(
      `${label.padEnd(40)} before ${m.before}  peak ${m.peak} (+${m.peak - m.before})  after ${m.after}  ${m.seconds.toFixed(1)} s  ${m.outcome}`,
    );
  console.log(`idle at the end                         ${rss()}`);
  console.log(`ledger check: ${breaches.length === 0 ? 'clean' : `${breaches.length} breaches`}`);
  if (breaches.length > 0) process.exitCode = 1;
} finally {
  await handle?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  if (admin) {
    await admin.query(`drop database if exists ${scratch} with (force)`);
    await admin.end();
  }
}
