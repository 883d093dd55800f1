import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HOUSE_USES } from '../../domain/deposit-standard.ts';
import { idParam, optionalText, page, pageOf, pathId, text } from '../../lib/fields.ts';
import { buildingGrid, changeArea, houseDetail, listAreas, listBuildings, listHouses, revealOwners } from './service.ts';

const tags = ['物业区域与房屋'];

const area = z.object({
  id: z.number(),
  name: z.string(),
  district: z.string(),
  street: z.string(),
  address: z.string(),
  developerOrgId: z.number().nullable(),
  depositTiming: z.string(),
  remark: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const building = z.object({
  id: z.number(),
  areaId: z.number(),
  name: z.string(),
  floorsAbove: z.number(),
  floorsBelow: z.number(),
  builtYear: z.number(),
  structure: z.string(),
  elevator: z.boolean(),
  createdAt: z.date(),
});
const owner = z.object({ id: z.number(), name: z.string(), idType: z.string(), idNumber: z.string(), phone: z.string() });

const house = z.object({
  id: z.number(),
  buildingId: z.number(),
  building: z.string(),
  unit: z.string(),
  floor: z.number(),
  room: z.string(),
  address: z.string(),
  buildingArea: z.number().describe('建筑面积，单位 0.01 平方米'),
  innerArea: z.number(),
  use: z.enum(HOUSE_USES),
  elevator: z.boolean(),
  salesStatus: z.enum(['sold', 'unsold']),
  status: z.enum(['normal', 'cancelled']),
  amountDue: z.number().nullable().describe('应交金额，单位：分'),
  ownerNames: z.string(),
  //
  heldBy: z.string().nullable().describe('正在办理的业务单号'),
});

export function registryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/areas',
    {
      schema: {
        tags,
        summary: '物业区域列表（按机构可见范围）',
        querystring: page.extend({ q: z.string().trim().max(60).optional() }),
        response: { 200: pageOf(area.extend({ developerName: z.string().nullable(), houseCount: z.number() })) },
      },
    },
    async (req) => listAreas(req.ctx, req.query),
  );
  r.put(
    '/api/areas/:id',
    {
      schema: {
        tags,
        // F-12
        summary: '物业区域变更（仅地址与备注，保存即生效）',
        params: idParam,
        body: z.object({ address: text('物业区域地址', 200), remark: optionalText('备注', 500) }),
        response: { 200: area },
      },
    },
    async (req) => changeArea(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/api/areas/:id/buildings',
    {
      schema: {
        tags,
        summary: '楼幢列表',
        params: idParam,
        response: { 200: z.object({ items: z.array(building.extend({ houseCount: z.number() })) }) },
      },
    },
    async (req) => listBuildings(req.ctx, req.params.id),
  );
  r.get(
    '/api/areas/:id/houses',
    {
      schema: {
        tags,
        summary: '房屋列表（楼盘表列表模式：搜索、分页）',
        params: idParam,
        querystring: page.extend({
          buildingId: pathId('楼幢').optional(),
          q: z.string().trim().max(60).optional(),
          status: z.enum(['normal', 'cancelled']).optional(),
          ids: z
            .string()
            .regex(/^\d+(,\d+)*$/)
            .transform((s) => s.split(',').map(Number))
            .optional(),
        }),
        response: { 200: pageOf(house) },
      },
    },
    async (req) => listHouses(req.ctx, req.params.id, req.query),
  );
  r.get(
    '/api/buildings/:id/grid',
    {
      schema: {
        tags,
        // F-10
        summary: '楼盘表（楼层 × 房间）',
        params: idParam,
        response: { 200: z.object({ building, houses: z.array(house) }) },
      },
    },
    async (req) => buildingGrid(req.ctx, req.params.id),
  );
  r.get(
    '/api/houses/:id',
    {
      schema: {
        tags,
        summary: '房屋详情、业主与变更历史',
        params: idParam,
        response: {
          200: house.extend({
            personalData: z
              .enum(['full', 'masked', 'hidden'])
              .describe(
                '业主证件号码、手机号的显示方式：full 完整；masked 部分隐藏（可“查看完整信息”）；hidden 不显示（业主委员会备案材料未核验）',
              ),
            deposited: z.number().int().nullable().describe('已交（分）：交存、补交、转入，减去退款；未开户为 null'),
            balance: z.number().int().nullable().describe('分户账余额（分）；未开户为 null'),
            owners: z.array(owner),
            history: z.array(
              z.object({
                applicationNo: z.string(),
                kind: z.string(),
                summary: z.string(),
                before: z.unknown(),
                after: z.unknown(),
                at: z.date(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => houseDetail(req.ctx, req.params.id),
  );
  r.post(
    '/api/houses/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看业主完整信息（证件号码、手机号；记入审计日志）',
        params: idParam,
        response: { 200: z.object({ owners: z.array(owner) }) },
      },
    },
    async (req) => revealOwners(req.ctx, req.params.id),
  );
}
