import { z } from 'zod';
import { REQUIRED_DOC_TYPE_LABELS, REQUIRED_DOC_TYPES, type RequiredDocType } from './required-doc-types.ts';

// The types and their names live apart from the zod schemas, so the web can read them without zod.
export { projectDocType, REQUIRED_DOC_TYPE_LABELS, REQUIRED_DOC_TYPES, type RequiredDocType } from './required-doc-types.ts';
export { checkReceived, checkUploaded, missingDocuments } from './required-documents-check.ts';

export type RequiredDocuments = Record<RequiredDocType, string[]>;

const approvalCommon = ['立项申请单', '业主大会（业主表决）决议', '立项公示张贴照片', '施工合同', '工程预算书'];

/**
 * What the window asks for until the office changes it. The manuals only say "携带相关要件"; these
 * are the documents a Chinese fund office commonly asks for with each business: the printed
 * application form first, then the proofs of what the application changes.
 */
export const DEFAULT_REQUIRED_DOCUMENTS: RequiredDocuments = {
  area_collection: ['业务申请表', '营业执照', '建设工程规划许可证', '商品房预售许可证', '房屋测绘报告'],
  building_change: ['业务申请表', '楼幢变更情况说明', '房屋测绘报告'],
  house_split_merge: ['业务申请表', '拆分合并情况说明', '房屋测绘报告', '规划部门批准文件'],
  house_supplement: ['业务申请表', '房屋测绘报告', '商品房预售许可证'],
  house_change: ['业务申请表', '房屋信息变更情况说明', '房屋测绘报告'],
  ownership_change: ['业务申请表', '不动产权证书（或购房合同）', '业主身份证明'],
  house_cancellation: ['业务申请表', '房屋注销（拆除）证明', '业主身份证明', '退款账户银行卡复印件'],
  'project.approval.general': approvalCommon,
  'project.approval.emergency': ['立项申请单', '紧急情况证明', '现场照片', '施工合同', '工程预算书'],
  'project.approval.simple': [
    '立项申请单',
    '业主大会（业主表决）决议',
    '施工合同',
    '工程结算书',
    '验收报告',
    '验收公示张贴照片',
    '发票',
    '收款账户证明',
  ],
  'project.disbursement': ['资金拨付申请单', '工程进度证明', '发票', '收款账户证明'],
};

export const MAX_DOCUMENTS_PER_TYPE = 15;
export const MAX_DOCUMENT_NAME = 30;

/** One document name: trimmed, 1–30 characters; `what` prefixes the messages (the type's name). */
const documentNameOf = (what: string) =>
  z.string().trim().min(1, `${what}要件名称不能为空`).max(MAX_DOCUMENT_NAME, `${what}要件名称不超过 ${MAX_DOCUMENT_NAME} 个字`);
export const documentName = documentNameOf('');

/** The ordered list of one type: at most 15 names, none twice; the messages name the type. */
export function documentList(type: RequiredDocType) {
  const what = `${REQUIRED_DOC_TYPE_LABELS[type]}：`;
  return z
    .array(documentNameOf(what), { error: `${what}要件须为名称的列表` })
    .max(MAX_DOCUMENTS_PER_TYPE, `${what}要件不超过 ${MAX_DOCUMENTS_PER_TYPE} 项`)
    .superRefine((names, ctx) => {
      const seen = new Set<string>();
      names.forEach((name, i) => {
        if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [i], message: `${what}要件“${name}”重复，每项要件只列一次` });
        seen.add(name);
      });
    });
}

/** The whole setting: every type has its list (an empty list means the window asks for nothing). */
export const requiredDocumentsSchema = z.object(
  Object.fromEntries(REQUIRED_DOC_TYPES.map((t) => [t, documentList(t)])) as Record<RequiredDocType, ReturnType<typeof documentList>>,
);

/** The acceptance note as stored: the documents received, then the acceptor's own note. */
export function acceptanceNote(received: readonly string[], note: string): string {
  const docs = received.length > 0 ? `已收要件：${received.join('、')}` : '';
  return [docs, note.trim()].filter((s) => s.length > 0).join('；');
}

/**
 * F-62: a request's list as kept at its submission; null for one submitted before lists were kept
 * (checked against the list in force).
 */
export const requiredDocumentsKept = z.array(z.string()).nullable().describe('提交时的要件清单，受理按此核对（null：按现行要件设置核对）');

/**
 * The body of both 受理 endpoints: an optional note and the documents the window received (F-62).
 * Leaving `received` out says nothing was received: enough only for a type whose list is empty.
 */
export const acceptBody = z.object({
  note: z.string().trim().max(500, '受理备注不超过 500 字').default(''),
  received: z
    .array(documentName, { error: '请列出收到的要件（received：要件名称的列表，无要件时为空列表）' })
    .max(2 * MAX_DOCUMENTS_PER_TYPE, `收到的要件不超过 ${2 * MAX_DOCUMENTS_PER_TYPE} 项`)
    .default([]),
});
