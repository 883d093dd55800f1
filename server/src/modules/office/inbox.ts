import { type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.ts';
import {
  INBOX_KIND_LABELS,
  INBOX_KINDS,
  INBOX_STAGE_LABELS,
  INBOX_STAGES,
  type InboxKind,
  type InboxSource,
  type InboxStage,
  stageTable,
} from '../../domain/inbox.ts';
import { type Ctx, requirePermission } from '../../lib/context.ts';

export interface InboxQuery {
  page: number;
  pageSize: number;
  kind?: InboxKind;
  stage?: InboxStage;
  areaId?: number;
  orgId?: number;
  /** A business number, or part of the applicant's or the area's name. */
  q?: string;
  from?: Date;
  to?: Date;
}

interface Row {
  source: InboxSource;
  id: number;
  no: string;
  kind: InboxKind;
  status: string;
  stage: InboxStage;
  at: Date | string;
  org_id: number;
  org_name: string;
  area_id: number | null;
  area_name: string | null;
  amount: string | null;
  parent_id: number | null;
  subject: string | null;
}

/**
 * Every business in one shape: registry applications once submitted, project requests, and the
 * 退款指令 approved registry changes left for the bank. `parent_id` is what the row opens within:
 * a request's project, a 退款指令's application.
 */
const ALL = sql`
  select 'application' as source, a.id, a.no, a.type as kind, a.status, a.submitted_at as at,
         a.org_id, o.name as org_name, a.area_id, coalesce(ar.name, a.form->'area'->>'name') as area_name,
         null::text as amount, null::int as parent_id, null::text as subject
    from applications a
    join organisations o on o.id = a.org_id
    left join property_areas ar on ar.id = a.area_id
   where a.status <> 'draft' and a.submitted_at is not null
  union all
  select 'project_request', r.id, r.no, case r.kind when 'refund' then 'project_refund' else r.kind end, r.status, r.submitted_at,
         p.org_id, o.name, p.area_id, ar.name, r.amount::text, p.id, p.name
    from project_requests r
    join repair_projects p on p.id = r.project_id
    join organisations o on o.id = p.org_id
    join property_areas ar on ar.id = p.area_id
  union all
  select 'refund', f.id, f.no, 'house_refund', f.status, f.created_at,
         a.org_id, o.name, f.area_id, ar.name, f.amount::text, a.id, a.no
    from refunds f
    join applications a on a.id = f.application_id
    join organisations o on o.id = a.org_id
    join property_areas ar on ar.id = f.area_id`;

/** The stage rules as a table the query joins: one row per (source, kind, status). */
const STAGES = sql`(values ${sql.join(
  stageTable().map((r) => sql`(${r.source}, ${r.kind}, ${r.status}, ${r.stage})`),
  sql`, `,
)}) as m(source, kind, status, stage)`;

function conditions(q: InboxQuery): SQL {
  const parts: SQL[] = [sql`true`];
  if (q.kind) parts.push(sql`x.kind = ${q.kind}`);
  if (q.stage) parts.push(sql`m.stage = ${q.stage}`);
  if (q.areaId) parts.push(sql`x.area_id = ${q.areaId}`);
  if (q.orgId) parts.push(sql`x.org_id = ${q.orgId}`);
  if (q.from) parts.push(sql`x.at >= ${q.from.toISOString()}::timestamptz`);
  if (q.to) parts.push(sql`x.at < ${q.to.toISOString()}::timestamptz`);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(x.no ilike ${like} or x.org_name ilike ${like} or x.area_name ilike ${like} or x.subject ilike ${like})`);
  }
  return sql.join(parts, sql` and `);
}

/** F-60 业务总览: every business the office follows, newest first, filtered by kind, stage, area, organisation and date. */
export async function officeInbox(ctx: Ctx, q: InboxQuery) {
  requirePermission(ctx, 'office.orgs');
  const from = sql`from (${ALL}) as x join ${STAGES} on m.source = x.source and m.kind = x.kind and m.status = x.status
                   where ${conditions(q)}`;
  // One after another: a single connection answers one query at a time.
  const rows = await rowsOf<Row>(
    ctx.db,
    sql`select x.*, m.stage ${from} order by x.at desc, x.no desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const [total] = await rowsOf<{ n: string }>(ctx.db, sql`select count(*)::text as n ${from}`);
  return {
    items: rows.map((r) => ({
      key: `${r.source}-${r.id}`,
      source: r.source,
      id: Number(r.id),
      no: r.no,
      kind: r.kind,
      kindLabel: INBOX_KIND_LABELS[r.kind],
      stage: r.stage,
      stageLabel: INBOX_STAGE_LABELS[r.stage],
      at: new Date(r.at),
      orgId: Number(r.org_id),
      orgName: r.org_name,
      areaId: r.area_id === null ? null : Number(r.area_id),
      areaName: r.area_name,
      amount: r.amount === null ? null : Number(r.amount),
      parentId: r.parent_id === null ? null : Number(r.parent_id),
      subject: r.subject,
    })),
    total: Number(total?.n ?? 0),
  };
}

/** The list's filters with their Chinese names. */
export function inboxOptions(ctx: Ctx) {
  requirePermission(ctx, 'office.orgs');
  return {
    kinds: INBOX_KINDS.map((value) => ({ value, label: INBOX_KIND_LABELS[value] })),
    stages: INBOX_STAGES.map((value) => ({ value, label: INBOX_STAGE_LABELS[value] })),
  };
}
