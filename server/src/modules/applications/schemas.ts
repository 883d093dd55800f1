import { z } from 'zod';
import { APPLICATION_STATUSES, APPLICATION_TYPES } from '../../db/schema/index.ts';
import { APPLICATION_ACTIONS } from '../../domain/application-actions.ts';
import { requiredDocumentsKept } from '../../domain/required-documents.ts';
import { bodyId, offeredActions, oneOfNamed, page, pathId } from '../../lib/fields.ts';
import { formSchemas, itemSchemas } from './handlers.ts';
import { houseSnapshotSchema } from './shared.ts';
import { buildingSnapshotSchema } from './types/building-change.ts';

const FORM = '业务单表头，内容按业务类型而定';
const ITEM = '一行明细，内容按业务类型与明细类别而定';
export const formIn = oneOfNamed(formSchemas(), 'input', FORM);
export const itemIn = oneOfNamed(itemSchemas(), 'input', ITEM);

export const applicationType = z.enum(APPLICATION_TYPES, { error: '业务类型不正确' });
export const applicationStatus = z.enum(APPLICATION_STATUSES);

export const applicationSummary = z.object({
  id: z.number(),
  no: z.string(),
  type: applicationType,
  typeLabel: z.string(),
  status: applicationStatus,
  statusLabel: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  areaId: z.number().nullable(),
  areaName: z.string().nullable(),
  itemCount: z.number(),
  createdAt: z.date(),
  submittedAt: z.date().nullable(),
  acceptedAt: z.date().nullable(),
  reviewedAt: z.date().nullable(),
  rejectReason: z.string().nullable(),
  requiredDocuments: requiredDocumentsKept,
  actions: offeredActions(
    APPLICATION_ACTIONS,
    '当前用户接下来可办理的步骤（开发企业：修改、提交、撤回、打印；管理中心：受理、退回、审核、打印）',
  ),
});

export const applicationDetail = applicationSummary.extend({
  form: oneOfNamed(formSchemas(), 'output', FORM),
  outcome: z.unknown(),
  acceptNote: z.string().nullable(),
  itemCounts: z.record(z.string(), z.number()),
  open: z.boolean(),
  events: z.array(z.object({ action: z.string(), userName: z.string(), orgName: z.string(), note: z.string(), at: z.date() })),
  rounds: z
    .array(
      z.object({
        submittedAt: z.date(),
        acceptedAt: z.date().nullable(),
        reviewedAt: z.date().nullable(),
        result: z.enum(['approved', 'rejected']).nullable(),
      }),
    )
    .describe('每次提交及其后的受理、审核（退回后重新提交为新的一轮）'),
});

export const listQuery = page.extend({
  type: applicationType.optional(),
  status: applicationStatus.optional(),
  areaId: pathId('物业区域').optional(),
  orgId: pathId('机构').optional(),
  q: z.string().trim().max(60).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const createBody = z.object({ type: applicationType, areaId: bodyId('物业区域').optional(), form: formIn });
export const itemsQuery = page.extend({ kind: z.string().min(1).max(30) });
export const itemRow = z.object({
  seq: z.number(),
  houseId: z.number().nullable(),
  buildingId: z.number().nullable(),
  before: oneOfNamed([houseSnapshotSchema, buildingSnapshotSchema], 'output', '办理前的房屋或楼幢；新增的明细没有').nullable(),
  data: oneOfNamed(itemSchemas(), 'output', ITEM),
});
export const cellError = z.object({ row: z.number(), column: z.string(), message: z.string() });
/** R-14 refusal: the first errors by row (at most 200) and how many there are in all. */
export const importRefusal = z.object({
  code: z.string(),
  message: z.string(),
  errors: z.array(cellError),
  total: z.number().describe('错误总数；列表只含前 200 处，全部见标注文件'),
});
