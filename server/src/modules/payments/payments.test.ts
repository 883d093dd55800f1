import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bankApiKeys, buildings, organisations, paymentNotices, propertyAreas } from '../../db/schema/index.ts';
import { checkLedger } from '../../ledger/check.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, statementsSent, testApp, type TestApp } from '../../../test/harness.ts';
import { idCard, pushThrough } from '../../../test/registry-fixtures.ts';
import { BANK_API_HEADERS, sign } from './bank-api-auth.ts';

let t: TestApp;
let dev: Agent;
let teller: Agent;
let areaId: number;
let freeAreaId: number;
const KEY = 'TEST-KEY';
const SECRET = 'test-secret-0123456789';

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  teller = await t.login(DEMO.bank.code, DEMO.bank.teller);
  const areas = await t.handle.db.select().from(propertyAreas);
  areaId = areas.find((a) => a.name === DEMO.areas.withCommittee)?.id ?? 0;
  freeAreaId = areas.find((a) => a.name === DEMO.areas.free)?.id ?? 0;
  const [bank] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.bank.code));
  await t.handle.db.insert(bankApiKeys).values({ keyId: KEY, orgId: bank?.id as number, secret: SECRET });
});
afterAll(async () => {
  expect(await checkLedger(t.handle.db)).toEqual([]);
  await t.close();
});

async function buildingId(area: number, name: string) {
  const [b] = await t.handle.db.select().from(buildings).where(eq(buildings.areaId, area));
  const all = await t.handle.db.select().from(buildings).where(eq(buildings.areaId, area));
  return (all.find((x) => x.name === name) ?? b)?.id as number;
}

const today = '2026-11-22';
const confirmBody = (noticeNo: string, amount: number, bankRef = `REF-${noticeNo}`) => ({
  noticeNo,
  amount,
  channel: '柜台',
  bankRef,
  bankDate: today,
});

