import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_CAP } from '../src/db/capped-count.ts';
import { rowsOf } from '../src/db/client.ts';
import { propertyAreas } from '../src/db/schema/index.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, statementsSent, testApp, type TestApp } from './harness.ts';

/**
 * City-sized lists count their total only up to COUNT_CAP rows and say so, instead of counting
 * every row on every page; every page up to the cap is still served, and filters give exact totals.
 */
const EXTRA = COUNT_CAP + 50;

let t: TestApp;
let dev: Agent;
let office: Agent;
let areaId: number;
let otherAreaId: number;

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  office = await t.login(DEMO.office.code, DEMO.office.acceptor);
  const areas = await t.handle.db.select().from(propertyAreas);
  areaId = areas.find((a) => a.name === DEMO.areas.withCommittee)?.id ?? 0;
  otherAreaId = areas.find((a) => a.name === DEMO.areas.free)?.id ?? 0;
  const db = t.handle.db;
  // Set-based: extra houses in one unit of the area (owner 规模业主 on each), extra notices and applications.
  await db.execute(sql`
    insert into houses (area_id, building_id, unit_id, floor, room, address, building_area, use, elevator, sales_status, deposit_timing)
    select h.area_id, h.building_id, h.unit_id, 1, 'C' || lpad(g::text, 6, '0'), '规模列表 ' || g, 8000, '住宅', false, 'sold', '首期'
      from (select area_id, building_id, unit_id from houses where area_id = ${areaId} order by id limit 1) h, generate_series(1, ${EXTRA}) g`);
  await db.execute(sql`
    insert into house_owners (house_id, name, id_type, id_number, phone)
    select id, '规模业主' || right(room, 3), '居民身份证', '440703198001010000', '' from houses where address like '规模列表 %'`);
  await db.execute(sql`
    insert into payment_notices (no, purpose, area_id, issuer_org_id, payer_type, payer_name, total, bank_account, valid_until, status)
    select 'JQ' || lpad(g::text, 10, '0'), 'other', n.area_id, n.issuer_org_id, 'owner', '规模付款人' || g, 100, '{}'::jsonb, current_date, 'void'
      from (select area_id, issuer_org_id from payment_notices where area_id = ${areaId} order by id limit 1) n, generate_series(1, ${EXTRA}) g`);
  await db.execute(sql`
    insert into applications (no, type, org_id, area_id, status, form, created_by, created_at, updated_at, submitted_at)
    select 'BA' || lpad(g::text, 9, '0'), 'house_change', a.org_id, a.area_id, 'rejected', '{}'::jsonb, a.created_by, a.created_at,
           a.updated_at, a.submitted_at - g * interval '1 minute'
      from (select * from applications where submitted_at is not null order by id limit 1) a, generate_series(1, ${EXTRA}) g`);
}, 120_000);
afterAll(() => t.close());

