import { ID_CARD_RULE, isValidIdCard, MOBILE_PATTERN, MOBILE_RULE } from '../../lib/idCard';
import type { IdType } from '../registry/enums';

export interface OwnerDraft {
  /** Local key for React lists. */
  key: string;
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
}

export type OwnerField = 'name' | 'idType' | 'idNumber' | 'phone';
export type OwnerProblems = Partial<Record<OwnerField, string>>;

let counter = 0;
export const newOwnerKey = () => `o${++counter}`;

export const blankOwner = (): OwnerDraft => ({ key: newOwnerKey(), name: '', idType: '居民身份证', idNumber: '', phone: '' });

/**
 * 业主信息中的业主姓名、证件号、证件类型、手机号都是必填项 (manual §1.4.2 第六步 注): the same checks
 * the server makes, so the clerk sees them before printing.
 */
export function ownerProblems(o: OwnerDraft): OwnerProblems {
  const p: OwnerProblems = {};
  if (!o.name.trim()) p.name = '请填写业主姓名';
  if (!o.idType) p.idType = '请选择证件类型';
  const id = o.idNumber.trim();
  if (!id) p.idNumber = '请填写证件号码';
  else if (o.idType === '居民身份证' && !isValidIdCard(id)) p.idNumber = ID_CARD_RULE;
  const phone = o.phone.trim();
  if (!phone) p.phone = '请填写手机号';
  else if (!MOBILE_PATTERN.test(phone)) p.phone = MOBILE_RULE;
  return p;
}
