import { noticeActions, noticeRefusal } from '../../domain/notice-actions.ts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { groupBy } from '../../lib/group.ts';
import { found, foundShape, holding, numberFound, SEARCH_PLACEHOLDERS, searchValues } from '../../lib/search.ts';
import { carriedCount, pageWindow } from '../../lib/paging.ts';
import { builtOnce, builtOnceRows, type Tx } from '../../db/client.ts';
import { cappedCountOf } from '../../db/capped-count.ts';
import { allocateNumbers } from '../../db/numbering.ts';
import {
  bankConfirmations,
  buildings,
  houseHistory,
  houseOwners,
  houses,
  type NoticePurpose,
  organisations,
  paymentNoticeItems,
  paymentNotices,
  propertyAreas,
  units,
} from '../../db/schema/index.ts';
import { withCheckDigit } from '../../domain/check-digit.ts';
import type { ParsedOwner } from '../../domain/house-row.ts';
import { requireActor, requirePermission, type Actor, type Ctx } from '../../lib/context.ts';
import { AppError, invalid, invalidFields, notFound, ruleRefusal } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/pg-errors.ts';
import { audit, bounded } from '../audit/audit.ts';
import { visibleArea } from '../registry/access.ts';
import { chunks } from '../registry/bulk.ts';
import { addBusinessDays } from '../../lib/clock.ts';
import { getSetting } from '../settings/store.ts';
import { outstanding, standingOf } from './standing.ts';

export const PURPOSE_LABELS: Record<NoticePurpose, string> = {
  deposit: '首次交存',
  supplement: '补交',
  replenish: '续筹交款',
  other: '其他交款',
};

export interface NoticeDraft {
  purpose: NoticePurpose;
  purposeNote: string;
  payerType: 'developer' | 'owner';
  payerName: string;
  payerIdNumber: string;
  payerPhone: string;
  items: { houseId: number; amount: bigint }[];
  /** The registry change a 补交 notice collects for (R-12). */
  applicationId?: number;
}

/** Who issues a notice: the caller, or for a 补交 notice the developer whose change raised the amount due. */
export type Issuer = Pick<Actor, 'orgId' | 'userId'>;

/**
 * Inserts notices; R-30 is the partial unique index on open items, so a race cannot slip through.
 * Set-based whatever the batch: the numbers come in one step (never holding the counter for the
 * batch, see allocateNumbers), and notices and items go in with one statement, the rows travelling
 * as one JSON parameter (a statement holds at most 65,535 parameters).
 */
export async function issue(tx: Tx, ctx: Ctx, actor: Issuer, areaId: number, drafts: NoticeDraft[]) {
  const now = ctx.clock.now();
  const bankAccount = await getSetting(tx, 'custodyAccount');
  // Valid for N days from the business day of issue, counted in Asia/Shanghai.
  const validUntil = addBusinessDays(now, await getSetting(tx, 'noticeValidDays'));
  const made = (await allocateNumbers(tx, ctx.autonomous, 'JK', now, drafts.length)).map(withCheckDigit);
  if (drafts.length > 0) {
    const notices = drafts.map((d, k) => ({
      k,
      no: made[k],
      purpose: d.purpose,
      purpose_note: d.purposeNote,
      payer_type: d.payerType,
      payer_name: d.payerName,
      payer_id_number: d.payerIdNumber,
      payer_phone: d.payerPhone,
      total: String(d.items.reduce((a, i) => a + i.amount, 0n)),
      application_id: d.applicationId ?? null,
    }));
    const items = drafts
      .flatMap((d, k) => d.items.map((i) => ({ k, house_id: i.houseId, amount: String(i.amount) })))
      .map((i, seq) => ({ ...i, seq }));
    await tx.execute(sql`
      with d as (
        select * from jsonb_to_recordset(${JSON.stringify(notices)}::jsonb)
          as d(k int, no text, purpose text, purpose_note text, payer_type text, payer_name text, payer_id_number text,
               payer_phone text, total bigint, application_id bigint)),
      n as (
        insert into payment_notices (no, purpose, purpose_note, area_id, issuer_org_id, payer_type, payer_name, payer_id_number,
                                     payer_phone, total, bank_account, valid_until, created_by, created_at, application_id)
        select d.no, d.purpose, d.purpose_note, ${areaId}, ${actor.orgId}, d.payer_type, d.payer_name, d.payer_id_number,
               d.payer_phone, d.total, ${JSON.stringify(bankAccount)}::jsonb, ${validUntil}::date, ${actor.userId},
               ${now.toISOString()}::timestamptz, d.application_id
          from d order by d.k
        returning id, no)
      insert into payment_notice_items (notice_id, house_id, purpose, amount)
      select n.id, i.house_id, d.purpose, i.amount
        from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as i(seq int, k int, house_id bigint, amount bigint)
        join d on d.k = i.k join n on n.no = d.no
       order by i.seq`);
  }
  await audit(tx, ctx, {
    action: 'notice.issue',
    entity: 'payment_notice',
    // The entity id is indexed, so a batch of thousands of notices is named by its range; the full list is in `after`.
    entityId: made.length > 1 ? `${made[0]}…${made.at(-1)}` : (made[0] ?? ''),
    summary: `开具交款通知单 ${made.length} 张：${made.slice(0, 5).join('、')}${made.length > 5 ? ' 等' : ''}`,
    after: { notices: made },
  });
  return made;
}

