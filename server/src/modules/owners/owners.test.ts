import { and, asc, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  houseOwners,
  houses,
  ownerAccounts,
  ownerBindings,
  organisations,
  ownerLetters,
  projectItemHouses,
  propertyAreas,
  rateCounters,
} from '../../db/schema/index.ts';
import { acceptApplication } from '../../../test/acceptance-fixtures.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, DEMO_PASSWORD, testApp, type TestApp } from '../../../test/harness.ts';
import { idCard } from '../../../test/registry-fixtures.ts';

const PASSWORD = 'Owner#2026a';
const REFUSED = '房屋、业主证件号码与绑定码不符，或绑定码已使用、已过期；同一房屋每天最多可尝试 5 次，请核对业主告知书后再试';

let t: TestApp;
let acceptor: Agent;
const routes: { method: string; url: string }[] = [];

interface DemoOwner {
  houseId: number;
  buildingId: number;
  name: string;
  idNumber: string;
}
/** Owners of distinct houses of 侨城花园, each the only house of that ID number. */
let owners: DemoOwner[];
let next = 0;
const anOwner = () => {
  const o = owners[next++];
  if (!o) throw new Error('demo owners used up');
  return o;
};

beforeAll(async () => {
  t = await testApp({
    onRoute: (r: RouteOptions) => {
      for (const m of [r.method].flat()) if (r.url.startsWith('/api/') && m !== 'HEAD') routes.push({ method: m, url: r.url });
    },
  });
  acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
  const rows = await t.handle.db
    .select({ houseId: houses.id, buildingId: houses.buildingId, name: houseOwners.name, idNumber: houseOwners.idNumber })
    .from(houseOwners)
    .innerJoin(houses, eq(houses.id, houseOwners.houseId))
    .innerJoin(propertyAreas, eq(propertyAreas.id, houses.areaId))
    .where(and(eq(propertyAreas.name, DEMO.areas.withCommittee), eq(houseOwners.idType, '居民身份证'), eq(houses.status, 'normal')))
    .orderBy(asc(houseOwners.id));
  // Houses the demo city bound already are left out, so each test starts from an unbound house.
  const seenHouse = new Set((await t.handle.db.select({ id: ownerBindings.houseId }).from(ownerBindings)).map((b) => b.id));
  const seenId = new Map<string, number>();
  for (const r of rows) seenId.set(r.idNumber, (seenId.get(r.idNumber) ?? 0) + 1);
  owners = rows.filter((r) => {
    if (seenHouse.has(r.houseId) || seenId.get(r.idNumber) !== 1) return false;
    seenHouse.add(r.houseId);
    return true;
  });
});
afterAll(() => t.close());

/** The office window's letter for one house (a fresh login: the tests move the clock on by days). */
async function letter(houseId: number): Promise<string> {
  const res = await (await t.login(DEMO.office.code, DEMO.office.acceptor)).post('/api/owner-letters', { houseId });
  expect(res.statusCode, res.body).toBe(200);
  const code = res.json().items[0]?.code as string;
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  return code;
}

const bind = (o: DemoOwner, code: string, overrides: Record<string, unknown> = {}) =>
  t.agent().post('/api/owner/bind', { houseId: o.houseId, idNumber: o.idNumber, code, password: PASSWORD, ...overrides });

async function ownerAgent(o: DemoOwner): Promise<Agent> {
  const a = t.agent();
  const res = await a.post('/api/owner/login', { idNumber: o.idNumber, password: PASSWORD });
  expect(res.statusCode, res.body).toBe(200);
  return a;
}

/** A code that differs from the right one in its first character. */
const wrongCode = (code: string) => `${code[0] === 'A' ? 'C' : 'A'}${code.slice(1)}`;

function expectRefused(res: { statusCode: number; json(): unknown }) {
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({ code: 'BIND_REFUSED', rule: 'R-80', message: REFUSED });
}

