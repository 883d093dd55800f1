import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, charactersIndex, trigramIndex, ts } from './columns.ts';

export const BUILDING_STRUCTURES = ['钢结构', '钢和钢筋混凝土结构', '钢筋混凝土结构', '混合结构', '砖木结构', '其他结构'] as const;
export const DEPOSIT_TIMINGS = ['商品房预售前', '商品房现售前', '房屋交付前', '办理房屋所有权登记前', '其他'] as const;
export const ID_TYPES = [
  '居民身份证',
  '护照',
  '港澳居民来往内地通行证',
  '台湾居民来往大陆通行证',
  '外国人永久居留身份证',
  '统一社会信用代码',
] as const;

/** 物业区域. */
export const propertyAreas = pgTable(
  'property_areas',
  {
    id: id(),
    name: text('name').notNull(),
    district: text('district').notNull(),
    street: text('street').notNull().default(''),
    address: text('address').notNull(),
    developerOrgId: ref('developer_org_id'),
    depositTiming: text('deposit_timing').notNull().default('商品房预售前'),
    remark: text('remark').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('property_areas_name_uq').on(t.district, t.name), index('property_areas_developer_idx').on(t.developerOrgId)],
);

/** 楼幢. */
export const buildings = pgTable(
  'buildings',
  {
    id: id(),
    areaId: ref('area_id')
      .notNull()
      .references(() => propertyAreas.id),
    name: text('name').notNull(),
    floorsAbove: integer('floors_above').notNull(),
    floorsBelow: integer('floors_below').notNull().default(0),
    builtYear: integer('built_year').notNull(),
    structure: text('structure', { enum: BUILDING_STRUCTURES }).notNull(),
    elevator: boolean('elevator').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('buildings_area_name_uq').on(t.areaId, t.name)],
);

/** 单元: '' stands for a building without units. */
export const units = pgTable(
  'units',
  {
    id: id(),
    buildingId: ref('building_id')
      .notNull()
      .references(() => buildings.id),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('units_building_name_uq').on(t.buildingId, t.name)],
);

/** 房屋. Areas in hundredths of m². A cancelled house keeps its row and history. */
export const houses = pgTable(
  'houses',
  {
    id: id(),
    areaId: ref('area_id')
      .notNull()
      .references(() => propertyAreas.id),
    buildingId: ref('building_id')
      .notNull()
      .references(() => buildings.id),
    unitId: ref('unit_id')
      .notNull()
      .references(() => units.id),
    floor: integer('floor').notNull(),
    room: text('room').notNull(),
    address: text('address').notNull(),
    buildingArea: integer('building_area').notNull(),
    innerArea: integer('inner_area').notNull().default(0),
    use: text('use', { enum: ['住宅', '商业', '办公', '车库', '车位', '其他'] }).notNull(),
    elevator: boolean('elevator').notNull(),
    salesStatus: text('sales_status', { enum: ['sold', 'unsold'] }).notNull(),
    status: text('status', { enum: ['normal', 'cancelled'] })
      .notNull()
      .default('normal'),
    depositTiming: text('deposit_timing').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // A live house is unique by its place; cancelled ones may share it with their successors.
    uniqueIndex('houses_place_uq').on(t.unitId, t.room).where(sql`${t.status} = 'normal'`),
    index('houses_building_idx').on(t.buildingId, t.floor, t.room),
    // An area's houses in the list's order (building first): without it the planner walked every
    // building of the city in id order to find one area's first page.
    index('houses_area_list_idx').on(t.areaId, t.buildingId, t.floor, t.room),
    // An area's house ids in order, read from the index alone: a search by owner name reads the
    // owners of the area's houses a block of ids at a time. Migration 0026 adds what the search
    // filters and sorts on (INCLUDE unit, building, floor, room, address, status), which this
    // builder cannot say: the search reads the area's houses from the index alone.
    index('houses_area_id_idx').on(t.areaId, t.id),
    // 交款通知单查询 finds a house's notices by a part of its address across the city.
    trigramIndex('houses_address_trgm', t.address),
    charactersIndex('houses_address_chars', t.address),
  ],
);

/** 业主: a house may have several co-owners. */
export const houseOwners = pgTable(
  'house_owners',
  {
    id: id(),
    houseId: ref('house_id')
      .notNull()
      .references(() => houses.id),
    name: text('name').notNull(),
    idType: text('id_type', { enum: ID_TYPES }).notNull(),
    idNumber: text('id_number').notNull(),
    phone: text('phone').notNull().default(''),
    createdAt: createdAt(),
  },
  // Migration 0026 adds INCLUDE (name) to house_owners_house_idx: a search by owner name reads the
  // names of a block of houses from the index alone.
  (t) => [index('house_owners_house_idx').on(t.houseId), index('house_owners_id_idx').on(t.idNumber)],
);

/** 分户账 header: one per house, opened when its area collection or supplement is approved. */
export const houseAccounts = pgTable('house_accounts', {
  houseId: ref('house_id')
    .primaryKey()
    .references(() => houses.id),
  amountDue: bigint('amount_due', { mode: 'bigint' }).notNull(),
  status: text('status', { enum: ['open', 'closed'] })
    .notNull()
    .default('open'),
  openedAt: ts('opened_at').notNull().defaultNow(),
  openedByApplicationId: ref('opened_by_application_id'),
  closedAt: ts('closed_at'),
});

/** Every change an application made to a house, with its business number. */
export const houseHistory = pgTable(
  'house_history',
  {
    id: id(),
    houseId: ref('house_id')
      .notNull()
      .references(() => houses.id),
    applicationId: ref('application_id'),
    applicationNo: text('application_no').notNull().default(''),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    at: createdAt(),
  },
  (t) => [index('house_history_house_idx').on(t.houseId, t.at)],
);

/** §5 deposit standards, effective-dated; a row's rate is JSON of the domain's `Rate`. */
export const depositStandards = pgTable('deposit_standards', {
  id: id(),
  effectiveFrom: text('effective_from').notNull(),
  use: text('use').notNull(),
  elevator: boolean('elevator'),
  rate: jsonb('rate').notNull(),
  createdAt: createdAt(),
  createdBy: ref('created_by'),
});
