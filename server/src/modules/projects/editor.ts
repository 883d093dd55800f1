import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { rowsOf } from '../../db/client.ts';
import { allocateNumber } from '../../db/numbering.ts';
import {
  facilities,
  houses,
  type ProjectType,
  projectItemHouses,
  projectItems,
  projectPhases,
  repairProjects,
} from '../../db/schema/index.ts';
import { apportion } from '../../domain/apportion.ts';
import { formatYuan, totalTooLarge } from '../../domain/money.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid, notFound, ruleRefusal } from '../../lib/errors.ts';
import { AUDIT_SAMPLE, audit, bounded } from '../audit/audit.ts';
import { chunks } from '../registry/bulk.ts';
import { committeeActor, loadProject, type ProjectRow, readerActor, requireEditable, TYPE_LABELS, touch } from './access.ts';
import { committeeArea } from '../registry/access.ts';
import { storeStage } from './actions.ts';
import { itemHousesPage } from './range.ts';
import { recordEvent } from '../workflow/events.ts';

export interface BasicInput {
  name: string;
  description: string;
  periodFrom: string | null;
  periodTo: string | null;
}

function checkPeriod(b: BasicInput) {
  if (b.periodFrom && b.periodTo && b.periodTo < b.periodFrom) throw invalid('periodTo', '施工期限的结束日期不能早于开始日期');
}

/** F-40: a new project of the committee's own area (the only area it may spend from). */
export async function createProject(ctx: Ctx, input: BasicInput & { type: ProjectType }) {
  const actor = committeeActor(ctx);
  checkPeriod(input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const areaId = await committeeArea(tx, actor);
    if (!areaId) throw invalid('areaId', '本业主委员会未绑定物业区域，不能新建维修项目');
    const no = await allocateNumber(tx, 'WX', now);
    const [p] = await tx
      .insert(repairProjects)
      .values({ ...input, no, areaId, orgId: actor.orgId, createdBy: actor.userId, createdAt: now, updatedAt: now })
      .returning();
    if (!p) throw new Error('project insert returned no row');
    await recordEvent(tx, ctx, { projectId: p.id }, 'create', TYPE_LABELS[input.type]);
    await audit(tx, ctx, {
      action: 'project.create',
      entity: 'repair_project',
      entityId: p.id,
      summary: `新建${TYPE_LABELS[input.type]} ${no}：${input.name}`,
      after: input,
    });
    return p;
  });
}

export async function saveBasic(ctx: Ctx, id: number, input: BasicInput) {
  const actor = committeeActor(ctx);
  checkPeriod(input);
  await ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    requireEditable(p);
    await touch(tx, ctx, id, input);
    await audit(tx, ctx, {
      action: 'project.basic',
      entity: 'repair_project',
      entityId: id,
      summary: `保存项目基本信息 ${p.no}`,
      before: { name: p.name, description: p.description, periodFrom: p.periodFrom, periodTo: p.periodTo },
      after: input,
    });
  });
}

export interface ItemInput {
  id?: number;
  facilityId: number;
  content: string;
  contractor: string;
  remark: string;
  budget: bigint;
}

const idList = (ids: readonly number[]) =>
  sql.join(
    ids.map((i) => sql`${i}::bigint`),
    sql`, `,
  );

/**
 * F-40 step 3 default range: every live house at the facility's location — the whole area, one
 * building or one unit — in one INSERT … SELECT per batch of items, whatever the number of houses.
 */
async function insertDefaultRanges(tx: Tx, itemIds: readonly number[]) {
  if (itemIds.length === 0) return;
  await tx.execute(sql`
    insert into project_item_houses (item_id, house_id, project_id, share)
    select i.id, h.id, i.project_id, 0
    from project_items i
    join facilities f on f.id = i.facility_id
    join houses h on h.area_id = f.area_id and h.status = 'normal'
      and (f.building_id is null or h.building_id = f.building_id)
      and (f.unit_id is null or h.unit_id = f.unit_id)
    where i.id in (${idList(itemIds)})`);
}