describe('F-80 demo city', () => {
  it('F-80 the demo city has three bound owners of 侨城花园 who log in with the demo password and see their house', async () => {
    const bound = await t.handle.db
      .select({ idNumber: ownerAccounts.idNumber, houseId: ownerBindings.houseId, area: propertyAreas.name })
      .from(ownerBindings)
      .innerJoin(ownerAccounts, eq(ownerAccounts.id, ownerBindings.ownerId))
      .innerJoin(houses, eq(houses.id, ownerBindings.houseId))
      .innerJoin(propertyAreas, eq(propertyAreas.id, houses.areaId));
    // The README lists these three.
    expect(bound.map((b) => b.idNumber)).toEqual(['440784196401026194', '440704198812277657', '440703195205227412']);
    for (const b of bound) {
      expect(b.area).toBe(DEMO.areas.withCommittee);
      const a = t.agent();
      expect((await a.post('/api/owner/login', { idNumber: b.idNumber, password: DEMO_PASSWORD })).statusCode).toBe(200);
      expect((await a.get('/api/owner/houses')).json().items.map((h: { id: number }) => h.id)).toEqual([b.houseId]);
    }
  });
});

describe('F-80 binding while signed in', () => {
  it('F-80 an owner still signed in binds another house from its letter on a freshly opened binding page (no session token yet); another site may not', async () => {
    const first = anOwner();
    expect((await bind(first, await letter(first.houseId))).statusCode).toBe(200);
    const phone = await ownerAgent(first);
    // The binding page opened from a QR code has not asked for the session, so it sends no token.
    phone.csrf = '';
    const second = anOwner();
    const res = await phone.post('/api/owner/bind', {
      houseId: second.houseId,
      idNumber: second.idNumber,
      code: await letter(second.houseId),
      password: PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(200);
    const third = anOwner();
    const crossSite = await phone.post(
      '/api/owner/bind',
      { houseId: third.houseId, idNumber: third.idNumber, code: await letter(third.houseId), password: PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.statusCode).toBe(403);
  });
});

describe('F-80 owner letters', () => {
  it('F-80 the office issues letters for a whole building: a code per house with owners, stored only hashed, audited without the codes', async () => {
    const o = anOwner();
    const from = (await t.handle.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id)).at(-1)?.id ?? 0;
    const res = await acceptor.post('/api/owner-letters', { buildingId: o.buildingId });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { houseId: number; code: string }[]; expiresAt: string; bindPath: string };
    const withOwners = await t.handle.db
      .selectDistinct({ id: houses.id })
      .from(houses)
      .innerJoin(houseOwners, eq(houseOwners.houseId, houses.id))
      .where(and(eq(houses.buildingId, o.buildingId), eq(houses.status, 'normal')));
    expect(body.items.map((i) => i.houseId).sort()).toEqual(withOwners.map((h) => h.id).sort());
    expect(new Set(body.items.map((i) => i.code)).size).toBe(body.items.length);
    expect(new Date(body.expiresAt).getTime() - t.clock.now().getTime()).toBe(30 * 86_400_000);
    const stored = await t.handle.db
      .select()
      .from(ownerLetters)
      .where(
        inArray(
          ownerLetters.houseId,
          withOwners.map((h) => h.id),
        ),
      );
    const text = JSON.stringify(stored);
    const audits = JSON.stringify(await t.handle.db.select().from(auditLog).where(gt(auditLog.id, from)));
    for (const i of body.items) {
      expect(text).not.toContain(i.code.replace('-', ''));
      expect(audits).not.toContain(i.code.replace('-', ''));
      expect(audits).not.toContain(i.code);
    }
    expect(audits).toContain('owner.letters');
  });

  it('F-80 each letter’s QR code opens the binding page with its own house chosen: the path names its area, building and house', async () => {
    const o = anOwner();
    const res = await acceptor.post('/api/owner-letters', { buildingId: o.buildingId });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { houseId: number; bindPath: string }[];
    const places = await t.handle.db
      .select({ id: houses.id, areaId: houses.areaId, buildingId: houses.buildingId })
      .from(houses)
      .where(eq(houses.buildingId, o.buildingId));
    const placeOf = new Map(places.map((p) => [p.id, p]));
    expect(items.length).toBeGreaterThan(1);
    for (const i of items) {
      const p = placeOf.get(i.houseId);
      expect(i.bindPath).toBe(`/owner/bind?area=${p?.areaId}&building=${p?.buildingId}&house=${i.houseId}`);
    }
  });

  it('F-80 the area’s committee issues letters for its own area only; a developer and a bank may not', async () => {
    const o = anOwner();
    const director = await t.login(DEMO.committee.code, DEMO.committee.director);
    expect((await director.post('/api/owner-letters', { houseId: o.houseId })).statusCode).toBe(200);
    const [other] = await t.handle.db
      .select({ id: houses.id })
      .from(houses)
      .innerJoin(propertyAreas, eq(propertyAreas.id, houses.areaId))
      .innerJoin(houseOwners, eq(houseOwners.houseId, houses.id))
      .where(eq(propertyAreas.name, DEMO.areas.free))
      .limit(1);
    expect((await director.post('/api/owner-letters', { houseId: other?.id })).statusCode).toBe(404);
    const dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
    expect((await dev.post('/api/owner-letters', { houseId: o.houseId })).statusCode).toBe(403);
    const bank = await t.login(DEMO.bank.code, DEMO.bank.teller);
    expect((await bank.post('/api/owner-letters', { houseId: o.houseId })).statusCode).toBe(403);
  });

  it('F-80 a committee whose documents the office has not verified issues no letters', async () => {
    const o = anOwner();
    const director = await t.login(DEMO.committee.code, DEMO.committee.director);
    const [before] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.committee.code));
    await t.handle.db.update(organisations).set({ documentsVerifiedAt: null }).where(eq(organisations.code, DEMO.committee.code));
    const refused = await director.post('/api/owner-letters', { houseId: o.houseId });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('核验');
    await t.handle.db
      .update(organisations)
      .set({ documentsVerifiedAt: before?.documentsVerifiedAt ?? null })
      .where(eq(organisations.code, DEMO.committee.code));
    expect((await director.post('/api/owner-letters', { houseId: o.houseId })).statusCode).toBe(200);
  });
});

