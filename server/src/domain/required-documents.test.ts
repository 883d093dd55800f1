import { describe, expect, it } from 'vitest';
import {
  acceptanceNote,
  checkReceived,
  checkUploaded,
  DEFAULT_REQUIRED_DOCUMENTS,
  missingDocuments,
  projectDocType,
  REQUIRED_DOC_TYPES,
  requiredDocumentsSchema,
} from './required-documents.ts';

describe('F-62 required documents', () => {
  it('F-62 every request type has a non-empty default list, and the defaults pass the schema', () => {
    for (const type of REQUIRED_DOC_TYPES) expect(DEFAULT_REQUIRED_DOCUMENTS[type].length, type).toBeGreaterThan(0);
    expect(requiredDocumentsSchema.parse(DEFAULT_REQUIRED_DOCUMENTS)).toEqual(DEFAULT_REQUIRED_DOCUMENTS);
    expect(DEFAULT_REQUIRED_DOCUMENTS['project.approval.general']).toEqual(
      expect.arrayContaining(['业主大会（业主表决）决议', '施工合同', '工程预算书']),
    );
    expect(DEFAULT_REQUIRED_DOCUMENTS['project.approval.emergency']).toEqual(expect.arrayContaining(['紧急情况证明', '现场照片']));
    expect(DEFAULT_REQUIRED_DOCUMENTS['project.disbursement']).toEqual(expect.arrayContaining(['工程进度证明', '发票']));
  });

  it('F-62 a project request is checked against its approval list by project type, a disbursement against one list', () => {
    expect(projectDocType('approval', 'general')).toBe('project.approval.general');
    expect(projectDocType('approval', 'emergency')).toBe('project.approval.emergency');
    expect(projectDocType('approval', 'simple')).toBe('project.approval.simple');
    expect(projectDocType('disbursement', 'simple')).toBe('project.disbursement');
  });

  it('F-62 the schema refuses an empty or over-long name, more than 15 names and a name listed twice, naming the place', () => {
    const base = { ...DEFAULT_REQUIRED_DOCUMENTS };
    const issues = (lists: object) => {
      const r = requiredDocumentsSchema.safeParse(lists);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ ...base, building_change: ['业务申请表', '  '] })).toEqual(['building_change.1: 楼幢变更：要件名称不能为空']);
    expect(issues({ ...base, building_change: ['一'.repeat(31)] })).toEqual(['building_change.0: 楼幢变更：要件名称不超过 30 个字']);
    expect(issues({ ...base, building_change: ['一'.repeat(30)] })).toEqual([]);
    expect(issues({ ...base, house_change: Array.from({ length: 16 }, (_, i) => `材料${i}`) })).toEqual([
      'house_change: 房屋信息变更：要件不超过 15 项',
    ]);
    expect(issues({ ...base, 'project.disbursement': ['发票', '工程进度证明', ' 发票'] })).toEqual([
      'project.disbursement.2: 资金拨付申请：要件“发票”重复，每项要件只列一次',
    ]);
    expect(issues({ ...base, house_cancellation: undefined })).toHaveLength(1);
  });

  it('F-62 acceptance needs every required document: the missing ones are named in list order', () => {
    const required = ['立项申请单', '施工合同', '工程预算书'];
    expect(missingDocuments(required, ['工程预算书'])).toEqual(['立项申请单', '施工合同']);
    const refused = checkReceived('project.approval.general', required, ['工程预算书', '其他说明']);
    expect(refused.missing).toEqual(['立项申请单', '施工合同']);
    expect(refused.message).toBe('一般维修项目立项申请须收齐全部要件才能受理，尚缺：立项申请单、施工合同');
  });

  it('F-62 with everything received the record lists the required documents in order, then the extras, once each', () => {
    const ok = checkReceived('area_collection', ['业务申请表', '营业执照'], [' 营业执照', '补充说明', '业务申请表', '补充说明']);
    expect(ok).toEqual({ missing: [], message: null, recorded: ['业务申请表', '营业执照', '补充说明'] });
  });

  it('F-62 a submit needs an upload for each required document: the missing ones are named, what to do is said', () => {
    const required = ['资金拨付申请单', '发票', '收款账户证明'];
    const refused = checkUploaded('project.disbursement', required, ['发票', '发票', '其他']);
    expect(refused.missing).toEqual(['资金拨付申请单', '收款账户证明']);
    expect(refused.message).toBe('资金拨付申请尚缺要件：资金拨付申请单、收款账户证明。请在“上传要件”中逐项上传后再提交');
    expect(checkUploaded('project.disbursement', required, required)).toEqual({ missing: [], message: null });
    expect(checkUploaded('project.disbursement', [], [])).toEqual({ missing: [], message: null });
  });

  it('F-62 a type with an empty list accepts with nothing ticked', () => {
    expect(checkReceived('building_change', [], [])).toEqual({ missing: [], message: null, recorded: [] });
  });

  it('F-62 the acceptance note carries the received documents before the acceptor note', () => {
    expect(acceptanceNote(['施工合同', '发票'], ' 原件已核验 ')).toBe('已收要件：施工合同、发票；原件已核验');
    expect(acceptanceNote([], '材料齐全')).toBe('材料齐全');
    expect(acceptanceNote(['发票'], '')).toBe('已收要件：发票');
  });

  it('F-62 a blank tick is not recorded as a document', () => {
    expect(checkReceived('area_collection', ['业务申请表'], ['业务申请表', '  ', '']).recorded).toEqual(['业务申请表']);
  });
});
