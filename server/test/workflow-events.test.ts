import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { describe, expect, it } from 'vitest';
import { openPglite, rowsOf } from '../src/db/client.ts';
import { migrationsFolder } from '../src/db/migrate.ts';
import { workflowDocuments, workflowEvents } from '../src/db/schema/index.ts';
import { committeeRegistration, DEMO, file, registrationForm, smallPng, VALID_PASSWORD } from './fixtures.ts';
import { acceptApplication } from './acceptance-fixtures.ts';
import { deadlineAfter, draftProject, otherCommittee, projectWorld, uploadProjectDocument } from './project-fixtures.ts';
import { collectionDraft, tower } from './registry-fixtures.ts';

/** F-60: every request the office reviews keeps one history and one document list (workflow_events, workflow_documents). */
const w = projectWorld();

type Step = { action: string; note: string };
const actions = (steps: Step[]) => steps.map((s) => s.action);
const attach = (f: File) => {
  const fd = new FormData();
  fd.append('file', f);
  return fd;
};

/** The database's refusal of a statement, as the text PostgreSQL gave. */
async function refusalOf(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (err) {
    const e = err as { message?: string; cause?: { message?: string } };
    return `${e.message ?? ''} ${e.cause?.message ?? ''}`;
  }
  return 'accepted';
}

