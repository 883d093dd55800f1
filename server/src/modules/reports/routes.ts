import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { day, fen, page, pageOf, pathId } from '../../lib/fields.ts';
import { allocateInterest, listInterest, previewInterest } from '../interest/service.ts';
import { flaggedHouses, fundReport, fundReportWorkbook } from './service.ts';

const tags = ['统计与结息'];
const totals = {
  houses: z.number(),
  accounts: z.number(),
  amountDue: z.number(),
  deposited: z.number().describe('已交：交存减冲正，含后来注销、拆分合并的房屋，单位：分'),
  refunded: z.number().describe('退款：注销退款与应交调减退款，单位：分'),
  disbursed: z.number().describe('支出：维修划转减清退，单位：分'),
  income: z.number().describe('收益：分配的增值收益，单位：分'),
  balance: z.number().describe('余额 = 已交 − 退款 − 支出 + 收益，单位：分'),
  //
  flagged: z.number().describe('续筹提示户数'),
  depositRateBp: z.number().describe('交存率，万分比'),
};
const interestBody = z.object({
  from: day('开始日期'),
  to: day('结束日期'),
  amount: fen('金额', 1),
});
const period = z.object({ id: z.number(), from: z.string(), to: z.string(), amount: z.number(), houses: z.number(), createdAt: z.date() });

export function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/office/reports/fund',
    {
      schema: {
        tags,
        // F-63
        summary: '维修资金统计（按物业区域与全市；按月已交、退款、支出、收益）',
        response: {
          200: z.object({
            areas: z.array(z.object({ areaId: z.number(), name: z.string(), district: z.string(), ...totals })),
            city: z.object(totals),
            monthly: z
              .array(
                z.object({
                  month: z.string(),
                  deposits: z.number(),
                  refunds: z.number(),
                  disbursements: z.number(),
                  income: z.number(),
                }),
              )
              .describe('有资金变动的每个月，各月之和等于全市合计'),
          }),
        },
      },
    },
    async (req) => fundReport(req.ctx),
  );
  r.get(
    '/api/office/reports/flagged',
    {
      schema: {
        tags,
        //
        summary: '续筹提示房屋（余额低于首次交存的 30%）',
        querystring: page.extend({ areaId: pathId('物业区域').optional() }),
        response: {
          200: pageOf(
            z.object({
              houseId: z.number(),
              area: z.string(),
              building: z.string(),
              unit: z.string(),
              room: z.string(),
              firstDeposit: z.number().describe('首次交存，单位：分'),
              balance: z.number(),
            }),
          ),
        },
      },
    },
    async (req) => flaggedHouses(req.ctx, req.query),
  );
  // F-63
  r.get('/api/office/reports/fund.xlsx', { schema: { tags, summary: '导出维修资金统计' } }, async (req, reply) => {
    const xlsx = await fundReportWorkbook(req.ctx);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('维修资金统计.xlsx')}`)
      .send(xlsx);
  });
  r.get(
    '/api/office/interest',
    { schema: { tags, summary: '已分配的增值收益', response: { 200: z.object({ items: z.array(period) }) } } },
    async (req) => listInterest(req.ctx),
  );
  r.post(
    '/api/office/interest/preview',
    {
      schema: {
        tags,
        // F-64
        summary: '结息试算：按余额×天数分配的结果，不入账',
        body: interestBody,
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            amount: z.number(),
            houses: z.number().describe('分得收益的户数'),
            largest: z.number().describe('单户最多分得，单位：分'),
            smallest: z.number().describe('单户最少分得，单位：分'),
            areas: z.array(z.object({ areaId: z.number(), name: z.string(), houses: z.number(), amount: z.number() })),
            allocated: period.nullable().describe('已分配且与本期间重叠的期间'),
          }),
        },
      },
    },
    async (req) => previewInterest(req.ctx, req.body),
  );
  r.post(
    '/api/office/interest',
    {
      schema: {
        tags,
        // F-64
        summary: '结息：按余额×天数分配增值收益（每期只分配一次）',
        body: interestBody,
        response: { 200: period.extend({ repeated: z.boolean() }) },
      },
    },
    async (req) => allocateInterest(req.ctx, req.body),
  );
}
