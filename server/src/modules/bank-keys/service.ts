import { randomBytes } from 'node:crypto';
import { asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { bankApiKeys, organisations } from '../../db/schema/index.ts';
import { bankKeyActions, revokedKeyRefusal } from '../../domain/bank-key-actions.ts';
import { custodianBankId } from '../../domain/custodian.ts';
import { requirePermission, type Ctx } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { getSetting, putSetting } from '../settings/store.ts';

/** After a rotation the previous secret keeps working this long, so the bank can switch without a gap. */
export const ROTATION_OVERLAP_HOURS = 24;

const newSecret = () => randomBytes(32).toString('base64url');
const newKeyId = (bankCode: string) => `${bankCode}-${randomBytes(4).toString('hex').toUpperCase()}`;

type KeyRow = typeof bankApiKeys.$inferSelect;

/** What the office sees of a key: never its secret. */
function keyView(k: KeyRow, bank: { name: string; code: string }, now: Date) {
  return {
    keyId: k.keyId,
    bankOrgId: k.orgId,
    bankName: bank.name,
    bankCode: bank.code,
    createdAt: k.createdAt,
    rotatedAt: k.rotatedAt,
    previousUntil: k.previousUntil && k.previousUntil > now ? k.previousUntil : null,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
    status: k.revokedAt ? ('revoked' as const) : ('active' as const),
    actions: bankKeyActions({ keyId: k.keyId, revoked: k.revokedAt !== null }),
  };
}

async function banksOf(db: Ctx['db'] | Tx) {
  return db
    .select({ id: organisations.id, name: organisations.name, code: organisations.code, status: organisations.status })
    .from(organisations)
    .where(eq(organisations.type, 'bank'))
    .orderBy(asc(organisations.id));
}

/** 银行接口密钥: every bank organisation with its keys, and which bank keeps the custody account. */
export async function listBankKeys(ctx: Ctx) {
  requirePermission(ctx, 'office.config');
  const [banks, rows, code] = await Promise.all([
    banksOf(ctx.db),
    ctx.db.select().from(bankApiKeys).orderBy(desc(bankApiKeys.createdAt), asc(bankApiKeys.keyId)),
    getSetting(ctx.db, 'custodianBankCode'),
  ]);
  const byId = new Map(banks.map((b) => [b.id, b]));
  const now = ctx.clock.now();
  return {
    banks,
    custodianBankId: custodianBankId(code, banks),
    items: rows.flatMap((k) => {
      const bank = byId.get(k.orgId);
      return bank ? [keyView(k, bank, now)] : [];
    }),
  };
}

async function bankOrg(tx: Tx, id: number) {
  const [bank] = await tx.select().from(organisations).where(eq(organisations.id, id));
  if (bank?.type !== 'bank') throw notFound('专户银行');
  return bank;
}

async function lockedKey(tx: Tx, keyId: string) {
  const [k] = await tx.select().from(bankApiKeys).where(eq(bankApiKeys.keyId, keyId)).for('update');
  if (!k) throw notFound(`接口密钥 ${keyId}`);
  if (k.revokedAt) throw new AppError(409, 'KEY_REVOKED', revokedKeyRefusal(keyId));
  return k;
}

/** 签发: a new key for a bank; the answer is the only time its secret is shown. */
export async function issueBankKey(ctx: Ctx, bankOrgId: number) {
  const actor = requirePermission(ctx, 'office.config');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const bank = await bankOrg(tx, bankOrgId);
    const keyId = newKeyId(bank.code);
    const secret = newSecret();
    await tx.insert(bankApiKeys).values({ keyId, orgId: bank.id, secret, createdAt: now, createdBy: actor.userId });
    // The secret never reaches the audit log.
    await audit(tx, ctx, {
      action: 'bank-key.issue',
      entity: 'bank_api_key',
      entityId: keyId,
      summary: `为 ${bank.name} 签发接口密钥 ${keyId}`,
      after: { keyId, bank: bank.name, status: 'active' },
    });
    return { keyId, secret, bankName: bank.name, previousUntil: null };
  });
}

/** 轮换: a new secret under the same key id; the old one keeps working for the overlap. */
export async function rotateBankKey(ctx: Ctx, keyId: string) {
  requirePermission(ctx, 'office.config');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const k = await lockedKey(tx, keyId);
    const bank = await bankOrg(tx, k.orgId);
    const secret = newSecret();
    const previousUntil = new Date(now.getTime() + ROTATION_OVERLAP_HOURS * 3600_000);
    await tx
      .update(bankApiKeys)
      .set({ secret, previousSecret: k.secret, previousUntil, rotatedAt: now })
      .where(eq(bankApiKeys.keyId, keyId));
    await audit(tx, ctx, {
      action: 'bank-key.rotate',
      entity: 'bank_api_key',
      entityId: keyId,
      summary: `轮换 ${bank.name} 的接口密钥 ${keyId}，原密钥 ${ROTATION_OVERLAP_HOURS} 小时内仍可用`,
      before: { rotatedAt: k.rotatedAt },
      after: { rotatedAt: now, previousUntil },
    });
    return { keyId, secret, bankName: bank.name, previousUntil };
  });
}

/** 吊销: the key (and a previous secret still in its overlap) stops working at once. */
export async function revokeBankKey(ctx: Ctx, keyId: string) {
  requirePermission(ctx, 'office.config');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const k = await lockedKey(tx, keyId);
    const bank = await bankOrg(tx, k.orgId);
    await tx.update(bankApiKeys).set({ revokedAt: now, previousSecret: null, previousUntil: null }).where(eq(bankApiKeys.keyId, keyId));
    await audit(tx, ctx, {
      action: 'bank-key.revoke',
      entity: 'bank_api_key',
      entityId: keyId,
      summary: `吊销 ${bank.name} 的接口密钥 ${keyId}`,
      before: { status: 'active' },
      after: { status: 'revoked', revokedAt: now },
    });
  });
  return listBankKeys(ctx);
}

/** 专户开户银行: the bank whose confirmations move money into and out of the custody account. */
export async function setCustodianBank(ctx: Ctx, bankOrgId: number) {
  const actor = requirePermission(ctx, 'office.config');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const bank = await bankOrg(tx, bankOrgId);
    const before = await getSetting(tx, 'custodianBankCode');
    await putSetting(tx, 'custodianBankCode', bank.code, now, actor.userId);
    await audit(tx, ctx, {
      action: 'config.custodian-bank',
      entity: 'settings',
      entityId: 'custodianBankCode',
      summary: `设置专户开户银行：${bank.name}（${bank.code}）`,
      before: { custodianBankCode: before },
      after: { custodianBankCode: bank.code },
    });
  });
  return listBankKeys(ctx);
}
