import Ajv, { type ValidateFunction } from 'ajv';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertyAreas } from '../src/db/schema/index.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, testApp, type TestApp } from './harness.ts';
import { newAreaForm } from './registry-fixtures.ts';

/**
 * Each kind of business application has its own header form and item rows. The routes take them as
 * JSON and parse them by the application's stored type, while the OpenAPI document names each kind's
 * schemas (the web's types are generated from them). These tests hold the document to what the server
 * takes and answers, kind by kind, so the generated types cannot drift from the zod schemas.
 */

interface Doc {
  paths: Record<string, Record<string, { requestBody?: Content; responses: Record<string, Content> }>>;
  components: { schemas: Record<string, unknown> };
}
type Content = { content?: Record<string, { schema: unknown }> };

let t: TestApp;
let dev: Agent;
let doc: Doc;
let areaId: number;
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  doc = (await t.agent().get('/api/openapi.json')).json() as Doc;
  const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.withCommittee));
  areaId = area?.id ?? 0;
});
afterAll(() => t.close());

/**
 * OpenAPI 3.0 writes an exclusive bound as `minimum: 0, exclusiveMinimum: true` (JSON Schema draft 4)
 * and a nullable reference as `nullable: true` beside `allOf`/`anyOf`; the validator reads draft 7,
 * where they are `exclusiveMinimum: 0` and a `null` alternative.
 */
