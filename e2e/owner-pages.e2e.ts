// SPEC §11 F-81 / F-83 on a phone: a demo owner of 侨城花园 1栋 logs in, reads the house's money, its
// statement, the roof project charging it with its notice, and the messages the demo city sent.
// F-80 on paper: the office window issues the 业主告知书 of a whole building and prints one sheet each.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type Browser, DEMO_PASSWORD, loginAs } from './browser.ts';
import { openMenu, screenshotFailures, shows, showsText } from './helpers.ts';
import { printSheets } from './print-check.ts';
import { selectOption } from './registry-helpers.ts';

/** The first demo owner the README lists: 侨城花园 1栋, bound online by the demo city. */
const OWNER_ID = '440784196401026194';
const PHONE = { width: 375, height: 812 };

let owner: Browser;
let office: Browser;
test.beforeAll(async ({ openBrowser }) => {
  [owner, office] = await Promise.all([openBrowser(), openBrowser()]);
  await owner.page.setViewportSize(PHONE);
});
test.afterAll(async () => {
  await Promise.all([owner?.close(), office?.close()]);
});
screenshotFailures(() => [owner?.page, office?.page]);

/** Nothing on the page is wider than the phone: no sideways scrolling. */
async function fitsPhone(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('业主服务 › 我的房屋（手机 375 px）', () => {
  test('F-81 F-83 an owner logs in on a phone and sees the house, its statement, the project charging it with its notice, and messages', async () => {
    const { page } = owner;
    await page.goto('/owner/login');
    // The portal's header fits the phone: the links fold into 菜单.
    await fitsPhone(page);
    const login = page.getByTestId('owner-login');
    await login.getByLabel('证件号码').fill(OWNER_ID);
    await login.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await login.getByRole('button', { name: /登\s*录/ }).click();

    const card = page.getByTestId('owner-house');
    await shows(card);
    await showsText(card, '侨城花园 1栋');
    await showsText(card, '余额（元）');
    // The demo city's messages are waiting, newest first, with the unread count. Which one is newest
    // depends on the specs run before (a notice published, a vote opened, money moved on the house).
    await showsText(page.getByTestId('owner-message').first(), /新公示|电子投票已开始|维修资金|维修项目|增值收益|分户账|房屋拆分/);
    await shows(page.getByRole('link', { name: /消息，\d+ 条未读/ }));
    await fitsPhone(page);

    await card.getByRole('button', { name: '分户账明细与维修项目' }).click();
    await page.waitForURL((url) => /^\/owner\/houses\/\d+$/.test(url.pathname));
    await shows(page.getByTestId('owner-house-detail'));
    const lines = page.getByTestId('owner-statement-line');
    await shows(lines.first());
    // Newest first: the deposit is the oldest line, the roof's transfer came after it (specs run before
    // may have added newer lines, an interest share for one).
    await showsText(lines, '维修支出');
    await showsText(lines.last(), '交存');
    const project = page.getByTestId('owner-project').filter({ hasText: '1栋屋面防水翻新' });
    await showsText(project, '拨付中');
    await showsText(project, '本户分摊（元）');
    await showsText(project, /本户表决(同意|反对|弃权|未投票)/);
    await fitsPhone(page);

    const notice = project.getByTestId('owner-project-notice');
    await showsText(notice, '1栋屋面防水翻新立项公示');
    await notice.click();
    await page.waitForURL((url) => url.pathname.startsWith('/notices/'));
    await showsText(page.locator('main, .portal-content').first(), '1栋屋面防水翻新立项公示');
    await fitsPhone(page);

    // The folded menu leads back to 业主服务.
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('navigation', { name: '手机导航' }).getByRole('link', { name: '业主服务' }).click();
    await page.waitForURL((url) => url.pathname === '/owner');

    await page.getByRole('link', { name: /^消息/ }).click();
    await page.waitForURL((url) => url.pathname === '/owner/messages');
    const message = page.getByTestId('owner-message').filter({ hasText: '新公示：1栋屋面防水翻新立项公示' });
    await showsText(message, '公示截止');
    await fitsPhone(page);
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await expect.poll(() => page.getByTestId('owner-message').locator('[aria-label="未读"]').count()).toBe(0);
    await shows(page.getByRole('link', { name: '消息', exact: true }));
  });
});

test.describe('业务受理 › 业主告知书', () => {
  test('F-80 the office window issues the letters of a whole building and the print gives one A4 sheet per letter', async () => {
    const { page } = office;
    await loginAs(page, 'JMWXZJ', 'shouli');
    await openMenu(page, '业务受理', '业主告知书');
    await selectOption(page, page.getByRole('combobox', { name: '物业区域' }), '侨城花园');
    await selectOption(page, page.getByRole('combobox', { name: '楼幢' }), '4栋');
    await page.getByRole('button', { name: '出具业主告知书' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '出具并打印' }).click();
    await page.waitForURL((url) => url.pathname === '/print/owner-letters');

    const letters = page.getByTestId('owner-letter');
    await shows(letters.first());
    const count = await letters.count();
    expect(count).toBeGreaterThan(1);
    await showsText(page.getByRole('button', { name: /打印/ }), `打印（${count} 份）`);
    const codes = await page.getByTestId('owner-letter-code').allTextContents();
    expect(codes).toHaveLength(count);
    expect(new Set(codes).size).toBe(count);
    for (const c of codes) expect(c).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect.poll(() => page.getByTestId('print-qrcode').count()).toBe(count);

    // One sheet per letter, each saying which of how many it is, with its own code on it.
    const sheets = await printSheets(page);
    expect(sheets).toHaveLength(count);
    sheets.forEach((text, i) => {
      expect(text).toContain('业主告知书');
      expect(text).toContain(codes[i]);
      expect(text).toContain('侨城花园4栋');
    });
  });
});