describe('F-20 开发建设单位批量交款 and F-23 交款确认', () => {
  let notice: { no: string; total: number; items: { houseId: number; amount: number }[] };

  it('F-20 issues one notice per chosen building for every house still owing, payer the developer, with a check digit', async () => {
    const b = await buildingId(freeAreaId, '2栋');
    const res = await dev.post('/api/notices/developer-batch', { areaId: freeAreaId, buildingIds: [b] });
    expect(res.statusCode).toBe(200);
    const [no] = res.json().issued as string[];
    expect(no).toMatch(/^JK\d{13,}$/);
    notice = (await dev.get(`/api/notices/${no}`)).json();
    expect(notice).toMatchObject({ payerType: 'developer', status: 'unpaid', purpose: 'deposit' });
    expect(notice.items).toHaveLength(200);
    expect(notice.total).toBe(notice.items.reduce((a, i) => a + i.amount, 0));
  });

  it('R-30 offers the existing notice for re-printing instead of a second unpaid one', async () => {
    const b = await buildingId(freeAreaId, '2栋');
    const res = await dev.post('/api/notices/developer-batch', { areaId: freeAreaId, buildingIds: [b] });
    expect(res.json()).toEqual({ issued: [], reprint: [notice.no] });
  });

  it('F-23 refuses a confirmation whose amount differs from the notice, and changes nothing', async () => {
    const res = await teller.post('/api/bank/deposits/confirm', confirmBody(notice.no, notice.total - 1));
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.amount).toContain('须与通知单金额');
    expect((await dev.get(`/api/notices/${notice.no}`)).json().status).toBe('unpaid');
  });

  it('F-23 R-22 confirms once: houses credited (房屋信息 shows 已交 and 余额), notice paid; the same confirmation again answers with the first result', async () => {
    const first = await teller.post('/api/bank/deposits/confirm', confirmBody(notice.no, notice.total));
    expect(first.statusCode).toBe(200);
    expect(first.json().repeated).toBe(false);
    const again = await teller.post('/api/bank/deposits/confirm', confirmBody(notice.no, notice.total));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...first.json(), repeated: true });
    const house = (await dev.get(`/api/houses/${notice.items[0]?.houseId}`)).json();
    expect(house.id).toBe(notice.items[0]?.houseId);
    // 房屋信息 shows what the house has paid (已交) and its balance (余额).
    expect(house).toMatchObject({ deposited: notice.items[0]?.amount, balance: notice.items[0]?.amount });
    const status = (await dev.get(`/api/areas/${freeAreaId}/deposit-status?buildingId=${await buildingId(freeAreaId, '2栋')}`)).json();
    const h = status.houses.find((x: { houseId: number }) => x.houseId === notice.items[0]?.houseId);
    expect(h).toMatchObject({ deposited: notice.items[0]?.amount, balance: notice.items[0]?.amount, openNotice: null });
    expect(status.buildings.find((x: { name: string }) => x.name === '2栋').unpaid).toBe(0);
  });

  it('F-23 a paid notice carries the bank’s confirmation for its 交款回单, which the office window can print again', async () => {
    const paid = (await dev.get(`/api/notices/${notice.no}`)).json();
    expect(paid.payment).toMatchObject({ channel: '柜台', bankRef: `REF-${notice.no}`, bankDate: today, bankName: expect.any(String) });
    const office = await t.login(DEMO.office.code, DEMO.office.acceptor);
    expect((await office.get(`/api/notices/${notice.no}`)).json().payment.bankRef).toBe(`REF-${notice.no}`);
    const [unpaid] = await t.handle.db.select().from(paymentNotices).where(eq(paymentNotices.status, 'unpaid')).limit(1);
    expect((await dev.get(`/api/notices/${unpaid?.no}`)).json().payment).toBeNull();
  });

  it('R-22 answers 409 to the same notice number confirmed with another amount', async () => {
    const res = await teller.post('/api/bank/deposits/confirm', confirmBody(notice.no, notice.total + 100));
    expect(res.statusCode).toBe(409);
    expect(res.json().rule).toBe('R-22');
    expect(res.json().message).not.toMatch(/R-\d/);
  });

  it('F-20 refuses a building whose houses have all deposited in full', async () => {
    const res = await dev.post('/api/notices/developer-batch', { areaId: freeAreaId, buildingIds: [await buildingId(freeAreaId, '2栋')] });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('均已交足');
  });
});

