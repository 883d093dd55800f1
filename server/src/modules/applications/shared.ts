import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { applicationItems, BUILDING_STRUCTURES, buildings, DEPOSIT_TIMINGS, houseOwners, houses, units } from '../../db/schema/index.ts';
import { checkOwner, ID_TYPE_OPTIONS } from '../../domain/house-row.ts';
import { HOUSE_USES } from '../../domain/deposit-standard.ts';
import { bodyId, optionalText, text } from '../../lib/fields.ts';
import { invalidFields } from '../../lib/errors.ts';
import { liveProjectRefusals } from '../../domain/live-projects.ts';
import { liveProjectsOf } from '../projects/range.ts';
import { chunks } from '../registry/bulk.ts';
import type { ApplicationRow } from './handler.ts';

const thisYear = new Date().getFullYear();

export const buildingSchema = z
  .object({
    name: text('楼幢名称', 50),
    floorsAbove: z
      .number({ error: '地上层数须为整数' })
      .int('地上层数须为整数')
      .min(0, '地上层数不能为负')
      .max(200, '地上层数不能超过 200'),
    floorsBelow: z.number({ error: '地下层数须为整数' }).int('地下层数须为整数').min(0, '地下层数不能为负').max(20, '地下层数不能超过 20'),
    builtYear: z
      .number({ error: '建成年代须为年份' })
      .int()
      .min(1900, '建成年代须在 1900 年之后')
      .max(thisYear + 10, '建成年代不正确'),
    structure: z.enum(BUILDING_STRUCTURES, { error: `建筑结构须为：${BUILDING_STRUCTURES.join('、')}` }),
    elevator: z.boolean({ error: '请选择有无电梯' }),
  })
  .meta({ id: 'Building' });
export type BuildingInput = z.infer<typeof buildingSchema>;

export const depositTiming = z.enum(DEPOSIT_TIMINGS, { error: `交存时点须为：${DEPOSIT_TIMINGS.join('、')}` });

export const ownerSchema = z
  .object({
    name: text('业主姓名', 50),
    idType: z.enum(ID_TYPE_OPTIONS, { error: `证件类型须为：${ID_TYPE_OPTIONS.join('、')}` }),
    idNumber: text('证件号码', 30).toUpperCase(),
    phone: optionalText('手机号', 11),
  })
  .superRefine((o, c) => {
    for (const [path, message] of Object.entries(checkOwner(o))) c.addIssue({ code: 'custom', path: [path], message });
  })
  .meta({ id: 'Owner' });

/** 退款账户: where a refund is paid. */
export const refundAccountSchema = z
  .object({
    accountName: text('收款户名', 50),
    bank: text('开户银行', 60),
    accountNo: z
      .string({ error: '银行账号不能为空' })
      .trim()
      .regex(/^\d{8,30}$/, '银行账号须为 8–30 位数字'),
  })
  .meta({ id: 'RefundAccount' });

/** The fields of a house an application sets (areas in hundredths of m²). */
export const houseFieldsSchema = z
  .object({
    building: text('楼幢名称', 50),
    unit: optionalText('单元', 20),
    floor: z
      .number()
      .int()
      .refine((n) => n !== 0, '楼层不能为 0'),
    room: text('房号', 20),
    address: text('坐落', 200),
    buildingArea: z.number().int('建筑面积最多 2 位小数').positive('建筑面积须大于 0'),
    innerArea: z.number().int().min(0),
    use: z.enum(HOUSE_USES, { error: `房屋类型须为：${HOUSE_USES.join('、')}` }),
    elevator: z.boolean(),
    salesStatus: z.enum(['sold', 'unsold']),
  })
  .meta({ id: 'HouseFields' });

/** A new house with its owners, as imported or entered (F-11, F-15, F-14 results). */
export const houseItemSchema = houseFieldsSchema
  .extend({ innerArea: z.number().int().min(0).default(0), owners: z.array(ownerSchema).default([]) })
  .meta({ id: 'ImportedHouse' });

/** An item that picks an existing house of the area. */
export const pickSchema = z.object({ houseId: bodyId('房屋编号') }).meta({ id: 'HousePick' });

