import { REVIEW_STEPS } from '../../domain/review-steps.ts';
import { z } from 'zod';
import { PROJECT_STAGES } from '../../domain/project-stage.ts';
import { REQUIRED_DOC_TYPES, requiredDocumentsKept } from '../../domain/required-documents.ts';
import {
  PROJECT_NOTICE_KINDS,
  PROJECT_REQUEST_KINDS,
  PROJECT_REQUEST_STATUSES,
  PROJECT_STATUSES,
  PROJECT_TYPES,
} from '../../db/schema/index.ts';
import { bodyId, day, fen, offeredActions, optionalText, page, pathId, text } from '../../lib/fields.ts';

const id = bodyId();

const voteTotals = z.object({
  rangeArea: z.number().describe('表决范围总面积（0.01 平方米）'),
  rangeOwners: z.number().describe('表决范围总人数'),
  participatingArea: z.number(),
  participatingOwners: z.number(),
  agreeArea: z.number(),
  agreeOwners: z.number(),
});
export const projectType = z.enum(PROJECT_TYPES, { error: '项目类型须为：general（一般）、emergency（紧急）、simple（简单拨付）' });
export const projectStatus = z.enum(PROJECT_STATUSES);
/** 维修项目列表's status column: the stage the project has reached (domain/project-stage.ts). */
export const projectStage = z.enum(PROJECT_STAGES);

export const basicBody = z.object({
  name: text('项目名称', 100),
  description: optionalText('项目描述', 2000),
  periodFrom: day('施工开始日期').nullable().default(null).describe('施工期限（开始）'),
  periodTo: day('施工结束日期').nullable().default(null).describe('施工期限（结束）'),
});
export const createBody = basicBody.extend({ type: projectType });

export const itemsBody = z.object({
  items: z
    .array(
      z.object({
        id: id.optional().describe('已有明细的编号；新明细不填'),
        facilityId: z.number({ error: '请选择设施设备' }).int().positive(),
        content: text('维修内容', 500),
        contractor: optionalText('施工单位', 100),
        remark: optionalText('备注', 500),
        budget: fen('预算金额'),
      }),
    )
    .max(200, '维修设施设备最多 200 项'),
});

export const rangeBody = z.object({
  add: z.array(id).max(20000).default([]).describe('加入分摊范围的房屋编号'),
  addBuildings: z.array(id).max(500).default([]).describe('整幢加入分摊范围的楼幢编号'),
  remove: z.array(id).max(20000).default([]).describe('移出分摊范围的房屋编号'),
});

export const sharesBody = z.object({
  rows: z
    .array(z.object({ houseId: id, share: fen('分摊金额') }))
    .min(1, '请填写分摊金额')
    .max(20000),
});

/** 分摊合并 with the shares typed on the page and not yet saved (left out: the saved shares are merged). */
export const mergeBody = z
  .object({
    items: z
      .array(z.object({ itemId: id, rows: sharesBody.shape.rows }))
      .max(200)
      .default([])
      .describe('页面上已填写、尚未保存的分摊金额，先保存再合并'),
  })
  .optional();

export const planBody = z.object({
  phases: z.array(z.object({ amount: fen('本期拨付金额', 1), condition: optionalText('拨付条件', 500) })).max(20, '拨付计划最多 20 期'),
});

export const noticeBody = z.object({
  kind: z.enum(PROJECT_NOTICE_KINDS, { error: '公示类型须为 initiation（立项）、acceptance（验收）或 cancellation（撤销）' }),
  deadline: day('公示截止日'),
  content: optionalText('公示内容（撤销公示须写明撤销原因）', 5000),
});

/** F-42 / R-49: present when the entry corrects a result already recorded. */
const correctionReason = z
  .string({ error: '更正原因须为文字' })
  .trim()
  .min(1, '请填写更正原因')
  .max(200, '更正原因不能超过 200 个字符')
  .optional()
  .describe('更正已录入的结果时填写更正原因（留痕）；首次录入不填');

export const voteBody = z.discriminatedUnion('mode', [
  z.object({
    correctionReason,
    mode: z.literal('totals'),
    participatingArea: z.number().int().min(0).describe('参与表决面积（0.01 平方米）'),
    participatingOwners: z.number().int().min(0).describe('参与表决人数'),
    agreeArea: z.number().int().min(0).describe('同意面积（0.01 平方米）'),
    agreeOwners: z.number().int().min(0).describe('同意人数'),
  }),
  z.object({
    correctionReason,
    mode: z.literal('houses'),
    ballots: z
      .array(z.object({ houseId: id, choice: z.enum(['agree', 'oppose', 'abstain'], { error: '表决意见须为同意、反对或弃权' }) }))
      .max(20000)
      .describe('签字表上每户的意见；未列出的房屋视为未参与表决'),
  }),
]);

