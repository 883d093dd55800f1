import type { OrgType } from './roles.ts';

/** 要件 each kind of organisation uploads at registration (F-1). */
export interface DocumentRequirement {
  kind: string;
  label: string;
  required: boolean;
}

export const REGISTRATION_DOCUMENTS: Record<'committee' | 'developer', DocumentRequirement[]> = {
  committee: [
    { kind: 'filing', label: '业主委员会备案证明', required: true },
    { kind: 'orgCodeCert', label: '组织机构代码证（如有）', required: false },
    { kind: 'directorId', label: '业主委员会主任身份证', required: true },
  ],
  developer: [
    { kind: 'businessLicence', label: '营业执照', required: true },
    { kind: 'qualification', label: '房地产开发资质证书', required: true },
    { kind: 'legalRepId', label: '法定代表人身份证', required: true },
  ],
};

export function documentsFor(type: OrgType): DocumentRequirement[] {
  return type === 'committee' || type === 'developer' ? REGISTRATION_DOCUMENTS[type] : [];
}

export const REGISTRATION_AGREEMENT = `机构注册协议

一、注册机构应保证所填写的机构信息及上传的要件真实、准确、完整、有效。因信息不实造成的后果，由注册机构承担。
二、机构代码是本机构在本平台的登录账号。有《组织机构代码证》或统一社会信用代码的，应填写该代码；没有的，由业主委员会根据物业区域名称以汉语拼音编号。
三、注册机构应妥善保管账号和密码，对本账号下的全部操作负责。发现账号被盗用的，应立即修改密码并告知维修资金管理部门。
四、注册后即可登录平台申办业务。在提交首单业务纸质材料时，应一并提交注册时上传要件的纸质材料（A4 纸复印，加盖单位公章），由维修资金管理部门核验原件。
五、注册机构通过本平台提交的业务申请，经维修资金管理部门受理、审核后生效。平台记录每一次操作，供监督检查。
六、住宅专项维修资金属于业主所有，专项用于住宅共用部位、共用设施设备保修期满后的维修和更新、改造，不得挪作他用。
七、注册机构违反法律法规或本协议的，维修资金管理部门可暂停其账号的使用。
八、本协议自注册机构勾选“我已阅读并同意”并提交注册之日起生效。`;
