/**
 * Deposit confirmations per second on PostgreSQL through the real use case (F-23 confirmDeposit:
 * R-22 lookup, notice lock, balanced posting under account locks, audit), printed beside pgbench's
 * TPC-B-like tps on the same server in the same run. DATABASE_URL names a server and a database
 * to connect to for administration; the script creates two scratch databases there and drops them.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/deposits-pg.ts [clients] [seconds]
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { openPostgres } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { houses, organisations, propertyAreas } from '../server/src/db/schema/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/src/demo/seed.ts';
import { systemClock } from '../server/src/lib/clock.ts';
import type { Ctx } from '../server/src/lib/context.ts';
import { confirmDeposit } from '../server/src/modules/payments/bank.ts';
import { ensureDefaultStandards } from '../server/src/modules/standards/store.ts';

process.env.WYGL_PASSWORD_MEMORY_KIB ??= '1024';
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) throw new Error('set DATABASE_URL to a PostgreSQL server (any database the user may connect to)');
const clients = Number(process.argv[2] ?? 8);
const seconds = Number(process.argv[3] ?? 20);
const suffix = `${process.pid}_${Date.now()}`;
const appDb = `wygl_bench_${suffix}`;
const pgbenchDb = `wygl_pgbench_${suffix}`;
const urlOf = (db: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
};

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const version = (await admin.query('show server_version')).rows[0]?.server_version;
await admin.query(`create database ${appDb}`);
await admin.query(`create database ${pgbenchDb}`);
try {
  // pgbench first, on an idle server: TPC-B-like, scale 10, same number of clients.
  execFileSync('pgbench', ['-i', '-q', '-s', '10', urlOf(pgbenchDb)], { stdio: 'ignore' });
  const out = execFileSync('pgbench', ['-c', String(clients), '-j', '2', '-T', String(seconds), '-n', urlOf(pgbenchDb)]).toString();
  const pgbenchTps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);

  const handle = await openPostgres(urlOf(appDb), clients + 2);
  await migrate(handle, urlOf(appDb));
  await ensureDefaultStandards(handle.db);
  await seedDemo(handle);
  const app = await buildApp({ db: handle });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { orgCode: '91440703MA4WJM001Q', username: 'admin', password: DEMO_PASSWORD },
  });
  const headers = { cookie: `wygl_sid=${login.cookies.find((c) => c.name === 'wygl_sid')?.value}`, 'x-csrf-token': login.json().csrfToken };
  // One notice per house and purpose, so every confirmation is a fresh one (R-22 repeats are cheaper).
  const notices: { no: string; amount: bigint }[] = [];
  for (const area of await handle.db.select().from(propertyAreas)) {
    const list = await handle.db
      .select({ id: houses.id })
      .from(houses)
      .where(and(eq(houses.areaId, area.id), eq(houses.status, 'normal')));
    for (const purpose of ['replenish', 'other']) {
      const rows = list.map((h, i) => ({ houseId: h.id, amount: 10_000 + i }));
      const res = await app.inject({ method: 'POST', url: '/api/notices/custom', headers, payload: { areaId: area.id, purpose, rows } });
      if (res.statusCode !== 200) throw new Error(res.body.slice(0, 300));
      for (const [i, no] of (res.json().issued as string[]).entries()) notices.push({ no, amount: BigInt(rows[i]?.amount ?? 0) });
    }
  }
  const [bank] = await handle.db.select().from(organisations).where(eq(organisations.code, 'ICBCJM'));
  const ctx: Ctx = { db: handle.db, dbKind: handle.kind, clock: systemClock, actor: null, ip: 'bench' };
  let next = 0;
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline && next < notices.length) {
        const n = notices[next++] as (typeof notices)[number];
        await confirmDeposit(
          ctx,
          bank?.id as number,
          null,
          { noticeNo: n.no, amount: n.amount, channel: '柜台', bankRef: `B-${n.no}`, bankDate: '2026-11-22' },
          'api',
        );
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const appTps = done / elapsed;
  await app.close();
  await handle.close();
  console.log(`PostgreSQL ${version}, ${clients} clients, ${seconds} s each`);
  console.log(`pgbench TPC-B-like (scale 10)          ${pgbenchTps.toFixed(0)} tps`);
  console.log(
    `deposit confirmations (confirmDeposit) ${appTps.toFixed(0)} /s  (${done} of ${notices.length} notices in ${elapsed.toFixed(1)} s)`,
  );
  console.log(`ratio                                  ${((appTps / pgbenchTps) * 100).toFixed(1)} % of pgbench`);
} finally {
  await admin.query(`drop database if exists ${appDb} with (force)`);
  await admin.query(`drop database if exists ${pgbenchDb} with (force)`);
  await admin.end();
}