describe('R-80 binding', () => {
  it('R-80 binds with house, ID number on record, code and a new password; the owner then logs in and sees the house’s balance and amount due', async () => {
    const o = anOwner();
    const code = await letter(o.houseId);
    const res = await bind(o, code.toLowerCase().replace('-', ' '));
    expect(res.statusCode, res.body).toBe(200);
    const owner = await ownerAgent(o);
    const mine = await owner.get('/api/owner/houses');
    expect(mine.statusCode, mine.body).toBe(200);
    const lookup = (await t.agent().post('/api/public/fund-lookup', { houseId: o.houseId, idNumber: o.idNumber })).json();
    expect(mine.json().items).toEqual([
      expect.objectContaining({ id: o.houseId, balance: lookup.balance, amountDue: lookup.amountDue, deposited: lookup.deposited }),
    ]);
    expect(lookup.balance).toBeGreaterThan(0);
    const audits = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, 'owner.bind'));
    expect(audits.length).toBeGreaterThan(0);
    expect(JSON.stringify(audits)).not.toContain(code.replace('-', ''));
  });

  it('R-80 a used code, a replaced code, an expired code, a wrong ID number and a wrong code all get the same answer', async () => {
    const used = anOwner();
    const usedCode = await letter(used.houseId);
    expect((await bind(used, usedCode)).statusCode).toBe(200);
    expectRefused(await bind(used, usedCode));

    const replaced = anOwner();
    const old = await letter(replaced.houseId);
    const fresh = await letter(replaced.houseId);
    expectRefused(await bind(replaced, old));

    const wrongId = anOwner();
    const code = await letter(wrongId.houseId);
    expectRefused(await bind(wrongId, code, { idNumber: idCard('44070319850612123') }));
    expectRefused(await bind(wrongId, wrongCode(code)));
    // Another house's owner with this house's code.
    expectRefused(await bind(wrongId, code, { idNumber: used.idNumber }));

    const late = anOwner();
    const lateCode = await letter(late.houseId);
    t.clock.advance(31 * 86_400_000);
    expectRefused(await bind(late, lateCode));
    // The replacing letter of the other house expired too; a new letter binds.
    expectRefused(await bind(replaced, fresh));
    expect((await bind(replaced, await letter(replaced.houseId))).statusCode).toBe(200);
  });

  it('R-80 a weak password is refused naming the field, before any try of the house is taken', async () => {
    const o = anOwner();
    const code = await letter(o.houseId);
    const res = await bind(o, code, { password: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.password).toContain('密码至少 8 位');
    const [counter] = await t.handle.db
      .select()
      .from(rateCounters)
      .where(eq(rateCounters.key, `bind:house:${o.houseId}:20261222`));
    expect(counter).toBeUndefined();
  });

  it('R-80 a burst of 20 parallel wrong tries is counted exactly; the right code after them is refused alike that day and binds the next', async () => {
    const o = anOwner();
    const code = await letter(o.houseId);
    const burst = await Promise.all(Array.from({ length: 20 }, () => bind(o, wrongCode(code))));
    for (const r of burst) expectRefused(r);
    expectRefused(await bind(o, code));
    const counters = await t.handle.db.select().from(rateCounters);
    expect(counters.find((c) => c.key.startsWith(`bind:house:${o.houseId}:`))?.count).toBe(21);
    const [open] = await t.handle.db
      .select()
      .from(ownerLetters)
      .where(and(eq(ownerLetters.houseId, o.houseId), isNull(ownerLetters.usedAt)));
    expect(open).toBeDefined();
    t.clock.advance(24 * 3600_000);
    expect((await bind(o, code)).statusCode).toBe(200);
  });

  it('R-80 four wrong tries leave the fifth to the right code; a right code takes no try from the day’s count', async () => {
    const o = anOwner();
    const code = await letter(o.houseId);
    for (let i = 0; i < 4; i++) expectRefused(await bind(o, wrongCode(code)));
    expect((await bind(o, code)).statusCode).toBe(200);
    const counters = await t.handle.db.select().from(rateCounters);
    expect(counters.find((c) => c.key.startsWith(`bind:house:${o.houseId}:`))?.count).toBe(4);
  });
});

