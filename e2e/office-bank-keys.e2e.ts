// The fund office's bank API keys — SPEC §10 ("the office issues, rotates and revokes bank API keys";
// "every page of a demo instance says it is one") and §9 F-71. Issues a key of its own and revokes
// only that one, so the demo bank's key and the other specs are untouched.
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { goes, openMenu, screenshotFailures, shows, showsText, textOf, toast } from './helpers.ts';
import { selectOption } from './registry-helpers.ts';

let office: Browser;
test.beforeAll(async ({ openBrowser }) => {
  office = await openBrowser();
});
test.afterAll(async () => {
  await office?.close();
});
screenshotFailures(() => [office?.page]);

const DEMO_BANK_SECRET = 'wygl-demo-bank-secret-2026';

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('系统管理 › 银行接口密钥（维修资金管理部门）', () => {
  test('§10: the demo says it is one on the login page and in the workspace', async () => {
    const { page } = office;
    await page.goto('/login');
    await showsText(page.getByTestId('demo-banner'), '演示系统：数据均为虚构');
    await loginAs(page, 'JMWXZJ', 'admin');
    await showsText(page.getByTestId('demo-banner'), '请勿录入真实信息');
  });

  test('§10 F-71: the office issues a key to the bank, sees its secret once with a copy button, and revokes it', async () => {
    const { page } = office;
    await openMenu(page, '系统管理', '银行接口密钥');
    await shows(page.getByRole('heading', { name: '银行接口密钥' }));
    // The demo bank's key is listed; no secret is.
    await showsText(page.getByRole('row').filter({ hasText: 'ICBCJM-DEMO' }), '有效');
    expect(await page.content()).not.toContain(DEMO_BANK_SECRET);

    await selectOption(page, page.getByRole('combobox', { name: '签发密钥的银行' }), '中国工商银行江门分行');
    await page.getByRole('button', { name: /^签\s*发$/ }).click();
    const dialog = page.getByRole('dialog', { name: '接口密钥已签发' });
    await shows(dialog);
    await showsText(dialog, '密钥只显示这一次');
    const keyId = (await textOf(dialog)).match(/ICBCJM-[0-9A-F]{8}/)?.[0] as string;
    expect(keyId).toBeTruthy();
    const secret = await textOf(dialog.getByTestId('bank-key-secret'));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(await dialog.getByRole('button', { name: /复制|copy/i }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '我已妥善保存' }).click();
    await goes(dialog);

    // Never shown again: not in the list, not after a reload.
    const row = page.getByRole('row').filter({ hasText: keyId });
    await showsText(row, '未使用');
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await showsText(page.getByRole('row').filter({ hasText: keyId }), '有效');
    expect(await page.content()).not.toContain(secret);

    await page
      .getByRole('row')
      .filter({ hasText: keyId })
      .getByRole('button', { name: /^吊\s*销$/ })
      .click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^吊\s*销$/ })
      .click();
    await shows(toast(page, `接口密钥 ${keyId} 已吊销`));
    await showsText(page.getByRole('row').filter({ hasText: keyId }), '已吊销');
    await expect.poll(() => page.getByRole('row').filter({ hasText: keyId }).getByRole('button').count()).toBe(0);
  });
});
