import { BANK_KEY_ACTIONS } from '../../domain/bank-key-actions.ts';
import { offeredActions } from '../../lib/fields.ts';
import { ORG_STATUSES } from '../../domain/org-status.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { issueBankKey, listBankKeys, revokeBankKey, rotateBankKey, setCustodianBank } from './service.ts';

const tags = ['维修资金管理部门'];
const bankOrgId = z.object({ bankOrgId: z.number({ error: '请选择银行' }).int().positive('请选择银行') });
const keyParam = z.object({ keyId: z.string().min(1).max(60) });

const keyList = z.object({
  banks: z.array(z.object({ id: z.number(), name: z.string(), code: z.string(), status: z.enum(ORG_STATUSES) })),
  custodianBankId: z.number().nullable(),
  items: z.array(
    z.object({
      keyId: z.string(),
      bankOrgId: z.number(),
      bankName: z.string(),
      bankCode: z.string(),
      createdAt: z.date(),
      rotatedAt: z.date().nullable(),
      previousUntil: z.date().nullable(),
      lastUsedAt: z.date().nullable(),
      revokedAt: z.date().nullable(),
      status: z.enum(['active', 'revoked']),
      actions: offeredActions(BANK_KEY_ACTIONS, '可对该密钥办理的步骤（轮换、吊销），不能办理的附原因'),
    }),
  ),
});
const issued = z.object({ keyId: z.string(), secret: z.string(), bankName: z.string(), previousUntil: z.date().nullable() });

/** 系统管理 › 银行接口密钥 (F-71, §10): office administrators only. */
export function bankKeyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/office/bank-keys',
    { schema: { tags, summary: '银行接口密钥列表（不含密钥本身）', response: { 200: keyList } } },
    async (req) => listBankKeys(req.ctx),
  );
  r.post(
    '/api/office/bank-keys',
    { schema: { tags, summary: '为银行签发接口密钥（密钥仅在本次返回）', body: bankOrgId, response: { 200: issued } } },
    async (req) => issueBankKey(req.ctx, req.body.bankOrgId),
  );
  r.post(
    '/api/office/bank-keys/:keyId/rotate',
    {
      schema: { tags, summary: '轮换接口密钥（新密钥仅在本次返回；原密钥 24 小时内仍可用）', params: keyParam, response: { 200: issued } },
    },
    async (req) => rotateBankKey(req.ctx, req.params.keyId),
  );
  r.post(
    '/api/office/bank-keys/:keyId/revoke',
    { schema: { tags, summary: '吊销接口密钥（立即停用）', params: keyParam, response: { 200: keyList } } },
    async (req) => revokeBankKey(req.ctx, req.params.keyId),
  );
  r.put(
    '/api/office/custodian-bank',
    { schema: { tags, summary: '设置专户开户银行（只有它能确认交款、退款与划转）', body: bankOrgId, response: { 200: keyList } } },
    async (req) => setCustodianBank(req.ctx, req.body.bankOrgId),
  );
}
