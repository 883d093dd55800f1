import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REFUND_ACTIONS } from '../../domain/refund-actions.ts';
import { day, fen, idParam, offeredActions, page, pageOf, text } from '../../lib/fields.ts';
import { authenticateBank } from '../payments/bank-api-auth.ts';
import { applicationFund } from './effects.ts';
import { confirmRefund, confirmRefundAtCounter, listRefunds, refundDetail } from './service.ts';

const bankTags = ['专户银行'];
const account = z.object({ accountName: z.string(), bank: z.string(), accountNo: z.string() });
const refundView = z.object({
  id: z.number(),
  no: z.string(),
  reason: z.enum(['due_decrease', 'cancellation']),
  reasonLabel: z.string(),
  applicationId: z.number(),
  applicationNo: z.string(),
  areaName: z.string(),
  houseId: z.number(),
  house: z.string(),
  amount: z.number().describe('单位：分'),
  account,
  status: z.enum(['pending', 'paid']),
  createdAt: z.date(),
  paidAt: z.date().nullable(),
  actions: offeredActions(REFUND_ACTIONS, '银行当前用户可办理的步骤（确认付款），不能办理的附原因；其他机构为空'),
});
const payout = z.object({
  refundNo: z.string({ error: '退款指令号不能为空' }).trim().min(4, '退款指令号不正确').max(40),
  amount: fen('付款金额', 1),
  bankRef: text('银行流水号', 60),
  bankDate: day('付款日期'),
});
const payoutResult = z.object({
  refundNo: z.string(),
  amount: z.number(),
  status: z.literal('paid'),
  paidAt: z.string(),
  confirmationId: z.number(),
  repeated: z.boolean(),
});

export function refundRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/applications/:id/fund',
    {
      schema: {
        tags: ['业务受理'],
        //
        summary: '业务单的资金处理：审核前为预计补交/退款，审核后为退款指令与补交通知单',
        params: idParam,
        response: {
          200: z.object({
            applicationNo: z.string(),
            effects: z.array(
              z.object({
                houseId: z.number(),
                house: z.string(),
                oldDue: z.number().nullable(),
                newDue: z.number().nullable(),
                paid: z.number(),
                balance: z.number(),
                supplement: z.number(),
                refund: z.number(),
                account: account.nullable(),
                accountWarning: z.string().nullable(),
              }),
            ),
            refundTotal: z.number(),
            supplementTotal: z.number(),
            refunds: z.array(refundView),
            moves: z
              .array(z.object({ house: z.string(), buildingArea: z.number(), balance: z.number() }))
              //
              .describe('拆分合并：审核通过时每套拆分合并后房屋将得到的余额'),
            areaWarning: z.string().nullable().describe('拆分合并前后建筑面积合计不一致时的提示'),
            notices: z.array(z.object({ no: z.string(), total: z.number(), status: z.enum(['unpaid', 'paid', 'void']) })),
          }),
        },
      },
    },
    async (req) => applicationFund(req.ctx, req.params.id),
  );
  r.get(
    '/api/bank/refunds',
    {
      schema: {
        tags: bankTags,
        // F-70
        summary: '退款指令列表（待付款的房屋退款）',
        querystring: page.extend({ status: z.enum(['pending', 'paid']).optional(), q: z.string().trim().max(60).optional() }),
        response: { 200: pageOf(refundView) },
      },
    },
    async (req) => listRefunds(req.ctx, req.query),
  );
  r.get(
    '/api/refunds/:no',
    {
      schema: {
        tags: bankTags,
        summary: '退款指令',
        params: z.object({ no: z.string().trim().min(4).max(40) }),
        response: { 200: refundView },
      },
    },
    async (req) => refundDetail(req.ctx, req.params.no),
  );
  r.post(
    '/api/bank/refunds/confirm',
    {
      schema: {
        tags: bankTags,
        // F-70
        summary: '退款付款确认（银行工作台；按退款指令号幂等）',
        body: payout,
        response: { 200: payoutResult },
      },
    },
    async (req) => confirmRefundAtCounter(req.ctx, req.body),
  );
  r.post(
    '/api/bank-api/v1/refunds/confirm',
    {
      schema: {
        tags: bankTags,
        // F-71
        summary: '退款付款确认（银行接口）',
        description:
          '认证同交款确认接口（x-wygl-key、x-wygl-timestamp、x-wygl-signature）。同一退款指令号重复确认返回首次结果（repeated=true）；金额不同返回 409。',
        security: [{ bankKey: [] }],
        body: payout,
        response: { 200: payoutResult },
      },
      // Authenticate before the body is validated: an unsigned caller learns nothing about the schema.
      preValidation: async (req) => {
        req.bankOrgId = await authenticateBank(req.ctx, req);
      },
    },
    async (req) => confirmRefund(req.ctx, req.bankOrgId as number, null, req.body, 'api'),
  );
}