async function run<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(fn);
  } catch (err) {
    if (isUniqueViolation(err, 'payment_notice_items_open_uq'))
      throw ruleRefusal(409, 'NOTICE_OPEN', 'R-30', '所选房屋已有未缴的同类交款通知单，请重新打印原通知单');
    throw err;
  }
}

function liveHousesOf(tx: Tx, where: ReturnType<typeof and>) {
  return tx
    .select({
      id: houses.id,
      buildingId: houses.buildingId,
      building: buildings.name,
      unit: units.name,
      room: houses.room,
      salesStatus: houses.salesStatus,
    })
    .from(houses)
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .innerJoin(units, eq(units.id, houses.unitId))
    .where(and(eq(houses.status, 'normal'), where))
    .orderBy(asc(houses.buildingId), asc(units.name), asc(houses.floor), asc(houses.room));
}

/**
 * F-20 开发建设单位批量交款: one notice per chosen building for all its houses with something still to
 * deposit, payer the developer. Houses already on an unpaid deposit notice are left to that notice
 * (R-30), whose number is returned for re-printing.
 */
export async function developerBatchNotices(ctx: Ctx, areaId: number, buildingIds: number[]) {
  const actor = requirePermission(ctx, 'payment.notice');
  return run(ctx, async (tx) => {
    await visibleArea(tx, actor, areaId);
    const list = await liveHousesOf(tx, and(eq(houses.areaId, areaId), inArray(houses.buildingId, buildingIds)));
    const standing = await standingOf(
      tx,
      list.map((h) => h.id),
    );
    const drafts: NoticeDraft[] = [];
    const reprint = new Set<string>();
    const byBuilding = groupBy(list, (h) => h.buildingId);
    for (const b of buildingIds) {
      const items = [];
      for (const h of byBuilding.get(b) ?? []) {
        const s = standing.get(h.id);
        if (!s) continue;
        const held = s.openNotices.deposit;
        if (held) reprint.add(held);
        else if (outstanding(s) > 0n) items.push({ houseId: h.id, amount: outstanding(s) });
      }
      if (items.length > 0)
        drafts.push({
          purpose: 'deposit',
          purposeNote: '',
          payerType: 'developer',
          payerName: actor.orgName,
          payerIdNumber: '',
          payerPhone: '',
          items,
        });
    }
    if (drafts.length === 0 && reprint.size === 0) throw invalid('buildingIds', '所选楼幢的房屋均已交足应交金额，无须开具交款通知单');
    return { issued: await issue(tx, ctx, actor, areaId, drafts), reprint: [...reprint] };
  });
}

