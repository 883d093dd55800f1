import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Conn, Tx } from '../../db/client.ts';
import { workflowEvents } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';

/** What the office reviews: a registry application (业务单) or a repair project (its 立项 / 拨付 requests). */
export type WorkflowSubject = { applicationId: number } | { projectId: number };

/** The column and value a subject's rows are found by. */
export function subjectOf(subject: WorkflowSubject) {
  return 'applicationId' in subject
    ? { applicationId: subject.applicationId, projectId: null }
    : { applicationId: null, projectId: subject.projectId };
}

/** The rows of `table` (events or documents) that belong to the subject. */
export function ofSubject(table: { applicationId: AnyPgColumn; projectId: AnyPgColumn }, subject: WorkflowSubject): SQL {
  return 'applicationId' in subject ? eq(table.applicationId, subject.applicationId) : eq(table.projectId, subject.projectId);
}

const whereSubject = (subject: WorkflowSubject) => ofSubject(workflowEvents, subject);

/** One step of a subject's history: who (the caller, or nobody for the platform's own jobs), when, and a note. */
export async function recordEvent(tx: Tx, ctx: Ctx, subject: WorkflowSubject, action: string, note = '') {
  const a = ctx.actor;
  await tx.insert(workflowEvents).values({
    ...subjectOf(subject),
    action,
    userId: a?.userId ?? null,
    userName: a?.userName ?? '',
    orgName: a?.orgName ?? '',
    note,
    at: ctx.clock.now(),
  });
}

/** A subject's history, oldest step first (in the order the steps were written). */
export async function timeline(db: Conn, subject: WorkflowSubject) {
  return db
    .select({
      id: workflowEvents.id,
      action: workflowEvents.action,
      userId: workflowEvents.userId,
      userName: workflowEvents.userName,
      orgName: workflowEvents.orgName,
      note: workflowEvents.note,
      at: workflowEvents.at,
    })
    .from(workflowEvents)
    .where(whereSubject(subject))
    .orderBy(asc(workflowEvents.id));
}

/** The demo city dates a subject's steps back (its projects were "created" weeks ago); nothing else rewrites a history. */
export async function redateEvents(db: Conn, subject: WorkflowSubject, actions: readonly string[], at: Date) {
  await db
    .update(workflowEvents)
    .set({ at })
    .where(and(whereSubject(subject), inArray(workflowEvents.action, [...actions])));
}
