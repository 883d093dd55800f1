import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts } from './columns.ts';
import { organisations, users } from './organisations.ts';
import { buildings, propertyAreas, units } from './registry.ts';

/** Facility types (F-62): configured by the office; a disabled type stays on existing facilities. */
export const facilityTypes = pgTable(
  'facility_types',
  {
    id: id(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    createdBy: ref('created_by').references(() => users.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('facility_types_name_uq').on(t.name)],
);

/**
 * 设施设备 (§6, F-30). The location is the area, a building of it or a unit of that building:
 * building_id and unit_id both null = shared by the whole area. A repair project item defaults its
 * apportionment range from the same three columns (area → its houses, building → its houses,
 * unit → its houses).
 */
export const facilities = pgTable(
  'facilities',
  {
    id: id(),
    areaId: ref('area_id')
      .notNull()
      .references(() => propertyAreas.id),
    buildingId: ref('building_id').references(() => buildings.id),
    unitId: ref('unit_id').references(() => units.id),
    typeId: ref('type_id')
      .notNull()
      .references(() => facilityTypes.id),
    name: text('name').notNull(),
    brandModel: text('brand_model').notNull().default(''),
    installDate: date('install_date', { mode: 'string' }),
    quantity: integer('quantity').notNull().default(1),
    remark: text('remark').notNull().default(''),
    createdAt: createdAt(),
    createdBy: ref('created_by').references(() => users.id),
    createdByOrgId: ref('created_by_org_id').references(() => organisations.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: ref('updated_by').references(() => users.id),
  },
  (t) => [
    index('facilities_location_idx').on(t.areaId, t.buildingId, t.unitId, t.typeId, t.id),
    index('facilities_type_idx').on(t.typeId),
    check('facilities_unit_in_building_ck', sql`${t.unitId} is null or ${t.buildingId} is not null`),
    check('facilities_quantity_ck', sql`${t.quantity} > 0`),
  ],
);

/**
 * 维修记录 (F-31). The projects module writes one row per facility of a project when the project
 * completes; project_id is kept without a foreign key so records outlive any project row
 * changes and can also be entered for repairs made before the platform.
 */
export const facilityRepairRecords = pgTable(
  'facility_repair_records',
  {
    id: id(),
    facilityId: ref('facility_id')
      .notNull()
      .references(() => facilities.id),
    projectId: ref('project_id'),
    projectNo: text('project_no').notNull().default(''),
    projectName: text('project_name').notNull(),
    repairDate: date('repair_date', { mode: 'string' }).notNull(),
    content: text('content').notNull().default(''),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('facility_repair_records_facility_idx').on(t.facilityId, t.repairDate),
    // A project records each facility once, so completing twice cannot double the record.
    uniqueIndex('facility_repair_records_project_uq').on(t.facilityId, t.projectId).where(sql`${t.projectId} is not null`),
    check('facility_repair_records_amount_ck', sql`${t.amount} >= 0`),
  ],
);
