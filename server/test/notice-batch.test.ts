import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { propertyAreas } from '../src/db/schema/index.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, testApp, type TestApp } from './harness.ts';

/**
 * A batch of payment notices is written set-based: 5,000 one-house notices carry 15 values each,
 * more than one statement's 65,535 parameters if each travelled as its own parameter.
 */
const EXTRA = 5_000;

let t: TestApp;
let dev: Agent;
let areaId: number;
let extra: number[];

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.withCommittee));
  areaId = area?.id ?? 0;
  const db = t.handle.db;
  // Set-based: one unit of the demo area receives the extra houses; every tenth has two owners.
  await db.execute(sql`
    insert into houses (area_id, building_id, unit_id, floor, room, address, building_area, use, elevator, sales_status, deposit_timing)
    select h.area_id, h.building_id, h.unit_id, 1, 'N' || lpad(g::text, 5, '0'), '批量通知 ' || g, 8000, '住宅', false, 'sold', '首期'
      from (select area_id, building_id, unit_id from houses where area_id = ${areaId} order by id limit 1) h, generate_series(1, ${EXTRA}) g`);
  await db.execute(sql`
    insert into house_owners (house_id, name, id_type, id_number, phone, created_at)
    select h.id, o.name, '身份证', '44070319800101' || lpad((h.id % 10000)::text, 4, '0'), '1380000' || lpad((h.id % 10000)::text, 4, '0'), now()
      from houses h cross join lateral (values ('甲' || h.room), ('乙' || h.room)) o(name)
     where h.address like '批量通知 %' and (right(h.room, 1) = '0' or o.name like '甲%')`);
  const rows = await rowsOf<{ id: string }>(db, sql`select id::text from houses where address like '批量通知 %' order by id`);
  extra = rows.map((r) => Number(r.id));
}, 120_000);
afterAll(() => t.close());

/** JK + business day + serial + check digit: the serial. */
const serialOf = (no: string) => Number(no.slice(10, -1));

function expectContiguous(nos: string[]) {
  const serials = nos.map(serialOf);
  const first = serials[0] ?? 0;
  expect(serials).toEqual(serials.map((_, i) => first + i));
}

