import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HOUSE_USES } from '../../domain/deposit-standard.ts';
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
        summary: '新增交存标准（F-62：指定生效日期，不追溯）',
        body: z.object({ effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '生效日期格式为 YYYY-MM-DD'), rows: z.array(row).max(50) }),
        response: { 200: standards },
      },
    },
    async (req) => addStandard(req.ctx, req.body),
  );
  r.post(
    '/api/office/ledger-check',
    {
      schema: {
        tags,
        summary: '分户账核查（F-65：R-20/R-21 不变式）',
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
