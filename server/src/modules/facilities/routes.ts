import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCATION_KEY, LOCATION_KEY_RULE } from '../../domain/facility.ts';
import { bodyId, idParam, ok, optionalText, page, pageOf, pathId, text } from '../../lib/fields.ts';
import { repairRecords } from './repairs.ts';
import { createFacility, deleteFacility, getFacility, listFacilities, locationTree, moveFacilities, updateFacility } from './service.ts';
import { addFacilityType, listFacilityTypes, updateFacilityType } from './types.ts';

const tags = ['设施设备'];

const location = z.string({ error: '请选择安装位置' }).regex(LOCATION_KEY, LOCATION_KEY_RULE);
const typeId = z.number({ error: '请选择设施设备类型' }).int().positive('请选择设施设备类型');
const facilityBody = z.object({
  typeId,
  name: text('设施设备名称', 60),
  brandModel: optionalText('品牌型号', 100),
  // Checked again in domain/facility.ts, which also says when the day does not exist or is in the future.
  installDate: z
    .string({ error: '安装日期格式为 YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, '安装日期格式为 YYYY-MM-DD')
    .nullable()
    .default(null),
  quantity: z.number({ error: '数量须为整数' }).int('数量须为整数').min(1, '数量至少为 1').max(100_000, '数量不能超过 100000').default(1),
  remark: optionalText('备注', 200),
});

const facility = z.object({
  id: z.number(),
  areaId: z.number(),
  area: z.string(),
  location: z.string().describe('安装位置：area（全区共有）、building:楼幢编号、unit:单元编号'),
  locationLabel: z.string(),
  buildingId: z.number().nullable(),
  building: z.string().nullable(),
  unitId: z.number().nullable(),
  unit: z.string().nullable(),
  typeId: z.number(),
  type: z.string(),
  name: z.string(),
  brandModel: z.string(),
  installDate: z.string().nullable(),
  quantity: z.number(),
  remark: z.string(),
  updatedAt: z.date(),
  repairCount: z.number(),
  repairTotal: z.number().describe('维修记录金额合计，单位：分'),
});

const facilityType = z.object({ id: z.number(), name: z.string(), sortOrder: z.number(), active: z.boolean() });
const node = z.object({ id: z.number(), name: z.string(), count: z.number() });

export function facilityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/facility-types',
    {
      schema: {
        tags,
        summary: '设施设备类型（默认仅启用的）',
        querystring: z.object({ all: z.enum(['0', '1']).optional() }),
        response: { 200: z.object({ items: z.array(facilityType) }) },
      },
    },
    async (req) => listFacilityTypes(req.ctx, req.query.all === '1'),
  );
  r.post(
    '/api/office/facility-types',
    {
      schema: {
        tags,
        // F-62
        summary: '新增设施设备类型',
        body: z.object({ name: text('类型名称', 20), sortOrder: z.number().int().min(0).max(100_000).optional() }),
        response: { 200: facilityType },
      },
    },
    async (req) => addFacilityType(req.ctx, req.body),
  );
  r.put(
    '/api/office/facility-types/:id',
    {
      schema: {
        tags,
        // F-62
        summary: '修改、停用或启用设施设备类型',
        params: idParam,
        body: z.object({
          name: text('类型名称', 20).optional(),
          sortOrder: z.number().int().min(0).max(100_000).optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: facilityType },
      },
    },
    async (req) => updateFacilityType(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/api/areas/:id/facility-locations',
    {
      schema: {
        tags,
        // F-30
        summary: '安装位置树（物业区域 / 楼幢 / 单元，含各位置设施设备数）',
        params: idParam,
        querystring: z.object({ typeId: pathId('设施设备类型').optional() }),
        response: {
          200: z.object({
            area: node.extend({ total: z.number() }),
            buildings: z.array(node.extend({ total: z.number(), units: z.array(node) })),
          }),
        },
      },
    },
    async (req) => locationTree(req.ctx, req.params.id, req.query.typeId),
  );
  r.get(
    '/api/areas/:id/facilities',
    {
      schema: {
        tags,
        // F-30
        summary: '设施设备列表（按安装位置与类型，分页）',
        params: idParam,
        querystring: page.extend({
          location: location.optional(),
          within: z.enum(['0', '1']).optional(),
          typeId: pathId('设施设备类型').optional(),
          q: z.string().trim().max(60).optional(),
          ids: z
            .string()
            .regex(/^\d+(,\d+)*$/)
            .transform((s) => s.split(',').map(Number))
            .optional(),
        }),
        response: { 200: pageOf(facility) },
      },
    },
    async (req) => listFacilities(req.ctx, req.params.id, { ...req.query, within: req.query.within === '1' }),
  );
  r.post(
    '/api/areas/:id/facilities',
    {
      schema: {
        tags,
        // F-30
        summary: '添加设施设备',
        params: idParam,
        body: facilityBody.extend({ location }),
        response: { 200: facility },
      },
    },
    async (req) => createFacility(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/areas/:id/facilities/move',
    {
      schema: {
        tags,
        // F-30
        summary: '移动到（所选设施设备移到同一物业区域的另一安装位置）',
        params: idParam,
        body: z.object({
          ids: z
            .array(bodyId('设施设备编号'), { error: '请勾选要移动的设施设备' })
            .min(1, '请勾选要移动的设施设备')
            .max(500, '一次最多移动 500 项'),
          location,
        }),
        response: { 200: z.object({ moved: z.number() }) },
      },
    },
    async (req) => moveFacilities(req.ctx, req.params.id, req.body),
  );
  r.get('/api/facilities/:id', { schema: { tags, summary: '设施设备详情', params: idParam, response: { 200: facility } } }, async (req) =>
    getFacility(req.ctx, req.params.id),
  );
  r.put(
    '/api/facilities/:id',
    // F-30
    { schema: { tags, summary: '修改设施设备', params: idParam, body: facilityBody, response: { 200: facility } } },
    async (req) => updateFacility(req.ctx, req.params.id, req.body),
  );
  r.delete(
    '/api/facilities/:id',
    {
      // F-30
      schema: { tags, summary: '删除设施设备（从未进入维修项目且无维修记录的才可删除）', params: idParam, response: { 200: ok } },
    },
    async (req) => deleteFacility(req.ctx, req.params.id),
  );
  r.get(
    '/api/facilities/:id/repair-records',
    {
      schema: {
        tags,
        // F-31
        summary: '维修记录',
        params: idParam,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                projectId: z.number().nullable(),
                projectNo: z.string(),
                projectName: z.string(),
                repairDate: z.string(),
                content: z.string(),
                amount: z.number().describe('单位：分'),
              }),
            ),
            ongoing: z.array(
              z.object({
                projectId: z.number(),
                projectNo: z.string(),
                projectName: z.string(),
                status: z.string(),
                statusLabel: z.string(),
                content: z.string(),
                budget: z.number().describe('单位：分'),
              }),
            ),
          }),
        },
      },
    },
    async (req) => repairRecords(req.ctx, req.params.id),
  );
}
