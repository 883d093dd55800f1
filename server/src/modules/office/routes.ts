import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORG_STATUSES } from '../../domain/org-status.ts';
import { idParam, offeredActions, optionalText, page, pageOf, pathId } from '../../lib/fields.ts';
import { ORG_ACTIONS } from '../../domain/org-actions.ts';
import { INBOX_KINDS, INBOX_SOURCES, INBOX_STAGES } from '../../domain/inbox.ts';
import { orgTypeEnum, orgView } from '../organisations/view.ts';
import { approveHandover, listHandovers, rejectHandover } from './handover.ts';
import { inboxOptions, officeInbox } from './inbox.ts';
import {
  auditRecord,
  listLoginAttempts,
  listOrganisations,
  organisationDetail,
  searchAudit,
  setOrganisationStatus,
  verifyDocuments,
} from './service.ts';

const tags = ['维修资金管理部门'];
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const day = z.coerce.date({ error: '日期格式不正确' });

const orgRow = z.object({
  id: z.number(),
  type: orgTypeEnum,
  typeLabel: z.string(),
  name: z.string(),
  code: z.string(),
  contactPerson: z.string(),
  phone: z.string(),
  areaName: z.string().nullable(),
  status: z.enum(ORG_STATUSES),
  documentsVerifiedAt: z.date().nullable(),
  createdAt: z.date(),
});
const orgDetail = orgView.extend({
  userCount: z.number(),
  actions: offeredActions(ORG_ACTIONS, '管理中心当前用户对该机构可办理的步骤（暂停使用、恢复使用、核验要件原件），不能办理的附原因'),
});

const handoverSide = z.object({
  id: z.number(),
  name: z.string(),
  code: z.string(),
  contactPerson: z.string(),
  phone: z.string(),
  legalRepresentative: z.string(),
  status: z.enum(ORG_STATUSES),
  statusReason: z.string().nullable(),
  registrationNo: z.string().nullable(),
  documentsVerifiedAt: z.date().nullable(),
  createdAt: z.date(),
});
const handoverRow = z.object({
  area: z.object({ id: z.number(), name: z.string() }),
  candidate: handoverSide.describe('申请接任的新一届业主委员会'),
  current: handoverSide.nullable().describe('物业区域现任（含已暂停）业主委员会'),
});

const auditRow = z.object({
  id: z.number(),
  at: z.date(),
  userId: z.number().nullable(),
  userName: z.string(),
  orgId: z.number().nullable(),
  orgName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  summary: z.string(),
  ip: z.string(),
  changed: z.boolean().describe('有变更前后的值（按记录查询 /api/office/audit/{id}）'),
});
const auditRecordRow = auditRow.omit({ changed: true }).extend({ before: z.unknown(), after: z.unknown() });

const loginRow = z.object({
  id: z.number(),
  orgCode: z.string(),
  username: z.string(),
  userId: z.number().nullable(),
  success: z.boolean(),
  reason: z.string(),
  ip: z.string(),
  at: z.date(),
});

const inboxRow = z.object({
  key: z.string().describe('来源与编号，列表内唯一'),
  source: z.enum(INBOX_SOURCES),
  id: z.number(),
  no: z.string(),
  kind: z.enum(INBOX_KINDS),
  kindLabel: z.string(),
  stage: z.enum(INBOX_STAGES),
  stageLabel: z.string(),
  at: z.date().describe('提交时间（退款指令：生成时间）'),
  orgId: z.number(),
  orgName: z.string().describe('申请单位'),
  areaId: z.number().nullable(),
  areaName: z.string().nullable(),
  amount: z.number().nullable().describe('单位：分；业务单无金额'),
  parentId: z.number().nullable().describe('维修项目申请：所属项目；退款指令：所属业务单'),
  subject: z.string().nullable().describe('维修项目申请：项目名称；退款指令：业务单号'),
});