describe('F-21 代打交款通知单 and void', () => {
  it('F-21 requires name, ID type, valid ID number and mobile for every owner', async () => {
    const [house] = (await dev.get(`/api/areas/${freeAreaId}/houses?buildingId=${await buildingId(freeAreaId, '4栋')}&pageSize=1`)).json()
      .items;
    const bad = await dev.post('/api/notices/owners', {
      areaId: freeAreaId,
      houses: [{ houseId: house.id, owners: [{ name: '李四', idType: '居民身份证', idNumber: '440703199001011230', phone: '' }] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().fieldErrors)).toContain('居民身份证号');
    const noPhone = await dev.post('/api/notices/owners', {
      areaId: freeAreaId,
      houses: [{ houseId: house.id, owners: [{ name: '李四', idType: '居民身份证', idNumber: idCard('44070319900101123'), phone: '' }] }],
    });
    expect(noPhone.statusCode).toBe(400);
    expect(JSON.stringify(noPhone.json().fieldErrors)).toContain('手机号不能为空');
  });

  it('F-21 issues one notice per house with its owners as payer; the issuer can void it, which frees the house (R-30)', async () => {
    const items = (await dev.get(`/api/areas/${freeAreaId}/houses?buildingId=${await buildingId(freeAreaId, '4栋')}&pageSize=2`)).json()
      .items as { id: number }[];
    const owners = [{ name: '王小明', idType: '居民身份证', idNumber: idCard('44070319851203456'), phone: '13800138000' }];
    const res = await dev.post('/api/notices/owners', { areaId: freeAreaId, houses: items.map((h) => ({ houseId: h.id, owners })) });
    expect(res.statusCode).toBe(200);
    expect(res.json().issued).toHaveLength(2);
    const no = res.json().issued[0];
    expect((await dev.get(`/api/notices/${no}`)).json()).toMatchObject({
      payerType: 'owner',
      payerName: '王小明',
      payerPhone: '13800138000',
    });
    expect((await dev.post(`/api/notices/${no}/void`)).json().status).toBe('void');
    expect((await dev.post(`/api/notices/${no}/void`)).statusCode).toBe(409);
    const paid = await teller.post('/api/bank/deposits/confirm', confirmBody(no, 100));
    expect(paid.statusCode).toBe(409);
    expect(paid.json().message).toContain('已作废');
    const again = await dev.post('/api/notices/owners', { areaId: freeAreaId, houses: [{ houseId: items[0]?.id, owners }] });
    expect(again.json().issued).toHaveLength(1);
  });
});

describe('交款通知单查询 by house', () => {
  it('F-21 finds a house’s notices by its number (楼幢+单元+房号) or address, and no other house’s', async () => {
    const list = (
      await dev.get(`/api/areas/${freeAreaId}/houses?buildingId=${await buildingId(freeAreaId, '4栋')}&pageSize=2&page=3`)
    ).json().items as { id: number; building: string; unit: string; room: string; address: string }[];
    const [house, other] = list;
    if (!house || !other) throw new Error('4栋 has fewer than six houses');
    const owners = [{ name: '李查询', idType: '居民身份证', idNumber: idCard('44070319851203457'), phone: '13800138001' }];
    const res = await dev.post('/api/notices/owners', {
      areaId: freeAreaId,
      houses: [house, other].map((h) => ({ houseId: h.id, owners })),
    });
    expect(res.statusCode, res.body).toBe(200);
    const [mine, theirs] = res.json().issued as string[];
    for (const q of [`${house.building}${house.unit}${house.room}`, house.address]) {
      const found = (await dev.get(`/api/notices?q=${encodeURIComponent(q)}`)).json();
      const nos = found.items.map((n: { no: string }) => n.no);
      expect(nos, q).toContain(mine);
      expect(nos, q).not.toContain(theirs);
      expect(found.total, q).toBe(found.items.length);
    }
  });
});

describe('交款通知单查询 by text', () => {
  it("F-22 a search by text is one statement after the session's, its page and its total together; a page past the last still tells the total", async () => {
    const [newest] = (await dev.get('/api/notices?pageSize=1')).json().items as { no: string }[];
    // The notice numbers' common beginning (prefix and year) matches every notice the developer issued.
    const q = encodeURIComponent(String(newest?.no).slice(0, 6));
    const whole = (await dev.get(`/api/notices?q=${q}&pageSize=200`)).json() as { items: { no: string }[]; total: number };
    expect(whole.total).toBeGreaterThan(3);
    expect(whole.total).toBe(whole.items.length);
    const { result: page2, texts } = await statementsSent(t.handle, () => dev.get(`/api/notices?q=${q}&pageSize=2&page=2`));
    expect(page2.statusCode, page2.body).toBe(200);
    expect(page2.json().total).toBe(whole.total);
    expect(page2.json().items.map((n: { no: string }) => n.no)).toEqual(whole.items.slice(2, 4).map((n) => n.no));
    expect(texts, texts.join('\n')).toHaveLength(2);
    const past = await dev.get(`/api/notices?q=${q}&pageSize=2&page=9999`);
    expect(past.json()).toMatchObject({ items: [], total: whole.total });
    // Letters are found whatever their case; a text without letters is compared as it is.
    const lower = (await dev.get(`/api/notices?q=${q.toLowerCase()}&pageSize=200`)).json();
    expect(lower.total).toBe(whole.total);
    const none = await dev.get(`/api/notices?q=${encodeURIComponent('没有这样的交款人')}&pageSize=2`);
    expect(none.json()).toMatchObject({ items: [], total: 0 });
  });
});

describe('F-21 owners typed at 代打交款通知单', () => {
  it('F-21 records the owners of an unsold house as a registry change: house sold, before/after in its history and the audit log', async () => {
    const list = (
      await dev.get(`/api/areas/${freeAreaId}/houses?buildingId=${await buildingId(freeAreaId, '3栋')}&pageSize=200&status=normal`)
    ).json().items as { id: number; salesStatus: string; ownerNames: string }[];
    const house = list.filter((h) => h.salesStatus === 'unsold' && !h.ownerNames).at(-1);
    if (!house) throw new Error('demo unsold house missing');
    const owners = [{ name: '赵小红', idType: '居民身份证', idNumber: idCard('44070319920315456'), phone: '13900139000' }];
    const res = await dev.post('/api/notices/owners', { areaId: freeAreaId, houses: [{ houseId: house.id, owners }] });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await dev.get(`/api/houses/${house.id}`)).json();
    expect(detail.salesStatus).toBe('sold');
    expect(detail.owners.map((o: { name: string }) => o.name)).toEqual(['赵小红']);
    expect(detail.history[0]).toMatchObject({
      summary: expect.stringContaining('赵小红'),
      before: { salesStatus: 'unsold', owners: [] },
      after: { salesStatus: 'sold', owners: [expect.objectContaining({ name: '赵小红', phone: '13900139000' })] },
    });
    const [entry] = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'house.owners'), eq(auditLog.entityId, String(house.id))));
    expect(entry?.summary).toContain('赵小红');
    expect(entry?.before).toMatchObject({ salesStatus: 'unsold', owners: [] });
    expect(entry?.after).toMatchObject({ salesStatus: 'sold', owners: [expect.objectContaining({ name: '赵小红' })] });
  });
});

