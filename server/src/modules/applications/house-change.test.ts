import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundInstructions, propertyAreas, refunds } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { acceptApplication } from '../../../test/acceptance-fixtures.ts';

let t: TestApp;
let dev: Agent;
let office: Agent;
let areaId: number;

interface House {
  id: number;
  building: string;
  unit: string;
  floor: number;
  room: string;
  address: string;
  buildingArea: number;
  innerArea: number;
  use: string;
  elevator: boolean;
  salesStatus: 'sold' | 'unsold';
  amountDue: number;
}
const afterOf = (h: House, patch: Partial<House> = {}) => {
  const { building, unit, floor, room, address, buildingArea, innerArea, use, elevator, salesStatus } = { ...h, ...patch };
  return { building, unit, floor, room, address, buildingArea, innerArea, use, elevator, salesStatus };
};

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  office = await t.login(DEMO.office.code, DEMO.office.reviewer);
  const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.withCommittee));
  areaId = area?.id ?? 0;
});
afterAll(() => t.close());

async function houses(q: string): Promise<House[]> {
  return (await dev.get(`/api/areas/${areaId}/houses?q=${encodeURIComponent(q)}&pageSize=50`)).json().items;
}

describe('F-16 房屋信息变更', () => {
  it('F-16 R-12 re-prices a house whose area grows and records a 补交 instruction; swaps room numbers without collision', async () => {
    const [a, b] = (await houses('1栋')).filter((h) => h.unit === '1单元' && h.floor === 2);
    if (!a || !b) throw new Error('demo houses missing');
    const created = await dev.post('/api/applications', { type: 'house_change', areaId, form: { reason: '重新测绘' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const rows = [
      { houseId: a.id, after: afterOf(a, { room: b.room, buildingArea: a.buildingArea + 1000 }) },
      { houseId: b.id, after: afterOf(b, { room: a.room }) },
    ];
    expect((await dev.put(`/api/applications/${id}/items/house`, { rows })).statusCode).toBe(200);
    const office2 = await t.login(DEMO.office.code, DEMO.office.acceptor);
    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
    expect((await acceptApplication(office2, id, '材料齐全')).statusCode).toBe(200);
    expect((await office.post(`/api/applications/${id}/approve`)).statusCode).toBe(200);

    const detail = (await dev.get(`/api/houses/${a.id}`)).json();
    expect(detail.room).toBe(b.room);
    expect(detail.amountDue).toBe(a.amountDue + 30000); // +10.00 m² × 30 yuan
    expect(detail.history[0].applicationNo).toBe(created.json().no);
    const instr = await t.handle.db.select().from(fundInstructions).where(eq(fundInstructions.applicationId, id));
    expect(instr.map((i) => i.kind)).toEqual(['supplement']);
  });

  it('F-16 refuses an "after" row that collides with another live house', async () => {
    const [a, c] = (await houses('3栋')).filter((h) => h.unit === '1单元' && h.floor === 3);
    if (!a || !c) throw new Error('demo houses missing');
    const id = (await dev.post('/api/applications', { type: 'house_change', areaId, form: { reason: '门牌调整' } })).json().id;
    await dev.put(`/api/applications/${id}/items/house`, { rows: [{ houseId: a.id, after: afterOf(a, { room: c.room }) }] });
    const res = await dev.post(`/api/applications/${id}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('重复');
  });

  it('F-16 R-12 a change that keeps the amount due needs no refund account', async () => {
    const [a] = (await houses('605')).filter((h) => h.building === '2栋' && h.unit === '2单元' && h.room === '605');
    if (!a) throw new Error('demo houses missing');
    const id = (await dev.post('/api/applications', { type: 'house_change', areaId, form: { reason: '门牌调整' } })).json().id;
    await dev.put(`/api/applications/${id}/items/house`, {
      rows: [{ houseId: a.id, after: afterOf(a, { address: `${a.address}（新门牌）` }) }],
    });
    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
  });

  it("F-16 R-12 asks a refund account per house and pays each refund to its own house's account; warns when the name is no owner's", async () => {
    const [a, b] = (await houses('4栋')).filter((h) => h.unit === '1单元' && h.floor === 5);
    if (!a || !b) throw new Error('demo houses missing');
    const ownerOf = async (id: number) => (await dev.get(`/api/houses/${id}`)).json().owners[0].name as string;
    const account = (name: string, no: string) => ({ accountName: name, bank: '中国工商银行江门分行', accountNo: no });
    const accountA = account(await ownerOf(a.id), '6222020000001111111');
    const accountB = account('张冠李', '6222020000002222222');
    const id = (
      await dev.post('/api/applications', { type: 'house_change', areaId, form: { reason: '重新测绘，面积减少', refundConfirmed: true } })
    ).json().id;
    const smaller = (h: House) => afterOf(h, { buildingArea: h.buildingArea - 1000 });
    await dev.put(`/api/applications/${id}/items/house`, {
      rows: [
        { houseId: a.id, after: smaller(a), refundAccount: accountA },
        { houseId: b.id, after: smaller(b) },
      ],
    });
    const refused = await dev.post(`/api/applications/${id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fieldErrors['items.1.refundAccount']).toContain('请填写该房屋的退款账户');
    expect(refused.json().fieldErrors['items.0.refundAccount']).toBeUndefined();

    await dev.put(`/api/applications/${id}/items/house`, {
      rows: [
        { houseId: a.id, after: smaller(a), refundAccount: accountA },
        { houseId: b.id, after: smaller(b), refundAccount: accountB },
      ],
    });
    const preview = (await dev.get(`/api/applications/${id}/fund`)).json();
    const effectOf = (houseId: number) => preview.effects.find((e: { houseId: number }) => e.houseId === houseId);
    expect(effectOf(a.id)).toMatchObject({ refund: 30000, account: accountA, accountWarning: null });
    expect(effectOf(b.id)).toMatchObject({ refund: 30000, account: accountB });
    expect(effectOf(b.id).accountWarning).toContain('张冠李');

    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
    const office2 = await t.login(DEMO.office.code, DEMO.office.acceptor);
    expect((await acceptApplication(office2, id, '材料齐全')).statusCode).toBe(200);
    expect((await office.post(`/api/applications/${id}/approve`)).statusCode).toBe(200);
    const paid = await t.handle.db.select().from(refunds).where(eq(refunds.applicationId, id));
    expect(new Map(paid.map((r) => [r.houseId, r.account]))).toEqual(
      new Map([
        [a.id, accountA],
        [b.id, accountB],
      ]),
    );
  });
});

describe('F-60 rounds of review', () => {
  it('F-60 after 退回 and resubmission the application shows every round, and the current round’s 受理/审核 start blank', async () => {
    const [a] = (await houses('605')).filter((h) => h.building === '3栋' && h.unit === '2单元' && h.room === '605');
    if (!a) throw new Error('demo houses missing');
    const id = (await dev.post('/api/applications', { type: 'house_change', areaId, form: { reason: '门牌调整' } })).json().id;
    await dev.put(`/api/applications/${id}/items/house`, {
      rows: [{ houseId: a.id, after: afterOf(a, { address: `${a.address}（新）` }) }],
    });
    const acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
    t.clock.advance(60_000);
    expect((await acceptApplication(acceptor, id)).statusCode).toBe(200);
    t.clock.advance(60_000);
    expect((await office.post(`/api/applications/${id}/reject`, { reason: '材料不清晰' })).statusCode).toBe(200);
    const first = (await dev.get(`/api/applications/${id}`)).json();
    t.clock.advance(60_000);
    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);

    const again = (await dev.get(`/api/applications/${id}`)).json();
    expect(again).toMatchObject({ status: 'submitted', acceptedAt: null, reviewedAt: null });
    expect(again.rounds).toEqual([
      { submittedAt: expect.any(String), acceptedAt: first.acceptedAt, reviewedAt: first.reviewedAt, result: 'rejected' },
      { submittedAt: again.submittedAt, acceptedAt: null, reviewedAt: null, result: null },
    ]);
    t.clock.advance(60_000);
    expect((await acceptApplication(acceptor, id)).statusCode).toBe(200);
    const accepted = (await dev.get(`/api/applications/${id}`)).json();
    expect(accepted.rounds[1].acceptedAt).toBe(accepted.acceptedAt);
    expect(accepted.acceptedAt).not.toBe(first.acceptedAt);
  });
});