export const payee = z.object({
  unitName: z.string().max(200).describe('收款单位（施工单位）'),
  accountName: z.string().max(200).describe('账户名称'),
  bankName: z.string().max(200).describe('开户银行'),
  accountNo: z.string().max(64).describe('银行账号'),
  amount: fen('拨付金额', 1),
});
export const approvalBody = z.object({
  //
  payees: z.array(payee).max(50).default([]).describe('简单拨付维修项目：收款账户（合计须等于预算总额）'),
  note: optionalText('说明', 500),
});
export const disbursementBody = z.object({
  phaseId: id.describe('拨付计划的期'),
  payees: z.array(payee).min(1, '请至少填写一个收款账户').max(50),
  note: optionalText('说明', 500),
});
export const acceptanceBody = z.object({
  date: day('验收日期'),
  result: text('验收结果', 1000),
  settlement: fen('结算金额', 1),
  correctionReason,
});
export const refundBody = z.object({
  sourceIds: z.array(id).min(1, '请选择要清退的拨付').max(100),
  amount: fen('清退金额', 1),
  reason: text('清退原因', 500),
});

export const bankConfirmBody = z.object({
  number: z.string({ error: '拨付指令号/清退通知单号不能为空' }).trim().min(4, '编号不正确').max(40),
  amount: fen('金额', 1),
  bankRef: text('银行流水号', 60),
  bankDate: day('日期'),
});
export const bankConfirmResult = z.object({
  number: z.string(),
  kind: z.enum(['transfer', 'project_refund']),
  amount: z.number().describe('单位：分'),
  confirmedAt: z.string(),
  confirmationId: z.number(),
  //
  repeated: z.boolean().describe('重复确认时为 true，未作任何改动'),
});