export function officeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/office/inbox/options',
    {
      schema: {
        tags,
        summary: '业务总览的业务类别与办理阶段',
        response: {
          200: z.object({
            kinds: z.array(z.object({ value: z.enum(INBOX_KINDS), label: z.string() })),
            stages: z.array(z.object({ value: z.enum(INBOX_STAGES), label: z.string() })),
          }),
        },
      },
    },
    async (req) => inboxOptions(req.ctx),
  );
  r.get(
    '/api/office/inbox',
    {
      schema: {
        tags,
        // F-60
        summary: '业务总览：业务单、立项申请、资金拨付申请、清退通知单与退款指令，按类别、办理阶段、区域、申请单位与日期筛选',
        querystring: page.extend({
          kind: z.enum(INBOX_KINDS, { error: '业务类别不正确' }).optional(),
          stage: z.enum(INBOX_STAGES, { error: '办理阶段不正确' }).optional(),
          areaId: pathId('物业区域').optional(),
          orgId: pathId('机构').optional(),
          q: z.string().trim().max(50).optional(),
          from: day.optional(),
          to: day.optional(),
        }),
        response: { 200: pageOf(inboxRow) },
      },
    },
    async (req) => officeInbox(req.ctx, req.query),
  );
  r.get(
    '/api/office/organisations',
    {
      schema: {
        tags,
        // F-61
        summary: '机构列表',
        querystring: page.extend({
          type: orgTypeEnum.optional(),
          status: z.enum(ORG_STATUSES).optional(),
          verified: bool.optional(),
          q: z.string().trim().max(50).optional(),
        }),
        response: { 200: pageOf(orgRow) },
      },
    },
    async (req) => listOrganisations(req.ctx, req.query),
  );
  r.get(
    '/api/office/organisations/:id',
    { schema: { tags, summary: '机构详情与要件', params: idParam, response: { 200: orgDetail } } },
    async (req) => organisationDetail(req.ctx, req.params.id),
  );
  r.post(
    '/api/office/organisations/:id/verify-documents',
    { schema: { tags, summary: '核验要件原件', params: idParam, response: { 200: orgDetail } } },
    async (req) => verifyDocuments(req.ctx, req.params.id),
  );
  r.post(
    '/api/office/organisations/:id/suspend',
    {
      schema: {
        tags,
        summary: '暂停机构（其用户立即退出且不能登录）',
        params: idParam,
        body: z.object({ reason: optionalText('暂停原因', 200).pipe(z.string().min(1, '请填写暂停原因')) }),
        response: { 200: orgDetail },
      },
    },
    async (req) => setOrganisationStatus(req.ctx, req.params.id, 'suspended', req.body.reason),
  );
  r.post(
    '/api/office/organisations/:id/reactivate',
    { schema: { tags, summary: '恢复机构', params: idParam, response: { 200: orgDetail } } },
    async (req) => setOrganisationStatus(req.ctx, req.params.id, 'active', null),
  );
  r.get(
    '/api/office/handovers',
    {
      schema: {
        tags,
        summary: '业主委员会换届申请（待审核），与现任业主委员会对照',
        response: { 200: z.object({ items: z.array(handoverRow) }) },
      },
    },
    async (req) => listHandovers(req.ctx),
  );
  r.post(
    '/api/office/organisations/:id/approve-handover',
    {
      schema: {
        tags,
        summary: '换届申请审核通过：现任业主委员会卸任，物业区域及其维修项目、设施设备、项目附件转由新一届业主委员会办理',
        params: idParam,
        response: { 200: orgDetail },
      },
    },
    async (req) => approveHandover(req.ctx, req.params.id),
  );
  r.post(
    '/api/office/organisations/:id/reject-handover',
    {
      schema: {
        tags,
        summary: '驳回换届申请',
        params: idParam,
        body: z.object({ reason: optionalText('驳回原因', 200).pipe(z.string().min(1, '请填写驳回原因')) }),
        response: { 200: orgDetail },
      },
    },
    async (req) => rejectHandover(req.ctx, req.params.id, req.body.reason),
  );
  r.get(
    '/api/office/audit',
    {
      schema: {
        tags,
        summary: '审计日志查询',
        querystring: page.extend({
          orgId: pathId('机构').optional(),
          entity: z.string().max(50).optional(),
          entityId: z.string().max(50).optional(),
          action: z.string().max(50).optional(),
          q: z.string().trim().max(50).optional(),
          from: day.optional(),
          to: day.optional(),
        }),
        response: { 200: pageOf(auditRow) },
      },
    },
    async (req) => searchAudit(req.ctx, req.query),
  );
  r.get(
    '/api/office/audit/:id',
    {
      schema: { tags, summary: '审计记录（含变更前后的值）', params: idParam, response: { 200: auditRecordRow } },
    },
    async (req) => auditRecord(req.ctx, req.params.id),
  );
  r.get(
    '/api/office/login-attempts',
    {
      schema: {
        tags,
        summary: '登录日志',
        querystring: page.extend({ orgCode: z.string().trim().max(64).optional(), success: bool.optional() }),
        response: { 200: pageOf(loginRow) },
      },
    },
    async (req) => listLoginAttempts(req.ctx, req.query),
  );
}