describe('F-60 one event history', () => {
  it('F-10 F-41 F-60 an application’s and a project’s timelines list their own steps in order and never each other’s', async () => {
    const dev = await w.t.login(DEMO.developer.code, DEMO.developer.admin);
    const office = await w.t.login(DEMO.office.code, DEMO.office.admin);
    const appId = await collectionDraft(dev, tower('1栋', 2, 2), '流程花园');
    const { id: projectId } = await draftProject(w.t, w.member, w.area, 'general', '1栋', 60_000, [60_000]);

    // Steps of the two interleave in time: each history still holds only its own, in the order taken.
    expect((await dev.post(`/api/applications/${appId}/submit`)).statusCode).toBe(200);
    const rejected = await office.post(`/api/applications/${appId}/reject`, { reason: '请补充测绘报告' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const notice = await w.member.post(`/api/projects/${projectId}/notices`, {
      kind: 'initiation',
      deadline: deadlineAfter(w.t, 7),
      content: '',
    });
    expect(notice.statusCode, notice.body).toBe(200);
    expect((await dev.post(`/api/applications/${appId}/submit`)).statusCode).toBe(200);
    const accepted = await acceptApplication(office, appId, '材料齐全');
    expect(accepted.statusCode, accepted.body).toBe(200);

    const app = (await office.get(`/api/applications/${appId}`)).json();
    expect(actions(app.events)).toEqual(['create', 'submit', 'reject', 'resubmit', 'accept']);
    expect(app.events[2].note).toBe('请补充测绘报告');
    expect(app.events[2].orgName).toBe('江门市住宅专项维修资金管理中心');
    expect(app.rounds.length).toBeGreaterThan(0);

    const project = (await w.member.get(`/api/projects/${projectId}/summary`)).json();
    expect(actions(project.timeline)).toEqual(['create', 'apportion', 'notice.initiation']);
    expect(project.timeline[2].note).toContain(`截止 ${deadlineAfter(w.t, 7)}`);
    expect(project.timeline.map((s: Step) => s.note)).not.toContain('请补充测绘报告');
    // The answers keep their shape: action, who, which organisation, note, when — nothing else.
    expect(Object.keys(app.events[0]).sort()).toEqual(['action', 'at', 'note', 'orgName', 'userName']);
    expect(Object.keys(project.timeline[0]).sort()).toEqual(['action', 'at', 'note', 'orgName', 'userName']);
  });

  it('F-60 the database refuses an event or a document with both subjects or with neither', async () => {
    const db = w.t.handle.db;
    const [app] = await rowsOf<{ id: number }>(db, sql`select id from applications order by id limit 1`);
    const [project] = await rowsOf<{ id: number }>(db, sql`select id from repair_projects order by id limit 1`);
    const [f] = await rowsOf<{ id: number }>(db, sql`select id from files order by id limit 1`);
    const appId = Number(app?.id);
    const projectId = Number(project?.id);
    const fileId = Number(f?.id);
    const event = (subject: { applicationId?: number; projectId?: number }) =>
      db.insert(workflowEvents).values({ ...subject, action: 'create' });
    const document = (subject: { applicationId?: number; projectId?: number }) =>
      db.insert(workflowDocuments).values({ ...subject, kind: '其他材料', fileId });
    expect(await refusalOf(event({ applicationId: appId, projectId }))).toContain('workflow_events_one_subject_ck');
    expect(await refusalOf(event({}))).toContain('workflow_events_one_subject_ck');
    expect(await refusalOf(document({ applicationId: appId, projectId }))).toContain('workflow_documents_one_subject_ck');
    expect(await refusalOf(document({}))).toContain('workflow_documents_one_subject_ck');
    // One subject is what the check asks for.
    expect(await refusalOf(event({ projectId }))).toBe('accepted');
    // The two tables they replaced are gone: nothing can be written in the old shape.
    expect(await refusalOf(db.execute(sql`insert into project_events (project_id, action) values (${projectId}, 'create')`))).toMatch(
      /project_events/,
    );
    expect(
      await refusalOf(db.execute(sql`insert into application_documents (application_id, kind, file_id) values (${appId}, 'x', ${fileId})`)),
    ).toMatch(/application_documents/);
  });
});

describe('F-60 one document list', () => {
  it('F-14 F-41 F-60 a project’s and an application’s documents are readable only by their own organisation and the office', async () => {
    // A project document of the demo committee.
    const { id: projectId } = await draftProject(w.t, w.member, w.area, 'general', '2栋', 50_000, [50_000]);
    const projectDoc = await uploadProjectDocument(w.member, projectId, 'approval', undefined, '现场照片.png');
    // An application document of the demo developer.
    const dev = await w.t.login(DEMO.developer.code, DEMO.developer.admin);
    const appId = await collectionDraft(dev, tower('1栋', 1, 2), '附件花园');
    const added = await dev.postForm(
      `/api/applications/${appId}/documents?kind=${encodeURIComponent('测绘报告')}`,
      attach(file(smallPng(), '测绘.png')),
    );
    expect(added.statusCode, added.body).toBe(201);
    const appDoc = added.json() as { id: number; fileId: number };
    expect((await dev.post(`/api/applications/${appId}/submit`)).statusCode).toBe(200);

    // Each list holds only its own subject's uploads.
    const projectList = (await w.member.get(`/api/projects/${projectId}/documents`)).json().items as { id: number; fileId: number }[];
    expect(projectList.map((d) => d.fileId)).toContain(projectDoc.fileId);
    expect(projectList.map((d) => d.fileId)).not.toContain(appDoc.fileId);
    const appList = (await dev.get(`/api/applications/${appId}/documents`)).json().items as { id: number; fileId: number; kind: string }[];
    expect(appList).toEqual([{ id: appDoc.id, kind: '测绘报告', fileId: appDoc.fileId, fileName: '测绘.png', size: smallPng().length }]);

    // Owners read their own, the office reviewing reads both.
    expect((await w.member.get(`/api/files/${projectDoc.fileId}`)).statusCode).toBe(200);
    expect((await dev.get(`/api/files/${appDoc.fileId}`)).statusCode).toBe(200);
    expect((await w.office.accept.get(`/api/files/${projectDoc.fileId}`)).statusCode).toBe(200);
    expect((await w.office.accept.get(`/api/files/${appDoc.fileId}`)).statusCode).toBe(200);
    expect((await w.office.accept.get(`/api/applications/${appId}/documents`)).json().items).toHaveLength(1);

    // Another committee and another developer read neither list nor file; nor does the developer the project's, or the committee the application's.
    const committee = await otherCommittee(w.t, w.area.freeAreaId);
    const code = '91440700MA5NEW003X';
    const reg = await w.t.agent().postForm(
      '/api/registration',
      registrationForm(
        { ...committeeRegistration(0), type: 'developer', name: '江门市新城地产有限公司', code, areaId: undefined },
        {
          businessLicence: file(smallPng(), '执照.png'),
          qualification: file(smallPng(), '资质.png'),
          legalRepId: file(smallPng(), '身份证.png'),
        },
      ),
    );
    expect(reg.statusCode, reg.body).toBe(201);
    const developer = await w.t.login(code, 'admin', VALID_PASSWORD);
    for (const stranger of [committee, developer, dev]) {
      expect((await stranger.get(`/api/files/${projectDoc.fileId}`)).statusCode).toBe(404);
      expect((await stranger.get(`/api/projects/${projectId}/documents`)).statusCode).toBe(404);
    }
    // The review page opens a project request by its own id and reads the project it belongs to.
    const [request] = await rowsOf<{ id: number; project_id: number; kind: string }>(
      w.t.handle.db,
      sql`select r.id, r.project_id, r.kind from project_requests r join repair_projects p on p.id = r.project_id where p.area_id = ${w.area.areaId} order by r.id limit 1`,
    );
    const requestUrl = `/api/project-requests/${request?.id}`;
    const subject = { id: Number(request?.id), projectId: Number(request?.project_id), kind: request?.kind };
    expect((await w.office.review.get(requestUrl)).json()).toEqual(subject);
    expect((await w.member.get(requestUrl)).json()).toEqual(subject);
    for (const stranger of [committee, developer, dev]) expect((await stranger.get(requestUrl)).statusCode).toBe(404);
    expect((await w.member.get('/api/project-requests/999999')).statusCode).toBe(404);
    for (const stranger of [committee, developer, w.member]) {
      expect((await stranger.get(`/api/files/${appDoc.fileId}`)).statusCode).toBe(404);
      expect((await stranger.get(`/api/applications/${appId}/documents`)).statusCode).toBe(404);
    }
  });
});

describe('F-60 the migration to one history and one document list', () => {
  it('F-60 copies every event and document of the four old tables, each subject’s in its order, and drops them', async () => {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag.endsWith('_one_workflow'));
    expect(at).toBeGreaterThan(0);
    // The schema as it stood before: every migration up to the one that merged the tables.
    const before = mkdtempSync(join(tmpdir(), 'wygl-migrations-'));
    const db = await openPglite();
    try {
      cpSync(migrationsFolder, before, { recursive: true });
      writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
      await migratePglite(db.db as unknown as PgliteDatabase, { migrationsFolder: before });
      // Rows in the old shape, their subjects' ids interleaved; the referenced rows are left out of this bare database.
      await db.db.execute(sql`set session_replication_role = replica`);
      await db.db.execute(sql`insert into application_events (application_id, action, note, created_at) values
        (7, 'create', '', '2026-01-01T00:00:00Z'), (8, 'create', '', '2026-01-01T00:00:00Z'),
        (7, 'submit', '', '2026-01-02T00:00:00Z'), (7, 'reject', '缺材料', '2026-01-03T00:00:00Z')`);
      await db.db.execute(sql`insert into project_events (project_id, action, note, created_at) values
        (7, 'create', '', '2026-01-01T00:00:00Z'), (7, 'apportion', '预算合计 1.00 元', '2026-01-01T00:00:00Z'),
        (9, 'create', '', '2026-01-01T00:00:00Z'), (7, 'approval.submit', 'XM1', '2026-01-04T00:00:00Z')`);
      await db.db.execute(
        sql`insert into application_documents (application_id, kind, file_id) values (7, '测绘报告', 31), (8, '其他', 32)`,
      );
      await db.db.execute(sql`insert into project_documents (project_id, request_id, kind, doc_name, file_id) values
        (7, null, '立项申请要件', '业主大会决议', 41), (7, 5, '资金拨付要件', '施工合同', 42)`);
      await migratePglite(db.db as unknown as PgliteDatabase, { migrationsFolder });

      const events = await rowsOf<{ application_id: number | null; project_id: number | null; action: string; note: string }>(
        db.db,
        sql`select application_id, project_id, action, note from workflow_events order by id`,
      );
      const of = (key: 'application_id' | 'project_id', id: number) => events.filter((e) => Number(e[key]) === id).map((e) => e.action);
      expect(events).toHaveLength(8);
      expect(of('application_id', 7)).toEqual(['create', 'submit', 'reject']);
      expect(of('application_id', 8)).toEqual(['create']);
      expect(of('project_id', 7)).toEqual(['create', 'apportion', 'approval.submit']);
      expect(of('project_id', 9)).toEqual(['create']);
      expect(events.find((e) => e.action === 'reject')?.note).toBe('缺材料');
      const docs = await rowsOf<Record<string, unknown>>(
        db.db,
        sql`select application_id, project_id, request_id, kind, doc_name, file_id from workflow_documents order by id`,
      );
      expect(docs.map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v === null ? null : String(v)])))).toEqual([
        { application_id: '7', project_id: null, request_id: null, kind: '测绘报告', doc_name: null, file_id: '31' },
        { application_id: '8', project_id: null, request_id: null, kind: '其他', doc_name: null, file_id: '32' },
        { application_id: null, project_id: '7', request_id: null, kind: '立项申请要件', doc_name: '业主大会决议', file_id: '41' },
        { application_id: null, project_id: '7', request_id: '5', kind: '资金拨付要件', doc_name: '施工合同', file_id: '42' },
      ]);
      const left = await rowsOf<{ name: string }>(
        db.db,
        sql`select table_name as name from information_schema.tables where table_name in ('application_events', 'project_events', 'application_documents', 'project_documents')`,
      );
      expect(left).toEqual([]);
    } finally {
      await db.close();
      rmSync(before, { recursive: true, force: true });
    }
    // Two runs of every migration on a bare embedded database: slower than a request.
  }, 180_000);
});