export const listQuery = page.extend({
  type: projectType.optional(),
  status: projectStatus.optional(),
  stage: projectStage.optional().describe('按项目阶段筛选（列表“状态”列）'),
  areaId: pathId('物业区域').optional(),
  q: z.string().trim().max(60).optional(),
});
export const requestQuery = page.extend({
  kind: z.enum(PROJECT_REQUEST_KINDS).optional(),
  status: z.enum(PROJECT_REQUEST_STATUSES).optional(),
  areaId: pathId('物业区域').optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export const noticeQuery = page.extend({
  areaId: pathId('物业区域').optional(),
  kind: z.enum(PROJECT_NOTICE_KINDS).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const itemParams = z.object({ id: pathId(), itemId: pathId('明细编号') });

const money = z.number().describe('单位：分');
export const projectSummaryRow = z.object({
  id: z.number(),
  no: z.string(),
  name: z.string(),
  type: projectType,
  typeLabel: z.string(),
  status: projectStatus,
  statusLabel: z.string(),
  stage: projectStage,
  stageLabel: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  budgetTotal: money,
  settlementAmount: money.nullable(),
  transferred: money.describe('已划转（银行已确认）的拨付合计'),
  refunded: money.describe('已清退（银行已确认）合计'),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const projectDetail = z.object({
  id: z.number(),
  no: z.string(),
  type: projectType,
  typeLabel: z.string(),
  status: projectStatus,
  statusLabel: z.string(),
  stage: projectStage,
  stageLabel: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  name: z.string(),
  description: z.string(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  budgetTotal: money,
  items: z.array(
    z.object({
      id: z.number(),
      seq: z.number(),
      facilityId: z.number(),
      facilityName: z.string(),
      facilityType: z.string(),
      location: z.enum(['area', 'building', 'unit']),
      buildingId: z.number().nullable().describe('设施设备所在楼幢（全区域的设施设备为 null）'),
      locationLabel: z.string().describe('安装位置，与设施设备查询的写法相同，如“侨城花园 1栋”'),
      content: z.string(),
      contractor: z.string(),
      remark: z.string(),
      budget: money,
      houseCount: z.number(),
      shareTotal: money,
    }),
  ),
  phases: z.array(z.object({ id: z.number(), seq: z.number(), amount: money, condition: z.string() })),
  //
  warnings: z.array(z.string()).describe('尚未满足的金额规则（分摊合计、拨付计划合计）；提交立项申请时强制'),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const payeeView = z.object({
  unitName: z.string(),
  accountName: z.string(),
  bankName: z.string(),
  accountNo: z.string(),
  amount: money,
});
export const requestView = z.object({
  id: z.number(),
  no: z.string(),
  projectId: z.number(),
  kind: z.enum(PROJECT_REQUEST_KINDS),
  kindLabel: z.string(),
  status: z.enum(PROJECT_REQUEST_STATUSES),
  statusLabel: z.string(),
  phaseId: z.number().nullable(),
  phaseSeq: z.number().nullable(),
  amount: money,
  payees: z.array(payeeView),
  sourceIds: z.array(z.number()),
  payInAccount: z
    .object({ bankName: z.string(), accountName: z.string(), accountNo: z.string() })
    .nullable()
    .describe('清退通知单：缴款账户（维修资金专户）'),
  note: z.string(),
  submittedAt: z.date(),
  requiredDocuments: requiredDocumentsKept,
  acceptedAt: z.date().nullable(),
  acceptNote: z.string().nullable(),
  reviewedAt: z.date().nullable(),
  rejectReason: z.string().nullable(),
  confirmedAt: z.date().nullable(),
  actions: offeredActions(REVIEW_STEPS, '管理中心当前用户可办理的审核步骤（受理、退回、审核通过），不能办理的附原因'),
});
export const officeRequestRow = requestView.extend({
  projectNo: z.string(),
  projectName: z.string(),
  projectType: projectType,
  areaName: z.string(),
});

const blockedBy = z.object({ rule: z.string(), message: z.string() }).nullable();
const correctionState = z.object({ allowed: z.boolean(), blockedBy: blockedBy.describe('不能更正时：原因') });

export const projectSummary = z.object({
  id: z.number(),
  no: z.string(),
  name: z.string(),
  type: projectType,
  typeLabel: z.string(),
  status: projectStatus,
  statusLabel: z.string(),
  stage: projectStage,
  stageLabel: z.string(),
  money: z.object({
    budget: money,
    plan: money,
    applied: money.describe('申请中、已审核与已划转的拨付合计'),
    transferred: money,
    refunded: money,
    settlement: money.nullable(),
  }),
  rules: z.object({
    voteRule: z.enum(['civil-code-2021', 'double-two-thirds']),
    projectNoticeMinDays: z.number().int(),
    acceptanceFirstPercent: z.number().int(),
  }),
  vote: z.object({ rule: z.string(), passed: z.boolean(), totals: voteTotals, recordedAt: z.date().nullable() }).nullable(),
  acceptance: z.object({ date: z.string(), result: z.string(), settlement: money }).nullable(),
  notices: z.array(
    z.object({
      id: z.number(),
      no: z.string(),
      kind: z.enum(PROJECT_NOTICE_KINDS),
      kindLabel: z.string(),
      deadline: z.string(),
      publishedAt: z.date(),
      content: z.string(),
    }),
  ),
  requests: z.array(requestView),
  timeline: z.array(z.object({ action: z.string(), userName: z.string(), orgName: z.string(), note: z.string(), at: z.date() })),
  // F-42, R-49
  corrections: z.object({ vote: correctionState, acceptance: correctionState }).describe('已录入的表决结果、验收信息能否更正'),
  actions: z.array(
    z.object({
      action: z.string(),
      label: z.string(),
      allowed: z.boolean(),
      applicable: z.boolean().describe('此类项目是否有此操作（紧急项目无表决，简单拨付项目无单独拨付）'),
      blockedBy: blockedBy.describe('不能执行时：阻止它的规则编号与说明'),
    }),
  ),
});

export const rangeHouse = z.object({
  houseId: z.number(),
  building: z.string(),
  unit: z.string(),
  room: z.string(),
  address: z.string(),
  buildingArea: z.number().describe('0.01 平方米'),
  share: money,
});
export const mergedList = z.object({
  items: z.array(rangeHouse.extend({ owners: z.string() })),
  total: z.number(),
  totalArea: z.number(),
  totalShare: money,
});

export const publicNotice = z.object({
  id: z.number(),
  no: z.string(),
  kind: z.enum(PROJECT_NOTICE_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  content: z.string(),
  deadline: z.string(),
  budgetTotal: money,
  settlementAmount: money.nullable(),
  apportionBasis: z.enum(['area', 'custom']).nullable().describe('立项公示：area 按建筑面积分摊；custom 按逐户填写或导入的分摊金额'),
  publishedAt: z.date(),
  areaId: z.number(),
  areaName: z.string(),
  projectId: z.number(),
  projectNo: z.string(),
  projectName: z.string(),
  projectType: z.string(),
});
export const publicNoticeDetail = publicNotice.extend({
  list: z
    .object({ items: z.array(rangeHouse), total: z.number(), totalArea: z.number(), totalShare: money })
    .nullable()
    .describe('立项公示：预算清册；验收公示：决算清册；撤销公示：无'),
});

export const voteResult = z.object({
  rule: z.enum(['civil-code-2021', 'double-two-thirds']),
  totals: voteTotals,
  passed: z.boolean(),
  reasons: z.array(z.string()).describe('未通过时每个未满足的条件'),
});
export const documentRow = z.object({
  id: z.number(),
  kind: z.string(),
  // F-62
  docName: z.string().nullable().describe('此附件证明的要件；null 为其他材料（含早先未标明要件的上传）'),
  requestId: z.number().nullable().describe('随之提交的资金拨付申请；null 为尚未提交'),
  fileId: z.number(),
  fileName: z.string(),
  size: z.number(),
});
export const requestDocuments = z.object({
  type: z.enum(REQUIRED_DOC_TYPES),
  // F-62
  required: z.array(z.string()).describe('提交时的要件清单'),
  items: z.array(documentRow),
});
