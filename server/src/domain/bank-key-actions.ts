import { type ActionState, offer } from './review-steps.ts';

/**
 * F-71 银行接口密钥: the office 轮换 or 吊销 a key while it is in force; a revoked key is done with
 * (the bank gets a new one). The use cases refuse a revoked key with the same words.
 */
export const BANK_KEY_ACTIONS = ['rotate', 'revoke'] as const;
export type BankKeyAction = (typeof BANK_KEY_ACTIONS)[number];

export const revokedKeyRefusal = (keyId: string) => `接口密钥 ${keyId} 已吊销，请为该银行签发新密钥`;

export function bankKeyActions(k: { keyId: string; revoked: boolean }): ActionState<BankKeyAction>[] {
  const refusal = k.revoked ? revokedKeyRefusal(k.keyId) : null;
  return BANK_KEY_ACTIONS.map((action) => offer(action, refusal));
}
