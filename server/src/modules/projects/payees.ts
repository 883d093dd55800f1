import { normalizeAccountNo, type PayeeInput, validatePayee } from '../../domain/disbursement.ts';
import { invalidFields } from '../../lib/errors.ts';

/** Payees as stored (amount in fen as a string: JSON has no bigint). */
export interface StoredPayee {
  unitName: string;
  accountName: string;
  bankName: string;
  accountNo: string;
  amount: string;
}

/** F-44 / R-47: every payee checked at once, errors keyed `payees.N.field`. */
export function checkPayees(payees: readonly PayeeInput[]): StoredPayee[] {
  const errors: Record<string, string> = {};
  if (payees.length === 0) errors.payees = '请至少填写一个收款账户';
  payees.forEach((p, i) => {
    for (const [k, v] of Object.entries(validatePayee(p))) errors[`payees.${i}.${k}`] = `第 ${i + 1} 个收款账户：${v}`;
  });
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
  return payees.map((p) => ({
    unitName: p.unitName.trim(),
    accountName: p.accountName.trim(),
    bankName: p.bankName.trim(),
    accountNo: normalizeAccountNo(p.accountNo),
    amount: String(p.amount),
  }));
}

export const payeesView = (v: unknown) => (v as StoredPayee[]).map((p) => ({ ...p, amount: Number(p.amount) }));