export interface OwnerNoticeInput {
  houseId: number;
  owners: ParsedOwner[];
}

/**
 * F-21 代打交款通知单: one notice per house, payer its owners (name, ID type, ID number and mobile all
 * required). A sold house with no owner on record gets the entered owners recorded.
 */
export async function ownerNotices(ctx: Ctx, areaId: number, input: OwnerNoticeInput[]) {
  const actor = requirePermission(ctx, 'payment.notice');
  const errors: Record<string, string> = {};
  input.forEach((h, i) => {
    if (h.owners.length === 0) errors[`houses.${i}.owners`] = `第 ${i + 1} 套房屋：请添加业主`;
    h.owners.forEach((o, j) => {
      if (!o.phone) errors[`houses.${i}.owners.${j}.phone`] = `第 ${i + 1} 套房屋第 ${j + 1} 位业主：手机号不能为空`;
    });
  });
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
  return run(ctx, async (tx) => {
    await visibleArea(tx, actor, areaId);
    const ids = input.map((h) => h.houseId);
    const list = await liveHousesOf(tx, and(eq(houses.areaId, areaId), inArray(houses.id, ids)));
    if (list.length !== new Set(ids).size) throw invalid('houses', '所选房屋不存在、已注销或不属于本物业区域');
    const standing = await standingOf(tx, ids);
    const drafts: NoticeDraft[] = [];
    const reprint: string[] = [];
    const recorded = await tx.select({ houseId: houseOwners.houseId }).from(houseOwners).where(inArray(houseOwners.houseId, ids));
    const withOwners = new Set(recorded.map((r) => r.houseId));
    const newOwners: OwnerNoticeInput[] = [];
    for (const h of input) {
      const s = standing.get(h.houseId);
      if (!s) continue;
      if (s.openNotices.deposit) {
        reprint.push(s.openNotices.deposit);
        continue;
      }
      if (outstanding(s) === 0n) continue;
      if (!withOwners.has(h.houseId)) newOwners.push(h);
      const first = h.owners[0] as ParsedOwner;
      drafts.push({
        purpose: 'deposit',
        purposeNote: '',
        payerType: 'owner',
        payerName: h.owners.map((o) => o.name).join('、'),
        payerIdNumber: first.idNumber,
        payerPhone: first.phone,
        items: [{ houseId: h.houseId, amount: outstanding(s) }],
      });
    }
    if (drafts.length === 0 && reprint.length === 0) throw invalid('houses', '所选房屋均已交足应交金额');
    await recordTypedOwners(tx, ctx, newOwners, new Map(list.map((h) => [h.id, h])));
    return { issued: await issue(tx, ctx, actor, areaId, drafts), reprint };
  });
}

/**
 * F-21: owners typed for a house with none on record become its owners — a registry change like any
 * other: the house is sold (someone owns it), its history and the audit log keep before and after.
 * Houses that already have owners keep them; changing those is 房屋权属批量变更 (F-17), reviewed.
 */
