/**
 * F-60 业务总览 at city scale: the office's one list over registry applications, project requests
 * and 退款指令, timed through the API with N rows of each (default 100,000: 300,000 in all).
 * The first of each is made the real way (a 房屋注销 pushed through leaves a 退款指令; the demo's
 * projects have their requests); the rest are copies written with generate_series, since only the
 * list's reading is measured. Runs on pglite in memory, or on PostgreSQL when DATABASE_URL names a
 * server: it creates a scratch database there and drops it afterwards.
 *   npx tsx bench/overview-300k.ts [rows per kind]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/overview-300k.ts
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { vacuumAndAnalyse } from '../server/src/db/vacuum.ts';
import { openDemoCity } from './demo-city.ts';

const perKind = Number(process.argv[2] ?? 100_000);

const city = await openDemoCity('overview');
try {
  const { call, login } = city;
  const db = city.handle.db;
  const dev = await login('91440703MA4WJM001Q', 'admin');
  const office = await login('JMWXZJ', 'admin');

  // The real path once: a paid-up house cancelled, which leaves a 退款指令 for the bank.
  const areaId = (await call(dev, 'GET', '/api/areas?pageSize=50')).items.find((a: { name: string }) => a.name === '侨城花园').id;
  const house = (await call(dev, 'GET', `/api/areas/${areaId}/houses?q=${encodeURIComponent('3栋')}&status=normal&pageSize=1`)).items[0];
  const app1 = await call(dev, 'POST', '/api/applications', { type: 'house_cancellation', areaId, form: { reason: '旧城改造拆迁' } });
  const account = { accountName: '业主甲', bank: '中国工商银行江门分行', accountNo: '6222020000001234567' };
  await call(dev, 'PUT', `/api/applications/${app1.id}/items/house`, { rows: [{ houseId: house.id, refundAccount: account }] });
  await call(dev, 'POST', `/api/applications/${app1.id}/submit`);
  const kept = (await call(office, 'GET', `/api/applications/${app1.id}`)).requiredDocuments;
  await call(office, 'POST', `/api/applications/${app1.id}/accept`, { received: kept });
  await call(office, 'POST', `/api/applications/${app1.id}/approve`);

  // Copies: spread over a year, every status, so the stage filters have something to find.
  const t0 = performance.now();
  await db.execute(sql`
    insert into applications (no, type, org_id, area_id, status, form, created_by, created_at, updated_at, submitted_at)
    select 'BA' || lpad(g::text, 9, '0'), (array['house_change', 'ownership_change', 'house_cancellation'])[1 + g % 3],
           a.org_id, a.area_id, (array['submitted', 'accepted', 'approved', 'rejected', 'withdrawn'])[1 + g % 5], '{}'::jsonb,
           a.created_by, a.created_at, a.updated_at, now() - ((g * 5) % 525600) * interval '1 minute'
      from applications a, generate_series(1, ${perKind}) g where a.id = ${app1.id}`);
  await db.execute(sql`
    insert into project_requests (no, project_id, kind, status, amount, submitted_at)
    select 'BR' || lpad(g::text, 9, '0'), r.project_id, r.kind, (array['submitted', 'accepted', 'approved', 'confirmed', 'rejected'])[1 + g % 5],
           r.amount, now() - ((g * 5) % 525600) * interval '1 minute'
      from (select * from project_requests where kind = 'disbursement' order by id limit 1) r, generate_series(1, ${perKind}) g`);
  await db.execute(sql`
    insert into refunds (no, reason, application_id, fund_instruction_id, area_id, house_id, amount, account, status, transaction_id, created_at)
    select 'BT' || lpad(g::text, 9, '0'), r.reason, r.application_id, r.fund_instruction_id, r.area_id, r.house_id, r.amount, r.account,
           (array['pending', 'paid'])[1 + g % 2], r.transaction_id, now() - ((g * 5) % 525600) * interval '1 minute'
      from (select * from refunds where application_id = ${app1.id} limit 1) r, generate_series(1, ${perKind}) g`);
  // As the server keeps them (db/vacuum.ts; PostgreSQL's autovacuum would get there by itself).
  await vacuumAndAnalyse(db);
  const copying = (performance.now() - t0) / 1000;

  const figures: [string, number, number][] = [];
  const timed = async (label: string, query: string) => {
    await call(office, 'GET', `/api/office/inbox?${query}`); // warm
    const t = performance.now();
    const res = await call(office, 'GET', `/api/office/inbox?${query}`);
    figures.push([label, (performance.now() - t) / 1000, res.total]);
    return res;
  };
  const first = await timed('page 1, no filter', 'pageSize=20');
  await timed('stage=to_accept', 'stage=to_accept&pageSize=20');
  await timed('kind=house_refund, at_bank', 'kind=house_refund&stage=at_bank&pageSize=20');
  await timed('one area', `areaId=${areaId}&pageSize=20`);
  await timed('last 30 days', `from=${new Date(Date.now() - 30 * 86_400_000).toISOString()}&pageSize=20`);
  await timed('one number (q)', `q=BT${String(Math.ceil(perKind / 2)).padStart(9, '0')}&pageSize=20`);
  await timed('last page', `pageSize=20&page=${Math.ceil(first.total / 20)}`);

  console.log(`${city.engine}: ${first.total} listed (${perKind} copies of each kind written in ${copying.toFixed(1)} s)`);
  for (const [label, s, total] of figures) console.log(`${label.padEnd(28)} ${s.toFixed(2)} s  (${total} rows match)`);
} finally {
  await city.close();
}
