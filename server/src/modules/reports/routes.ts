import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allocateInterest, listInterest } from '../interest/service.ts';
import { fundReport } from './service.ts';

const tags = ['统计与结息'];
const totals = {
  houses: z.number(),
  accounts: z.number(),
  amountDue: z.number(),
  deposited: z.number(),
  balance: z.number(),
  disbursed: z.number(),
  refunded: z.number(),
  flagged: z.number().describe('R-31 续筹提示户数'),
  depositRateBp: z.number().describe('交存率，万分比'),
};
const period = z.object({ id: z.number(), from: z.string(), to: z.string(), amount: z.number(), houses: z.number(), createdAt: z.date() });

export function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/office/reports/fund',
    {
      schema: {
        tags,
        summary: '维修资金统计（F-63：按物业区域与全市；按月交存与支出）',
        response: {
          200: z.object({
            areas: z.array(z.object({ areaId: z.number(), name: z.string(), district: z.string(), ...totals })),
            city: z.object(totals),
            monthly: z.array(z.object({ month: z.string(), deposits: z.number(), disbursements: z.number() })),
          }),
        },
      },
    },
    async (req) => fundReport(req.ctx),
  );
  r.get(
    '/api/office/interest',
    { schema: { tags, summary: '已分配的增值收益', response: { 200: z.object({ items: z.array(period) }) } } },
    async (req) => listInterest(req.ctx),
  );
  r.post(
    '/api/office/interest',
    {
      schema: {
        tags,
        summary: '结息：按余额×天数分配增值收益（F-64，每期只分配一次）',
        body: z.object({
          from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '开始日期格式为 YYYY-MM-DD'),
          to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '结束日期格式为 YYYY-MM-DD'),
          amount: z
            .number({ error: '金额须为整数（单位：分）' })
            .int()
            .positive('金额须大于 0')
            .max(Number.MAX_SAFE_INTEGER)
            .transform((v) => BigInt(v)),
        }),
        response: { 200: period.extend({ repeated: z.boolean() }) },
      },
    },
    async (req) => allocateInterest(req.ctx, req.body),
  );
}