describe('F-22 payment notices issued as one set', () => {
  it(`F-22 issues ${EXTRA.toLocaleString('en')} one-house notices in one request, numbered contiguously, each payer its house's owners`, async () => {
    const rows = extra.map((houseId, i) => ({ houseId, amount: 10_000 + i }));
    const res = await dev.post('/api/notices/custom', { areaId, purpose: 'replenish', note: '续筹', rows });
    expect(res.statusCode, res.body).toBe(200);
    const issued: string[] = res.json().issued;
    expect(issued).toHaveLength(EXTRA);
    expect(new Set(issued).size).toBe(EXTRA);
    expectContiguous(issued);
    const written = await rowsOf<{ no: string; house_id: string; amount: string; total: string; payer_name: string; room: string }>(
      t.handle.db,
      sql`select n.no, i.house_id::text, i.amount::text, n.total::text, n.payer_name, h.room
            from payment_notices n join payment_notice_items i on i.notice_id = n.id join houses h on h.id = i.house_id
           where n.no = any(${`{${issued.join(',')}}`}::text[]) order by n.no`,
    );
    expect(written).toHaveLength(EXTRA);
    // The i-th number went to the i-th row, with its amount and its owners (both, in order, where two).
    written.forEach((w, i) => {
      expect(w.no).toBe(issued[i]);
      expect(Number(w.house_id)).toBe(extra[i]);
      expect(w.amount).toBe(String(10_000 + i));
      expect(w.total).toBe(w.amount);
      expect(w.payer_name).toBe(w.room.endsWith('0') ? `甲${w.room}、乙${w.room}` : `甲${w.room}`);
    });
  });

  it('R-30 a batch meeting a house already on an open notice writes nothing and names the problem', async () => {
    const before = await rowsOf<{ n: string }>(t.handle.db, sql`select count(*)::text as n from payment_notices`);
    const res = await dev.post('/api/notices/custom', {
      areaId,
      purpose: 'replenish',
      rows: extra.slice(0, 10).map((houseId) => ({ houseId, amount: 100 })),
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('NOTICE_OPEN');
    expect(await rowsOf<{ n: string }>(t.handle.db, sql`select count(*)::text as n from payment_notices`)).toEqual(before);
  });

  it('F-22 a single notice issued while a batch is issued gets a number of its own; the batch stays contiguous', async () => {
    const batch = extra.slice(0, 2_000).map((houseId) => ({ houseId, amount: 500 }));
    const [big, one] = await Promise.all([
      dev.post('/api/notices/custom', { areaId, purpose: 'other', note: '批量', rows: batch }),
      dev.post('/api/notices/custom', { areaId, purpose: 'supplement', rows: [{ houseId: extra[2_500], amount: 700 }] }),
    ]);
    expect(big.statusCode, big.body).toBe(200);
    expect(one.statusCode, one.body).toBe(200);
    const many: string[] = big.json().issued;
    const [single] = one.json().issued as string[];
    expect(many).toHaveLength(2_000);
    expectContiguous(many);
    expect(many).not.toContain(single);
    const s = serialOf(single as string);
    expect(s < serialOf(many[0] as string) || s > serialOf(many.at(-1) as string)).toBe(true);
  });

  // Only PostgreSQL runs transactions side by side; pglite runs one at a time, so nothing can wait there.
  it.runIf(inject('dbKind') === 'postgres')(
    'F-22 a single notice does not wait for a batch still in its transaction (the counter is not held for the batch)',
    async () => {
      const blocked = extra[4_000] as number;
      const batch = extra.slice(3_000, 4_500).map((houseId) => ({ houseId, amount: 300 }));
      const db = t.handle.db;
      // Another transaction holds an uncommitted open 'other' item of one of the batch's houses: the
      // batch's insert waits for it (R-30's unique index) after the batch has taken its numbers.
      let release: () => void = () => {};
      const released = new Promise<void>((r) => {
        release = r;
      });
      let holding: () => void = () => {};
      const held = new Promise<void>((r) => {
        holding = r;
      });
      const blocker = db
        .transaction(async (tx) => {
          const [n] = await rowsOf<{ id: string }>(
            tx,
            sql`insert into payment_notices (no, purpose, area_id, issuer_org_id, payer_type, payer_name, total, bank_account, valid_until)
                select 'HOLD', 'other', ${areaId}, issuer_org_id, 'developer', '占用', 1, '{}'::jsonb, current_date
                  from payment_notices limit 1 returning id::text`,
          );
          await tx.execute(
            sql`insert into payment_notice_items (notice_id, house_id, purpose, amount) values (${Number(n?.id)}, ${blocked}, 'other', 1)`,
          );
          holding();
          await released;
          tx.rollback();
        })
        .catch(() => undefined);
      await held;
      const big = dev.post('/api/notices/custom', { areaId, purpose: 'other', rows: batch });
      // Wait (without a clock) until the batch is waiting on that lock.
      for (;;) {
        const [w] = await rowsOf<{ n: string }>(
          db,
          sql`select count(*)::text as n from pg_stat_activity
               where datname = current_database() and wait_event_type = 'Lock' and query like '%payment_notice_items%'`,
        );
        if (Number(w?.n) > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      // Had the batch held the counter, this would wait for it, and the batch waits for the blocker,
      // which is released only after this returns: the test would never end.
      const one = await dev.post('/api/notices/custom', {
        areaId,
        purpose: 'supplement',
        rows: [{ houseId: extra[4_900], amount: 900 }],
      });
      expect(one.statusCode, one.body).toBe(200);
      release();
      await blocker;
      const done = await big;
      expect(done.statusCode, done.body).toBe(200);
      const many: string[] = done.json().issued;
      expectContiguous(many);
      expect(serialOf(one.json().issued[0])).toBeGreaterThan(serialOf(many.at(-1) as string));
    },
    60_000,
  );
});
