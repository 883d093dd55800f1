import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, propertyAreas } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { otherCommittee } from '../../../test/project-fixtures.ts';
import { houseWithOwner } from '../../../test/owner-fixtures.ts';

let t: TestApp;
let committee: Agent;
let owner: Awaited<ReturnType<typeof houseWithOwner>>;

beforeAll(async () => {
  t = await testApp();
  committee = await t.login(DEMO.committee.code, DEMO.committee.clerk);
  owner = await houseWithOwner(t, DEMO.areas.withCommittee);
});
afterAll(() => t.close());

describe('§10 privacy by default', () => {
  it('§10 privacy: the committee reads owners’ ID numbers and phones masked in 房屋查询; the full values never reach it', async () => {
    const res = await committee.get(`/api/houses/${owner.houseId}`);
    expect(res.statusCode).toBe(200);
    const first = res.json().owners[0];
    expect(first.name).toBe(owner.name);
    expect(first.idNumber).toMatch(/^\d{4}\*+[\dX]{4}$/);
    expect(first.idNumber.slice(-4)).toBe(owner.idNumber.slice(-4));
    expect(first.phone).toBe(`${owner.phone.slice(0, 3)}****${owner.phone.slice(-4)}`);
    expect(res.body).not.toContain(owner.idNumber);
    expect(res.body).not.toContain(owner.phone);
  });

  it('§10 privacy: the developer and the office keep reading the full values', async () => {
    for (const agent of [await t.login(DEMO.developer.code, DEMO.developer.admin), await t.login(DEMO.office.code, DEMO.office.reviewer)]) {
      const first = (await agent.get(`/api/houses/${owner.houseId}`)).json().owners[0];
      expect(first).toMatchObject({ idNumber: owner.idNumber, phone: owner.phone });
    }
  });

  it('§10 privacy: revealing one house’s owners returns the full values and records who saw them', async () => {
    const res = await committee.post(`/api/houses/${owner.houseId}/reveal`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().owners[0]).toMatchObject({ name: owner.name, idNumber: owner.idNumber, phone: owner.phone });
    const rows = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'owner.reveal'), eq(auditLog.entityId, String(owner.houseId))));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.orgName).toBe('侨城花园业主委员会');
    expect(rows[0]?.userName).toContain(DEMO.committee.clerk);
    expect(rows[0]?.summary).toContain(owner.name);
    // The log says whose data was seen, not the data itself.
    expect(JSON.stringify(rows[0])).not.toContain(owner.idNumber);
  });

  it('§10 privacy: another organisation cannot reveal the owners of a house outside its area', async () => {
    const [free] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.free));
    const stranger = await otherCommittee(t, free?.id ?? 0);
    const bank = await t.login(DEMO.bank.code, DEMO.bank.teller);
    for (const agent of [stranger, bank]) {
      const res = await agent.post(`/api/houses/${owner.houseId}/reveal`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(owner.idNumber);
    }
    const rows = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, 'owner.reveal'));
    expect(rows).toHaveLength(1);
  });

  it('§10 privacy: the public portal never shows owners’ ID numbers or phones in full', async () => {
    const res = await t.agent().post('/api/public/fund-lookup', { houseId: owner.houseId, idNumber: owner.idNumber });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(owner.idNumber);
    expect(res.body).not.toContain(owner.phone);
  });
});
