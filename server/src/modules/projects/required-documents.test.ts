import { describe, expect, it } from 'vitest';
import { DEMO, VALID_PASSWORD } from '../../../test/fixtures.ts';
import { requiredDocuments } from '../../../test/acceptance-fixtures.ts';
import type { Agent } from '../../../test/harness.ts';
import {
  allAgree,
  deadlineAfter,
  draftProject,
  officeApproves,
  otherCommittee,
  payee,
  refused,
  uploadProjectDocument,
  uploadRequiredDocuments,
  projectWorld,
} from '../../../test/project-fixtures.ts';

/** F-62: a project's 要件 are uploaded one by one, checked on submit, and each 资金拨付 application keeps its own. */
const w = projectWorld();

const publish = (id: number) =>
  w.member.post(`/api/projects/${id}/notices`, { kind: 'initiation', deadline: deadlineAfter(w.t, 7), content: '' });
type Doc = { id: number; fileId: number; fileName: string; docName: string | null; requestId: number | null };
const requestDocs = async (agent: Agent, requestId: number) => agent.get(`/api/project-requests/${requestId}/documents`);

describe('F-62 required documents on submit', () => {
  it('F-62 项目立项 of each kind is refused until every 要件 of its list has an upload, naming the missing ones', async () => {
    for (const [type, building] of [
      ['general', '1栋'],
      ['emergency', '2栋'],
      ['simple', '3栋'],
    ] as const) {
      const { id, houseIds } = await draftProject(w.t, w.member, w.area, type, building, 90_000, type === 'simple' ? [] : [90_000], false);
      const list = await requiredDocuments(w.member, `project.approval.${type}`);
      expect(list.length).toBeGreaterThan(1);
      expect((await publish(id)).statusCode).toBe(200);
      if (type !== 'emergency') expect((await w.member.post(`/api/projects/${id}/vote`, allAgree(houseIds))).statusCode).toBe(200);
      await w.advanceDays(8);
      if (type === 'simple') {
        expect(
          (await w.member.post(`/api/projects/${id}/acceptance`, { date: w.today(), result: '合格', settlement: 90_000 })).statusCode,
        ).toBe(200);
        expect(
          (await w.member.post(`/api/projects/${id}/notices`, { kind: 'acceptance', deadline: deadlineAfter(w.t, 7), content: '验收合格' }))
            .statusCode,
        ).toBe(200);
      }
      const body = type === 'simple' ? { payees: [payee(90_000)] } : { note: '' };
      // Only the first 要件 uploaded, and one untagged page: the rest are named as missing.
      await uploadProjectDocument(w.member, id, 'approval', list[0]);
      await uploadProjectDocument(w.member, id, 'approval');
      const refusal = refused(await w.member.post(`/api/projects/${id}/approval`, body), 409, 'F-62');
      for (const name of list.slice(1)) expect(refusal.message).toContain(name);
      expect(refusal.message).not.toContain(`${list[0]}、`);
      expect(refusal.message).not.toContain('F-62');
      for (const name of list.slice(1)) await uploadProjectDocument(w.member, id, 'approval', name);
      const ok = await w.member.post(`/api/projects/${id}/approval`, body);
      expect(ok.statusCode, `${type}: ${ok.body}`).toBe(200);
    }
  });

  it('F-62 a 资金拨付 application is refused without its 要件, keeps its own documents, and phase 1’s upload is not listed again at phase 2', async () => {
    const { id } = await draftProject(w.t, w.member, w.area, 'emergency', '4栋', 120_000, [40_000, 40_000, 40_000], false);
    await uploadRequiredDocuments(w.member, id, 'approval', 'emergency');
    expect((await publish(id)).statusCode).toBe(200);
    const approval = await w.member.post(`/api/projects/${id}/approval`, { note: '' });
    expect(approval.statusCode, approval.body).toBe(200);
    await officeApproves(w.office, approval.json().requests.find((r: { kind: string }) => r.kind === 'approval').id);
    const phases = (await w.member.get(`/api/projects/${id}`)).json().phases as { id: number }[];
    const list = await requiredDocuments(w.member, 'project.disbursement');

    const refusal = refused(
      await w.member.post(`/api/projects/${id}/disbursements`, { phaseId: phases[0]?.id, payees: [payee(40_000)] }),
      409,
      'F-62',
    );
    for (const name of list) expect(refusal.message).toContain(name);
    await uploadRequiredDocuments(w.member, id, 'disbursement', 'emergency');
    const first = await w.member.post(`/api/projects/${id}/disbursements`, { phaseId: phases[0]?.id, payees: [payee(40_000)] });
    expect(first.statusCode, first.body).toBe(200);
    const firstDocs = (await requestDocs(w.member, first.json().id)).json();
    expect(firstDocs.required).toEqual(list);
    expect(firstDocs.items.map((d: Doc) => d.docName)).toEqual(list);

    // Phase 2 starts with nothing uploaded: phase 1's documents went with phase 1's application.
    const pending = (await w.member.get(`/api/projects/${id}/documents`)).json().items as Doc[];
    expect(pending.filter((d) => d.requestId === null && firstDocs.items.some((f: Doc) => f.id === d.id))).toEqual([]);
    refused(await w.member.post(`/api/projects/${id}/disbursements`, { phaseId: phases[1]?.id, payees: [payee(40_000)] }), 409, 'F-62');
    const own = await uploadProjectDocument(w.member, id, 'disbursement', list[0], '第二期.png');
    for (const name of list.slice(1)) await uploadProjectDocument(w.member, id, 'disbursement', name, '第二期.png');
    const second = await w.member.post(`/api/projects/${id}/disbursements`, { phaseId: phases[1]?.id, payees: [payee(40_000)] });
    expect(second.statusCode, second.body).toBe(200);
    const secondDocs = (await requestDocs(w.office.accept, second.json().id)).json();
    expect(secondDocs.items).toHaveLength(list.length);
    expect(secondDocs.items.every((d: Doc) => d.fileName === '第二期.png')).toBe(true);
    expect(secondDocs.items.map((d: Doc) => d.id)).toContain(own.id);
    // The office's 受理 reads the upload itself.
    expect((await w.office.accept.get(`/api/files/${own.fileId}`)).statusCode).toBe(200);

    // Another committee reads neither the list nor the file.
    const other = await otherCommittee(w.t, w.area.freeAreaId);
    expect((await requestDocs(other, second.json().id)).statusCode).toBe(404);
    expect((await other.get(`/api/files/${own.fileId}`)).statusCode).toBe(404);
    // An office role that reads no uploads (审计员) is refused the list as it is the file.
    const admin = await w.t.login(DEMO.office.code, DEMO.office.admin);
    const created = await admin.post('/api/org/users', {
      username: 'shenji2',
      name: '钱审计',
      mobile: '13800000019',
      roles: ['auditor'],
      password: VALID_PASSWORD,
    });
    expect(created.statusCode, created.body).toBe(201);
    const auditor = await w.t.login(DEMO.office.code, 'shenji2', VALID_PASSWORD);
    expect((await requestDocs(auditor, second.json().id)).statusCode).toBe(403);
    expect((await auditor.get(`/api/files/${own.fileId}`)).statusCode).toBe(403);
  });
});
