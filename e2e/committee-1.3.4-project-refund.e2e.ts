// 项目清退 — owners' committee manual (seeds/000) §1.3.4: 第一步 操作 › 清退, 第二步 资金清退 › 打印通知单,
// 第三步 打印清退通知单, 第四步 the applicant pays it in at the bank, which confirms it (清退确认).
// SPEC §7.2 F-46 (amount ≤ transferred net of earlier refunds; credited back to the houses in proportion to
// their debits), §9 F-70 (清退确认), §10 Printing. The demo's 1栋屋面防水翻新 has its first phase of 93,000.00
// transferred, so the committee can take part of it back.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { type Browser, loginAs } from './browser.ts';
import { CUSTODY, openHouse } from './payment-helpers.ts';
import { printFrom, projectRow } from './project-helpers.ts';
import { goes, logout, openMenu, screenshotFailures, shows, showsText, textOf, toast, uniqueSuffix } from './helpers.ts';

const PROJECT = '1栋屋面防水翻新';
const REASON = `卷材进场抽检不合格，退回材料款（${uniqueSuffix()}）`;

let committee: Browser;
let bank: Browser;
test.beforeAll(async ({ openBrowser }) => {
  committee = await openBrowser();
  bank = await openBrowser();
});
test.afterAll(async () => {
  await bank?.close();
  await committee?.close();
});
screenshotFailures(() => [committee?.page, bank?.page]);

const rowOf = projectRow;
const statistic = (page: Page, title: string) =>
  page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');

// The tests of this file are the steps of one journey: a failed step skips the rest, a retry starts over.
test.describe.configure({ mode: 'serial' });

