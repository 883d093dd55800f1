import { NOTICE_ACTIONS } from '../../domain/notice-actions.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, offeredActions, page, pageOf, text } from '../../lib/fields.ts';
import { ownerSchema } from '../applications/shared.ts';
import { authenticateBank } from './bank-api-auth.ts';
import { CHANNELS, confirmDepositAtCounter, confirmDepositByApi, confirmDeposits, DEPOSIT_FILE_MAX, reconciliation } from './bank.ts';
import { customNotices, developerBatchNotices, listNotices, noticeDetail, ownerNotices, voidNotice } from './service.ts';
import { areaDepositStatus } from './status.ts';
import { visibleHouse } from '../registry/service.ts';
import { houseStatement } from './statement.ts';
import { statementWorkbook } from './statement-export.ts';
import { readUpload } from '../../lib/uploads.ts';
import { importRefusal } from '../applications/schemas.ts';
import { annotateCustomAmounts, readCustomAmounts } from './custom-import.ts';

const tags = ['交款管理'];
const bankTags = ['专户银行'];
const fen = (label: string) =>
  z
    .number({ error: `${label}须为整数（单位：分）` })
    .int(`${label}须为整数（单位：分）`)
    .positive(`${label}须大于 0`)
    .max(Number.MAX_SAFE_INTEGER)
    .transform((n) => BigInt(n));

const noticeSummary = z.object({
  id: z.number(),
  no: z.string(),
  purpose: z.enum(['deposit', 'supplement', 'replenish', 'other']),
  purposeLabel: z.string(),
  purposeNote: z.string(),
  areaId: z.number(),
  payerType: z.enum(['developer', 'owner']),
  payerName: z.string(),
  total: z.number().describe('单位：分'),
  validUntil: z.string(),
  status: z.enum(['unpaid', 'paid', 'void']),
  createdAt: z.date(),
  paidAt: z.date().nullable(),
});
const noticeActionStates = offeredActions(NOTICE_ACTIONS, '当前用户可办理的步骤（作废、确认缴款、打印交款回单），不能办理的附原因');
const noticeRow = noticeSummary.extend({ actions: noticeActionStates });
const noticeDetailSchema = noticeRow.extend({
  areaName: z.string(),
  issuerName: z.string(),
  payerIdNumber: z.string(),
  payerPhone: z.string(),
  bankAccount: z.object({ bankName: z.string(), accountName: z.string(), accountNo: z.string() }),
  items: z.array(
    z.object({
      houseId: z.number(),
      building: z.string(),
      unit: z.string(),
      room: z.string(),
      address: z.string(),
      buildingArea: z.number(),
      amount: z.number(),
    }),
  ),
  payment: z
    .object({
      channel: z.string(),
      bankRef: z.string(),
      bankDate: z.string(),
      bankName: z.string(),
      confirmedAt: z.date(),
    })
    .nullable()
    .describe('缴款确认（交款回单的内容）；未缴款时为 null'),
});
const issued = z.object({ issued: z.array(z.string()), reprint: z.array(z.string()) });
const noParam = z.object({ no: z.string().trim().min(4).max(40) });
const confirmation = z.object({
  noticeNo: z.string({ error: '通知单号不能为空' }).trim().min(4, '通知单号不正确').max(40),
  amount: fen('缴款金额'),
  channel: z.enum(CHANNELS, { error: `缴款渠道须为：${CHANNELS.join('、')}` }),
  bankRef: text('银行流水号', 60),
  bankDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '缴款日期格式为 YYYY-MM-DD'),
});
const dayFileLine = z.object({
  noticeNo: z.string(),
  status: z.enum(['paid', 'refused']).describe('paid：已确认（含重复确认，repeated=true）；refused：未确认，见 code 与 message'),
  repeated: z.boolean(),
  amount: z.number().optional(),
  paidAt: z.string().optional(),
  confirmationId: z.number().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  fieldErrors: z.record(z.string(), z.string()).optional(),
  rule: z.string().optional(),
});
const confirmResult = z.object({
  noticeNo: z.string(),
  amount: z.number(),
  status: z.literal('paid'),
  paidAt: z.string(),
  confirmationId: z.number(),
  repeated: z.boolean(),
});

