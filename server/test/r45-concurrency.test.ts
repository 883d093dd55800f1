import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectRequests } from '../src/db/schema/index.ts';
import { checkLedger } from '../src/ledger/check.ts';
import { DEMO } from './fixtures.ts';
import { testApp, type TestApp } from './harness.ts';
import { deadlineAfter, demoArea, officeApproves, payee, uploadRequiredDocuments } from './project-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  expect(await checkLedger(t.handle.db)).toEqual([]);
  await t.close();
});

it('R-45 lets 30 simultaneous disbursement applications against one phase never exceed its plan amount', async () => {
  const member = await t.login(DEMO.committee.code, DEMO.committee.member);
  const office = {
    accept: await t.login(DEMO.office.code, DEMO.office.acceptor),
    review: await t.login(DEMO.office.code, DEMO.office.reviewer),
  };
  const area = await demoArea(t);
  const id = (await member.post('/api/projects', { type: 'emergency', name: '1栋外墙应急加固', description: '外墙脱落' })).json().id;
  const facilityId = await area.buildingFacility('1栋', '外墙饰面');
  await member.put(`/api/projects/${id}/items`, { items: [{ facilityId, content: '外墙加固', budget: 1_000_000 }] });
  await member.post(`/api/projects/${id}/apportion`);
  await member.put(`/api/projects/${id}/plan`, {
    phases: [
      { amount: 600_000, condition: '' },
      { amount: 400_000, condition: '' },
    ],
  });
  expect(
    (await member.post(`/api/projects/${id}/notices`, { kind: 'initiation', deadline: deadlineAfter(t, 7), content: '' })).statusCode,
  ).toBe(200);
  await uploadRequiredDocuments(member, id, 'approval', 'emergency');
  const approval = await member.post(`/api/projects/${id}/approval`, {});
  await officeApproves(office, approval.json().requests[0].id);
  const phase = (await member.get(`/api/projects/${id}`)).json().phases[0];
  // The office asks for no paper with a disbursement here (an empty F-62 list): simultaneous
  // applications would otherwise compete for the one set of uploads, and this test is about R-45.
  const admin = await t.login(DEMO.office.code, DEMO.office.admin);
  const lists = (await admin.get('/api/office/required-documents')).json().items as { type: string; documents: string[] }[];
  const unchanged = Object.fromEntries(lists.map((l) => [l.type, l.documents]));
  expect((await admin.put('/api/office/required-documents', { ...unchanged, 'project.disbursement': [] })).statusCode).toBe(200);

  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      member.post(`/api/projects/${id}/disbursements`, { phaseId: phase.id, payees: [payee(30_000, `施工单位${i}`)] }),
    ),
  );
  const codes = results.map((r) => r.statusCode);
  expect(codes.filter((c) => c === 200)).toHaveLength(20);
  expect(codes.filter((c) => c === 409)).toHaveLength(10);
  for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().rule).toBe('R-45');
  const live = await t.handle.db
    .select({ amount: projectRequests.amount })
    .from(projectRequests)
    .where(and(eq(projectRequests.phaseId, phase.id), inArray(projectRequests.status, ['submitted', 'accepted', 'approved', 'confirmed'])));
  expect(live.reduce((a, r) => a + r.amount, 0n)).toBe(600_000n);
});