async function refreshBudgetTotal(tx: Tx, ctx: Ctx, projectId: number) {
  await tx.execute(sql`update repair_projects set budget_total =
    (select coalesce(sum(budget), 0) from project_items where project_id = ${projectId}), updated_at = ${ctx.clock.now()}
    where id = ${projectId}`);
  await storeStage(tx, ctx, projectId);
}

/** The items as the audit records them: money as text, since JSON has no bigint. */
async function itemsForAudit(tx: Tx, projectId: number) {
  const rows = await tx
    .select({
      id: projectItems.id,
      seq: projectItems.seq,
      facilityId: projectItems.facilityId,
      content: projectItems.content,
      contractor: projectItems.contractor,
      remark: projectItems.remark,
      budget: projectItems.budget,
    })
    .from(projectItems)
    .where(eq(projectItems.projectId, projectId))
    .orderBy(asc(projectItems.seq));
  return rows.map((r) => ({ ...r, budget: String(r.budget) }));
}

/** Per item: how many houses its range holds and the sum of their shares (the state apportionment changes). */
async function rangeTotals(tx: Tx, projectId: number, itemId?: number) {
  const rows = await rowsOf<{ itemId: number; houses: number; shareTotal: string }>(
    tx,
    sql`select i.id as "itemId", count(s.house_id)::int as houses, coalesce(sum(s.share), 0)::text as "shareTotal"
      from project_items i left join project_item_houses s on s.item_id = i.id
      where i.project_id = ${projectId} ${itemId === undefined ? sql`` : sql`and i.id = ${itemId}`}
      group by i.id order by i.seq`,
  );
  return rows.map((r) => ({ itemId: Number(r.itemId), houses: Number(r.houses), shareTotal: r.shareTotal }));
}

/**
 * F-40 step 2: the items as a whole — kept ones updated, new ones added with their default range,
 * missing ones removed with their range. A changed facility resets the item's range to its location.
 */
export async function saveItems(ctx: Ctx, id: number, items: ItemInput[]) {
  const actor = committeeActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    requireEditable(p);
    const tooLarge = totalTooLarge(
      '预算合计',
      items.reduce((a, i) => a + i.budget, 0n),
    );
    if (tooLarge) throw invalid('items', tooLarge);
    const before = await itemsForAudit(tx, id);
    const facilityIds = [...new Set(items.map((i) => i.facilityId))];
    const found =
      facilityIds.length === 0
        ? []
        : await tx
            .select({ id: facilities.id })
            .from(facilities)
            .where(and(inArray(facilities.id, facilityIds), eq(facilities.areaId, p.areaId)));
    const known = new Set(found.map((f) => f.id));
    items.forEach((it, i) => {
      if (!known.has(it.facilityId)) throw invalid(`items.${i}.facilityId`, `第 ${i + 1} 项：设施设备须为本物业区域的设施设备`);
    });
    const existing = await tx
      .select({ id: projectItems.id, facilityId: projectItems.facilityId })
      .from(projectItems)
      .where(eq(projectItems.projectId, id));
    const existingById = new Map(existing.map((e) => [e.id, e]));
    items.forEach((it, i) => {
      if (it.id !== undefined && !existingById.has(it.id)) throw invalid(`items.${i}.id`, `第 ${i + 1} 项不属于本项目`);
    });
    const keep = items.flatMap((it) => (it.id === undefined ? [] : [it.id]));
    await tx
      .delete(projectItems)
      .where(and(eq(projectItems.projectId, id), keep.length > 0 ? notInArray(projectItems.id, keep) : undefined));
    const reset: number[] = [];
    for (const [seq, it] of items.entries()) {
      const values = {
        seq: seq + 1,
        facilityId: it.facilityId,
        content: it.content,
        contractor: it.contractor,
        remark: it.remark,
        budget: it.budget,
      };
      if (it.id === undefined) {
        const [row] = await tx
          .insert(projectItems)
          .values({ ...values, projectId: id })
          .returning({ id: projectItems.id });
        reset.push(row?.id as number);
      } else {
        await tx.update(projectItems).set(values).where(eq(projectItems.id, it.id));
        if (existingById.get(it.id)?.facilityId !== it.facilityId) {
          await tx.delete(projectItemHouses).where(eq(projectItemHouses.itemId, it.id));
          reset.push(it.id);
        }
      }
    }
    await insertDefaultRanges(tx, reset);
    await refreshBudgetTotal(tx, ctx, id);
    await audit(tx, ctx, {
      action: 'project.items',
      entity: 'repair_project',
      entityId: id,
      summary: `保存维修设施设备 ${p.no}（${items.length} 项，预算合计 ${formatYuan(items.reduce((a, i) => a + i.budget, 0n))} 元）`,
      before: { items: before, budgetTotal: String(p.budgetTotal) },
      // Items whose range went back to the facility's location (new items, or a changed facility).
      after: { items: await itemsForAudit(tx, id), budgetTotal: String(items.reduce((a, i) => a + i.budget, 0n)), rangeReset: reset },
    });
  });
}

