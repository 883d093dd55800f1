import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, testApp, type TestApp } from './harness.ts';
import { addNoticeHouses, expectContiguous, serialOf } from './notice-fixtures.ts';

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
  ({ areaId, houses: extra } = await addNoticeHouses(t, EXTRA));
}, 120_000);
afterAll(() => t.close());

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
});