describe('lists at city scale', () => {
  it(`F-60 业务总览 counts up to ${COUNT_CAP.toLocaleString('en')} and says there are more; a page past the first still comes`, async () => {
    const res = await office.get('/api/office/inbox?pageSize=20');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(res.json().items).toHaveLength(20);
    const later = await office.get(`/api/office/inbox?pageSize=200&page=${COUNT_CAP / 200}`);
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json().items).toHaveLength(200);
    // A filter that keeps fewer rows gets its exact total.
    const few = await office.get('/api/office/inbox?stage=to_accept&pageSize=20');
    expect(few.json().totalCapped).toBeUndefined();
    expect(few.json().total).toBeLessThan(COUNT_CAP);
  });

  it(`F-60 业务单查询 of the office counts up to ${COUNT_CAP.toLocaleString('en')} and says there are more; a search by number is exact`, async () => {
    const res = await office.get('/api/applications?pageSize=20');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    const no = res.json().items[0].no as string;
    const one = await office.get(`/api/applications?q=${encodeURIComponent(no)}`);
    expect(one.json().totalCapped).toBeUndefined();
    expect(one.json().items.map((a: { no: string }) => a.no)).toContain(no);
    expect(one.json().total).toBe(one.json().items.length);
  });

  it("F-60 a page of 业务单 reads no application's outcome: a 补交 for 20,000 houses records each notice it issued", async () => {
    const [one] = await rowsOf<{ no: string }>(
      t.handle.db,
      sql`update applications set outcome = jsonb_build_object('fund', jsonb_build_object('notices',
            (select jsonb_agg('JQ' || lpad(g::text, 12, '0')) from generate_series(1, 20000) g)))
          where id = (select id from applications where status <> 'draft' order by submitted_at desc nulls last, id desc limit 1)
          returning no`,
    );
    const { result: res, texts } = await statementsSent(t.handle, () => office.get('/api/applications?pageSize=20'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((a: { no: string }) => a.no)).toContain(one?.no);
    expect(texts.filter((text) => text.includes('"outcome"'))).toEqual([]);
    // The application's own page still shows it.
    const id = res.json().items.find((a: { no: string }) => a.no === one?.no).id;
    expect((await office.get(`/api/applications/${id}`)).json().outcome.fund.notices).toHaveLength(20000);
  });

  it('F-10 the house list of an area past the cap says there are more; a search by owner name finds its houses in that area only', async () => {
    const all = await dev.get(`/api/areas/${areaId}/houses?pageSize=20`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    const named = await dev.get(`/api/areas/${areaId}/houses?pageSize=50&q=${encodeURIComponent('规模业主00')}`);
    expect(named.statusCode, named.body).toBe(200);
    // Rooms C000001…C010050 end in 001…050 and 1000-multiples: owners named 规模业主00x are rooms ending 00x.
    const [expected] = await rowsOf<{ n: string }>(
      t.handle.db,
      sql`select count(*)::text as n from houses where address like '规模列表 %' and right(room, 3) like '00%'`,
    );
    expect(named.json().total).toBe(Number(expected?.n));
    expect(named.json().totalCapped).toBeUndefined();
    expect(named.json().items.every((h: { ownerNames: string }) => h.ownerNames.startsWith('规模业主00'))).toBe(true);
    const elsewhere = await dev.get(`/api/areas/${otherAreaId}/houses?pageSize=20&q=${encodeURIComponent('规模业主')}`);
    expect(elsewhere.json()).toMatchObject({ items: [], total: 0 });
  });

  it('F-22 the payment notice list past the cap says there are more; a search by payer gives an exact total', async () => {
    const all = await dev.get('/api/notices?pageSize=20');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    const one = await dev.get(`/api/notices?q=${encodeURIComponent('规模付款人10049')}`);
    expect(one.json()).toMatchObject({ total: 1 });
    expect(one.json().items[0].payerName).toBe('规模付款人10049');
  });

  it('F-60 a list found past the cap is not counted again on its next pages; one within the cap is counted on every page', async () => {
    const countsSent = async (agent: Agent, url: string) => {
      const { result: res, texts } = await statementsSent(t.handle, () => agent.get(url));
      expect(res.statusCode, res.body).toBe(200);
      return { body: res.json(), counts: texts.filter((text) => /count\(\*\).*\bcapped\b/s.test(text)).length };
    };
    for (const [agent, list] of [
      [office, '/api/office/inbox?kind=house_change&pageSize=20'],
      [dev, `/api/areas/${areaId}/houses?status=normal&pageSize=20`],
      [office, `/api/notices?areaId=${areaId}&pageSize=20`],
    ] as const) {
      const first = await countsSent(agent, list);
      expect(first.body, list).toMatchObject({ total: COUNT_CAP, totalCapped: true });
      expect(first.counts, list).toBe(1);
      for (const page of [2, 3]) {
        const next = await countsSent(agent, `${list}&page=${page}`);
        expect(next.body, list).toMatchObject({ total: COUNT_CAP, totalCapped: true });
        expect(next.body.items, list).toHaveLength(20);
        expect(next.counts, list).toBe(0);
      }
    }
    // Within the cap: counted on every page, so a change shows at once.
    for (const page of [1, 2]) {
      const within = await countsSent(office, `/api/office/inbox?stage=to_accept&pageSize=1&page=${page}`);
      expect(within.body.totalCapped).toBeUndefined();
      expect(within.counts).toBe(1);
    }
  });

  it('F-10 a house list found past the cap in one area is counted exactly in another, and each area gets its own houses', async () => {
    const big = await dev.get(`/api/areas/${areaId}/houses?pageSize=20`);
    expect(big.json()).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    const [other] = await rowsOf<{ n: string }>(t.handle.db, sql`select count(*)::text as n from houses where area_id = ${otherAreaId}`);
    expect(Number(other?.n)).toBeGreaterThan(2);
    // The same statement, built once, run for the other area: its own total and houses, on every page.
    for (const page of [1, 2]) {
      const small = await dev.get(`/api/areas/${otherAreaId}/houses?pageSize=2&page=${page}`);
      expect(small.statusCode, small.body).toBe(200);
      expect(small.json().totalCapped).toBeUndefined();
      expect(small.json().total).toBe(Number(other?.n));
      const ids = small.json().items.map((h: { id: number }) => h.id);
      const [mine] = await rowsOf<{ n: string }>(
        t.handle.db,
        sql`select count(*)::text as n from houses where area_id = ${otherAreaId} and id = any(${`{${ids.join(',')}}`}::bigint[])`,
      );
      expect(Number(mine?.n)).toBe(2);
    }
  });

  it(`§10 the audit log past the cap counts up to ${COUNT_CAP.toLocaleString('en')} and says there are more; a filter gives an exact total`, async () => {
    await t.handle.db.execute(sql`
      insert into audit_log (user_name, org_name, action, entity, entity_id, summary)
      select '规模审计', '规模机构', 'scale', 'scale_entity', g::text, '规模日志 ' || g from generate_series(1, ${EXTRA}) g`);
    const auditor = await t.login(DEMO.office.code, DEMO.office.admin);
    const all = await auditor.get('/api/office/audit?pageSize=20');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(all.json().items).toHaveLength(20);
    const later = await auditor.get(`/api/office/audit?pageSize=200&page=${COUNT_CAP / 200}`);
    expect(later.json().items).toHaveLength(200);
    const one = await auditor.get('/api/office/audit?entity=scale_entity&entityId=10049');
    expect(one.json()).toMatchObject({ total: 1 });
    expect(one.json().items[0].summary).toBe('规模日志 10049');
  });
});

// The demo area's own list still counts exactly.
it('F-10 a list within the cap keeps its exact total', async () => {
  const res = await dev.get(`/api/areas/${otherAreaId}/houses?pageSize=20`);
  const [n] = await rowsOf<{ n: string }>(t.handle.db, sql`select count(*)::text as n from houses where area_id = ${otherAreaId}`);
  expect(res.json().total).toBe(Number(n?.n));
  expect(res.json().totalCapped).toBeUndefined();
});
