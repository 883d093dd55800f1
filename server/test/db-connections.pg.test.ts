import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtOnce, type Db, rowsOf, type Tx } from '../src/db/client.ts';
import { transaction } from '../src/db/retry.ts';
import { organisations, propertyAreas } from '../src/db/schema/index.ts';
import { systemClock } from '../src/lib/clock.ts';
import { actorOf } from '../src/modules/auth/sessions.ts';
import { listHouses } from '../src/modules/registry/service.ts';
import { confirmDeposit } from '../src/modules/payments/bank.ts';
import { officeInbox } from '../src/modules/office/inbox.ts';
import { oneHouseNotices } from './bank-api-fixtures.ts';
import { DEMO } from './fixtures.ts';
import { testApp, type TestApp } from './harness.ts';

/**
 * How the server's PostgreSQL connections are set up and its statements prepared. The embedded
 * engine has no JIT compiler and ignores statement names, so this file runs in the PostgreSQL suite
 * only (`*.pg.test.ts`).
 */
let t: TestApp;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

it('F-10 a statement the planner prices high is never compiled to machine code first: a city search waited 150 ms for that', async () => {
  // PostgreSQL compiles a statement whose estimated cost passes jit_above_cost before running it. A
  // house search by owner name, priced at 1.1 million for lookups that took 4 ms, spent 152 ms
  // compiling (bench/README.md). Every connection of both pools is asked.
  const priced = sql`select count(*) from generate_series(1, 1000) a, generate_series(1, 1000) b, generate_series(1, 10) c`;
  for (const db of [t.handle.db, t.handle.autonomous]) {
    if (!db) throw new Error('the PostgreSQL handle has its side pool');
    const plans = await Promise.all(Array.from({ length: 3 }, () => rowsOf<{ 'QUERY PLAN': string }>(db, sql`explain ${priced}`)));
    for (const plan of plans) expect(plan.map((l) => l['QUERY PLAN']).join('\n')).not.toContain('JIT');
  }
});

it("F-10 a list page built by the query builder is prepared under its text's name, the same statement for every area", async () => {
  const page = (db: Tx) =>
    db
      .select({ id: propertyAreas.id })
      .from(propertyAreas)
      .where(eq(propertyAreas.id, sql.placeholder('id')));
  const kept = await transaction(t.handle.db, async (tx) => {
    for (const id of [1, 2]) await builtOnce(tx, 'test.area by id', () => page(tx), { id });
    return rowsOf<{ name: string; statement: string }>(
      tx,
      sql`select name, statement from pg_prepared_statements where statement like '%from "property_areas"%'`,
    );
  });
  expect(kept).toHaveLength(1);
  expect(kept[0]?.name).toMatch(/^w_[\w-]{24}$/);
});

it('F-10 a house search reads its page of houses on a plan its connection keeps, not one made for every search', async () => {
  // The page's houses are chosen by id. Given as a visible array, their ids made PostgreSQL plan the
  // seven-table page afresh on every search (0.7–2 ms, more than reading it); the first five runs of
  // a prepared statement are always planned for their values, the later ones should not be.
  const actor = await actorOf(t.handle.db, '91440703MA4WJM001Q', 'admin');
  const [area] = await rowsOf<{ id: string }>(
    t.handle.db,
    sql`select id::text from property_areas where developer_org_id = ${actor.orgId} order by id limit 1`,
  );
  // Searches for one owner each, the commonest kind: a page of one or two houses, which a plan made
  // for its values prices below a plan for any page.
  const owners = await rowsOf<{ name: string }>(
    t.handle.db,
    sql`select distinct o.name from house_owners o join houses h on h.id = o.house_id where h.area_id = ${Number(area?.id)} order by o.name limit 8`,
  );
  expect(owners).toHaveLength(8);
  const plans = await transaction(t.handle.db, async (tx) => {
    const ctx = { db: tx as unknown as Db, dbKind: 'postgres' as const, clock: systemClock, actor, ip: '127.0.0.1' };
    for (const { name } of owners) {
      const { items } = await listHouses(ctx, Number(area?.id), { page: 1, pageSize: 20, q: name });
      expect(items.length).toBeGreaterThan(0);
    }
    return rowsOf<{ generic_plans: string; custom_plans: string }>(
      tx,
      sql`select generic_plans::text, custom_plans::text from pg_prepared_statements where statement like '%string_agg(%' and statement like '%from "houses"%'`,
    );
  });
  expect(plans).toHaveLength(1);
  expect(Number(plans[0]?.generic_plans)).toBe(3);
});

