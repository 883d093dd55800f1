import { locationLabel } from '../../domain/facility.ts';
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import { found, foundShape, numberFound, SEARCH_PLACEHOLDERS, searchValues } from '../../lib/search.ts';
import { rowsOf } from '../../db/client.ts';
import {
  facilities,
  facilityTypes,
  type ProjectStatus,
  type ProjectType,
  projectItems,
  projectNotices,
  propertyAreas,
  repairProjects,
} from '../../db/schema/index.ts';
import { planMatchesBudget } from '../../domain/disbursement.ts';
import { allowedActions } from '../../domain/project-actions.ts';
import { type ProjectStage, projectStage, STAGE_LABELS, type StageCourse, stageOn } from '../../domain/project-stage.ts';
import type { VoteTotals } from '../../domain/vote.ts';
import { businessDate } from '../../lib/clock.ts';
import type { Ctx } from '../../lib/context.ts';
import { pageAnswer } from '../../lib/paging.ts';
import { loadProject, readerActor, STATUS_LABELS, TYPE_LABELS } from './access.ts';
import { committeeArea } from '../registry/access.ts';
import { correctionStates, projectFacts } from './actions.ts';
import { moneyOf, phasesOf, unbalancedItems } from './facts.ts';
import { NOTICE_KIND_LABELS } from './notices.ts';
import { requestsOf } from './review.ts';
import { readProjectSettings } from './settings.ts';
import { timeline } from '../workflow/events.ts';

const n = (v: bigint | null) => (v === null ? null : Number(v));

/** The stage as the lists and the editor show it: stored by the last step, read on today's date. */
export function storedStage(ctx: Ctx, p: { stage: ProjectStage; stageUntil: string | null; stageNext: ProjectStage | null }) {
  const course: StageCourse = { stage: p.stage, until: p.stageUntil, next: p.stageNext };
  return stageView(stageOn(course, businessDate(ctx.clock.now())));
}
const stageView = (stage: ProjectStage) => ({ stage, stageLabel: STAGE_LABELS[stage] });

