import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../lib/fields.ts';
import { lookupBalance, publicBuildings, publicRooms } from './lookup.ts';

const tags = ['公众查询'];

export function publicRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/public/areas/:id/buildings',
    {
      schema: {
        tags,
        summary: '楼幢（公众查询）',
        params: idParam,
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) }) },
      },
    },
    async (req) => publicBuildings(req.ctx, req.params.id),
  );
  r.get(
    '/api/public/buildings/:id/rooms',
    {
      schema: {
        tags,
        summary: '房号（公众查询）',
        params: idParam,
        response: {
          200: z.object({ items: z.array(z.object({ id: z.number(), unit: z.string(), floor: z.number(), room: z.string() })) }),
        },
      },
    },
    async (req) => publicRooms(req.ctx, req.params.id),
  );
  r.post(
    '/api/public/fund-lookup',
    {
      schema: {
        tags,
        // F-72
        summary: '维修资金查询（房屋 + 业主证件号码；姓名与证件号脱敏；限制频率）',
        body: z.object({
          houseId: z.number({ error: '请选择房屋' }).int().positive('请选择房屋'),
          idNumber: z.string({ error: '请输入业主证件号码' }).trim().min(4, '请输入业主证件号码').max(30),
        }),
        response: {
          200: z.object({
            area: z.string(),
            building: z.string(),
            unit: z.string(),
            room: z.string(),
            address: z.string(),
            buildingArea: z.number(),
            owners: z.array(z.object({ name: z.string(), idNumber: z.string() })),
            amountDue: z.number(),
            deposited: z.number(),
            balance: z.number(),
            movements: z.array(
              z.object({ at: z.date(), kindLabel: z.string(), reference: z.string(), amount: z.number(), balance: z.number() }),
            ),
          }),
        },
      },
    },
    async (req) => lookupBalance(req.ctx, req.body.houseId, req.body.idNumber),
  );
}