async function recordTypedOwners(
  tx: Tx,
  ctx: Ctx,
  list: readonly OwnerNoticeInput[],
  houseOf: Map<number, { building: string; unit: string; room: string; salesStatus: 'sold' | 'unsold' }>,
) {
  if (list.length === 0) return;
  const now = ctx.clock.now();
  const ids = list.map((h) => h.houseId);
  const rows = list.flatMap((h) => h.owners.map((o) => ({ ...o, houseId: h.houseId, createdAt: now })));
  for (const part of chunks(rows)) await tx.insert(houseOwners).values(part);
  for (const part of chunks(ids))
    await tx
      .update(houses)
      .set({ salesStatus: 'sold', updatedAt: now })
      .where(and(inArray(houses.id, part), eq(houses.salesStatus, 'unsold')));
  const changes = list.map((h) => {
    const house = houseOf.get(h.houseId);
    return {
      houseId: h.houseId,
      label: house ? `${house.building}${house.unit}${house.room}` : `#${h.houseId}`,
      before: { salesStatus: house?.salesStatus ?? 'unsold', owners: [] },
      after: { salesStatus: 'sold', owners: h.owners },
      names: h.owners.map((o) => o.name).join('、'),
    };
  });
  for (const part of chunks(changes)) {
    await tx.insert(houseHistory).values(
      part.map((c) => ({
        houseId: c.houseId,
        kind: 'notice_owners',
        summary: `代打交款通知单登记业主：${c.names}`,
        before: c.before,
        after: c.after,
        at: now,
      })),
    );
  }
  const one = changes.length === 1 ? changes[0] : undefined;
  await audit(tx, ctx, {
    action: 'house.owners',
    entity: 'house',
    entityId: one ? one.houseId : `${changes[0]?.houseId}…${changes.at(-1)?.houseId}`,
    summary: one
      ? `代打交款通知单登记房屋 ${one.label} 的业主：${one.names}`
      : `代打交款通知单登记 ${changes.length} 套房屋的业主：${changes
          .slice(0, 5)
          .map((c) => `${c.label} ${c.names}`)
          .join('；')}${changes.length > 5 ? ' 等' : ''}`,
    before: one ? one.before : bounded(changes.map((c) => ({ houseId: c.houseId, ...c.before }))),
    after: one ? one.after : bounded(changes.map((c) => ({ houseId: c.houseId, ...c.after }))),
  });
}

/** F-22 自定义交款: 续筹 / 补交 / other with amounts entered (or imported) per house; one notice per house. */
export async function customNotices(
  ctx: Ctx,
  areaId: number,
  purpose: Exclude<NoticePurpose, 'deposit'>,
  note: string,
  rows: { houseId: number; amount: bigint }[],
) {
  const actor = requirePermission(ctx, 'payment.notice');
  const errors: Record<string, string> = {};
  rows.forEach((r, i) => {
    if (r.amount <= 0n) errors[`rows.${i}.amount`] = `第 ${i + 1} 行：金额须大于 0`;
  });
  if (rows.length === 0) errors.rows = '请选择房屋并填写金额';
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
  return run(ctx, async (tx) => {
    await visibleArea(tx, actor, areaId);
    const ids = rows.map((r) => r.houseId);
    const list = await liveHousesOf(tx, and(eq(houses.areaId, areaId), inArray(houses.id, ids)));
    if (list.length !== new Set(ids).size) throw invalid('rows', '所选房屋不存在、已注销或不属于本物业区域');
    const owners = await tx.select().from(houseOwners).where(inArray(houseOwners.houseId, ids)).orderBy(asc(houseOwners.id));
    // Grouped once by house: a lookup per row, not a scan of every owner for every row.
    const byHouse = groupBy(owners, (o) => o.houseId);
    const drafts: NoticeDraft[] = rows.map((r) => {
      const mine = byHouse.get(r.houseId) ?? [];
      return mine.length > 0
        ? {
            purpose,
            purposeNote: note,
            payerType: 'owner' as const,
            payerName: mine.map((o) => o.name).join('、'),
            payerIdNumber: mine[0]?.idNumber ?? '',
            payerPhone: mine[0]?.phone ?? '',
            items: [r],
          }
        : {
            purpose,
            purposeNote: note,
            payerType: 'developer' as const,
            payerName: actor.orgName,
            payerIdNumber: '',
            payerPhone: '',
            items: [r],
          };
    });
    return { issued: await issue(tx, ctx, actor, areaId, drafts), reprint: [] };
  });
}

/** Who may see a notice: its issuer, the office, any bank (to confirm it). */
async function visibleNotice(tx: Tx, actor: Actor, no: string) {
  const [n] = await tx.select().from(paymentNotices).where(eq(paymentNotices.no, no.trim().toUpperCase()));
  const ok = n && (n.issuerOrgId === actor.orgId || actor.orgType === 'office' || actor.orgType === 'bank');
  if (!ok) throw notFound(`交款通知单 ${no}`);
  return n;
}