/** F-40 editor contents: basic info, items with their range size and share total, phases, and what still does not add up. */
export async function projectDetail(ctx: Ctx, id: number) {
  const actor = readerActor(ctx);
  const p = await loadProject(ctx.db, actor, id);
  const [area] = await ctx.db.select({ name: propertyAreas.name }).from(propertyAreas).where(eq(propertyAreas.id, p.areaId));
  const items = await rowsOf<{
    id: string;
    seq: number;
    facility_id: string;
    facility_name: string;
    facility_type: string;
    building_id: string | null;
    unit_id: string | null;
    building_name: string | null;
    unit_name: string | null;
    content: string;
    contractor: string;
    remark: string;
    budget: string;
    houses: number;
    shares: string;
  }>(
    ctx.db,
    sql`select i.id::text as id, i.seq, i.facility_id::text as facility_id, f.name as facility_name, t.name as facility_type,
        f.building_id::text as building_id, f.unit_id::text as unit_id,
        (select b.name from buildings b where b.id = f.building_id) as building_name,
        (select u.name from units u where u.id = f.unit_id) as unit_name,
        i.content, i.contractor, i.remark, i.budget::text as budget,
        (select count(*)::int from project_item_houses s where s.item_id = i.id) as houses,
        (select coalesce(sum(share), 0)::text from project_item_houses s where s.item_id = i.id) as shares
      from ${projectItems} i join ${facilities} f on f.id = i.facility_id join ${facilityTypes} t on t.id = f.type_id
      where i.project_id = ${id} order by i.seq`,
  );
  const phases = await phasesOf(ctx.db, id);
  const warnings: string[] = [];
  for (const u of await unbalancedItems(ctx.db, id)) {
    warnings.push(u.houses === 0 ? `第 ${u.seq} 项的分摊范围为空` : `第 ${u.seq} 项分摊金额合计与预算不一致`);
  }
  if (p.type !== 'simple') {
    const plan = planMatchesBudget(phases, p.budgetTotal);
    if (plan) warnings.push(plan);
  }
  return {
    id: p.id,
    no: p.no,
    type: p.type,
    typeLabel: TYPE_LABELS[p.type],
    status: p.status,
    statusLabel: STATUS_LABELS[p.status],
    ...storedStage(ctx, p),
    areaId: p.areaId,
    areaName: area?.name ?? '',
    name: p.name,
    description: p.description,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    budgetTotal: Number(p.budgetTotal),
    items: items.map((i) => ({
      id: Number(i.id),
      seq: i.seq,
      facilityId: Number(i.facility_id),
      facilityName: i.facility_name,
      facilityType: i.facility_type,
      location: i.unit_id ? ('unit' as const) : i.building_id ? ('building' as const) : ('area' as const),
      buildingId: i.building_id ? Number(i.building_id) : null,
      // The same words as 设施设备查询 and the facility picker, before and after saving.
      locationLabel: locationLabel(area?.name ?? '', i.building_name, i.unit_name),
      content: i.content,
      contractor: i.contractor,
      remark: i.remark,
      budget: Number(i.budget),
      houseCount: i.houses,
      shareTotal: Number(i.shares),
    })),
    phases: phases.map((ph) => ({ id: ph.id, seq: ph.seq, amount: Number(ph.amount), condition: ph.condition })),
    warnings,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** SPEC §7.2 project page: timeline (every step, who, when), money, notices, requests and allowed actions with the blocking rule. */
export async function projectSummary(ctx: Ctx, id: number) {
  const actor = readerActor(ctx);
  const p = await loadProject(ctx.db, actor, id);
  const [events, money, notices, requests, facts, rules] = await Promise.all([
    timeline(ctx.db, { projectId: id }),
    moneyOf(ctx.db, p),
    ctx.db.select().from(projectNotices).where(eq(projectNotices.projectId, id)).orderBy(asc(projectNotices.id)),
    requestsOf(ctx.db, actor, id),
    projectFacts(ctx.db, ctx, p),
    readProjectSettings(ctx.db),
  ]);
  const actions = allowedActions(facts);
  return {
    id: p.id,
    no: p.no,
    name: p.name,
    type: p.type,
    typeLabel: TYPE_LABELS[p.type],
    status: p.status,
    statusLabel: STATUS_LABELS[p.status],
    // Derived afresh from the facts the actions are decided on; the list shows the stored copy.
    ...stageView(stageOn(projectStage(facts), facts.today)),
    money: {
      budget: Number(money.budget),
      plan: Number(money.plan),
      applied: Number(money.applied),
      transferred: Number(money.transferred),
      refunded: Number(money.refunded),
      settlement: n(money.settlement),
    },
    // The office's settings in force: the pages explain R-42, F-41 and R-46 with them.
    rules,
    vote:
      p.votePassed === null
        ? null
        : { rule: p.voteRule ?? '', passed: p.votePassed, totals: p.voteTotals as VoteTotals, recordedAt: p.voteRecordedAt },
    acceptance:
      p.acceptanceRecordedAt === null
        ? null
        : { date: p.acceptanceDate ?? '', result: p.acceptanceResult ?? '', settlement: Number(p.settlementAmount ?? 0n) },
    notices: notices.map((x) => ({
      id: x.id,
      no: x.no,
      kind: x.kind,
      kindLabel: NOTICE_KIND_LABELS[x.kind],
      deadline: x.deadline,
      publishedAt: x.publishedAt,
      content: x.content,
    })),
    requests,
    timeline: events.map((e) => ({ action: e.action, userName: e.userName, orgName: e.orgName, note: e.note, at: e.at })),
    corrections: correctionStates(facts),
    actions: actions.map((a) => ({
      action: a.action,
      label: a.label,
      allowed: a.allowed,
      applicable: a.applicable,
      blockedBy: a.blockedBy ?? null,
    })),
  };
}

export interface ProjectListQuery {
  page: number;
  pageSize: number;
  type?: ProjectType;
  status?: ProjectStatus;
  stage?: ProjectStage;
  areaId?: number;
  q?: string;
}

/** The stored stage on `today` is `stage` (stageOn in SQL, on the two indexed stage columns). */
function stageIs(stage: ProjectStage, today: string) {
  return or(
    and(eq(repairProjects.stage, stage), or(sql`${repairProjects.stageUntil} is null`, sql`${repairProjects.stageUntil} >= ${today}`)),
    and(eq(repairProjects.stageNext, stage), sql`${repairProjects.stageUntil} < ${today}`),
  );
}

/** 维修项目列表: a committee its own area's, the office every area's. */
export async function listProjects(ctx: Ctx, q: ProjectListQuery) {
  const actor = readerActor(ctx);
  const own = actor.orgType === 'committee' ? ((await committeeArea(ctx.db, actor)) ?? -1) : null;
  // Built once for each shape (`builtOnce`), the filters' values as placeholders; a stage filter
  // holds today's date, and is built every time.
  const where = and(
    own === null ? undefined : eq(repairProjects.areaId, sql.placeholder('own')),
    q.areaId ? eq(repairProjects.areaId, sql.placeholder('area')) : undefined,
    q.type ? eq(repairProjects.type, sql.placeholder('type')) : undefined,
    q.status ? eq(repairProjects.status, sql.placeholder('status')) : undefined,
    q.stage ? stageIs(q.stage, businessDate(ctx.clock.now())) : undefined,
    q.q ? or(found(repairProjects.name, q.q, SEARCH_PLACEHOLDERS), numberFound(repairProjects.no, q.q, SEARCH_PLACEHOLDERS)) : undefined,
  );
  const values = { own, area: q.areaId, type: q.type, status: q.status, ...(q.q ? searchValues(q.q) : {}) };
  const shape = q.stage
    ? null
    : `projects${own === null ? '' : ' own'}${q.areaId ? ' area' : ''}${q.type ? ' type' : ''}${q.status ? ' status' : ''}${q.q ? ` text${foundShape(q.q)}` : ''}`;
  const page = await pageAnswer(
    ctx.db,
    q,
    ctx.db
      .select({
        p: repairProjects,
        areaName: propertyAreas.name,
        transferred: sql<string>`(select coalesce(sum(r.amount), 0)::text from project_requests r
          where r.project_id = ${repairProjects.id} and r.kind = 'disbursement' and r.status = 'confirmed')`,
        refunded: sql<string>`(select coalesce(sum(r.amount), 0)::text from project_requests r
          where r.project_id = ${repairProjects.id} and r.kind = 'refund' and r.status = 'confirmed')`,
      })
      .from(repairProjects)
      .innerJoin(propertyAreas, eq(propertyAreas.id, repairProjects.areaId))
      .where(where)
      .orderBy(desc(repairProjects.createdAt), desc(repairProjects.id)),
    ctx.db.select({ id: repairProjects.id }).from(repairProjects).where(where),
    { shape, values },
  );
  return {
    ...page,
    items: page.items.map(({ p, areaName, transferred, refunded }) => ({
      id: p.id,
      no: p.no,
      name: p.name,
      type: p.type,
      typeLabel: TYPE_LABELS[p.type],
      status: p.status,
      statusLabel: STATUS_LABELS[p.status],
      ...storedStage(ctx, p),
      areaId: p.areaId,
      areaName,
      budgetTotal: Number(p.budgetTotal),
      settlementAmount: n(p.settlementAmount),
      transferred: Number(transferred),
      refunded: Number(refunded),
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    })),
  };
}