describe('F-80 owner login and session', () => {
  it('F-80 five wrong passwords, also in parallel, lock the owner for 15 minutes with the same answer as an unknown ID number', async () => {
    const o = anOwner();
    expect((await bind(o, await letter(o.houseId))).statusCode).toBe(200);
    const unknown = await t.agent().post('/api/owner/login', { idNumber: idCard('44070319850612123'), password: PASSWORD });
    expect(unknown.statusCode).toBe(401);
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => t.agent().post('/api/owner/login', { idNumber: o.idNumber, password: 'Wrong#2026x' })),
    );
    for (const r of burst) expect(r.json()).toEqual(unknown.json());
    expect((await t.agent().post('/api/owner/login', { idNumber: o.idNumber, password: PASSWORD })).json()).toEqual(unknown.json());
    t.clock.advance(16 * 60_000);
    expect((await t.agent().post('/api/owner/login', { idNumber: o.idNumber, password: PASSWORD })).statusCode).toBe(200);
  });

  it('F-80 an owner session ends after 30 minutes idle, sets an HttpOnly SameSite cookie and needs the CSRF token to log out', async () => {
    const o = anOwner();
    expect((await bind(o, await letter(o.houseId))).statusCode).toBe(200);
    const raw = await t.app.inject({ method: 'POST', url: '/api/owner/login', payload: { idNumber: o.idNumber, password: PASSWORD } });
    const set = raw.cookies.find((c) => c.name === 'wygl_sid');
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const owner = await ownerAgent(o);
    const noToken = await t.app.inject({ method: 'POST', url: '/api/owner/logout', headers: { cookie: owner.cookie } });
    expect(noToken.statusCode).toBe(403);
    t.clock.advance(31 * 60_000);
    const ended = await owner.get('/api/owner/houses');
    expect(ended.statusCode).toBe(401);
    expect(ended.json().code).toBe('SESSION_ENDED');
  });

  it('F-80 an owner session reaches no organisation route, and an organisation user reaches no owner route', async () => {
    const o = anOwner();
    expect((await bind(o, await letter(o.houseId))).statusCode).toBe(200);
    const owner = await ownerAgent(o);
    // The owner's own routes and what anyone may ask; every other route is an organisation's.
    const open = (url: string) =>
      url.startsWith('/api/owner/') ||
      url.startsWith('/api/public/') ||
      url.startsWith('/api/health') ||
      ['/api/openapi.json', '/api/auth/login', '/api/auth/logout', '/api/auth/session'].includes(url);
    const organisational = routes.filter((r) => !open(r.url));
    expect(organisational.length).toBeGreaterThan(100);
    const answered: string[] = [];
    for (const r of organisational) {
      const res = await owner.request(r.method as 'GET', r.url.replaceAll(/:\w+/g, '1'), r.method === 'GET' ? undefined : {});
      if (res.statusCode !== 403 || res.json().code !== 'OWNER_SESSION') answered.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(answered).toEqual([]);
    // Asking for an organisation's session is answered as for anyone not logged in.
    expect((await owner.get('/api/auth/session')).statusCode).toBe(401);
    // Still logged in as the owner after all that.
    expect((await owner.get('/api/owner/houses')).statusCode).toBe(200);

    const office = await t.login(DEMO.office.code, DEMO.office.admin);
    for (const url of ['/api/owner/houses', '/api/owner/session']) expect((await office.get(url)).statusCode).toBe(403);
    expect((await t.agent().get('/api/owner/houses')).statusCode).toBe(401);
  });
});