async function itemOf(tx: Tx, p: ProjectRow, itemId: number) {
  const [item] = await tx
    .select()
    .from(projectItems)
    .where(and(eq(projectItems.id, itemId), eq(projectItems.projectId, p.id)));
  if (!item) throw notFound('维修设施设备');
  return item;
}

/** F-40 step 3: add or remove houses of the item's range (picked in the building grid, or whole buildings). */
export async function editRange(ctx: Ctx, id: number, itemId: number, change: { add: number[]; addBuildings: number[]; remove: number[] }) {
  const actor = committeeActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    requireEditable(p);
    const item = await itemOf(tx, p, itemId);
    const [before] = await rangeTotals(tx, id, itemId);
    const addedIds: number[] = [];
    const removedIds: number[] = [];
    let added = 0;
    for (const part of chunks([...new Set(change.add)])) {
      const live = await tx
        .select({ id: houses.id })
        .from(houses)
        .where(and(inArray(houses.id, part), eq(houses.areaId, p.areaId), eq(houses.status, 'normal')));
      if (live.length !== part.length)
        throw invalid('add', `${part.length - live.length} 套房屋不属于本物业区域或已注销，不能加入分摊范围`);
      const rows = await tx
        .insert(projectItemHouses)
        .values(part.map((houseId) => ({ itemId, houseId, projectId: id })))
        .onConflictDoNothing()
        .returning({ houseId: projectItemHouses.houseId });
      added += rows.length;
      addedIds.push(...rows.map((r) => r.houseId));
    }
    if (change.addBuildings.length > 0) {
      const rows = await rowsOf<{ n: number }>(
        tx,
        sql`with ins as (insert into project_item_houses (item_id, house_id, project_id, share)
          select ${itemId}::bigint, h.id, ${id}::bigint, 0 from houses h
          where h.area_id = ${p.areaId} and h.status = 'normal' and h.building_id in (${idList(change.addBuildings)})
          on conflict do nothing returning 1) select count(*)::int as n from ins`,
      );
      added += Number(rows[0]?.n ?? 0);
    }
    let removed = 0;
    for (const part of chunks([...new Set(change.remove)])) {
      const rows = await tx
        .delete(projectItemHouses)
        .where(and(eq(projectItemHouses.itemId, itemId), inArray(projectItemHouses.houseId, part)))
        .returning({ houseId: projectItemHouses.houseId });
      removed += rows.length;
      removedIds.push(...rows.map((r) => r.houseId));
    }
    await touch(tx, ctx, id);
    await audit(tx, ctx, {
      action: 'project.range',
      entity: 'repair_project',
      entityId: id,
      summary: `调整分摊范围 ${p.no} 第 ${item.seq} 项：增加 ${added} 户，删除 ${removed} 户`,
      before: { item: item.seq, ...before },
      after: {
        item: item.seq,
        ...(await rangeTotals(tx, id, itemId))[0],
        added: { count: added, houses: bounded(addedIds), buildings: change.addBuildings },
        removed: bounded(removedIds),
      },
    });
    return { added, removed, warning: await otherBuildingWarning(tx, itemId) };
  });
}

/**
 * F-40 step 3: a building's (or unit's) item charged to houses of another building is allowed — a
 * shared roof may be paid by its neighbours — but says so, since it is more often a wrong pick.
 */
