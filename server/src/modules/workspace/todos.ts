import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/client.ts';
import { applications, paymentNotices, projectRequests, refunds, repairProjects } from '../../db/schema/index.ts';
import type { ProjectStage } from '../../domain/project-stage.ts';
import { addBusinessDays, businessDate } from '../../lib/clock.ts';
import { type Actor, type Ctx, requireActor } from '../../lib/context.ts';
import { isCustodianBank } from '../payments/custodian.ts';
import { committeeArea } from '../registry/access.ts';

/** One line of a 工作台's 待办: how many things wait for this organisation, and the list that shows them. */
export interface Todo {
  key: string;
  label: string;
  count: number;
  /** More than `count` wait: the count stops at TODO_CAP. */
  capped: boolean;
  link: string | null;
  hint: string;
}

/** A to-do is counted up to here: "超过 999" tells a clerk as much as the exact figure would. */
export const TODO_CAP = 999;

/** How close to its deadline a running notice is listed as ending. */
export const NOTICE_ENDING_DAYS = 3;

const counted = (from: SQL) => sql<string>`(select count(*)::text from (select 1 ${from} limit ${TODO_CAP + 1}) as c)`;

/**
 * 工作台 待办: each role's own waiting work, counted in one statement, each count capped
 * so the page stays one short read however large the city. Lines with nothing waiting are kept
 * (a zero tells the user the list was checked); the page shows them muted.
 */
export async function todosOf(ctx: Ctx): Promise<Todo[]> {
  const actor = requireActor(ctx);
  switch (actor.orgType) {
    case 'committee':
      return committeeTodos(ctx, actor);
    case 'developer':
      return developerTodos(ctx, actor);
    case 'bank':
      // Only the custodian bank pays and confirms; another bank has nothing waiting here.
      return (await isCustodianBank(ctx.db, actor.orgId)) ? bankTodos(ctx) : [];
    default:
      return [];
  }
}

interface Line {
  key: string;
  label: string;
  link: string | null;
  hint: string;
  from: SQL;
}

async function countLines(ctx: Ctx, lines: Line[]): Promise<Todo[]> {
  const select = sql.join(
    lines.map((l) => sql`${counted(l.from)} as ${sql.identifier(l.key)}`),
    sql`, `,
  );
  const [row] = await rowsOf<Record<string, string>>(ctx.db, sql`select ${select}`);
  return lines.map(({ from: _, ...l }) => {
    const n = Number(row?.[l.key] ?? 0);
    return { ...l, count: Math.min(n, TODO_CAP), capped: n > TODO_CAP };
  });
}

