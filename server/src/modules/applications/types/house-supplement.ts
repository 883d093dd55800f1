import { z } from 'zod';
import type { ParsedHouse } from '../../../domain/house-row.ts';
import type { ApplicationHandler } from '../handler.ts';
import { buildingSchema, depositTiming, houseItemSchema, itemsOf } from '../shared.ts';
import { checkNewHouses, createHouses, existingBuildings, livePlacesOf } from './new-houses.ts';

export const houseSupplementForm = z
  .object({
    depositTiming,
    /** Buildings the area does not have yet. */
    buildings: z.array(buildingSchema).max(500).default([]),
  })
  .meta({ id: 'HouseSupplementForm' });
type Form = z.infer<typeof houseSupplementForm>;

/** F-15 房屋补充: adds houses to an existing area; approval opens their accounts. */
export const houseSupplement: ApplicationHandler = {
  type: 'house_supplement',
  prefix: 'BC',
  needsArea: true,
  form: houseSupplementForm,
  items: { house: houseItemSchema },
  importKind: 'house',
  async check({ tx, app, standards, now }) {
    const form = app.form as Form;
    const areaId = app.areaId as number;
    const have = await existingBuildings(tx, areaId);
    const problems: string[] = [];
    const clash = form.buildings.filter((b) => have.has(b.name)).map((b) => b.name);
    if (clash.length > 0) problems.push(`楼幢 ${clash.join('、')} 已存在，无须再填写楼幢信息`);
    const known = new Set([...have.keys(), ...form.buildings.map((b) => b.name)]);
    const houses = (await itemsOf<ParsedHouse>(tx, app, 'house')).map((i) => i.data);
    problems.push(
      ...checkNewHouses(
        houses,
        known,
        await livePlacesOf(tx, areaId),
        form.buildings.map((b) => b.name),
        standards,
        now,
      ),
    );
    return { claims: [], problems };
  },
  async apply(a) {
    const form = a.app.form as Form;
    return createHouses(a, a.app.areaId as number, form.buildings, form.depositTiming, `房屋补充开户（${a.app.no}）`);
  },
};
