import { describe, expect, it } from 'vitest';
import { bankKeyActions } from './bank-key-actions.ts';

describe('F-71 the steps offered on a bank API key', () => {
  it('F-71 a key in force may be rotated or revoked', () => {
    expect(bankKeyActions({ keyId: 'ICBC-0A1B2C3D', revoked: false })).toEqual([
      { action: 'rotate', allowed: true, blockedBy: null },
      { action: 'revoke', allowed: true, blockedBy: null },
    ]);
  });

  it('F-71 a revoked key offers neither, and says a new one is issued instead', () => {
    const message = '接口密钥 ICBC-0A1B2C3D 已吊销，请为该银行签发新密钥';
    expect(bankKeyActions({ keyId: 'ICBC-0A1B2C3D', revoked: true })).toEqual([
      { action: 'rotate', allowed: false, blockedBy: { message } },
      { action: 'revoke', allowed: false, blockedBy: { message } },
    ]);
  });
});