it('F-71 a single confirmation is planned once per connection: its posting and its notices are not planned again for every notice', async () => {
  // A deposit's posting carried its entries as arrays the planner could see, and PostgreSQL planned
  // its two statements afresh for every confirmation (0.5 ms each, more than running them); the
  // notices' read and their marking as paid likewise (bench/README.md).
  const dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  const notices = await oneHouseNotices(t, dev, 8);
  const [bank] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.bank.code));
  const plans = await transaction(t.handle.db, async (tx) => {
    const ctx = { db: tx as unknown as Db, dbKind: 'postgres' as const, clock: systemClock, actor: null, ip: '127.0.0.1' };
    for (const n of notices) {
      const line = { noticeNo: n.no, amount: BigInt(n.total), channel: '柜台' as const, bankRef: `P-${n.no}`, bankDate: '2026-11-22' };
      expect((await confirmDeposit(ctx, bank?.id as number, null, line, 'api')).repeated).toBe(false);
    }
    return rowsOf<{ statement: string; generic_plans: string; custom_plans: string }>(
      tx,
      sql`select statement, generic_plans::text, custom_plans::text from pg_prepared_statements
           where statement like '%with ordinality as e(p, account_id, amount, n)%' or statement like '%payment_notice_items i join ledger_accounts%'
              or statement like '%update payment_notices set status%'`,
    );
  });
  // The posting's check and write, the notices' items, the notices marked paid.
  expect(plans).toHaveLength(4);
  for (const p of plans) expect(Number(p.generic_plans), p.statement.slice(0, 80)).toBe(3);
});

it('F-60 a 业务总览 search by an area name is planned once per connection, not for each name', async () => {
  // A search finding areas by name was planned for their ids on every request, most of its 5 ms in
  // PostgreSQL at city scale (bench/README.md); an area's rows are few, found by their ids.
  const names = (await rowsOf<{ name: string }>(t.handle.db, sql`select name from property_areas order by id`)).map((a) => a.name);
  expect(names.length).toBeGreaterThan(1);
  const actor = await actorOf(t.handle.db, DEMO.office.code, DEMO.office.admin);
  const plans = await transaction(t.handle.db, async (tx) => {
    const ctx = { db: tx as unknown as Db, dbKind: 'postgres' as const, clock: systemClock, actor, ip: '127.0.0.1' };
    for (let i = 0; i < 8; i++) {
      const name = names[i % names.length] as string;
      const { items } = await officeInbox(ctx, { page: 1, pageSize: 20, q: name });
      expect(items.every((r) => r.areaName?.includes(name) || r.orgName.includes(name) || r.no.includes(name))).toBe(true);
    }
    return rowsOf<{ statement: string; generic_plans: string; custom_plans: string }>(
      tx,
      sql`select statement, generic_plans::text, custom_plans::text from pg_prepared_statements
           where statement like '%chosen as materialized%' or statement like '%as orgs, array_to_string(array(select x.id from "property_areas"%'`,
    );
  });
  // The names found, and the page with its count (the rows of the areas found are gathered by a
  // statement planned for them, not prepared).
  expect(plans).toHaveLength(2);
  for (const p of plans) expect(Number(p.generic_plans), p.statement.slice(0, 80)).toBe(3);
});

it('F-60 a 业务总览 search by the name of an applicant of more rows than are looked up one by one keeps its page on one plan', async () => {
  // Past NAMED_ROWS the page was planned for the applicant's id on every request: 1.3 ms of planning
  // for 0.6 ms of running, at city scale (bench/README.md). Only the newest rows, up to the page's
  // end, are gathered by a statement planned for them; the page reads them by id on its kept plan.
  const [developer] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.developer.code));
  if (!developer) throw new Error('the demo city lacks its developer');
  const actor = await actorOf(t.handle.db, DEMO.office.code, DEMO.office.admin);
  const plans = await transaction(t.handle.db, async (tx) => {
    await tx.execute(sql`insert into applications (no, type, org_id, area_id, status, form, created_by, submitted_at)
      select 'ZP' || lpad(i::text, 6, '0'), type, org_id, area_id, status, form, created_by, now() + i * interval '1 second'
        from (select * from applications where org_id = ${developer.id} and status <> 'draft' order by id limit 1) a,
             generate_series(1, 1001) i`);
    const ctx = { db: tx as unknown as Db, dbKind: 'postgres' as const, clock: systemClock, actor, ip: '127.0.0.1' };
    for (let i = 0; i < 8; i++) {
      const { items, total } = await officeInbox(ctx, { page: 1, pageSize: 20, q: developer.name });
      expect(total).toBeGreaterThan(1001);
      expect(items.map((r) => r.no)).toEqual(Array.from({ length: 20 }, (_, k) => `ZP${String(1001 - k).padStart(6, '0')}`));
    }
    return rowsOf<{ statement: string; generic_plans: string }>(
      tx,
      sql`select statement, generic_plans::text from pg_prepared_statements
           where statement like '%chosen as materialized%' and prepare_time >= now()`,
    );
  });
  // The page, without its count: the applicant's rows are counted by a statement planned for them.
  expect(plans).toHaveLength(1);
  for (const p of plans) expect(Number(p.generic_plans), p.statement.slice(0, 80)).toBe(3);
});