function draft7(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(draft7);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = draft7(value);
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag]) out[flag] = out[bound];
    else delete out[flag];
    if (out[flag] !== undefined) delete out[bound];
  }
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _, description, default: fallback, ...rest } = out;
    return { description, default: fallback, anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

/** A validator for a schema of the document, its `#/components/…` references resolved in the document. */
const compile = (schema: unknown): ValidateFunction => ajv.compile(draft7({ ...(schema as object), components: doc.components }) as object);
const named = (id: string) => compile({ $ref: `#/components/schemas/${id}` });
const answerOf = (path: string, method: string) =>
  compile(doc.paths[path]?.[method]?.responses['200']?.content?.['application/json']?.schema);
const bodyOf = (path: string, method: string) => compile(doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema);
const holds = (validate: ValidateFunction, value: unknown) => {
  const ok = validate(value);
  return ok ? 'ok' : JSON.stringify(validate.errors?.slice(0, 3));
};

const house = (room: string) => ({
  building: '契约栋',
  unit: '1单元',
  floor: 1,
  room,
  address: `江门市蓬江区新城路 9 号契约栋${room}`,
  buildingArea: 8915,
  use: '住宅',
  elevator: true,
  salesStatus: 'unsold',
});
const owner = { name: '陈契约', idType: '护照', idNumber: 'e1234567', phone: '' };

interface Registry {
  houses: {
    id: number;
    building: string;
    unit: string;
    floor: number;
    room: string;
    address: string;
    buildingArea: number;
    innerArea: number;
    use: string;
    elevator: boolean;
    salesStatus: string;
  }[];
  buildings: {
    id: number;
    name: string;
    floorsAbove: number;
    floorsBelow: number;
    builtYear: number;
    structure: string;
    elevator: boolean;
  }[];
}
async function registry(): Promise<Registry> {
  const houses = (await dev.get(`/api/areas/${areaId}/houses?pageSize=40`)).json().items;
  const buildings = (await dev.get(`/api/areas/${areaId}/buildings`)).json().items;
  return { houses, buildings };
}
const fieldsOf = (h: Registry['houses'][number]) => {
  const { building, unit, floor, room, address, buildingArea, innerArea, use, elevator, salesStatus } = h;
  return { building, unit, floor, room, address, buildingArea, innerArea, use, elevator, salesStatus };
};

/** One draft of every kind: its form, its items by kind, and the document names each should match. */
function kinds(r: Registry) {
  const [h1, h2, h3, h4, h5] = r.houses.slice(-5);
  const b = r.buildings[0];
  if (!h1 || !h2 || !h3 || !h4 || !h5 || !b) throw new Error('demo area too small');
  return [
    {
      type: 'area_collection',
      form: newAreaForm('契约花园'),
      formId: 'AreaCollectionForm',
      items: { house: { rows: [house('101'), { ...house('102'), innerArea: 7000, owners: [owner] }], id: 'ImportedHouse', before: null } },
    },
    {
      type: 'house_supplement',
      form: { depositTiming: '商品房预售前' },
      formId: 'HouseSupplementForm',
      items: { house: { rows: [house('201')], id: 'ImportedHouse', before: null } },
    },
    {
      type: 'house_change',
      form: { reason: '重新测绘' },
      formId: 'HouseChangeForm',
      items: {
        house: {
          rows: [{ houseId: h1.id, after: { ...fieldsOf(h1), buildingArea: h1.buildingArea + 100 } }],
          id: 'HouseChangeItem',
          before: 'HouseSnapshot',
        },
      },
    },
    {
      type: 'ownership_change',
      form: {},
      formId: 'OwnershipChangeForm',
      items: { owners: { rows: [{ houseId: h2.id, owners: [owner] }], id: 'OwnershipItem', before: 'HouseSnapshot' } },
    },
    {
      type: 'house_cancellation',
      form: { reason: '灭失' },
      formId: 'HouseCancellationForm',
      items: {
        house: {
          rows: [{ houseId: h3.id, refundAccount: { accountName: '陈契约', bank: '江门农商银行', accountNo: '6228480012345678' } }],
          id: 'CancellationItem',
          before: 'HouseSnapshot',
        },
      },
    },
    {
      type: 'building_change',
      form: { reason: '楼幢名称更正' },
      formId: 'BuildingChangeForm',
      items: {
        building: {
          rows: [
            {
              buildingId: b.id,
              after: {
                name: b.name,
                floorsAbove: b.floorsAbove,
                floorsBelow: b.floorsBelow,
                builtYear: b.builtYear,
                structure: b.structure,
                elevator: !b.elevator,
                areaId,
              },
            },
          ],
          id: 'BuildingChangeItem',
          before: 'BuildingSnapshot',
        },
      },
    },
    {
      type: 'house_split_merge',
      form: { reason: '合并' },
      formId: 'SplitMergeForm',
      items: {
        source: { rows: [{ houseId: h4.id }, { houseId: h5.id }], id: 'HousePick', before: 'HouseSnapshot' },
        result: { rows: [house('301')], id: 'ImportedHouse', before: null },
      },
    },
  ] as const;
}

describe('§10 the application forms in the OpenAPI document', () => {
  it('§10 every $ref in the document names a schema the document holds', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(0);
    expect([...new Set(refs)].filter((id) => !(id in doc.components.schemas))).toEqual([]);
  });

  it('F-11 F-14 F-15 F-16 F-17 F-18 each kind’s form and items as sent match the document’s request bodies, and its answers the responses', async () => {
    const list = kinds(await registry());
    const create = bodyOf('/api/applications', 'post');
    const saveForm = bodyOf('/api/applications/{id}/form', 'put');
    const saveItems = bodyOf('/api/applications/{id}/items/{kind}', 'put');
    const detail = answerOf('/api/applications/{id}', 'get');
    const itemPage = answerOf('/api/applications/{id}/items', 'get');
    for (const k of list) {
      const body = { type: k.type, areaId: k.type === 'area_collection' ? undefined : areaId, form: k.form };
      expect(holds(create, body), `${k.type} create body`).toBe('ok');
      expect(holds(named(`${k.formId}Input`), k.form), `${k.type} form input`).toBe('ok');
      const created = await dev.post('/api/applications', body);
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as number;
      expect(holds(saveForm, { form: k.form }), `${k.type} form body`).toBe('ok');
      expect((await dev.put(`/api/applications/${id}/form`, { form: k.form })).statusCode).toBe(200);
      for (const [kind, items] of Object.entries(k.items)) {
        expect(holds(saveItems, { rows: items.rows }), `${k.type} ${kind} body`).toBe('ok');
        for (const row of items.rows) expect(holds(named(`${items.id}Input`), row), `${k.type} ${kind} row input`).toBe('ok');
        const saved = await dev.put(`/api/applications/${id}/items/${kind}`, { rows: items.rows });
        expect(saved.statusCode, saved.body).toBe(200);
        const page = (await dev.get(`/api/applications/${id}/items?kind=${kind}&pageSize=200`)).json();
        expect(holds(itemPage, page), `${k.type} ${kind} page`).toBe('ok');
        expect(page.items).toHaveLength(items.rows.length);
        for (const row of page.items) {
          expect(holds(named(items.id), row.data), `${k.type} ${kind} data`).toBe('ok');
          if (items.before) expect(holds(named(items.before), row.before), `${k.type} ${kind} before`).toBe('ok');
          else expect(row.before).toBeNull();
        }
      }
      const shown = (await dev.get(`/api/applications/${id}`)).json();
      expect(holds(detail, shown), `${k.type} detail`).toBe('ok');
      expect(holds(named(k.formId), shown.form), `${k.type} form as shown`).toBe('ok');
    }
  });

  it('§10 the document’s schemas are the server’s: a form the server refuses is refused by the document too', () => {
    // The document says what the zod schemas say: a form missing a required field, a wrong type.
    expect(holds(named('HouseChangeFormInput'), { refundConfirmed: true })).not.toBe('ok');
    expect(holds(named('AreaCollectionFormInput'), { ...newAreaForm(), buildings: [{ name: 'A栋' }] })).not.toBe('ok');
    expect(holds(named('HouseChangeItemInput'), { houseId: 1, after: { ...house('1'), buildingArea: '89.15' } })).not.toBe('ok');
    // A default is optional in the request and always present in the answer.
    expect(holds(named('HouseChangeFormInput'), { reason: '重新测绘' })).toBe('ok');
    expect(holds(named('HouseChangeForm'), { reason: '重新测绘' })).not.toBe('ok');
  });
});
