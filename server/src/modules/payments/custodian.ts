import { sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../../db/client.ts';
import { custodianBankId } from '../../domain/custodian.ts';
import { AppError } from '../../lib/errors.ts';
import { settingOrDefault } from '../settings/store.ts';

/** The bank organisations and the office's choice among them (`custodianFacts`). */
export interface CustodianFacts {
  banks: { id: number; code: string }[];
  configured: unknown;
}

/**
 * The bank organisations and the office's choice among them as one JSON value, a column any
 * statement can carry: every bank confirmation starts with it. Without a bank organisation there
 * is no custodian either way.
 */
export const custodianFacts = sql`(select json_build_object(
    'banks', coalesce(json_agg(json_build_object('id', o.id, 'code', o.code) order by o.id), '[]'::json),
    'configured', (select s.value from settings s where s.key = 'custodianBankCode'))
  from organisations o where o.type = 'bank')`;

/**
 * Only the bank that keeps the custody account confirms money paid into or out of it, whether its
 * staff confirm in the workspace or its system over the API: another bank is refused before it
 * learns anything about the number.
 */
export async function requireCustodianBank(db: Conn, bankOrgId: number, what: string): Promise<void> {
  refuseUnlessCustodian(await custodianOf(db), bankOrgId, what);
}

/** `requireCustodianBank` on facts a statement already brought back (`custodianFacts`). */
export function refuseUnlessCustodian(facts: CustodianFacts | null, bankOrgId: number, what: string): void {
  const custodian = custodianIdOf(facts);
  if (custodian === null) {
    throw new AppError(403, 'NO_CUSTODIAN_BANK', '尚未指定维修资金专户的开户银行，暂不能确认，请联系维修资金管理部门');
  }
  if (custodian !== bankOrgId) {
    throw new AppError(403, 'NOT_CUSTODIAN_BANK', `${what}的款项经维修资金专户收付，须由专户开户银行确认；本行不是该专户的开户银行`);
  }
}

/** Whether an error is `refuseUnlessCustodian`'s: it answers the bank, not one of its notices. */
export const isCustodianRefusal = (error: unknown): boolean =>
  error instanceof AppError && (error.code === 'NO_CUSTODIAN_BANK' || error.code === 'NOT_CUSTODIAN_BANK');

async function custodianOf(db: Conn): Promise<CustodianFacts | null> {
  const [row] = await rowsOf<{ facts: CustodianFacts | null }>(db, sql`select ${custodianFacts} as facts`);
  return row?.facts ?? null;
}

/** Whether this bank keeps the custody account (its 工作台 lists what waits for its confirmation). */
export async function isCustodianBank(db: Conn, bankOrgId: number): Promise<boolean> {
  return custodianIdOf(await custodianOf(db)) === bankOrgId;
}

const custodianIdOf = (facts: CustodianFacts | null) =>
  facts ? custodianBankId(settingOrDefault('custodianBankCode', facts.configured ?? null), facts.banks) : null;