export function paymentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/areas/:id/deposit-status',
    {
      schema: {
        tags,
        summary: '交存情况：每个楼幢的房屋数、未交足房屋数与待交金额；指定楼幢时给出每套房屋',
        params: idParam,
        querystring: z.object({ buildingId: z.coerce.number().int().positive().optional() }),
        response: {
          200: z.object({
            buildings: z.array(
              z.object({
                buildingId: z.number(),
                name: z.string(),
                houses: z.number(),
                unpaid: z.number(),
                outstanding: z.number(),
                openNotices: z.number(),
              }),
            ),
            houses: z.array(
              z.object({
                houseId: z.number(),
                amountDue: z.number(),
                deposited: z.number(),
                balance: z.number(),
                openNotice: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => areaDepositStatus(req.ctx, req.params.id, req.query.buildingId),
  );
  const statementRow = z.object({
    at: z.date(),
    kind: z.string(),
    kindLabel: z.string(),
    reference: z.string(),
    memo: z.string(),
    amount: z.number(),
    balance: z.number(),
  });
  r.get(
    '/api/houses/:id/statement',
    { schema: { tags, summary: '分户账明细（含余额）', params: idParam, response: { 200: z.object({ items: z.array(statementRow) }) } } },
    async (req) => {
      await visibleHouse(req.ctx, req.params.id);
      return { items: await houseStatement(req.ctx.db, req.params.id) };
    },
  );
  r.get('/api/houses/:id/statement.xlsx', { schema: { tags, summary: '导出分户账明细', params: idParam } }, async (req, reply) => {
    await visibleHouse(req.ctx, req.params.id);
    const xlsx = await statementWorkbook(await houseStatement(req.ctx.db, req.params.id));
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('分户账明细.xlsx')}`)
      .send(xlsx);
  });
  r.post(
    '/api/notices/developer-batch',
    {
      schema: {
        tags,
        // F-20
        summary: '开发建设单位批量交款（每个楼幢一张通知单）',
        body: z.object({
          areaId: z.number().int().positive(),
          buildingIds: z.array(z.number().int().positive()).min(1, '请选择楼幢').max(500),
        }),
        response: { 200: issued },
      },
    },
    async (req) => developerBatchNotices(req.ctx, req.body.areaId, req.body.buildingIds),
  );
  r.post(
    '/api/notices/owners',
    {
      schema: {
        tags,
        // F-21
        summary: '代打交款通知单（每套房屋一张，业主信息必填）',
        body: z.object({
          areaId: z.number().int().positive(),
          houses: z
            .array(z.object({ houseId: z.number().int().positive(), owners: z.array(ownerSchema).max(20) }))
            .min(1, '请选择房屋')
            .max(2000),
        }),
        response: { 200: issued },
      },
    },
    async (req) => ownerNotices(req.ctx, req.body.areaId, req.body.houses),
  );
  r.post(
    '/api/notices/custom',
    {
      schema: {
        tags,
        // F-22
        summary: '自定义交款（续筹交款、补交、其他）',
        body: z.object({
          areaId: z.number().int().positive(),
          purpose: z.enum(['replenish', 'supplement', 'other'], { error: '请选择交款类型' }),
          note: z.string().trim().max(200).default(''),
          rows: z
            .array(z.object({ houseId: z.number().int().positive(), amount: fen('交款金额') }))
            .min(1, '请选择房屋')
            .max(20000),
        }),
        response: { 200: issued },
      },
    },
    async (req) => customNotices(req.ctx, req.body.areaId, req.body.purpose, req.body.note, req.body.rows),
  );
  const readAmountsFile = (req: FastifyRequest) => readUpload(req, '请选择填好金额的文件');
  r.post(
    '/api/notices/custom/import',
    {
      schema: {
        tags,
        summary: '续筹交款导入金额（导出的 .xlsx 或 .csv；有错误时列出且不返回任何金额）',
        description:
          'multipart/form-data：先发字段 areaId 与 houseIds（勾选的房屋编号，逗号分隔），再发文件字段 file。只读取金额，不生成通知单。',
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({ rows: z.array(z.object({ houseId: z.number(), amount: z.number().describe('单位：分') })) }),
          422: importRefusal,
        },
      },
    },
    async (req) => readCustomAmounts(req.ctx, await readAmountsFile(req)),
  );
  r.post(
    '/api/notices/custom/import/annotated',
    { schema: { tags, summary: '下载标注了错误的续筹交款文件（.xlsx，列出全部错误）', consumes: ['multipart/form-data'] } },
    async (req, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('续筹交款导入错误标注.xlsx')}`)
        .send(await annotateCustomAmounts(req.ctx, await readAmountsFile(req))),
  );
  r.get(
    '/api/notices',
    {
      schema: {
        tags,
        summary: '交款通知单列表',
        querystring: page.extend({
          areaId: z.coerce.number().int().positive().optional(),
          status: z.enum(['unpaid', 'paid', 'void']).optional(),
          q: z.string().trim().max(60).optional(),
        }),
        response: { 200: pageOf(noticeRow) },
      },
    },
    async (req) => listNotices(req.ctx, req.query),
  );
  r.get(
    '/api/notices/:no',
    { schema: { tags, summary: '交款通知单（打印）', params: noParam, response: { 200: noticeDetailSchema } } },
    async (req) => noticeDetail(req.ctx, req.params.no),
  );
  r.post(
    '/api/notices/:no/void',
    { schema: { tags, summary: '作废未缴的通知单', params: noParam, response: { 200: noticeSummary } } },
    async (req) => voidNotice(req.ctx, req.params.no),
  );

  r.post(
    '/api/bank/deposits/confirm',
    {
      schema: {
        tags: bankTags,
        // F-23
        summary: '交款确认（银行工作台；按通知单号幂等）',
        body: confirmation,
        response: { 200: confirmResult },
      },
    },
    async (req) => confirmDepositAtCounter(req.ctx, req.body),
  );
  r.get(
    '/api/bank/reconciliation',
    {
      schema: {
        tags: bankTags,
        // F-70
        summary: '日终对账',
        querystring: z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                kind: z.string(),
                number: z.string(),
                amount: z.number(),
                channel: z.string(),
                bankRef: z.string(),
                bankDate: z.string(),
                via: z.string(),
                createdAt: z.date(),
              }),
            ),
            totals: z.array(z.object({ channel: z.string(), count: z.number(), amount: z.number() })),
            total: z.number(),
          }),
        },
      },
    },
    async (req) => reconciliation(req.ctx, req.query.from, req.query.to),
  );

  r.post(
    '/api/bank-api/v1/deposits/confirm',
    {
      schema: {
        tags: bankTags,
        // F-71
        summary: '交款确认（银行接口）',
        description:
          '认证：请求头 x-wygl-key（密钥编号）、x-wygl-timestamp（Unix 秒）、x-wygl-signature = hex(HMAC-SHA256(密钥, timestamp + "\\n" + 方法 + "\\n" + 路径 + "\\n" + 请求体原文))。时间戳误差超过 300 秒或签名重复使用的请求被拒绝。同一通知单号重复确认返回首次结果（repeated=true）；金额不同返回 409。',
        security: [{ bankKey: [] }],
        body: confirmation,
        response: { 200: confirmResult },
      },
      // Authenticate before the body is validated: an unsigned caller learns nothing about the schema.
      preValidation: async (req) => {
        req.bankOrgId = await authenticateBank(req.ctx, req);
      },
    },
    async (req) => confirmDepositByApi(req.ctx, req.bankOrgId as number, req.body),
  );

  r.post(
    '/api/bank-api/v1/deposits/confirm-batch',
    {
      schema: {
        tags: bankTags,
        summary: '批量交款确认（银行日终文件）',
        description: `认证同单笔交款确认。items 为当日各笔缴款（每笔字段同单笔），一次最多 ${DEPOSIT_FILE_MAX} 笔，在一个事务中处理。每笔单独给出结果：paid（已确认；已确认过的同号同额返回首次结果并标 repeated=true）或 refused（附 code、message，如通知单不存在、已作废、金额不符）；被拒的一笔不影响其他各笔。同一文件可重复提交，已确认的各笔不会重复入账。`,
        security: [{ bankKey: [] }],
        body: z.object({
          items: z.array(confirmation).min(1, '缴款明细不能为空').max(DEPOSIT_FILE_MAX, `一次最多确认 ${DEPOSIT_FILE_MAX} 笔，请分批提交`),
        }),
        response: {
          200: z.object({ results: z.array(dayFileLine), paid: z.number(), repeated: z.number(), refused: z.number() }),
        },
      },
      preValidation: async (req) => {
        req.bankOrgId = await authenticateBank(req.ctx, req);
      },
    },
    async (req) => {
      const outcomes = await confirmDeposits(req.ctx, req.bankOrgId as number, null, req.body.items, 'api');
      const results = outcomes.map((o) =>
        o.ok
          ? { ...o.result, status: 'paid' as const }
          : { noticeNo: o.noticeNo, status: 'refused' as const, repeated: false, ...o.error.body() },
      );
      return {
        results,
        paid: results.filter((r) => r.status === 'paid' && !r.repeated).length,
        repeated: results.filter((r) => r.repeated).length,
        refused: results.filter((r) => r.status === 'refused').length,
      };
    },
  );
}
