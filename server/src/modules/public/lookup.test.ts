import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildings, houseOwners, houses, propertyAreas } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let houseId: number;
let owner: { name: string; idNumber: string };

beforeAll(async () => {
  t = await testApp();
  // A sold flat of 侨城花园 1栋, whose deposit the demo bank confirmed.
  const [row] = await t.handle.db
    .select({ id: houses.id, name: houseOwners.name, idNumber: houseOwners.idNumber })
    .from(houses)
    .innerJoin(houseOwners, eq(houseOwners.houseId, houses.id))
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .innerJoin(propertyAreas, eq(propertyAreas.id, houses.areaId))
    .where(eq(buildings.name, '1栋'))
    .limit(1);
  houseId = row?.id as number;
  owner = { name: row?.name as string, idNumber: row?.idNumber as string };
});
afterAll(() => t.close());

describe('F-72 public fund lookup', () => {
  it('F-72 walks area → building → room without logging in', async () => {
    const areas = (await t.agent().get('/api/public/areas')).json().items;
    const area = areas.find((a: { name: string }) => a.name === DEMO.areas.withCommittee);
    const blds = (await t.agent().get(`/api/public/areas/${area.id}/buildings`)).json().items;
    const rooms = (await t.agent().get(`/api/public/buildings/${blds[0].id}/rooms`)).json().items;
    expect(rooms.some((r: { id: number }) => r.id === houseId)).toBe(true);
  });

  it('F-72 shows balance, amount due and movements to an owner’s ID number, with names and ID numbers masked', async () => {
    const res = await t.agent().post('/api/public/fund-lookup', { houseId, idNumber: owner.idNumber.toLowerCase() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.balance).toBeGreaterThan(0);
    expect(body.deposited).toBe(body.amountDue);
    expect(body.movements[0]).toMatchObject({ kindLabel: '交存', amount: body.deposited, balance: body.deposited });
    expect(body.owners[0].name).toBe(`${[...owner.name][0]}${'*'.repeat([...owner.name].length - 1)}`);
    expect(body.owners[0].idNumber).toBe(`${owner.idNumber.slice(0, 4)}**********${owner.idNumber.slice(-4)}`);
    expect(JSON.stringify(body)).not.toContain(owner.idNumber);
  });

  it('F-72 refuses a wrong ID number without revealing anything, and slows down guessing on one house', async () => {
    const wrong = await t.agent().post('/api/public/fund-lookup', { houseId, idNumber: '440703199001011234' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().message).toContain('不符');
    for (let i = 0; i < 4; i++) await t.agent().post('/api/public/fund-lookup', { houseId, idNumber: `44070319900101${1000 + i}` });
    const limited = await t.agent().post('/api/public/fund-lookup', { houseId, idNumber: owner.idNumber });
    expect(limited.statusCode).toBe(200);
    const sixthMiss = await t.agent().post('/api/public/fund-lookup', { houseId, idNumber: '440703199001019999' });
    expect(sixthMiss.statusCode).toBe(429);
    t.clock.advance(16 * 60_000);
    expect((await t.agent().post('/api/public/fund-lookup', { houseId, idNumber: '440703199001019998' })).statusCode).toBe(404);
  });
});

describe('§4 分户账明细', () => {
  it('§4 lists a house’s movements with a running balance to its developer, and exports them; other organisations get 404', async () => {
    const dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
    const res = await dev.get(`/api/houses/${houseId}/statement`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.at(-1).balance).toBe(items.reduce((a: number, i: { amount: number }) => a + i.amount, 0));
    const xlsx = await dev.get(`/api/houses/${houseId}/statement.xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const bank = await t.login(DEMO.bank.code, DEMO.bank.teller);
    expect((await bank.get(`/api/houses/${houseId}/statement`)).statusCode).toBe(404);
  });
});
