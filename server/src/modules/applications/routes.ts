import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, pageOf, pathId, text } from '../../lib/fields.ts';
import { acceptBody } from '../../domain/required-documents.ts';
import { readUpload } from '../../lib/uploads.ts';
import { houseTemplate } from '../registry/house-import.ts';
import { supportedTypes } from './handlers.ts';
import { addDocument, listDocuments, removeDocument } from './documents.ts';
import { exportItems, importHouseChanges } from './export.ts';
import { annotateHouseFile, importHouseItems } from './import.ts';
import {
  applicationDetail,
  applicationSummary,
  createBody,
  formIn,
  importRefusal,
  itemIn,
  itemRow,
  itemsQuery,
  listQuery,
} from './schemas.ts';
import {
  accept,
  applicationDetail as detail,
  approve,
  createApplication,
  listApplications,
  listItems,
  reject,
  replaceItems,
  saveForm,
  submit,
  withdraw,
} from './service.ts';

import { attachment, XLSX_TYPE } from '../../lib/xlsx-export.ts';

const tags = ['业务单（物业区域管理）'];
const XLSX = XLSX_TYPE;

export function applicationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const afterChange = async (id: number, ctx: Parameters<typeof detail>[0]) => detail(ctx, id);

  r.get(
    '/api/applications/types',
    {
      schema: {
        tags,
        summary: '可办理的业务类型',
        response: {
          200: z.object({ items: z.array(z.object({ type: z.string(), label: z.string(), prefix: z.string(), needsArea: z.boolean() })) }),
        },
      },
    },
    async () => ({ items: supportedTypes() }),
  );
  r.get(
    '/api/applications',
    {
      schema: {
        tags,
        // F-60
        summary: '业务单列表（开发建设单位：本单位；管理部门：待办箱）',
        querystring: listQuery,
        response: { 200: pageOf(applicationSummary) },
      },
    },
    async (req) => listApplications(req.ctx, req.query),
  );
  r.post(
    '/api/applications',
    { schema: { tags, summary: '新建业务单（草稿）', body: createBody, response: { 201: applicationDetail } } },
    async (req, reply) => {
      const created = await createApplication(req.ctx, req.body);
      return reply.status(201).send(await afterChange(created.id, req.ctx));
    },
  );
  r.get(
    '/api/applications/:id',
    { schema: { tags, summary: '业务单详情与办理过程', params: idParam, response: { 200: applicationDetail } } },
    async (req) => detail(req.ctx, req.params.id),
  );
  r.put(
    '/api/applications/:id/form',
    {
      schema: {
        tags,
        summary: '保存业务单表头',
        params: idParam,
        body: z.object({ form: formIn }),
        response: { 200: applicationDetail },
      },
    },
    async (req) => {
      await saveForm(req.ctx, req.params.id, req.body.form);
      return afterChange(req.params.id, req.ctx);
    },
  );
  r.put(
    '/api/applications/:id/items/:kind',
    {
      schema: {
        tags,
        summary: '替换某类明细（选择的房屋、变更后信息、业主等）',
        params: idParam.extend({ kind: z.string().min(1).max(30) }),
        body: z.object({ rows: z.array(itemIn).max(50_000, '一次最多 50000 行') }),
        response: { 200: z.object({ count: z.number() }) },
      },
    },
    async (req) => replaceItems(req.ctx, req.params.id, req.params.kind, req.body.rows),
  );
  r.get(
    '/api/applications/:id/items',
    { schema: { tags, summary: '业务单明细（分页）', params: idParam, querystring: itemsQuery, response: { 200: pageOf(itemRow) } } },
    async (req) => listItems(req.ctx, req.params.id, req.query.kind, req.query.page, req.query.pageSize),
  );
  const readFile = (req: FastifyRequest) => readUpload(req, '请选择要导入的文件', '，请分批导入');
  r.post(
    '/api/applications/:id/import',
    {
      schema: {
        tags,
        //
        summary: '导入房屋（.xlsx 或 .csv；有错误时全部列出，且不导入任何数据）',
        params: idParam,
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({ imported: z.number(), addedBuildings: z.array(z.string()) }),
          422: importRefusal,
        },
      },
    },
    async (req) => importHouseItems(req.ctx, req.params.id, await readFile(req)),
  );
  r.post(
    '/api/applications/:id/import/annotated',
    { schema: { tags, summary: '下载标注了错误的导入文件（.xlsx）', params: idParam, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      const xlsx = await annotateHouseFile(req.ctx, req.params.id, await readFile(req));
      return reply.header('content-type', XLSX).header('content-disposition', attachment('导入错误标注.xlsx')).send(xlsx);
    },
  );
  r.get(
    '/api/applications/:id/export',
    {
      schema: {
        tags,
        summary: '批量导出明细为 .xlsx（房屋信息变更、房屋拆分合并）',
        params: idParam,
        querystring: z.object({ kind: z.string().min(1).max(30) }),
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment('房屋信息.xlsx'))
        .send(await exportItems(req.ctx, req.params.id, req.query.kind)),
  );
  r.post(
    '/api/applications/:id/import-changes',
    {
      schema: {
        tags,
        // F-16
        summary: '批量导入变更后的房屋信息（按房屋编号对应）',
        params: idParam,
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({ count: z.number() }),
          422: importRefusal,
        },
      },
    },
    async (req) => importHouseChanges(req.ctx, req.params.id, await readFile(req)),
  );
  const documentRow = z.object({ id: z.number(), kind: z.string(), fileId: z.number(), fileName: z.string(), size: z.number() });
  r.get(
    '/api/applications/:id/documents',
    { schema: { tags, summary: '业务单附件', params: idParam, response: { 200: z.object({ items: z.array(documentRow) }) } } },
    async (req) => listDocuments(req.ctx, req.params.id),
  );
  r.post(
    '/api/applications/:id/documents',
    {
      schema: {
        tags,
        summary: '上传附件（JPG/JPEG/PNG，不超过 1M，按内容检查）',
        params: idParam,
        querystring: z.object({ kind: z.string().trim().min(1).max(40).default('其他材料') }),
        consumes: ['multipart/form-data'],
        response: { 201: documentRow },
      },
    },
    async (req, reply) => reply.status(201).send(await addDocument(req.ctx, req.params.id, req.query.kind, await readFile(req))),
  );
  r.delete(
    '/api/applications/:id/documents/:documentId',
    {
      schema: {
        tags,
        summary: '删除附件',
        params: idParam.extend({ documentId: pathId('材料编号') }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await removeDocument(req.ctx, req.params.id, req.params.documentId);
      return { ok: true as const };
    },
  );
  r.get('/api/templates/houses.xlsx', { schema: { tags, summary: '下载房屋信息导入模板' } }, async (_req, reply) =>
    reply
      .header('content-type', XLSX)
      .header('content-disposition', attachment('房屋信息导入模板.xlsx'))
      .send(await houseTemplate()),
  );
  r.post(
    '/api/applications/:id/submit',
    { schema: { tags, summary: '保存并提交', params: idParam, response: { 200: applicationDetail } } },
    async (req) => {
      await submit(req.ctx, req.params.id);
      return afterChange(req.params.id, req.ctx);
    },
  );
  r.post(
    '/api/applications/:id/withdraw',
    { schema: { tags, summary: '撤回', params: idParam, response: { 200: applicationDetail } } },
    async (req) => {
      await withdraw(req.ctx, req.params.id);
      return afterChange(req.params.id, req.ctx);
    },
  );
  r.post(
    '/api/applications/:id/accept',
    {
      schema: {
        tags,
        // F-62
        summary: '受理（管理部门窗口；received 须含该类业务的全部要件）',
        params: idParam,
        body: acceptBody,
        response: { 200: applicationDetail },
      },
    },
    async (req) => {
      await accept(req.ctx, req.params.id, req.body.note, req.body.received);
      return afterChange(req.params.id, req.ctx);
    },
  );
  r.post(
    '/api/applications/:id/approve',
    { schema: { tags, summary: '审核通过（变更一次性生效）', params: idParam, response: { 200: applicationDetail } } },
    async (req) => {
      await approve(req.ctx, req.params.id);
      return afterChange(req.params.id, req.ctx);
    },
  );
  r.post(
    '/api/applications/:id/reject',
    {
      schema: {
        tags,
        summary: '审核退回（须填写原因）',
        params: idParam,
        body: z.object({ reason: text('退回原因', 500) }),
        response: { 200: applicationDetail },
      },
    },
    async (req) => {
      await reject(req.ctx, req.params.id, req.body.reason);
      return afterChange(req.params.id, req.ctx);
    },
  );
}
