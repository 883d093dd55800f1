import { text } from 'drizzle-orm/pg-core';
import { pgTable } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from './columns.ts';

/** 物业区域. Buildings, units and houses hang below it (property registry). */
export const propertyAreas = pgTable('property_areas', {
  id: id(),
  name: text('name').notNull(),
  district: text('district').notNull(),
  street: text('street').notNull().default(''),
  address: text('address').notNull(),
  developerOrgId: ref('developer_org_id'),
  remark: text('remark').notNull().default(''),
  createdAt: createdAt(),
});