async function otherBuildingWarning(tx: Tx, itemId: number): Promise<string | null> {
  const [r] = await rowsOf<{ n: number; facility: string; building: string | null }>(
    tx,
    sql`select f.name as facility, b.name as building,
        (select count(*)::int from project_item_houses s join houses h on h.id = s.house_id
          where s.item_id = i.id and h.building_id <> f.building_id) as n
      from project_items i join facilities f on f.id = i.facility_id left join buildings b on b.id = f.building_id
      where i.id = ${itemId}`,
  );
  if (!r || r.building === null || r.n === 0) return null;
  return `分摊范围中有 ${r.n} 套房屋不在“${r.facility}”所在的 ${r.building}，请核对这些房屋是否应分摊本项费用`;
}

/** Shares written set-wise: one UPDATE … FROM (VALUES …) per thousand houses. */
async function writeShares(tx: Tx, itemId: number, rows: readonly { houseId: number; share: bigint }[]): Promise<number> {
  let n = 0;
  for (const part of chunks(rows)) {
    const values = sql.join(
      part.map((r) => sql`(${r.houseId}::bigint, ${String(r.share)}::bigint)`),
      sql`, `,
    );
    const updated = await rowsOf<{ n: number }>(
      tx,
      sql`with u as (update project_item_houses p set share = v.share from (values ${values}) as v(house_id, share)
        where p.item_id = ${itemId} and p.house_id = v.house_id returning 1) select count(*)::int as n from u`,
    );
    n += Number(updated[0]?.n ?? 0);
  }
  return n;
}

/** The item's range in house order with building areas: the R-40 weights. */
async function rangeWeights(tx: Tx, itemId: number) {
  return tx
    .select({ houseId: projectItemHouses.houseId, area: houses.buildingArea })
    .from(projectItemHouses)
    .innerJoin(houses, eq(houses.id, projectItemHouses.houseId))
    .where(eq(projectItemHouses.itemId, itemId))
    .orderBy(asc(projectItemHouses.houseId));
}

/** 预算分摊: every item's budget over its range by building area, exact to the fen (R-40). */
export async function apportionBudgets(ctx: Ctx, id: number) {
  const actor = committeeActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    requireEditable(p);
    const items = await tx.select().from(projectItems).where(eq(projectItems.projectId, id)).orderBy(asc(projectItems.seq));
    if (items.length === 0) throw invalid('items', '请先选择维修设施设备');
    const before = await rangeTotals(tx, id);
    for (const item of items) {
      const range = await rangeWeights(tx, item.id);
      if (range.length === 0) throw invalid(`items.${item.seq - 1}`, `第 ${item.seq} 项的分摊范围为空，请先添加分摊房屋`);
      const shares = apportion(
        item.budget,
        range.map((r) => BigInt(r.area)),
      );
      await writeShares(
        tx,
        item.id,
        range.map((r, i) => ({ houseId: r.houseId, share: shares[i] as bigint })),
      );
    }
    await touch(tx, ctx, id, { shareBasis: 'area' });
    await recordEvent(tx, ctx, { projectId: id }, 'apportion', `预算合计 ${formatYuan(p.budgetTotal)} 元`);
    await audit(tx, ctx, {
      action: 'project.apportion',
      entity: 'repair_project',
      entityId: id,
      summary: `预算分摊 ${p.no}（按建筑面积，预算合计 ${formatYuan(p.budgetTotal)} 元）`,
      before: { items: before },
      after: { items: await rangeTotals(tx, id), budgetTotal: String(p.budgetTotal) },
    });
  });
}

/** Shares typed house by house (or read from an imported file) for one item. */
export async function setShares(ctx: Ctx, id: number, itemId: number, rows: { houseId: number; share: bigint }[]) {
  const actor = committeeActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    requireEditable(p);
    const n = await writeItemShares(tx, ctx, p, itemId, rows);
    await requireShareTotalFits(tx, id);
    await touch(tx, ctx, id);
    return { updated: n };
  });
}

