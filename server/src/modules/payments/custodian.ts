import { eq, sql } from 'drizzle-orm';
import type { Conn } from '../../db/client.ts';
import { organisations, settings } from '../../db/schema/index.ts';
import { custodianBankId } from '../../domain/custodian.ts';
import { AppError } from '../../lib/errors.ts';
import { settingOrDefault } from '../settings/store.ts';

/**
 * Only the bank that keeps the custody account confirms money paid into or out of it, whether its
 * staff confirm in the workspace or its system over the API: another bank is refused before it
 * learns anything about the number.
 */
export async function requireCustodianBank(db: Conn, bankOrgId: number, what: string): Promise<void> {
  const custodian = await custodianOf(db);
  if (custodian === null) {
    throw new AppError(403, 'NO_CUSTODIAN_BANK', '尚未指定维修资金专户的开户银行，暂不能确认，请联系维修资金管理部门');
  }
  if (custodian !== bankOrgId) {
    throw new AppError(403, 'NOT_CUSTODIAN_BANK', `${what}的款项经维修资金专户收付，须由专户开户银行确认；本行不是该专户的开户银行`);
  }
}

async function custodianOf(db: Conn): Promise<number | null> {
  // The bank organisations and the office's choice among them in one query: every bank
  // confirmation starts here. Without a bank organisation there is no custodian either way.
  const banks = await db
    .select({
      id: organisations.id,
      code: organisations.code,
      configured: sql<unknown>`(select ${settings.value} from ${settings} where ${settings.key} = 'custodianBankCode')`,
    })
    .from(organisations)
    .where(eq(organisations.type, 'bank'));
  return custodianBankId(settingOrDefault('custodianBankCode', banks[0]?.configured ?? null), banks);
}

/** Whether this bank keeps the custody account (its 工作台 lists what waits for its confirmation). */
export async function isCustodianBank(db: Conn, bankOrgId: number): Promise<boolean> {
  return (await custodianOf(db)) === bankOrgId;
}
