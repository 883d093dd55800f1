import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { organisations, propertyAreas } from '../src/db/schema/index.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, statementsSent, testApp, type TestApp } from './harness.ts';

/**
 * An area's house list and search check the caller's sight of the area inside the page's own
 * statement (F-10): a developer sees the areas it collected, a committee its own, the office all, and
 * everyone else is told the area is not found, on every page, searched or not, past the last or not.
 */
let t: TestApp;
let dev: Agent;
let office: Agent;
let committee: Agent;
let bank: Agent;
let ownArea: number;
let rivalArea: number;
let emptyArea: number;

beforeAll(async () => {
  t = await testApp();
  [dev, office, committee, bank] = await Promise.all([
    t.login(DEMO.developer.code, DEMO.developer.admin),
    t.login(DEMO.office.code, DEMO.office.acceptor),
    t.login(DEMO.committee.code, DEMO.committee.director),
    t.login(DEMO.bank.code, DEMO.bank.admin),
  ]);
  const areas = await t.handle.db.select().from(propertyAreas);
  ownArea = areas.find((a) => a.name === DEMO.areas.withCommittee)?.id ?? 0;
  rivalArea = areas.find((a) => a.name === DEMO.areas.free)?.id ?? 0;
  // The free area, houses and all, now belongs to another developer; and the demo developer collects
  // an area with no houses yet.
  const [rival] = await t.handle.db
    .insert(organisations)
    .values({
      type: 'developer',
      name: '另一家开发公司',
      code: '91440703MA4RIVAL01',
      contactPerson: '陈',
      phone: '13900000000',
      address: '江门',
      legalRepresentative: '陈',
    })
    .returning({ id: organisations.id });
  await t.handle.db.update(propertyAreas).set({ developerOrgId: rival?.id }).where(eq(propertyAreas.id, rivalArea));
  const developerId = areas.find((a) => a.id === ownArea)?.developerOrgId;
  const [empty] = await t.handle.db
    .insert(propertyAreas)
    .values({ name: '新收集花园', district: '蓬江区', address: '新收集路 1 号', developerOrgId: developerId })
    .returning({ id: propertyAreas.id });
  emptyArea = empty?.id ?? 0;
});
afterAll(() => t.close());

const queries = [
  'pageSize=5',
  'pageSize=5&page=2',
  'pageSize=5&page=999',
  'pageSize=5&q=1',
  `pageSize=5&q=${encodeURIComponent('王')}`,
  'pageSize=5&q=1&page=999',
  'pageSize=5&status=normal',
];

it('F-10 an area of another developer, of another committee, or asked by a bank is not found on every page of its house list and search', async () => {
  for (const query of queries) {
    for (const [who, agent, area] of [
      ['developer', dev, rivalArea],
      ['committee', committee, rivalArea],
      ['bank', bank, ownArea],
      ['developer, no such area', dev, 987654],
    ] as const) {
      const res = await agent.get(`/api/areas/${area}/houses?${query}`);
      expect(res.statusCode, `${who} ${query}: ${res.body}`).toBe(404);
      expect(res.json().items, who).toBeUndefined();
    }
  }
});

it('F-10 the office sees every area, a developer its own and a committee its own, each with its own houses and totals', async () => {
  for (const query of queries) {
    for (const [who, agent, area] of [
      ['office', office, rivalArea],
      ['office', office, ownArea],
      ['developer', dev, ownArea],
      ['committee', committee, ownArea],
    ] as const) {
      const res = await agent.get(`/api/areas/${area}/houses?${query}`);
      expect(res.statusCode, `${who} ${query}: ${res.body}`).toBe(200);
      const { items, total } = res.json() as { items: { id: number }[]; total: number };
      const [theirs] = await rowsOf<{ n: string; all: string }>(
        t.handle.db,
        sql`select count(*) filter (where id = any(${`{${items.map((h) => h.id).join(',')}}`}::bigint[]))::text as n, count(*)::text as all
              from houses where area_id = ${area}`,
      );
      expect(Number(theirs?.n), `${who} ${query}`).toBe(items.length);
      if (!query.includes('q=') && !query.includes('status')) expect(total, `${who} ${query}`).toBe(Number(theirs?.all));
    }
  }
});

it('F-10 an area collected without houses yet lists none to its developer and to the office, and is not found by anyone else', async () => {
  for (const query of queries) {
    for (const agent of [dev, office]) {
      const res = await agent.get(`/api/areas/${emptyArea}/houses?${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
      expect(res.json()).toMatchObject({ items: [], total: 0 });
    }
    for (const agent of [committee, bank]) expect((await agent.get(`/api/areas/${emptyArea}/houses?${query}`)).statusCode, query).toBe(404);
  }
});

it("F-10 a page of an area's houses is one statement after the session's: the caller's sight of the area is checked in it", async () => {
  for (const query of ['pageSize=5', 'pageSize=5&page=2', 'pageSize=5&q=1']) {
    const { result: res, texts } = await statementsSent(t.handle, () => dev.get(`/api/areas/${ownArea}/houses?${query}`));
    expect(res.statusCode, res.body).toBe(200);
    expect(texts.length, `${query}: ${texts.join('\n')}`).toBe(2);
  }
});