/** One item's typed shares written and audit-logged, inside the caller's transaction on the locked project. */
async function writeItemShares(tx: Tx, ctx: Ctx, p: ProjectRow, itemId: number, rows: { houseId: number; share: bigint }[]) {
  const item = await itemOf(tx, p, itemId);
  const unique = new Map(rows.map((r) => [r.houseId, r]));
  if (unique.size !== rows.length) throw invalid('rows', `第 ${item.seq} 项：同一房屋填写了多个分摊金额`);
  const [before] = await rangeTotals(tx, p.id, itemId);
  const previous = await previousShares(tx, itemId, rows.slice(0, AUDIT_SAMPLE));
  const n = await writeShares(tx, itemId, rows);
  if (n !== rows.length) throw invalid('rows', `${rows.length - n} 套房屋不在第 ${item.seq} 项的分摊范围内，请先加入分摊范围`);
  await tx.update(repairProjects).set({ shareBasis: 'custom' }).where(eq(repairProjects.id, p.id));
  await audit(tx, ctx, {
    action: 'project.shares',
    entity: 'repair_project',
    entityId: p.id,
    summary: `填写分摊金额 ${p.no} 第 ${item.seq} 项：${n} 户`,
    before: { item: item.seq, ...before, shares: previous },
    after: {
      item: item.seq,
      ...(await rangeTotals(tx, p.id, itemId))[0],
      shares: bounded(rows.map((r) => ({ houseId: r.houseId, share: String(r.share) }))),
    },
  });
  return n;
}

/** The shares a few houses held before a change: the sample the audit row shows next to the new values. */
async function previousShares(tx: Tx, itemId: number, rows: readonly { houseId: number }[]) {
  if (rows.length === 0) return [];
  const found = await tx
    .select({ houseId: projectItemHouses.houseId, share: projectItemHouses.share })
    .from(projectItemHouses)
    .where(
      and(
        eq(projectItemHouses.itemId, itemId),
        inArray(
          projectItemHouses.houseId,
          rows.map((r) => r.houseId),
        ),
      ),
    );
  const byHouse = new Map(found.map((f) => [f.houseId, String(f.share)]));
  return rows.map((r) => ({ houseId: r.houseId, share: byHouse.get(r.houseId) ?? null }));
}

/** The shares of all items together become the budget total (分摊合并), so they are capped like it. */
async function requireShareTotalFits(tx: Tx, projectId: number) {
  const [r] = await rowsOf<{ total: string }>(
    tx,
    sql`select coalesce(sum(share), 0)::text as total from project_item_houses where project_id = ${projectId}`,
  );
  const tooLarge = totalTooLarge('分摊金额合计', BigInt(r?.total ?? 0));
  if (tooLarge) throw invalid('rows', tooLarge);
}

/**
 * 分摊合并 (F-40 step 4): each item's budget becomes the sum of its shares. The shares typed on the
 * page and not yet saved come with the request and are saved first, in the same transaction, so
 * the merge uses what the person sees. An item whose shares add up to nothing is refused rather
 * than given a budget of 0.
 */
export async function mergeShares(ctx: Ctx, id: number, typed: { itemId: number; rows: { houseId: number; share: bigint }[] }[] = []) {
  const actor = committeeActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    requireEditable(p);
    const before = await itemsForAudit(tx, id);
    for (const t of typed) if (t.rows.length > 0) await writeItemShares(tx, ctx, p, t.itemId, t.rows);
    await requireShareTotalFits(tx, id);
    const empty = await rowsOf<{ seq: number }>(
      tx,
      sql`select i.seq from project_items i where i.project_id = ${id}
        and (select coalesce(sum(share), 0) from project_item_houses s where s.item_id = i.id) = 0 order by i.seq`,
    );
    if (empty.length > 0) {
      const which = empty.map((e) => `第 ${e.seq} 项`).join('、');
      throw ruleRefusal(
        409,
        'RULE',
        'F-40',
        `${which}的分摊金额合计为 0，分摊合并不会把预算改为 0：请先在房屋分摊列表中逐户填写或导入分摊金额，再点“分摊合并”`,
      );
    }
    await tx.execute(sql`update project_items i set budget =
      (select coalesce(sum(share), 0) from project_item_houses s where s.item_id = i.id) where i.project_id = ${id}`);
    await refreshBudgetTotal(tx, ctx, id);
    const [after] = await tx.select({ total: repairProjects.budgetTotal }).from(repairProjects).where(eq(repairProjects.id, id));
    await recordEvent(tx, ctx, { projectId: id }, 'merge-shares', `预算合计 ${formatYuan(after?.total ?? 0n)} 元`);
    await audit(tx, ctx, {
      action: 'project.merge-shares',
      entity: 'repair_project',
      entityId: id,
      summary: `分摊合并 ${p.no}：预算合计 ${formatYuan(p.budgetTotal)} → ${formatYuan(after?.total ?? 0n)} 元`,
      before: { budgetTotal: String(p.budgetTotal), budgets: before.map((i) => ({ itemId: i.id, budget: i.budget })) },
      after: {
        budgetTotal: String(after?.total ?? 0n),
        budgets: (await itemsForAudit(tx, id)).map((i) => ({ itemId: i.id, budget: i.budget })),
      },
    });
  });
}