export async function noticeDetail(ctx: Ctx, no: string) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const n = await visibleNotice(tx, actor, no);
    const [area] = await tx.select({ name: propertyAreas.name }).from(propertyAreas).where(eq(propertyAreas.id, n.areaId));
    const [issuer] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, n.issuerOrgId));
    const items = await tx
      .select({
        houseId: houses.id,
        building: buildings.name,
        unit: units.name,
        room: houses.room,
        address: houses.address,
        buildingArea: houses.buildingArea,
        amount: paymentNoticeItems.amount,
      })
      .from(paymentNoticeItems)
      .innerJoin(houses, eq(houses.id, paymentNoticeItems.houseId))
      .innerJoin(buildings, eq(buildings.id, houses.buildingId))
      .innerJoin(units, eq(units.id, houses.unitId))
      .where(eq(paymentNoticeItems.noticeId, n.id))
      .orderBy(asc(paymentNoticeItems.id));
    // The bank's confirmation is what a 交款回单 prints: the teller right after, the office window later.
    const [payment] = await tx
      .select({
        channel: bankConfirmations.channel,
        bankRef: bankConfirmations.bankRef,
        bankDate: bankConfirmations.bankDate,
        bankName: organisations.name,
        confirmedAt: bankConfirmations.createdAt,
      })
      .from(bankConfirmations)
      .innerJoin(organisations, eq(organisations.id, bankConfirmations.bankOrgId))
      .where(and(eq(bankConfirmations.kind, 'deposit'), eq(bankConfirmations.number, n.no)));
    return {
      ...noticeSummary(n),
      actions: noticeActions(n, actor),
      payment: payment ?? null,
      areaName: area?.name ?? '',
      issuerName: issuer?.name ?? '',
      payerIdNumber: n.payerIdNumber,
      payerPhone: n.payerPhone,
      bankAccount: n.bankAccount as { bankName: string; accountName: string; accountNo: string },
      items: items.map((i) => ({ ...i, amount: Number(i.amount) })),
    };
  });
}

export function noticeSummary(n: typeof paymentNotices.$inferSelect) {
  return {
    id: n.id,
    no: n.no,
    purpose: n.purpose,
    purposeLabel: PURPOSE_LABELS[n.purpose],
    purposeNote: n.purposeNote,
    areaId: n.areaId,
    payerType: n.payerType,
    payerName: n.payerName,
    total: Number(n.total),
    validUntil: n.validUntil,
    status: n.status,
    createdAt: n.createdAt,
    paidAt: n.paidAt,
  };
}

/**
 * Houses whose address (or, within an area, 楼幢+单元+房号) holds `text`, taken from the statement's
 * placeholders (`SEARCH_PLACEHOLDERS`): a subquery of ids.
 */
function houseNumberMatches(text: string, inArea: boolean) {
  const byAddress = sql`select h.id from houses h where ${found(sql`h.address`, text, SEARCH_PLACEHOLDERS)}`;
  if (!inArea) return byAddress;
  return sql`${byAddress} union select h.id from houses h join buildings b on b.id = h.building_id
    join units u on u.id = h.unit_id where h.area_id = ${sql.placeholder('area')} and ${holding(sql`(b.name || u.name || h.room)`, text, SEARCH_PLACEHOLDERS.pattern)}`;
}

