/**
 * F-63 统计报表 at city scale: N extra house accounts (default 500,000) in the demo's 侨城花园, each
 * with a deposit, an interest share and — for one in fifty — a closing refund and a cancelled house,
 * so the report reads about 3N house entries from the ledger. Times GET /api/office/reports/fund and
 * its Excel export through the API, and the ledger's R-52 closed-account check over N accounts (the
 * one statement a posting to all of them adds). The rows are written with generate_series, since
 * only the reading is measured. Runs on pglite in memory, or on PostgreSQL when DATABASE_URL names a
 * server: it creates a scratch database there and drops it afterwards.
 *   npx tsx bench/reports-city.ts [accounts]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/reports-city.ts
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../server/src/db/client.ts';
import { vacuumAndAnalyse } from '../server/src/db/vacuum.ts';
import { openDemoCity } from './demo-city.ts';

const extra = Number(process.argv[2] ?? 500_000);

const city = await openDemoCity('reports');
try {
  const db = city.handle.db;
  const office = await city.login('JMWXZJ', 'admin');
  const t0 = performance.now();
  await db.execute(sql`
    insert into houses (area_id, building_id, unit_id, floor, room, address, building_area, use, elevator, sales_status, deposit_timing, status)
    select u.area_id, u.building_id, u.id, 1, 'S' || lpad(g::text, 7, '0'), '规模测试 ' || g, 8000, '住宅', false, 'sold', '首期',
        case when g % 50 = 0 then 'cancelled' else 'normal' end
      from (select h.area_id, h.building_id, h.unit_id as id from houses h order by h.id limit 1) u, generate_series(1, ${extra}) g`);
  await db.execute(sql`
    insert into house_accounts (house_id, amount_due, status)
    select h.id, 100000, case when h.status = 'cancelled' then 'closed' else 'open' end from houses h where h.address like '规模测试 %'`);
  await db.execute(sql`
    insert into ledger_accounts (kind, house_id, name)
    select 'house', h.id, h.address from houses h where h.address like '规模测试 %'`);
  // Three transactions: one deposit, one interest share, one closing refund, each over many accounts.
  await db.execute(sql`insert into ledger_transactions (kind, reference, created_at) values
      ('deposit', 'JK-BENCH', now() - interval '40 days'), ('interest', 'ZZ-BENCH', now() - interval '10 days'), ('refund', 'TK-BENCH', now())`);
  const [dep, int, ref] = (
    await rowsOf<{ id: string }>(
      db,
      sql`select id::text from ledger_transactions where reference in ('JK-BENCH', 'ZZ-BENCH', 'TK-BENCH') order by id`,
    )
  ).map((r) => Number(r.id));
  await db.execute(sql`
    insert into ledger_entries (transaction_id, account_id, amount, created_at)
    select ${dep}::bigint, a.id, 100000, now() - interval '40 days' from ledger_accounts a join houses h on h.id = a.house_id where h.address like '规模测试 %'
    union all select ${int}::bigint, a.id, 123, now() - interval '10 days' from ledger_accounts a join houses h on h.id = a.house_id where h.address like '规模测试 %'
    union all select ${ref}::bigint, a.id, -100123, now() from ledger_accounts a join houses h on h.id = a.house_id where h.address like '规模测试 %' and h.status = 'cancelled'`);
  // One counter-entry per transaction on the custody account keeps each balanced (R-20).
  await db.execute(sql`
    insert into ledger_entries (transaction_id, account_id, amount, created_at)
    select e.transaction_id, (select id from ledger_accounts where kind = 'custody' and house_id is null), -sum(e.amount), max(e.created_at)
      from ledger_entries e where e.transaction_id in (${dep}, ${int}, ${ref}) group by e.transaction_id`);
  await db.execute(sql`
    update ledger_accounts a set balance = a.balance + s.total
      from (select account_id, sum(amount) as total from ledger_entries where transaction_id in (${dep}, ${int}, ${ref}) group by account_id) s
     where s.account_id = a.id`);
  await vacuumAndAnalyse(db);
  console.log(
    `${city.engine}: ${extra.toLocaleString('en')} extra house accounts written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const time = async (label: string, run: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      await run();
      times.push((performance.now() - s) / 1000);
    }
    console.log(`${label}: ${times.map((x) => x.toFixed(2)).join(' / ')} s`);
  };
  await time('GET /api/office/reports/fund', async () => {
    const r = await city.call(office, 'GET', '/api/office/reports/fund');
    if (r.city.deposited - r.city.refunded - r.city.disbursed + r.city.income !== r.city.balance) throw new Error('identity broken');
  });
  await time('GET /api/office/reports/fund.xlsx', () =>
    city.app.inject({ method: 'GET', url: '/api/office/reports/fund.xlsx', headers: office }).then((r) => {
      if (r.statusCode !== 200) throw new Error(r.body);
    }),
  );
  const ids = (
    await rowsOf<{ id: string }>(
      db,
      sql`select a.id::text from ledger_accounts a join houses h on h.id = a.house_id where h.address like '规模测试 %'`,
    )
  ).map((r) => r.id);
  await time(`R-52 closed-account check over ${ids.length.toLocaleString('en')} accounts`, () =>
    db.execute(sql`select la.name from ledger_accounts la join house_accounts ha on ha.house_id = la.house_id
      where la.id = any(${`{${ids.join(',')}}`}::bigint[]) and ha.status = 'closed' order by la.id`),
  );
} finally {
  await city.close();
}