/** F-40 step 6: the phases as a whole. R-41 is reported here as a warning and enforced at submission. */
export async function savePlan(ctx: Ctx, id: number, phases: { amount: bigint; condition: string }[]) {
  const actor = committeeActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    requireEditable(p);
    if (p.type === 'simple' && phases.length > 0) throw invalid('phases', '简单拨付维修项目一次性拨付，没有拨付计划');
    const tooLarge = totalTooLarge(
      '拨付计划合计',
      phases.reduce((a, ph) => a + ph.amount, 0n),
    );
    if (tooLarge) throw invalid('phases', tooLarge);
    const before = await tx
      .delete(projectPhases)
      .where(eq(projectPhases.projectId, id))
      .returning({ seq: projectPhases.seq, amount: projectPhases.amount, condition: projectPhases.condition });
    if (phases.length > 0) {
      await tx
        .insert(projectPhases)
        .values(phases.map((ph, i) => ({ projectId: id, seq: i + 1, amount: ph.amount, condition: ph.condition })));
    }
    await touch(tx, ctx, id);
    await audit(tx, ctx, {
      action: 'project.plan',
      entity: 'repair_project',
      entityId: id,
      summary: `保存拨付计划 ${p.no}：${phases.length} 期，合计 ${formatYuan(phases.reduce((a, ph) => a + ph.amount, 0n))} 元`,
      before: { phases: before.sort((a, b) => a.seq - b.seq).map(({ amount, condition }) => ({ amount: String(amount), condition })) },
      after: { phases: phases.map((ph) => ({ amount: String(ph.amount), condition: ph.condition })) },
    });
  });
}

/** The houses already in an item's range (within one building, when given): the 楼盘表 picker marks them. */
export async function itemHouseIdsIn(ctx: Ctx, id: number, itemId: number, buildingId?: number) {
  const p = await loadProject(ctx.db, readerActor(ctx), id);
  const rows = await ctx.db
    .select({ id: projectItemHouses.houseId })
    .from(projectItemHouses)
    .innerJoin(projectItems, eq(projectItems.id, projectItemHouses.itemId))
    .innerJoin(houses, eq(houses.id, projectItemHouses.houseId))
    .where(
      and(
        eq(projectItemHouses.itemId, itemId),
        eq(projectItems.projectId, p.id),
        buildingId === undefined ? undefined : eq(houses.buildingId, buildingId),
      ),
    );
  return { ids: rows.map((r) => r.id) };
}

/** 房屋分摊列表 of one item, a page at a time. */
export async function itemHouses(ctx: Ctx, id: number, itemId: number, page: number, pageSize: number, q?: string) {
  const p = await loadProject(ctx.db, readerActor(ctx), id);
  const [item] = await ctx.db
    .select({ id: projectItems.id })
    .from(projectItems)
    .where(and(eq(projectItems.id, itemId), eq(projectItems.projectId, p.id)));
  if (!item) throw notFound('维修设施设备');
  return itemHousesPage(ctx.db, itemId, page, pageSize, q);
}