export async function listNotices(
  ctx: Ctx,
  q: { page: number; pageSize: number; areaId?: number; status?: 'unpaid' | 'paid' | 'void'; q?: string },
) {
  const actor = requireActor(ctx);
  if (actor.orgType !== 'developer' && actor.orgType !== 'office') throw notFound('交款通知单');
  // Built once for each shape (`builtOnce`), the filters' values and the search text as placeholders.
  // A search's plan made without its text still finds the matches through the search indexes, as one
  // made for the text does (bench/README.md), and planning it for every text cost more than running it.
  const filters = { org: actor.orgType === 'developer' ? actor.orgId : undefined, area: q.areaId, status: q.status };
  const values = { ...filters, ...(q.q ? searchValues(q.q) : {}) };
  // The matches first, through the search indexes (`found`), then the page among them: walking the list's
  // order and testing each notice read every notice when few matched. A house is found by its address
  // (which holds 楼幢, 单元 and 房号); within a chosen area also by 楼幢+单元+房号 as typed. Found once
  // (`matched`) for the page and its count alike.
  const matches = q.q
    ? sql`select m.id from ${paymentNotices} m where ${numberFound(sql`m.no`, q.q, SEARCH_PLACEHOLDERS)} or ${found(sql`m.payer_name`, q.q, SEARCH_PLACEHOLDERS)}
          union
          select i.notice_id from payment_notice_items i where i.house_id = any(array(${houseNumberMatches(q.q, Boolean(q.areaId))}))`
    : null;
  const where = and(
    actor.orgType === 'developer' ? eq(paymentNotices.issuerOrgId, sql.placeholder('org')) : undefined,
    q.areaId ? eq(paymentNotices.areaId, sql.placeholder('area')) : undefined,
    q.status ? eq(paymentNotices.status, sql.placeholder('status')) : undefined,
    matches ? sql`${paymentNotices.id} = any(array(select id from matched))` : undefined,
  );
  // The page carries its count (up to the cap) in the same statement (`carriedCount`): one statement,
  // not two. A list lately found past the cap is not counted again.
  const searched = q.q ? ` search${foundShape(q.q)}` : '';
  const shape = `${actor.orgType}${q.areaId ? ' area' : ''}${q.status ? ' status' : ''}${searched}`;
  const count = carriedCount(cappedCountOf(sql`${paymentNotices} where ${where}`), values, `notices.count ${shape}`);
  const rows = await builtOnce(
    ctx.db,
    `notices ${shape}${count.known ? ' past cap' : ''}`,
    () =>
      (matches ? ctx.db.with(ctx.db.$with('matched', { id: sql`id` }).as(matches)) : ctx.db)
        .select({ notice: paymentNotices, total: count.column })
        .from(paymentNotices)
        .where(where)
        .orderBy(desc(paymentNotices.id))
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset')),
    { ...values, ...pageWindow(q) },
  );
  const total = await count.total(rows, q, async () => {
    const alone = sql`select ${count.column} as n`;
    const [row] = await builtOnceRows<{ n: string }>(
      ctx.db,
      null,
      () => (matches ? sql`with matched as (${matches}) ${alone}` : alone),
      values,
    );
    return Number(row?.n ?? 0);
  });
  return { items: rows.map(({ notice: n }) => ({ ...noticeSummary(n), actions: noticeActions(n, actor) })), ...total };
}

/** An unpaid notice can be voided by its issuer; its houses are free for a new notice (R-30). */
export async function voidNotice(ctx: Ctx, no: string) {
  const actor = requirePermission(ctx, 'payment.notice');
  return ctx.db.transaction(async (tx) => {
    const n = await visibleNotice(tx, actor, no);
    if (n.issuerOrgId !== actor.orgId) throw notFound(`交款通知单 ${no}`);
    const [locked] = await tx.select().from(paymentNotices).where(eq(paymentNotices.id, n.id)).for('update');
    const refusal = noticeRefusal(n.no, locked?.status ?? 'void', 'void');
    if (refusal) throw new AppError(409, 'STATUS', refusal);
    await tx.update(paymentNotices).set({ status: 'void', voidedAt: ctx.clock.now() }).where(eq(paymentNotices.id, n.id));
    await tx.update(paymentNoticeItems).set({ open: false }).where(eq(paymentNoticeItems.noticeId, n.id));
    await audit(tx, ctx, {
      action: 'notice.void',
      entity: 'payment_notice',
      entityId: n.no,
      summary: `作废交款通知单 ${n.no}`,
      before: { status: 'unpaid' },
      after: { status: 'void' },
    });
    return noticeSummary({ ...n, status: 'void' });
  });
}
