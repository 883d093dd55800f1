import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { propertyAreas } from '../../../db/schema/index.ts';
import type { ParsedHouse } from '../../../domain/house-row.ts';
import { optionalText, text } from '../../../lib/fields.ts';
import type { ApplicationHandler } from '../handler.ts';
import { buildingSchema, depositTiming, houseItemSchema, itemsOf } from '../shared.ts';
import { checkNewHouses, createHouses } from './new-houses.ts';

export const areaCollectionForm = z
  .object({
    area: z.object({
      name: text('物业区域名称', 60),
      district: text('区县', 20),
      street: optionalText('街道', 40),
      address: text('物业区域地址', 200),
      depositTiming,
      remark: optionalText('备注', 500),
    }),
    buildings: z.array(buildingSchema).max(2000).default([]),
  })
  .meta({ id: 'AreaCollectionForm' });
type Form = z.infer<typeof areaCollectionForm>;

/** F-11 物业区域采集: approval creates the area, its buildings and houses, and opens their accounts. */
export const areaCollection: ApplicationHandler = {
  type: 'area_collection',
  prefix: 'QY',
  needsArea: false,
  form: areaCollectionForm,
  items: { house: houseItemSchema },
  importKind: 'house',
  async check({ tx, app, standards, now }) {
    const form = app.form as Form;
    const problems: string[] = [];
    const [taken] = await tx
      .select({ id: propertyAreas.id })
      .from(propertyAreas)
      .where(and(eq(propertyAreas.district, form.area.district), eq(propertyAreas.name, form.area.name)));
    if (taken) problems.push(`${form.area.district}已有名为“${form.area.name}”的物业区域`);
    const names = form.buildings.map((b) => b.name);
    if (new Set(names).size !== names.length) problems.push('楼幢名称重复');
    const houses = (await itemsOf<ParsedHouse>(tx, app, 'house')).map((i) => i.data);
    problems.push(...checkNewHouses(houses, new Set(names), new Set(), names, standards, now));
    return { claims: [], problems };
  },
  async apply(a) {
    const form = a.app.form as Form;
    const [area] = await a.tx
      .insert(propertyAreas)
      .values({ ...form.area, developerOrgId: a.app.orgId, createdAt: a.now, updatedAt: a.now })
      .returning({ id: propertyAreas.id });
    if (!area) throw new Error('area insert returned no row');
    const made = await createHouses(a, area.id, form.buildings, form.area.depositTiming, `物业区域采集开户（${a.app.no}）`);
    return { areaId: area.id, ...made };
  },
};
