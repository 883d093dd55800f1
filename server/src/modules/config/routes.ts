import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HOUSE_USES } from '../../domain/deposit-standard.ts';
import { REQUIRED_DOC_TYPES, requiredDocumentsSchema } from '../../domain/required-documents.ts';
import { day } from '../../lib/fields.ts';
import { officeRequiredDocuments, requiredDocumentsOf, saveRequiredDocuments } from '../settings/required-documents.ts';
import { addStandard, listStandards, runLedgerCheck } from './service.ts';

const tags = ['参数配置与核查'];
const rate = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('per_m2'), fenPerM2: z.number().int().positive('每平方米金额须大于 0（单位：分）').max(1_000_000) }),
  z.object({
    mode: z.literal('cost_percent'),
    costFenPerM2: z.number().int().positive('建安造价须大于 0（单位：分/平方米）'),
    basisPoints: z.number().int().min(500, '国家标准为建安造价的 5%–8%').max(800, '国家标准为建安造价的 5%–8%'),
  }),
]);
const row = z.object({ use: z.enum([...HOUSE_USES, '*']), elevator: z.boolean().nullable(), rate });

export function configRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const standards = z.object({ items: z.array(row.extend({ id: z.number(), effectiveFrom: z.string(), createdAt: z.date() })) });
  r.get(
    '/api/office/deposit-standards',
    { schema: { tags, summary: '交存标准（按生效日期）', response: { 200: standards } } },
    async (req) => listStandards(req.ctx),
  );
  r.post(
    '/api/office/deposit-standards',
    {
      schema: {
        tags,
        // F-62
        summary: '新增交存标准（指定生效日期，不追溯）',
        body: z.object({ effectiveFrom: day('生效日期'), rows: z.array(row).max(50) }),
        response: { 200: standards },
      },
    },
    async (req) => addStandard(req.ctx, req.body),
  );
  const docType = z.enum(REQUIRED_DOC_TYPES, { error: `业务类型须为：${REQUIRED_DOC_TYPES.join('、')}` });
  const docList = z.object({ type: docType, label: z.string(), documents: z.array(z.string()) });
  const docLists = z.object({ items: z.array(docList) });
  r.get(
    '/api/office/required-documents',
    // F-62
    { schema: { tags, summary: '要件设置（各类业务受理时须收的纸质材料）', response: { 200: docLists } } },
    async (req) => officeRequiredDocuments(req.ctx),
  );
  r.put(
    '/api/office/required-documents',
    {
      schema: {
        tags,
        // F-62
        summary: '修改要件设置（每类不超过 15 项、每项 1–30 字、不得重复；记入审计日志）',
        body: requiredDocumentsSchema,
        response: { 200: docLists },
      },
    },
    async (req) => saveRequiredDocuments(req.ctx, req.body),
  );
  r.get(
    '/api/required-documents',
    {
      schema: {
        tags,
        // F-62
        summary: '某类业务的所需要件（登录用户均可查看，申请人据此准备纸质材料）',
        querystring: z.object({ type: docType }),
        response: { 200: docList },
      },
    },
    async (req) => requiredDocumentsOf(req.ctx, req.query.type),
  );
  r.post(
    '/api/office/ledger-check',
    {
      schema: {
        tags,
        // F-65
        summary: '分户账核查（每笔记账借贷平衡，分户账余额不为负）',
        response: {
          200: z.object({
            checkedAt: z.date(),
            millis: z.number(),
            breaches: z.array(z.object({ rule: z.enum(['R-20', 'R-21']), what: z.string(), id: z.number(), detail: z.string() })),
          }),
        },
      },
    },
    async (req) => runLedgerCheck(req.ctx),
  );
}