/** Projects of `area` whose stage on `today` is one of `stages` (the stored stage and its scheduled next). */
function projectsAt(area: number, stages: ProjectStage[], today: string, extra?: SQL): SQL {
  const list = sql.join(
    stages.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`from ${repairProjects} where ${repairProjects.areaId} = ${area} and (
    (${repairProjects.stage} in (${list}) and (${repairProjects.stageUntil} is null or ${repairProjects.stageUntil} >= ${today}))
    or (${repairProjects.stageNext} in (${list}) and ${repairProjects.stageUntil} < ${today})
  )${extra ? sql` and ${extra}` : sql``}`;
}

const projectList = (stage: ProjectStage) => `/repair/projects?stage=${stage}`;

async function committeeTodos(ctx: Ctx, actor: Actor): Promise<Todo[]> {
  const area = (await committeeArea(ctx.db, actor)) ?? -1;
  const now = ctx.clock.now();
  const today = businessDate(now);
  const soon = addBusinessDays(now, NOTICE_ENDING_DAYS);
  return countLines(ctx, [
    {
      key: 'approvalReturned',
      label: '立项申请被退回',
      link: projectList('approval_returned'),
      hint: '按退回原因修改后重新提交立项申请',
      from: projectsAt(area, ['approval_returned'], today),
    },
    {
      key: 'disbursementReturned',
      label: '拨付申请被退回',
      link: '/repair/projects',
      hint: '退回的金额已释放，可修改后重新申请拨付',
      from: sql`from ${projectRequests} r join ${repairProjects} p on p.id = r.project_id
        where p.area_id = ${area} and r.kind = 'disbursement' and r.status = 'rejected'
        and p.status not in ('completed', 'cancelled')
        and not exists (select 1 from ${projectRequests} later where later.phase_id = r.phase_id
          and later.kind = 'disbursement' and later.id > r.id)`,
    },
    {
      key: 'noticeOutdated',
      label: '公示内容已变更，待重新公示',
      link: projectList('notice_outdated'),
      hint: '分摊范围或金额在公示后有改动，须重新发布立项公示',
      from: projectsAt(area, ['notice_outdated'], today),
    },
    {
      key: 'noticeEnding',
      label: `${NOTICE_ENDING_DAYS} 日内公示期满`,
      link: projectList('notice'),
      hint: '公示期满后即可组织业主表决',
      from: sql`from ${repairProjects} where ${and(
        eq(repairProjects.areaId, area),
        eq(repairProjects.stage, 'notice'),
        gte(repairProjects.stageUntil, today),
        lte(repairProjects.stageUntil, soon),
      )}`,
    },
    {
      key: 'awaitingVote',
      label: '待录入表决结果',
      link: projectList('awaiting_vote'),
      hint: '公示期已满，请录入业主表决结果',
      from: projectsAt(area, ['awaiting_vote'], today),
    },
    {
      key: 'awaitingApproval',
      label: '待申请立项',
      link: projectList('awaiting_approval'),
      hint: '表决已通过，可提交立项申请',
      from: projectsAt(area, ['awaiting_approval', 'vote_passed'], today),
    },
    {
      key: 'phasesReady',
      label: '可申请拨付的阶段',
      link: '/repair/projects',
      hint: '已立项项目中尚未申请完的拨付阶段',
      from: sql`from project_phases ph join ${repairProjects} p on p.id = ph.project_id
        where p.area_id = ${area} and p.status = 'approved'
        and ph.amount > (select coalesce(sum(r.amount), 0) from ${projectRequests} r
          where r.phase_id = ph.id and r.kind = 'disbursement' and r.status <> 'rejected')`,
    },
    {
      key: 'refundsWaiting',
      label: '清退款待银行确认',
      link: '/repair/projects',
      hint: '清退通知单已开具，款项到账后由银行确认',
      from: sql`from ${projectRequests} r join ${repairProjects} p on p.id = r.project_id
        where p.area_id = ${area} and r.kind = 'refund' and r.status = 'submitted'`,
    },
  ]);
}

async function developerTodos(ctx: Ctx, actor: Actor): Promise<Todo[]> {
  const today = businessDate(ctx.clock.now());
  return countLines(ctx, [
    {
      key: 'applicationsReturned',
      label: '被退回的业务单',
      link: '/registry/applications?status=rejected',
      hint: '按退回原因修改后重新提交',
      from: sql`from ${applications} where ${and(eq(applications.orgId, actor.orgId), eq(applications.status, 'rejected'))}`,
    },
    {
      key: 'applicationsDraft',
      label: '未提交的业务单',
      link: '/registry/applications?status=draft',
      hint: '填写完成后提交维修资金管理部门受理',
      from: sql`from ${applications} where ${and(eq(applications.orgId, actor.orgId), eq(applications.status, 'draft'))}`,
    },
    {
      key: 'noticesUnpaid',
      label: '未交款的交款通知单',
      link: '/payments/notices?status=unpaid',
      hint: '在有效期内到银行交款；过期的通知单可作废后重开',
      from: sql`from ${paymentNotices} where ${and(
        eq(paymentNotices.issuerOrgId, actor.orgId),
        eq(paymentNotices.status, 'unpaid'),
        gte(paymentNotices.validUntil, today),
      )}`,
    },
    {
      key: 'refundsWaiting',
      label: '退款待银行支付',
      link: '/registry/applications?status=approved',
      hint: '业务单审核通过后产生的退款，由银行付给收款账户',
      from: sql`from ${refunds} f join ${applications} a on a.id = f.application_id
        where a.org_id = ${actor.orgId} and f.status = 'pending'`,
    },
  ]);
}

async function bankTodos(ctx: Ctx): Promise<Todo[]> {
  return countLines(ctx, [
    {
      key: 'transfersWaiting',
      label: '待划转的拨付指令',
      link: '/bank/project-transfers',
      hint: '维修资金管理部门已审核通过，等待划转',
      from: sql`from ${projectRequests} where ${and(eq(projectRequests.kind, 'disbursement'), eq(projectRequests.status, 'approved'))}`,
    },
    {
      key: 'refundsWaiting',
      label: '待付款的退款指令',
      link: '/bank/refunds',
      hint: '付款后在退款确认中确认',
      from: sql`from ${refunds} where ${eq(refunds.status, 'pending')}`,
    },
    {
      key: 'projectRefundsWaiting',
      label: '待确认的清退款',
      link: '/bank/project-refunds',
      hint: '清退款到账后确认',
      from: sql`from ${projectRequests} where ${and(eq(projectRequests.kind, 'refund'), eq(projectRequests.status, 'submitted'))}`,
    },
  ]);
}
