import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildings, facilities, houses, ledgerAccounts, projectItemHouses, propertyAreas } from '../src/db/schema/index.ts';
import { committeeRegistration, DEMO, file, registrationForm, smallPng } from './fixtures.ts';
import { type Agent, testApp, type TestApp } from './harness.ts';
import { checkLedger } from '../src/ledger/check.ts';
import { acceptProjectRequest, requiredDocuments } from './acceptance-fixtures.ts';
import { projectDocType } from '../src/domain/required-documents.ts';

/**
 * The people of a repair project on a fresh demo city: the committee's member and clerk, the office's
 * acceptor and reviewer, the custodian bank's teller, and the demo committee's area. Registers the
 * hooks that start the app before the file's tests and close it after them, checking the ledger
 * first unless `checkLedger: false`. Fields are set by the time the first test runs.
 */
export interface ProjectWorld {
  t: TestApp;
  member: Agent;
  clerk: Agent;
  office: { accept: Agent; review: Agent };
  teller: Agent;
  area: Awaited<ReturnType<typeof demoArea>>;
  loginAll(): Promise<void>;
  /** Days pass (notice periods); sessions do not survive them, so everyone logs in again. */
  advanceDays(days: number): Promise<void>;
  /** The business day (Beijing time) on the test clock, YYYY-MM-DD. */
  today(): string;
}

export function projectWorld(opts: { checkLedger?: boolean } = {}): ProjectWorld {
  const w = {
    async loginAll() {
      w.member = await w.t.login(DEMO.committee.code, DEMO.committee.member);
      w.clerk = await w.t.login(DEMO.committee.code, DEMO.committee.clerk);
      w.office = {
        accept: await w.t.login(DEMO.office.code, DEMO.office.acceptor),
        review: await w.t.login(DEMO.office.code, DEMO.office.reviewer),
      };
      w.teller = await w.t.login(DEMO.bank.code, DEMO.bank.teller);
    },
    async advanceDays(days: number) {
      w.t.clock.advance(days * 24 * 3600_000);
      await w.loginAll();
    },
    today: () => new Date(w.t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10),
  } as ProjectWorld;
  beforeAll(async () => {
    w.t = await testApp();
    await w.loginAll();
    w.area = await demoArea(w.t);
  });
  afterAll(async () => {
    if (opts.checkLedger !== false) expect(await checkLedger(w.t.handle.db)).toEqual([]);
    await w.t.close();
  });
  return w;
}

/** The demo committee's area and a few of its facilities, found by their demo names. */
export async function demoArea(t: TestApp) {
  const db = t.handle.db;
  const [area] = await db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.withCommittee));
  const [free] = await db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.free));
  const areaId = area?.id as number;
  const blds = await db.select().from(buildings).where(eq(buildings.areaId, areaId));
  const building = (name: string) => blds.find((b) => b.name === name)?.id as number;
  /** A facility located on a whole building (roof, walls) of the named building. */
  const buildingFacility = async (buildingName: string, name = '屋面防水层') => {
    const [f] = await db
      .select()
      .from(facilities)
      .where(and(eq(facilities.buildingId, building(buildingName)), isNull(facilities.unitId), eq(facilities.name, name)));
    return f?.id as number;
  };
  const unitFacility = async (buildingName: string) => {
    const [f] = await db
      .select()
      .from(facilities)
      .where(and(eq(facilities.buildingId, building(buildingName)), isNotNull(facilities.unitId)));
    return f as typeof facilities.$inferSelect;
  };
  const areaFacility = async () => {
    const [f] = await db
      .select()
      .from(facilities)
      .where(and(eq(facilities.areaId, areaId), isNull(facilities.buildingId)));
    return f?.id as number;
  };
  return { areaId, freeAreaId: free?.id as number, building, buildingFacility, unitFacility, areaFacility };
}

export async function balances(t: TestApp, houseIds: number[]) {
  const rows = await t.handle.db.select({ houseId: ledgerAccounts.houseId, balance: ledgerAccounts.balance }).from(ledgerAccounts);
  const wanted = new Set(houseIds);
  return new Map(rows.filter((r) => wanted.has(r.houseId as number)).map((r) => [r.houseId as number, r.balance]));
}

export async function liveHousesOf(t: TestApp, buildingId: number) {
  return t.handle.db
    .select({ id: houses.id })
    .from(houses)
    .where(and(eq(houses.buildingId, buildingId), eq(houses.status, 'normal')));
}

export const deadlineAfter = (t: TestApp, days: number) =>
  new Date(t.clock.now().getTime() + (8 + days * 24) * 3600_000).toISOString().slice(0, 10);

export const payee = (amount: number, unitName = '江门市建安工程有限公司') => ({
  unitName,
  accountName: unitName,
  bankName: '中国工商银行江门分行',
  accountNo: '6222 0200 1234 5678',
  amount,
});

/**
 * Expects a refusal by `rule` (a SPEC number), named in the answer's `rule` field — or, given words
 * instead, a refusal whose message says them. Either way the message and the field messages people
 * read carry no rule id.
 */