export async function itemsOf<T>(tx: Tx, app: ApplicationRow, kind: string) {
  const rows = await tx
    .select()
    .from(applicationItems)
    .where(and(eq(applicationItems.applicationId, app.id), eq(applicationItems.kind, kind)))
    .orderBy(asc(applicationItems.seq));
  return rows.map((r) => ({ houseId: r.houseId, buildingId: r.buildingId, before: r.before, data: r.data as T }));
}

/** A house as shown in before/after lists and stored as an item's "before"; built by the server, never parsed. */
export const houseSnapshotSchema = houseFieldsSchema
  .extend({
    id: z.number(),
    status: z.enum(['normal', 'cancelled']),
    owners: z.array(ownerSchema),
  })
  .meta({ id: 'HouseSnapshot' });
export type HouseSnapshot = z.output<typeof houseSnapshotSchema>;

export async function snapshotHouses(tx: Tx, areaId: number, ids: readonly number[]): Promise<Map<number, HouseSnapshot>> {
  const out = new Map<number, HouseSnapshot>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await tx
      .select({ h: houses, building: buildings.name, unit: units.name })
      .from(houses)
      .innerJoin(buildings, eq(buildings.id, houses.buildingId))
      .innerJoin(units, eq(units.id, houses.unitId))
      .where(and(inArray(houses.id, part), eq(houses.areaId, areaId)));
    const owners = await tx.select().from(houseOwners).where(inArray(houseOwners.houseId, part)).orderBy(asc(houseOwners.id));
    for (const { h, building, unit } of rows) {
      out.set(h.id, {
        id: h.id,
        building,
        unit,
        floor: h.floor,
        room: h.room,
        address: h.address,
        buildingArea: h.buildingArea,
        innerArea: h.innerArea,
        use: h.use,
        elevator: h.elevator,
        salesStatus: h.salesStatus,
        status: h.status,
        owners: owners
          .filter((o) => o.houseId === h.id)
          .map((o) => ({ name: o.name, idType: o.idType, idNumber: o.idNumber, phone: o.phone })),
      });
    }
  }
  return out;
}

/** Picked houses must be live houses of the application's area; each problem names the row. */
export async function requireLiveHouses(tx: Tx, app: ApplicationRow, ids: readonly number[]) {
  const snaps = await snapshotHouses(tx, app.areaId as number, ids);
  const errors: Record<string, string> = {};
  const seen = new Set<number>();
  ids.forEach((id, i) => {
    const s = snaps.get(id);
    if (!s) errors[`items.${i}.houseId`] = `第 ${i + 1} 行：房屋不存在或不属于本物业区域`;
    else if (s.status !== 'normal') errors[`items.${i}.houseId`] = `第 ${i + 1} 行：房屋 ${s.building}${s.unit}${s.room} 已注销`;
    else if (seen.has(id)) errors[`items.${i}.houseId`] = `第 ${i + 1} 行：房屋 ${s.building}${s.unit}${s.room} 重复选择`;
    seen.add(id);
  });
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
  return snaps;
}

/** Items that pick existing houses: each must be a live house of the area; its state is kept as "before". */
export async function prepareHousePicks<T extends { houseId: number }>(tx: Tx, app: ApplicationRow, rows: T[]) {
  const snaps = await requireLiveHouses(
    tx,
    app,
    rows.map((r) => r.houseId),
  );
  return rows.map((r) => ({ houseId: r.houseId, before: snaps.get(r.houseId), data: r }));
}

export const houseLabel = (s: { building: string; unit: string; room: string }) => `${s.building}${s.unit}${s.room}`;

/**
 * refusals for picked houses that lie in a live repair project's range, one per project.
 * Run at submit and again at approval, since a project may have started in between.
 */
export async function liveProjectProblems(tx: Tx, snaps: Map<number, HouseSnapshot>, action: string): Promise<string[]> {
  const hits = await liveProjectsOf(tx, [...snaps.keys()]);
  return liveProjectRefusals(
    action,
    hits.map((h) => ({ ...h, house: houseLabel(snaps.get(h.houseId) as HouseSnapshot) })),
  );
}
