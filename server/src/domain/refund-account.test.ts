import { describe, expect, it } from 'vitest';
import { accountNameWarning } from './refund-account.ts';

describe('refund account name', () => {
  it('R-12 R-13 accepts the name of any owner, ignoring spaces and full-width forms', () => {
    expect(accountNameWarning('李 四', [{ name: '张三' }, { name: '李四' }])).toBeNull();
    expect(accountNameWarning('ＡＢＣ有限公司', [{ name: 'ABC有限公司' }])).toBeNull();
  });
  it('R-12 R-13 warns, naming the owners, when the name is none of them', () => {
    expect(accountNameWarning('王五', [{ name: '张三' }, { name: '李四' }])).toBe(
      '收款户名“王五”与该房屋业主（张三、李四）均不一致，请核对退款账户',
    );
  });
  it('R-12 R-13 has nothing to compare against for a house with no owners on record', () => {
    expect(accountNameWarning('王五', [])).toBeNull();
  });
});