export function refused(
  res: { statusCode: number; json(): { message: string; rule?: string; fieldErrors?: Record<string, string> } },
  status: number,
  rule: string,
) {
  const body = res.json();
  expect(res.statusCode, JSON.stringify(body)).toBe(status);
  if (/^(R-\d+|F-\d+|§[\d.]+)$/.test(rule)) expect(body.rule, JSON.stringify(body)).toBe(rule);
  else expect(body.message).toContain(rule);
  expect([body.message, ...Object.values(body.fieldErrors ?? {})].join('\n')).not.toMatch(/R-\d|F-\d|§/);
  return body;
}

/** Registers a committee for the demo's second area and logs in as it (the other area, for isolation tests). */
export async function otherCommittee(t: TestApp, freeAreaId: number): Promise<Agent> {
  const docs = { filing: file(smallPng(), '备案.png'), directorId: file(smallPng(), '身份证.png') };
  const res = await t.agent().postForm('/api/registration', registrationForm(committeeRegistration(freeAreaId), docs));
  expect(res.statusCode, res.body).toBe(201);
  return t.login('JJHTYWH', 'admin', 'Secret#2026');
}

/** Office accept + approve of one request. */
export async function officeApproves(office: { accept: Agent; review: Agent }, requestId: number) {
  const a = await acceptProjectRequest(office.accept, requestId, '纸质材料齐全');
  expect(a.statusCode, a.body).toBe(200);
  const b = await office.review.post(`/api/office/project-requests/${requestId}/approve`);
  expect(b.statusCode, b.body).toBe(200);
}

export type ProjectType = 'general' | 'emergency' | 'simple';

/** A project with one item on a building's roof, its budget apportioned (R-40), and its plan. */
export async function draftProject(
  t: TestApp,
  member: Agent,
  area: Awaited<ReturnType<typeof demoArea>>,
  type: ProjectType,
  buildingName: string,
  budget: number,
  phases: number[],
  /** Uploads one page for each 要件 of the approval (F-62), so the project can be submitted; false to test without. */
  withDocuments = true,
) {
  const res = await member.post('/api/projects', { type, name: `${buildingName}${type}维修`, description: '' });
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json().id as number;
  const facilityId = await area.buildingFacility(buildingName);
  const items = await member.put(`/api/projects/${id}/items`, { items: [{ facilityId, content: '维修', budget }] });
  expect(items.statusCode, items.body).toBe(200);
  const itemId = items.json().items[0].id as number;
  expect((await member.post(`/api/projects/${id}/apportion`)).statusCode).toBe(200);
  if (phases.length > 0) {
    const plan = await member.put(`/api/projects/${id}/plan`, { phases: phases.map((amount) => ({ amount, condition: '' })) });
    expect(plan.json().warnings).toEqual([]);
  }
  if (withDocuments) await uploadRequiredDocuments(member, id, 'approval', type);
  const rows = await t.handle.db.select().from(projectItemHouses).where(eq(projectItemHouses.projectId, id));
  return { id, itemId, houseIds: rows.map((r) => r.houseId).sort((a, b) => a - b) };
}

/** Every house of the range votes agree (F-42 house by house). */
export const allAgree = (houseIds: number[]) => ({
  mode: 'houses',
  ballots: houseIds.map((houseId) => ({ houseId, choice: 'agree' })),
});

/** The steps whose uploads the submit checks (F-62): 项目立项 and 资金拨付. */
export const DOCUMENT_STEPS = { approval: '立项申请要件', disbursement: '资金拨付要件' } as const;

/** Uploads one scanned page as the 要件 `name` of a step (name omitted: an untagged upload). */
export async function uploadProjectDocument(
  member: Agent,
  id: number,
  step: keyof typeof DOCUMENT_STEPS,
  name?: string,
  fileName = '扫描件.png',
) {
  const form = new FormData();
  form.append('file', file(smallPng(), fileName));
  const query = `kind=${encodeURIComponent(DOCUMENT_STEPS[step])}${name ? `&name=${encodeURIComponent(name)}` : ''}`;
  const res = await member.postForm(`/api/projects/${id}/documents?${query}`, form);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; fileId: number; docName: string | null };
}

/** One upload for each 要件 the office's list asks for with the step (F-62), as a committee does before submitting. */
export async function uploadRequiredDocuments(member: Agent, id: number, step: keyof typeof DOCUMENT_STEPS, type: ProjectType) {
  const names = await requiredDocuments(member, projectDocType(step, type));
  for (const name of names) await uploadProjectDocument(member, id, step, name, `${name}.png`);
  return names;
}

/** 资金拨付 as a committee does it: the application's 要件 uploaded (F-62), then the application. */
export async function disburse(member: Agent, id: number, body: Record<string, unknown>) {
  await uploadRequiredDocuments(member, id, 'disbursement', 'general');
  return member.post(`/api/projects/${id}/disbursements`, body);
}