describe('F-22 自定义交款', () => {
  it('F-22 issues 续筹 notices with the entered amounts and refuses a non-positive amount', async () => {
    const [h] = (await dev.get(`/api/areas/${areaId}/houses?q=B0&pageSize=1`)).json().items;
    const bad = await dev.post('/api/notices/custom', { areaId, purpose: 'replenish', rows: [{ houseId: h.id, amount: 0 }] });
    expect(bad.statusCode).toBe(400);
    const ok = await dev.post('/api/notices/custom', {
      areaId,
      purpose: 'replenish',
      note: '2026 年续筹',
      rows: [{ houseId: h.id, amount: 50000 }],
    });
    expect(ok.statusCode).toBe(200);
    const n = (await dev.get(`/api/notices/${ok.json().issued[0]}`)).json();
    expect(n).toMatchObject({ purpose: 'replenish', purposeLabel: '续筹交款', total: 50000 });
  });
});

describe('F-71 bank API', () => {
  async function apiCall(body: object, opts: { secret?: string; ts?: number; signature?: string } = {}) {
    const raw = JSON.stringify(body);
    const ts = String(opts.ts ?? Math.floor(t.clock.now().getTime() / 1000));
    const path = '/api/bank-api/v1/deposits/confirm';
    const signature = opts.signature ?? sign(opts.secret ?? SECRET, ts, 'POST', path, raw);
    const res = await t.app.inject({
      method: 'POST',
      url: path,
      payload: raw,
      headers: {
        'content-type': 'application/json',
        [BANK_API_HEADERS.key]: KEY,
        [BANK_API_HEADERS.timestamp]: ts,
        [BANK_API_HEADERS.signature]: signature,
      },
    });
    return { res, signature, ts };
  }

  async function freshNotice() {
    const b = await buildingId(freeAreaId, '3栋');
    const issued = (await dev.post('/api/notices/developer-batch', { areaId: freeAreaId, buildingIds: [b] })).json();
    const no = issued.issued[0] ?? issued.reprint[0];
    return (await dev.get(`/api/notices/${no}`)).json() as { no: string; total: number };
  }

  it('F-71 R-22 confirms a deposit with a valid signature, idempotently', async () => {
    const n = await freshNotice();
    const first = await apiCall(confirmBody(n.no, n.total, 'API-1'));
    expect(first.res.statusCode).toBe(200);
    t.clock.advance(1000);
    const again = await apiCall(confirmBody(n.no, n.total, 'API-1'));
    expect(again.res.json()).toMatchObject({ noticeNo: n.no, repeated: true });
  });

  it('F-71 refuses a bad signature, a stale timestamp and a replayed request', async () => {
    const body = confirmBody('JK000000000000', 100);
    const bad = await apiCall(body, { secret: 'wrong' });
    expect(bad.res.statusCode).toBe(401);
    expect(bad.res.json().message).toContain('签名不正确');
    const stale = await apiCall(body, { ts: Math.floor(t.clock.now().getTime() / 1000) - 301 });
    expect(stale.res.statusCode).toBe(401);
    expect(stale.res.json().message).toContain('时间戳');
    t.clock.advance(1000);
    const once = await apiCall(body);
    expect(once.res.statusCode).toBe(404);
    const replay = await apiCall(body, { ts: Number(once.ts), signature: once.signature });
    expect(replay.res.statusCode).toBe(401);
    expect(replay.res.json().message).toContain('重复的请求');
  });

  it('F-71 refuses a request without credentials, and a session cannot stand in for them', async () => {
    const res = await teller.post('/api/bank-api/v1/deposits/confirm', confirmBody('JK1', 1));
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('BANK_API_AUTH');
  });
});

