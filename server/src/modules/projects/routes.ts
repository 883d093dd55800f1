import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, ok, page, pageOf, pathId, text } from '../../lib/fields.ts';
import { acceptBody, documentName } from '../../domain/required-documents.ts';
import { readUpload } from '../../lib/uploads.ts';
import { PROJECT_REQUEST_KINDS } from '../../db/schema/index.ts';
import { importRefusal } from '../applications/schemas.ts';
import { authenticateBank } from '../payments/bank-api-auth.ts';
import { loadProject, readerActor } from './access.ts';
import { recordAcceptance } from './acceptance.ts';
import { submitApproval } from './approval.ts';
import { bankQueue, confirmAtCounter, confirmProjectMoney } from './bank.ts';
import { cancelProject } from './cancellation.ts';
import { applyDisbursement, phaseProposal } from './disbursement.ts';
import { addProjectDocument, listProjectDocuments, removeProjectDocument, requestDocuments } from './documents.ts';
import {
  apportionBudgets,
  createProject,
  editRange,
  itemHouseIdsIn,
  itemHouses,
  mergeShares,
  saveBasic,
  saveItems,
  savePlan,
  setShares,
} from './editor.ts';
import { publicNotice, publicNotices, publishNotice } from './notices.ts';
import { rangePage } from './range.ts';
import { publicAreaProjects } from './public.ts';
import { issueRefund } from './refund.ts';
import { projectSettings, saveProjectSettings } from './settings.ts';
import { sendXlsx } from '../../lib/xlsx-export.ts';
import { mergedListWorkbook, noticeListWorkbook, projectListWorkbook, voteResultWorkbook } from './exports.ts';
import { acceptRequest, approveRequest, officeRequests, rejectRequest, requestSubject, requestsOf } from './review.ts';
import * as s from './schemas.ts';
import { annotateShares, exportShares, importShares } from './shares-file.ts';
import { listProjects, projectDetail, projectSummary } from './summary.ts';
import { recordVote, voteSheet } from './vote.ts';

const tags = ['维修项目管理'];
/** A page of a project's houses, optionally only those whose 楼幢/单元/房号 or address contains `q`. */
const housePage = page.extend({ q: z.string().trim().max(50).optional().describe('房号（楼幢、单元、房号或地址的一部分）') });
const officeTags = ['业务受理（维修项目）'];
const bankTags = ['专户银行'];
const publicTags = ['公众查询'];

const readFile = (req: FastifyRequest) => readUpload(req, '请选择文件');