test.describe('1.3.4 项目清退（业主委员会、专户银行）', () => {
  let refundNo: string;
  let refundedBefore: number;
  let disbursementNo: string;

  test('F-46: 第一步 操作 › 清退 lists the transferred disbursement; more than is left of it is refused; the notice is issued', async () => {
    const { page } = committee;
    await loginAs(page, 'QCHYYWH', 'zhuren');
    await openMenu(page, '维修项目管理', '维修项目列表');
    await rowOf(page, PROJECT).getByRole('link', { name: PROJECT }).click();
    await shows(page.getByText('已清退（元）'));
    refundedBefore = Number((await textOf(statistic(page, '已清退'))).replace(/[^\d.]/g, '')) || 0;

    await openMenu(page, '维修项目管理', '维修项目列表');
    await rowOf(page, PROJECT).getByRole('button', { name: '操作' }).click();
    await page.getByRole('menuitem', { name: '清退', exact: true }).click();
    await shows(page.getByRole('heading', { name: '资金清退' }));
    const source = rowOf(page, '第 1 期');
    await showsText(source, '93,000.00');
    disbursementNo = (/BF\d{12}/.exec(await textOf(source)) ?? [])[0] as string;
    expect(disbursementNo).toBeTruthy();
    await source.getByRole('checkbox').check();
    await shows(page.getByText(/所选拨付可清退 [\d,]+\.\d{2} 元/));
    const left = (/所选拨付可清退 ([\d,]+\.\d{2}) 元/.exec(await textOf(page.getByText(/所选拨付可清退/))) ?? [])[1] as string;

    // One fen more than what is left of the disbursement is refused, naming the cap.
    const cap = Math.round(Number(left.replace(/,/g, '')) * 100);
    await page.getByLabel('清退金额').fill(((cap + 1) / 100).toFixed(2));
    await page.getByLabel('清退原因').fill(REASON);
    await page.getByRole('button', { name: '开具清退通知单' }).click();
    await shows(page.getByText(`清退金额不能超过所选拨付可清退的 ${left} 元`));

    await page.getByLabel('清退金额').fill('20000');
    await page.getByRole('button', { name: '开具清退通知单' }).click();
    await shows(toast(page, '清退通知单已开具'));
    const notice = rowOf(page, REASON);
    await showsText(notice, '20,000.00');
    await showsText(notice, '已提交');
    refundNo = (/QT\d+/.exec(await textOf(notice.locator('td').first())) ?? [])[0] as string;
    expect(refundNo).toBeTruthy();
  });

  test('F-46 §10: 第二步 第三步 打印通知单 prints the 清退通知单 with its number, the amount in capitals and the disbursement it returns', async () => {
    const { page } = committee;
    const printed = await printFrom(page, rowOf(page, REASON).getByRole('button', { name: '打印通知单' }));
    for (const text of [
      '维修资金清退通知单',
      `编号：${refundNo}`,
      '人民币贰万元整',
      REASON.replace(/\s+/g, ''),
      disbursementNo,
      '缴款账号',
      CUSTODY.accountNo,
    ]) {
      expect(printed).toContain(text);
    }
  });

  test('F-70 F-46: 第四步 the teller confirms the notice at 清退确认 — a wrong amount is refused, the right one is credited back to the houses', async () => {
    const { page } = bank;
    await loginAs(page, 'ICBCJM', 'teller01');
    await openMenu(page, '银行业务', '清退确认');
    await shows(page.getByRole('heading', { name: '清退确认' }));
    await page.getByLabel('清退通知单号').fill(refundNo);
    await page.getByRole('button', { name: '查询' }).click();
    const dialog = page.getByRole('dialog', { name: `清退确认：${refundNo}` });
    await showsText(dialog, '20,000.00 元（人民币贰万元整）');
    await dialog.getByLabel('清退金额（元）').fill('2000');
    await dialog.getByLabel('银行流水号').fill(`QT${uniqueSuffix()}`);
    await dialog.getByRole('button', { name: '确认清退' }).click();
    await showsText(dialog.getByRole('alert'), '须与');
    await dialog.getByLabel('清退金额（元）').fill('20000.00');
    await dialog.getByRole('button', { name: '确认清退' }).click();
    await shows(page.getByText('清退确认成功'));
    await goes(dialog);

    // The committee sees the refund booked on the project, and what is left refundable shrinks by it.
    const c = committee.page;
    await c.reload();
    await showsText(rowOf(c, REASON), '银行已确认');
    await showsText(rowOf(c, '第 1 期'), '93,000.00');
    await openMenu(c, '维修项目管理', '维修项目列表');
    await rowOf(c, PROJECT).getByRole('link', { name: PROJECT }).click();
    const refunded = Number((await textOf(statistic(c, '已清退'))).replace(/[^\d.]/g, ''));
    expect(Math.round(refunded * 100)).toBe(Math.round(refundedBefore * 100) + 2_000_000);
    await showsText(c.getByTestId('timeline'), '清退');
  });

  test('F-46 R-48: a 1栋 house’s 分户账明细 shows the 维修支出 of the transfer and the 清退 credited back under the notice’s number', async ({
    openBrowser,
  }) => {
    const office = await openBrowser();
    try {
      await loginAs(office.page, 'JMWXZJ', 'admin');
      // A house of the demo city's 1栋, which the project's range holds: a house supplemented later by
      // the registry specs (1栋1单元1901) is not in it and has no statement yet.
      const drawer = await openHouse(office.page, '侨城花园', '1栋', '1单元1801');
      await drawer.getByRole('button', { name: '分户账明细' }).click();
      const statement = office.page.getByRole('dialog', { name: /^分户账明细：/ });
      // Other specs may have debited the same house for other projects since: the row is this project's.
      await shows(statement.getByRole('row').filter({ hasText: '维修支出' }).filter({ hasText: PROJECT }).first());
      const credit = statement.getByRole('row').filter({ hasText: refundNo });
      await showsText(credit, '清退');
      // The house gets back its part of 20,000.00 in proportion to its debit: a positive amount below its debit.
      // Read from its own cell (日期, 类型, 对方/单号, 摘要, 金额): the row's whole text runs the memo's
      // serial, which may end in digits, into the amount.
      const amount = Number((await textOf(credit.getByRole('cell').nth(4))).replace(/[^\d.]/g, ''));
      expect(amount).toBeGreaterThan(0);
      expect(amount).toBeLessThan(20_000);
    } finally {
      await office.close();
    }
  });

  test('§1 the 经办人 sees 清退 and 项目验收 with the reason up front and the forms disabled, not a refusal at submit', async () => {
    const { page } = committee;
    await logout(page);
    await loginAs(page, 'QCHYYWH', 'jingban');
    await openMenu(page, '维修项目管理', '维修项目列表');
    await rowOf(page, PROJECT).getByRole('button', { name: '操作' }).click();
    await page.getByRole('menuitem', { name: '清退', exact: true }).click();
    await shows(page.getByRole('heading', { name: '资金清退' }));
    await showsText(page.getByTestId('no-submit-permission'), '您的角色不能办理资金清退');
    await showsText(page.getByTestId('no-submit-permission'), '须由主任或委员办理');
    await expect.poll(() => page.getByRole('button', { name: '开具清退通知单' }).isDisabled()).toBe(true);
    await expect.poll(() => page.getByLabel('清退原因').isDisabled()).toBe(true);

    await openMenu(page, '维修项目管理', '维修项目列表');
    await rowOf(page, PROJECT).getByRole('button', { name: '操作' }).click();
    await page.getByRole('menuitem', { name: '项目验收', exact: true }).click();
    await shows(page.getByRole('heading', { name: '项目验收' }));
    await showsText(page.getByTestId('no-submit-permission'), '您的角色不能办理项目验收');
    await expect.poll(() => page.getByLabel('结算金额').isDisabled()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: '提交', exact: true }).isDisabled()).toBe(true);
  });
});
