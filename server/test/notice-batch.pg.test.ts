// PostgreSQL only (this file runs in the PostgreSQL suite): it runs transactions side by side; pglite
// runs one at a time, so nothing can wait there.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, testApp, type TestApp } from './harness.ts';
import { addNoticeHouses, expectContiguous, serialOf } from './notice-fixtures.ts';

let t: TestApp;
let dev: Agent;
let areaId: number;
let extra: number[];

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  ({ areaId, houses: extra } = await addNoticeHouses(t, 5_000));
}, 120_000);
afterAll(() => t.close());

it('F-22 a single notice does not wait for a batch still in its transaction (the counter is not held for the batch)', async () => {
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
}, 60_000);