describe('F-17 a registry change ends an owner’s access', () => {
  /** Submitted, accepted and approved, by fresh logins (earlier tests moved the clock on by days). */
  async function approve(type: string, form: unknown, kind: string, rows: unknown[]) {
    const dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
    const acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
    const reviewer = await t.login(DEMO.office.code, DEMO.office.reviewer);
    const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.withCommittee));
    const created = await dev.post('/api/applications', { type, areaId: area?.id, form });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const put = await dev.put(`/api/applications/${id}/items/${kind}`, { rows });
    expect(put.statusCode, put.body).toBe(200);
    const submit = await dev.post(`/api/applications/${id}/submit`);
    expect(submit.statusCode, submit.body).toBe(200);
    expect((await acceptApplication(acceptor, id)).statusCode).toBe(200);
    const res = await reviewer.post(`/api/applications/${id}/approve`);
    expect(res.statusCode, res.body).toBe(200);
  }

  it('F-17 an approved ownership change ends the former owner’s binding and the house’s unused letters in the same approval', async () => {
    const o = anOwner();
    expect((await bind(o, await letter(o.houseId))).statusCode).toBe(200);
    const owner = await ownerAgent(o);
    expect((await owner.get('/api/owner/houses')).json().items).toHaveLength(1);
    const unused = await letter(o.houseId);
    await approve('ownership_change', {}, 'owners', [
      { houseId: o.houseId, owners: [{ name: '陈伟', idType: '居民身份证', idNumber: idCard('44070319850612123'), phone: '' }] },
    ]);
    const [binding] = await t.handle.db.select().from(ownerBindings).where(eq(ownerBindings.houseId, o.houseId));
    expect(binding).toMatchObject({ endReason: 'ownership_change' });
    expect(binding?.endedAt).not.toBeNull();
    expect((await owner.get('/api/owner/houses')).json().items).toEqual([]);
    expectRefused(await bind({ ...o, idNumber: idCard('44070319850612123') }, unused));
  });

  it('F-17 an approved house cancellation ends every binding of the house', async () => {
    // A house in no repair project's range, which may be cancelled.
    const ranged = new Set((await t.handle.db.select({ id: projectItemHouses.houseId }).from(projectItemHouses)).map((r) => r.id));
    const o = owners.slice(next).find((x) => !ranged.has(x.houseId));
    if (!o) throw new Error('no demo house outside every project range');
    owners = owners.filter((x) => x !== o);
    expect((await bind(o, await letter(o.houseId))).statusCode).toBe(200);
    await approve('house_cancellation', { reason: '拆迁' }, 'house', [
      { houseId: o.houseId, refundAccount: { accountName: o.name, bank: '中国工商银行江门分行', accountNo: '6222020000001234567' } },
    ]);
    const live = await t.handle.db
      .select()
      .from(ownerBindings)
      .where(and(eq(ownerBindings.houseId, o.houseId), isNull(ownerBindings.endedAt), ne(ownerBindings.id, 0)));
    expect(live).toEqual([]);
    expect((await (await ownerAgent(o)).get('/api/owner/houses')).json().items).toEqual([]);
  });
});
