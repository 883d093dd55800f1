import { describe, expect, it } from 'vitest';
import { custodianBankId } from './custodian.ts';

const banks = [
  { id: 1, code: 'ICBCJM' },
  { id: 2, code: 'CCBJM' },
];

describe('custodian bank', () => {
  it('§10 bank keys: the configured bank keeps the custody account', () => {
    expect(custodianBankId('CCBJM', banks)).toBe(2);
    expect(custodianBankId('NONE', banks)).toBeNull();
  });
  it('§10 bank keys: unconfigured, only a single bank organisation is the custodian', () => {
    expect(custodianBankId(null, banks.slice(0, 1))).toBe(1);
    expect(custodianBankId(null, banks)).toBeNull();
    expect(custodianBankId(null, [])).toBeNull();
  });
});
