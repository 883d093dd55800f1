// 撤销项目 — owners' committee manual (seeds/000) §1.3.5: 第一步 操作 › 公示管理 › 撤销公示 发布公示, 第二步 选择公示时间、
// 填写撤销原因、发布预览、确认发布并打印公示, 第三步 操作 › 撤销 → 撤销成功.
// SPEC §7.2 F-47, R-50 (not while transferred money is unrefunded), F-41 (the notice is public at once), §10 Printing.
// The demo's draft 3栋电梯曳引机更换 is withdrawn; 1栋屋面防水翻新, with its first phase transferred, cannot be.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { goes, openMenu, screenshotFailures, shows, showsText, toast, uniqueSuffix } from './helpers.ts';
import { operate, printFrom, projectRow, settled } from './project-helpers.ts';

const DRAFT = '3栋电梯曳引机更换';
const RUNNING = '1栋屋面防水翻新';
const REASON = `电梯厂家免费更换曳引机，无需动用维修资金（${uniqueSuffix()}）`;

let b: Browser;
let visitor: Browser;
test.beforeAll(async ({ openBrowser }) => {
  b = await openBrowser();
  visitor = await openBrowser();
});
test.afterAll(async () => {
  await visitor?.close();
  await b?.close();
});
screenshotFailures(() => [b?.page, visitor?.page]);

async function openOperations(page: Page, project: string) {
  await openMenu(page, '维修项目管理', '维修项目列表');
  await projectRow(page, project).getByRole('button', { name: '操作' }).click();
}

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.3.5 撤销项目（业主委员会）', () => {
  let noticeNo: string;

  test('R-50 a project with transferred money not refunded cannot be withdrawn: 撤销 is disabled and the project page says why', async () => {
    const { page } = b;
    await loginAs(page, 'QCHYYWH', 'zhuren');
    await openOperations(page, RUNNING);
    await shows(page.locator('.ant-dropdown-menu-item-disabled').filter({ hasText: /^撤销$/ }));
    await page.keyboard.press('Escape');
    await projectRow(page, RUNNING).getByRole('link', { name: RUNNING }).click();
    await showsText(
      page.getByTestId('blocked-actions'),
      /撤销：已划转 [\d,]+\.\d{2} 元，已清退 [\d,]+\.\d{2} 元，尚有 [\d,]+\.\d{2} 元未清退，须先清退才能撤销/,
    );
    expect(await page.getByTestId('blocked-actions').textContent()).not.toMatch(/R-\d/);
  });

  test('F-47 F-41: 第一步 第二步 公示管理 › 撤销公示 — the reason is required; 发布预览 then 发布 publishes it at once', async () => {
    const { page } = b;
    // Before its notice, 撤销 itself is not offered.
    await openOperations(page, DRAFT);
    await shows(page.locator('.ant-dropdown-menu-item-disabled').filter({ hasText: /^撤销$/ }));
    await page.keyboard.press('Escape');
    await operate(page, DRAFT, '公示管理', '撤销公示');
    await shows(page.getByRole('heading', { name: '公示管理' }));
    const card = page.getByTestId('notice-cancellation');
    await card.getByRole('button', { name: '发布预览' }).click();
    await shows(card.getByText('请填写撤销原因'));
    await card.getByLabel('撤销原因').fill(REASON);
    await card.getByRole('button', { name: '发布预览' }).click();
    const preview = page.getByRole('dialog', { name: '撤销公示预览' });
    await settled(preview);
    await showsText(preview, DRAFT);
    await showsText(preview, REASON);
    await showsText(preview, /公示期\S*\s*\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);
    await preview.getByRole('button', { name: '发布' }).click();
    await shows(toast(page, '撤销公示已发布'));
    await goes(preview);
    const published = projectRow(card, 'GS');
    await showsText(published, REASON.slice(0, 10));
    noticeNo = (/GS\d+/.exec((await published.locator('td').first().textContent()) ?? '') ?? [])[0] as string;
    expect(noticeNo).toMatch(/^GS\d{12}$/);
    await showsText(card, '撤销公示已发布');
  });

  test('§10: 第二步 打印公示 prints the 撤销公示 with its number and reason; the public portal shows it without logging in', async () => {
    const { page } = b;
    const card = page.getByTestId('notice-cancellation');
    const printed = await printFrom(page, card.getByRole('button', { name: '打印公告' }));
    for (const text of ['维修项目撤销公示', `编号：${noticeNo}`, REASON.replace(/\s+/g, ''), DRAFT]) expect(printed).toContain(text);

    const v = visitor.page;
    await v.goto(`/notices/${noticeNo}`);
    await showsText(v.locator('main'), `${DRAFT}撤销公示`);
    await showsText(v.locator('main'), REASON);
  });

  test('F-47: 第三步 操作 › 撤销 asks first, then 撤销成功; the project is 已撤销 and offers nothing more', async () => {
    const { page } = b;
    await openMenu(page, '维修项目管理', '维修项目列表');
    await operate(page, DRAFT, '撤销');
    const confirm = page.getByRole('dialog').filter({ hasText: '撤销维修项目？' });
    await settled(confirm);
    await confirm.getByRole('button', { name: '撤销' }).click();
    await shows(toast(page, '撤销成功，项目撤销完成'));
    await showsText(projectRow(page, DRAFT), '已撤销');

    await projectRow(page, DRAFT).getByRole('link', { name: DRAFT }).click();
    await showsText(page.getByTestId('timeline'), '撤销');
    await showsText(page.getByTestId('blocked-actions'), '项目已撤销');
    await showsText(page.getByTestId('allowed-actions'), '当前没有可办理的操作');
  });
});