describe('F-23 who may see and confirm notices', () => {
  it('F-23 a developer cannot confirm; another developer cannot see the notice', async () => {
    const [n] = (await dev.get('/api/notices?status=unpaid&pageSize=1')).json().items;
    const res = await dev.post('/api/bank/deposits/confirm', confirmBody(n.no, n.total));
    expect(res.statusCode).toBe(403);
    const committee = await t.login(DEMO.committee.code, DEMO.committee.director);
    expect((await committee.get(`/api/notices/${n.no}`)).statusCode).toBe(404);
    expect((await teller.get(`/api/notices/${n.no}`)).statusCode).toBe(200);
  });

  it('F-70 the reconciliation lists the day’s confirmations with totals per channel', async () => {
    const res = await teller.get(`/api/bank/reconciliation?from=${today}&to=${today}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.length).toBeGreaterThanOrEqual(2);
    expect(body.totals.reduce((a: number, x: { amount: number }) => a + x.amount, 0)).toBe(body.total);
  });
});

describe('F-20 building cards of 批量交款', () => {
  it('F-20 counts only live houses: a cancelled house no longer owes anything', async () => {
    const office = await t.login(DEMO.office.code, DEMO.office.admin);
    const b = await buildingId(freeAreaId, '1栋');
    const card = async () =>
      (
        (await dev.get(`/api/areas/${freeAreaId}/deposit-status`)).json().buildings as {
          buildingId: number;
          houses: number;
          unpaid: number;
        }[]
      ).find((x) => x.buildingId === b);
    const before = await card();
    // 1栋's notice is unpaid: void it, so one of its houses can be cancelled.
    const [house] = (await dev.get(`/api/areas/${freeAreaId}/houses?buildingId=${b}&status=normal&pageSize=1`)).json().items as {
      id: number;
    }[];
    const held = (
      (await dev.get(`/api/areas/${freeAreaId}/deposit-status?buildingId=${b}`)).json().houses as {
        houseId: number;
        openNotice: string | null;
      }[]
    ).find((h) => h.houseId === house?.id)?.openNotice;
    if (held) expect((await dev.post(`/api/notices/${held}/void`)).statusCode).toBe(200);
    const id = (await dev.post('/api/applications', { type: 'house_cancellation', areaId: freeAreaId, form: { reason: '拆除' } })).json()
      .id;
    expect((await dev.put(`/api/applications/${id}/items/house`, { rows: [{ houseId: house?.id }] })).statusCode).toBe(200);
    await pushThrough(dev, office, id);
    expect(await card()).toMatchObject({ houses: (before?.houses ?? 0) - 1, unpaid: (before?.unpaid ?? 0) - 1 });
  });
});
