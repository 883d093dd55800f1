import { sql } from 'drizzle-orm';
import { check, index, pgTable, text } from 'drizzle-orm/pg-core';
import { applications } from './applications.ts';
import { createdAt, id, ref } from './columns.ts';
import { files } from './organisations.ts';
import { projectRequests, repairProjects } from './projects.ts';

/*
 * Everything the office reviews — a registry application (业务单) or a repair project's request
 * (立项申请, 资金拨付申请) — keeps one history and one document list here. Each row belongs to
 * exactly one subject: one nullable foreign key per subject kind, and a check that exactly one is set.
 */

/** The timeline: every step, who, when. */
export const workflowEvents = pgTable(
  'workflow_events',
  {
    id: id(),
    applicationId: ref('application_id').references(() => applications.id),
    projectId: ref('project_id').references(() => repairProjects.id),
    action: text('action').notNull(),
    userId: ref('user_id'),
    userName: text('user_name').notNull().default(''),
    orgName: text('org_name').notNull().default(''),
    note: text('note').notNull().default(''),
    at: createdAt(),
  },
  (t) => [
    check('workflow_events_one_subject_ck', sql`num_nonnulls(${t.applicationId}, ${t.projectId}) = 1`),
    index('workflow_events_application_idx').on(t.applicationId, t.at).where(sql`${t.applicationId} is not null`),
    index('workflow_events_project_idx').on(t.projectId, t.at).where(sql`${t.projectId} is not null`),
  ],
);

/** 附件: the uploads of an application or a project, each pointing at its stored file. */
export const workflowDocuments = pgTable(
  'workflow_documents',
  {
    id: id(),
    applicationId: ref('application_id').references(() => applications.id),
    projectId: ref('project_id').references(() => repairProjects.id),
    /** A project's disbursement application the document was submitted with; null until it is (and for every other step). */
    requestId: ref('request_id').references(() => projectRequests.id),
    /** An application: the document it is (测绘报告 …); a project: the step it was uploaded at (立项申请要件, 资金拨付要件 …). */
    kind: text('kind').notNull(),
    /** F-62: the required document (要件) a project upload proves, as named in 要件设置; null when untagged. */
    docName: text('doc_name'),
    fileId: ref('file_id')
      .notNull()
      .references(() => files.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('workflow_documents_one_subject_ck', sql`num_nonnulls(${t.applicationId}, ${t.projectId}) = 1`),
    index('workflow_documents_application_idx').on(t.applicationId).where(sql`${t.applicationId} is not null`),
    index('workflow_documents_project_idx').on(t.projectId).where(sql`${t.projectId} is not null`),
    index('workflow_documents_request_idx').on(t.requestId),
  ],
);