export function projectRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const detail = { 200: s.projectDetail };
  const summary = { 200: s.projectSummary };

  r.get(
    '/api/projects',
    {
      schema: {
        tags,
        summary: '维修项目列表（业主委员会：本物业区域；管理部门：全部）',
        querystring: s.listQuery,
        response: { 200: pageOf(s.projectSummaryRow) },
      },
    },
    async (req) => listProjects(req.ctx, req.query),
  );
  r.get(
    '/api/projects/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出维修项目列表（.xlsx，筛选条件同列表；金额为数值）',
        querystring: s.listQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => sendXlsx(reply, '维修项目列表.xlsx', await projectListWorkbook(req.ctx, req.query)),
  );
  r.get(
    '/api/projects/:id/merged-list.xlsx',
    { schema: { tags, summary: '导出合并分摊清册（.xlsx）', params: idParam } },
    async (req, reply) => sendXlsx(reply, '合并分摊清册.xlsx', await mergedListWorkbook(req.ctx, req.params.id)),
  );
  r.get(
    '/api/projects/:id/notices/:no/list.xlsx',
    {
      schema: {
        tags,
        summary: '导出公示的预算清册或决算清册（.xlsx，按公示时的清单）',
        params: idParam.extend({ no: z.string().trim().min(4).max(40) }),
      },
    },
    async (req, reply) => {
      const list = await noticeListWorkbook(req.ctx, req.params.id, req.params.no);
      return sendXlsx(reply, `${list.name}-${req.params.no}.xlsx`, list.body);
    },
  );
  r.get(
    '/api/projects/:id/vote-sheet.xlsx',
    { schema: { tags, summary: '导出表决结果（.xlsx，每户一行）', params: idParam } },
    async (req, reply) => sendXlsx(reply, '表决结果.xlsx', await voteResultWorkbook(req.ctx, req.params.id)),
  );
  r.post(
    '/api/projects',
    // F-40
    { schema: { tags, summary: '新建一般 / 紧急 / 简单拨付维修项目', body: s.createBody, response: detail } },
    async (req) => projectDetail(req.ctx, (await createProject(req.ctx, req.body)).id),
  );
  r.get('/api/projects/:id', { schema: { tags, summary: '维修项目（编辑器内容）', params: idParam, response: detail } }, async (req) =>
    projectDetail(req.ctx, req.params.id),
  );
  r.put(
    '/api/projects/:id',
    { schema: { tags, summary: '保存项目基本信息', params: idParam, body: s.basicBody, response: detail } },
    async (req) => {
      await saveBasic(req.ctx, req.params.id, req.body);
      return projectDetail(req.ctx, req.params.id);
    },
  );
  r.put(
    '/api/projects/:id/items',
    {
      schema: {
        tags,
        summary: '保存维修设施设备（整体替换；新增项的分摊范围默认为设施所在位置的全部房屋）',
        params: idParam,
        body: s.itemsBody,
        response: detail,
      },
    },
    async (req) => {
      await saveItems(req.ctx, req.params.id, req.body.items);
      return projectDetail(req.ctx, req.params.id);
    },
  );
  r.get(
    '/api/projects/:id/items/:itemId/houses',
    {
      schema: {
        tags,
        summary: '房屋分摊列表（一项设施设备的分摊范围与分摊金额）',
        params: s.itemParams,
        querystring: housePage,
        response: { 200: z.object({ items: z.array(s.rangeHouse), total: z.number(), totalShare: z.number() }) },
      },
    },
    async (req) => itemHouses(req.ctx, req.params.id, req.params.itemId, req.query.page, req.query.pageSize, req.query.q),
  );
  r.get(
    '/api/projects/:id/items/:itemId/house-ids',
    {
      schema: {
        tags,
        summary: '已在该设施设备分摊范围内的房屋（可限一栋楼；楼盘表选择时标出）',
        params: s.itemParams,
        querystring: z.object({ buildingId: pathId('楼幢').optional() }),
        response: { 200: z.object({ ids: z.array(z.number()) }) },
      },
    },
    async (req) => itemHouseIdsIn(req.ctx, req.params.id, req.params.itemId, req.query.buildingId),
  );
  r.post(
    '/api/projects/:id/items/:itemId/houses',
    {
      schema: {
        tags,
        summary: '调整分摊范围（添加 / 删除房屋，或整幢添加）',
        params: s.itemParams,
        body: s.rangeBody,
        response: {
          200: z.object({
            added: z.number(),
            removed: z.number(),
            warning: z.string().nullable().describe('楼幢（单元）的设施设备分摊范围中有其他楼幢的房屋时的提醒'),
          }),
        },
      },
    },
    async (req) => editRange(req.ctx, req.params.id, req.params.itemId, req.body),
  );
  r.put(
    '/api/projects/:id/items/:itemId/shares',
    {
      schema: {
        tags,
        summary: '逐户填写分摊金额',
        params: s.itemParams,
        body: s.sharesBody,
        response: { 200: z.object({ updated: z.number() }) },
      },
    },
    async (req) => setShares(req.ctx, req.params.id, req.params.itemId, req.body.rows),
  );
  r.get(
    '/api/projects/:id/items/:itemId/shares.xlsx',
    { schema: { tags, summary: '导出分摊（.xlsx）', params: s.itemParams } },
    async (req, reply) => sendXlsx(reply, '分摊清单.xlsx', await exportShares(req.ctx, req.params.id, req.params.itemId)),
  );
  r.post(
    '/api/projects/:id/items/:itemId/shares/import',
    {
      schema: {
        tags,
        summary: '导入分摊（.xlsx 或 .csv：房屋编号、分摊金额(元)；有错误时全部列出且不导入）',
        params: s.itemParams,
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({ updated: z.number() }),
          422: importRefusal,
        },
      },
    },
    async (req) => importShares(req.ctx, req.params.id, req.params.itemId, await readFile(req)),
  );
  r.post(
    '/api/projects/:id/items/:itemId/shares/annotated',
    {
      schema: { tags, summary: '下载标注了错误的分摊文件（.xlsx，列出全部错误）', params: s.itemParams, consumes: ['multipart/form-data'] },
    },
    async (req, reply) =>
      sendXlsx(reply, '分摊导入错误标注.xlsx', await annotateShares(req.ctx, req.params.id, req.params.itemId, await readFile(req))),
  );
  r.post(
    '/api/projects/:id/apportion',
    //
    { schema: { tags, summary: '预算分摊（按建筑面积分摊各项预算，精确到分）', params: idParam, response: detail } },
    async (req) => {
      await apportionBudgets(req.ctx, req.params.id);
      return projectDetail(req.ctx, req.params.id);
    },
  );
  r.post(
    '/api/projects/:id/merge-shares',
    {
      schema: {
        tags,
        summary: '分摊合并（先保存页面上填写的分摊金额，各项预算 = 其分摊金额合计）',
        params: idParam,
        body: s.mergeBody,
        response: detail,
      },
    },
    async (req) => {
      await mergeShares(req.ctx, req.params.id, req.body?.items ?? []);
      return projectDetail(req.ctx, req.params.id);
    },
  );
  r.get(
    '/api/projects/:id/merged-list',
    {
      schema: {
        tags,
        summary: '合并分摊清册（每户一行：全部设施设备的分摊合计）',
        params: idParam,
        querystring: housePage,
        response: { 200: s.mergedList },
      },
    },
    async (req) => {
      await loadProject(req.ctx.db, readerActor(req.ctx), req.params.id);
      return rangePage(req.ctx.db, req.params.id, req.query.page, req.query.pageSize, req.query.q);
    },
  );
  r.put(
    '/api/projects/:id/plan',
    {
      schema: {
        tags,
        //
        summary: '保存拨付计划（合计须等于预算总额，提交立项申请时强制）',
        params: idParam,
        body: s.planBody,
        response: detail,
      },
    },
    async (req) => {
      await savePlan(req.ctx, req.params.id, req.body.phases);
      return projectDetail(req.ctx, req.params.id);
    },
  );
  r.get(
    '/api/projects/:id/summary',
    { schema: { tags, summary: '项目概况：时间线、资金、公示、申请，以及可执行的操作和阻止它的规则', params: idParam, response: summary } },
    async (req) => projectSummary(req.ctx, req.params.id),
  );

  r.get(
    '/api/projects/:id/documents',
    { schema: { tags, summary: '项目附件', params: idParam, response: { 200: z.object({ items: z.array(s.documentRow) }) } } },
    async (req) => listProjectDocuments(req.ctx, req.params.id),
  );
  r.post(
    '/api/projects/:id/documents',
    {
      schema: {
        tags,
        summary: '上传附件（JPG/JPEG/PNG，不超过 1M，按内容检查）',
        params: idParam,
        querystring: z.object({
          kind: z.string().trim().min(1).max(40).default('其他材料'),
          // F-62
          name: documentName.optional().describe('此附件证明的要件名称（要件设置中的名称）；不填为其他材料'),
        }),
        consumes: ['multipart/form-data'],
        response: { 201: s.documentRow },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addProjectDocument(req.ctx, req.params.id, req.query.kind, req.query.name ?? null, await readFile(req))),
  );
  r.get(
    '/api/project-requests/:id',
    {
      schema: {
        tags,
        // F-60: the review page is opened by the request; it reads the project it belongs to.
        summary: '申请所属的维修项目（本会或管理部门）',
        params: idParam,
        response: { 200: z.object({ id: z.number(), projectId: z.number(), kind: z.enum(PROJECT_REQUEST_KINDS) }) },
      },
    },
    async (req) => requestSubject(req.ctx, req.params.id),
  );
  r.get(
    '/api/project-requests/:id/documents',
    {
      schema: {
        tags,
        // F-60, F-62
        summary: '申请的附件与要件清单（本会或有权查阅上传文件的管理部门角色）',
        params: idParam,
        response: { 200: s.requestDocuments },
      },
    },
    async (req) => requestDocuments(req.ctx, req.params.id),
  );
  r.delete(
    '/api/projects/:id/documents/:documentId',
    {
      schema: {
        tags,
        summary: '删除附件（仅编辑中）',
        params: idParam.extend({ documentId: pathId('材料编号') }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await removeProjectDocument(req.ctx, req.params.id, req.params.documentId);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/projects/:id/notices',
    {
      schema: {
        tags,
        // F-41
        summary: '发布公示（立项 / 验收 / 撤销；截止日不早于最短公示期）',
        params: idParam,
        body: s.noticeBody,
        response: summary,
      },
    },
    async (req) => {
      await publishNotice(req.ctx, req.params.id, req.body);
      return projectSummary(req.ctx, req.params.id);
    },
  );
  r.get(
    '/api/projects/:id/vote-sheet',
    {
      schema: {
        tags,
        summary: '投票表决签字表（分摊范围内每户：面积、业主、已录入的意见）',
        params: idParam,
        querystring: housePage,
        response: {
          200: z.object({
            projectNo: z.string(),
            projectName: z.string(),
            rangeArea: z.number(),
            rangeOwners: z.number(),
            evote: z
              .object({ id: z.number(), phase: z.enum(['pending', 'open', 'closed']), onlineHouses: z.number() })
              .nullable()
              .describe('本次立项公示的电子投票；无则为 null'),
            items: z.array(
              s.rangeHouse.extend({
                owners: z.string(),
                choice: z.string().nullable(),
                online: z.boolean().describe('已网上投票（以网上投票为准，纸质录入不计）'),
              }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (req) => voteSheet(req.ctx, req.params.id, req.query.page, req.query.pageSize, req.query.q),
  );
  r.post(
    '/api/projects/:id/vote',
    {
      schema: {
        tags,
        // F-42, R-42
        summary: '录入投票表决结果（按合计或逐户；按配置的表决规则判定）',
        params: idParam,
        body: s.voteBody,
        response: { 200: s.voteResult },
      },
    },
    async (req) => recordVote(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/projects/:id/approval',
    {
      schema: {
        tags,
        // F-43, R-43, R-47
        summary: '项目立项：保存并提交立项申请（须满足立项的前置条件；简单拨付项目同时填写收款账户）',
        params: idParam,
        body: s.approvalBody,
        response: summary,
      },
    },
    async (req) => {
      await submitApproval(req.ctx, req.params.id, req.body);
      return projectSummary(req.ctx, req.params.id);
    },
  );
  r.get(
    '/api/projects/:id/phases/:phaseId/proposal',
    {
      schema: {
        tags,
        summary: '资金拨付：某期的计划金额、已申请金额和建议本次金额',
        params: idParam.extend({ phaseId: pathId('拨付计划期') }),
        response: { 200: z.object({ phaseId: z.number(), seq: z.number(), plan: z.number(), applied: z.number(), remaining: z.number() }) },
      },
    },
    async (req) => phaseProposal(req.ctx, req.params.id, req.params.phaseId),
  );
  r.post(
    '/api/projects/:id/disbursements',
    {
      schema: {
        tags,
        // F-44, R-44, R-45, R-46, R-48
        summary: '资金拨付申请',
        //
        description: '分户账余额不足时返回 409，shortfalls 列出每户：houseId、name、balance、debit、shortfall（分）。',
        params: idParam,
        body: s.disbursementBody,
        response: { 200: s.requestView },
      },
    },
    async (req) => {
      const r0 = await applyDisbursement(req.ctx, req.params.id, req.body);
      const all = await requestsOf(req.ctx.db, req.ctx.actor, req.params.id, ['disbursement']);
      return all.find((x) => x.id === r0.id) as (typeof all)[number];
    },
  );
  r.post(
    '/api/projects/:id/acceptance',
    {
      schema: {
        tags,
        // F-45, R-49
        summary: '项目验收（结算金额不低于已划转金额）',
        params: idParam,
        body: s.acceptanceBody,
        response: summary,
      },
    },
    async (req) => {
      await recordAcceptance(req.ctx, req.params.id, req.body);
      return projectSummary(req.ctx, req.params.id);
    },
  );
  r.post(
    '/api/projects/:id/refunds',
    // F-46
    { schema: { tags, summary: '清退：开具清退通知单', params: idParam, body: s.refundBody, response: summary } },
    async (req) => {
      await issueRefund(req.ctx, req.params.id, req.body);
      return projectSummary(req.ctx, req.params.id);
    },
  );
  r.post(
    '/api/projects/:id/cancel',
    // F-47, R-50
    { schema: { tags, summary: '撤销项目（须先发布撤销公示）', params: idParam, response: summary } },
    async (req) => {
      await cancelProject(req.ctx, req.params.id);
      return projectSummary(req.ctx, req.params.id);
    },
  );

  r.get(
    '/api/office/project-requests',
    {
      schema: {
        tags: officeTags,
        // F-60
        summary: '立项申请、资金拨付申请与清退通知单',
        querystring: s.requestQuery,
        response: { 200: pageOf(s.officeRequestRow) },
      },
    },
    async (req) => officeRequests(req.ctx, req.query),
  );
  const reqParam = idParam;
  r.post(
    '/api/office/project-requests/:id/accept',
    {
      schema: {
        tags: officeTags,
        // F-62
        summary: '受理（窗口收到纸质材料；received 须含该类申请的全部要件）',
        params: reqParam,
        body: acceptBody,
        response: { 200: ok },
      },
    },
    async (req) => {
      await acceptRequest(req.ctx, req.params.id, req.body.note, req.body.received);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/office/project-requests/:id/approve',
    { schema: { tags: officeTags, summary: '审核通过（立项；拨付申请即向银行发出划转指令）', params: reqParam, response: { 200: ok } } },
    async (req) => {
      await approveRequest(req.ctx, req.params.id);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/office/project-requests/:id/reject',
    {
      schema: {
        tags: officeTags,
        summary: '审核退回（须填写原因）',
        params: reqParam,
        body: z.object({ reason: text('退回原因', 500) }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await rejectRequest(req.ctx, req.params.id, req.body.reason);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/bank/project-instructions',
    {
      schema: {
        tags: bankTags,
        // F-70
        summary: '待划转的拨付指令与待收款的清退通知单，或本行已确认的',
        querystring: z.object({ state: z.enum(['pending', 'confirmed']).default('pending') }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                number: z.string(),
                kind: z.enum(['transfer', 'project_refund']),
                amount: z.number(),
                payees: z.array(s.payeeView),
                projectNo: z.string(),
                projectName: z.string(),
                areaName: z.string(),
                status: z.string(),
                confirmedAt: z.date().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => bankQueue(req.ctx, req.query.state),
  );
  //
  const bankApiDescription =
    '认证同交款确认接口：x-wygl-key、x-wygl-timestamp、x-wygl-signature = hex(HMAC-SHA256(密钥, timestamp + "\\n" + 方法 + "\\n" + 路径 + "\\n" + 请求体原文))。同一编号重复确认返回首次结果（repeated=true）；金额不同返回 409。';
  for (const [path, kind, label] of [
    // F-44
    ['project-transfers', 'transfer', '划转确认（拨付指令）'],
    // F-46
    ['project-refunds', 'project_refund', '清退确认（清退通知单）'],
  ] as const) {
    r.post(
      `/api/bank/${path}/confirm`,
      {
        schema: {
          tags: bankTags,
          summary: `${label}（银行工作台，按编号幂等）`,
          body: s.bankConfirmBody,
          response: { 200: s.bankConfirmResult },
        },
      },
      async (req) => confirmAtCounter(req.ctx, kind, req.body),
    );
    r.post(
      `/api/bank-api/v1/${path}/confirm`,
      {
        schema: {
          tags: bankTags,
          // F-71
          summary: `${label}（银行接口）`,
          description: bankApiDescription,
          security: [{ bankKey: [] }],
          body: s.bankConfirmBody,
          response: { 200: s.bankConfirmResult },
        },
        preValidation: async (req) => {
          req.bankOrgId = await authenticateBank(req.ctx, req);
        },
      },
      async (req) => confirmProjectMoney(req.ctx, kind, req.bankOrgId as number, null, req.body, 'api'),
    );
  }

  r.get(
    '/api/public/areas/:id/projects',
    {
      schema: {
        tags: publicTags,
        summary: '物业区域的维修项目（无需登录；已发布公示的项目，含状态与金额）',
        params: idParam,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                no: z.string(),
                name: z.string(),
                type: s.projectType,
                typeLabel: z.string(),
                status: s.projectStatus,
                statusLabel: z.string(),
                stage: s.projectStage,
                stageLabel: z.string(),
                budgetTotal: z.number(),
                settlementAmount: z.number().nullable(),
                transferred: z.number(),
                refunded: z.number(),
                firstNoticeAt: z.date(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => publicAreaProjects(req.ctx, req.params.id),
  );
  const settingsBody = z.object({
    voteRule: z.enum(['civil-code-2021', 'double-two-thirds'], { error: '表决规则须为 civil-code-2021 或 double-two-thirds' }),
    projectNoticeMinDays: z.number().int().min(1, '最短公示期至少 1 日').max(90, '最短公示期不超过 90 日'),
    acceptanceFirstPercent: z.number().int().min(1, '验收前拨付比例须为 1–100').max(100, '验收前拨付比例须为 1–100'),
  });
  r.get(
    '/api/office/project-settings',
    {
      schema: {
        tags: officeTags,
        // F-62: R-42, F-41, R-46
        summary: '维修项目参数（表决规则、最短公示期、验收前拨付比例）',
        response: { 200: settingsBody },
      },
    },
    async (req) => projectSettings(req.ctx),
  );
  r.put(
    '/api/office/project-settings',
    {
      // F-62
      schema: { tags: officeTags, summary: '修改维修项目参数（记入审计日志）', body: settingsBody, response: { 200: settingsBody } },
    },
    async (req) => saveProjectSettings(req.ctx, req.body),
  );
  r.get(
    '/api/public/project-notices',
    {
      schema: {
        tags: publicTags,
        summary: '维修项目公示列表（无需登录；按物业区域、类型、日期筛选）',
        querystring: s.noticeQuery,
        response: { 200: pageOf(s.publicNotice) },
      },
    },
    async (req) => publicNotices(req.ctx, req.query),
  );
  r.get(
    '/api/public/project-notices/:no',
    {
      schema: {
        tags: publicTags,
        summary: '公示详情及其清册（预算清册 / 决算清册，分页）',
        params: z.object({ no: z.string().trim().min(4).max(40) }),
        querystring: page,
        response: { 200: s.publicNoticeDetail },
      },
    },
    async (req) => publicNotice(req.ctx, req.params.no, req.query.page, req.query.pageSize),
  );
}
