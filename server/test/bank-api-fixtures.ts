import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/client.ts';
import { bankApiKeys, organisations, propertyAreas } from '../src/db/schema/index.ts';
import { BANK_API_HEADERS, sign } from '../src/modules/payments/bank-api-auth.ts';
import { DEMO } from './fixtures.ts';
import type { Agent, TestApp } from './harness.ts';

const SECRET = 'bank-system-secret-0123456789';

/** The custodian bank's system: its own key, every request signed the way F-71 describes. */
export async function bankSystem(t: TestApp, keyId = 'CUSTODY-TEST-KEY') {
  const [bank] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.bank.code));
  await t.handle.db.insert(bankApiKeys).values({ keyId, orgId: bank?.id as number, secret: SECRET });
  let serial = 0;
  return {
    confirm(noticeNo: string, amount: number, bankRef = `API-${noticeNo}`) {
      return this.signed(noticeNo, amount, bankRef)();
    },
    /** A day file (批量交款确认): every line 网上银行 on the same date, one signed request. */
    batch(lines: { noticeNo: string; amount: number; bankRef?: string }[]) {
      const path = '/api/bank-api/v1/deposits/confirm-batch';
      const items = lines.map((l) => ({ channel: '网上银行', bankRef: `DAY-${l.noticeNo}`, bankDate: '2026-11-22', ...l }));
      const body = JSON.stringify({ items });
      const ts = String(Math.floor(t.clock.now().getTime() / 1000) - (serial++ % 250));
      return t.app.inject({
        method: 'POST',
        url: path,
        payload: body,
        headers: {
          'content-type': 'application/json',
          [BANK_API_HEADERS.key]: keyId,
          [BANK_API_HEADERS.timestamp]: ts,
          [BANK_API_HEADERS.signature]: sign(SECRET, ts, 'POST', path, body),
        },
      });
    },
    /** One signed request, which the returned function sends (again each time it is called), from `remoteAddress`. */
    signed(noticeNo: string, amount: number, bankRef = `API-${noticeNo}`, remoteAddress = '127.0.0.1') {
      const path = '/api/bank-api/v1/deposits/confirm';
      const body = JSON.stringify({ noticeNo, amount, channel: '网上银行', bankRef, bankDate: '2026-11-22' });
      // A bank signs each request afresh: a repeat of the same body carries another timestamp
      // (the test clock stands still), so it is a new request and not a replay.
      const ts = String(Math.floor(t.clock.now().getTime() / 1000) - (serial++ % 250));
      return () =>
        t.app.inject({
          method: 'POST',
          url: path,
          payload: body,
          remoteAddress,
          headers: {
            'content-type': 'application/json',
            [BANK_API_HEADERS.key]: keyId,
            [BANK_API_HEADERS.timestamp]: ts,
            [BANK_API_HEADERS.signature]: sign(SECRET, ts, 'POST', path, body),
          },
        });
    },
  };
}

/** One-house notices (自定义交款, purpose 其他) for `count` open house accounts of the demo area with a committee. */
export async function oneHouseNotices(t: TestApp, dev: Agent, count: number): Promise<{ no: string; total: number; houseId: number }[]> {
  const [area] = await t.handle.db
    .select()
    .from(propertyAreas)
    .where(and(eq(propertyAreas.name, DEMO.areas.withCommittee)));
  const houses = await rowsOf<{ id: string }>(
    t.handle.db,
    sql`select h.id::text from houses h join ledger_accounts la on la.house_id = h.id
      where h.area_id = ${area?.id} and h.status = 'normal'
        and not exists (select 1 from payment_notice_items i where i.house_id = h.id and i.open)
      order by h.id limit ${count}`,
  );
  if (houses.length < count) throw new Error(`only ${houses.length} houses without an open notice`);
  const rows = houses.map((h, i) => ({ houseId: Number(h.id), amount: 1_000 + i }));
  const res = await dev.post('/api/notices/custom', { areaId: area?.id, purpose: 'other', rows });
  if (res.statusCode !== 200) throw new Error(res.body);
  return (res.json().issued as string[]).map((no, i) => ({ no, total: rows[i]?.amount ?? 0, houseId: rows[i]?.houseId ?? 0 }));
}
