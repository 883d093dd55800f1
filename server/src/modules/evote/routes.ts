import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EVOTE_CHOICES } from '../../db/schema/index.ts';
import { idParam } from '../../lib/fields.ts';
import { checkReceipt, castBallot, ownerEvotes } from './owner.ts';
import { evoteChainCheck, evoteResult, evoteStatus, openEvote } from './service.ts';

const tags = ['维修项目管理'];
const ownerTags = ['业主'];

const instant = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .trim()
    .min(1, `请选择${label}`)
    .max(40)
    .refine((s) => !Number.isNaN(Date.parse(s)), `${label}不是有效的时间`)
    .describe(`${label}（ISO 8601，含时区）`);

const phase = z.enum(['pending', 'open', 'closed']).describe('pending 未开始；open 投票中；closed 已结束（到结束时间即结束）');
const evote = z.object({
  id: z.number(),
  projectId: z.number(),
  noticeId: z.number(),
  opensAt: z.date(),
  closesAt: z.date(),
  phase,
  closedAt: z.date().nullable(),
  finalHash: z.string().nullable().describe('结束时记录的选票链最终哈希'),
});
const totals = z.object({
  rangeArea: z.number().describe('表决范围总面积（0.01 平方米）'),
  rangeOwners: z.number(),
  participatingArea: z.number(),
  participatingOwners: z.number(),
  agreeArea: z.number(),
  agreeOwners: z.number(),
});
const chain = z.object({
  valid: z.boolean(),
  checked: z.number().describe('核验的选票张数'),
  finalHash: z.string(),
  broken: z.array(z.object({ ballotId: z.number(), seq: z.number(), houseId: z.number(), problem: z.string() })),
});
const choice = z.enum(EVOTE_CHOICES, { error: '表决意见须为同意、反对或弃权' });

export function evoteRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/projects/:id/evote',
    {
      schema: {
        tags,
        summary: '发起电子投票（设定投票开始、结束时间；同一立项公示只能发起一次）',
        params: idParam,
        body: z.object({ opensAt: instant('投票开始时间'), closesAt: instant('投票结束时间') }),
        response: { 200: evote },
      },
    },
    async (req) => openEvote(req.ctx, req.params.id, { opensAt: new Date(req.body.opensAt), closesAt: new Date(req.body.closesAt) }),
  );
  r.get(
    '/api/projects/:id/evote',
    {
      schema: {
        tags,
        summary: '电子投票情况（投票期间只显示参与面积和人数，不显示表决意见）',
        params: idParam,
        response: {
          200: z.object({
            evote: evote.nullable(),
            turnout: z
              .object({
                rangeArea: z.number(),
                rangeOwners: z.number(),
                rangeHouses: z.number(),
                participatingArea: z.number(),
                participatingOwners: z.number(),
                housesVoted: z.number(),
                ballots: z.number().describe('选票张数（含修改后被替代的）'),
              })
              .nullable(),
          }),
        },
      },
    },
    async (req) => evoteStatus(req.ctx, req.params.id),
  );
  r.get(
    '/api/projects/:id/evote/result',
    {
      schema: {
        tags,
        summary: '表决结果公告数据（电子投票结束后：网上与纸质表决合并计票、选票链核验与最终哈希）',
        params: idParam,
        response: {
          200: z.object({
            projectNo: z.string(),
            projectName: z.string(),
            noticeNo: z.string(),
            opensAt: z.date(),
            closesAt: z.date(),
            closedAt: z.date(),
            rule: z.enum(['civil-code-2021', 'double-two-thirds']),
            ruleLabel: z.string(),
            totals,
            passed: z.boolean(),
            reasons: z.array(z.string()),
            onlineHouses: z.number(),
            paperHouses: z.number(),
            rangeHouses: z.number(),
            finalHash: z.string(),
            chain,
            recorded: z.boolean().describe('是否已录入为本项目的表决结果'),
            recordedAt: z.date().nullable(),
          }),
        },
      },
    },
    async (req) => evoteResult(req.ctx, req.params.id),
  );
  r.get(
    '/api/projects/:id/evote/chain',
    {
      schema: {
        tags,
        summary: '核验电子投票选票链（逐张重算哈希，列出被改动或缺失的选票）',
        params: idParam,
        response: { 200: chain.extend({ storedFinalHash: z.string().nullable(), finalHashMatches: z.boolean() }) },
      },
    },
    async (req) => evoteChainCheck(req.ctx, req.params.id),
  );

  r.get(
    '/api/owner/evotes',
    {
      schema: {
        tags: ownerTags,
        summary: '我的投票（本人房屋所在表决范围的电子投票、当前意见与回执码）',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                evoteId: z.number(),
                projectId: z.number(),
                projectNo: z.string(),
                projectName: z.string(),
                area: z.string(),
                noticeNo: z.string(),
                noticeTitle: z.string(),
                opensAt: z.date(),
                closesAt: z.date(),
                phase,
                houseId: z.number(),
                house: z.string(),
                address: z.string(),
                choice: choice.nullable(),
                receiptCode: z.string().nullable(),
                castAt: z.date().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ownerEvotes(req.ctx),
  );
  r.post(
    '/api/owner/evote-ballots',
    {
      schema: {
        tags: ownerTags,
        summary: '网上投票（同意、反对或弃权；结束前可修改，以最后一次为准）',
        body: z.object({
          evoteId: z.number({ error: '请选择投票' }).int().positive('请选择投票'),
          houseId: z.number({ error: '请选择房屋' }).int().positive('请选择房屋'),
          choice,
        }),
        response: {
          200: z.object({
            ballotId: z.number(),
            houseId: z.number(),
            choice,
            castAt: z.date(),
            receiptCode: z.string(),
            changed: z.boolean().describe('是否修改了此前的投票'),
          }),
        },
      },
    },
    async (req) => castBallot(req.ctx, req.body),
  );
  r.get(
    '/api/owner/evote-receipts',
    {
      schema: {
        tags: ownerTags,
        summary: '查验回执（只能查验本人房屋的选票）',
        querystring: z.object({ code: z.string({ error: '请输入回执码' }).trim().min(1, '请输入回执码').max(40) }),
        response: {
          200: z.object({
            receiptCode: z.string(),
            items: z.array(
              z.object({
                ballotId: z.number(),
                projectName: z.string(),
                house: z.string(),
                address: z.string(),
                choice,
                castAt: z.date(),
                counted: z.boolean().describe('是否为该房屋计入的（最后一次）投票'),
                message: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => checkReceipt(req.ctx, req.query.code),
  );
}
